"""Map every key path of a TOML document to its line and column.

No TOML library reports where a key stands, so this scans the text of a document that ``tomllib``
has already accepted. Paths use the shape of the parsed data: ``("question", 2, "choices", 0, "id")``.
For each path it records the position of the key (or of the array element / table header) and the
position where its value starts. Keys are stripped of control characters, as
:func:`course.domain.text_safety.sanitise` strips them from the parsed data, so the two always agree.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from course.domain.text_safety import strip_controls

Path = tuple[object, ...]
_NEWLINE = re.compile("\n")
BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class Positions:
    """Where things are in one TOML document (1-based lines and columns).

    Made by :func:`scan`, it scans the text only when first asked (most files have no problem to
    locate, so most are never scanned). ``Positions()`` holds nothing; its dicts may be filled by hand.
    """

    def __init__(
        self,
        keys: dict[Path, tuple[int, int]] | None = None,
        values: dict[Path, tuple[int, int]] | None = None,
        string_sources: dict[Path, str] | None = None,
        *,
        text: str | None = None,
    ) -> None:
        self._keys: dict[Path, tuple[int, int]] = keys if keys is not None else {}
        self._values: dict[Path, tuple[int, int]] = values if values is not None else {}
        self._sources: dict[Path, str] = string_sources if string_sources is not None else {}  # raw, quotes included
        self._text = text
        self._final: set[Path] = set()  # paths whose position no later statement can change
        self._steps: Iterator[None] | None = None

    @property
    def scanned(self) -> bool:
        """Whether the text has been scanned (or there was none to scan)."""
        return self._text is None and self._steps is None

    def _step(self) -> bool:
        """Scan one more statement; ``False`` once the whole text is scanned."""
        if self._text is not None:
            self._steps = _Scanner(self._text, self).steps()
            self._text = None
        if self._steps is None:
            return False
        try:
            next(self._steps)
            return True
        except StopIteration:
            pass
        except (ValueError, IndexError):  # pragma: no cover - the scanner only sees valid TOML
            pass
        self._steps = None
        return False

    def _scan(self) -> None:
        while self._step():
            pass

    @property
    def keys(self) -> dict[Path, tuple[int, int]]:
        """Path -> position of its key (or array element, or table header)."""
        self._scan()
        return self._keys

    @property
    def values(self) -> dict[Path, tuple[int, int]]:
        """Path -> position where its value starts."""
        self._scan()
        return self._values

    @property
    def string_sources(self) -> dict[Path, str]:
        """Path -> the raw source of a string value, quotes included."""
        self._scan()
        return self._sources

    def locate(self, path: Path) -> tuple[int, int]:
        """The position of ``path``, or of its nearest recorded ancestor (the text is scanned only as
        far as the key, when it is there: a warning about a quiz's ``id`` reads its first lines)."""
        path = tuple(path)
        while path not in self._final and self._step():
            pass
        keys = self._keys if path in self._final else self.keys
        for end in range(len(path), -1, -1):
            found = keys.get(tuple(path[:end]))
            if found:
                return found
        return (1, 1)


def scan(text: str) -> Positions:
    """Positions of every key, array element and table in ``text`` (valid TOML), scanned on first use."""
    return Positions(text=text)


class _Scanner:
    def __init__(self, text: str, out: Positions) -> None:
        self.text = text
        self.pos = 0
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.out = out
        self.array_counts: dict[Path, int] = {}

    def where(self, pos: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, pos)
        return line, pos - self.line_starts[line - 1] + 1

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def skip_space(self, newlines: bool) -> None:
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.pos += 1
            elif ch == "#":
                while self.pos < len(self.text) and self.text[self.pos] != "\n":
                    self.pos += 1
            else:
                return

    def steps(self) -> Iterator[None]:
        """Scan the text a statement at a time (a header, or a key and its value)."""
        self.out._keys[()] = (1, 1)
        table: Path = ()
        while True:
            yield
            self.skip_space(newlines=True)
            if self.pos >= len(self.text):
                return
            start = self.pos
            if self.peek(2) == "[[":
                self.pos += 2
                table = self.header(self.key(), start, array=True)
                self.pos += 2
            elif self.peek() == "[":
                self.pos += 1
                table = self.header(self.key(), start, array=False)
                self.pos += 1
            else:
                self.key_value(table)

    def header(self, segments: list[str], start: int, array: bool) -> Path:
        path: Path = ()
        for n, segment in enumerate(segments):
            path = path + (segment,)
            last = n == len(segments) - 1
            if last and array:
                # The array itself is located at its first [[header]].
                self.out._keys.setdefault(path, self.where(start))
                index = self.array_counts.get(path, 0)
                self.array_counts[path] = index + 1
                path = path + (index,)
            elif path in self.array_counts:
                path = path + (self.array_counts[path] - 1,)
            self.out._keys.setdefault(path, self.where(start))
        self.out._keys[path] = self.where(start)
        self.out._final.add(path)
        return path

    def key(self) -> list[str]:
        segments = []
        while True:
            self.skip_space(newlines=False)
            ch = self.peek()
            if ch in "\"'":
                start = self.pos
                self.skip_string()
                raw = self.text[start + 1 : self.pos - 1]
                segments.append(strip_controls(raw if ch == "'" else _unescape(raw)))
            else:
                start = self.pos
                while self.pos < len(self.text) and self.text[self.pos] in BARE:
                    self.pos += 1
                segments.append(self.text[start : self.pos])
            self.skip_space(newlines=False)
            if self.peek() == ".":
                self.pos += 1
                continue
            return segments

    def key_value(self, table: Path) -> None:
        start = self.pos
        segments = self.key()
        # A dotted key (``a.b.c = 1``) also defines the tables ``a`` and ``a.b`` where it stands.
        for end in range(1, len(segments)):
            self.out._keys.setdefault(table + tuple(segments[:end]), self.where(start))
        path = table + tuple(segments)
        self.out._keys[path] = self.where(start)
        self.out._final.add(path)
        self.skip_space(newlines=False)
        self.pos += 1  # "="
        self.skip_space(newlines=False)
        self.value(path)

    def value(self, path: Path) -> None:
        self.out._values[path] = self.where(self.pos)
        ch = self.peek()
        if ch in "\"'":
            start = self.pos
            self.skip_string()
            self.out._sources[path] = self.text[start : self.pos]
        elif ch == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip_space(newlines=True)
                if self.peek() == "]":
                    self.pos += 1
                    return
                self.out._keys[path + (index,)] = self.where(self.pos)
                self.out._final.add(path + (index,))
                self.value(path + (index,))
                self.skip_space(newlines=True)
                if self.peek() == ",":
                    self.pos += 1
                index += 1
        elif ch == "{":
            self.pos += 1
            while True:
                self.skip_space(newlines=True)
                if self.peek() == "}":
                    self.pos += 1
                    return
                if self.peek() == ",":
                    self.pos += 1
                    continue
                self.key_value(path)
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in ",]}\n#":
                self.pos += 1

    def skip_string(self) -> None:
        quote = self.peek()
        if self.peek(3) == quote * 3:
            end = self.pos + 3
            while True:
                end = self.text.index(quote * 3, end)
                if quote == '"' and _escaped(self.text, end):
                    end += 1
                    continue
                while self.text[end + 3 : end + 4] == quote:
                    end += 1
                self.pos = end + 3
                return
        end = self.pos + 1
        while True:
            end = self.text.index(quote, end)
            if quote == '"' and _escaped(self.text, end):
                end += 1
                continue
            self.pos = end + 1
            return


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - 1 - backslashes >= 0 and text[index - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _unescape(raw: str) -> str:
    try:
        return raw.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return raw
