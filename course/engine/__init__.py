"""The study engine: every rule of taking a course, once. Pure: no Textual, no printing, no input."""
