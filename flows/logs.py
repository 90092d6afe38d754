"""Prefect's logging set-up, without turning every Prefect setting into a variable first.

Every flow run loads Prefect's user API (`prefect.main`), which configures logging from
Prefect's logging.yml: its `${PREFECT_…}` placeholders are filled from a table of all of
Prefect's settings as environment variables (`to_environment_variables`), built in full
for the three log levels the file names, about 60 ms of a flow command's CPU.
`lean_logging_config` is Prefect's `load_logging_config` filling each placeholder as it
is met: those three levels read from their settings, anything else (a logging file of the
user's own, PREFECT_LOGGING_SETTINGS_PATH) from the full table, as before. The package
installs it before any flow module loads Prefect's user API; a process that loaded it
earlier keeps Prefect's own.
"""

from __future__ import annotations

import os
import string
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from prefect.logging import configuration
from prefect.settings import get_current_settings
from prefect.settings.base import PrefectBaseSettings
from prefect.utilities.collections import dict_to_flatdict, flatdict_to_dict

# The placeholders of Prefect's logging.yml, read from the setting of the same name.
LEVELS = (
    "PREFECT_LOGGING_LEVEL",
    "PREFECT_INTERNAL_LOGGING_LEVEL",
    "PREFECT_SERVER_LOGGING_LEVEL",
)


class Placeholders(Mapping[str, str]):
    """The settings as environment variables, as a logging file asks for them."""

    def __init__(self, settings: PrefectBaseSettings) -> None:
        self.settings = settings
        self.table: dict[str, str] | None = None

    def __getitem__(self, name: str) -> str:
        if name in LEVELS:
            import prefect.settings

            return str(getattr(prefect.settings, name).value_from(self.settings))
        return self.everything()[name]

    def everything(self) -> dict[str, str]:
        if self.table is None:
            self.table = self.settings.to_environment_variables(include_aliases=True)
        return self.table

    def __iter__(self) -> Iterator[str]:
        return iter(self.everything())

    def __len__(self) -> int:
        return len(self.everything())


def lean_logging_config(path: Path) -> dict[str, Any]:
    """`prefect.logging.configuration.load_logging_config`, its placeholders filled lazily."""
    template = string.Template(path.read_text())
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        config = yaml.safe_load(
            template.substitute(Placeholders(get_current_settings()))
        )
    # Overrides from the environment, as Prefect reads them
    flat_config: dict[tuple[str, ...], Any] = dict_to_flatdict(config)
    for key_tup, val in flat_config.items():
        name = configuration.to_envvar("PREFECT_LOGGING_" + "_".join(key_tup)).upper()
        env_val = os.environ.get(name)
        if env_val:
            val = env_val.split(",") if isinstance(val, list) else env_val
        flat_config[key_tup] = val
    return flatdict_to_dict(flat_config)  # type: ignore[no-any-return]


def install() -> None:
    """Prefect's set-up reads the logging file through `lean_logging_config` from now on."""
    configuration.load_logging_config = lean_logging_config
