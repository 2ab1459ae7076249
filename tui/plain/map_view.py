"""The course map and a module's menu, as text."""

from __future__ import annotations

from course.domain.models import Module
from course.engine import Target
from course.engine.progress import QuizStanding
from tui.plain.console import MAP, Place, count
from tui.plain.context import Plain
from tui.plain.text import underline, wrap

LESSON_WORDS = {"done": "done", "started": "started"}


def place_of(target: Target) -> Place:
    """The plain-mode place for an engine target."""
    if target.kind == "lesson":
        return ("lesson", target.id)
    if target.kind == "quiz":
        return ("quiz", target.id, None)
    if target.kind == "results":
        return ("results", target.id, target.attempt_id)
    return MAP


def quiz_status(module: Module, standing: QuizStanding | None) -> str:
    """ "no quiz", "quiz not taken yet" or "quiz best 80%, passed"."""
    if module.quiz is None or standing is None:
        return "no quiz"
    if standing.best is None:
        return "quiz not taken yet"
    return f"quiz best {standing.best:.0%}, {'passed' if standing.passed else 'not passed yet'}"


class MapView:
    """The course map (numbered modules) and each module's menu (numbered lessons, t for the quiz)."""

    def __init__(self, plain: Plain) -> None:
        self.plain = plain
        self.console = plain.console
        self.study = plain.study

    def course_map(self) -> Place:
        console, course = self.console, self.plain.course
        console.write(self.study.progress.enter_map)
        overview = self.study.progress.overview()
        console.say("")
        console.say(underline("Course map", "-"))
        console.say(
            f"{overview.lessons_done} of {overview.lessons_total} lessons done. {count(overview.reviews_due, 'review')} due."
        )
        console.say("Modules:")
        for number, row in enumerate(overview.modules, start=1):
            line = f"{number}. {row.module.title}: {row.lessons_done}/{len(row.module.lessons)} lessons done; {quiz_status(row.module, row.quiz)}"
            console.say(wrap(line, subsequent_indent="   "))
        modules = len(course.modules)
        numbers = f"1-{modules}" if modules > 1 else "1"
        commands = [
            (numbers, "open that module: its lessons and quiz"),
            ("c or continue", "continue exactly where you stopped"),
        ]
        offer = f"{numbers} module, c continue"
        ce = self.study.ce
        if ce.activity is not None:
            checklist = ce.checklist()
            met, engaged = sum(r.met for r in checklist), int(ce.engaged_minutes())
            console.say(wrap(f"Continuing education: {met} of {len(checklist)} requirements met; {engaged} minutes engaged."))
            commands.append(("ce or credit", "continuing-education credit: what is still missing, and the next step"))
            offer += ", ce credit"
        while True:
            choice = console.ask("Map", commands, offer)
            if choice.isdigit() and 1 <= int(choice) <= modules:
                return ("module", course.modules[int(choice) - 1].id)
            if ce.activity is not None and choice.lower() in ("ce", "credit"):
                return ("ce",)
            if choice.lower() in ("c", "continue"):
                target = self.study.progress.continue_target()
                if target is not None:
                    return place_of(target)
                console.say("You have finished every lesson and passed every quiz.")
                continue
            numbers = f"a module number from 1 to {modules}" if modules > 1 else "1 for the module"
            credit = ", ce for credit" if ce.activity is not None else ""
            console.tell(f"Type {numbers}, c to continue{credit}, or h for help.")

    def module_menu(self, module_id: str) -> Place:
        console, course = self.console, self.plain.course
        module = course.module(module_id)
        if module is None:
            return MAP
        overview = self.study.progress.overview()
        row = next(r for r in overview.modules if r.module.id == module_id)
        number = course.modules.index(module) + 1
        console.say("")
        console.say(underline(f"Module {number} of {len(course.modules)}: {module.title}", "-"))
        if module.summary:
            console.say(wrap(module.summary))
        if module.lessons:
            console.say("Lessons:")
        for n, lesson in enumerate(module.lessons, start=1):
            status = LESSON_WORDS.get(overview.lesson_status.get(lesson.id, ""), "not started")
            console.say(wrap(f"{n}. {lesson.title} ({lesson.estimated_minutes} min): {status}", subsequent_indent="   "))
        if module.quiz is not None:
            console.say(
                wrap(
                    f"Quiz (t): {module.quiz.title}: {quiz_status(module, row.quiz).removeprefix('quiz ')}",
                    subsequent_indent="   ",
                )
            )
        console.say(f"Review (r): {overview.reviews_due} due")
        lessons = len(module.lessons)
        commands = []
        offer = []
        if lessons:
            numbers = f"1-{lessons}" if lessons > 1 else "1"
            commands.append((numbers, "read that lesson"))
            offer.append(f"{numbers} lesson")
        if module.quiz is not None:
            commands.append(("t or quiz", "take the module quiz"))
            offer.append("t quiz")
        while True:
            choice = console.ask("Module", commands, ", ".join(offer))
            if choice.isdigit() and 1 <= int(choice) <= lessons:
                return ("lesson", module.lessons[int(choice) - 1].id)
            if module.quiz is not None and choice.lower() in ("t", "quiz", "test"):
                return ("quiz", module.quiz.id, None)
            hint = f"a lesson number from 1 to {lessons}, " if lessons > 1 else "1 for the lesson, " if lessons else ""
            quiz = "t for the quiz, " if module.quiz is not None else ""
            console.tell(f"Type {hint}{quiz}m for the map, or h for help.")
