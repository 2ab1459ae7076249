"""W409: questions that repeat each other, or give each other away, anywhere in the course.

Each question is read as its stem (case vignette and prompt) and its key, normalised: case-folded,
punctuation and symbols as spaces. Two questions are flagged when any of these holds (the thresholds
were calibrated on the bundled course; docs/validation-codes.md, W409, has the result):

- *reworded*: their content words (stop words dropped, plural and -ed/-ing endings trimmed) overlap
  by a Jaccard index of at least :data:`REWORDED_WORDS` and their texts are
  :data:`REWORDED_TEXT` alike by :class:`difflib.SequenceMatcher`;
- *same key*: their keys (of two words or more) are :data:`SAME_KEY_TEXT` alike and their words
  overlap by :data:`SAME_KEY_WORDS`;
- *giveaway*: a key of one (two words or more) stands in the stem of the other, and their words
  overlap by :data:`GIVEAWAY_WORDS` (one asks for the term, the other defines it);
- *shared option*: they offer the same option of four words or more, and their words overlap by
  :data:`SHARED_OPTION_WORDS`.

Questions with fewer than :data:`MIN_WORDS` content words are never compared (too little text to
tell). Pairs under a word-set Jaccard index of :data:`PREFILTER_WORDS` (the lowest of the lines
above) can never be flagged, and are never compared: candidate pairs come from an inverted index
over each question's rarest words (*prefix filtering*: two word sets with a Jaccard index of at least
*t* share a word among the first ``|x| - ceil(t|x|) + 1`` words of each, all sets in one rarest-first
order), so a course of 20,000 unrelated questions compares a handful of pairs, not 200 million. Every
flagged pair is reported once, at the later question's prompt, up to :data:`MAX_PER_QUESTION` for one
question.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from course.loading.item_report import Reporter
from quizzes.item_cues import keys_of
from quizzes.questions import MultipleChoice, QuestionBase, ShortText, SingleChoice, TrueFalse
from quizzes.types import question_type
from quizzes.types.text import normalise_text

REWORDED_WORDS, REWORDED_TEXT = 0.45, 0.60
SAME_KEY_TEXT, SAME_KEY_WORDS = 0.80, 0.25
GIVEAWAY_WORDS = 0.30
SHARED_OPTION_WORDS, SHARED_OPTION_LENGTH = 0.20, 4
# Questions with fewer content words than this are never compared (too little text to tell).
MIN_WORDS = 4
PREFILTER_WORDS = min(REWORDED_WORDS, SAME_KEY_WORDS, GIVEAWAY_WORDS, SHARED_OPTION_WORDS)
MAX_PER_QUESTION = 3  # overlaps reported for one question (the earliest questions it overlaps)
MAX_PAIRS = 2_000_000  # candidate pairs compared in all (2,000 near-identical questions make 1,999,000)
MAX_COMPARED_CHARS = 2_000  # of each text, for SequenceMatcher (the bundled course's longest is 535)
MAX_CELLS = 40_000_000  # the SequenceMatcher work in all, length times length: about a second

_STOP_TEXT = """a an the of to in on and or for is are was were be been being it its this that these those with by as at
    from which what who whom how why when where does do did not no can may will would should could their they
    them his her he she you your our we i about into than then there here so such any all some most more less
    very just also only but if while after before during over under out up down one each other"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_ENDINGS = ("ing", "ed", "es", "s")
# ASCII punctuation and symbols (Unicode categories P* and S*) as spaces: normalise_text's result for ASCII text.
_ASCII_MARKS = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", " "))


def normalised(text: str) -> str:
    """:func:`~quizzes.types.text.normalise_text` of ``text``, without its per-character Unicode
    look-ups for ASCII text (NFKC leaves ASCII as it is, and case-folds it as ``lower`` does)."""
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_MARKS).split())
    return normalise_text(text)


def content_words(text: str) -> frozenset[str]:
    """The content words of normalised ``text``: no stop words, no words under 3 letters, endings trimmed."""
    words = set()
    for word in text.split():
        if word in STOP_WORDS or len(word) < 3:
            continue
        for ending in _ENDINGS:
            if len(word) > len(ending) + 3 and word.endswith(ending):
                word = word[: -len(ending)]
                break
        words.add(word)
    return frozenset(words)


def key_phrases(question: QuestionBase) -> list[str]:
    """The key as normalised phrases: each right choice, the first accepted text; none for the other types."""
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return [normalised(c.text) for c in keys_of(question)]
    if isinstance(question, ShortText):
        return [normalised(question.accept[0])]
    return []


def key_text(question: QuestionBase, phrases: list[str] | None = None) -> str:
    """The key in words, normalised (empty for true/false: "true" says nothing about the content);
    ``phrases``: its :func:`key_phrases`, when known."""
    if isinstance(question, TrueFalse):
        return ""
    if isinstance(question, (SingleChoice, MultipleChoice, ShortText)):
        return " ".join(key_phrases(question) if phrases is None else phrases)
    return normalised(question_type(question).describe_key(question))


