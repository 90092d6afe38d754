"""Prefect flows: thin wrappers that call the pipeline stages in order.

All logic lives in `translate_pub`; a flow only sequences tasks so every run shows in
the Prefect UI with its state, retries and logs.
"""
