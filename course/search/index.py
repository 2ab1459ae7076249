"""Full-text search over a course: lesson sections, glossary terms and question explanations.

Pure Python (never imports Textual). :meth:`SearchIndex.build` makes an in-memory inverted index;
:meth:`SearchIndex.search` ranks with BM25F (titles and terms weigh more than body text), requires
every query word (AND), treats the last word as a prefix while the learner is still typing it, and
honours ``"quoted phrases"``. Each :class:`Hit` carries a plain-text snippet around the match, the
spans of the matched words in it, and the matched word as written in the source.

Hyphens and spacing fold as text grading folds them: ``5ht2a``, ``5 HT2A`` and ``5-HT2A`` find the
same documents (:func:`course.search.query.readings`). Tokens are described in
:mod:`course.search.tokens`, documents in :mod:`course.search.documents`.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from course.search.documents import Document, Hit, course_documents
from course.search.query import parse_query, readings
from course.search.snippets import Matcher, phrase_pattern, snippet
from course.search.tokens import WORD, count_elements, joined_tokens, normalize, pieces

if TYPE_CHECKING:
    from course.domain.models import Course

# BM25 parameters and field weights (BM25F: weighted, length-normalised term frequencies).
K1 = 1.2
B = 0.75
FIELD_WEIGHTS = (3.0, 1.5, 1.0)  # title (lesson title, glossary term), heading (section, prompt), body
PREFIX_FACTOR = 0.9  # a word that only starts with the typed prefix counts a little less than an exact one
MAX_EXPANSIONS = 30  # prefix expansions kept (the most common words), so "t" stays fast
TOP_CACHED = 50  # best documents remembered per word, for one-word queries


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
    def build(cls, course: Course) -> SearchIndex:
        """Index every lesson section, glossary term and question explanation of ``course``."""
        return cls(list(course_documents(course)))

    def __len__(self) -> int:
        return len(self.documents)

    def _index(self, documents: list[Document]) -> None:
        counted: list[list[tuple[int, Counter[str], int]]] = []
        joined: set[str] = set()
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
                count_elements(counts, words)
                for word in [w for w in counts if "-" in w]:
                    for piece in pieces(word):
                        counts[piece] += counts[word]
                    for squashed in joined_tokens(word):
                        counts[squashed] += counts[word]
                        joined.add(squashed)
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
        self.joined = frozenset(joined)
        self._joined_sorted = sorted(joined)

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
        top = None if parsed.phrases else limit
        scores: dict[int, float] = {}
        readers = 0
        matched: set[str] = set(parsed.words)
        prefixes: set[str] = set()
        for required, prefix in readings(parsed, self.postings.__contains__, self._completes):
            found = self._score(list(required), prefix, top)
            if found is None:
                continue
            readers += 1
            matched.update(required)
            if prefix:
                prefixes.add(prefix)
            for doc, value in found.items():
                if value > scores.get(doc, 0.0):
                    scores[doc] = value
        if not scores:
            return []
        if readers > 1:
            scores = dict(sorted(scores.items()))
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
        loose = (matched & self.joined) | {p for p in prefixes if self._starts_joined(p)}
        matcher = Matcher(matched, prefixes, loose=loose)
        return [self._hit(doc, scores[doc], matcher) for doc in best]

    def _starts_joined(self, prefix: str) -> bool:
        """Whether some squashed index word (``5ht2a``) starts with ``prefix``."""
        start = bisect_left(self._joined_sorted, prefix)
        return start < len(self._joined_sorted) and self._joined_sorted[start].startswith(prefix)

    def _completes(self, prefix: str) -> bool:
        """Whether some indexed word starts with ``prefix``."""
        start = bisect_left(self.vocabulary, prefix)
        return start < len(self.vocabulary) and self.vocabulary[start].startswith(prefix)

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
        return all(any(phrase_pattern(phrase).search(text) for text in fields) for phrase in phrases)

    def _hit(self, doc: int, score: float, matcher: Matcher) -> Hit:
        document = self.documents[doc]
        title = document.display_title
        title_matches = matcher.find(title)
        text, spans, body_match = snippet(document.body, matcher)
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
            snippet=text,
            spans=spans,
            score=score,
            match_text=match_text,
            section=document.heading if document.kind == "lesson" else "",
            title_spans=tuple((s, e) for s, e, _ in title_matches),
        )
