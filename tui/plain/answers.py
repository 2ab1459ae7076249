"""Questions as text and answers from text: how plain mode shows each question type and reads a reply."""

from __future__ import annotations

import re
from typing import Any

from quizzes.describe import describe_key, describe_response
from quizzes.grading import grade, parse_number
from quizzes.questions import Matching, MultipleChoice, Numeric, Ordering, Question, ShortText, SingleChoice, TrueFalse
from tui.plain.text import WIDTH, wrap

LETTERS = "abcdefghijklmnopqrstuvwxyz"


class BadAnswer(ValueError):
    """Typed input that is not a valid answer; the message says what to type instead."""



def question_lines(question: Question, order: list[str]) -> list[str]:
    """A question as lines: the case, the prompt, numbered options and what to type."""
    lines: list[str] = []
    if question.case:
        lines.append(wrap("Case: " + question.case))
    lines.append(wrap(question.prompt))
    if isinstance(question, (SingleChoice, MultipleChoice)):
        text = {c.id: c.text for c in question.choices}
        lines += [wrap(f"{n}. {text[ident]}", subsequent_indent="   ") for n, ident in enumerate(order, start=1)]
        if isinstance(question, SingleChoice):
            lines.append("Type the number of your answer.")
        else:
            lines.append("Choose every right answer: type their numbers separated by spaces or commas, for example 1 3.")
    elif isinstance(question, TrueFalse):
        lines += ["1. True", "2. False", "Type 1 for true or 2 for false."]
    elif isinstance(question, Ordering):
        text = {i.id: i.text for i in question.items}
        lines += [wrap(f"{n}. {text[ident]}", subsequent_indent="   ") for n, ident in enumerate(order, start=1)]
        example = " ".join(str(n) for n in range(len(order), 0, -1))
        lines.append(f"Type the item numbers in the right order, first to last, for example {example}.")
    elif isinstance(question, Matching):
        rights = {p.id: p.right for p in question.pairs}
        lines.append("Match each numbered entry:")
        lines += [wrap(f"{n}. {p.left}", subsequent_indent="   ") for n, p in enumerate(question.pairs, start=1)]
        lines.append("with one of these:")
        lines += [wrap(f"{LETTERS[n]}. {rights[ident]}", subsequent_indent="   ") for n, ident in enumerate(order)]
        lines.append("Type a pair for each number, like 1b 2a (or 1=b 2=a).")
    elif isinstance(question, ShortText):
        lines.append("Type your answer.")
    elif isinstance(question, Numeric):
        unit = f" (in {question.unit})" if question.unit else ""
        lines.append(f"Type a number{unit}.")
    return [wrap(line) if len(line) > WIDTH and "\n" not in line else line for line in lines]


def answer_help(question: Question) -> list[tuple[str, str]]:
    """The "commands" at an answer prompt: how to answer this type of question."""
    if isinstance(question, SingleChoice):
        return [("NUMBER", "choose that answer")]
    if isinstance(question, MultipleChoice):
        return [("1 3", "choose answers 1 and 3 (numbers separated by spaces or commas)")]
    if isinstance(question, TrueFalse):
        return [("1", "true"), ("2", "false")]
    if isinstance(question, Ordering):
        return [("3 1 2", "the item numbers in the right order, first to last")]
    if isinstance(question, Matching):
        return [("1b 2a", "match entry 1 with b and entry 2 with a (1=b 2=a works too)")]
    if isinstance(question, Numeric):
        return [("NUMBER", "your answer, for example 2 or 2.5")]
    return [("TEXT", "your answer (a single letter h, m, r or q is read as a command)")]


