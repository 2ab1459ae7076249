"""The JSON Schema (draft 2020-12) of each kind of course file, generated from the pydantic models.

``schema_for(kind)`` is ``model_json_schema`` of the model the loader validates that file with, so it
cannot drift from what ``course validate`` accepts. A few things are adjusted for editors (Taplo /
Even Better TOML, VS Code): TOML has no null, so optional keys are plain types without a ``null``
default; a constant also gets a one-value ``enum`` (editors offer it for completion, and Taplo's
older drafts have no ``const``); every key has a description, from its ``Field(description=...)`` or,
where the model has none, from :data:`FIELD_DOCS` (``field_doc`` is also what ``course new`` writes
above each key); a numeric question needs ``value`` or both ``min`` and ``max``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from course.domain.models import CourseFile, CourseInfo, GlossaryFile, ModuleFile, Objective, Reference, ReferencesFile, Term
from lessons.model import Lesson
from quizzes.questions import (
    Choice,
    Item,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Pair,
    QuestionBase,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from quizzes.quiz import Quiz

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# kind -> (model, file it describes, what the file is)
KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "course": (CourseFile, "course.toml", "The course folder's course.toml: the format version and the [course] table."),
    "glossary": (GlossaryFile, "glossary.toml", "The course's glossary.toml: [[term]] tables that lessons link to."),
    "references": (ReferencesFile, "references.toml", "The course's references.toml: [[reference]] tables that lessons cite."),
    "module": (ModuleFile, "modules/NN-name/module.toml", "A module folder's module.toml: its title and [[objective]] tables."),
    "lesson": (
        Lesson,
        "modules/NN-name/NN-topic.toml",
        "A lesson file in a module folder: its Markdown body and what it teaches.",
    ),
    "quiz": (Quiz, "modules/NN-name/quiz.toml", "A module folder's quiz.toml: the quiz's rules and its [[question]] tables."),
}

_ID = "Lowercase letters, digits, - and _, unique in the course; keep it when you reword (progress is stored by id)."
_TYPE = "The question type (one of single, multiple, true_false, order, match, text, numeric)."

# Descriptions of the keys whose model field has none, by model and field name (not alias).
FIELD_DOCS: dict[type[BaseModel], dict[str, str]] = {
    CourseFile: {
        "format_version": "Version of the course file format; must be 1.",
        "course": "The [course] table: what the course is and what learners see first.",
    },
    CourseInfo: {
        "id": "Stable id of the course: learners' progress is stored under it. Lowercase letters, digits, - and _.",
        "title": "The course's title, shown at the top of every screen.",
        "version": "The course's own version (yours, not the file format's).",
        "summary": "A paragraph about the course, shown on its first screen.",
        "audience": "Who the course is for.",
        "disclaimer": "Shown when a learner first starts the course: say plainly what the course is not.",
        "authors": "The authors' names.",
    },
    GlossaryFile: {"term": "The glossary terms, one [[term]] table each."},
    Term: {
        "id": f"Stable id of the term; lessons link to it as [words](glossary:ID). {_ID}",
        "term": "The word or phrase as learners see it.",
        "definition": "What it means, in a sentence or two; shown when a learner selects a link to it.",
        "see_also": "Ids of related glossary terms.",
    },
    ReferencesFile: {"reference": "The sources, one [[reference]] table each."},
    Reference: {
        "id": f"Stable id of the reference; lessons cite it as [words](ref:ID). {_ID}",
        "citation": "The full citation, as learners see it.",
        "url": "Where to read it: an https:// address, or empty.",
    },
    ModuleFile: {
        "id": f"Stable id of the module. {_ID}",
        "title": "The module's title, shown on the course map.",
        "summary": "What the module covers, shown on the course map.",
        "estimated_minutes": "Study time for the whole module (lessons and quiz), in minutes.",
        "objectives": "The module's learning objectives, one [[objective]] table each.",
    },
    Objective: {
        "id": f"Stable id of the objective; lessons and questions name it. {_ID}",
        "text": "What a learner can do after the module, as a measurable action (explain, identify, describe …).",
    },
    Lesson: {
        "id": f"Stable id of the lesson. {_ID}",
        "title": "The lesson's title.",
        "summary": "One sentence about the lesson, shown on the course map.",
        "estimated_minutes": "Reading time, in minutes.",
        "objectives": "Ids of the module objectives this lesson teaches.",
        "body": "The lesson in Markdown. [words](glossary:ID) links a glossary term, [words](ref:ID) cites a "
        "reference; any other link must be https://.",
        "key_points": "Short sentences listed after the lesson.",
        "references": "Ids of the references this lesson relies on.",
    },
    Quiz: {
        "id": f"Stable id of the quiz. {_ID}",
        "title": "The quiz's title.",
        "mode": "practice: feedback after each answer; exam: marks and feedback only after submitting.",
        "shuffle_questions": "Ask the questions in a new order on each attempt.",
        "shuffle_choices": "Shuffle the choices of single-choice questions (multiple-choice ones are shuffled anyway).",
        "questions": "The questions, one [[question]] table each; its type key says which kind.",
    },
    QuestionBase: {
        "id": f"Stable id of the question (answers and review cards are kept under it). {_ID}",
        "prompt": "The question as learners see it.",
        "explanation": "Why the right answer is right; shown after answering.",
        "objective": "Id of the module objective this question assesses.",
        "points": "What the question is worth.",
    },
    SingleChoice: {"type": _TYPE, "choices": "The options, 2 to 12.", "answer": "Id of the one right choice."},
    MultipleChoice: {"type": _TYPE, "choices": "The options, 2 to 12.", "answers": "Ids of every right choice."},
    TrueFalse: {
        "type": _TYPE,
        "answer": "Whether the statement is true.",
        "feedback_true": "Shown when a learner answers True.",
        "feedback_false": "Shown when a learner answers False.",
    },
    Ordering: {"type": _TYPE, "items": "The items in the right order, 2 to 12; learners see them shuffled."},
    Matching: {"type": _TYPE, "pairs": "The pairs, 2 to 12; learners see the right-hand sides shuffled."},
    ShortText: {"type": _TYPE, "case_sensitive": "Tell answers apart by upper and lower case."},
    Numeric: {
        "type": _TYPE,
        "value": "The right number (give value, or both min and max).",
        "tolerance": "How far from value an answer may be and still count as right.",
        "min": "Lowest right answer of a range (with max, instead of value).",
        "max": "Highest right answer of a range (with min, instead of value).",
        "unit": "The unit, shown with the answer (mg, %, years …).",
    },
    Choice: {
        "id": "Id of the choice within its question (a, b, c …); answer keys name it, so shuffling never changes the key.",
        "text": "The option as learners see it.",
        "feedback": "Shown when a learner picks this choice: say why it is right or wrong.",
    },
    Item: {"id": "Id of the item within its question.", "text": "The item as learners see it."},
    Pair: {
        "id": "Id of the pair within its question.",
        "left": "The entry shown on the left.",
        "right": "Its partner, shown among the right-hand sides.",
    },
}

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def field_doc(model: type[BaseModel], name: str) -> str:
    """What the key ``name`` (a field name, not an alias) of ``model`` means: its ``Field`` description,
    else the entry of :data:`FIELD_DOCS` for the model or the nearest base that has one ("" if none)."""
    field = model.model_fields[name]
    if field.description:
        return field.description
    for base in model.__mro__:
        doc = FIELD_DOCS.get(base, {}).get(name)
        if doc:
            return doc
    return ""


def _plain_doc(text: str) -> str:
    """A class docstring as editor text: Sphinx roles and double backticks made plain."""
    return " ".join(_ROLE.sub(r"\1", text).replace("``", "`").split())


class _EditorSchema(GenerateJsonSchema):
    """pydantic's generator with the adjustments this module's docstring lists."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        json_schema = super().default_schema(schema)
        if "default" in json_schema and json_schema["default"] is None:
            del json_schema["default"]
        return json_schema

    def literal_schema(self, schema: core_schema.LiteralSchema) -> JsonSchemaValue:
        json_schema = super().literal_schema(schema)
        if "const" in json_schema:
            json_schema["enum"] = [json_schema["const"]]
        return json_schema

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        model: type[BaseModel] = schema["cls"]
        if "description" in json_schema:
            json_schema["description"] = _plain_doc(json_schema["description"])
        by_key = {field.alias or name: name for name, field in model.model_fields.items()}
        for key, prop in json_schema.get("properties", {}).items():
            doc = field_doc(model, by_key[key])
            if doc and "description" not in prop:
                prop["description"] = doc
        if model is Numeric:
            json_schema["anyOf"] = [{"required": ["value"]}, {"required": ["min", "max"]}]
        return json_schema


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of course file (a key of :data:`KINDS`); ``KeyError`` for others."""
    model, file_name, about = KINDS[kind]
    generated = model.model_json_schema(by_alias=True, schema_generator=_EditorSchema, mode="validation")
    return {"$schema": DRAFT, **generated, "title": f"plasticity-course {file_name}", "description": about}


def schema_text(kind: str) -> str:
    """:func:`schema_for` as JSON text (indented, ending with a newline)."""
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, kinds: list[str]) -> list[Path]:
    """Write ``<kind>.schema.json`` for each kind into ``folder`` (created if missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in kinds:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
