"""Links in lessons (issue #12): every form is checked against the https-only rule and the course's
glossary and references; text that looks like a link but is shown raw, and citations a lesson does
not list, are reported."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.course_factory import MODULE_DIR, RICH_REFERENCES_TOML, findings_of, write_course

LESSON = f"{MODULE_DIR}/01-agonists.toml"
NOT_OFFERED = "learners will not be offered it"
TERMS = "\n[a](glossary:agonist) and [r](glossary:receptor): every term is used.\n"


def lesson(body: str, extra: str = "", references: str = "[]") -> str:
    """A lesson whose body starts on file line 6."""
    return (
        f'id = "m1-agonists"\ntitle = "Agonists"\nobjectives = ["m1-o1"]\nreferences = {references}\n'
        f'body = """\n{body}"""\n{extra}'
    )


def test_every_link_form_is_checked_against_the_https_rule(tmp_path: Path) -> None:
    body = (
        "Relative [page](page.html), anchor [top](#top), empty [none]() and <http://example.org/auto>.\n"  # 6
        'Reference [old][o] and [term][t]; HTML <a href="http://example.org/h">h</a> and <a href="ref:nobody">r</a>.\n'  # 7
        "Fine: [web](https://example.org), <https://example.org/x>, [a](glossary:agonist), `[x](http://code)`.\n"  # 8
        "\n"
        "[o]: http://example.org/old\n"  # 10
        "[t]: glossary:nope\n"  # 11
    )
    assert findings_of(write_course(tmp_path, lesson=lesson(body))) == [
        (LESSON, 6, 16, "warning", "W306", f"link 'page.html' is not https; {NOT_OFFERED}"),
        (LESSON, 6, 41, "warning", "W306", f"link '#top' is not https; {NOT_OFFERED}"),
        (LESSON, 6, 61, "warning", "W306", f"link '[none]()' has no address; {NOT_OFFERED}"),
        (LESSON, 6, 68, "warning", "W306", f"link 'http://example.org/auto' is not https; {NOT_OFFERED}"),
        (LESSON, 7, 11, "warning", "W306", f"link 'http://example.org/old' is not https; {NOT_OFFERED}"),
        (LESSON, 7, 24, "error", "E202", "link to unknown glossary term 'glossary:nope'"),
        (LESSON, 7, 40, "warning", "W306", f"link 'http://example.org/h' is not https; {NOT_OFFERED}"),
        (LESSON, 7, 81, "error", "E202", "link to unknown reference 'ref:nobody'"),
    ]


def test_a_link_with_a_space_in_its_address_is_reported(tmp_path: Path) -> None:
    # Brackets that are not meant as links are left alone.
    fine = "A list [1] (see above), a [note], an index `a[i](j)` in code, and [x]: not a definition.\n" + TERMS
    assert findings_of(write_course(tmp_path / "fine", lesson=lesson(fine))) == []
    body = (
        "Spaced [sleep](glossary: receptor) and [cite](ref: smith-2020), code `[x](glossary: nope)`.\n"  # 6
        "Web [site](https://example.org/a page) and [ok](glossary:agonist).\n"  # 7
    )
    assert findings_of(write_course(tmp_path, lesson=lesson(body))) == [
        (
            LESSON,
            6,
            8,
            "error",
            "E208",
            "'[sleep](glossary: receptor)' is not read as a link (its address has a space), so learners see it "
            "as written: write (glossary:receptor)",
        ),
        (
            LESSON,
            6,
            40,
            "error",
            "E208",
            "'[cite](ref: smith-2020)' is not read as a link (its address has a space), so learners see it "
            "as written: write (ref:smith-2020)",
        ),
        (
            LESSON,
            7,
            5,
            "error",
            "E208",
            "'[site](https://example.org/a page)' is not read as a link (its address has a space), so learners see it "
            "as written: write each space in the address as %20",
        ),
    ]


def test_an_empty_internal_target_is_reported(tmp_path: Path) -> None:
    body = "An [agonist](glossary:) and a [source](ref:).\n"
    assert findings_of(write_course(tmp_path, lesson=lesson(body))) == [
        (LESSON, 6, 13, "error", "E202", "link 'glossary:' names no glossary term"),
        (LESSON, 6, 39, "error", "E202", "link 'ref:' names no reference"),
    ]


def test_a_citation_the_lesson_does_not_list_is_reported(tmp_path: Path) -> None:
    body = "See [Smith](ref:smith-2020) and [Jones](ref:jones-2021), [Jones again](ref:jones-2021).\n" + TERMS
    root = write_course(tmp_path, references=RICH_REFERENCES_TOML, lesson=lesson(body, references='["smith-2020"]'))
    assert findings_of(root) == [
        (
            LESSON,
            6,
            40,
            "warning",
            "W307",
            "'ref:jones-2021' is cited but not in this lesson's references; add \"jones-2021\" to references",
        ),
    ]


def test_links_in_key_points_are_checked_too(tmp_path: Path) -> None:
    extra = 'key_points = ["See [x](http://example.org/k).", "A [term](glossary:nope)."]\n'
    assert findings_of(write_course(tmp_path, lesson=lesson("Plain.\n", extra))) == [
        (LESSON, 8, 23, "warning", "W306", f"link 'http://example.org/k' is not https; {NOT_OFFERED}"),
        (LESSON, 8, 58, "error", "E202", "link to unknown glossary term 'glossary:nope'"),
    ]
