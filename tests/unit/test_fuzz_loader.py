"""Fuzzing the loader: random course files go in, located findings come out, never an exception.

Three kinds of input, each written over one file of the minimal clean course and checked as
``course validate`` checks the folder: documents drawn from the models' own JSON schema (a few values
bent out of it), random TOML documents of any shape (nested up to past the depth limit), and the
course's own files with random hostile edits (brackets, quotes, escapes, control characters, cut
lines). Every finding must have a stable code, a line inside the file, a column, a message without a
control character, and a path inside the course folder.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import tomli_w

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.authoring.schema import schema_for
from course.domain.text_safety import INVISIBLE
from course.loading.checking import check_path
from course.loading.toml_depth import MAX_NESTING, data_depth, too_deep
from tests.corpus.strategies import HOSTILE_PIECES, from_schema, hostile_text
from tests.helpers.course_factory import ALIASES, MINIMAL_FILES, write_course

# FUZZ_EXAMPLES=2000 explores further (the suite keeps the file under 30 s).
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CODE = re.compile(r"^[EW]\d{3}$")
KINDS = ["course", "glossary", "references", "module", "lesson", "quiz"]


def findings_for(kind: str, content: str | bytes) -> list[Any]:
    """Write ``content`` as the course's file of ``kind`` and check the folder; assert every finding is located."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_course(Path(folder) / "course", files={ALIASES[kind]: content}).resolve()
        findings = check_path(root)
        lines = {path: (path.read_bytes().count(b"\n") + 1 if path.is_file() else 1) for path in {f.path for f in findings}}
    for finding in findings:
        assert CODE.match(finding.code), finding
        assert finding.severity in ("error", "warning")
        assert 1 <= finding.line <= lines[finding.path], finding
        assert finding.col >= 1, finding
        assert not INVISIBLE.search(finding.message), finding
        assert finding.path.is_relative_to(root), finding
        assert not INVISIBLE.search(finding.format())
    return findings


@FUZZ
@given(st.sampled_from(KINDS).flatmap(lambda kind: st.tuples(st.just(kind), from_schema(schema_for(kind)))))
def test_documents_from_the_schema(drawn: tuple[str, dict[str, Any]]) -> None:
    kind, document = drawn
    findings_for(kind, tomli_w.dumps(document))


keys = st.one_of(st.sampled_from(["id", "title", "body", "question", "choices", "term", "course", "type"]), hostile_text)
scalars = st.one_of(st.integers(-(2**63), 2**63 - 1), st.floats(), st.booleans(), hostile_text, st.dates())
documents = st.dictionaries(
    keys,
    st.recursive(
        scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)), max_leaves=60
    ),
    max_size=6,
)


def nested(depth: int, inline: bool) -> str:
    """A value nested ``depth`` levels deep: lists, or inline tables."""
    return ("{a = " * depth + "1" + "}" * depth) if inline else ("[" * depth + "]" * depth)


@FUZZ
@given(st.sampled_from(KINDS), documents, st.integers(0, 2 * MAX_NESTING), st.booleans())
def test_random_documents_of_any_shape(kind: str, document: dict[str, Any], depth: int, inline: bool) -> None:
    text = tomli_w.dumps(document) + f"\ndeep = {nested(depth, inline)}\n"
    findings = findings_for(kind, text)
    if depth > MAX_NESTING:
        assert any(f.code == "E005" for f in findings)


edits = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 8), st.one_of(st.sampled_from(HOSTILE_PIECES), hostile_text)),
    min_size=1,
    max_size=6,
)


@FUZZ
@given(st.sampled_from(KINDS), edits)
def test_the_course_files_with_hostile_edits(kind: str, changes: list[tuple[int, int, str]]) -> None:
    text = MINIMAL_FILES[ALIASES[kind]]
    for at, cut, insert in changes:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut :]
    findings_for(kind, text)


@FUZZ
@given(st.sampled_from(KINDS), st.binary(max_size=300), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"+++\n"]))
def test_random_bytes(kind: str, data: bytes, prefix: bytes) -> None:
    findings_for(kind, prefix + data)


def deep_value(depth: int, kinds: list[int]) -> Any:
    """A value ``depth`` levels deep, each level a list, a table or a table in a list (by ``kinds``)."""
    value: Any = "[{\"'#"
    for n in range(depth):
        kind = kinds[n % len(kinds)]
        value = [value] if kind == 0 else {"k": value} if kind == 1 else [{"t": value}]
    return value


@FUZZ
@given(st.integers(1, 3 * MAX_NESTING), st.lists(st.integers(0, 2), min_size=1, max_size=5), st.booleans())
def test_the_depth_scan_lets_nothing_deeper_through(depth: int, kinds: list[int], inline: bool) -> None:
    """Whatever the shape (headers, dotted keys, arrays of tables, inline tables), a text the scan
    lets through parses to data no deeper than the limit, and one it stops is deeper than a few levels."""
    value = {"top": deep_value(depth, kinds)}
    text = ("top = " + _inline(value["top"]) + "\n") if inline else tomli_w.dumps(value)
    stopped = too_deep(Path("x.toml"), text)
    if stopped is None:
        assert data_depth(tomllib.loads(text)) <= MAX_NESTING + 1
    else:
        assert data_depth(value) > MAX_NESTING // 2


def _inline(value: Any) -> str:
    """``value`` written inline, the way a hostile author packs it onto one line."""
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_inline(v)}" for k, v in value.items()) + "}"
    return tomli_w.dumps({"v": value})[4:].strip()
