"""Lesson text: a Markdown body drawn as one light widget per top-level block (see layout.py)."""

from tui.textual_app.widgets.lesson_text.blocks import LessonBlock, LinkClicked
from tui.textual_app.widgets.lesson_text.text import LessonText, TableOfContents

__all__ = ["LessonBlock", "LessonText", "LinkClicked", "TableOfContents"]
