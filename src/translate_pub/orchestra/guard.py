"""What a deployment's flow run may be asked to do. Anyone who can reach a Prefect API can start a
deployment with parameters of their choosing; a flow run that came from a deployment therefore
checks them against the process that runs it:

- the home of its `settings` must be this process's own home (TRANSLATE_PUB_HOME: `serve` sets it
  for its runner, a worker has it in its environment), and the run then works with this process's
  own settings, not the ones it was given: a caller picks neither the database nor any limit;
- `out` (publish) must be that home's site, or the site the deployment was registered with
  (`translate_pub_flows.deploy --site`).

Anything else is refused: the run fails with the reason in its log, and the refusal goes into the
home's audit log. A publish run that the review app's Publish button did not start (it tags its runs
`APP_TAG`) is recorded in the audit log with who started it, as far as Prefect knows. Flows called
directly (the CLI) are the user's own: they keep the settings the command passed, with the command's
own database (`config.with_database`), and are not checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from translate_pub import config
from translate_pub.config import site_dir
from translate_pub.errors import ConfigError
from translate_pub.store import open_store
from translate_pub.store.users import audit

APP_TAG = "translate-pub:publish-button"
REFUSED = "prefect-run-refused"
STARTED = "publish-started-outside-app"


class RefusedRun(ConfigError):
    """A deployment run asked for a home or site that is not this process's own."""


def check_run(settings: config.Settings, out: str | None = None) -> config.Settings:
    """The settings a flow run works with: those it was passed when it was called directly, this
    process's own for a deployment run. Refuses (raises `RefusedRun`, logged and audited) a
    deployment run whose home or site are not ours."""
    run = _deployment_run()
    if run is None:
        return config.with_database(settings)
    own = config.load()
    problems = _problems(own, run, str(settings.home), out)
    who = _who(run)
    if problems:
        reason = "; ".join(problems)
        _audit(own, who, REFUSED, f"flow run {run.name} ({run.id}): {reason}")
        _logger().error("refused: %s", reason)
        raise RefusedRun(f"refused: {reason}")
    if out is not None and APP_TAG not in (run.tags or []):
        _audit(own, who, STARTED, f"flow run {run.name} ({run.id})")
    return own


def _deployment_run() -> Any:
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    run = context.flow_run if context else None
    return run if run is not None and run.deployment_id is not None else None


def _problems(own: config.Settings, run: Any, home: str, out: str | None) -> list[str]:
    problems = []
    if _resolved(home) != own.home.resolve():
        problems.append(
            f"home {home!r} is not this server's home {str(own.home.resolve())!r}"
        )
    if out is not None and _resolved(out) not in {
        _resolved(
            site_dir(own)
        ),  # both read through the link now, whenever the run was queued
        *_registered_out(run),
    }:
        problems.append(f"out {out!r} is not this home's site {site_dir(own)!r}")
    return problems


def _registered_out(run: Any) -> set[Path]:
    """The `out` the run's deployment was registered with, if any (a worker set-up's --site)."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        registered = client.read_deployment(run.deployment_id).parameters.get("out")
    return {_resolved(registered)} if isinstance(registered, str) else set()


def _resolved(path: str) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, ValueError, RuntimeError):
        return Path("/nonexistent/unresolvable")


def _who(run: Any) -> str:
    """Who started `run`, as far as Prefect knows (an automation, a schedule, or the API)."""
    if run.created_by is not None:
        return f"prefect:{run.created_by.type}:{run.created_by.display_value or run.created_by.id}"
    if getattr(run, "auto_scheduled", False):
        return "prefect:schedule"
    return "prefect:api"


def _audit(own: config.Settings, who: str, action: str, detail: str) -> None:
    with open_store(own.db_url) as store, store.begin() as conn:
        audit(conn, who, action, detail)


def _logger() -> Any:
    from prefect import get_run_logger

    return get_run_logger()
