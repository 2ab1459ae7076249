"""The scrolling part of the quiz screen: progress line, case, prompt, answer widget and feedback.

It draws one question at a time and knows how to show it at 80x24: the top of the question when it
is drawn, the feedback scrolled into view once it is shown, and scrolling by keys from any focus.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from course.engine.quiz_session import AttemptState
from quizzes.questions import Question
from tui.textual_app.safe_text import plain
from tui.textual_app.widgets.answers import AnswerWidget


def progress_line(attempt: AttemptState, index: int) -> str:
    """The line above question ``index``: "Question 2 of 5 · 1 answered · Practice: …"."""
    mode = "Exam: answers are marked when you submit" if attempt.exam else "Practice: feedback after each answer"
    line = f"Question {index + 1} of {len(attempt.question_ids)} · {attempt.answered} answered · {mode}"
    if attempt.attempts_left is not None:
        line += f" · attempt {attempt.number} of {attempt.limit}, {attempt.attempts_left} left after this"
    return line


class QuestionArea(VerticalScroll):
    """One question: ``#question-progress``, ``#question-case``, ``#question-prompt``, ``#answer``, ``#feedback``."""

    async def draw(self, progress: str, question: Question, answer: AnswerWidget) -> None:
        """Replace what is shown with ``question``, answered with ``answer`` (its id becomes ``answer``)."""
        await self.remove_children()
        widgets: list[Widget] = [Static(progress, id="question-progress")]
        if question.case:
            widgets.append(Static(plain(question.case), id="question-case"))
        widgets.append(Static(plain(question.prompt), id="question-prompt"))
        answer.id = "answer"
        widgets += [answer, Static(id="feedback")]
        await self.mount_all(widgets)

    def set_progress(self, text: str) -> None:
        """Redraw the progress line ("1 answered" once an answer is saved)."""
        for progress in self.query("#question-progress").results(Static):
            progress.update(text)

    def show_feedback(self, content: Content, reveal: bool = False) -> None:
        """Show the feedback below the answer (``reveal``: and scroll it into view once drawn)."""
        feedback = self.query_one("#feedback", Static)
        feedback.update(content)
        feedback.add_class("shown")
        if reveal:
            self.call_after_refresh(self.reveal_feedback)

    def reveal_feedback(self, tries: int = 20) -> None:
        """Scroll the feedback into view: all of it when it fits, else from its verdict down.

        Until the new feedback is laid out, the area's scrollable height is the old one and the scroll is
        clamped short of it (seen on Python 3.12/3.13 under load); so it tries again after each refresh
        until the verdict is in view."""
        feedback = self.query_one("#feedback", Static)
        region = feedback.virtual_region_with_margin
        self.scroll_to_region(region, animate=False, top=region.height > self.scrollable_content_region.height, immediate=True)
        shown = self.scroll_y <= region.y < self.scroll_y + self.scrollable_content_region.height
        if not (shown and region.height) and tries > 1:
            self.call_after_refresh(self.reveal_feedback, tries - 1)

    def scroll_lines(self, lines: int) -> None:
        """Scroll by ``lines`` (down when positive), whatever has the focus."""
        self.scroll_relative(y=lines, animate=False)
