"""The plain mode (``course --plain``): the course as scrolling text with numbered choices typed at a
prompt, for screen-reader users and limited terminals.

No full-screen drawing and no Textual: only lines written to ``stdout`` and lines read from
``stdin``. It records exactly what the Textual app records, in the same progress store: lesson
"opened" and "completed", resume positions ("map", "lesson", "quiz", "results"), attempts with the
same seed and question plan, every answer the moment it is given (with its review card rated
``rating_for(correct)``, source "quiz"), finished attempts, and review sessions (source "review").
There is no UI thread here, so every write goes straight to the store before the next prompt.

At every prompt: ``h`` lists every command, ``m`` goes to the course map, ``r`` reviews the cards
that are due, ``q`` quits. End of input (Ctrl+D) and Ctrl+C also quit; progress is always saved.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Sequence, TextIO, TypeVar

from course.domain.models import Course, Module, Term
from tui.plain.text import WIDTH, clean, render_markdown, underline, wrap
from course.engine.review_policy import ensure_card, rate, scheduler_for
from lessons.links import internal_links
from lessons.model import Lesson
from progress_store import AnswerRecord, LearnerProgress, ReviewCard, Store, StoreError
from quizzes.attempt_plan import option_order, plan_questions
from quizzes.describe import describe_key
from quizzes.grading import grade
from quizzes.questions import Question
from quizzes.quiz import Quiz
from quizzes.review import Rating, ReviewScheduler, rating_for
from quizzes.review_cards import card_id_for_question, card_id_for_term, parse_card_id
from quizzes.scoring import score_attempt
from tui.plain.answers import BadAnswer, answer_help, describe, feedback_lines, parse_response, question_lines

__all__ = ["run_plain"]

T = TypeVar("T")
Place = tuple[Any, ...]
MAP: Place = ("map",)
REVIEW: Place = ("review",)

GLOBAL_HELP = [
    ("h", "list the commands you can type here"),
    ("m", "go to the course map"),
    ("r", "review the cards that are due"),
    ("q", "quit (your progress is saved; the next start resumes here)"),
]
FEELINGS = {"1": Rating.Easy, "2": Rating.Good, "3": Rating.Hard}
RECALL = {"1": Rating.Again, "2": Rating.Hard, "3": Rating.Good, "4": Rating.Easy}


def run_plain(
    course: Course,
    store: Store,
    learner: str = "default",
    *,
    stdin: TextIO,
    stdout: TextIO,
    clock: Callable[[], datetime] | None = None,
    new_seed: Callable[[], int] | None = None,
    fuzz_reviews: bool = True,
) -> int:
    """Run the plain mode until the learner quits or input ends; returns the exit code.

    0 when the learner quits (``q``, end of input, Ctrl+C): everything is saved as it happens.
    1 only if the progress store fails in a way that retrying cannot fix.
    """
    session = PlainSession(
        course,
        store.learner(learner, course.info.id),
        PlainIO(stdin, stdout),
        clock or (lambda: datetime.now(timezone.utc)),
        new_seed or (lambda: random.SystemRandom().randrange(1, 2**31)),
        fuzz_reviews,
    )
    return session.run()


class Quit(Exception):
    """The learner quit: ``q``, end of input, or Ctrl+C."""


class Go(Exception):
    """The learner typed a command that leads somewhere else (the map, a review)."""

    def __init__(self, place: Place) -> None:
        super().__init__(place)
        self.place = place


class PlainIO:
    """Lines out, lines in. ``input()`` (with line editing) only on the real console streams."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.console = stdin is sys.stdin and stdout is sys.stdout

    def say(self, text: str = "") -> None:
        try:
            self.stdout.write(text + "\n")
        except UnicodeEncodeError:  # a terminal that cannot show every character: show "?" instead
            encoding = getattr(self.stdout, "encoding", None) or "ascii"
            self.stdout.write((text + "\n").encode(encoding, "replace").decode(encoding))
        self.stdout.flush()

    def read(self, prompt: str) -> str:
        """One line typed by the learner (without its newline); ``Quit`` at the end of input."""
        if self.console:
            try:
                return input(prompt)
            except EOFError:
                raise Quit from None
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise Quit
        return line.rstrip("\r\n")


