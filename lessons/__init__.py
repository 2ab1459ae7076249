"""Lesson model and Markdown body helpers. Pure Python: never imports Textual."""
