"""The site's downloads (hooks/nn101_downloads.py): the wheel and the source archive are the
same bytes on every build, rebuilt only when their inputs change, and an unpacked archive
builds the same archive again without .git.

The site-level checks (the wheel installed from the served site, a figure rebuilt from the
archive with its source page's commands) are in tests/test_site.py, which builds the site.
"""

from __future__ import annotations

import hashlib
import subprocess
import tarfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from devtools.harness import load_hook
from figures.pipeline.discovery import REPO

pytestmark = pytest.mark.slow  # each wheel is a build-backend subprocess (about half a second)
downloads = load_hook("nn101_downloads")
SITE_URL = "http://127.0.0.1:8000/"
NAMES = downloads.release(REPO, SITE_URL)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def archive_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("archive-cache")
    return downloads.ensure_archive(REPO, cache, NAMES.archive, NAMES.folder)


@pytest.fixture(scope="module")
def unpacked(archive_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive unpacked as a reader unpacks it: a tree without .git."""
    out = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive_file) as tar:
        tar.extractall(out, filter="data")
    return out / NAMES.folder


def test_names_follow_the_project_name_and_version() -> None:
    assert NAMES.wheel == "nn101-0.1.0-py3-none-any.whl"
    assert NAMES.archive == "nn101-0.1.0-src.tar.gz" and NAMES.folder == "nn101-0.1.0"
    assert NAMES.url(NAMES.wheel) == SITE_URL + "downloads/nn101-0.1.0-py3-none-any.whl"
    with pytest.raises(PluginError, match="site_url is required"):
        downloads.release(REPO, None)


def test_the_archive_holds_every_tracked_file_and_their_list(archive_file: Path) -> None:
    tracked = subprocess.run(
        ["git", "-C", str(REPO), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split()
    with tarfile.open(archive_file) as tar:
        members = tar.getmembers()
        listing = tar.extractfile(f"{NAMES.folder}/{downloads.SOURCES}")
        assert listing is not None
        listed = [line for line in listing.read().decode().splitlines() if line[:1] != "#"]
    names = [m.name for m in members]
    present = sorted(name for name in tracked if (REPO / name).is_file())
    assert names == sorted(f"{NAMES.folder}/{name}" for name in [*present, downloads.SOURCES])
    assert listed == present
    readme = next(m for m in members if m.name.endswith("/README.md"))
    assert readme.size == (REPO / "README.md").stat().st_size


def test_archive_entries_carry_no_date_owner_or_umask(archive_file: Path) -> None:
    header = archive_file.read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b" and header[4:8] == b"\0\0\0\0"  # gzip mtime 0
    assert not header[3] & 0x08  # no file name in the gzip header
    with tarfile.open(archive_file) as tar:
        members = tar.getmembers()
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {
        (1700000000, 0, 0, "", "")
    }
    assert {m.mode for m in members} <= {0o644, 0o755}
    ci = next(m for m in members if m.name.endswith("/.ci/run"))
    assert ci.mode == (0o755 if (REPO / ".ci" / "run").stat().st_mode & 0o100 else 0o644)


def test_two_builds_give_the_same_bytes(archive_file: Path, tmp_path: Path) -> None:
    again = downloads.ensure_archive(REPO, tmp_path / "a", NAMES.archive, NAMES.folder)
    assert sha256(again) == sha256(archive_file)
    first = downloads.ensure_wheel(REPO, tmp_path / "w1", NAMES.wheel)
    second = downloads.ensure_wheel(REPO, tmp_path / "w2", NAMES.wheel)
    assert first.name == NAMES.wheel and sha256(first) == sha256(second)


def test_an_unpacked_archive_builds_the_same_archive_without_git(
    unpacked: Path, archive_file: Path, tmp_path: Path
) -> None:
    assert not (unpacked / ".git").exists()
    assert downloads.source_files(unpacked) == downloads.source_files(REPO)
    rebuilt = downloads.ensure_archive(unpacked, tmp_path, NAMES.archive, NAMES.folder)
    assert sha256(rebuilt) == sha256(archive_file)


def test_the_wheel_from_an_unpacked_archive_is_the_clones_wheel(
    unpacked: Path, tmp_path: Path
) -> None:
    from_clone = downloads.ensure_wheel(REPO, tmp_path / "clone", NAMES.wheel)
    from_archive = downloads.ensure_wheel(unpacked, tmp_path / "archive", NAMES.wheel)
    assert sha256(from_archive) == sha256(from_clone)


def test_a_warm_build_reuses_both_files_and_an_edit_rebuilds(
    unpacked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = tmp_path / "tree"
    subprocess.run(["cp", "-a", str(unpacked), str(tree)], check=True)
    cache = tmp_path / "cache"
    wheel = downloads.ensure_wheel(tree, cache, NAMES.wheel)
    archive = downloads.ensure_archive(tree, cache, NAMES.archive, NAMES.folder)
    built = {wheel: wheel.stat().st_mtime_ns, archive: archive.stat().st_mtime_ns}
    wheel_digest = sha256(wheel)

    def refuse(*args: object) -> None:
        raise AssertionError("rebuilt although nothing changed")

    monkeypatch.setattr(downloads, "wheel", refuse)
    monkeypatch.setattr(downloads, "archive", refuse)
    assert downloads.ensure_wheel(tree, cache, NAMES.wheel) == wheel
    assert downloads.ensure_archive(tree, cache, NAMES.archive, NAMES.folder) == archive
    assert {path: path.stat().st_mtime_ns for path in built} == built
    monkeypatch.undo()

    module = tree / "src" / "nn101" / "__init__.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    new_wheel = downloads.ensure_wheel(tree, cache, NAMES.wheel)
    new_archive = downloads.ensure_archive(tree, cache, NAMES.archive, NAMES.folder)
    assert new_wheel != wheel and sha256(new_wheel) != wheel_digest
    assert not wheel.exists() and not archive.exists()  # the stale entries are gone
    with tarfile.open(new_archive) as tar:
        member = tar.extractfile(f"{NAMES.folder}/src/nn101/__init__.py")
        assert member is not None and member.read().endswith(b"# edited\n")


def test_the_date_comes_from_source_date_epoch(
    unpacked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    archive = downloads.ensure_archive(unpacked, tmp_path, NAMES.archive, NAMES.folder)
    with tarfile.open(archive) as tar:
        assert {m.mtime for m in tar.getmembers()} == {1600000000}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PluginError, match="SOURCE_DATE_EPOCH must be a whole number"):
        downloads.ensure_archive(unpacked, tmp_path, NAMES.archive, NAMES.folder)


def test_a_tree_without_git_or_file_list_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=f"{tmp_path}: neither a git clone nor"):
        downloads.source_files(tmp_path)
    (tmp_path / downloads.SOURCES).write_text("README.md\ngone.txt\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("hi\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"SOURCES\.txt: lists files that are missing"):
        downloads.source_files(tmp_path)


def test_a_missing_build_backend_is_named(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["no-such-backend-nn101"]\nbuild-backend = "nope"\n'
        '[project]\nname = "x"\nversion = "1"\n',
        encoding="utf-8",
    )
    (tmp_path / downloads.SOURCES).write_text("pyproject.toml\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"requires 'no-such-backend-nn101'.*make setup"):
        downloads.ensure_wheel(tmp_path, tmp_path / "cache", "x-1-py3-none-any.whl")


def test_the_page_links_both_files_with_their_digests_and_commands(
    archive_file: Path, tmp_path: Path
) -> None:
    wheel = downloads.ensure_wheel(REPO, tmp_path, NAMES.wheel)
    page = downloads.page_markdown(NAMES, wheel, archive_file)
    assert f"[{NAMES.wheel}](downloads/{NAMES.wheel})" in page
    assert f"[{NAMES.archive}](downloads/{NAMES.archive})" in page
    assert sha256(wheel) in page and sha256(archive_file) in page
    assert f"pip install {SITE_URL}downloads/{NAMES.wheel}\n" in page
    assert f"tar -xzf {NAMES.archive}\ncd {NAMES.folder}\nmake setup\nmake site\n" in page
