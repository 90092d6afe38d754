#!/usr/bin/env python3
"""Set up the project's .venv from the lock file, then run the demo or the tests.

    python3 dev.py demo [ARGS]    set up, then `translate-pub demo ARGS`
    python3 dev.py test [ARGS]    set up (and Debian packages when root), then lint and pytest ARGS
    python3 dev.py test --quick   the same without the browser and Prefect tests (the edit loop)
    python3 dev.py setup          set up only

Needs only python3 (>= 3.11). Idempotent: when the lock file, pyproject.toml and setup.py are
unchanged since the last set-up, setting up is a hash comparison (well under 3 s).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".translate-pub-installed"
# Debian packages the tests drive for real: a browser, a database server, hugo for
# the publish benchmark anchor, apertium for the offline ru→uk engine, npm and java for the
# standard page checks (tests/standards.py: the Nu HTML checker and axe-core from package.json).
DEBIAN_PACKAGES = {
    "/usr/bin/chromium": "chromium",
    "/usr/lib/postgresql": "postgresql",
    "/usr/bin/apertium": "apertium",
    "/usr/share/apertium/modes/rus-ukr.mode": "apertium-rus-ukr",
    "/usr/bin/rsync": "rsync",
    "/usr/bin/java": "default-jre-headless",
    "/usr/bin/npm": "npm",
}
NODE_STAMP = ROOT / "node_modules" / ".translate-pub-installed"
# Pinned in the lock but installed without their dependencies: natasha only ships the
# slovnet/navec model files the glossary tagger loads; its own code needs pymorphy2,
# which is broken on Python 3.11 and which nothing here imports.
FILES_ONLY = ("natasha",)
LINTED = ("src", "flows", "tests", "benchmarks", "dev.py", "setup.py")
QUICK = "not browser and not flow"  # pytest markers `test --quick` leaves out


def _digest() -> str:
    h = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml", "setup.py"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def _run(*cmd: str | os.PathLike[str]) -> None:
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT)
    if result.returncode:
        sys.exit(
            f"dev.py: {' '.join(str(c) for c in cmd[:4])} … failed (exit {result.returncode})"
        )


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py runs under any python3)
        sys.exit("dev.py: Python >= 3.11 is needed")
    digest = _digest()
    if (
        STAMP.exists()
        and STAMP.read_text() == digest
        and (BIN / "translate-pub").exists()
    ):
        if not any((VENV / "share" / "translate-pub").glob("prefect-*.db")):
            _run(BIN / "python", "-m", "translate_pub.orchestra.seed")
        return
    if not (BIN / "python").exists():
        _run(sys.executable, "-m", "venv", VENV)
    pip = (
        BIN / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    )
    pins = (ROOT / "requirements.lock").read_text().splitlines()
    files_only = [p for p in pins if p.split("==")[0].strip().lower() in FILES_ONLY]
    requirements = VENV / "requirements-with-deps.txt"
    requirements.write_text("\n".join(p for p in pins if p not in files_only) + "\n")
    _run(*pip, "-r", requirements)
    _run(*pip, "--no-deps", *files_only)
    _run(*pip, "--no-deps", "--no-build-isolation", "-e", ROOT)
    # A migrated, empty Prefect database, copied into each new home (src/translate_pub/orchestra/seed.py): a
    # fresh home's Prefect server then starts in half the time.
    _run(BIN / "python", "-m", "translate_pub.orchestra.seed")
    STAMP.write_text(digest)


def debian_packages() -> None:
    """Install what the browser, PostgreSQL and apertium tests need (root only)."""
    missing = [pkg for path, pkg in DEBIAN_PACKAGES.items() if not Path(path).exists()]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(
            f"dev.py: not root; tests needing {', '.join(missing)} will be skipped",
            file=sys.stderr,
        )
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *missing],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def node_packages() -> None:
    """The npm packages of the page checks (package-lock.json), when npm is there; a hash check after."""
    lock = ROOT / "package-lock.json"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if NODE_STAMP.exists() and NODE_STAMP.read_text() == digest:
        return
    if not shutil.which("npm"):
        print(
            "dev.py: npm is missing; the Nu HTML checker and axe-core tests will be skipped",
            file=sys.stderr,
        )
        return
    # --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used.
    _run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")
    NODE_STAMP.write_text(digest)


def main(argv: list[str]) -> None:
    command, args = (argv[0], argv[1:]) if argv else ("demo", [])
    setup()
    if command == "setup":
        node_packages()
        return
    if command == "demo":
        os.execv(BIN / "translate-pub", [str(BIN / "translate-pub"), "demo", *args])
    if command == "test":
        debian_packages()
        node_packages()
        _run(BIN / "ruff", "check", *LINTED)
        _run(BIN / "ruff", "format", "--check", *LINTED)  # one layout, one line length
        if "--quick" not in args:  # types: the full run (CI); the edit loop leaves them
            _run(BIN / "mypy", "src", "flows")
        if (
            "--quick" in args
        ):  # the edit loop: no browser, no Prefect server (CI runs everything)
            args = [a for a in args if a != "--quick"] + ["-m", QUICK]
        os.chdir(ROOT)
        os.execv(BIN / "python", [str(BIN / "python"), "-m", "pytest", *args])
    sys.exit(f"dev.py: unknown command {command!r} (demo, test, setup)")


if __name__ == "__main__":
    main(sys.argv[1:])
