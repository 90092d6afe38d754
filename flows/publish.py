"""Publish flow: approved editions → the bilingual static site, built atomically."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from prefect import get_run_logger, task

from translate_pub import lifeline
from translate_pub.config import Settings  # by name: Prefect has a `config`
from translate_pub.model import PublishReport
from translate_pub.orchestra import guard
from translate_pub.publish import deploy, search
from translate_pub.publish.site import publish_site
from translate_pub.store import open_store, workflow
from translate_pub_flows.lean import flow


@task(name="build-site")
def build_site(settings: Settings, out: str) -> PublishReport:
    with open_store(settings.db_url) as store:
        report = publish_site(store, settings, out, search=True)
        with store.begin() as conn:
            workflow.published(conn, report)
    get_run_logger().info(report.summary())
    return report


@task(name="index-search")
def index_search(out: str) -> float:
    """After the site is live: the readers' search index, swapped in on its own (publish.search)."""
    seconds = search.index_site(Path(out))
    get_run_logger().info("search index up to date (%.1f s)", seconds)
    return seconds


@task(name="deploy-site")
def deploy_site(settings: Settings, out: str) -> str:
    summary = deploy.deploy(out, settings)
    get_run_logger().info(summary)
    return summary


@flow(name="publish")
def publish_flow(settings: Settings, out: str) -> PublishReport:
    """`settings`: the command's (`config.as_parameter`); a deployment run's are checked."""
    lifeline.tie_to_parent()  # run by `serve`'s runner: a SIGKILLed serve takes this run down too
    # A deployment run publishes only this home's site; its tasks are handed the object.
    settings = guard.check_run(settings, out)
    report = build_site(settings, out)
    if report.site is None:
        return report
    deploying = bool(settings.deploy)  # rsync or S3 (see translate_pub.publish.deploy)
    if deploying:
        report = replace(report, deployed=deploy_site(settings, out))
    index_search(out)
    if (
        deploying
    ):  # again, now with the new index: the site went out without waiting for it
        deploy_site(settings, out)
    return report
