"""HTML from a GIFT file turned into Markdown, for a safe subset only (the standard library's html.parser).

Kept: ``p``, ``br``, ``b``/``strong``, ``i``/``em``, ``code``, ``a href="https://..."``, ``ul``/``ol``/``li``.
Harmless presentational attributes (``class``, ``dir``, ``lang``, ``style``, ``title``, ``id``, and
``target``/``rel`` on links) are dropped. Anything else (``script``, ``style``, ``img``, tables, forms,
frames, event attributes such as ``onclick``, links that are not https) raises :class:`HtmlRejected`:
it is never passed through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

ALLOWED = ("p", "br", "b", "strong", "i", "em", "code", "a", "ul", "ol", "li")
INLINE = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}
DROPPED_ATTRIBUTES = {"class", "dir", "lang", "style", "title", "id"}
LINK_ATTRIBUTES = {"target", "rel"}
LOOKS_LIKE_HTML = re.compile(r"<[A-Za-z!/]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
CODE_SPAN = re.compile(r"(`+)[^`].*?\1|(`+)\2", re.DOTALL)
LIST_ITEM = re.compile(r"^ *(?:- |\d+\. )")


class HtmlRejected(ValueError):
    """HTML that is not imported; ``offset`` is where, in the text given, the offending part starts."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass
class _Frame:
    tag: str
    offset: int
    href: str = ""
    parts: list[str] = field(default_factory=list)


class _Converter(HTMLParser):
    def __init__(self, source: str, newlines_break: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.newlines_break = newlines_break
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.frames = [_Frame("", 0)]
        self.lists: list[str] = []  # the open lists, innermost last: "ul" or "ol"
        self.numbers: list[int] = []  # the next number of each open list

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[min(line, len(self.line_starts)) - 1] + column

    def emit(self, text: str) -> None:
        self.frames[-1].parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self.position()
        if tag not in ALLOWED:
            raise HtmlRejected(_tag_message(tag), at)
        href = self.check_attributes(tag, attrs, at)
        if tag in INLINE or tag == "a":
            self.frames.append(_Frame(tag, at, href))
        elif tag == "br":
            self.emit("\n")
        elif tag == "p":
            self.emit("\n\n")
        elif tag in ("ul", "ol"):
            self.emit("" if self.lists else "\n\n")
            self.lists.append(tag)
            self.numbers.append(1)
        elif tag == "li":
            indent = "    " * max(len(self.lists) - 1, 0)
            kind = self.lists[-1] if self.lists else "ul"
            bullet = f"{self.numbers[-1]}. " if kind == "ol" else "- "
            if kind == "ol":
                self.numbers[-1] += 1
            self.emit(f"\n{indent}{bullet}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p"):
            self.handle_starttag(tag, attrs)
        else:
            raise HtmlRejected(_tag_message(tag), self.position())

    def check_attributes(self, tag: str, attrs: list[tuple[str, str | None]], at: int) -> str:
        """The ``href`` of a link; raises for event handlers, unknown attributes and links that are not https."""
        href = ""
        for name, value in attrs:
            if name.startswith("on"):
                raise HtmlRejected(f"the event attribute '{name}' on <{tag}> is not imported (scripts never are)", at)
            if tag == "a" and name == "href":
                href = (value or "").strip()
            elif name not in DROPPED_ATTRIBUTES and not (tag == "a" and name in LINK_ATTRIBUTES):
                raise HtmlRejected(f"the attribute '{name}' on <{tag}> is not imported", at)
        if tag == "a" and not href.lower().startswith("https://"):
            shown = href[:60] or "no address"
            raise HtmlRejected(f"a link must point at an https:// address ({shown!r} is not imported)", at)
        if tag == "a" and re.search(r"[\s()<>]", href):
            raise HtmlRejected("a link address may not contain spaces, brackets or angle brackets", at)
        return href

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED:
            raise HtmlRejected(_tag_message(tag), self.position())
        if tag == "p":
            self.emit("\n\n")
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
                self.numbers.pop()
            self.emit("" if self.lists else "\n\n")
        elif (tag in INLINE or tag == "a") and any(f.tag == tag for f in self.frames[1:]):
            while self.frames[-1].tag != tag:
                self.close_frame()
            self.close_frame()

    def close_frame(self) -> None:
        frame = self.frames.pop()
        inner = "".join(frame.parts)
        core = inner.strip()
        lead = " " if inner[:1].isspace() and core else ""
        trail = " " if inner[-1:].isspace() and core else ""
        if frame.tag == "a":
            text = core.replace("[", "(").replace("]", ")") or frame.href
            self.emit(f"{lead}[{text}]({frame.href}){trail}")
        elif frame.tag == "code":
            fence = "``" if "`" in core else "`"
            self.emit(f"{lead}{fence}{core}{fence}{trail}" if core else "")
        elif core:
            marker = INLINE[frame.tag]
            self.emit(f"{lead}{marker}{core}{marker}{trail}")

    def handle_data(self, data: str) -> None:
        data = data.replace("\xa0", " ")
        if self.newlines_break:
            self.emit("\n".join(re.sub(r"[ \t\f\v]+", " ", line) for line in data.split("\n")))
        else:
            self.emit(re.sub(r"\s+", " ", data))

    def handle_comment(self, data: str) -> None:
        """HTML comments are dropped (never shown, never passed through)."""

    def handle_decl(self, decl: str) -> None:
        raise HtmlRejected(f"the declaration <!{decl[:30]}> is not imported", self.position())

    def handle_pi(self, data: str) -> None:
        raise HtmlRejected("a processing instruction (<?...>) is not imported", self.position())

    def unknown_decl(self, data: str) -> None:
        raise HtmlRejected("a CDATA section or declaration is not imported", self.position())

    def result(self) -> str:
        self.close()
        while len(self.frames) > 1:
            self.close_frame()
        text = "".join(self.frames[0].parts)
        lines = [line.rstrip() if LIST_ITEM.match(line) else line.strip() for line in text.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _tag_message(tag: str) -> str:
    allowed = ", ".join(ALLOWED)
    if tag in ("script", "style", "iframe", "object", "embed", "form", "input", "button"):
        return f"HTML <{tag}> is not imported (only text formatting is: {allowed})"
    return f"HTML <{tag}> is not imported; allowed: {allowed}"


def html_to_markdown(source: str, *, newlines_break: bool = False) -> str:
    """Markdown for ``source``; raises :class:`HtmlRejected` for anything outside the safe subset.

    ``newlines_break``: line ends are line breaks (Moodle's own "auto-format"), else whitespace as in HTML.
    """
    converter = _Converter(source, newlines_break)
    converter.feed(source)
    return converter.result()


def looks_like_html(text: str) -> bool:
    """Whether text in Moodle's default format holds tags or entities (and so is read as HTML)."""
    return LOOKS_LIKE_HTML.search(text) is not None


def check_markdown(text: str) -> None:
    """Raise :class:`HtmlRejected` for raw HTML tags in Markdown text (outside code spans)."""
    blanked = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    found = RAW_TAG.search(blanked)
    if found:
        raise HtmlRejected(
            f"HTML {found.group(0)[:40]!r} inside [markdown] text is not imported: write it in Markdown", found.start()
        )
