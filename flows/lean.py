"""Our flows' class: Prefect's `Flow`, with a run's parameters made JSON by pydantic's own
encoder instead of FastAPI's.

Prefect records every flow run's parameters, encoded by `fastapi.encoders.jsonable_encoder`;
importing FastAPI for that costs each flow command about 0.1 s of its start-up. Our
parameters are dataclasses (Settings), paths, strings, numbers and lists of them, which
`pydantic_core.to_jsonable_python` encodes to the same JSON. A value it cannot encode, and a
future or state (Prefect writes a placeholder for those), still goes through Prefect's own
method, so nothing is recorded differently.

Making a flow costs Prefect more than it uses: `Flow.__init__` computes the parameters' JSON
schema (`Flow.parameters`, which Prefect never reads: a deployment computes its own) and
builds a parameter validator only to see that it can (each run builds its own). For one
flow of ours that is 10-40 ms of a command's start-up. A `LeanFlow` computes the schema when
it is first read and skips the early check; its runs validate their parameters as before.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

import prefect.flows
from prefect import Flow
from prefect.futures import PrefectFuture
from prefect.states import State
from prefect.utilities.callables import ParameterSchema, parameter_schema
from pydantic_core import PydanticSerializationError, to_jsonable_python

_MAKING = ContextVar("making a LeanFlow", default=False)
_UNREAD = ParameterSchema()  # what Flow.__init__ is given while a LeanFlow is made


def _schema_unless_lean(fn: Callable[..., Any]) -> ParameterSchema:
    """Prefect's `parameter_schema`, as Flow.__init__ calls it; deferred for a LeanFlow."""
    return _UNREAD if _MAKING.get() else parameter_schema(fn)


prefect.flows.parameter_schema = _schema_unless_lean  # type: ignore[attr-defined]


class LeanFlow(Flow):  # type: ignore[type-arg]
    """A Prefect flow whose parameters are encoded without FastAPI, whose parameter schema
    is computed when read (see the module)."""

    def __init__(self, fn: Callable[..., Any], **options: Any) -> None:
        validate = options.pop("validate_parameters", True)
        making = _MAKING.set(True)
        try:  # no early check: it builds a validator only to drop it
            super().__init__(fn, validate_parameters=False, **options)
        finally:
            _MAKING.reset(making)
        self.should_validate_parameters = validate

    @property  # type: ignore[override]
    def parameters(self) -> ParameterSchema:
        schema = self.__dict__.get("_schema")
        if schema is None:
            schema = self.__dict__["_schema"] = parameter_schema(self.fn)
        return schema

    @parameters.setter
    def parameters(self, schema: ParameterSchema) -> None:
        self.__dict__["_schema"] = None if schema is _UNREAD else schema

    def serialize_parameters(self, parameters: dict[str, Any]) -> dict[str, Any]:
        if (
            self.ismethod or self.isclassmethod
        ):  # Prefect leaves out the bound self or class
            return super().serialize_parameters(parameters)
        encoded: dict[str, Any] = {}
        for key, value in parameters.items():
            try:
                if isinstance(value, (PrefectFuture, State)):
                    raise TypeError("Prefect writes a placeholder")
                encoded[key] = to_jsonable_python(value)
            except (PydanticSerializationError, TypeError, ValueError, RecursionError):
                encoded.update(super().serialize_parameters({key: value}))
        return encoded

    def with_options(self, *args: Any, **kwargs: Any) -> LeanFlow:
        copy = super().with_options(*args, **kwargs)
        copy.__class__ = LeanFlow  # Prefect builds a plain Flow; same state, our method
        return copy  # type: ignore[return-value]


def flow(**options: Any) -> Callable[[Callable[..., Any]], LeanFlow]:
    """`prefect.flow(name=…, …)` for our flows, making a `LeanFlow` whose results are not
    persisted (`persist_result=False`, unless given): nothing reads a run's result back from
    Prefect's storage, and Prefect, left to decide, asks the server for its default storage
    before every run to learn whether to persist (a round trip on the way to the first task;
    the home's server has none, so it never did)."""

    def make(fn: Callable[..., Any]) -> LeanFlow:
        return LeanFlow(fn, **{"persist_result": False, **options})

    return make
