"""The study engine: every rule of taking a course, once. Pure: no Textual, no printing, no input.

Front ends build a :class:`Study` and call its use cases (``quizzes``, ``progress``, ``reviews``);
each returns a typed result the front end presents.
"""

from course.engine.study import Study
from course.engine.targets import MAP, Target

__all__ = ["MAP", "Study", "Target"]
