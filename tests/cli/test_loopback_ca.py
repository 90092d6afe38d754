"""Prefect's API clients of a home's flow commands read a CA bundle of one certificate: the home's
server speaks plain HTTP on 127.0.0.1 (translate_pub.orchestra.plain)."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
from pathlib import Path

import certifi
import pytest

from translate_pub.orchestra.plain import (
    BUNDLE,
    one_certificate_bundle,
    prefect_build,
    same_prefect,
)


def test_the_bundle_holds_one_of_certifi_s_certificates(tmp_path: Path) -> None:
    bundle = one_certificate_bundle(tmp_path)
    assert bundle == tmp_path / BUNDLE
    context = ssl.create_default_context(cafile=str(bundle))
    assert context.cert_store_stats()["x509_ca"] == 1
    assert bundle.read_text(encoding="ascii") in Path(certifi.where()).read_text(
        encoding="ascii"
    )
    assert one_certificate_bundle(tmp_path) == bundle  # made once


def test_no_bundle_where_none_can_be_written(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    assert one_certificate_bundle(tmp_path / "file") is None


def test_the_prefect_build_is_read_without_importing_prefect() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from translate_pub.orchestra.plain import prefect_build; "
            "print(prefect_build(), 'prefect' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    import prefect
    from prefect import _build_info

    build = f"{prefect.__version__} {_build_info.__git_commit__}"
    assert done.stdout.split() == [*build.split(), "False"]
    assert prefect_build() == build
    assert same_prefect({"prefect": build})
    assert not same_prefect({"prefect": "3.0.0 " + "0" * 40}) and not same_prefect({})


# In a new Python (Prefect not loaded): connect to the home's server, print the bundle Prefect gets.
CONNECT = """
import os, sys
from translate_pub import config
from translate_pub.orchestra import supervisor
settings = config.load(sys.argv[1])
print(supervisor.connect(settings))
print(os.environ.get("PREFECT_API_SSL_CERT_FILE"))
print(os.environ.get("PREFECT_CLIENT_SERVER_VERSION_CHECK_ENABLED"))
print(os.environ.get("PREFECT_CLIENT_CSRF_SUPPORT_ENABLED"))
"""


@pytest.mark.flow
@pytest.mark.parametrize("own", [None, "/etc/ssl/certs/mine.pem"])
def test_the_home_s_server_gets_the_bundle_unless_one_is_configured(
    tmp_path: Path, own: str | None
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PREFECT_API_URL", "PREFECT_HOME", "PREFECT_API_AUTH_STRING")
        and k
        not in (
            "PREFECT_API_SSL_CERT_FILE",
            "PREFECT_CLIENT_SERVER_VERSION_CHECK_ENABLED",
            "PREFECT_CLIENT_CSRF_SUPPORT_ENABLED",
        )
    }
    if own:
        env["PREFECT_API_SSL_CERT_FILE"] = own
    home = tmp_path / "home"
    try:
        done = subprocess.run(
            [sys.executable, "-c", CONNECT, str(home)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        api, bundle, version_check, csrf = done.stdout.split()
        assert api.startswith("http://127.0.0.1:")
        assert bundle == (own or str((home / "prefect" / BUNDLE).resolve()))
        assert version_check == "false"  # the server runs this installation's Prefect
        assert csrf == "false"  # and wants no CSRF token
    finally:
        cli = "from translate_pub.cli import console; console()"
        stop = [sys.executable, "-c", cli, "--home", str(home)]
        subprocess.run([*stop, "server", "stop"], env=env, capture_output=True)
