"""Translate flow: machine-translate pending segments for each target language."""

from __future__ import annotations

from prefect import flow, get_run_logger, task

from translate_pub import config
from translate_pub.mt.pipeline import translate_pending
from translate_pub.mt.registry import get_engine
from translate_pub.store import open_store
from translate_pub.terms.glossary import load_glossary


@task(name="translate-language")
def translate_language(home: str, engine: str, lang: str) -> str:
    settings = config.load(home)
    with open_store(settings.db_url) as store:
        report = translate_pending(store, get_engine(engine), load_glossary(settings.glossary),
                                   settings.source_lang, lang)
    get_run_logger().info(report.summary(lang))
    return report.summary(lang)


@flow(name="translate")
def translate_flow(home: str, engine: str, targets: list[str]) -> list[str]:
    return [translate_language(home, engine, lang) for lang in targets]
