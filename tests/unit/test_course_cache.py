"""course.loading.course_cache: a hit serves the same course; any change, version or damage is a miss."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from course.domain.models import Course
from course.loading import course_cache
from course.loading.course_cache import load_course_cached
from course.loading.findings import CourseError
from course.loading.loader import bundled_course_path, load_course
from tests.helpers.course_factory import write_course


class Loads:
    """Counts full loads (the cache missed) while still running the real loader."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        monkeypatch.setattr(course_cache, "load_course", self._load)

    def _load(self, root: Path) -> Course:
        self.count += 1
        return load_course(root)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Loads:
    return Loads(monkeypatch)


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("course-*.json"))


def test_a_hit_returns_the_same_course_without_loading(tmp_path: Path, loads: Loads) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    first = load_course_cached(root, cache)
    second = load_course_cached(root, cache)
    assert loads.count == 1
    assert second == first == load_course(root)
    assert len(cache_files(cache)) == 1


def test_the_bundled_course_round_trips_exactly(tmp_path: Path, loads: Loads) -> None:
    first = load_course_cached(bundled_course_path(), tmp_path)
    second = load_course_cached(bundled_course_path(), tmp_path)
    assert loads.count == 1
    assert second == first


@pytest.mark.parametrize(
    ("relative", "old", "new"),
    [
        ("course.toml", "A tiny course", "A tidy course"),
        ("modules/01-basics/quiz.toml", "Blocks a receptor", "Blocks a recepTor"),
        ("modules/01-basics/01-agonists.toml", "What an agonist is.", "What an agonist is!"),
    ],
)
def test_any_byte_changed_is_a_miss(tmp_path: Path, loads: Loads, relative: str, old: str, new: str) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    load_course_cached(root, cache)
    path = root / relative
    before = path.stat()
    text = path.read_text()
    changed = text.replace(old, new)
    assert changed != text and len(changed) == len(text)
    path.write_text(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime: only the bytes differ
    reloaded = load_course_cached(root, cache)
    assert loads.count == 2
    assert reloaded == load_course(root)
    assert load_course_cached(root, cache) == reloaded and loads.count == 2  # cached again


def test_a_new_file_is_a_miss(tmp_path: Path, loads: Loads) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    load_course_cached(root, cache)
    (root / "modules" / "01-basics" / "02-more.toml").write_text(
        'id = "m1-more"\ntitle = "More"\nobjectives = ["m1-o1"]\nbody = "More text."\n'
    )
    course = load_course_cached(root, cache)
    assert loads.count == 2
    assert [lesson.id for lesson in course.modules[0].lessons] == ["m1-agonists", "m1-more"]


def test_a_new_package_version_is_a_miss(tmp_path: Path, loads: Loads, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    load_course_cached(root, cache)
    monkeypatch.setattr(course_cache, "package_version", lambda: "99.0")
    load_course_cached(root, cache)
    assert loads.count == 2


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json\n{}",
        b'{"format": 1, "key": "x"}\n{}',
        b"\xff\xfe garbage",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path, loads: Loads, damage: bytes) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    load_course_cached(root, cache)
    [target] = cache_files(cache)
    target.write_bytes(damage)
    assert load_course_cached(root, cache) == load_course(root)
    assert loads.count == 2
    assert target.read_bytes() != damage
    assert load_course_cached(root, cache) == load_course(root) and loads.count == 2


def test_a_right_key_with_a_bad_course_is_ignored(tmp_path: Path, loads: Loads) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    load_course_cached(root, cache)
    [target] = cache_files(cache)
    header, body = target.read_text().split("\n", 1)
    data = json.loads(body)
    data["modules"][0]["lessons"][0]["title"] = 12  # the wrong type: strict validation refuses it
    target.write_text(header + "\n" + json.dumps(data))
    assert load_course_cached(root, cache) == load_course(root)
    assert loads.count == 2


def test_the_cache_file_is_private(tmp_path: Path) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache" / "nested"
    old = os.umask(0o022)
    try:
        load_course_cached(root, cache)
    finally:
        os.umask(old)
    [target] = cache_files(cache)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert not list(cache.glob(".course-*"))  # no temporary file left behind


def test_a_cache_file_others_can_read_is_not_trusted(tmp_path: Path, loads: Loads) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    load_course_cached(root, cache)
    [target] = cache_files(cache)
    target.chmod(0o644)
    load_course_cached(root, cache)
    assert loads.count == 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # rewritten private


def test_reading_the_cache_never_executes_anything(tmp_path: Path, loads: Loads) -> None:
    """A pickle payload (which would create a file when unpickled) in the cache is only ever bad JSON."""
    import pickle

    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    load_course_cached(root, cache)
    [target] = cache_files(cache)
    marker = tmp_path / "executed"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return (open, (str(marker), "w"))

    target.write_bytes(pickle.dumps(Payload()))
    target.chmod(0o600)
    assert load_course_cached(root, cache) == load_course(root)
    assert not marker.exists()
    assert loads.count == 2


def test_errors_are_never_cached(tmp_path: Path, loads: Loads) -> None:
    root, cache = write_course(tmp_path / "course", quiz='id = "m1-quiz"\ntitle = 3\n'), tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(CourseError):
            load_course_cached(root, cache)
    assert loads.count == 2
    assert not cache_files(cache)


def test_an_unwritable_cache_folder_still_loads(tmp_path: Path, loads: Loads) -> None:
    root = write_course(tmp_path / "course")
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    assert load_course_cached(root, blocker / "cache") == load_course(root)


def test_a_course_holding_a_link_is_never_cached(tmp_path: Path, loads: Loads) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    (tmp_path / "elsewhere").mkdir()
    (root / "extra").symlink_to(tmp_path / "elsewhere")  # the loader ignores it; the cache cannot vouch for it
    for _ in range(2):
        assert load_course_cached(root, cache) == load_course(root)
    assert loads.count == 2
    assert not cache.exists()


def test_a_fifo_named_like_a_course_file_is_never_opened_for_the_key(tmp_path: Path) -> None:
    root = write_course(tmp_path / "course")
    os.mkfifo(root / "modules" / "01-basics" / "02-pipe.toml")
    assert course_cache.cache_key(root) is None  # returns at once: a FIFO opened for reading would block


def test_files_the_loader_never_reads_are_not_in_the_key(tmp_path: Path, loads: Loads) -> None:
    root, cache = write_course(tmp_path / "course"), tmp_path / "cache"
    key = course_cache.cache_key(root)
    (root / ".git").mkdir()
    (root / ".git" / "index.toml").write_text("anything")
    (root / "notes.txt").write_text("not a course file")
    assert course_cache.cache_key(root) == key
    load_course_cached(root, cache)
    load_course_cached(root, cache)
    assert loads.count == 1


def test_starting_the_course_uses_the_cache_and_validate_never_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from course import cli
    from course.cli_context import CommandError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root, folder = write_course(tmp_path / "course"), tmp_path / "xdg" / "plasticity-course" / "courses"
    assert cli.cmd_validate(root, "text", False) == 0
    assert not folder.exists()
    asked: list[dict[str, object]] = []

    def load(path: Path | None, **options: object) -> Course:
        asked.append(options)
        raise CommandError("stop here")

    from course.cli_context import load_course as loader

    monkeypatch.setattr(cli, "load_course", load)
    assert cli.main(["--course", str(root), "--plain"]) == 2
    assert asked == [{"cached": True}]
    loader(root, cached=True)
    assert len(cache_files(folder)) == 1
    quiz = root / "modules" / "01-basics" / "quiz.toml"
    quiz.write_text(quiz.read_text().replace('id = "m1-quiz"', 'id = "M1 quiz"'))  # an error in a cached course
    capsys.readouterr()
    assert cli.cmd_validate(root, "text", False) == 1  # validate reads the files, whatever is cached
    assert "M1 quiz" in capsys.readouterr().out
