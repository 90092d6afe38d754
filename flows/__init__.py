"""Prefect flows: thin wrappers that call the pipeline stages in order.

All logic lives in `translate_pub`; a flow only sequences tasks so every run shows in
the Prefect UI with its state, retries and logs. Installed as `translate_pub_flows` (see
setup.py); the Prefect server, the Publish button's runner and the seed database live in
`translate_pub.orchestra`.
"""

from translate_pub_flows import logs

logs.install()  # before a flow module loads Prefect's user API, which sets up logging