@dataclass
class QuizRun:
    """One attempt being taken: its plan, its answers so far, and its deadline."""

    quiz: Quiz
    attempt_id: int
    seed: int
    kind: str
    question_ids: list[str]
    answers: dict[str, AnswerRecord]
    deadline: datetime | None

    @property
    def exam(self) -> bool:
        return self.quiz.mode == "exam"

    def question(self, question_id: str) -> Question:
        return next(q for q in self.quiz.questions if q.id == question_id)


class PlainSession:
    """One learner taking one course in plain text."""

    def __init__(
        self,
        course: Course,
        progress: LearnerProgress,
        io: PlainIO,
        clock: Callable[[], datetime],
        new_seed: Callable[[], int],
        fuzz_reviews: bool,
    ) -> None:
        self.course = course
        self.progress = progress
        self.io = io
        self.clock = clock
        self.new_seed = new_seed
        self.fuzz_reviews = fuzz_reviews
        self.last_term: Term | None = None

    # --- the loop -------------------------------------------------------------------------------

    def run(self) -> int:
        try:
            try:
                self.say(underline(self.course.info.title))
                try:
                    place = self.start()
                except Go as go:
                    place = go.place
                while True:
                    try:
                        place = self.visit(place)
                    except Go as go:
                        place = go.place
            except (Quit, KeyboardInterrupt, EOFError):
                self.say("")
                self.say("Your progress is saved. Goodbye.")
                return 0
        except StoreError as error:
            self.tell(f"The progress store failed: {error}")
            return 1

    def visit(self, place: Place) -> Place:
        kind = place[0]
        if kind == "module":
            return self.module_menu(place[1])
        if kind == "lesson":
            return self.lesson(place[1])
        if kind == "quiz":
            return self.quiz(place[1], place[2] if len(place) > 2 else None)
        if kind == "results":
            return self.results(place[1], place[2])
        if kind == "review":
            return self.review()
        return self.course_map()

    def start(self) -> Place:
        """The disclaimer for a new learner; otherwise resume where the learner left off."""
        position = self.progress.position()
        if position is None:
            self.say("")
            self.say(underline("Before you begin", "-"))
            self.say(wrap(self.course.info.disclaimer or "This course is for education only."))
            self.say("")
            self.ask("Press Enter to continue. ", [])
            return MAP
        target = position.target_id
        if position.screen == "lesson" and target and self.course.lesson(target):
            self.say("Welcome back. Resuming the lesson you were reading.")
            return ("lesson", target)
        if position.screen == "quiz" and target and self.course.module_of_quiz(target):
            self.say("Welcome back. Resuming your quiz.")
            return ("quiz", target, None)
        if position.screen == "results" and target and self.course.module_of_quiz(target):
            finished = [a for a in self.progress.attempts(target) if a.finished]
            if finished:
                self.say("Welcome back. Here are your last quiz results.")
                return ("results", target, finished[-1].id)
        self.say("Welcome back.")
        return MAP

    # --- input and output ---------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.io.say(text)

    def tell(self, text: str) -> None:
        """Say untrusted or long text, wrapped to the width."""
        self.io.say(wrap(text))

    def ask(self, prompt: str, commands: Sequence[tuple[str, str]], local: Sequence[str] = ()) -> str:
        """Read a line; handle the global commands (h, m, r, q) and return anything else, trimmed.

        ``local`` lists exact inputs that mean something here even though they look like a global
        command (``Q`` opens a module's quiz while ``q`` quits).
        """
        while True:
            try:
                text = clean(self.io.read(prompt)).strip()
            except UnicodeDecodeError:
                self.say("That could not be read; please type it again.")
                continue
            if text in local:
                return text
            word = text.lower()
            if word == "q":
                raise Quit
            if word in ("h", "?"):
                self.show_help(commands)
                continue
            if word == "m":
                raise Go(MAP)
            if word == "r":
                raise Go(REVIEW)
            return text

    def pause(self, prompt: str = "Press Enter to continue. ") -> None:
        self.ask(prompt, [("Enter", "continue")])

    def show_help(self, commands: Sequence[tuple[str, str]]) -> None:
        self.say("")
        self.say("Commands here:" if commands else "Commands:")
        for key, meaning in commands:
            self.say(wrap(meaning, indent=f"  {key} ".ljust(11), subsequent_indent=" " * 11))
        if commands:
            self.say("Everywhere:")
        for key, meaning in GLOBAL_HELP:
            self.say(wrap(meaning, indent=f"  {key} ".ljust(11), subsequent_indent=" " * 11))
        self.say("")

    def write(self, action: Callable[[], T]) -> T:
        """Run one store write now; if the store is busy, say so and let the learner retry."""
        while True:
            try:
                return action()
            except StoreError as error:
                self.tell(f"Could not save: {error}")
                self.ask("Press Enter to try again, or q to quit. ", [("Enter", "try to save again")])

    def scheduler(self) -> ReviewScheduler:
        return scheduler_for(self.progress, fuzz=self.fuzz_reviews)

    # --- the course map -----------------------------------------------------------------------------

    def course_map(self) -> Place:
        self.write(lambda: self.progress.save_position("map"))
        statuses = self.progress.lesson_statuses()
        scores = self.progress.best_scores()
        total = sum(len(m.lessons) for m in self.course.modules)
        done = sum(statuses.get(lesson.id) == "done" for m in self.course.modules for lesson in m.lessons)
        due = self.progress.count_due(self.clock())
        self.say("")
        self.say(underline("Course map", "-"))
        self.say(f"{done} of {total} lessons done. {_count(due, 'review')} due.")
        self.say("Modules:")
        for number, module in enumerate(self.course.modules, start=1):
            module_done = sum(statuses.get(lesson.id) == "done" for lesson in module.lessons)
            line = f"{number}. {module.title}: {module_done}/{len(module.lessons)} lessons done; {self.quiz_status(module, scores)}"
            self.say(wrap(line, subsequent_indent="   "))
        count = len(self.course.modules)
        commands = [
            (f"1-{count}" if count > 1 else "1", "open that module: its lessons and quiz"),
            ("c", "continue with the first lesson you have not finished"),
        ]
        self.tell("Type a module number, c to continue, r to review, h for help, or q to quit.")
        while True:
            choice = self.ask("Map> ", commands)
            if choice.isdigit() and 1 <= int(choice) <= count:
                return ("module", self.course.modules[int(choice) - 1].id)
            if choice.lower() == "c":
                target = self.continue_target(statuses, scores)
                if target is not None:
                    return target
                self.say("You have finished every lesson and passed every quiz.")
                continue
            numbers = f"a module number from 1 to {count}" if count > 1 else "1 for the module"
            self.tell(f"Type {numbers}, c to continue, or h for help.")

    def quiz_status(self, module: Module, scores: dict[str, float]) -> str:
        if module.quiz is None:
            return "no quiz"
        best = scores.get(module.quiz.id)
        if best is None:
            return "quiz not taken yet"
        verdict = "passed" if best + 1e-9 >= module.quiz.pass_mark else "not passed yet"
        return f"quiz best {best:.0%}, {verdict}"

    def continue_target(self, statuses: dict[str, str], scores: dict[str, float]) -> Place | None:
        """The first lesson not done, or the first quiz not passed (as ``c`` in the app)."""
        for module in self.course.modules:
            for lesson in module.lessons:
                if statuses.get(lesson.id) != "done":
                    return ("lesson", lesson.id)
            if module.quiz is not None and scores.get(module.quiz.id, 0.0) < module.quiz.pass_mark:
                return ("quiz", module.quiz.id, None)
        return None

    def module_menu(self, module_id: str) -> Place:
        module = self.course.module(module_id)
        if module is None:
            return MAP
        number = self.course.modules.index(module) + 1
        statuses = self.progress.lesson_statuses()
        scores = self.progress.best_scores()
        due = self.progress.count_due(self.clock())
        self.say("")
        self.say(underline(f"Module {number} of {len(self.course.modules)}: {module.title}", "-"))
        if module.summary:
            self.say(wrap(module.summary))
        if module.lessons:
            self.say("Lessons:")
        words = {"done": "done", "started": "started", None: "not started"}
        for n, lesson in enumerate(module.lessons, start=1):
            status = words.get(statuses.get(lesson.id), "not started")
            self.say(wrap(f"{n}. {lesson.title} ({lesson.estimated_minutes} min): {status}", subsequent_indent="   "))
        if module.quiz is not None:
            self.say(wrap(f"Q. {module.quiz.title}: {self.quiz_status(module, scores).removeprefix('quiz ')}", subsequent_indent="   "))
        self.say(f"R. Review ({due} due)")
        count = len(module.lessons)
        commands = []
        if count:
            commands.append((f"1-{count}" if count > 1 else "1", "read that lesson"))
        if module.quiz is not None:
            commands.append(("Q", "take the module quiz (capital Q; small q quits)"))
        commands.append(("R", "review the cards that are due"))
        parts = ["a lesson number"] if count > 1 else ["1 for the lesson"] if count else []
        if module.quiz is not None:
            parts.append("Q for the quiz")
        self.tell(f"Type {', '.join(parts + ['R to review', 'm for the map, or h for help'])}.")
        while True:
            choice = self.ask("Module> ", commands, local=("Q", "R"))
            if choice.isdigit() and 1 <= int(choice) <= count:
                return ("lesson", module.lessons[int(choice) - 1].id)
            if module.quiz is not None and choice in ("Q", "quiz", "Quiz"):
                return ("quiz", module.quiz.id, None)
            if choice == "R":
                return REVIEW
            hint = f"a lesson number from 1 to {count}, " if count > 1 else "1 for the lesson, " if count else ""
            quiz = "Q for the quiz, " if module.quiz is not None else ""
            self.tell(f"Type {hint}{quiz}m for the map, or h for help.")

    # --- lessons ------------------------------------------------------------------------------------

    def lesson(self, lesson_id: str) -> Place:
        found = self.course.lesson(lesson_id)
        if found is None:
            return MAP
        module, lesson = found
        self.write(lambda: self.progress.open_lesson(lesson_id))
        self.write(lambda: self.progress.save_position("lesson", lesson_id))
        self.print_lesson(module, lesson)
        commands = [
            ("d", "mark this lesson done"),
            ("n", "next lesson (or the module quiz)"),
            ("p", "previous lesson"),
            ("g TERM", "show what a glossary term means (g alone lists this lesson's terms)"),
            ("a", "add the last glossary term you looked up to your review cards"),
            ("l", "read this lesson again"),
        ]
        self.tell("Type d to mark it done, n for next, p for previous, g and a term for the glossary, m for the map, or h for help.")
        while True:
            choice = self.ask("Lesson> ", commands)
            word, _, rest = choice.partition(" ")
            word = word.lower()
            if word == "d":
                self.write(lambda: self.progress.complete_lesson(lesson_id))
                self.say("Lesson marked done. Type n for what comes next.")
            elif word == "n":
                target = self.neighbour(lesson_id, +1)
                if target is None:
                    self.say("That was the last lesson of the course.")
                    return MAP
                return target
            elif word == "p":
                target = self.neighbour(lesson_id, -1)
                if target is None:
                    self.say("This is the first lesson; there is no previous one.")
                    continue
                return target
            elif word == "g":
                self.glossary(lesson, rest.strip())
            elif word == "a" and not rest:
                self.add_term_card()
            elif word == "l" and not rest:
                self.print_lesson(module, lesson)
            else:
                self.tell("Type d, n, p, g and a term, l, m, or h for help.")

    def print_lesson(self, module: Module, lesson: Lesson) -> None:
        number = module.lessons.index(lesson) + 1
        done = self.progress.lesson_statuses().get(lesson.id) == "done"
        references = {ref_id: f"reference {n}" for n, ref_id in enumerate(lesson.references, start=1)}
        glossary = {t.id: t.id for t in self.course.glossary}
        self.say("")
        self.say(wrap(f"{module.title}: lesson {number} of {len(module.lessons)}"))
        self.say(underline(lesson.title))
        self.say(f"{lesson.estimated_minutes} min read." + (" You marked it done." if done else ""))
        self.say("")
        self.say(render_markdown(lesson.body, WIDTH, glossary=glossary, references=references))
        if lesson.key_points:
            self.say("")
            self.say(underline("Key points", "-"))
            for point in lesson.key_points:
                self.say(wrap(point, indent="- ", subsequent_indent="  "))
        cited = [(n, self.course.reference(ref_id)) for n, ref_id in enumerate(lesson.references, start=1)]
        cited = [(n, ref) for n, ref in cited if ref is not None]
        if cited:
            self.say("")
            self.say(underline("References", "-"))
            for n, reference in cited:
                self.say(wrap(f"{n}. {reference.citation}", subsequent_indent="   "))
                if reference.url:
                    self.say(f"   {clean(reference.url)}")
        terms = self.lesson_terms(lesson)
        if terms:
            self.say("")
            self.say(wrap("Glossary terms in this lesson: " + ", ".join(t.id for t in terms) + ". Type g and a term to read it."))
        self.say("")
        self.tell(f"End of lesson {number}: {lesson.title}")

    def lesson_terms(self, lesson: Lesson) -> list[Term]:
        terms: list[Term] = []
        for link in internal_links(lesson.body):
            term = self.course.term(link.target) if link.scheme == "glossary" else None
            if term is not None and term not in terms:
                terms.append(term)
        return terms

    def neighbour(self, lesson_id: str, step: int) -> Place | None:
        """The next item (lesson or quiz) or the previous lesson in course order, as in the app."""
        items: list[Place] = []
        for module in self.course.modules:
            items += [("lesson", lesson.id) for lesson in module.lessons]
            if module.quiz is not None:
                items.append(("quiz", module.quiz.id, None))
        index = items.index(("lesson", lesson_id)) + step
        while 0 <= index < len(items):
            if step > 0 or items[index][0] == "lesson":
                return items[index]
            index += step
        return None

    def glossary(self, lesson: Lesson, query: str) -> None:
        if not query:
            terms = self.lesson_terms(lesson)
            if terms:
                self.say(wrap("Terms in this lesson: " + ", ".join(t.id for t in terms) + ". Type g and one of them."))
            else:
                example = self.course.glossary[0].id if self.course.glossary else "term"
                self.tell(f"Type g and a word to look it up in the glossary, for example: g {example}")
            return
        matches = find_terms(self.course.glossary, query)
        if not matches:
            self.say(wrap(f"No glossary term matches {query!r}."))
            return
        if len(matches) > 1:
            self.say(wrap(f"Several terms match {query!r}: " + ", ".join(t.id for t in matches) + ". Type g and one of them."))
            return
        term = matches[0]
        self.last_term = term
        self.say("")
        self.say(underline(term.term, "-"))
        self.say(wrap(term.definition))
        related = [self.course.term(t) for t in term.see_also]
        names = [t.term for t in related if t is not None]
        if names:
            self.say(wrap("See also: " + ", ".join(names) + "."))
        self.say(wrap(f"Type a to add {term.term!r} to your review cards."))

    def add_term_card(self) -> None:
        term = self.last_term
        if term is None:
            self.say("Look a term up first with g and the term, then type a.")
            return
        card_id = card_id_for_term(term.id)
        scheduler, now = self.scheduler(), self.clock()
        existed = self.progress.card(card_id) is not None
        self.write(lambda: ensure_card(self.progress, scheduler, card_id, "term", now))
        self.say(wrap(f"{term.term!r} is already one of your review cards." if existed else f"Added {term.term!r} to your review cards."))

    # --- quizzes ------------------------------------------------------------------------------------

    def quiz(self, quiz_id: str, retry: Sequence[str] | None = None) -> Place:
        module = self.course.module_of_quiz(quiz_id)
        if module is None or module.quiz is None:
            return MAP
        quiz = module.quiz
        limit = quiz.max_attempts
        if limit and self.progress.open_attempt(quiz_id) is None:
            finished = [a for a in self.progress.attempts(quiz_id, kind="full") if a.finished]
            if len(finished) >= limit:
                self.tell(f"This quiz allows {_count(limit, 'attempt')} and you have used them all. Here are your last results.")
                return ("results", quiz_id, finished[-1].id)
        run = self.open_run(quiz, list(retry) if retry else None)
        self.write(lambda: self.progress.save_position("quiz", quiz_id))
        self.say("")
        self.say(underline(quiz.title + (" (retry of missed questions)" if run.kind == "retry" else "")))
        mode = "Exam: your answers are marked when you submit." if run.exam else "Practice: you see feedback after each answer."
        self.say(wrap(f"{_count(len(run.question_ids), 'question')}. Pass mark {quiz.pass_mark:.0%}. {mode}"))
        if run.deadline is not None:
            self.say(f"Time limit: {quiz.time_limit_minutes} minutes. {self.time_left(run)}")
        answered = sum(qid in run.answers for qid in run.question_ids)
        if answered:
            self.tell(f"You have answered {answered} of {len(run.question_ids)}; carrying on from there.")
        try:
            return self.take(run)
        except Go:
            self.tell("Your answers are saved and the quiz stays open: open it again to carry on.")
            raise

    def take(self, run: QuizRun) -> Place:
        """Ask the unanswered questions, then (exam) let the learner review and submit; finish."""
        while True:
            if self.time_is_up(run):
                return self.time_up(run)
            unanswered = [n for n, qid in enumerate(run.question_ids) if qid not in run.answers]
            if unanswered:
                if not self.ask_question(run, unanswered[0]):
                    return self.time_up(run)
                continue
            if not run.exam:
                return self.finish(run)
            index = self.exam_submit_prompt(run)
            if self.time_is_up(run):
                return self.time_up(run)
            if index is None:
                return self.finish(run)
            if not self.ask_question(run, index):
                return self.time_up(run)

    def open_run(self, quiz: Quiz, retry: list[str] | None) -> QuizRun:
        """Resume the open attempt at ``quiz``, or start one (as the app's quiz screen does)."""
        attempt = self.progress.open_attempt(quiz.id)
        if attempt is None:
            seed = self.new_seed()
            kind = "retry" if retry else "full"
            question_ids = list(retry or plan_questions(quiz, seed))
            started_at = self.clock()
            attempt = self.write(lambda: self.progress.start_attempt(quiz.id, seed, question_ids, kind=kind))
            answers: dict[str, AnswerRecord] = {}
        else:
            seed, kind = attempt.seed, attempt.kind
            started_at = datetime.fromisoformat(attempt.started_at)
            known = {q.id for q in quiz.questions}
            question_ids = [qid for qid in attempt.question_ids if qid in known]
            answers = dict(self.progress.answers(attempt.id))
        deadline = None
        if quiz.time_limit_minutes and kind == "full":
            deadline = started_at + timedelta(minutes=quiz.time_limit_minutes)
        return QuizRun(quiz, attempt.id, seed, kind, question_ids, answers, deadline)

    def time_is_up(self, run: QuizRun) -> bool:
        return run.deadline is not None and self.clock() >= run.deadline

    def time_left(self, run: QuizRun) -> str:
        if run.deadline is None:
            return ""
        left = max(timedelta(0), run.deadline - self.clock())
        minutes, seconds = divmod(int(left.total_seconds()), 60)
        return f"Time left: {minutes}:{seconds:02d}."

    def time_up(self, run: QuizRun) -> Place:
        self.say("")
        self.say("Time is up: your answers have been submitted.")
        return self.finish(run)

    def ask_question(self, run: QuizRun, index: int) -> bool:
        """Show question ``index``, read a valid answer, save it; False if time ran out first."""
        question = run.question(run.question_ids[index])
        total = len(run.question_ids)
        answered = sum(qid in run.answers for qid in run.question_ids)
        self.say("")
        header = f"Question {index + 1} of {total} ({answered} answered)."
        if run.deadline is not None:
            header += " " + self.time_left(run)
        self.say(header)
        order = option_order(question, run.seed, run.quiz.shuffle_choices)
        response = self.read_answer(question, order)
        if self.time_is_up(run):
            return False
        result = grade(question, response)
        scheduler, now = self.scheduler(), self.clock()

        run.answers[question.id] = self.write(
            lambda: self.progress.record_answer(run.attempt_id, question.id, response, result.score, result.max_score, result.correct)
        )
        card_id = card_id_for_question(question.id)
        self.write(lambda: rate(self.progress, scheduler, card_id, "question", rating_for(result.correct), now, "quiz"))
        if run.exam:
            self.say("Answer saved.")
            return True
        self.say("")
        for line in feedback_lines(question, response, result.score, result.max_score, result.correct):
            self.say(line)
        last = not [qid for qid in run.question_ids if qid not in run.answers]
        self.pause("Press Enter to see your results. " if last else "Press Enter for the next question. ")
        return True

    def read_answer(self, question: Question, order: list[str]) -> Any:
        """Print the question and its options, then read until the learner types a valid answer."""
        for line in question_lines(question, order):
            self.say(line)
        commands = answer_help(question)
        while True:
            text = self.ask("Answer> ", commands)
            try:
                return parse_response(question, text, order)
            except BadAnswer as problem:
                self.say(str(problem))

    def exam_submit_prompt(self, run: QuizRun) -> int | None:
        """Every question is answered: list the answers; None to submit, or the index to change."""
        total = len(run.question_ids)
        self.say("")
        self.say(f"All {total} questions are answered. Your answers:")
        for n, qid in enumerate(run.question_ids, start=1):
            question = run.question(qid)
            record = run.answers.get(qid)
            self.say(wrap(f"{n}. {question.prompt}", subsequent_indent="   "))
            self.say(wrap("Your answer: " + describe(question, record.response if record else None), indent="   ", subsequent_indent="   "))
        self.tell(f"Type s to submit them for marking, or a question number (1 to {total}) to change that answer.")
        commands = [("s", "submit your answers for marking"), (f"1-{total}" if total > 1 else "1", "change that answer")]
        while True:
            choice = self.ask("Submit> ", commands)
            if choice.lower() in ("s", "submit"):
                return None
            if choice.isdigit() and 1 <= int(choice) <= total:
                return int(choice) - 1
            self.tell(f"Type s to submit, or a question number from 1 to {total}.")

    def finish(self, run: QuizRun) -> Place:
        """Score the attempt, close it in the store, and show the results."""
        result = score_attempt(run.quiz, run.question_ids, run.answers)

        def close() -> None:
            self.progress.finish_attempt(run.attempt_id, result.score, result.max_score, result.passed)
            self.progress.save_position("results", run.quiz.id)

        self.write(close)
        return ("results", run.quiz.id, run.attempt_id)

    def results(self, quiz_id: str, attempt_id: int) -> Place:
        module = self.course.module_of_quiz(quiz_id)
        if module is None or module.quiz is None:
            return MAP
        quiz = module.quiz
        attempt = self.progress.attempt(attempt_id)
        answers = self.progress.answers(attempt_id)
        question_ids = attempt.question_ids if attempt else list(answers)
        result = score_attempt(quiz, question_ids, answers)
        missed = [qid for qid in question_ids if not (answers.get(qid) and answers[qid].correct)]
        retry = attempt is not None and attempt.kind == "retry"
        self.say("")
        self.say(underline("Results: " + quiz.title + (" (retry of missed questions)" if retry else "")))
        verdict = "Passed" if result.passed else "Not passed yet"
        if retry:
            verdict = "Retry done (it does not change your quiz score)"
        self.say(wrap(f"{verdict}: {result.score:g} of {result.max_score:g} points ({result.scaled:.0%}); pass mark {quiz.pass_mark:.0%}."))
        objectives = {o.id: o.text for m in self.course.modules for o in m.objectives}
        if result.by_objective:
            self.say("")
            self.say("By objective:")
            for row in result.by_objective:
                share = row.score / row.max_score if row.max_score else 0.0
                text = objectives.get(row.objective, row.objective)
                self.say(wrap(f"{row.correct} of {row.questions} right ({share:.0%}): {text}", indent="- ", subsequent_indent="  "))
        self.say("")
        self.say("Your answers:")
        by_id = {q.id: q for q in quiz.questions}
        for number, qid in enumerate(question_ids, start=1):
            question = by_id.get(qid)
            if question is None:
                continue
            record = answers.get(qid)
            mark = "Right" if record and record.correct else "Wrong"
            self.say(wrap(f"{number}. {mark}: {question.prompt}", subsequent_indent="   "))
            self.say(wrap("Your answer: " + describe(question, record.response if record else None), indent="   ", subsequent_indent="   "))
            if not (record and record.correct):
                self.say(wrap("Right answer: " + describe_key(question).replace(" → ", ", then "), indent="   ", subsequent_indent="   "))
            self.say(wrap("Why: " + question.explanation, indent="   ", subsequent_indent="   "))
        commands = [("Enter", "back to the course map"), ("a", "start a new attempt at this quiz")]
        prompt = "Type a for a new attempt"
        if missed:
            commands.append(("x", f"practise only the {_count(len(missed), 'question')} you missed (does not count as an attempt)"))
            prompt += f", x to retry the {len(missed)} you missed"
        self.say("")
        self.tell(prompt + ", or press Enter for the map.")
        while True:
            choice = self.ask("Results> ", commands).lower()
            if choice == "":
                return MAP
            if choice == "a":
                return ("quiz", quiz_id, None)
            if choice == "x":
                if missed:
                    return ("quiz", quiz_id, tuple(missed))
                self.say("You got every question right.")
                continue
            self.tell("Type a, " + ("x, " if missed else "") + "or press Enter for the map.")

    # --- spaced review ------------------------------------------------------------------------------

    def review(self) -> Place:
        self.write(lambda: self.progress.save_position("map"))
        queue = [c for c in self.progress.due_cards(self.clock()) if self.card_subject(c) is not None]
        self.say("")
        self.say(underline("Review", "-"))
        if not queue:
            self.tell("Nothing is due now. Cards you answer in quizzes come back here when they are due.")
            return MAP
        self.say(f"{_count(len(queue), 'card')} due now.")
        for number, card in enumerate(queue, start=1):
            subject = self.card_subject(card)
            self.say("")
            self.say(f"Card {number} of {len(queue)}.")
            if isinstance(subject, Term):
                rating = self.review_term(subject)
            else:
                rating = self.review_question(subject, card)
            scheduler, now = self.scheduler(), self.clock()
            due = self.write(lambda: rate(self.progress, scheduler, card.card_id, card.kind, rating, now, "review"))
            self.say(f"Saved. It comes back {_when(due - now)}.")
        self.say("")
        self.say("That is every card due now. Well done.")
        return MAP

    def card_subject(self, card: ReviewCard) -> Question | Term | None:
        """The question or glossary term behind a card, or None if the course no longer has it."""
        try:
            kind, ident = parse_card_id(card.card_id)
        except ValueError:
            return None
        if kind == "question":
            return next((q for m in self.course.modules if m.quiz for q in m.quiz.questions if q.id == ident), None)
        return self.course.term(ident)

    def review_question(self, question: Question, card: ReviewCard) -> Rating:
        response = self.read_answer(question, option_order(question, card.reps + 1, True))
        result = grade(question, response)
        self.say("")
        for line in feedback_lines(question, response, result.score, result.max_score, result.correct):
            self.say(line)
        if not result.correct:
            self.say("This card will come back soon.")
            return rating_for(False)
        self.tell("How did it feel? 1 easy, 2 good, 3 unsure.")
        commands = [("1", "easy"), ("2", "good"), ("3", "unsure")]
        while True:
            choice = self.ask("Feeling> ", commands)
            if choice in FEELINGS:
                return FEELINGS[choice]
            self.tell("Type 1 for easy, 2 for good or 3 for unsure.")

    def review_term(self, term: Term) -> Rating:
        self.say(wrap(f"Glossary: {term.term}"))
        self.ask("Recall the definition, then press Enter to show it. ", [("Enter", "show the definition")])
        self.say(wrap(term.definition))
        self.tell("How well did you know it? 1 again (I did not), 2 unsure, 3 good, 4 easy.")
        commands = [("1", "again: you did not know it"), ("2", "unsure"), ("3", "good"), ("4", "easy")]
        while True:
            choice = self.ask("Rating> ", commands)
            if choice in RECALL:
                return RECALL[choice]
            self.tell("Type a number from 1 to 4: 1 again, 2 unsure, 3 good, 4 easy.")


# --- questions as text, answers from text -----------------------------------------------------------


def find_terms(glossary: Sequence[Term], query: str) -> list[Term]:
    """Glossary terms matching ``query``: an exact id or name, else those that start with it, else
    those that contain it (case ignored)."""
    wanted = " ".join(query.casefold().split())
    exact = [t for t in glossary if wanted in (t.id.casefold(), t.term.casefold())]
    if exact:
        return exact
    starting = [t for t in glossary if t.id.casefold().startswith(wanted) or t.term.casefold().startswith(wanted)]
    if starting:
        return starting
    return [t for t in glossary if wanted in t.id.casefold() or wanted in t.term.casefold()]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _when(delta: timedelta) -> str:
    """A wait in words: "in 10 minutes", "in 3 hours", "in 4 days"."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "in under a minute"
    if seconds < 3600:
        return "in " + _count(round(seconds / 60), "minute")
    if seconds < 86400:
        return "in " + _count(round(seconds / 3600), "hour")
    return "in " + _count(round(seconds / 86400), "day")
