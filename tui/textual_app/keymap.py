"""Every key binding of the app, by screen: for the help screen and for checking the keymap setting."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """(section title, bindings) for every screen and widget with keys of its own."""
    from tui.textual_app.app import CourseApp
    from tui.textual_app.screens.course_map import CourseMapScreen
    from tui.textual_app.screens.lesson import LessonScreen
    from tui.textual_app.screens.quiz import QuizScreen
    from tui.textual_app.screens.results import ResultsScreen
    from tui.textual_app.screens.review import ReviewScreen
    from tui.textual_app.screens.notes import NotesScreen
    from tui.textual_app.screens.search import SearchScreen
    from tui.textual_app.widgets.answers import OrderAnswer

    sections: list[tuple[str, list[BindingType]]] = [
        ("Anywhere", CourseApp.BINDINGS),
        ("Course map", CourseMapScreen.BINDINGS),
        ("Lesson", LessonScreen.BINDINGS),
        ("Quiz", QuizScreen.BINDINGS),
        ("Ordering question", OrderAnswer.BINDINGS),
        ("Results", ResultsScreen.BINDINGS),
        ("Review", ReviewScreen.BINDINGS),
        ("Search", SearchScreen.BINDINGS),
        ("Notes and bookmarks", NotesScreen.BINDINGS),
    ]
    return [(title, [b for b in bindings if isinstance(b, Binding)]) for title, bindings in sections]


def binding_ids() -> set[str]:
    """Every binding id a keymap setting may remap."""
    return {b.id for _, bindings in binding_sections() for b in bindings if b.id}
