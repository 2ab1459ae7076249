"""docs/authoring.md is true: its tutorial runs as written, its key tables are the schemas', its
examples validate and grade as it says, and docs/examples/ validates clean with ``--strict``.

The tutorial is read from the doc in order: each ```console block is run (``$ course ...`` lines,
the output below each is what it must print, standard error included), and a fenced block after
``<!-- write: PATH -->``, ``<!-- append: PATH -->`` or ``<!-- edit: PATH -->`` (a ```diff whose
``-`` lines become its ``+`` lines) changes a file, as the reader is told to. ``<!-- exit: N -->``
before a console block says its commands exit N (else 0). After changing the models or the
commands, ``python -m tests.e2e.test_authoring_docs --update`` rewrites the outputs and key tables;
read the diff before keeping it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema  # type: ignore[import-untyped]
import pytest
from pydantic import TypeAdapter

from course.authoring.schema import KINDS, schema_for
from course.loading.loader import model_for
from course.loading.markdown_lesson import read_markdown_lesson
from lessons.model import Lesson
from quizzes.grading import grade
from quizzes.questions import QUESTION_TYPES, Question
from quizzes.types import question_type

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
DOC, README = REPO / "docs" / "authoring.md", REPO / "README.md"
EXAMPLE = REPO / "docs" / "examples" / "sleep-and-memory"
SHOWN_FOLDER = "/home/you/courses"  # the tutorial's working folder, as the doc shows absolute paths
MARKER = re.compile(r"^<!-- (write|append|edit|exit|check|graded): (\S+) -->$")
FENCE = re.compile(r"^(`{3,})(\S*)\s*$")


class Block(NamedTuple):
    """A fenced block of the doc: its info string, body lines (0-based, end exclusive) and markers."""

    info: str
    start: int
    end: int
    lines: list[str]
    markers: dict[str, str]


class Command(NamedTuple):
    """One ``$ course ...`` line of a console block and what the doc says it prints."""

    line: int
    text: str
    expected: str
    exit: int


def blocks(text: str) -> list[Block]:
    """Every fenced block, with the ``<!-- name: value -->`` markers on the lines just above it."""
    lines, found, markers, n = text.split("\n"), [], {}, 0
    while n < len(lines):
        marker, fence = MARKER.match(lines[n]), FENCE.match(lines[n])
        if marker:
            markers[marker.group(1)] = marker.group(2)
        elif fence:
            close = next(m for m in range(n + 1, len(lines)) if lines[m].startswith(fence.group(1)) and not lines[m].strip("`"))
            found.append(Block(fence.group(2), n + 1, close, lines[n + 1 : close], markers))
            markers, n = {}, close
        elif lines[n].strip():
            markers = {}
        n += 1
    return found


def commands(block: Block) -> list[Command]:
    """The commands of a console block, each with the output lines below it."""
    starts = [n for n, line in enumerate(block.lines) if line.startswith("$ ")]
    assert starts, f"docs/authoring.md:{block.start}: a console block with no '$ ' command"
    code, ends = int(block.markers.get("exit", "0")), [*starts[1:], len(block.lines)]
    shown = ["".join(line + "\n" for line in block.lines[a + 1 : b]) for a, b in zip(starts, ends, strict=True)]
    return [Command(block.start + a + 1, block.lines[a][2:], out, code) for a, out in zip(starts, shown, strict=True)]


def normalised(output: str) -> str:
    """Output as compared: trailing spaces and blank lines dropped."""
    return "\n".join(line.rstrip() for line in output.rstrip().split("\n")) + "\n"


def edit(path: Path, diff: list[str]) -> None:
    """Apply a ```diff block, hunk by hunk (a line starting ``@@`` separates them): each hunk's ``-`` and
    context lines, found once in the file, become its ``+`` and context lines."""
    text = path.read_text(encoding="utf-8")
    hunks: list[list[str]] = [[]]
    for line in diff:
        hunks.append([]) if line.startswith("@@") else hunks[-1].append(line)
    for hunk in filter(None, hunks):
        old = "".join(line[1:] + "\n" for line in hunk if line[:1] in ("-", " ", ""))
        new = "".join(line[1:] + "\n" for line in hunk if line[:1] in ("+", " ", ""))
        assert text.count(old) == 1, f"these lines are not in {path} exactly once:\n{old}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def course(args: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
    """``python -m course ARGS``, with no standard input."""
    return subprocess.run([sys.executable, "-m", "course", *args], stdin=subprocess.DEVNULL, text=True, timeout=120, **options)


def run(command: str, work: Path) -> tuple[int, str]:
    """Run one doc command in ``work`` as a reader would (stdout and stderr interleaved, as printed)."""
    argv = shlex.split(command)
    assert argv[0] == "course", f"the tutorial runs only course commands, not {command!r}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "100", "HOME": str(work.parent / "home")}
    env |= {"COURSE_DB": str(work.parent / "progress.db"), "COURSE_SETTINGS": str(work.parent / "settings.toml")}
    done = course(argv[1:], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return done.returncode, normalised(done.stdout.replace(str(work.resolve()), SHOWN_FOLDER))


def run_tutorial(text: str, work: Path) -> list[tuple[Block, Command, int, str]]:
    """Follow the tutorial in ``work``: every file step, every command; (block, command, exit, output)."""
    results: list[tuple[Block, Command, int, str]] = []
    for block in blocks(text):
        for kind, name in ((k, v) for k, v in block.markers.items() if k in ("write", "append", "edit")):
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            if kind == "edit":
                assert block.info == "diff", f"docs/authoring.md:{block.start}: an edit is a ```diff block"
                edit(work / name, block.lines)
            else:
                with (work / name).open("a" if kind == "append" else "x", encoding="utf-8") as handle:
                    handle.write("\n" * (kind == "append") + "".join(line + "\n" for line in block.lines))
        results += [(block, c, *run(c.text, work)) for c in (commands(block) if block.info == "console" else [])]
    return results


