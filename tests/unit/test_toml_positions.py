"""course.loading.toml_positions: every key path of a valid TOML document maps to its exact line and column."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from course.loading.toml_file import read_toml
from course.loading.toml_positions import Positions, scan

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def data_paths(data: object, prefix: tuple[object, ...] = ()) -> set[tuple[object, ...]]:
    """Every key path (dict keys and list indices) of parsed TOML data."""
    found: set[tuple[object, ...]] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            found.add(prefix + (key,))
            found |= data_paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.add(prefix + (index,))
            found |= data_paths(value, prefix + (index,))
    return found


def scan_checked(text: str) -> Positions:
    """Scan ``text`` after checking that it is valid TOML and that every data path got a position."""
    data = tomllib.loads(text)
    positions = scan(text)
    missing = data_paths(data) - set(positions.keys)
    assert not missing, f"paths without a position: {sorted(map(str, missing))}"
    extra = set(positions.keys) - data_paths(data) - {()}
    assert not extra, f"positions for paths that are not in the data: {sorted(map(str, extra))}"
    return positions


def test_top_level_keys_and_values() -> None:
    text = 'id = "m1"\ntitle   =   "Basics"\n  indented = 3\ncount=12\n'
    p = scan_checked(text)
    assert p.keys[()] == (1, 1)
    assert p.keys[("id",)] == (1, 1)
    assert p.values[("id",)] == (1, 6)
    assert p.keys[("title",)] == (2, 1)
    assert p.values[("title",)] == (2, 13)
    assert p.keys[("indented",)] == (3, 3)
    assert p.values[("indented",)] == (3, 14)
    assert p.keys[("count",)] == (4, 1)
    assert p.values[("count",)] == (4, 7)


def test_tables_and_keys_inside_them() -> None:
    text = 'format_version = 1\n\n[course]\nid = "c"\ntitle = "T"\n\n[other.sub]\nx = 1\n'
    p = scan_checked(text)
    assert p.keys[("format_version",)] == (1, 1)
    assert p.keys[("course",)] == (3, 1)
    assert p.keys[("course", "id")] == (4, 1)
    assert p.keys[("course", "title")] == (5, 1)
    # The implicit super-table is located at the first header that names it.
    assert p.keys[("other",)] == (7, 1)
    assert p.keys[("other", "sub")] == (7, 1)
    assert p.keys[("other", "sub", "x")] == (8, 1)


def test_super_table_defined_after_its_sub_table_keeps_a_position() -> None:
    p = scan_checked("[d.e]\nf = 1\n[d]\ng = 1\n")
    assert p.keys[("d", "e")] == (1, 1)
    assert p.keys[("d", "e", "f")] == (2, 1)
    assert p.keys[("d",)] == (3, 1)  # its own header wins
    assert p.keys[("d", "g")] == (4, 1)


def test_table_headers_with_spaces_and_quoted_segments() -> None:
    p = scan_checked('[ a . "b c" ]\nx = 1\n[[ d ]]\ny = 2\n')
    assert p.keys[("a", "b c")] == (1, 1)
    assert p.keys[("a", "b c", "x")] == (2, 1)
    assert p.keys[("d",)] == (3, 1)
    assert p.keys[("d", 0)] == (3, 1)
    assert p.keys[("d", 0, "y")] == (4, 1)


def test_dotted_keys_record_the_key_and_its_implicit_tables() -> None:
    text = 'format_version = 1\ncourse.id = "c"\ncourse . title = "T"\n[t]\na.b.c = 5\n'
    p = scan_checked(text)
    assert p.keys[("course",)] == (2, 1)
    assert p.keys[("course", "id")] == (2, 1)
    assert p.values[("course", "id")] == (2, 13)
    assert p.keys[("course", "title")] == (3, 1)
    assert p.values[("course", "title")] == (3, 18)
    assert p.keys[("t", "a")] == (5, 1)
    assert p.keys[("t", "a", "b")] == (5, 1)
    assert p.keys[("t", "a", "b", "c")] == (5, 1)
    assert p.values[("t", "a", "b", "c")] == (5, 9)


def test_quoted_keys_basic_literal_escaped_and_unicode() -> None:
    text = '"quoted key" = 1\n\'lit.key\' = 2\n"\\u00e9t\\u00e9" = 3\n"ключ" = 4\na . "b.c" = 5\n"q\\"uote" = 6\n\'\' = 7\n'
    p = scan_checked(text)
    assert p.keys[("quoted key",)] == (1, 1)
    assert p.values[("quoted key",)] == (1, 16)
    assert p.keys[("lit.key",)] == (2, 1)
    assert p.keys[("été",)] == (3, 1)
    assert p.keys[("ключ",)] == (4, 1)
    assert p.values[("ключ",)] == (4, 10)
    assert p.keys[("a", "b.c")] == (5, 1)
    assert p.keys[('q"uote',)] == (6, 1)
    assert p.keys[("",)] == (7, 1)


def test_arrays_of_tables_count_from_zero() -> None:
    text = '[[term]]\nid = "a"\n\n[[term]]\nid = "b"\n\n[[term]]\nid = "c"\n'
    p = scan_checked(text)
    assert p.keys[("term",)] == (1, 1)  # the array: its first header
    assert p.keys[("term", 0)] == (1, 1)
    assert p.keys[("term", 1)] == (4, 1)
    assert p.keys[("term", 2)] == (7, 1)
    assert p.keys[("term", 2, "id")] == (8, 1)
    assert p.values[("term", 1, "id")] == (5, 6)


def test_nested_arrays_of_tables_reset_indices_per_parent() -> None:
    text = (
        'id = "quiz"\n'  # 1
        "[[question]]\n"  # 2
        'id = "q1"\n'  # 3
        "[[question.choices]]\n"  # 4
        'id = "a"\n'  # 5
        "[[question.choices]]\n"  # 6
        'id = "b"\n'  # 7
        "[[question]]\n"  # 8
        'id = "q2"\n'  # 9
        "[[question.choices]]\n"  # 10
        'id = "c"\n'  # 11
        "[[question.choices]]\n"  # 12
        'id = "d"\n'  # 13
        "[[question.choices]]\n"  # 14
        'id = "e"\n'  # 15
    )
    p = scan_checked(text)
    assert p.keys[("question", 0)] == (2, 1)
    assert p.keys[("question", 0, "choices")] == (4, 1)
    assert p.keys[("question", 0, "choices", 0)] == (4, 1)
    assert p.keys[("question", 0, "choices", 1)] == (6, 1)
    assert p.keys[("question", 0, "choices", 1, "id")] == (7, 1)
    assert p.keys[("question", 1)] == (8, 1)
    assert p.keys[("question", 1, "id")] == (9, 1)
    assert p.keys[("question", 1, "choices")] == (10, 1)
    assert p.keys[("question", 1, "choices", 0)] == (10, 1)
    assert p.keys[("question", 1, "choices", 0, "id")] == (11, 1)
    assert p.keys[("question", 1, "choices", 2)] == (14, 1)
    assert p.keys[("question", 1, "choices", 2, "id")] == (15, 1)
    assert ("question", 0, "choices", 2) not in p.keys


def test_sub_tables_of_array_elements() -> None:
    text = "[[f]]\n[f.p]\nc = 1\n[[f.v]]\nn = 1\n[[f]]\n[[f.v]]\nn = 2\n"
    p = scan_checked(text)
    assert p.keys[("f", 0, "p")] == (2, 1)
    assert p.keys[("f", 0, "p", "c")] == (3, 1)
    assert p.keys[("f", 0, "v", 0, "n")] == (5, 1)
    assert p.keys[("f", 1)] == (6, 1)
    assert p.keys[("f", 1, "v", 0)] == (7, 1)
    assert p.keys[("f", 1, "v", 0, "n")] == (8, 1)


def test_inline_tables_and_their_keys() -> None:
    text = 'point = { x = 1, y = "two", z.w = 3 }\nnested = {a = {b = {c = 1}}}\nempty = {}\n'
    p = scan_checked(text)
    assert p.values[("point",)] == (1, 9)
    assert p.keys[("point", "x")] == (1, 11)
    assert p.values[("point", "x")] == (1, 15)
    assert p.keys[("point", "y")] == (1, 18)
    assert p.values[("point", "y")] == (1, 22)
    assert p.keys[("point", "z")] == (1, 29)
    assert p.keys[("point", "z", "w")] == (1, 29)
    assert p.keys[("nested", "a", "b", "c")] == (2, 21)
    assert p.keys[("empty",)] == (3, 1)


def test_multi_line_array_element_positions_with_comments() -> None:
    text = (
        "choices = [ # the options\n"  # 1
        '  {id = "a", text = "A"},\n'  # 2
        "  # a comment with ] and , inside\n"  # 3
        '  {id = "b", text = "B, ]"},   # trailing\n'  # 4
        "]\n"  # 5
        "after = 1\n"  # 6
    )
    p = scan_checked(text)
    assert p.keys[("choices", 0)] == (2, 3)
    assert p.keys[("choices", 0, "id")] == (2, 4)
    assert p.keys[("choices", 0, "text")] == (2, 14)
    assert p.values[("choices", 0, "text")] == (2, 21)
    assert p.keys[("choices", 1)] == (4, 3)
    assert p.keys[("choices", 1, "text")] == (4, 14)
    assert p.keys[("after",)] == (6, 1)


def test_scalar_and_nested_array_elements() -> None:
    text = 'xs = [1, "two",3.5 , [4, [5]], true]\nys = [\n  "a",\n  "b",\n]\nzs = []\n'
    p = scan_checked(text)
    assert p.keys[("xs", 0)] == (1, 7)
    assert p.keys[("xs", 1)] == (1, 10)
    assert p.keys[("xs", 2)] == (1, 16)
    assert p.keys[("xs", 3)] == (1, 22)
    assert p.keys[("xs", 3, 1)] == (1, 26)
    assert p.keys[("xs", 3, 1, 0)] == (1, 27)
    assert p.keys[("xs", 4)] == (1, 32)
    assert p.keys[("ys", 0)] == (3, 3)
    assert p.keys[("ys", 1)] == (4, 3)
    assert p.keys[("zs",)] == (6, 1)


def test_other_scalar_types_do_not_confuse_the_scanner() -> None:
    text = "a = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00\nc = inf\nd = -nan\ne = 0x1F\nf = 1_000\ng = false\n"
    p = scan_checked(text)
    for line, key in enumerate("abcdefg", start=1):
        assert p.keys[(key,)] == (line, 1)
        assert p.values[(key,)] == (line, 5)


def test_multi_line_basic_string_with_toml_lookalikes_inside() -> None:
    text = (
        'body = """\n'  # 1
        "# not a comment\n"  # 2
        "[not.a.table]\n"  # 3
        "[[not.an.array]]\n"  # 4
        'key = "not a key"\n'  # 5
        'an escaped \\""" inside\n'  # 6
        'ends with quotes""""\n'  # 7
        'next = "x"\n'  # 8
        "[real]\n"  # 9
        "k = 1\n"  # 10
    )
    p = scan_checked(text)
    assert tomllib.loads(text)["body"].endswith('ends with quotes"')
    assert p.keys[("body",)] == (1, 1)
    assert p.values[("body",)] == (1, 8)
    assert p.keys[("next",)] == (8, 1)
    assert p.keys[("real",)] == (9, 1)
    assert p.keys[("real", "k")] == (10, 1)
    assert ("not",) not in p.keys
    assert ("key",) not in p.keys


