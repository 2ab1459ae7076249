"""Hypothesis strategies for hostile course files: documents drawn from the models' own JSON schema
(``course.authoring.schema``), now and then bent out of it, and text full of markup and escapes.

``hypothesis-jsonschema`` does not run with the Hypothesis this project uses, so :func:`from_schema`
covers the part of JSON Schema the models produce: ``$ref``, ``const``, ``enum``, ``oneOf`` /
``anyOf``, objects with ``properties`` and ``required``, arrays, strings (lengths, ``pattern``),
numbers and integers (bounds) and booleans.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

# Text a hostile author might write: markup of Rich, Textual and Markdown, escape sequences, controls.
HOSTILE_PIECES = [
    "[bold red]",
    "[/]",
    "[@click=app.quit]",
    "[link=https://evil.example]",
    "[/link]",
    "$accent",
    "\x1b[31m",
    "\x1b]8;;https://evil.example\x07",
    "\x1b[2J",
    "\x9b31m",
    "\x07",
    "\x00",
    "\r",
    "\u202e",
    "\u200b",
    "*",
    "_",
    "`",
    "<",
    ">",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "](javascript:alert(1))",
    "<script>",
    "&amp;",
    "{",
    "}",
    '"',
    "'",
    "\n",
    "\t",
    "#",
]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=6)), max_size=12).map("".join)
# Values of a wrong TOML type, for bending a document out of its schema.
wrong_values = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    hostile_text,
    st.lists(st.integers(-(2**63), 2**63 - 1), max_size=3),
    st.dictionaries(st.sampled_from(["id", "x", "[bold]"]), st.integers(-1000, 1000), max_size=2),
)
MAX_ITEMS = 4
MAX_TEXT = 40


def from_schema(schema: dict[str, Any], bend: bool = True) -> st.SearchStrategy[Any]:
    """Documents valid for ``schema`` (a whole file's, with its ``$defs``); with ``bend``, a few of their
    values are of a wrong type, a required key is left out or an unknown key added."""
    return _valid(schema, schema.get("$defs", {}), bend)


def _node(node: dict[str, Any], defs: dict[str, Any], bend: bool) -> st.SearchStrategy[Any]:
    valid = _valid(node, defs, bend)
    return st.one_of(*[valid] * 7, wrong_values) if bend else valid  # one value in eight is of a wrong type


def _valid(node: dict[str, Any], defs: dict[str, Any], bend: bool) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return st.deferred(lambda: _valid(defs[name], defs, bend))
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "properties" in node:
        return _object(node, defs, bend)
    for key in ("oneOf", "anyOf"):
        if key in node:
            return st.one_of([_valid(member, defs, bend) for member in node[key]])
    kind = node.get("type")
    if kind == "string":
        return _string(node)
    if kind == "integer":
        return st.integers(node.get("minimum", -(10**6)), node.get("maximum", 10**6))
    if kind == "number":
        low = node.get("minimum", node.get("exclusiveMinimum", -1e6))
        return st.floats(low, node.get("maximum", 1e6), exclude_min="exclusiveMinimum" in node, allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        items = _node(node.get("items", {"type": "string"}), defs, bend)
        low = node.get("minItems", 0)
        return st.lists(items, min_size=low, max_size=max(low, min(node.get("maxItems", MAX_ITEMS), MAX_ITEMS)))
    return wrong_values


def _object(node: dict[str, Any], defs: dict[str, Any], bend: bool) -> st.SearchStrategy[dict[str, Any]]:
    properties: dict[str, Any] = node["properties"]
    required = set(node.get("required", []))
    fixed = {k: _node(v, defs, bend) for k, v in properties.items() if k in required}
    optional = {k: _node(v, defs, bend) for k, v in properties.items() if k not in required}
    shaped = st.fixed_dictionaries(fixed, optional=optional)
    if not bend:
        return shaped
    extra = st.dictionaries(st.sampled_from(["titel", "objectives", "answr", "[red]x[/]", "\x1b[31m"]), wrong_values, max_size=1)
    dropped = st.sets(st.sampled_from(sorted(required)), max_size=1) if required else st.just(set())
    return st.tuples(shaped, extra, dropped).map(lambda t: {k: v for k, v in {**t[0], **t[1]}.items() if k not in t[2]})


def _string(node: dict[str, Any]) -> st.SearchStrategy[str]:
    low, high = node.get("minLength", 0), min(node.get("maxLength", MAX_TEXT), MAX_TEXT)
    if "pattern" in node:
        return st.from_regex(node["pattern"], fullmatch=True).filter(lambda s: low <= len(s) <= node.get("maxLength", 10**9))
    if node.get("format") == "date":
        return st.dates().map(str)
    return st.one_of(st.text(min_size=low, max_size=max(low, high)), hostile_text.filter(lambda s: len(s) >= low))
