"""The CE evaluation survey: a 1-5 choice per Likert item, yes or no, free text. The engine checks the
answers (required items, lengths); its problems are shown next to their items. Answers never change a score.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, RadioButton, RadioSet, Static

from course.engine.ce_results import Answer, EvaluationQuestion, EvaluationSaved, Rejected
from tui.textual_app.dialogs.leave_unsaved import Choice, LeaveUnsavedDialog
from tui.textual_app.safe_text import plain
from tui.textual_app.screens.base import CourseScreen


class EvaluationScreen(CourseScreen):
    """One form for the whole survey; Esc leaves without submitting, asking first if answers would be lost."""

    CSS_PATH = "ce_evaluation.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back without submitting.", id="evaluation.back"),
        Binding("ctrl+s", "submit", "Submit", tooltip="Submit the evaluation.", id="evaluation.submit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.questions: list[EvaluationQuestion] = self.study.ce.evaluation_questions()
        self.submitted: dict[str, int | bool | str] = self.study.ce.evaluation() or {}

    def compose(self) -> ComposeResult:
        ce = self.study.ce
        activity = ce.activity
        assert activity is not None
        earlier = self.submitted
        yield Header()
        if ce.notice:
            yield Static(plain(ce.banner), id="ce-notice")
        with VerticalScroll(id="evaluation-form"):
            yield Static("Evaluation", id="evaluation-title")
            if activity.evaluation.intro:
                yield Static(plain(activity.evaluation.intro.strip()), classes="muted")
            for n, question in enumerate(self.questions):
                required = " (required)" if question.required else " (optional)"
                yield Static(plain(f"{n + 1}. {question.prompt}{required}"), classes="item-prompt")
                answer = earlier.get(question.id)
                if question.kind == "text":
                    yield Input(
                        str(answer) if isinstance(answer, str) else "",
                        max_length=question.max_length or 0,
                        placeholder="Your answer",
                        id=f"item-{n}",
                    )
                else:
                    with RadioSet(id=f"item-{n}", classes="item-choices"):
                        for value, label in question.options:
                            number = f"{value} " if question.kind == "likert" else ""
                            yield RadioButton(f"{number}{label}", value=answer == value and type(answer) is type(value))
                yield Static(id=f"problem-{n}", classes="item-problem")
        with Horizontal(id="evaluation-actions"):
            yield Button("Submit (^s)", variant="primary", id="submit")
            yield Button("Back (Esc)", id="back")
        yield Footer()

    def on_mount(self) -> None:
        for problem in self.query(".item-problem"):
            problem.display = False
        first = self.query("#evaluation-form RadioSet, #evaluation-form Input").first()
        first.focus()

    def answers(self) -> dict[str, Answer]:
        """What the learner has chosen or typed (unanswered items are left out)."""
        answers: dict[str, Answer] = {}
        for n, question in enumerate(self.questions):
            if question.kind == "text":
                text = self.query_one(f"#item-{n}", Input).value
                if text.strip():
                    answers[question.id] = text
                continue
            index = self.query_one(f"#item-{n}", RadioSet).pressed_index
            if index >= 0:
                answers[question.id] = question.options[index][0]
        return answers

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Submit through the engine (store writer); problems come back next to their items."""
        answers = self.answers()
        ce = self.study.ce
        self.course_app.write(lambda: ce.submit_evaluation(answers), self._submitted, owner=self)

    def _submitted(self, result: EvaluationSaved | Rejected) -> None:
        for shown in self.query(".item-problem"):
            shown.display = False
        if isinstance(result, EvaluationSaved):
            self.course_app.progress_changed()
            self.notify("Thank you: your evaluation is saved.", timeout=3)
            self.dismiss()
            return
        index = {question.id: n for n, question in enumerate(self.questions)}
        first = None
        for problem in result.problems:
            n = index.get(problem.key)
            if n is None:
                self.notify(problem.message, severity="warning")
                continue
            line = self.query_one(f"#problem-{n}", Static)
            line.update(plain(f"⚠ {problem.message}"))
            line.display = True
            first = n if first is None else first
        if first is not None:
            self.query_one(f"#item-{first}").focus()
            self.query_one(f"#problem-{first}").scroll_visible()
        self.notify(f"{len(result.problems)} answer(s) to fix before submitting.", severity="warning")

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back; answers not submitted are not dropped without asking."""
        if self.answers() == self.submitted:
            self.dismiss()
            return
        self.app.push_screen(
            LeaveUnsavedDialog("Your evaluation answers are not submitted. Leaving now loses them."), self._leave_or_stay
        )

    def _leave_or_stay(self, choice: Choice | None) -> None:
        if choice == "submit":
            self.action_submit()
        elif choice == "leave":
            self.dismiss()
