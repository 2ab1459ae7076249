"""Full-text search over a course: lesson sections, glossary terms and question explanations.

Pure Python (never imports Textual). :meth:`SearchIndex.build` makes an in-memory inverted index;
:meth:`SearchIndex.search` ranks with BM25F (titles and terms weigh more than body text), requires
every query word (AND), treats the last word as a prefix while the learner is still typing it, and
honours ``"quoted phrases"``. Each :class:`Hit` carries a plain-text snippet around the match, the
spans of the matched words in it, and the matched word as written in the source.

Tokens: the text is NFKC-normalised and case-folded, then split into runs of letters and digits;
hyphenated words (``5-HT2A``) are indexed whole *and* as their parts, so ``5-ht2a``, ``ht2a`` and
``5-ht`` (as a prefix) all find them. There is no stemming.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Literal

if TYPE_CHECKING:
    from course.domain.models import Course

try:  # Counter's C helper: Counter(words) spends as long on an isinstance check as on counting.
    from collections import _count_elements  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons

    def _count_elements(mapping: dict[str, int], iterable: Iterable[str]) -> None:
        for element in iterable:
            mapping[element] = mapping.get(element, 0) + 1


HitKind = Literal["lesson", "term", "question"]

# A word: letters and digits, optionally joined by hyphens (ASCII, U+2010 and U+2011).
WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
PART = re.compile(r"[^\W_]+")

# BM25 parameters and field weights (BM25F: weighted, length-normalised term frequencies).
K1 = 1.2
B = 0.75
FIELD_WEIGHTS = (3.0, 1.5, 1.0)  # title (lesson title, glossary term), heading (section, prompt), body
PREFIX_FACTOR = 0.9  # a word that only starts with the typed prefix counts a little less than an exact one
MAX_EXPANSIONS = 30  # prefix expansions kept (the most common words), so "t" stays fast
TOP_CACHED = 50  # best documents remembered per word, for one-word queries
MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 32
SNIPPET_CHARS = 100
SNIPPET_LEAD = 30  # characters of context kept before the match


def normalize(text: str) -> str:
    """Text as the index sees it: NFKC, case-folded, Unicode hyphens made ASCII."""
    return unicodedata.normalize("NFKC", text).casefold().replace("\u2010", "-").replace("\u2011", "-")


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``: every word, plus the parts of hyphenated words."""
    words = WORD.findall(normalize(text))
    return words + [piece for word in words if "-" in word for piece in _pieces(word)]


def _pieces(word: str) -> list[str]:
    """The parts of a hyphenated word and, for three or more parts, every shorter hyphenated run
    (``a-b-c`` gives ``a``, ``b``, ``c``, ``a-b`` and ``b-c``)."""
    parts = word.split("-")
    if len(parts) == 2:
        return parts
    return ["-".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1) if j - i < len(parts)]


