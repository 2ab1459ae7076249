"""What the certificate and the transcript PDFs share: the shipped DejaVu Sans font, colours, fitting text.

fpdf2 ships no Unicode font, so the package ships DejaVu Sans (regular and bold, from fonts-dejavu-core
2.37; licence in ``fonts/LICENSE``) and embeds a subset of it in every PDF it writes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from course.certificates.errors import CertificateError

FONT_DIR = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
NAVY = (31, 58, 95)
GOLD = (176, 141, 87)
INK = (40, 40, 40)
GREY = (95, 95, 95)
RED = (164, 22, 26)
PALE_RED = (252, 236, 234)
PRODUCER = "plasticity-course"


def new_pdf(orientation: str, created: datetime) -> FPDF:
    """An A4 document in ``orientation`` ("L" or "P") with the shipped fonts, dated ``created`` (UTC)."""
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    prepare(pdf, created)
    return pdf


def prepare(pdf: FPDF, created: datetime) -> None:
    """Give ``pdf`` the shipped fonts, its creation date ``created`` (UTC), producer and language."""
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, FONT_DIR / name)
    pdf.set_font(FAMILY, size=11)
    pdf.set_creation_date(created.astimezone(timezone.utc))
    pdf.set_producer(PRODUCER)
    pdf.set_creator(PRODUCER)
    pdf.set_lang("en")


def shown(text: str) -> str:
    """``text`` as drawn: NFC (composed accents draw as one glyph), white space runs as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def undrawable(pdf: FPDF, texts: list[str]) -> list[str]:
    """The characters of ``texts`` (NFC) that the shipped font has no glyph for, each once, as ``'x' (U+0078)``."""
    cmap = _cmap(pdf)
    missing = sorted({ch for text in texts for ch in shown(text) if ord(ch) not in cmap and not ch.isspace()})
    return [f"{ch!r} (U+{ord(ch):04X})" for ch in missing]


def drawable(pdf: FPDF, text: str) -> str:
    """``text`` as drawn, each character the font lacks replaced by U+FFFD (for records that are not verified)."""
    cmap = _cmap(pdf)
    return "".join(ch if ord(ch) in cmap or ch.isspace() else "\ufffd" for ch in shown(text))


def _cmap(pdf: FPDF) -> Mapping[int, object]:
    font = pdf.fonts[FAMILY.lower()]
    assert isinstance(font, TTFFont), "the shipped font is a TrueType font"
    return font.cmap


def require_drawable(pdf: FPDF, texts: list[str], what: str) -> None:
    """Raise :class:`CertificateError` naming the characters of ``texts`` the font cannot draw."""
    missing = undrawable(pdf, texts)
    if missing:
        shown_missing = ", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
        raise CertificateError(f"the {what} holds characters the certificate font (DejaVu Sans) cannot draw: {shown_missing}")


def text_height(pdf: FPDF, width: float, text: str, size: float, style: str = "", line: float = 1.25) -> float:
    """The height ``text`` takes wrapped to ``width`` at ``size`` points with ``line`` spacing (nothing drawn)."""
    pdf.set_font(FAMILY, style, size)
    lines = pdf.multi_cell(width, text=shown(text), dry_run=True, output="LINES")
    assert isinstance(lines, list)
    return len(lines) * line_height(size, line)


def line_height(size: float, line: float = 1.25) -> float:
    """The height in mm of one line at ``size`` points."""
    return size * line * 25.4 / 72


def draw_text(
    pdf: FPDF,
    x: float,
    y: float,
    width: float,
    text: str,
    size: float,
    *,
    style: str = "",
    colour: tuple[int, int, int] = INK,
    align: str = "C",
    line: float = 1.25,
) -> float:
    """Draw ``text`` wrapped to ``width`` from (``x``, ``y``); returns the y below it."""
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*colour)
    pdf.set_xy(x, y)
    pdf.multi_cell(width, line_height(size, line), text=shown(text), align=align, new_x="LMARGIN", new_y="NEXT")
    return y + text_height(pdf, width, text, size, style, line)


def fit_size(pdf: FPDF, text: str, width: float, largest: float, smallest: float, style: str = "B") -> float:
    """The largest size from ``largest`` down to ``smallest`` at which ``text`` fits on one line of ``width``."""
    size = largest
    while size > smallest:
        pdf.set_font(FAMILY, style, size)
        if pdf.get_string_width(shown(text)) <= width:
            return size
        size -= 0.5
    return smallest


def utc_datetime(iso: str) -> datetime:
    """``YYYY-MM-DDTHH:MM:SSZ`` as an aware datetime (the epoch when it is not one: a PDF date must be valid)."""
    try:
        value = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
