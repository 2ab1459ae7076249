"""The JSON Schema of each kind of course file (``course schema``): every bundled and scaffolded file
passes it, wrong files fail it for the reason they are wrong, and it says what editors need."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from course import cli_author
from course.authoring import scaffold, scaffold_pieces
from course.authoring.course_folder import resolve_module
from course.authoring.scaffold_content import QUESTION_MODELS
from course.authoring.schema import FIELD_DOCS, KINDS, schema_for
from course.loading.loader import bundled_course_path, model_for
from quizzes.questions import QUESTION_TYPES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BUNDLED = sorted(bundled_course_path().rglob("*.toml"))
KIND_OF_MODEL = {model: kind for kind, (model, _, _) in KINDS.items()}


def kind_of(path: Path) -> str:
    """The kind of course file ``path`` is, by the model the loader checks it with."""
    return KIND_OF_MODEL[model_for(path)]


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = schema_for(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(kind: str, toml_text: str) -> list[jsonschema.ValidationError]:
    return list(validator(kind).iter_errors(tomllib.loads(toml_text)))


def rejected_by_model(kind: str, toml_text: str) -> bool:
    """Whether the loader's model (strict, as ``course validate`` runs it) rejects the text too."""
    try:
        KINDS[kind][0].model_validate(tomllib.loads(toml_text), strict=True)
    except ValidationError:
        return True
    return False


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    schema = schema_for(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"].endswith(".toml") and schema["description"]


def test_the_bundled_course_has_every_kind_of_file() -> None:
    assert len(BUNDLED) > 40
    assert {kind_of(p) for p in BUNDLED} == set(KINDS)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.relative_to(bundled_course_path()).as_posix())
def test_every_bundled_file_validates(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator(kind_of(path)).iter_errors(data)]
    assert problems == []


def scaffolded_course(root: Path) -> Path:
    """A new course, plus one of every piece ``course new`` adds (a question of each type included)."""
    scaffold.new_course(root, "Schema check")
    scaffold_pieces.new_module(root, "Second module")
    second = resolve_module(root, "second-module")
    scaffold_pieces.new_lesson(root, second, "A second lesson")
    scaffold_pieces.new_quiz(root, second)
    first = resolve_module(root, "first-module")
    for qtype in QUESTION_TYPES:
        scaffold_pieces.new_question(root, first, qtype)
    return root


def test_every_scaffolded_file_validates(tmp_path: Path) -> None:
    root = scaffolded_course(tmp_path / "course")
    files = sorted(root.rglob("*.toml"))
    assert {kind_of(p) for p in files} == set(KINDS)
    assert len(files) == 9
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator(kind_of(path)).iter_errors(data)]
        assert problems == [], path


def test_an_unknown_key_fails() -> None:
    text = 'id = "l1"\ntitel = "Typo"\nbody = "Text."\n'
    found = errors("lesson", text)
    assert [(e.validator, list(e.absolute_path)) for e in found] == [("additionalProperties", []), ("required", [])]
    assert "'titel' was unexpected" in found[0].message and "'title' is a required property" in found[1].message
    assert rejected_by_model("lesson", text)


def test_a_value_of_the_wrong_type_fails() -> None:
    text = 'id = "m1"\ntitle = "Module"\nestimated_minutes = "5"\n'
    (found,) = errors("module", text)
    assert (found.validator, list(found.absolute_path), found.validator_value) == ("type", ["estimated_minutes"], "integer")
    assert rejected_by_model("module", text)


def test_a_missing_required_key_fails() -> None:
    text = 'id = "q"\ntitle = "Quiz"\n[[question]]\nid = "q1"\ntype = "true_false"\nobjective = "o1"\nprompt = "True?"\nanswer = true\n'
    found = errors("quiz", text)
    assert found and all(list(e.absolute_path) == ["question", 0] for e in found)
    context = [c for e in found for c in e.context or []]
    assert any(c.validator == "required" and "'explanation' is a required property" in c.message for c in context)
    assert rejected_by_model("quiz", text)


def test_an_unknown_question_type_fails() -> None:
    text = 'id = "q"\ntitle = "Quiz"\n[[question]]\nid = "q1"\ntype = "essay"\nobjective = "o1"\nprompt = "Why?"\nexplanation = "So."\n'
    (found,) = errors("quiz", text)
    assert (found.validator, list(found.absolute_path)) == ("oneOf", ["question", 0])
    type_checks = [c for c in found.context or [] if list(c.absolute_path) == ["question", 0, "type"]]
    assert len({c.validator_value for c in type_checks if c.validator == "const"}) == len(QUESTION_TYPES)
    assert rejected_by_model("quiz", text)


def test_a_numeric_question_needs_a_value_or_a_range() -> None:
    head = 'id = "q"\ntitle = "Quiz"\n[[question]]\nid = "q1"\ntype = "numeric"\nobjective = "o1"\nprompt = "How many?"\nexplanation = "So."\n'
    assert errors("quiz", head + "value = 3\n") == [] and errors("quiz", head + "min = 1\nmax = 3\n") == []
    assert errors("quiz", head + "min = 1\n") and rejected_by_model("quiz", head + "min = 1\n")


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every object schema (one with properties) in ``node``, nested ones included."""
    found = []
    if isinstance(node, dict):
        if "properties" in node:
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_key_is_described_and_extra_keys_are_refused(kind: str) -> None:
    objects = _objects(schema_for(kind))
    assert objects
    for obj in objects:
        assert obj["additionalProperties"] is False, obj["title"]
        undocumented = [key for key, prop in obj["properties"].items() if not prop.get("description")]
        assert undocumented == [], obj["title"]
        assert not any("null" in str(prop) for prop in obj["properties"].values()), "TOML has no null"


def test_questions_are_a_discriminated_union_on_type() -> None:
    schema = schema_for("quiz")
    items = schema["properties"]["question"]["items"]
    assert items["discriminator"]["propertyName"] == "type"
    assert list(items["discriminator"]["mapping"]) == sorted(QUESTION_TYPES)
    variants = [schema["$defs"][ref["$ref"].rsplit("/", 1)[1]] for ref in items["oneOf"]]
    assert [v["properties"]["type"]["enum"] for v in variants] == [[t] for t in QUESTION_TYPES]


def test_field_docs_name_only_real_fields() -> None:
    stale = [(model.__name__, name) for model, docs in FIELD_DOCS.items() for name in docs if name not in model.model_fields]
    assert stale == []
    duplicated = [
        (model.__name__, name)
        for model, docs in FIELD_DOCS.items()
        for name in docs
        if isinstance(model, type) and issubclass(model, BaseModel) and model.model_fields[name].description
    ]
    assert duplicated == [], "a Field(description=...) in the model wins; drop the copy here"


def test_the_command_line_knows_the_same_kinds_and_types() -> None:
    assert tuple(KINDS) == cli_author.SCHEMA_KINDS
    assert cli_author.QUESTION_TYPES == QUESTION_TYPES == tuple(QUESTION_MODELS)


REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_shipped_schemas_are_current(kind: str) -> None:
    """docs/schema/ holds what `course schema --output docs/schema` writes (run it after changing a model)."""
    import json

    shipped = json.loads((REPO / "docs" / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert shipped == schema_for(kind)


def test_the_schema_directives_in_the_bundled_course_point_at_shipped_schemas() -> None:
    found = 0
    for path in BUNDLED:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if first.startswith("#:schema "):
            found += 1
            target = (path.parent / first.removeprefix("#:schema ").strip()).resolve()
            assert target.is_file(), f"{path}: {target}"
            assert target.name == f"{kind_of(path)}.schema.json"
    assert found
