"""Learner progress in one SQLite file: lessons, resume position, quiz attempts, review cards,
settings, and an event log.

Pure logic: never imports Textual or the TUI.
"""

from progress_store.errors import StoreError
from progress_store.learner import LearnerProgress
from progress_store.notes import Bookmark, Note
from progress_store.paths import default_db_path
from progress_store.positions import SCREENS
from progress_store.records import AnswerRecord, Attempt, Position, ReviewCard, ReviewLogEntry
from progress_store.store import Store

__all__ = [
    "SCREENS",
    "AnswerRecord",
    "Attempt",
    "Bookmark",
    "LearnerProgress",
    "Note",
    "Position",
    "ReviewCard",
    "ReviewLogEntry",
    "Store",
    "StoreError",
    "default_db_path",
]
