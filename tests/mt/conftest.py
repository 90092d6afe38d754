"""Fixtures for the MT tests: the fake MT service and the test glossary."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.mt_service import Behaviour, FakeMT, serve
from tests.mt.support import FIXTURES
from translate_pub.terms.glossary import Glossary, load_glossary


@pytest.fixture
def fake() -> Iterator[FakeMT]:
    with serve(Behaviour()) as service:
        yield service


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return load_glossary(FIXTURES / "glossary.csv")
