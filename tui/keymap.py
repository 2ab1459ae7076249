"""Every key binding of the app, by screen: for the help screen and for checking the keymap setting."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """(section title, bindings) for every screen and widget with keys of its own."""
    from tui.app import CourseApp
    from tui.screens.course_map import CourseMapScreen
    from tui.screens.lesson import LessonScreen
    from tui.screens.quiz import QuizScreen
    from tui.screens.results import ResultsScreen
    from tui.screens.review import ReviewScreen
    from tui.screens.notes import NotesScreen
    from tui.screens.search import SearchScreen
    from tui.widgets.answers import OrderAnswer

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
