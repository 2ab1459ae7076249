"""The sign-in screen of ``course serve``: a visitor names their learner profile (and gives its password)."""

from __future__ import annotations

from typing import Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from course.domain.text_safety import strip_controls
from tui.textual_app.safe_text import plain

NAME_MAX = 60
PASSWORD_MIN = 8
WRONG = "That name and password do not match. Try again."


class Authenticator(Protocol):
    """Checks and sets passwords (``course.serve.accounts.Accounts``); both may take a while: run off the UI thread."""

    def check(self, name: str, password: str) -> str:
        """ "ok", "new" (no such account yet) or "wrong"."""
        ...

    def create(self, name: str, password: str) -> str:
        """ "ok", or "taken" when the name was claimed meanwhile."""
        ...


def clean_name(raw: str) -> str:
    """The name as stored: no control characters, spaces trimmed and collapsed, at most 60 characters."""
    return " ".join(strip_controls(raw).split())[:NAME_MAX]


class SignInScreen(Screen[str]):
    """Dismisses with the signed-in learner's name. With an ``authenticator`` a password is required: a new
    name sets it (typed twice), a known one must match."""

    DEFAULT_CSS = """
    SignInScreen { align: center middle; }
    SignInScreen > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    SignInScreen #sign-in-title { text-style: bold; margin-bottom: 1; }
    SignInScreen .label { margin-top: 1; }
    SignInScreen #confirm-label, SignInScreen #confirm { display: none; }
    SignInScreen.-new #confirm-label, SignInScreen.-new #confirm { display: block; }
    SignInScreen #message { margin-top: 1; color: $warning; height: auto; }
    SignInScreen Button { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "explain", "How to sign in", show=False)]

    def __init__(self, course_title: str, authenticator: Authenticator | None = None) -> None:
        super().__init__()
        self.course_title = course_title
        self.authenticator = authenticator
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(f"Sign in · {self.course_title}"), id="sign-in-title")
            yield Static("Your name (your progress is kept under it)", classes="label")
            yield Input(placeholder="Your name", max_length=NAME_MAX, id="name")
            if self.authenticator is not None:
                yield Static("Password (a new name sets it)", classes="label")
                yield Input(placeholder="Password", password=True, id="password")
                yield Static("New profile: type the password again", id="confirm-label", classes="label")
                yield Input(placeholder="Password again", password=True, id="confirm")
            yield Static("", id="message")
            yield Button("Sign in", variant="primary", id="sign-in")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def action_explain(self) -> None:
        """Esc: there is nowhere to go back to; say what to do."""
        self.say("Type your name and press Enter." if self.authenticator is None else "Type your name and password, then Enter.")

    def say(self, text: str) -> None:
        """Show a message under the fields (the learner's own text is never parsed as markup)."""
        self.query_one("#message", Static).update(plain(text))

    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    @on(Input.Changed, "#name")
    @on(Input.Changed, "#password")
    def _changed(self) -> None:
        if self.has_class("-new"):
            self.remove_class("-new")
            self.query_one("#confirm", Input).value = ""

    @on(Input.Submitted)
    @on(Button.Pressed, "#sign-in")
    def _submit(self, event: Input.Submitted | Button.Pressed) -> None:
        if self.busy:
            return
        name = clean_name(self.value("name"))
        if not name:
            self.say("Type your name first.")
            self.query_one("#name", Input).focus()
            return
        if self.authenticator is None:
            self.dismiss(name)
            return
        field = event.input.id if isinstance(event, Input.Submitted) else None
        password = self.value("password")
        if field == "name" or not password:
            self.query_one("#password", Input).focus()
            return
        if self.has_class("-new"):
            self._confirm(name, password)
        else:
            self.busy = True
            self.say("Checking…")
            self._check(name, password)

    def _confirm(self, name: str, password: str) -> None:
        confirm = self.query_one("#confirm", Input)
        if not confirm.value:
            confirm.focus()
        elif confirm.value != password:
            self.say("The two passwords differ. Type the password again, twice.")
            self.remove_class("-new")
            confirm.value = ""
            self.query_one("#password", Input).value = ""
            self.query_one("#password", Input).focus()
        else:
            self.busy = True
            self.say("Creating your profile…")
            self._create(name, password)

    @work(thread=True, exit_on_error=False, group="sign-in")
    def _check(self, name: str, password: str) -> None:
        assert self.authenticator is not None
        outcome = self.authenticator.check(name, password)
        self.app.call_from_thread(self._checked, name, password, outcome)

    def _checked(self, name: str, password: str, outcome: str) -> None:
        self.busy = False
        if outcome == "ok":
            self.dismiss(name)
        elif outcome == "new" and len(password) < PASSWORD_MIN:
            self.say(f"“{name}” is a new profile: choose a password of at least {PASSWORD_MIN} characters.")
            self.query_one("#password", Input).focus()
        elif outcome == "new":
            self.add_class("-new")
            self.say(f"“{name}” is a new profile. Type the password again to create it.")
            self.query_one("#confirm", Input).focus()
        else:
            self.say(WRONG)
            self.query_one("#password", Input).value = ""
            self.query_one("#password", Input).focus()

    @work(thread=True, exit_on_error=False, group="sign-in")
    def _create(self, name: str, password: str) -> None:
        assert self.authenticator is not None
        outcome = self.authenticator.create(name, password)
        self.app.call_from_thread(self._created, name, outcome)

    def _created(self, name: str, outcome: str) -> None:
        self.busy = False
        if outcome == "ok":
            self.dismiss(name)
        else:  # someone claimed the name a moment earlier: the same answer as a wrong password
            self.remove_class("-new")
            self.say(WRONG)
            self.query_one("#password", Input).value = ""
