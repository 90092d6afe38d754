"""The package list, which pyproject.toml cannot say: the `translate_pub` packages from src/ and
the flows/ folder installed as `translate_pub_flows`, so that site-packages gets no top-level
package with a name as generic as `flows`. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src", include=["translate_pub*"]), "translate_pub_flows"],
    package_dir={"": "src", "translate_pub_flows": "flows"},
)
