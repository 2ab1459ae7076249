"""Item analysis for instructors: facility, discrimination, distractors and reliability of quiz questions.

Pure statistics over :class:`~course.analysis.records.AttemptRecord` values from any source: today
``course export`` files (:mod:`course.analysis.exports`, the only module that reads files), later
the statements of a Learning Record Store. ``analyse`` computes; ``text_report`` and ``tables``
present. See docs/item-analysis.md.
"""

from course.analysis.items import ChoiceCount, Flag, QuestionStats
from course.analysis.records import AttemptRecord, ItemResponse, Which, counted
from course.analysis.report import Analysis, QuizStats, analyse

__all__ = [
    "Analysis",
    "AttemptRecord",
    "ChoiceCount",
    "Flag",
    "ItemResponse",
    "QuestionStats",
    "QuizStats",
    "Which",
    "analyse",
    "counted",
]
