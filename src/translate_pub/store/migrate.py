"""Developer command: generate a migration from the difference between schema.py and the
migrations so far (`python -m translate_pub.store.migrate revision "message"`)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from translate_pub.store.db import Store, alembic_config


def revision(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'gen.sqlite'}"
        Store(url).migrate()
        command.revision(alembic_config(url), message=message, autogenerate=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit('usage: python -m translate_pub.store.migrate revision "message"')
    revision(sys.argv[2])
