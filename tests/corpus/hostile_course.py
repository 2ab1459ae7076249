"""A clean course with one hostile text in every field a learner sees, and a question of every type.

Each field holds a letter naming it (``T`` the course title, ``P1`` the first prompt ...) and then the
text, so a test can look for one field's words on the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from tests.helpers.course_factory import write_course

SHARED = {"objective": "m1-o1"}


def questions(text: str) -> list[dict[str, Any]]:
    """One question of each of the seven types, every text of it holding ``text``."""

    def base(n: int, kind: str) -> dict[str, Any]:
        return {
            "id": f"m1-q{n}",
            "type": kind,
            **SHARED,
            "prompt": f"P{n} {text}",
            "case": f"V{n} {text}",
            "explanation": f"E{n} {text}",
        }

    choices = [
        {"id": "a", "text": f"X {text}", "feedback": f"F {text}"},
        {"id": "b", "text": f"Y {text}", "feedback": f"G {text}"},
    ]
    return [
        {**base(1, "single"), "choices": choices, "answer": "b"},
        {**base(2, "multiple"), "choices": choices, "answers": ["b"]},
        {**base(3, "true_false"), "answer": True, "feedback_true": f"FT {text}", "feedback_false": f"FF {text}"},
        {**base(4, "order"), "items": [{"id": "i1", "text": f"I1 {text}"}, {"id": "i2", "text": f"I2 {text}"}]},
        {
            **base(5, "match"),
            "pairs": [
                {"id": "p1", "left": f"L1 {text}", "right": f"R1 {text}"},
                {"id": "p2", "left": f"L2 {text}", "right": f"R2 {text}"},
            ],
        },
        {**base(6, "text"), "accept": [f"A {text}"]},
        {**base(7, "numeric"), "value": 5.0, "unit": "mV"},
    ]


def hostile_course(folder: Path, text: str) -> Path:
    """The minimal course (``folder/course``) with ``text`` in every text field a learner sees."""
    value = tomli_w.dumps
    body = f"B {text}\n\nAn [agonist](glossary:agonist), [a receptor](glossary:receptor) and [a study](ref:smith-2020)."
    lesson = {
        "id": "m1-agonists",
        "title": f"L {text}",
        "summary": text,
        "objectives": ["m1-o1"],
        "references": ["smith-2020"],
        "key_points": [f"K {text}"],
        "body": body,
    }
    terms = [
        {"id": "agonist", "term": "agonist", "definition": f"A {text}", "see_also": ["receptor"]},
        {"id": "receptor", "term": "receptor", "definition": f"R {text}"},
    ]
    info = {"id": "demo", "title": f"T {text}", "summary": text, "disclaimer": f"D {text}"}
    module = {"id": "m1-basics", "title": f"M {text}", "summary": text, "objective": [{"id": "m1-o1", "text": f"O {text}"}]}
    return write_course(
        folder / "course",
        course=value({"format_version": 1, "course": info}),
        module=value(module),
        lesson=value(lesson),
        glossary=value({"term": terms}),
        references=value({"reference": [{"id": "smith-2020", "citation": f"C {text}"}]}),
        quiz=value({"id": "m1-quiz", "title": f"Q {text}", "question": questions(text)}),
    )
