"""Full-text search: ranking, prefixes, AND, hyphenated terms, snippets, sections and odd queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.domain.models import Course, CourseInfo, Module, Term
from course.loading.loader import bundled_course_path, load_course
from course.search import Hit, SearchIndex, markdown_to_plain, parse_query, split_sections, tokens
from lessons.model import Lesson
from quizzes.quiz import Quiz

RECEPTORS_BODY = """\
Some opening words about [serotonin](glossary:serotonin) before any heading.

## One messenger, many receptors

The [5-HT2A receptor](glossary:5-ht2a-receptor) is the main target of classical psychedelics.
An agonist binds a receptor and switches it on; an antagonist blocks it.

## Where the receptors sit

Receptors are dense on layer V pyramidal neurons. The default mode network links regions that
are busy when the mind wanders, and the network quiets under psychedelics.

## Markup stays inert

Literal [@click=app.quit]do not quit[/] and *emphasis* and `code` and a table:

| Region | Role |
|---|---|
| mPFC | self-reference |
"""

LONG_BODY = (
    "Filler sentence about nothing in particular. " * 40
    + "Here the word zeitgeber finally appears. "
    + ("More filler follows here. " * 20)
)


def make_course() -> Course:
    receptors = Lesson(
        id="receptors",
        title="Receptors and networks",
        body=RECEPTORS_BODY,
        key_points=["Psilocybin acts mainly at the 5-HT2A receptor.", "Mode and network are separate words here."],
    )
    long_lesson = Lesson(id="long", title="A long lesson", body=LONG_BODY)
    hyphens = Lesson(
        id="hyphens",
        title="Hyphens",
        body="The 5-HT2A-receptor spelling, a non\u2011breaking 5\u2011HT1A, and the word ﬁdelity in a ligature. Straße.",
    )
    quiz = Quiz.model_validate(
        {
            "id": "m1-quiz",
            "title": "Quiz",
            "question": [
                {
                    "id": "q1",
                    "type": "true_false",
                    "objective": "o1",
                    "prompt": "An antagonist switches a receptor on.",
                    "answer": False,
                    "explanation": "An antagonist occupies the receptor and blocks it; an agonist activates it.",
                },
                {
                    "id": "q2",
                    "type": "true_false",
                    "objective": "o1",
                    "prompt": "Is the cortex layered?",
                    "answer": True,
                    "explanation": "Yes: six layers, and the mode network default is not mentioned in this order.",
                },
            ],
        }
    )
    module = Module(id="m1", title="Receptors", lessons=[receptors, long_lesson, hyphens], quiz=quiz)
    glossary = [
        Term(id="agonist", term="agonist", definition="A molecule that binds a receptor and activates it."),
        Term(id="antagonist", term="antagonist", definition="A molecule that binds a receptor and blocks it."),
        Term(
            id="5-ht2a-receptor",
            term="5-HT2A receptor",
            definition="A serotonin receptor subtype, see [the lesson](glossary:agonist) for more.",
        ),
    ]
    return Course(path=Path("."), info=CourseInfo(id="test", title="Test"), modules=[module], glossary=glossary)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(make_course())


def ids(hits: list[Hit]) -> list[tuple[str, str]]:
    return [(hit.kind, hit.target_id) for hit in hits]


def matched_words(hit: Hit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.spans]


# --- Documents --------------------------------------------------------------------------------


def test_every_lesson_section_term_and_question_is_a_document(index: SearchIndex) -> None:
    kinds = [(d.kind, d.target_id, d.heading) for d in index.documents]
    assert ("lesson", "receptors", "") in kinds  # the text before the first heading
    assert ("lesson", "receptors", "One messenger, many receptors") in kinds
    assert ("lesson", "receptors", "Where the receptors sit") in kinds
    assert ("lesson", "receptors", "Key points") in kinds
    assert ("term", "agonist", "") in kinds
    assert ("question", "q1", "An antagonist switches a receptor on.") in kinds
    assert len(index) == len(index.documents)


def test_split_sections_cuts_at_headings_but_not_inside_code() -> None:
    body = "intro\n\n## First\n\ntext\n\n```\n# not a heading\n```\n\n### Second ###\n\nmore\n"
    sections = split_sections(body)
    assert [s.heading for s in sections] == ["", "First", "Second"]
    assert "# not a heading" in sections[1].markdown


def test_markdown_becomes_plain_text() -> None:
    text = markdown_to_plain("> A [link](glossary:x) and ![alt](img.png), *em*, __strong__, `code`\n\n|a|b|\n|---|:-:|\n- item")
    assert text == "A link and alt, em, strong, code a b item"


# --- Matching ---------------------------------------------------------------------------------


def test_all_words_must_match(index: SearchIndex) -> None:
    both = index.search("agonist antagonist ")
    assert both and all("agonist" in h.snippet.lower() and "antagonist" in h.snippet.lower() for h in both)
    assert ("term", "agonist") not in ids(both)  # its definition does not say "antagonist"
    assert index.search("agonist unobtainium") == []


def test_last_word_is_a_prefix_while_typing(index: SearchIndex) -> None:
    typing = index.search("zeitge")
    assert ids(typing) == [("lesson", "long")]
    assert typing[0].match_text == "zeitgeber"
    assert index.search("zeitge ") == []  # a finished word must match whole
    assert index.search("zeitge finally") == []  # only the last word is a prefix


def test_exact_word_outranks_its_longer_completions(index: SearchIndex) -> None:
    hits = index.search("agonist")
    assert hits[0].kind == "term" and hits[0].target_id == "agonist"


def test_terms_and_titles_are_boosted(index: SearchIndex) -> None:
    hits = index.search("antagonist ")
    assert hits[0] == next(h for h in hits if h.kind == "term") and hits[0].target_id == "antagonist"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_hyphenated_terms_are_found_whole_and_split(index: SearchIndex) -> None:
    whole = index.search("5-HT2A ")
    assert ("term", "5-ht2a-receptor") in ids(whole) and ("lesson", "receptors") in ids(whole)
    assert ("lesson", "hyphens") in ids(whole)  # inside "5-HT2A-receptor"
    part = index.search("ht2a ")
    assert set(ids(whole)) <= set(ids(part))
    assert any(w == "HT2A" for h in part for w in matched_words(h))
    typing = index.search("5-ht")
    assert ("term", "5-ht2a-receptor") in ids(typing)
    assert index.search("5-ht2a-receptor ")[0].target_id == "hyphens"
    # A non-breaking hyphen (U+2011) is a hyphen.
    assert ids(index.search("5-ht1a")) == [("lesson", "hyphens")]
    # A hyphenated query nobody wrote whole falls back to its parts.
    assert ("term", "agonist") in ids(index.search("receptor-agonist "))


def test_hyphens_and_spacing_are_folded_as_text_grading_folds_them(index: SearchIndex) -> None:
    """Issue #11 point 17: "5ht2a" found nothing while "5-HT2A" found the receptor everywhere."""
    whole = set(ids(index.search("5-HT2A ")))
    for query in ("5ht2a", "5HT2A ", "5 ht2a ", "5 HT2A", "5‑ht2a "):
        assert whole <= set(ids(index.search(query))), query
    hit = next(h for h in index.search("5ht2a ") if h.target_id == "5-ht2a-receptor")
    start, end = hit.title_spans[0]
    assert hit.title[start:end] == "5-HT2A"  # the squashed query is shown where the text hyphenates it
    # The prefix still being typed folds too.
    assert ("term", "5-ht2a-receptor") in ids(index.search("5ht"))
    assert ("lesson", "hyphens") in ids(index.search("5ht1"))
    # Text that runs the word together or spaces it is found by the hyphenated spelling.
    spaced = Lesson(id="spaced", title="Spaced", body="Some write 5 HT2C with a space, others 5HT2B.")
    other = SearchIndex.build(
        Course(path=Path("."), info=CourseInfo(id="c", title="C"), modules=[Module(id="m", title="M", lessons=[spaced])])
    )
    for query in ("5-HT2C ", "5ht2c ", "5-ht2b ", "5 ht2b ", "5ht2b"):
        hits = other.search(query)
        assert ids(hits) == [("lesson", "spaced")], query
        assert hits[0].spans, query


