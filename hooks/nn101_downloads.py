"""The site's downloads: the ``nn101`` wheel, the repository as a source archive, and the page
that offers both, so that exercises, notebooks and figures run from the site alone.

- the wheel is built by the project's own build backend (``[build-system]`` of
  ``pyproject.toml``), called directly in a subprocess of this Python: no build isolation, so no
  download at site-build time, and ``SOURCE_DATE_EPOCH`` makes its bytes the same on every build;
- the source archive holds every tracked file under ``<name>-<version>/``, entries sorted, with
  fixed mtime, owner and modes, and a gzip header without a date: the same bytes on every
  build. ``git ls-files`` gives the file list; an archive has no ``.git``, so it carries that list
  as ``SOURCES.txt``, which is what a site built from the unpacked archive reads instead;
- both are cached by content under ``build/downloads/`` (next to the figures, so
  ``NN101_FIGURES_OUT`` moves them too): a build whose inputs did not change hashes about a
  megabyte of sources and copies nothing;
- ``download.md`` is generated, its words through ``figures.i18n``, with the install commands.

The other hooks learn the files' names and absolute URLs from ``config.extra["downloads"]``
(``on_config``): the notebooks' first cell installs the wheel from its URL, and each figure's
source page tells how to rebuild it from the archive.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import io
import logging
import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from figures.i18n import N_, _
from figures.pipeline import embed, output_root
from figures.pipeline.discovery import REPO

__all__ = [
    "DOWNLOADS",
    "PAGE",
    "SOURCES",
    "Release",
    "archive",
    "ensure_archive",
    "ensure_wheel",
    "page_markdown",
    "release",
    "source_files",
    "wheel",
]

log = logging.getLogger("mkdocs.hooks.nn101")
DOWNLOADS = "downloads"  # the site folder that serves both files
PAGE = "download.md"
SOURCES = "SOURCES.txt"  # the archive's own file list, read where there is no .git
SOURCES_HEADER = "# Every file of this source archive (read when building without .git).\n"
DEFAULT_EPOCH = 1700000000  # the Makefile's SOURCE_DATE_EPOCH, for a build run without it
FILE_MODE, EXECUTABLE_MODE = 0o644, 0o755
# Bump when the cached files' layout or recipe changes, so old caches are not reused.
FORMAT_VERSION = "1"

STRINGS = {
    "title": N_("Download"),
    "intro": N_(
        "Everything on this site runs on your own computer from two files: the `nn101` library "
        "as a wheel, and the whole repository as a source archive."
    ),
    "wheel_heading": N_("The library"),
    "wheel_text": N_(
        "The numpy library behind every figure and notebook, for Python 3.11 or newer (pip "
        "installs numpy and scipy with it). Install it straight from this site:"
    ),
    "notebooks_text": N_(
        "The [notebooks](notebooks/index.md) you download as `.ipynb` run this command "
        "themselves when `nn101` is missing."
    ),
    "archive_heading": N_("The source"),
    "archive_text": N_(
        "Every file of the repository: the chapters, the figure scripts, the notebooks and the "
        "tests. Unpack it, set it up once (Python 3.11 or newer and make; `make setup` installs "
        "the locked versions), then rebuild the site, or any figure with the command on its "
        "[source page](gallery/index.md):"
    ),
    "file_line": N_("[{name}]({url}) ({size} KB, SHA-256 `{sha256}`)"),
}


def text(key: str) -> str:
    """The reader-visible string ``key`` of ``STRINGS``, in the active language."""
    return _(STRINGS[key])


@dataclass(frozen=True)
class Release:
    """The two files' names and absolute URLs for one version of the project."""

    wheel: str
    archive: str
    folder: str  # the archive's top-level folder
    site_url: str

    def url(self, name: str) -> str:
        return f"{self.site_url.rstrip('/')}/{DOWNLOADS}/{name}"

    def as_extra(self) -> dict[str, str]:
        return {
            "wheel": self.wheel,
            "wheel_url": self.url(self.wheel),
            "archive": self.archive,
            "archive_url": self.url(self.archive),
            "archive_folder": self.folder,
        }


def _pyproject(root: Path) -> dict[str, object]:
    path = root / "pyproject.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PluginError(f"{path}: cannot read the project's name and version: {error}") from error


def _table(data: dict[str, object], *keys: str) -> dict[str, object]:
    for key in keys:
        value = data.get(key)
        if not isinstance(value, dict):
            raise PluginError(f"pyproject.toml: no [{'.'.join(keys)}] table")
        data = value
    return data