KEYS = re.compile(r"<!-- keys: (\w+) -->\n(.*?)<!-- /keys -->\n", re.DOTALL)
PATTERNS = {
    r"^[a-z0-9][a-z0-9_-]*$": "id",
    r"^(https://\S+)?$": "an `https://` address, or empty",
    r"^\d{4}-\d{2}-\d{2}$": "a date, `YYYY-MM-DD`",
}


def toml_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, bool) else str(value).lower()


def _count(low: int | None, high: int | None, one: str, many: str) -> str:
    """``1 to 12 entries``, ``at least 1 entry``, ``up to 20 entries`` or ""."""
    if low and high:
        return f"{low:,} to {high:,} {many}"
    if low:
        return f"at least {low:,} {one if low == 1 else many}"
    return f"up to {high:,} {many}" if high else ""


def _range(prop: dict[str, Any]) -> str:
    """``from 1 to 600``, ``more than 0, at most 1``, ``0 or more`` or ""."""
    low, high = prop.get("minimum"), prop.get("maximum")
    if "exclusiveMinimum" in prop:
        above = f"above {prop['exclusiveMinimum']:g}"
        return f"{above}, up to {high:,g}" if high is not None else above
    if low is not None and high is not None:
        return f"from {low:g} to {high:,g}"
    return f"{low:g} or more" if low is not None else (f"up to {high:,g}" if high is not None else "")


