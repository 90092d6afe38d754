"""The only package that talks to the database.

`Store` owns the engine and hands out transactions; the modules beside it
(documents, translations, users, …) are functions over a `Connection`.
"""

from translate_pub.store.db import Store, open_store

__all__ = ["Store", "open_store"]