def release(root: Path, site_url: str | None) -> Release:
    """The names of the wheel and the archive of the project at ``root``, served at ``site_url``."""
    if not site_url:
        raise PluginError(
            "mkdocs.yml: site_url is required (the notebooks install the wheel by URL)"
        )
    meta = _table(_pyproject(root), "project")
    name, version = str(meta.get("name", "")), str(meta.get("version", ""))
    if not (name and version):
        raise PluginError("pyproject.toml: [project] needs a name and a static version")
    stem = canonicalize_name(name).replace("-", "_")
    folder = f"{stem}-{version}"
    return Release(f"{folder}-py3-none-any.whl", f"{folder}-src.tar.gz", folder, site_url)


def source_files(root: Path) -> list[str]:
    """Every tracked file of ``root`` (POSIX paths, sorted): ``git ls-files`` in a clone, the
    archive's ``SOURCES.txt`` in an unpacked archive. Files deleted from the work tree are left
    out; ``SOURCES.txt`` itself is not listed (the archive adds it)."""
    if (root / ".git").exists():
        command = ["git", "-C", str(root), "ls-files", "-z", "--cached"]
        result = subprocess.run(command, capture_output=True, check=False)
        if result.returncode != 0:
            raise PluginError(f"{command}: {result.stderr.decode(errors='replace').strip()}")
        names = result.stdout.decode().split("\0")
    elif (root / SOURCES).is_file():
        lines = (root / SOURCES).read_text(encoding="utf-8").splitlines()
        names = [line for line in lines if line and not line.startswith("#")]
    else:
        raise PluginError(f"{root}: neither a git clone nor an unpacked archive with {SOURCES}")
    files = sorted({n for n in names if n and n != SOURCES and (root / n).is_file()})
    missing = [n for n in names if n and n != SOURCES and not (root / n).is_file()]
    if missing and not (root / ".git").exists():
        raise PluginError(f"{root / SOURCES}: lists files that are missing: {missing[:5]}")
    return files


def _epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", str(DEFAULT_EPOCH))
    if not value.isdigit():
        raise PluginError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}")
    return int(value)


