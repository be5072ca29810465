"""Building, serving and browsing the site on this machine: the one place for it.

- ``mkdocs_env``, ``mkdocs_command``, ``build_site``: a ``mkdocs`` subprocess as ``make site``
  runs it (fixed ``SOURCE_DATE_EPOCH``, no MkDocs 2.0 banner, the venv's ``node`` on ``PATH``,
  optionally ``SITE_URL`` and ``NN101_SKIP_FIGURES``); ``build_book``: every edition, as
  ``make site`` builds them;
- ``serve``: the built site on 127.0.0.1 as GitHub Pages serves it (threaded, gzip for text
  types, ``max-age=600``);
- ``site_pages``: every page of a built site;
- ``find_chromium``, ``CHROMIUM_ARGS``, ``free_port``: the system's Chromium, the flags it runs
  headless with here, and a free port for the server;
- ``load_hook``: one of ``hooks/`` as a module, loaded by path as MkDocs loads it.

Plain Python, no pytest: the browser tests and the page benchmarks both use it.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType

from figures.editions import EDITIONS

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = REPO / ".venv" / "bin"
# The date every build claims (sitemap.xml, figure metadata, notebooks), unless the caller's
# environment sets one. The Makefile exports the same value for `make site` and `make test`.
SOURCE_DATE_EPOCH = "1700000000"

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = "no Chromium found: `apt-get install chromium` (or set NN101_CHROMIUM)"
GZIP_LEVEL = 6  # gzip's own default; what a web server typically uses


def mkdocs_env(
    site_url: str | None = None, *, skip_figures: bool = False, **extra: str
) -> dict[str, str]:
    """``os.environ`` plus what a ``mkdocs`` subprocess of this project needs; ``extra``
    variables last (``NN101_FIGURES_OUT=...``, say).

    ``NN101_SKIP_FIGURES`` is set only with ``skip_figures``: a caller's environment never
    decides whether the figure stage runs."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",  # Material's banner about MkDocs 2.0; we pin MkDocs 1.6
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH),
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("NN101_SKIP_FIGURES", None)
    if skip_figures:
        env["NN101_SKIP_FIGURES"] = "1"
    if site_url is not None:
        env["SITE_URL"] = site_url
    return {**env, **extra}


def mkdocs_command(*args: str) -> list[str]:
    """``mkdocs`` with ``args``, run by this Python (the venv's MkDocs, whatever ``PATH`` says)."""
    return [sys.executable, "-m", "mkdocs", *args]


def build_site(
    site_dir: Path,
    *,
    config: Path | None = None,
    strict: bool = True,
    cwd: Path = REPO,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build [--strict]`` of ``config`` (``cwd``'s ``mkdocs.yml`` by default) into
    ``site_dir``, with ``env`` (default ``mkdocs_env()``); its output captured, never raising."""
    options = ["--strict"] if strict else []
    if config is not None:
        options += ["--config-file", str(config)]
    command = mkdocs_command("build", *options, "--site-dir", str(site_dir))
    environment = mkdocs_env() if env is None else env
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def build_book(
    site_dir: Path,
    *,
    cwd: Path = REPO,
    env: dict[str, str] | None = None,
    strict: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Every edition into ``site_dir`` as ``make site`` builds them (English first: its build
    empties ``site_dir``), each into its own folder (``site_dir/zh`` for the Chinese one).
    Returns the first build that failed, else the last one."""
    result = None
    for edition in EDITIONS:
        config = cwd / edition.config
        out = site_dir / edition.prefix
        result = build_site(out, config=config, strict=strict, cwd=cwd, env=env)
        if result.returncode != 0:
            return result
    assert result is not None
    return result


def load_hook(name: str) -> ModuleType:
    """``hooks/<name>.py`` as a module (as ``test_<name>``): MkDocs loads hooks by path, so
    they are not importable as a package."""
    path = REPO / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"test_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def find_chromium() -> str | None:
    """``$NN101_CHROMIUM``, else the first Chromium or Chrome on PATH (never playwright's own)."""
    configured = os.environ.get("NN101_CHROMIUM")
    return configured or next(filter(None, map(shutil.which, CHROMIUM_CANDIDATES)), None)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def edition_files(root: Path, pattern: str) -> list[Path]:
    """``root.rglob(pattern)`` within one edition of a built site, sorted. Under the English root,
    the translations' folders (``zh/``) are editions of their own and are left out."""
    others = {edition.prefix.rstrip("/") for edition in EDITIONS if edition.prefix}
    return sorted(p for p in root.rglob(pattern) if p.relative_to(root).parts[0] not in others)


def site_pages(root: Path) -> list[str]:
    """Every page of one edition of a built site (:func:`edition_files`), as a URL path relative
    to the edition's root ("" for the home page)."""
    paths = []
    for html in edition_files(root, "index.html"):
        relative = html.parent.relative_to(root).as_posix()
        paths.append("" if relative == "." else relative + "/")
    return paths


def compressible(content_type: str) -> bool:
    """The types GitHub Pages serves gzipped (text, scripts, JSON, SVG, XML)."""
    kind = content_type.split(";")[0].strip().lower()
    return kind.startswith("text/") or kind in {
        "application/javascript",
        "application/json",
        "application/xml",
        "application/manifest+json",
        "image/svg+xml",
        "image/x-icon",
    }


class PagesLikeHandler(SimpleHTTPRequestHandler):
    """``http.server`` plus what GitHub Pages adds: gzip for text types and ``max-age=600``.

    (Python's ``http.server`` compresses nothing; measured through it, every page would pay
    for bytes a reader never downloads.) Quiet: it logs no requests."""

    _gzipped: dict[Path, bytes] = {}  # noqa: RUF012 (a cache shared by every request)
    _lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and compressible(content_type)):
            super().do_GET()
            return
        with self._lock:
            body = self._gzipped.get(path)
            if body is None:
                body = gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)
                self._gzipped[path] = body
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(root: Path, port: int) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1:``port`` in a thread; yields the URL (trailing slash)."""
    handler = functools.partial(PagesLikeHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()
