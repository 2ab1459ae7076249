"""Build the cases of the hostile-input corpus (``manifest.toml``) as course folders on disk.

Each case is the minimal clean course of :mod:`tests.helpers.course_factory` with one planted problem:
a file's text replaced or edited, committed bytes (``files/``), a generated file too large to commit,
or something git cannot hold (symlinks and hard links out of the folder, FIFOs, links to devices),
made here. Every link or hard link out points at a file holding :data:`CANARY`, which must never
appear in any output: proof that nothing outside the course folder was read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from course.domain.text_safety import visible
from tests.helpers.course_factory import ALIASES, MINIMAL_FILES, MODULE_DIR, write_course

HERE = Path(__file__).parent
MANIFEST = HERE / "manifest.toml"
CANARY = "outside_canary_7f3a"  # a key only the files outside the course folder hold
KINDS = ("course", "glossary", "references", "module", "lesson", "quiz", "markdown")
MARKDOWN_LESSON = f"{MODULE_DIR}/02-more.md"
MARKDOWN_TEXT = '+++\nid = "m1-more"\ntitle = "More"\nobjectives = ["m1-o1"]\n+++\nMore about [agonists](glossary:agonist).\n'


@dataclass(frozen=True)
class Case:
    """One corpus entry: how to build it and the finding ``course validate`` must report."""

    name: str
    file: str
    code: str
    line: int
    col: int | None = None
    message: str = ""
    shown: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def category(self) -> str:
        """The kind of problem (the manifest's ``category``, carried on to the cases after it), for picking one of each."""
        return str(self.raw["category"])

    @property
    def located(self) -> str:
        """How ``course validate``, run from the case's base folder, starts the line reporting it: ``course/FILE:LINE:``."""
        return visible(os.path.join("course", self.shown or self.file)) + f":{self.line}:"


def first_of_each(cases: list[Case]) -> list[Case]:
    """The first case of every category, in manifest order."""
    return list({case.category: case for case in reversed(cases)}.values())[::-1]


def relative(name: str) -> str:
    """A course path given by alias (``quiz``, ``markdown``) or as it is."""
    return MARKDOWN_LESSON if name == "markdown" else ALIASES.get(name, name)


def load_cases() -> list[Case]:
    """Every case of the manifest, in order."""
    data = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    cases = []
    category = ""
    for entry in data["case"]:
        entry = {**entry, "category": entry.get("category", category)}
        category = entry["category"]
        cases.append(
            Case(
                name=entry["name"],
                file=relative(entry["file"]),
                code=entry["code"],
                line=entry["line"],
                col=entry.get("col"),
                message=entry.get("message", ""),
                shown=relative(entry.get("file_shown", entry["file"])),
                raw=entry,
            )
        )
    return cases


def build(case: Case, base: Path) -> Path:
    """Write ``case`` below ``base`` and return its course folder (``base/course``)."""
    root = base / "course"
    entry = case.raw
    contents: dict[str, str | bytes | None] = {MARKDOWN_LESSON: MARKDOWN_TEXT} if entry.get("markdown") else {}
    target = case.file
    if "text" in entry:
        contents[target] = entry["text"]
    if "replace" in entry or "append" in entry:
        text = _text_of(contents, target)
        for old, new in entry.get("replace", []):
            assert old in text, f"{case.name}: {old!r} not in {target}"
            text = text.replace(old, new, 1)
        contents[target] = text + entry.get("append", "")
    if "source" in entry:
        contents[target] = (HERE / "files" / entry["source"]).read_bytes()
    if "hex" in entry:
        contents[target] = bytes.fromhex(entry["hex"])
    for path, text in entry.get("files", {}).items():
        contents[relative(path)] = text
    for path in entry.get("remove", []):
        contents[relative(path)] = None
    write_course(root, files=contents)
    if "generate" in entry:
        (root / target).write_text(GENERATORS[entry["generate"]](_text_of(contents, target)), encoding="utf-8")
    if "build" in entry:
        BUILDERS[entry["build"]](root, base, target)
    return root


def _text_of(contents: dict[str, str | bytes | None], target: str) -> str:
    """The text of ``target`` as the case has it so far (its own, the minimal course's, or the Markdown lesson's)."""
    return str(contents.get(target) or MINIMAL_FILES.get(target) or MARKDOWN_TEXT)


def outside_text(target: str) -> str:
    """What a file outside the course holds: the file it stands for, plus a key naming the canary."""
    own = MARKDOWN_TEXT if target == MARKDOWN_LESSON else MINIMAL_FILES.get(target, MINIMAL_FILES[ALIASES["lesson"]])
    if target.endswith(".md"):
        return own.replace("+++\n", f'+++\n{CANARY} = "{CANARY}"\n', 1)
    return f'{CANARY} = "{CANARY}"\n' + own


Builder = Callable[[Path, Path, str], None]


def _link_out(link: Callable[[Path, Path], None]) -> Builder:
    """``target`` replaced by a link (``os.symlink`` or ``os.link``) to a file outside holding the canary."""

    def make(root: Path, base: Path, target: str) -> None:
        outside = base / "outside" / Path(target).name
        outside.parent.mkdir(parents=True, exist_ok=True)
        outside.write_text(outside_text(target), encoding="utf-8")
        _unlink(root / target)
        link(outside, root / target)

    return make


def _symlink_to(destination: str) -> Builder:
    """``target`` replaced by a symlink to ``destination`` (a device, or a name that is not there)."""

    def make(root: Path, base: Path, target: str) -> None:
        _unlink(root / target)
        os.symlink(destination, root / target)

    return make


def _link_to_itself(root: Path, base: Path, target: str) -> None:
    _symlink_to(Path(target).name)(root, base, target)


def _replace_with_fifo(root: Path, base: Path, target: str) -> None:
    _unlink(root / target)
    os.mkfifo(root / target)


def _folder_out(root: Path, base: Path, target: str) -> None:
    """The folder ``target`` (a module folder, or modules/) replaced by a link to a copy outside."""
    outside = base / "outside-folder"
    for path in (root / target).rglob("*"):
        if path.is_file():
            copy = outside / path.relative_to(root / target)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(outside_text(str(path.relative_to(root))), encoding="utf-8")
    for path in sorted((root / target).rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (root / target).rmdir()
    os.symlink(outside, root / target, target_is_directory=True)


def _unlink(path: Path) -> None:
    if os.path.lexists(path):
        path.unlink()


def _questions(count: int) -> str:
    rows = [
        f'{{id = "q{n}", type = "true_false", objective = "m1-o1", prompt = "P", explanation = "E", answer = true}},'
        for n in range(count)
    ]
    return 'id = "m1-quiz"\ntitle = "Big"\nquestion = [\n' + "\n".join(rows) + "\n]\n"


def _oversize(text: str) -> str:
    return text.replace('body = """\n', 'body = """\n' + "word " * 220_000 + "\n", 1)


def _nested(opening: str, closing: str, count: int = 400) -> str:
    return opening * count + closing * count


def _appended(line: str) -> Callable[[str], str]:
    """A generator adding ``line`` at the end of the file's text."""
    return lambda text: text + line + "\n"


GENERATORS: dict[str, Callable[[str], str]] = {
    "questions-100000": lambda text: _questions(100_000),
    "questions-2001": lambda text: _questions(2_001),
    "oversize": _oversize,
    "duplicate-keys-170000": _appended("a = 1\n" * 170_000),  # a syntax error on each of 1 MB of lines
    "deep-100000": lambda text: 'id = "m1-agonists"\ntitle = "A"\nbody = "b"\nx = ' + _nested("[", "]", 100_000) + "\n",
    "arrays-400": _appended("x = " + _nested("[", "]")),
    "inline-tables-400": _appended("extra = " + _nested("{a = ", "}").replace("{a = }", "{a = 1}")),
    "dotted-key-400": _appended("a." * 400 + "b = 1"),
    "header-400": _appended("[" + "a." * 400 + "b]\nx = 1"),
    "front-matter-arrays-400": lambda text: text.replace("+++\nMore", "x = " + _nested("[", "]") + "\n+++\nMore", 1),
}
BUILDERS: dict[str, Builder] = {
    "symlink-out": _link_out(os.symlink),
    "hardlink-out": _link_out(os.link),
    "fifo": _replace_with_fifo,
    "dev-zero": _symlink_to("/dev/zero"),
    "dev-null": _symlink_to("/dev/null"),
    "dev-urandom": _symlink_to("/dev/urandom"),
    "dangling": _symlink_to("gone.toml"),  # inside the course folder, to nothing
    "loop": _link_to_itself,
    "folder-out": _folder_out,
}
