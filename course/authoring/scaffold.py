"""``course new DIR``: write a complete small course that validates clean and runs as it is.

Also the helpers every ``course new`` piece uses: titles and ids checked, and files created only
where nothing exists yet (nothing here ever overwrites a file).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from course.authoring import scaffold_content as content
from course.authoring.course_folder import ID_MAX, AuthoringError, is_id, slugify

TITLE_MAX = 200


class ScaffoldError(AuthoringError):
    """A request ``course new`` refuses; the message says why and what to do instead."""


@dataclass(frozen=True)
class Change:
    """One thing ``course new`` did: ``action`` ("created", "added to") ``path``, and ``what`` it is."""

    action: str
    path: Path
    what: str


def check_title(title: str) -> str:
    """``title`` trimmed; ``ScaffoldError`` unless it is one line of 1 to 200 characters."""
    title = title.strip()
    if not title:
        raise ScaffoldError("the title is empty")
    if any(unicodedata.category(ch) == "Cc" for ch in title):
        raise ScaffoldError("the title must be one line of text (no line breaks or control characters)")
    if len(title) > TITLE_MAX:
        raise ScaffoldError(f"the title is {len(title)} characters; at most {TITLE_MAX} are allowed")
    return title


def check_id(ident: str) -> str:
    """``ident`` if it is a valid course id, else ``ScaffoldError`` saying what ids may contain."""
    if not is_id(ident):
        raise ScaffoldError(
            f"'{ident}' is not a valid id: use lowercase letters, digits, - and _, starting with a letter or digit, "
            f"at most {ID_MAX} characters"
        )
    return ident


def create_file(path: Path, text: str) -> None:
    """Write a new file; ``ScaffoldError`` if something is already there (it is never overwritten)."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; it was left as it is") from None


def _title_from_folder(name: str) -> str:
    words = re.sub(r"[-_.\s]+", " ", name).strip()
    return (words[:1].upper() + words[1:]) if words else "My course"


def new_course(folder: Path, title: str | None = None, course_id: str | None = None) -> list[Change]:
    """Write the starter course into ``folder`` (missing or empty); what was written, in order."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(f"{folder} exists and is not empty; give a new folder (nothing was written)")
    title = check_title(title if title is not None else _title_from_folder(folder.resolve().name))
    course_id = check_id(course_id if course_id is not None else slugify(title, "my-course"))
    module = folder / "modules" / f"01-{content.MODULE_ID}"
    files = [
        (folder / "course.toml", content.course_toml(course_id, title), f"course '{course_id}'"),
        (folder / "glossary.toml", content.glossary_toml(), "2 glossary terms"),
        (folder / "references.toml", content.references_toml(), "1 reference"),
        (module / "module.toml", content.starter_module_toml(), f"module '{content.MODULE_ID}' with 2 objectives"),
        (module / f"01-{content.LESSON_ID}.toml", content.starter_lesson_toml(), f"lesson '{content.LESSON_ID}'"),
        (module / "quiz.toml", content.starter_quiz_toml(), f"quiz '{content.MODULE_ID}-quiz' with one question of each type"),
    ]
    module.mkdir(parents=True, exist_ok=True)
    changes = []
    for path, text, what in files:
        create_file(path, text)
        changes.append(Change("created", path, what))
    return changes