def test_multi_line_basic_string_ending_in_two_quotes() -> None:
    p = scan_checked('a = """two quotes"""""\nb = 1\n')
    assert tomllib.loads('a = """two quotes"""""\n')["a"] == 'two quotes""'
    assert p.keys[("b",)] == (2, 1)


def test_multi_line_basic_string_with_escaped_backslash_before_closing() -> None:
    p = scan_checked('a = """x\\\\"""\nb = """\\""""\nc = 1\n')
    assert p.keys[("b",)] == (2, 1)
    assert p.keys[("c",)] == (3, 1)


def test_multi_line_basic_string_with_line_continuation() -> None:
    p = scan_checked('a = """\nline \\\n   continued = "no"\n"""\nb = 1\n')
    assert p.keys[("b",)] == (5, 1)
    assert ("continued",) not in p.keys


def test_multi_line_literal_string_with_toml_lookalikes_inside() -> None:
    text = (
        "body = '''\n"  # 1
        '# not a comment [x] = "y"\n'  # 2
        "[[q]]\n"  # 3
        'C:\\path\\ with """ and \'\' quotes\n'  # 4
        "ends with two quotes'''''\n"  # 5
        "after = 'lit'\n"  # 6
    )
    p = scan_checked(text)
    assert tomllib.loads(text)["body"].endswith("two quotes''")
    assert p.keys[("body",)] == (1, 1)
    assert p.keys[("after",)] == (6, 1)
    assert p.values[("after",)] == (6, 9)
    assert ("q",) not in p.keys


