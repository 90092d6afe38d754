"""`translate-pub preview`: serve the last published site on 127.0.0.1, for a look before it goes out.

The folder is served through its link (see publish/site.py), so each request reads the build that
is live at that moment: publishing again while the preview runs shows the new site on reload.
Search works here too (the index is served like any file). Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

from translate_pub import config
from translate_pub.cli.core import settings_of
from translate_pub.errors import InputError

PORT = config.PREVIEW_PORT


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "preview", help="serve the last published site on 127.0.0.1 for a look"
    )
    p.add_argument(
        "--out",
        help="the site folder given to publish (default: the home's, where Publish writes)",
    )
    p.add_argument(
        "--port",
        type=int,
        default=PORT,
        help=f"port on 127.0.0.1 (default {PORT}; 0: any free one)",
    )
    p.set_defaults(func=cmd_preview)


def site_folder(args: argparse.Namespace) -> Path:
    folder = Path(args.out or config.site_dir(settings_of(args)))
    if not (folder / "index.html").is_file():
        raise InputError(
            str(folder),
            "no published site here: run `translate-pub publish --out` first",
        )
    return folder


def cmd_preview(args: argparse.Namespace) -> int:
    # http.server (and the email package under it) loads here, not with every command
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class _Quiet(SimpleHTTPRequestHandler):
        """Static files only; no request log on the terminal."""

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    folder = site_folder(args)
    try:
        server = ThreadingHTTPServer(
            ("127.0.0.1", args.port), functools.partial(_Quiet, directory=str(folder))
        )
    except OSError as exc:
        raise InputError(
            f"127.0.0.1:{args.port}",
            f"cannot listen there ({exc.strerror}); try --port",
        ) from None
    with server:
        print(
            f"serving {folder} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)",
            flush=True,
        )
        server.serve_forever()
    return 0
