"""Read a Markdown lesson: TOML front matter between two ``+++`` lines (as Hugo writes it), then the body.

The front matter holds every lesson key except ``body``; the Markdown after the closing ``+++`` is the
body. The result is a :class:`~course.loading.toml_file.TomlFile` like any lesson's, whose lines are
the lines of the .md file, so every finding (front matter or body) points into it.
"""

from __future__ import annotations

import re
from pathlib import Path

from course.domain.text_safety import sanitise
from course.loading.findings import Finding
from course.loading.safe_read import peek_course_bytes
from course.loading.toml_file import TomlFile, parse_toml, read_text

FENCE = "+++"
# A Markdown file in a module folder is a lesson when its name has a numeric prefix ("01-topic.md")
# or it starts with front matter; README.md and other notes are left alone.
NUMBERED = re.compile(r"^\d+[-_ .]")


def is_lesson(path: Path, root: Path | None = None) -> bool:
    """Whether the Markdown file ``path`` (in the course at ``root``) is meant as a lesson. A file that
    may not be read (see :func:`course.loading.safe_read.refusal`) is judged by its name alone."""
    if NUMBERED.match(path.name):
        return True
    first = peek_course_bytes(path, path.parent if root is None else root, 64)
    if first is None:
        return False
    return first.split(b"\n", 1)[0].removeprefix(b"\xef\xbb\xbf").strip() == FENCE.encode()


def read_markdown_lesson(path: Path, root: Path | None = None) -> TomlFile:
    """Read ``path`` (in the course at ``root``): its front matter as TOML (located at its own lines) and its body."""
    text, problem = read_text(path, root)
    if text is None:
        return TomlFile(path, None, findings=[problem] if problem else [])
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines[0].strip() != FENCE:
        message = f"a Markdown lesson starts with TOML front matter between two '{FENCE}' lines"
        return _failed(path, text, message)
    close = next((n for n in range(1, len(lines)) if lines[n].strip() == FENCE), None)
    if close is None:
        return _failed(path, text, f"the front matter opened here is never closed by a '{FENCE}' line")
    # The opening fence becomes an empty line, so TOML lines are the file's lines.
    parsed = parse_toml(path, "\n" + "\n".join(lines[1:close]))
    parsed.text = text
    parsed.body_line = close + 2
    content = parsed.content
    if content is not None:
        if "body" in content:
            line, col = parsed.positions.locate(("body",))
            message = "the body of a Markdown lesson is the text after the front matter: remove 'body' from the front matter"
            parsed.findings.append(Finding(path, line, col, "error", "E106", message))
        body = "\n".join(lines[close + 1 :])
        content["body"] = sanitise(body)
        parsed.positions.keys[("body",)] = parsed.positions.values[("body",)] = (parsed.body_line, 1)
        parsed.positions.string_sources[("body",)] = body  # the body's source as written (no quotes)
    return parsed


def _failed(path: Path, text: str, message: str) -> TomlFile:
    return TomlFile(path, None, findings=[Finding(path, 1, 1, "error", "E004", message)], text=text)
