"""What ``course new`` writes: the starter course (a short real lesson about writing a course, and a
quiz with one question of each type) and the placeholder pieces added to a course later."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from course.authoring.scaffold_toml import TomlDocument
from course.domain.models import CourseFile, CourseInfo, GlossaryFile, ModuleFile, Objective, Reference, ReferencesFile, Term
from lessons.model import Lesson
from quizzes.questions import (
    Choice,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    QuestionBase,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from quizzes.quiz import Quiz

QUESTION_MODELS: dict[str, type[QuestionBase]] = {
    "single": SingleChoice,
    "multiple": MultipleChoice,
    "true_false": TrueFalse,
    "order": Ordering,
    "match": Matching,
    "text": ShortText,
    "numeric": Numeric,
}
SCHEMA_HINT = "`course schema {kind}` prints the JSON Schema of this file, for editors that check TOML as you type."
MODULE_ID, LESSON_ID = "first-module", "first-lesson"
OBJECTIVES = {
    f"{MODULE_ID}-o1": "Describe the files of a course folder and how course validate reports problems in them.",
    f"{MODULE_ID}-o2": "Explain how stable ids, objectives and feedback make a quiz safe to edit and useful to learners.",
}
O1, O2 = OBJECTIVES

LESSON_BODY = """\
## What a course is made of

A course is a folder of TOML files. `course.toml` names the course and holds the disclaimer that
learners see first; `glossary.toml` defines terms, and `references.toml` lists the sources the
lessons cite. Each folder in `modules/` is a module: its `module.toml` gives the title and the
[learning objectives](glossary:learning-objective), every other `.toml` file in it is a lesson, and
`quiz.toml` holds the module's quiz. Numeric prefixes such as `01-` set the order.

## Ids keep progress safe

Everything has an id: modules, lessons, objectives, quizzes, questions, terms and references. A
learner's progress is stored by id, never by position, so you can reword, reorder and add material
freely. Keep an id when you reword something, and give new material a new id.

## Questions that teach

A quiz can use 7 question types: single, multiple, true_false, order, match, text and numeric.
Each question assesses one objective, and every objective should be assessed by some question.
Write each wrong option as a plausible [distractor](glossary:distractor) and give it feedback that
says why it is wrong. Reviews of item-writing advice, such as the one by
[Haladyna, Downing and Rodriguez](ref:haladyna-2002), warn against cues that give the key away, like
a right answer that is much longer than the others.

## Checking your work

Run `course validate --strict` after each change: it prints every problem as the file's path, the
line, the column, the severity and code, and then the message. `course new lesson`,
`course new question` and their siblings add pieces with fresh ids, and `course schema` prints the
JSON Schema of each kind of file for your editor.
"""


def course_toml(course_id: str, title: str) -> str:
    """course.toml of a new course."""
    doc = TomlDocument(
        "course.toml: the course as a whole. Written by `course new`; change anything.",
        "Above each key: what it is, and whether it is required or what it is when left out. "
        + SCHEMA_HINT.format(kind="course"),
    )
    doc.blank()
    doc.keys(CourseFile, {"format_version": 1})
    doc.table("course", CourseFile, "course")
    summary = "A starter course written by `course new`: one module with a lesson on how a course is written and a quiz with one question of each type. Replace it with your own."
    doc.keys(
        CourseInfo,
        {
            "id": course_id,
            "title": title,
            "version": "0.1",
            "summary": summary,
            "audience": "Authors trying the course format.",
            "disclaimer": "This starter course only shows how a course is written. Replace this text with what your course is not, for example: education, not medical advice.",
            "authors": ["Your Name"],
        },
    )
    return doc.text()


def glossary_toml() -> str:
    """glossary.toml of a new course: the two terms its lesson links to."""
    doc = TomlDocument(
        "glossary.toml: terms that lessons link to as [words](glossary:ID). " + SCHEMA_HINT.format(kind="glossary")
    )
    terms: list[dict[str, Any]] = [
        {
            "id": "learning-objective",
            "term": "learning objective",
            "definition": "What a learner should be able to do after a module, stated as an action that can be observed and assessed, such as explain, identify or compare.",
        },
        {
            "id": "distractor",
            "term": "distractor",
            "definition": "A wrong option of a choice question, written to be plausible to a learner who has not mastered the objective.",
            "see_also": ["learning-objective"],
        },
    ]
    for term in terms:
        doc.table("term", GlossaryFile, "term", array=True)
        doc.keys(Term, term)
    return doc.text()


def references_toml() -> str:
    """references.toml of a new course: the source its lesson cites."""
    doc = TomlDocument("references.toml: sources that lessons cite as [words](ref:ID). " + SCHEMA_HINT.format(kind="references"))
    doc.table("reference", ReferencesFile, "reference", array=True)
    citation = (
        "Haladyna TM, Downing SM, Rodriguez MC. A review of multiple-choice item-writing guidelines for classroom "
        "assessment. Applied Measurement in Education 2002;15(3):309–333."
    )
    doc.keys(Reference, {"id": "haladyna-2002", "citation": citation, "url": "https://doi.org/10.1207/S15324818AME1503_5"})
    return doc.text()


def module_toml(module_id: str, title: str, summary: str, minutes: int, objectives: dict[str, str]) -> str:
    """A module.toml with the given objectives (id -> text)."""
    doc = TomlDocument(
        "module.toml: one module. Its folder name's numeric prefix (01-, 02-) sets its place on the course map. "
        + SCHEMA_HINT.format(kind="module")
    )
    doc.blank()
    doc.keys(ModuleFile, {"id": module_id, "title": title, "summary": summary, "estimated_minutes": minutes})
    for ident, text in objectives.items():
        doc.table("objective", ModuleFile, "objectives", array=True)
        doc.keys(Objective, {"id": ident, "text": text})
    return doc.text()


def starter_module_toml() -> str:
    """module.toml of the starter course's one module."""
    summary = "How a course folder is put together, and how to write quiz questions that teach."
    return module_toml(MODULE_ID, "First module", summary, 15, OBJECTIVES)


