"""Fixtures for the publish tests: settings with a site URL under a path prefix."""

from __future__ import annotations

from dataclasses import replace

import pytest

from translate_pub.config import Settings


@pytest.fixture
def site_settings(settings: Settings) -> Settings:
    return replace(
        settings, site_url="https://example.org/rights/", publisher="Rights in Russia"
    )