@dataclass(frozen=True)
class Entry:
    """One question as W409 compares it."""

    path: Path
    index: int
    question: QuestionBase
    stem: str
    key: str
    phrases: tuple[str, ...]
    words: frozenset[str]
    options: frozenset[str]

    @classmethod
    def of(cls, path: Path, index: int, question: QuestionBase) -> Entry:
        stem = normalised(f"{question.case} {question.prompt}")
        keys = key_phrases(question)
        key = key_text(question, keys)
        choices = getattr(question, "choices", [])
        options = frozenset(t for t in (normalised(c.text) for c in choices) if len(t.split()) >= SHARED_OPTION_LENGTH)
        phrases = tuple(p for p in keys if len(p.split()) >= 2)
        return cls(path, index, question, stem, key, phrases, content_words(f"{stem} {key}"), options)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """The word-set Jaccard index of two sets (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class Ratios:
    """``SequenceMatcher`` ratios (the costly part of comparing two questions) of the first
    :data:`MAX_COMPARED_CHARS` characters of each text, with the work done counted in ``cells``
    (length times length): :attr:`spent` once it passes :data:`MAX_CELLS`."""

    def __init__(self) -> None:
        self.count = 0
        self.cells = 0

    def __call__(self, a: str, b: str) -> float:
        a, b = a[:MAX_COMPARED_CHARS], b[:MAX_COMPARED_CHARS]
        self.count += 1
        self.cells += len(a) * len(b)
        return SequenceMatcher(None, a, b, autojunk=False).ratio()

    @property
    def spent(self) -> bool:
        return self.cells > MAX_CELLS


def _contains(stem: str, phrase: str) -> bool:
    return f" {phrase} " in f" {stem} "


def repeat_reason(a: Entry, b: Entry, ratio: Ratios | None = None) -> str | None:
    """Why ``a`` and ``b`` repeat or give each other away, in words; ``None`` when they do not
    (``ratio`` counts the text comparisons made)."""
    _ratio = Ratios() if ratio is None else ratio
    if len(a.words) < MIN_WORDS or len(b.words) < MIN_WORDS:
        return None
    words = jaccard(a.words, b.words)
    if words < PREFILTER_WORDS:
        return None
    if words >= REWORDED_WORDS:
        alike = _ratio(f"{a.stem} {a.key}", f"{b.stem} {b.key}")
        if alike >= REWORDED_TEXT:
            return f"prompt and key {alike:.0%} alike"
    if words >= SAME_KEY_WORDS and len(a.key.split()) >= 2 and len(b.key.split()) >= 2 and _ratio(a.key, b.key) >= SAME_KEY_TEXT:
        return f"the same key ('{b.key[:60]}')"
    if words >= GIVEAWAY_WORDS:
        for one, other in ((a, b), (b, a)):
            given = next((p for p in one.phrases if _contains(other.stem, p)), None)
            if given:
                return f"the key of '{one.question.id}' ('{given[:60]}') stands in the prompt of '{other.question.id}'"
    if words >= SHARED_OPTION_WORDS:
        shared = sorted(a.options & b.options)
        if shared:
            return f"the same option ('{shared[0][:60]}')"
    return None


@cache
def _least_overlap(size: int) -> int:
    """The fewest words a set of ``size`` words shares with any set it has a Jaccard index of at least
    :data:`PREFILTER_WORDS` with: the least ``o`` with ``o / size >= PREFILTER_WORDS`` as floats compute
    it (the overlap divided by the union, as :func:`jaccard` computes, is never more)."""
    return next(o for o in range(1, size + 1) if o / size >= PREFILTER_WORDS)


def _prefix(words: frozenset[str], frequency: Counter[str]) -> list[str]:
    """The rarest words of ``words`` (ties by the word) that any set it can pass the prefilter with shares one of."""
    ordered = sorted(words, key=lambda word: (frequency[word], word))
    return ordered[: len(ordered) - _least_overlap(len(ordered)) + 1]


def check_repeats(report: Reporter) -> None:
    """W409 for every such pair, at the later question's prompt, naming the earlier one (load order: module,
    then position): at most :data:`MAX_PER_QUESTION` a question (the earliest), and no more pairs once
    :data:`MAX_PAIRS` candidate pairs have been compared or :data:`MAX_CELLS` of text letter by letter (one
    W409 says where it stopped), so a course of thousands of near-identical questions is checked in seconds
    and not reported a million times. Only pairs sharing a word of their prefixes (:func:`_prefix`) are
    compared: the others are under the prefilter, so the warnings are those of comparing every pair."""
    entries = [Entry.of(path, n, q) for path, quiz in report.quizzes for n, q in enumerate(quiz.questions)]
    frequency = Counter(word for entry in entries if len(entry.words) >= MIN_WORDS for word in entry.words)
    holders: defaultdict[str, list[int]] = defaultdict(list)  # word -> earlier questions with it in their prefix
    compared, ratios = 0, Ratios()
    for j, later in enumerate(entries):
        prefix = _prefix(later.words, frequency) if len(later.words) >= MIN_WORDS else []
        found_in: set[int] = set()
        for word in prefix:
            found_in.update(holders.get(word, ()))
        candidates = sorted(found_in)
        if compared + len(candidates) > MAX_PAIRS or ratios.spent:
            message = (
                f"questions from '{later.question.id}' on were not compared with the others for repeats: "
                f"{compared:,} pairs were ({ratios.count:,} of them letter by letter), the most one check compares; "
                "split the course's quizzes into smaller courses to check them all"
            )
            report.warn(later.path, ("question", later.index, "prompt"), "W409", message)
            return
        compared += len(candidates)
        for word in prefix:
            holders[word].append(j)
        found = 0
        for i in candidates:
            earlier = entries[i]
            reason = repeat_reason(earlier, later, ratios)
            if reason is None:
                continue
            first = report.where(earlier.path, ("question", earlier.index, "prompt"))
            message = (
                f"question '{later.question.id}' overlaps '{earlier.question.id}' ({first}): {reason}; "
                "a learner who has seen one answers the other from memory: ask about the objective another way, or drop one"
            )
            report.warn(later.path, ("question", later.index, "prompt"), "W409", message)
            found += 1
            if found == MAX_PER_QUESTION:
                break