def parse_response(question: Question, text: str, order: list[str]) -> Any:
    """The response the app would record for ``text`` typed at this question; ``BadAnswer`` if invalid.

    ``order`` is the order the options were shown in (choice, item or right-hand pair ids).
    """
    text = text.strip()
    if not text:
        raise BadAnswer("Type an answer first.")
    if isinstance(question, SingleChoice):
        numbers = _numbers(text, len(order), "Type one number from 1 to {n}.")
        if len(numbers) != 1:
            raise BadAnswer(f"Type one number from 1 to {len(order)}.")
        return order[numbers[0] - 1]
    if isinstance(question, MultipleChoice):
        numbers = _numbers(text, len(order), "Type numbers from 1 to {n}, separated by spaces or commas.")
        return [order[n - 1] for n in dict.fromkeys(numbers)]
    if isinstance(question, TrueFalse):
        word = text.lower()
        if word in ("1", "t", "true", "y", "yes"):
            return True
        if word in ("2", "f", "false", "n", "no"):
            return False
        raise BadAnswer("Type 1 for true or 2 for false.")
    if isinstance(question, Ordering):
        count = len(order)
        message = f"Type each number from 1 to {count} once, in the right order, for example " + " ".join(
            str(n) for n in range(count, 0, -1)
        ) + "."
        if count < 10 and re.fullmatch(r"\d+", text) and len(text) == count:
            text = " ".join(text)  # "312" for three items
        numbers = _numbers(text, count, message)
        if sorted(numbers) != list(range(1, count + 1)):
            raise BadAnswer(message)
        return [order[n - 1] for n in numbers]
    if isinstance(question, Matching):
        return _parse_pairs(question, text, order)
    if isinstance(question, Numeric):
        if parse_number(text) is None:
            raise BadAnswer("That is not a number. Type digits, for example 2 or 2.5.")
        return text
    return text


def _numbers(text: str, count: int, message: str) -> list[int]:
    tokens = [t for t in re.split(r"[\s,;]+", text) if t]
    if not tokens or not all(t.isdigit() for t in tokens):
        raise BadAnswer(message.format(n=count))
    numbers = [int(t) for t in tokens]
    for number in numbers:
        if not 1 <= number <= count:
            raise BadAnswer(f"There is no number {number}. " + message.format(n=count))
    return numbers


def _parse_pairs(question: Matching, text: str, order: list[str]) -> dict[str, str]:
    count = len(question.pairs)
    last = LETTERS[count - 1]
    example = " ".join(f"{n}{LETTERS[(n) % count]}" for n in range(1, count + 1))
    usage = f"Type a pair for each number from 1 to {count}, with a letter from a to {last}, for example {example}."
    text = text.lower()
    pairs = list(re.finditer(r"(\d+)\s*[=:.\-]?\s*([a-z])(?![a-z])", text))
    leftover = re.sub(r"[\s,;]+", " ", re.sub(r"(\d+)\s*[=:.\-]?\s*([a-z])(?![a-z])", " ", text)).strip()
    if not pairs or leftover:
        shown = leftover.split(" ")[0] if leftover else text
        raise BadAnswer(f"I could not read {shown!r}. " + usage)
    chosen: dict[int, str] = {}
    for match in pairs:
        number, letter = int(match.group(1)), match.group(2)
        if not 1 <= number <= count:
            raise BadAnswer(f"There is no number {number}. " + usage)
        if letter not in LETTERS[:count]:
            raise BadAnswer(f"There is no letter {letter}. " + usage)
        if number in chosen:
            raise BadAnswer(f"Number {number} is paired twice. " + usage)
        chosen[number] = order[LETTERS.index(letter)]
    missing = [str(n) for n in range(1, count + 1) if n not in chosen]
    if missing:
        raise BadAnswer(f"Pair every number; missing: {', '.join(missing)}. " + usage)
    return {pair.id: chosen[n] for n, pair in enumerate(question.pairs, start=1)}


def feedback_lines(question: Question, response: Any, score: float, max_score: float, correct: bool) -> list[str]:
    """Right or wrong, partial credit, per-choice feedback, the right answer and the explanation."""
    if correct:
        lines = ["Correct."]
    elif score > 0:
        lines = [f"Partly right: {score:g} of {max_score:g} points."]
    else:
        lines = ["Not quite."]
    lines += [wrap(text) for text in grade(question, response).feedback]
    if not correct:
        lines.append(wrap("Your answer: " + describe(question, response)))
        lines.append(wrap("Right answer: " + describe_key(question).replace(" → ", ", then ")))
    lines.append(wrap("Why: " + question.explanation))
    return lines


def describe(question: Question, response: Any) -> str:
    """A response in words, read aloud well: "A, then B" rather than arrows, "no answer" for none."""
    text = describe_response(question, response)
    return "no answer" if text == "—" else text.replace(" → ", ", then ")
