"""GIFT question blocks made into this project's questions, the way Moodle's importer reads them.

Types follow Moodle's rules (question/format/gift/format.php): no answer block is a description, an
empty one an essay, ``{#...}`` numeric, any ``~`` multiple choice (single when some answer is ``=``,
else multiple response), ``=a -> b`` matching, ``T``/``TRUE``/``F``/``FALSE`` true/false, and the rest
short answer. What this project cannot hold is reported, never dropped silently: a question that
cannot be imported is a warning naming it; one imported with less (partial credit, feedback with no
place) is a warning saying what changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from course.authoring.gift.parse import Problem
from course.authoring.gift.syntax import Answer, AnswerBlock, Block, Text
from course.authoring.gift.texts import BLANK, Rejected, error, render, short_name, split_case
from course.authoring.gift.types import Context, matching, multichoice, numeric, short_answer, true_false

PLACEHOLDER = "No explanation came with this question (GIFT general feedback, ####): write why the right answer is right."
CLOZE = re.compile(r"^\s*\d*:[A-Z_]+:")
TAG = re.compile(r"\[tag:((?:\\\]|[^\]])+)\]")


@dataclass
class Draft:
    """One question ready for an id and an objective: its TOML data, where it came from, its comments."""

    data: dict[str, Any]
    name: str
    line: int
    col: int
    slug_source: str
    title: bool
    comments: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class Conversion:
    """Every draft of a file, the problems found (errors stop the import) and the categories seen."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def convert(blocks: tuple[Block, ...]) -> Conversion:
    """Every block as a :class:`Draft`, or as a problem saying why it is not imported."""
    result = Conversion()
    pending: list[str] = []
    for block in blocks:
        category = _category(block)
        if category is not None:
            result.categories.append(category)
            pending += [f"GIFT comment: {c}" for c in block.comments] + [f"GIFT $CATEGORY: {category}"]
            continue
        notes: list[Problem] = []
        try:
            draft = _question(block, notes)
        except Rejected as rejected:
            result.problems.append(rejected.problem)
            continue
        finally:
            result.problems.extend(notes)
        draft.comments = pending + [f"GIFT comment: {c}" for c in block.comments]
        draft.tags = [tag.replace("\\]", "]").strip() for c in block.comments for tag in TAG.findall(c)]
        pending = []
        result.drafts.append(draft)
    return result


def _category(block: Block) -> str | None:
    text = block.text.strip()
    if block.title is None and text.startswith("$CATEGORY:"):
        return " ".join(text[len("$CATEGORY:") :].split())
    return None


def _question(block: Block, notes: list[Problem]) -> Draft:
    fmt = block.marker or "moodle"
    title = block.title.strip().value if block.title is not None else ""
    answer_blocks = block.answer_blocks
    name = short_name(title or block.text.strip() or "(empty question)")
    where = (block.line, block.col)
    if not answer_blocks:
        raise error(where, "G202", f"description '{name}' is not imported: it asks nothing (no answer block)", "warning")
    if len(answer_blocks) > 1 or (answer_blocks[0].answers and _is_cloze(answer_blocks[0].answers[0])):
        raise error(
            where,
            "G203",
            f"question '{name}' is not imported: it has several answer blocks or embedded (Cloze) answers, which GIFT "
            "cannot hold (a missing blank line between two questions?)",
            "warning",
        )
    answers = answer_blocks[0]
    kind = _kind(answers)
    if kind == "essay":
        raise error(where, "G201", f"essay '{name}' is not imported: this project has no essay questions", "warning")
    prompt = render(_question_text(block), fmt)
    if not prompt:
        raise error(where, "G114", f"question '{name}' has no text")
    data: dict[str, Any] = {"type": ""}
    case, prompt = split_case(prompt) if fmt in ("markdown", "plain") else ("", prompt)
    if case:
        data["case"] = case
    data["prompt"] = prompt
    context = Context(name, fmt, where, notes)
    builders = {
        "numeric": numeric,
        "multichoice": multichoice,
        "match": matching,
        "true_false": true_false,
        "short": short_answer,
    }
    data.update(builders[kind](answers, context))
    explanation = render(answers.general, fmt) if answers.general is not None else ""
    if not explanation:
        explanation = PLACEHOLDER
        notes.append(
            Problem(
                where[0],
                where[1],
                "G213",
                f"question '{name}' has no general feedback (####): its explanation says so; write one",
                "warning",
            )
        )
    data["explanation"] = explanation
    return Draft(data, name, where[0], where[1], title or prompt, bool(title))


def _is_cloze(first: Answer) -> bool:
    return first.mark == "" and CLOZE.match(first.text.value) is not None


def _kind(block: AnswerBlock) -> str:
    """The Moodle question type of an answer block."""
    answers = [a for a in block.answers if a.mark or a.text.value.strip() or a.feedback or a.right is not None]
    if block.numeric:
        return "numeric"
    if not answers:
        return "essay"
    if any(a.mark == "~" for a in answers):
        return "multichoice"
    if any(a.mark == "=" and a.right is not None for a in answers):
        return "match"
    if len(answers) == 1 and not answers[0].mark and answers[0].text.strip().value in ("T", "TRUE", "F", "FALSE"):
        return "true_false"
    return "short"


def _question_text(block: Block) -> Text:
    """The question text with the answer block taken out, and ``_____`` in its place when text follows it
    (Moodle's missing-word format)."""
    index = next(i for i, part in enumerate(block.parts) if isinstance(part, AnswerBlock))
    answers = block.answer_blocks[0]
    before = _joined([p for p in block.parts[:index] if isinstance(p, Text)], answers.line, answers.col)
    after = _joined([p for p in block.parts[index + 1 :] if isinstance(p, Text)], answers.line, answers.col)
    return (before.concat(BLANK, after) if after.value.strip() else before).strip()


def _joined(texts: list[Text], line: int, col: int) -> Text:
    if not texts:
        return Text.empty(line, col)
    joined = texts[0]
    for text in texts[1:]:
        joined = joined.concat("", text)
    return joined
