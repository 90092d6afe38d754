"""Library versions read from dist-info folder names agree with importlib.metadata."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as metadata_version

import pytest

from translate_pub.terms import installed
from translate_pub.terms.cache import LIBRARIES
from translate_pub.terms.tagger import MORPH, NAVEC


@pytest.mark.parametrize(
    "name", [*LIBRARIES, "natasha", "babel", "lemminflect", "PyMorphy3_Dicts.RU"]
)
def test_versions_are_the_installed_ones(name: str) -> None:
    assert installed.version(name) == metadata_version(name)


def test_an_unknown_distribution_is_asked_of_importlib_metadata() -> None:
    with pytest.raises(PackageNotFoundError):
        installed.version("no-such-distribution-here")


def test_natasha_data_is_found_without_importing_natasha() -> None:
    assert (
        installed.data_file("natasha", MORPH).is_file()
        and installed.data_file("natasha", NAVEC).is_file()
    )
    with pytest.raises(ModuleNotFoundError):
        installed.data_file("no_such_package_here", MORPH)
