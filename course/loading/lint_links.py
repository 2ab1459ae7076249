"""Links in a lesson's body and key points: the https-only rule, the course's glossary and references,
citations the lesson does not list, and text written like a link that is not one.

Every form markdown-it reads as a link counts (inline, reference-style, autolink, bare address, HTML
``<a href>``); images are not offered as links and are left out. Each finding is located at the
link's line and column in the file (a TOML string or a Markdown lesson's body).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from course.loading.declared import Declared, strings
from course.loading.findings import Finding, Severity
from course.loading.toml_file import TomlFile
from lessons.links import INTERNAL_SCHEMES
from lessons.markdown import links
from lessons.markdown.links import broken_links

Locate = Callable[[int, int], tuple[int, int]]
# Schemes markdown-it never reads as a link (its validateLink), so the text shows as written.
UNSAFE_SCHEMES = ("javascript", "vbscript", "file", "data")
_UNSAFE_LINK = re.compile(r"(\[[^\[\]\n]*\]\(|<)\s*(?:" + "|".join(UNSAFE_SCHEMES) + r"):[^\s<>]*>?", re.IGNORECASE)
_CODE = re.compile(r"(`+)[^`].*?\1|(`+)\2", re.DOTALL)
KINDS = {"glossary": "glossary term", "ref": "reference"}
NOT_OFFERED = "learners will not be offered it"


def texts(file: TomlFile, lesson: dict[str, Any]) -> Iterator[tuple[str, Locate]]:
    """The Markdown texts of a lesson (body, then each key point), each with where its lines are."""
    body = lesson.get("body")
    if isinstance(body, str):
        yield body, body_locator(file, body)
    for n, point in strings(lesson, "key_points"):
        if might_link(point):
            yield point, string_locator(file, ("key_points", n), point)


def might_link(text: str) -> bool:
    """Whether ``text`` could hold a link at all (most key points cannot: no need to parse them)."""
    return any(mark in text for mark in ("[", "<", "://", "www.", "@"))


def body_locator(file: TomlFile, body: str) -> Locate:
    """Map a (line, column) of the body onto the file."""
    if file.body_line:
        return lambda line, col: (file.body_line + line - 1, col)
    return string_locator(file, ("body",), body)


def string_locator(file: TomlFile, key: tuple[Any, ...], value: str) -> Locate:
    """Map a (line, column) inside the TOML string at ``key`` onto the file.

    Lines inside the string map one to one onto file lines unless escapes (\\n, a line-ending
    backslash) change the count; then every position is the start of the string.
    """
    known: list[tuple[int, int, bool, bool, int]] = []  # worked out on the first call: locating scans the file

    def where(line: int, col: int) -> tuple[int, int]:
        if not known:
            positions = file.positions
            line0, col0 = positions.values.get(key, positions.locate(key))
            raw = positions.string_sources.get(key, "").replace("\r\n", "\n")
            starts_below = raw.startswith(('"""\n', "'''\n"))
            quote_width = 3 if raw.startswith(('"""', "'''")) else 1
            source_lines = raw.count("\n") - (1 if starts_below else 0)
            exact = bool(raw) and source_lines == value.count("\n") and "\\\n" not in raw
            known.append((line0, col0, exact, starts_below, quote_width))
        line0, col0, exact, starts_below, quote_width = known[0]
        if not exact:
            return line0, col0
        if starts_below:
            return line0 + line, col
        return line0 + line - 1, col + (col0 + quote_width - 1 if line == 1 else 0)

    return where


def lesson_link_findings(path: Path, file: TomlFile, lesson: dict[str, Any], ids: Declared) -> list[Finding]:
    """Every link problem of one lesson."""
    listed = {ref for _, ref in strings(lesson, "references")}
    judge_listing = "references" not in file.dropped_keys  # a broken references line lists nothing
    found: list[Finding] = []
    cited: set[str] = set()

    def add(where: tuple[int, int], severity: Severity, code: str, message: str) -> None:
        found.append(Finding(path, where[0], where[1], severity, code, message))

    for text, locate in texts(file, lesson):
        for link in links(text):
            if link.form == "image":
                continue
            where = locate(link.line, link.target_col)
            scheme, _, target = link.href.partition(":")
            if scheme in INTERNAL_SCHEMES:
                kind = KINDS[scheme]
                if not target:
                    add(where, "error", "E202", f"link '{scheme}:' names no {kind}")
                elif ids.unknown(kind, target):
                    hint = ids.hint(kind, target, prefix=f"{scheme}:")
                    add(where, "error", "E202", f"link to unknown {kind} '{scheme}:{target[:60]}'{hint}")
                elif scheme == "ref" and judge_listing and target not in listed | cited and target in ids.known.get(kind, ()):
                    cited.add(target)
                    message = f"'ref:{target}' is cited but not in this lesson's references; add \"{target}\" to references"
                    add(where, "warning", "W307", message)
            elif not link.href.strip():
                shown = f"[{link.text}]()" if link.form in ("inline", "reference") else link.text or '<a href="">'
                add(where, "warning", "W306", f"link '{shown[:60]}' has no address; {NOT_OFFERED}")
            elif not link.href.startswith("https://"):
                add(where, "warning", "W306", f"link '{link.href[:60]}' is not https; {NOT_OFFERED}")
        reported = set()
        for broken in broken_links(text):
            reported.add((broken.line, broken.col))
            add(locate(broken.line, broken.col), "error", "E208", _broken(broken.source, broken.address))
        for line, col, source, scheme in _unsafe_links(text):
            if (line, col) not in reported:
                add(locate(line, col), "error", "E208", _never_a_link(source, scheme))
    return found


def _unsafe_links(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``[words](javascript:...)`` and ``<javascript:...>`` (and vbscript:, file:, data:) outside code
    spans: line, column, the text as written and the scheme."""
    masked = _CODE.sub(lambda match: " " * len(match[0]), text)
    for match in _UNSAFE_LINK.finditer(masked):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        scheme = text[match.end(1) : match.end()].strip().split(":", 1)[0].lower()
        yield line, col, text[start : match.end()], scheme


def _never_a_link(source: str, scheme: str) -> str:
    return (
        f"'{source[:80]}' is not read as a link ({scheme}: addresses never are), so learners see it as written: "
        "link to an https:// address, or write the words without the link"
    )


def _broken(source: str, address: str) -> str:
    spaced = bool(re.search(r"\s", address.strip()))
    head = f"'{source[:80]}' is not read as a link" + (" (its address has a space)" if spaced else "")
    scheme, colon, rest = address.strip().partition(":")
    if colon and scheme.strip().lower() in UNSAFE_SCHEMES and not spaced:
        return _never_a_link(source, scheme.strip().lower())
    if colon and scheme.strip() in INTERNAL_SCHEMES:
        fix = f"write ({scheme.strip()}:{''.join(rest.split())})"
    elif spaced:
        fix = "write each space in the address as %20"
    else:
        fix = "check its brackets and parentheses"
    return f"{head}, so learners see it as written: {fix}"