def lesson_toml(values: dict[str, Any]) -> str:
    """A lesson file with these keys (TOML key -> value)."""
    doc = TomlDocument(
        "A lesson. Every .toml file in a module folder other than module.toml and quiz.toml is one; the file "
        "name's numeric prefix (01-, 02-) sets its place. " + SCHEMA_HINT.format(kind="lesson")
    )
    doc.blank()
    doc.keys(Lesson, values)
    return doc.text()


def starter_lesson_toml() -> str:
    """The starter course's lesson: how a course is written."""
    key_points = [
        "A course is a folder of TOML files, with one folder in modules/ for each module.",
        "Progress is stored by id, never by position: keep ids when you reword.",
        "Give every wrong option feedback that says why it is wrong.",
    ]
    return lesson_toml(
        {
            "id": LESSON_ID,
            "title": "How a course is written",
            "summary": "The files of a course, why everything has an id, and questions that teach.",
            "estimated_minutes": 3,
            "objectives": list(OBJECTIVES),
            "references": ["haladyna-2002"],
            "key_points": key_points,
            "body": LESSON_BODY,
        }
    )


def _choices(*entries: tuple[str, str]) -> list[dict[str, str]]:
    return [{"id": "abcdefghijkl"[n], "text": text, "feedback": feedback} for n, (text, feedback) in enumerate(entries)]


STARTER_QUESTIONS: list[dict[str, Any]] = [
    {
        "type": "single",
        "objective": O2,
        "prompt": "What in quiz.toml is shown only to a learner who picks one particular option?",
        "answer": "a",
        "explanation": "A choice's feedback is shown when a learner picks that choice, so it can say why that option is wrong; the explanation is shown after every answer.",
        "choices": _choices(
            ("The choice's feedback", "Right: each choice can carry its own feedback."),
            ("The question's explanation", "The explanation is shown after every answer, right or wrong; it explains the key."),
            ("The question's prompt", "The prompt is the question itself; learners read it before they answer."),
            ("The quiz's title", "The title names the quiz; it says nothing about one option."),
        ),
    },
    {
        "type": "multiple",
        "objective": O1,
        "prompt": "Which of these files belong in a module folder? Select all that apply.",
        "answers": ["a", "b"],
        "explanation": "A module folder holds its module.toml, its lessons and its quiz.toml; the course-wide files sit at the top of the course folder.",
        "choices": _choices(
            ("module.toml", "Right: every module folder needs one."),
            ("quiz.toml", "Right: a module's quiz lives in the module's folder."),
            ("course.toml", "course.toml describes the whole course, so it sits at the top of the course folder."),
            ("glossary.toml", "The glossary serves every module, so it sits beside course.toml."),
        ),
    },
    {
        "type": "true_false",
        "objective": O2,
        "prompt": "Giving a lesson a new id keeps the progress learners have made in it.",
        "answer": False,
        "explanation": "Progress is stored by id, never by position or title, so keep an id when you reword the material it names.",
        "feedback_true": "A new id looks like new material: the progress stored under the old id no longer applies.",
        "feedback_false": "Right: progress is stored under the id, so a new id starts afresh.",
    },
    {
        "type": "order",
        "objective": O1,
        "prompt": "Put the parts of a problem line printed by course validate in the order they appear.",
        "explanation": "Each problem is printed as path:line:col: severity[CODE]: message, so editors and terminals can jump to the spot.",
        "items": [
            {"id": "path", "text": "The file's path"},
            {"id": "line", "text": "The line number"},
            {"id": "column", "text": "The column number"},
            {"id": "code", "text": "The severity and code"},
            {"id": "message", "text": "The message"},
        ],
    },
    {
        "type": "match",
        "objective": O1,
        "prompt": "Match each course file to what it holds.",
        "explanation": "course.toml describes the course, glossary.toml and references.toml serve every lesson, and each module.toml lists its module's objectives.",
        "pairs": [
            {"id": "course", "left": "course.toml", "right": "The course's title and disclaimer"},
            {"id": "glossary", "left": "glossary.toml", "right": "Terms and their definitions"},
            {"id": "references", "left": "references.toml", "right": "The sources that lessons cite"},
            {"id": "module", "left": "module.toml", "right": "A module's title and learning objectives"},
        ],
    },
    {
        "type": "text",
        "objective": O1,
        "prompt": "Which word completes the command that checks a course and prints every problem: course ___ --strict?",
        "accept": ["validate"],
        "explanation": "course validate reads every file and prints each problem with its file, line and column; --strict also fails on warnings.",
    },
    {
        "type": "numeric",
        "objective": O2,
        "prompt": "How many question types can a quiz use? Type the number in digits.",
        "value": 7,
        "tolerance": 0,
        "explanation": "single, multiple, true_false, order, match, text and numeric: 7 types, each with its own answer key.",
    },
]


