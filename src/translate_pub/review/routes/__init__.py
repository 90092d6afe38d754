"""The app's routes, one module per part of the newsroom's day."""