def test_single_line_strings_with_special_characters() -> None:
    text = 'a = "#[=]{}"  # comment [x]\nb = \'#"\'\nc = "esc \\" # still string"\nd = "ends with backslash \\\\"\ne = 1\n'
    p = scan_checked(text)
    assert [p.keys[(k,)] for k in "abcde"] == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]


def test_strings_inside_arrays_and_inline_tables_hide_brackets() -> None:
    text = 'a = [\n  """x\n]""",\n  \'\'\'y,\n\'\'\',\n]\nt = {x = "}", y = "]"}\nb = 1\n'
    p = scan_checked(text)
    assert p.keys[("a", 0)] == (2, 3)
    assert p.keys[("a", 1)] == (4, 3)
    assert p.keys[("t", "y")] == (7, 15)
    assert p.keys[("b",)] == (8, 1)


def test_comments_are_skipped_everywhere() -> None:
    text = "# header comment\n\n   # indented comment\nk=1#c\n[t]#c [u]\n# k2 = 3\nv=2 # x = 1\n"
    p = scan_checked(text)
    assert p.keys[("k",)] == (4, 1)
    assert p.keys[("t",)] == (5, 1)
    assert p.keys[("t", "v")] == (7, 1)
    assert ("k2",) not in p.keys
    assert ("u",) not in p.keys