def _placeholder_choices() -> list[dict[str, str]]:
    return _choices(
        ("The right answer", "Say why this answer is right."),
        ("A plausible wrong answer", "Say why a learner might pick this, and why it is wrong."),
        ("Another plausible wrong answer", "Say what this answer confuses, and what is true instead."),
    )


def placeholder_question(qtype: str) -> dict[str, Any]:
    """The keys of a new question of type ``qtype`` (without id and objective), to be rewritten by the author."""
    common = {"prompt": "Write the question here.", "explanation": "Say why the right answer is right."}
    specific: dict[str, dict[str, Any]] = {
        "single": {"answer": "a", "choices": _placeholder_choices()},
        "multiple": {"answers": ["a"], "choices": _placeholder_choices()},
        "true_false": {
            "answer": True,
            "feedback_true": "Say why True is right.",
            "feedback_false": "Say why False is wrong.",
        },
        "order": {"items": [{"id": "first", "text": "The first step"}, {"id": "second", "text": "The second step"}]},
        "match": {
            "pairs": [
                {"id": "p1", "left": "A term", "right": "Its partner"},
                {"id": "p2", "left": "Another term", "right": "Its own partner"},
            ]
        },
        "text": {"accept": ["the answer"]},
        "numeric": {"value": 42, "tolerance": 0, "unit": ""},
    }
    return {"type": qtype, **common, **specific[qtype]}


def write_question(doc: TomlDocument, qid: str, values: dict[str, Any]) -> None:
    """One ``[[question]]`` table (its choices as ``[[question.choices]]`` tables) into ``doc``."""
    values = dict(values)
    model = QUESTION_MODELS[values["type"]]
    choices = values.pop("choices", None)
    doc.table("question", Quiz, "questions", array=True)
    doc.keys(model, {"id": qid, **values})
    for choice in choices or []:
        doc.table("question.choices", model, "choices", array=True)
        doc.keys(Choice, choice)


def quiz_toml(quiz_id: str, title: str, questions: list[tuple[str, dict[str, Any]]]) -> str:
    """A quiz.toml with its rules written out and the given questions (id, keys)."""
    doc = TomlDocument(
        "quiz.toml: the module's quiz. Questions are [[question]] tables; their type key says which kind. "
        + SCHEMA_HINT.format(kind="quiz")
    )
    doc.blank()
    rules = {"id": quiz_id, "title": title, "mode": "practice", "pass_mark": 0.7, "max_attempts": 0}
    rules |= {"time_limit_minutes": 0, "shuffle_questions": False, "shuffle_choices": False, "draw": 0}
    doc.keys(Quiz, rules)
    for qid, values in questions:
        write_question(doc, qid, values)
    return doc.text()


def starter_quiz_toml() -> str:
    """The starter course's quiz: one question of each type, every objective assessed."""
    questions = [(f"{MODULE_ID}-q{n}", q) for n, q in enumerate(STARTER_QUESTIONS, start=1)]
    return quiz_toml(f"{MODULE_ID}-quiz", "First module: check your understanding", questions)


def appended_question(qid: str, values: dict[str, Any]) -> str:
    """A question to append to an existing quiz.toml: keys every question has are not explained again."""
    shared: set[tuple[type[BaseModel], str]] = {(QuestionBase, name) for name in QuestionBase.model_fields}
    shared.add((Quiz, "questions"))
    doc = TomlDocument(f"Question {qid}, added by `course new question`: rewrite its text.", explained=shared)
    write_question(doc, qid, values)
    return doc.text()