# --- Markdown to plain text -------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
# Whole lines dropped (code fences, table rules) and line prefixes removed (quotes, list markers,
# heading hashes), over a whole block at once.
_DROP_LINES = re.compile(
    r"^(?:[ \t]{0,3}(?:```|~~~).*|[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*)$", re.MULTILINE
)
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_LINE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:#{1,6}[ \t]+)?", re.MULTILINE)
_MARKERS = re.compile(r"(?<!\\)[*`]+")  # emphasis stars and code ticks (not escaped ones)
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![^\W_])(?<!\\)_+|(?<!\\)_+(?![^\W_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def strip_links(text: str) -> str:
    """Markdown links and images replaced by their words: ``[words](glossary:x)`` becomes ``words``."""
    if "](" not in text:
        return text
    return _LINK.sub(r"\1", _IMAGE.sub(r"\1", text))


def plain_inline(text: str) -> str:
    """Markdown as plain words: links, emphasis, code ticks and escapes removed (the cheap string
    tests skip the regular expressions that have nothing to do)."""
    text = strip_links(text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    escaped = "\\" in text
    if "*" in text or "`" in text:
        text = _MARKERS.sub("", text) if escaped else text.replace("*", "").replace("`", "")
    if "_" in text:
        text = _EMPHASIS_UNDERSCORE.sub("", text)
    if escaped:
        text = _ESCAPE.sub(r"\1", text)
    return text


def markdown_to_plain(markdown: str) -> str:
    """A Markdown block as one line of plain text (whitespace collapsed)."""
    text = _DROP_LINES.sub("", markdown) if "-" in markdown or "`" in markdown or "~" in markdown else markdown
    if "#" in text:
        text = _ATX_HEADING.sub(r"\1", text)
    text = _LINE_PREFIX.sub("", text)
    return " ".join(plain_inline(text).replace("|", " ").split())


@dataclass(frozen=True)
class Section:
    """A part of a lesson body: the heading that opens it ("" before the first heading) and its text."""

    heading: str
    markdown: str


def split_sections(body: str) -> list[Section]:
    """``body`` cut at its Markdown headings (ATX ``#`` headings outside fenced code)."""
    sections: list[Section] = []
    heading = ""
    lines: list[str] = []
    fenced = False
    for line in body.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            if heading or any(part.strip() for part in lines):
                sections.append(Section(heading, "\n".join(lines)))
            heading, lines = markdown_to_plain(match.group(2)), []
        else:
            lines.append(line)
    if heading or any(part.strip() for part in lines):
        sections.append(Section(heading, "\n".join(lines)))
    return sections


# --- Documents and hits -----------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One searchable unit. ``title``/``heading``/``body`` are plain text (the three BM25F fields)."""

    kind: HitKind
    target_id: str
    lesson_id: str | None
    title: str
    heading: str
    body: str

    @property
    def display_title(self) -> str:
        """What a result shows as its title."""
        if self.kind == "lesson" and self.heading:
            return f"{self.title} › {self.heading}"
        if self.kind == "question":
            return self.heading
        return self.title


@dataclass(frozen=True)
class Hit:
    """One search result.

    ``target_id`` is the lesson, term or question id; ``lesson_id`` is set for lesson hits only.
    ``snippet`` is plain text (about 100 characters) around the first match and ``spans`` are the
    ``(start, end)`` offsets of the matched words in it; ``title_spans`` likewise for ``title``.
    ``match_text`` is the first matched word as written in the source (to find it on screen) and
    ``section`` the heading of the lesson section that matched ("" for the text before any heading).
    """

    kind: HitKind
    target_id: str
    lesson_id: str | None
    title: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    score: float
    match_text: str
    section: str = ""
    title_spans: tuple[tuple[int, int], ...] = field(default=())


def course_documents(course: "Course") -> Iterable[Document]:
    """Every searchable document of ``course``, in course order."""
    for module in course.modules:
        for lesson in module.lessons:
            title = plain_inline(lesson.title)
            for section in split_sections(lesson.body):
                yield Document("lesson", lesson.id, lesson.id, title, section.heading, markdown_to_plain(section.markdown))
            if lesson.key_points:
                points = " · ".join(markdown_to_plain(point) for point in lesson.key_points)
                yield Document("lesson", lesson.id, lesson.id, title, "Key points", points)
    for term in course.glossary:
        yield Document("term", term.id, None, plain_inline(term.term), "", markdown_to_plain(term.definition))
    for module in course.modules:
        if module.quiz is None:
            continue
        for question in module.quiz.questions:
            yield Document(
                "question", question.id, None, "", markdown_to_plain(question.prompt), markdown_to_plain(question.explanation)
            )


# --- Queries ----------------------------------------------------------------------------------

_QUOTED = re.compile(r"[\"“”„]([^\"“”„]*)[\"“”„]")


@dataclass(frozen=True)
class Query:
    """A parsed query: required exact words, an optional prefix (the last word) and phrases."""

    words: tuple[str, ...]
    prefix: str
    phrases: tuple[tuple[str, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.words and not self.prefix


def parse_query(text: str) -> Query:
    """Split the learner's query into words, a trailing prefix and quoted phrases."""
    text = text[:MAX_QUERY_CHARS]
    phrases = []
    for match in _QUOTED.finditer(text):
        words = tuple(WORD.findall(normalize(match.group(1))))
        if len(words) > 1:
            phrases.append(words)
    # The last word is a prefix unless the learner has finished it (space or closing quote after it).
    still_typing = bool(text) and not text[-1].isspace() and text[-1] not in "\"“”„"
    words = WORD.findall(normalize(text))
    prefix = words.pop() if words and still_typing else ""
    unique = tuple(dict.fromkeys(words))[:MAX_QUERY_TERMS]
    return Query(unique, prefix if prefix not in unique else "", tuple(phrases[:MAX_QUERY_TERMS]))


# --- The index --------------------------------------------------------------------------------


class SearchIndex:
    """An in-memory inverted index over a course; build it with :meth:`build`."""

    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        # term -> {document index: BM25F saturated term frequency}; multiplied by idf at query time.
        self.postings: dict[str, dict[int, float]] = {}
        self._index(documents)
        self.vocabulary = sorted(self.postings)
        self._tops: dict[str, list[int]] = {}

    @classmethod
    def build(cls, course: "Course") -> "SearchIndex":
        """Index every lesson section, glossary term and question explanation of ``course``."""
        return cls(list(course_documents(course)))

    def __len__(self) -> int:
        return len(self.documents)

    def _index(self, documents: list[Document]) -> None:
        counted: list[list[tuple[int, Counter[str], int]]] = []
        totals = [0, 0, 0]
        present = [0, 0, 0]
        for document in documents:
            fields = []
            # Body first: it is the longest, and the first field's weights are made in one go.
            for number, text in ((2, document.body), (0, document.title), (1, document.heading)):
                if not text:
                    continue
                words = WORD.findall(normalize(text))
                if not words:
                    continue
                counts: Counter[str] = Counter()
                _count_elements(counts, words)
                for word in [w for w in counts if "-" in w]:
                    for piece in _pieces(word):
                        counts[piece] += counts[word]
                fields.append((number, counts, len(words)))
                totals[number] += len(words)
                present[number] += 1
            counted.append(fields)
        average = [totals[n] / present[n] if present[n] else 1.0 for n in range(3)]
        postings: defaultdict[str, dict[int, float]] = defaultdict(dict)
        k1, k1_plus_1 = K1, K1 + 1
        for doc, fields in enumerate(counted):
            if not fields:
                continue
            weighted: dict[str, float] = {}
            for position, (number, counts, length) in enumerate(fields):
                scale = FIELD_WEIGHTS[number] / (1 - B + B * length / average[number])
                if position == 0:
                    weighted = {term: count * scale for term, count in counts.items()}
                else:
                    for term, count in counts.items():
                        weighted[term] = weighted.get(term, 0.0) + count * scale
            for term, tf in weighted.items():
                postings[term][doc] = tf * k1_plus_1 / (tf + k1)
        self.postings = dict(postings)

    def idf(self, term: str) -> float:
        """BM25's inverse document frequency of ``term`` (0 for an unknown term)."""
        df = len(self.postings.get(term, ()))
        if not df:
            return 0.0
        n = len(self.documents)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def expansions(self, prefix: str) -> list[str]:
        """Indexed words starting with ``prefix`` (the most common ones if there are many)."""
        start = bisect_left(self.vocabulary, prefix)
        found = []
        for term in self.vocabulary[start:]:
            if not term.startswith(prefix):
                break
            found.append(term)
        if len(found) > MAX_EXPANSIONS:
            keep = set(heapq.nlargest(MAX_EXPANSIONS, found, key=lambda t: len(self.postings[t])))
            if prefix in self.postings:
                keep.add(prefix)
            found = [t for t in found if t in keep]
        return found

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The best ``limit`` documents containing every word of ``query``, best first."""
        if not isinstance(query, str) or limit <= 0:
            return []
        parsed = parse_query(query)
        if parsed.empty:
            return []
        words = list(parsed.words)
        # A hyphenated word nobody wrote whole ("receptor-agonist") falls back to its parts.
        required: list[str] = []
        for word in words:
            if word in self.postings or "-" not in word:
                required.append(word)
            else:
                required.extend(part for part in word.split("-") if part not in required)
        prefix = parsed.prefix
        if prefix and "-" in prefix and not self.expansions(prefix):
            *parts, prefix = prefix.split("-")
            required.extend(parts)
        required = list(dict.fromkeys(required))
        if prefix in required:
            prefix = ""
        scores = self._score(required, prefix, None if parsed.phrases else limit)
        if scores is None:
            return []
        # Score dicts are in document order, and sorting is stable: ties keep course order.
        if parsed.phrases:
            # Check phrases best first, and only until there are enough.
            best = []
            for doc in sorted(scores, key=scores.__getitem__, reverse=True):
                if self._has_phrases(doc, parsed.phrases):
                    best.append(doc)
                    if len(best) == limit:
                        break
        else:
            best = heapq.nlargest(limit, scores, key=scores.__getitem__)
        matcher = _Matcher(set(required) | set(words), prefix)
        return [self._hit(doc, scores[doc], matcher) for doc in best]

    def _top(self, term: str, count: int) -> list[int]:
        """The ``count`` documents where ``term`` weighs most, best first (cached per term)."""
        entry = self.postings[term]
        cached = self._tops.get(term)
        if cached is None or (len(cached) < count and len(cached) < len(entry)):
            cached = heapq.nlargest(max(count, TOP_CACHED), entry, key=entry.__getitem__)
            self._tops[term] = cached
        return cached[:count]

    def _score(self, required: list[str], prefix: str, top: int | None = None) -> dict[int, float] | None:
        """Every matching document's score, in document order. With ``top`` set and a one-word
        query (a word or a prefix), only documents that can be among the ``top`` best are scored:
        a document's score is its best weight in one posting list, so it is in that list's top."""
        if top is not None and len(required) + bool(prefix) == 1:
            return self._score_one(required[0] if required else "", prefix, top)
        lists = []
        for term in required:
            entry = self.postings.get(term)
            if entry is None:
                return None
            lists.append((self.idf(term), entry))
        expanded: list[tuple[float, dict[int, float]]] = []
        if prefix:
            expanded = self._prefix_lists(prefix)
            if not expanded:
                return None
        lists.sort(key=lambda pair: len(pair[1]))
        if lists:
            idf, smallest = lists[0]
            scores = {doc: idf * tf for doc, tf in smallest.items()}
            for idf, entry in lists[1:]:
                scores = {doc: s + idf * entry[doc] for doc, s in scores.items() if doc in entry}
                if not scores:
                    return None
        else:
            scores = None
        if expanded:
            if scores is not None and len(scores) * len(expanded) < sum(len(e) for _, e in expanded):
                # Few candidates: look each one up in the expansions.
                combined = {}
                for doc, s in scores.items():
                    best = max((idf * entry[doc] for idf, entry in expanded if doc in entry), default=None)
                    if best is not None:
                        combined[doc] = s + best
                return combined or None
            prefix_scores: dict[int, float] = {}
            for idf, entry in expanded:
                for doc, tf in entry.items():
                    value = idf * tf
                    if value > prefix_scores.get(doc, 0.0):
                        prefix_scores[doc] = value
            if scores is None:
                return dict(sorted(prefix_scores.items()))
            combined = {doc: s + prefix_scores[doc] for doc, s in scores.items() if doc in prefix_scores}
            return combined or None
        return scores

    def _score_one(self, word: str, prefix: str, top: int) -> dict[int, float] | None:
        if word:
            entry = self.postings.get(word)
            if entry is None:
                return None
            idf = self.idf(word)
            return {doc: idf * entry[doc] for doc in sorted(self._top(word, top))}
        terms = self.expansions(prefix)
        if not terms:
            return None
        weighted = self._prefix_lists(prefix, terms)
        candidates = sorted({doc for t in terms for doc in self._top(t, top)})
        return {doc: max(w * entry[doc] for w, entry in weighted if doc in entry) for doc in candidates}

    def _prefix_lists(self, prefix: str, terms: list[str] | None = None) -> list[tuple[float, dict[int, float]]]:
        """(weight, postings) of each completion of ``prefix``. The prefix acts as one word whose idf
        is that of its most common completion, so a rare completion ("brain-derived") does not
        outrank the word itself ("brain"); a completion counts a little less than the exact word."""
        terms = self.expansions(prefix) if terms is None else terms
        if not terms:
            return []
        idf = self.idf(max(terms, key=lambda t: len(self.postings[t])))
        return [(idf * (1.0 if t == prefix else PREFIX_FACTOR), self.postings[t]) for t in terms]

    def _has_phrases(self, doc: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
        document = self.documents[doc]
        fields = [normalize(text) for text in (document.title, document.heading, document.body) if text]
        return all(any(_phrase_pattern(phrase).search(text) for text in fields) for phrase in phrases)

    def _hit(self, doc: int, score: float, matcher: "_Matcher") -> Hit:
        document = self.documents[doc]
        title = document.display_title
        title_matches = matcher.find(title)
        snippet, spans, body_match = _snippet(document.body, matcher)
        if body_match:
            match_text = body_match
        elif title_matches:
            start, end = title_matches[0][:2]
            match_text = title[start:end]
        else:
            heading_matches = matcher.find(document.heading)
            match_text = document.heading[heading_matches[0][0] : heading_matches[0][1]] if heading_matches else ""
        return Hit(
            kind=document.kind,
            target_id=document.target_id,
            lesson_id=document.lesson_id,
            title=title,
            snippet=snippet,
            spans=spans,
            score=score,
            match_text=match_text,
            section=document.heading if document.kind == "lesson" else "",
            title_spans=tuple((s, e) for s, e, _ in title_matches),
        )


def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    inner = r"[\W_]+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![^\W_]){inner}(?![^\W_])")


class _Matcher:
    """Finds the query's words in original (not normalised) text."""

    def __init__(self, words: set[str], prefix: str) -> None:
        self.words = words
        self.prefix = prefix
        alternatives = [re.escape(word) for word in sorted(words, key=len, reverse=True)]
        if prefix:
            alternatives.append(re.escape(prefix) + r"[^\W_]*")
        body = "|".join(alternatives) or r"(?!)"
        # Whole words and parts of hyphenated words (a part is preceded or followed by "-").
        self.pattern = re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")

    def _key(self, token: str) -> str | None:
        if token in self.words:
            return token
        if self.prefix and token.startswith(self.prefix):
            return self.prefix
        return None

    def find(self, text: str, limit: int = 200) -> list[tuple[int, int, str]]:
        """``(start, end, query word)`` of each matching word of ``text``, in order."""
        found: list[tuple[int, int, str]] = []
        if text.isascii():
            # ASCII text normalises to its lower case, character for character.
            for match in self.pattern.finditer(text.lower()):
                word = match.group()
                found.append((match.start(), match.end(), word if word in self.words else self.prefix))
                if len(found) >= limit:
                    break
            return found
        for match in WORD.finditer(text):
            word = match.group()
            normal = normalize(word)
            key = normal if normal in self.words else None
            if key is None and len(PART.findall(word)) > 1:
                for part in PART.finditer(word):
                    part_key = self._key(normalize(part.group()))
                    if part_key is not None:
                        found.append((match.start() + part.start(), match.start() + part.end(), part_key))
                        key = ""
            if key is None:
                key = self._key(normal)
            if key:
                found.append((match.start(), match.end(), key))
            if len(found) >= limit:
                break
        return found


def _snippet(text: str, matcher: _Matcher) -> tuple[str, tuple[tuple[int, int], ...], str]:
    """About ``SNIPPET_CHARS`` of ``text`` around the best first match, the match spans in it, and
    the first matched word ("" and no spans when ``text`` has no match)."""
    matches = matcher.find(text)
    if not matches:
        return _cut(text, 0, SNIPPET_CHARS)[0], (), ""
    # Anchor on the match whose window covers the most distinct query words (earliest on ties).
    best, best_cover = 0, 0
    for i, (start, _, _) in enumerate(matches):
        cover = len({key for s, _, key in matches[i:] if s < start + SNIPPET_CHARS - SNIPPET_LEAD})
        if cover > best_cover:
            best, best_cover = i, cover
    anchor_start, anchor_end, _ = matches[best]
    start = max(0, anchor_start - SNIPPET_LEAD)
    end = max(start + SNIPPET_CHARS, anchor_end)
    snippet, offset, cut_start, cut_end = _cut(text, start, end, keep=(anchor_start, anchor_end))
    spans = tuple(
        (s - cut_start + offset, e - cut_start + offset) for s, e, _ in matches if s >= cut_start and e <= cut_end
    )
    return snippet, spans, text[anchor_start:anchor_end]


def _cut(text: str, start: int, end: int, keep: tuple[int, int] = (0, 0)) -> tuple[str, int, int, int]:
    """``text[start:end]`` moved to word boundaries (never cutting into ``keep``), with "…" where
    text was left out. Returns the snippet, the offset of the text inside it, and the cut's start
    and end in ``text``."""
    if start > 0:
        space = text.rfind(" ", max(0, start - 15), start + 1)
        if space != -1:
            start = space + 1
    if end < len(text):
        space = text.find(" ", end, end + 15)
        if space == -1:
            space = text.rfind(" ", max(start, keep[1], end - 15), end)
        if space != -1:
            end = space
    end = min(end, len(text))
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return lead + text[start:end] + tail, len(lead), start, end