def test_text_is_nfkc_normalised_and_case_folded(index: SearchIndex) -> None:
    assert tokens("ﬁdelity Straße ＤＭＮ") == ["fidelity", "strasse", "dmn"]
    assert ids(index.search("FIDELITY")) == [("lesson", "hyphens")]
    hits = index.search("strasse ")
    assert ids(hits) == [("lesson", "hyphens")] and hits[0].match_text == "Straße"
    assert index.search("ＰＳＩＬＯＣＹＢＩＮ")[0].target_id == "receptors"


def test_quoted_phrases_must_appear_together(index: SearchIndex) -> None:
    loose = index.search("default mode network")
    assert {("lesson", "receptors"), ("question", "q2")} <= set(ids(loose))
    phrase = index.search('"default mode network"')
    assert ids(phrase) == [("lesson", "receptors")]
    assert phrase[0].section == "Where the receptors sit"
    assert parse_query('"default mode" net').phrases == (("default", "mode"),)


def test_questions_match_on_explanation_and_prompt(index: SearchIndex) -> None:
    by_explanation = index.search("occupies")
    assert ids(by_explanation) == [("question", "q1")]
    hit = by_explanation[0]
    assert hit.title == "An antagonist switches a receptor on." and hit.lesson_id is None
    assert matched_words(hit) == ["occupies"]
    assert ids(index.search("layered")) == [("question", "q2")]


