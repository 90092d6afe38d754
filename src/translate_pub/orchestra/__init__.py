"""Prefect at the edge, beside the flows: the home's Prefect server (`supervisor`), the review
app's Publish button on Prefect (`publisher`) and the migrated seed database a new home's
server starts from (`seed`). The flows themselves (flows/, installed as `translate_pub_flows`)
only sequence stage functions."""
