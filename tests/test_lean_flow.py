"""Our flows record the parameters Prefect would record, without loading FastAPI to encode them
(translate_pub_flows.lean)."""

from __future__ import annotations

import json
from pathlib import Path

from prefect import Flow
from prefect.states import Completed

from tests.fresh import fresh_json
from translate_pub import config
from translate_pub.config import Settings
from translate_pub_flows.ingest import ingest_flow, poll_outlets
from translate_pub_flows.lean import LeanFlow
from translate_pub_flows.publish import publish_flow
from translate_pub_flows.translate import translate_flow

# In a new Python: the ingest flow's parameters as Prefect records them, and whether FastAPI loaded.
ENCODE = """
import json, sys
from translate_pub import config
from translate_pub_flows.ingest import ingest_flow
settings = config.as_parameter(config.load(sys.argv[1]))
encoded = ingest_flow.serialize_parameters(
    {"settings": settings, "sources": ["a.md"], "outlet": "local"}
)
print(json.dumps({"encoded": encoded, "fastapi": "fastapi" in sys.modules}))
"""


def parameters(settings: Settings, tmp_path: Path) -> list[tuple[LeanFlow, dict]]:
    given = config.as_parameter(settings)
    return [
        (ingest_flow, {"settings": given, "sources": ["a.md", "https://x/"]}),
        (poll_outlets, {"settings": given, "outlets_file": None}),
        (translate_flow, {"settings": given, "engine": "recorded", "targets": ["en"]}),
        (publish_flow, {"settings": given, "out": str(tmp_path / "site")}),
    ]


def test_the_parameters_are_recorded_as_prefect_records_them(
    settings: Settings, tmp_path: Path
) -> None:
    for flow, given in parameters(settings, tmp_path):
        assert isinstance(flow, LeanFlow)
        plain = Flow(flow.fn, name=flow.name)
        assert flow.serialize_parameters(given) == plain.serialize_parameters(given)
        assert flow.serialize_parameters(given)["settings"]["home"] == str(
            settings.home.resolve()
        )


def test_a_state_or_an_unencodable_value_goes_prefect_s_way(
    settings: Settings, tmp_path: Path
) -> None:
    odd = {"settings": Completed(), "sources": [object()], "outlet": "x"}
    plain = Flow(ingest_flow.fn, name="ingest")
    assert ingest_flow.serialize_parameters(odd) == plain.serialize_parameters(odd)
    assert ingest_flow.serialize_parameters(odd)["settings"] == "<State>"


def test_a_copy_with_other_options_is_lean_too() -> None:
    assert isinstance(ingest_flow.with_options(name="other"), LeanFlow)


def test_encoding_the_parameters_does_not_load_fastapi(settings: Settings) -> None:
    result = fresh_json(ENCODE, str(settings.home))
    assert result["fastapi"] is False
    assert result["encoded"]["sources"] == ["a.md"]
    assert result["encoded"]["settings"]["targets"] == list(settings.targets)


def test_no_flow_persists_its_result(settings: Settings, tmp_path: Path) -> None:
    # Nothing reads a result back from Prefect's storage; left unsaid, Prefect asks the server
    # before each run whether to persist it.
    for flow, _ in parameters(settings, tmp_path):
        assert flow.persist_result is False
        assert flow.with_options(name="other").persist_result is False


def test_the_parameter_schema_is_prefect_s_when_read(
    settings: Settings, tmp_path: Path
) -> None:
    from prefect.utilities.callables import parameter_schema

    for flow, _ in parameters(settings, tmp_path):
        assert flow.parameters == parameter_schema(flow.fn)
        assert flow.parameters.properties["settings"]  # not the placeholder
        assert flow.with_options(name="other").parameters == flow.parameters
    assert Flow(publish_flow.fn, name="plain").parameters == publish_flow.parameters


def test_a_run_s_parameters_are_still_validated(
    settings: Settings, tmp_path: Path
) -> None:
    # A deployment's run gets its parameters as JSON: validation makes the Settings again.
    given = config.as_parameter(settings)
    sent = json.loads(
        json.dumps(
            publish_flow.serialize_parameters(
                {"settings": given, "out": str(tmp_path / "site")}
            )
        )
    )
    assert publish_flow.should_validate_parameters
    assert publish_flow.validate_parameters(sent)["settings"] == given
