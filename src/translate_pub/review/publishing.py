"""What the review app's Publish button needs: a `Publisher` that starts a publish run without
waiting for it and reports its state. The app receives one (`create_app(settings, publisher)`);
the Prefect one lives at the edge, in src/translate_pub/orchestra/publisher.py."""

from __future__ import annotations

from typing import Protocol

from translate_pub.config import Settings


class Publisher(Protocol):
    async def trigger(self, settings: Settings) -> str:
        """Start publishing the site of `settings`; the run's id."""
        ...

    async def state(self, run_id: str) -> tuple[str, str]:
        """The state of run `run_id`, as a word for people (e.g. Running, Completed), and why it
        failed ("" unless it did)."""
        ...