def _digest(root: Path, names: list[str], *extra: str) -> str:
    digest = hashlib.sha256("\n".join([FORMAT_VERSION, *extra]).encode())
    for name in names:
        path = root / name
        digest.update(f"\n{name}:{_mode(path):o}:".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _mode(path: Path) -> int:
    return EXECUTABLE_MODE if os.access(path, os.X_OK) else FILE_MODE


def _backend(root: Path) -> tuple[str, list[str]]:
    """The build backend's module and the installed versions of what it requires."""
    system = _table(_pyproject(root), "build-system")
    backend = str(system.get("build-backend", ""))
    requires = system.get("requires", [])
    versions = []
    for requirement in requires if isinstance(requires, list) else []:
        name = Requirement(requirement).name
        try:
            versions.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError as error:
            raise PluginError(
                f"pyproject.toml [build-system] requires {requirement!r}, which this Python "
                f"({sys.executable}) lacks: run `make setup`"
            ) from error
    if not backend:
        raise PluginError("pyproject.toml: [build-system] has no build-backend")
    return backend, versions


def _wheel_inputs(root: Path) -> list[str]:
    """The files a wheel is made of: its packages' files (tracked or not), and the metadata."""
    try:
        target = _table(_pyproject(root), "tool", "hatch", "build", "targets", "wheel")
    except PluginError:  # no explicit package list: hatchling's default layout
        target = {}
    folders = target.get("packages", ["src"])
    files = {"pyproject.toml", "README.md", "LICENSE"} & set(source_files(root))
    for folder in folders if isinstance(folders, list) else ["src"]:
        for path in (root / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                files.add(path.relative_to(root).as_posix())
    return sorted(files)


def _cached(cache: Path, kind: str, key: str, name: str) -> tuple[Path, bool]:
    """The cache entry's path for ``key``, and whether it is already there."""
    target = cache / f"{kind}-{key[:16]}" / name
    return target, target.is_file()


def _publish(staging: Path, target: Path) -> None:
    """Move a finished file into its cache folder in one rename, then drop older entries."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging.replace(target)
    kind = target.parent.name.split("-", 1)[0]
    for old in target.parent.parent.glob(f"{kind}-*"):
        if old != target.parent:
            shutil.rmtree(old, ignore_errors=True)


def wheel(root: Path, out: Path, epoch: int) -> Path:
    """Build the wheel of the project at ``root`` into the folder ``out`` with the project's own
    build backend, in a subprocess of this Python (no isolation, no network)."""
    backend, _versions = _backend(root)
    out.mkdir(parents=True, exist_ok=True)
    # PEP 517's build_wheel(wheel_directory), which returns the wheel's file name.
    code = (
        "import importlib, sys; "
        "print(importlib.import_module(sys.argv[1]).build_wheel(sys.argv[2]))"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    command = [sys.executable, "-c", code, backend, str(out)]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"building the wheel with {backend} failed:\n{result.stderr.strip()}")
    return out / result.stdout.strip().splitlines()[-1]


def ensure_wheel(root: Path, cache: Path, name: str) -> Path:
    """The wheel ``name``, built only when its inputs or the backend changed since last time."""
    epoch = _epoch()
    _backend_name, versions = _backend(root)
    key = _digest(root, _wheel_inputs(root), f"epoch={epoch}", *versions)
    target, fresh = _cached(cache, "wheel", key, name)
    if fresh:
        return target
    started = time.perf_counter()
    staging = cache / f".staging-wheel-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    built = wheel(root, staging, epoch)
    if built.name != name:
        raise PluginError(f"the build backend wrote {built.name}, expected {name}")
    _publish(built, target)
    shutil.rmtree(staging, ignore_errors=True)
    log.info("downloads: %s built in %.2f s", name, time.perf_counter() - started)
    return target


def _tar_info(name: str, size: int, mode: int, epoch: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, mode, epoch
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def archive(root: Path, files: list[str], target: Path, folder: str, epoch: int) -> None:
    """Write ``files`` of ``root`` (and ``SOURCES.txt`` listing them) as ``target``, a
    ``.tar.gz`` whose bytes depend only on the files' contents and executable bits."""
    listing = (SOURCES_HEADER + "".join(f"{name}\n" for name in files)).encode()
    entries = sorted([*files, SOURCES])
    staging = target.with_name(f".{target.name}.{os.getpid()}")
    with staging.open("wb") as raw:
        gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9)
        with gz, tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for name in entries:
                data = listing if name == SOURCES else (root / name).read_bytes()
                mode = FILE_MODE if name == SOURCES else _mode(root / name)
                info = _tar_info(f"{folder}/{name}", len(data), mode, epoch)
                tar.addfile(info, io.BytesIO(data))
    staging.replace(target)  # readers never see half an archive


def ensure_archive(root: Path, cache: Path, name: str, folder: str) -> Path:
    """The source archive ``name``, written only when a tracked file changed since last time."""
    epoch = _epoch()
    files = source_files(root)
    key = _digest(root, files, f"epoch={epoch}", folder)
    target, fresh = _cached(cache, "archive", key, name)
    if fresh:
        return target
    started = time.perf_counter()
    staging = cache / f".staging-{name}.{os.getpid()}"
    staging.parent.mkdir(parents=True, exist_ok=True)
    archive(root, files, staging, folder, epoch)
    _publish(staging, target)
    log.info("downloads: %s written in %.2f s", name, time.perf_counter() - started)
    return target


def _file_line(path: Path, url: str) -> str:
    data = path.read_bytes()
    size = f"{len(data) / 1000:.0f}"
    sha = hashlib.sha256(data).hexdigest()
    return _(STRINGS["file_line"]).format(name=path.name, url=url, size=size, sha256=sha)


def page_markdown(names: Release, wheel_file: Path, archive_file: Path) -> str:
    """The Download page: both files, their sizes and digests, and the commands that use them."""
    lines = [
        embed.heading(1, STRINGS["title"]),
        "",
        text("intro"),
        "",
        embed.heading(2, STRINGS["wheel_heading"]),
        "",
        _file_line(wheel_file, f"{DOWNLOADS}/{names.wheel}"),
        "",
        text("wheel_text"),
        "",
        "```bash",
        f"pip install {names.url(names.wheel)}",
        "```",
        "",
        text("notebooks_text"),
        "",
        embed.heading(2, STRINGS["archive_heading"]),
        "",
        _file_line(archive_file, f"{DOWNLOADS}/{names.archive}"),
        "",
        text("archive_text"),
        "",
        "```bash",
        *embed.archive_commands(names.archive, names.folder),
        "make site",
        "```",
        "",
    ]
    return "\n".join(lines)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["downloads"] = release(REPO, config.site_url).as_extra()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    names = release(REPO, config.site_url)
    cache = output_root().parent / DOWNLOADS
    built = {
        names.wheel: ensure_wheel(REPO, cache, names.wheel),
        names.archive: ensure_archive(REPO, cache, names.archive, names.folder),
    }
    for name, path in built.items():
        files.append(File.generated(config, f"{DOWNLOADS}/{name}", abs_src_path=str(path)))
    page = page_markdown(names, built[names.wheel], built[names.archive])
    files.append(File.generated(config, PAGE, content=page))
    return files