def test_empty_strings() -> None:
    p = scan_checked('a = ""\nb = \'\'\nc = ["", ""]\nd = 1\n')
    assert p.keys[("c", 1)] == (3, 10)
    assert p.keys[("d",)] == (4, 1)


def test_crlf_line_endings_give_the_same_positions() -> None:
    lf = 'x = 1\n[t]\ny = """\nz # [no]\n"""\nw = [\n  "a",\n  { k = 2 },\n]\n[[q]]\nid = "1"\n'
    crlf = lf.replace("\n", "\r\n")
    a, b = scan_checked(lf), scan_checked(crlf)
    assert a.keys == b.keys
    assert a.values == b.values
    assert b.keys[("t", "w", 1, "k")] == (8, 5)
    assert b.keys[("q", 0, "id")] == (11, 1)


def test_tabs_count_as_one_column() -> None:
    p = scan_checked("\tkey\t=\t1\n")
    assert p.keys[("key",)] == (1, 2)
    assert p.values[("key",)] == (1, 8)


def test_positions_after_non_ascii_text_count_characters() -> None:
    p = scan_checked('a = "ééé"  \nb = { "ключ" = 1, c = 2 }\n')
    assert p.keys[("b", "ключ")] == (2, 7)
    assert p.keys[("b", "c")] == (2, 19)


def test_bom_is_removed_before_scanning(tmp_path: Path) -> None:
    path = tmp_path / "module.toml"
    path.write_bytes(b'\xef\xbb\xbfid = "m1"\ntitle = "T"\n[[objective]]\nid = "o"\n')
    parsed = read_toml(path)
    assert parsed.findings == []
    assert parsed.data == {"id": "m1", "title": "T", "objective": [{"id": "o"}]}
    assert parsed.positions.keys[("id",)] == (1, 1)
    assert parsed.positions.values[("id",)] == (1, 6)
    assert parsed.positions.keys[("objective", 0, "id")] == (4, 1)


def test_bom_and_crlf_through_read_toml(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b'\xef\xbb\xbfa = 1\r\n[t]\r\nb = "x"\r\n')
    parsed = read_toml(path)
    assert parsed.positions.keys[("t", "b")] == (3, 1)
    assert parsed.positions.string_sources[("t", "b")] == '"x"'


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("question", 0, "choices", 1, "text"), (6, 1)),  # exact key
        (("question", 0, "choices", 1, "feedback"), (5, 1)),  # missing key -> its table
        (("question", 0, "nope", 3), (2, 1)),  # -> the question header
        (("question", 7), (2, 1)),  # unknown index -> the array (first header)
        (("absent",), (1, 1)),  # -> the document
        ((), (1, 1)),
    ],
)
def test_locate_falls_back_to_the_nearest_ancestor(path: tuple[object, ...], expected: tuple[int, int]) -> None:
    text = 'id = "q"\n[[question]]\nid = "q1"\n[[question.choices]]\n[[question.choices]]\ntext = "x"\n'
    assert scan_checked(text).locate(path) == expected


def test_scanning_the_bundled_course_covers_every_path() -> None:
    content = Path(__file__).resolve().parents[2] / "course" / "content"
    files = sorted(content.rglob("*.toml"))
    assert files, "the bundled course has TOML files"
    for file in files:
        text = file.read_text(encoding="utf-8-sig")
        positions = scan_checked(text)
        lines = text.split("\n")
        for path, (line, col) in positions.keys.items():
            if path and isinstance(path[-1], str) and path[-1].isidentifier():
                # A bare key's recorded position is where its name (or its table header) is written.
                here = lines[line - 1][col - 1 :]
                assert here.startswith((path[-1], "[")), (file.name, path, here[:40])