def test_lesson_hits_name_their_section(index: SearchIndex) -> None:
    hit = index.search("pyramidal")[0]
    assert (hit.kind, hit.target_id, hit.lesson_id) == ("lesson", "receptors", "receptors")
    assert hit.section == "Where the receptors sit"
    assert hit.title == "Receptors and networks › Where the receptors sit"
    key_points = index.search("psilocybin")[0]
    assert key_points.section == "Key points"


# --- Snippets ---------------------------------------------------------------------------------


def test_snippet_shows_the_match_in_context_with_spans(index: SearchIndex) -> None:
    hit = index.search("zeitgeber")[0]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 140
    assert matched_words(hit) == ["zeitgeber"]
    assert hit.match_text == "zeitgeber"
    start = hit.snippet.index("zeitgeber")
    assert hit.spans == ((start, start + len("zeitgeber")),)
    assert hit.snippet[: hit.spans[0][0]].count(" ") >= 3  # some words of context before the match


def test_every_matched_word_in_the_snippet_has_a_span(index: SearchIndex) -> None:
    hit = next(h for h in index.search("receptor agonist") if h.section == "One messenger, many receptors")
    words = [w.lower() for w in matched_words(hit)]
    assert "receptor" in words and "agonist" in words
    for start, end in hit.spans:
        assert 0 <= start < end <= len(hit.snippet)


def test_links_are_stripped_from_snippets_and_not_indexed(index: SearchIndex) -> None:
    hit = index.search("serotonin subtype")[0]
    assert "](" not in hit.snippet and "glossary:" not in hit.snippet
    assert "see the lesson for more" in hit.snippet
    intro = next(h for h in index.search("opening") if h.section == "")
    assert intro.snippet.startswith("Some opening words about serotonin before")
    # Link targets are not words of the text.
    assert index.search("glossary ") == []


def test_title_only_match_points_at_the_title(index: SearchIndex) -> None:
    hit = next(h for h in index.search("networks") if h.section == "One messenger, many receptors")
    assert hit.spans == () and hit.title_spans
    assert hit.match_text == "networks"
    start, end = hit.title_spans[0]
    assert hit.title[start:end] == "networks"


def test_markup_in_course_text_is_just_text(index: SearchIndex) -> None:
    hit = index.search("click app quit")[0]
    assert hit.section == "Markup stays inert"
    assert "[@click=app.quit]do not quit[/]" in hit.snippet


# --- Odd queries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "   \t\n",
        "-",
        "---",
        "a-",
        "-a",
        '"',
        '""',
        '"unclosed phrase',
        "[@click=app.quit]",
        "[b]bold[/b]",
        "(.*)+?[",
        "\\",
        "\x00\x1b[31m",
        "🙂",
        "x" * 100_000,
        "receptor " * 5_000,
        "ß",
        "\u2011",
    ],
)
def test_odd_queries_never_raise(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert isinstance(hits, list)
    assert len(hits) <= 20


def test_empty_and_whitespace_queries_find_nothing(index: SearchIndex) -> None:
    assert index.search("") == [] and index.search("   ") == []
    assert index.search("receptor", limit=0) == []
    assert len(index.search("the", limit=2)) == 2


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_query_gives_valid_hits(query: str) -> None:
    index = _shared_index()
    for hit in index.search(query, limit=5):
        assert hit.kind in ("lesson", "term", "question")
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.snippet)
        for start, end in hit.title_spans:
            assert 0 <= start < end <= len(hit.title)


_INDEX: list[SearchIndex] = []


def _shared_index() -> SearchIndex:
    if not _INDEX:
        _INDEX.append(SearchIndex.build(make_course()))
    return _INDEX[0]


# --- The bundled course -----------------------------------------------------------------------


def test_bundled_course_search() -> None:
    index = SearchIndex.build(load_course(bundled_course_path()))
    hits = index.search("5-HT2A")
    assert {"term", "lesson", "question"} <= {h.kind for h in hits}
    assert ("term", "5-ht2a-receptor") in ids(hits[:5])
    dmn = index.search('"default mode network"')
    assert dmn and all("default mode network" in (h.snippet + " " + h.title).lower() for h in dmn[:5])
    for hit in index.search("psilocybin depression"):
        if hit.kind == "lesson":
            assert hit.match_text and hit.match_text.lower() in ("psilocybin", "depression")