def type_text(prop: dict[str, Any]) -> str:
    """What a key holds, in words, with its limits."""
    if "enum" in prop:
        return " or ".join(f"`{toml_value(v)}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "string":
        pattern = prop.get("pattern")
        if pattern is not None:
            return PATTERNS.get(pattern, f"text matching `{pattern}`")
        return ", ".join(filter(None, ["text", _count(prop.get("minLength"), prop.get("maxLength"), "character", "characters")]))
    if kind in ("integer", "number"):
        return ", ".join(filter(None, ["whole number" if kind == "integer" else "number", _range(prop)]))
    if kind == "boolean":
        return "`true` or `false`"
    assert kind == "array", prop
    entries = {"text": "texts", "id": "ids"}.get(type_text(prop["items"]).split(",")[0], "values")
    return ", ".join(filter(None, [f"list of {entries}", _count(prop.get("minItems"), prop.get("maxItems"), "entry", "entries")]))


def requirement(key: str, prop: dict[str, Any], required: list[str]) -> str:
    if key in required:
        return "required"
    if prop.get("default", []) in ("", []):
        return "optional; empty when left out" if prop.get("type") in ("string", "array") else "optional"
    return f"default `{toml_value(prop['default'])}`"


def _variants(prop: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    """The object schemas a key's tables may follow (several for a union on a type key); [] for a value."""
    inner = prop["items"] if prop.get("type") == "array" else prop
    refs = inner.get("oneOf", [inner] if "$ref" in inner else [])
    return [defs[ref["$ref"].rsplit("/", 1)[-1]] for ref in refs]


def _table(title: str, schema: dict[str, Any], keys: list[str], defs: dict[str, Any], name: str) -> list[str]:
    out = [f"**{title}**", "", "| key | type | required or default | what it is |", "|---|---|---|---|"]
    for key in keys:
        prop, below = schema["properties"][key], f"{name}.{key}".lstrip(".")
        if not _variants(prop, defs):
            kind = type_text(prop)
        elif prop.get("type") == "array":
            tables = f"`[[{below}]]` tables"
            kind = _count(prop.get("minItems"), prop.get("maxItems"), f"`[[{below}]]` table", tables) or tables
        else:
            kind = f"a `[{below}]` table"
        doc = prop.get("description", "").replace("|", "\\|").replace("\n", " ")
        out.append(f"| `{key}` | {kind.strip()} | {requirement(key, prop, schema.get('required', []))} | {doc} |")
    return [*out, ""]


def _shape(schema: dict[str, Any], key: str) -> tuple[Any, bool]:
    return schema["properties"].get(key), key in schema.get("required", [])


def key_tables(kind: str) -> str:
    """The Markdown tables of every key of one kind of file, generated from ``course schema KIND``."""
    root = schema_for(kind)
    defs, out, seen = root.get("$defs", {}), [], set()
    top = f"the top level of `{KINDS[kind][1].rsplit('/', 1)[-1]}`"
    queue: list[tuple[str, str, list[dict[str, Any]]]] = [("", top, [root])]
    while queue:
        name, title, variants = queue.pop(0)
        first = variants[0]
        parts = [(title, first, list(first["properties"]))]
        if len(variants) > 1:
            tag = next(k for k, p in first["properties"].items() if "const" in p)
            common = [k for k in first["properties"] if k != tag and all(_shape(v, k) == _shape(first, k) for v in variants)]
            parts = [(f"{title}: the keys of every {tag}", first, common)]
            for v in variants:
                const = toml_value(v["properties"][tag]["const"])
                parts.append((f"{title} with `{tag} = {const}`", v, [k for k in v["properties"] if k not in common]))
        for heading, schema, keys in parts:
            out += _table(heading, schema, keys, defs, name)
            for key in keys:
                prop, below = schema["properties"][key], f"{name}.{key}".lstrip(".")
                nested = _variants(prop, defs)
                if nested and below not in seen:
                    seen.add(below)
                    queue.append((below, f"`[[{below}]]`" if prop.get("type") == "array" else f"`[{below}]`", nested))
    return "\n".join(out)


def schema_keys(node: Any) -> set[str]:
    """Every key name a schema lists, nested tables and every variant included."""
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    own = set(node.get("properties", {})) if isinstance(node, dict) else set()
    return own.union(*(schema_keys(value) for value in values))


def course_json(*args: str) -> Any:
    return json.loads(course(list(args), capture_output=True, check=True).stdout)


def checked(text: str, kind: str) -> list[Block]:
    """The doc's examples marked ``<!-- check: KIND -->``."""
    return [b for b in blocks(text) if b.markers.get("check") == kind]


def test_the_tutorial_prints_what_the_doc_shows(tmp_path: Path) -> None:
    (tmp_path / "courses").mkdir()
    wrong = [
        f"docs/authoring.md:{c.line}: $ {c.text}\n  exit {code} (the doc: {c.exit})\n"
        f"--- the doc shows\n{c.expected}--- the command printed\n{output}"
        for _, c, code, output in run_tutorial(DOC.read_text(encoding="utf-8"), tmp_path / "courses")
        if code != c.exit or output != normalised(c.expected)
    ]
    assert not wrong, "\n".join(wrong)


def test_an_output_edited_in_the_doc_is_caught(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    first = next(b for b in blocks(text) if b.info == "console")
    lines = text.split("\n")
    lines[first.start + 1] = lines[first.start + 1].replace("created", "wrote")  # the first line of its output
    (tmp_path / "w").mkdir()
    [(_, shown, code, output)] = run_tutorial("\n".join(lines[: first.end + 1]), tmp_path / "w")
    assert code == 0 and "created" in output and output != normalised(shown.expected)


def test_the_tutorial_takes_every_step_of_the_brief() -> None:
    text = DOC.read_text(encoding="utf-8")
    ran = [c for b in blocks(text) if b.info == "console" for c in commands(b)]
    words = [shlex.split(c.text)[1:3] for c in ran]
    for step in (["new", "sleep-course"], ["new", "module"], ["new", "lesson"], ["new", "question"], ["validate"]):
        assert any(w[: len(step)] == step for w in words), step
    assert {w[0] for w in words} >= {"import-gift", "export-gift", "info", "schema"}
    assert any(c.exit == 1 and "error[" in c.expected for c in ran), "a located error is shown"
    assert {k for b in blocks(text) for k in b.markers if k in ("write", "append", "edit")} == {"write", "append", "edit"}
    assert any(b.markers.get("write", "").endswith(".md") for b in blocks(text)), "a Markdown lesson is written"
    shell = [line for b in blocks(text) if b.info == "shell" for line in b.lines]
    assert "course preview sleep-course" in shell, "the preview is shown, not run (it is interactive)"


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_key_tables_are_the_schemas_and_name_every_key(kind: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = {m.group(1): m.group(2) for m in KEYS.finditer(text)}
    stale = f"the {kind} key table is stale: run python -m tests.e2e.test_authoring_docs --update"
    assert documented.get(kind, "").strip() == key_tables(kind).strip(), stale
    reference = text.split("\n## Reference\n", 1)[1]
    missing = sorted(key for key in schema_keys(schema_for(kind)) if f"| `{key}` |" not in reference)
    assert not missing, f"keys of {kind} files missing from the reference: {missing}"


def test_the_reference_examples_validate(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    for kind, (_, file_name, _) in KINDS.items():
        [block] = checked(text, kind)
        model_for(Path(file_name)).model_validate(tomllib.loads("\n".join(block.lines)), strict=True)
    [markdown] = checked(text, "markdown-lesson")
    (tmp_path / "01-lesson.md").write_text("\n".join(markdown.lines), encoding="utf-8")
    parsed = read_markdown_lesson(tmp_path / "01-lesson.md")
    assert not parsed.findings and parsed.content is not None, parsed.findings
    Lesson.model_validate(parsed.content, strict=True)
    questions = [
        TypeAdapter(Question).validate_python(q, strict=True)
        for b in checked(text, "question")
        for q in tomllib.loads("\n".join(b.lines))["question"]
    ]
    assert {q.type for q in questions} == set(QUESTION_TYPES)


def test_the_grading_tables_say_how_answers_are_marked() -> None:
    text = DOC.read_text(encoding="utf-8")
    raw = [q for b in checked(text, "question") for q in tomllib.loads("\n".join(b.lines))["question"]]
    questions = {q["id"]: TypeAdapter(Question).validate_python(q, strict=True) for q in raw}
    tables = re.findall(r"<!-- graded: (\S+) -->\n((?:\|.*\n)+)", text)
    assert {qid for qid, _ in tables} == {"m2-q3", "m1-q4"}
    rows = [(questions[qid], row) for qid, table in tables for row in table.splitlines()[2:]]
    for question, row in rows:
        typed, marked = re.findall(r"^\| `([^`]*)` \| ([a-z ]+) \|", row)[0]
        problem = getattr(question_type(question), "problem", lambda q, r: None)(question, typed)
        actual = "not marked" if problem else ("right" if grade(question, typed).correct else "wrong")
        assert actual == marked, f"{question.id}: {typed!r} is {actual}, the doc says {marked}"
    assert len(rows) >= 8


def test_the_example_course_validates_clean_with_strict_has_every_part_and_names_its_schemas() -> None:
    done = course(["validate", "--strict", str(EXAMPLE)], capture_output=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "no problems found\n")
    info = course_json("info", "--json", str(EXAMPLE))
    assert info["modules"] == 2 and set(info["question_types"]) == set(QUESTION_TYPES)
    assert info["glossary_terms"] > 0 and info["references"] > 0
    assert {p.suffix for p in (EXAMPLE / "modules").glob("*/[0-9]*")} == {".toml", ".md"}
    kind_of = {model: name for name, (model, _, _) in KINDS.items()}
    for path in sorted(EXAMPLE.rglob("*.toml")):
        kind, text = kind_of[model_for(path)], path.read_text(encoding="utf-8")
        jsonschema.validate(tomllib.loads(text), schema_for(kind))
        first = text.split("\n", 1)[0]
        target = (path.parent / first.removeprefix("#:schema ")).resolve()
        assert first.startswith("#:schema ") and target == REPO / "docs" / "schema" / f"{kind}.schema.json", path


def test_the_readme_gives_the_bundled_course_counts_and_the_real_type_names() -> None:
    info, readme = course_json("info", "--json"), README.read_text(encoding="utf-8")
    assert f"{info['modules']} modules, {info['lessons']} lessons, {info['questions']} questions" in readme
    assert f"a {info['glossary_terms']}-term glossary and {info['references']} references" in readme
    writing = readme.split("## Writing a course", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{name}`" in writing for name in QUESTION_TYPES)
    assert all(f"course {c}" in writing for c in ("new", "validate", "schema", "preview", "import-gift", "export-gift"))


def updated(text: str, work: Path) -> str:
    """The doc with every console block's output as the commands print it now, and fresh key tables."""
    lines, results = text.split("\n"), run_tutorial(text, work)
    for block in reversed({b.start: b for b, *_ in results}.values()):
        body: list[str] = []
        for _, c, code, out in (r for r in results if r[0] is block):
            assert code == c.exit, f"docs/authoring.md:{c.line}: exits {code}, the doc says {c.exit}"
            body += [f"$ {c.text}", *(out.rstrip("\n").split("\n") if out.strip() else [])]
        lines[block.start : block.end] = body
    return KEYS.sub(lambda m: f"<!-- keys: {m.group(1)} -->\n{key_tables(m.group(1))}\n<!-- /keys -->\n", "\n".join(lines))


if __name__ == "__main__":  # python -m tests.e2e.test_authoring_docs --update
    import tempfile

    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.e2e.test_authoring_docs --update")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "courses").mkdir()
        DOC.write_text(updated(DOC.read_text(encoding="utf-8"), Path(folder) / "courses"), encoding="utf-8")
    print(f"rewrote {DOC.relative_to(REPO)}: check `git diff {DOC.relative_to(REPO)}` before keeping it")
