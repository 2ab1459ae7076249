"""Things registered by question ``type`` string: the question types here, and each front end's
adapters (plain mode's and the Textual app's) through the same :class:`TypeRegistry`."""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

from quizzes.questions import QuestionBase
from quizzes.types.base import QuestionType


class Named(Protocol):
    """Anything registered by the ``type`` string of the questions it handles."""

    @property
    def name(self) -> str: ...


V = TypeVar("V", bound=Named)


class TypeRegistry(Generic[V]):
    """One entry per question ``type``; ``what`` names an entry in messages ("a plain adapter")."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._entries: dict[str, V] = {}

    def register(self, entry: V, replace: bool = False) -> V:
        """Make ``entry`` the one for questions whose ``type`` is ``entry.name``; returns it."""
        if entry.name in self._entries and not replace:
            raise ValueError(f"{self.what} for {entry.name!r} is already registered")
        self._entries[entry.name] = entry
        return entry

    def unregister(self, name: str) -> None:
        """Forget the entry for ``name`` (tests that register their own types clean up with this)."""
        self._entries.pop(name, None)

    def registered(self) -> tuple[str, ...]:
        """The ``type`` strings that have an entry, in registration order."""
        return tuple(self._entries)

    def __getitem__(self, name: str) -> V:
        """The entry registered for ``name``; ``KeyError`` if there is none."""
        return self._entries[name]

    def for_question(self, question: QuestionBase) -> V:
        """The entry for ``question``'s type; ``TypeError`` if there is none."""
        entry = self._entries.get(str(getattr(question, "type", "")))
        if entry is None:
            raise TypeError(f"no {self.what} for {type(question).__name__}")
        return entry


_TYPES: TypeRegistry[QuestionType[Any, Any]] = TypeRegistry("question type")
register = _TYPES.register
unregister = _TYPES.unregister
registered = _TYPES.registered


def question_type(question: QuestionBase) -> QuestionType[Any, Any]:
    """The registered behaviour of ``question``'s type; ``TypeError`` if there is none."""
    try:
        qtype = _TYPES.for_question(question)
    except TypeError:
        qtype = None
    if qtype is None or not isinstance(question, qtype.model):
        raise TypeError(f"unknown question type: {type(question).__name__}")
    return qtype
