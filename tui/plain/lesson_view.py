"""A lesson as text: body, key points, references, glossary look-ups; mark done, next, previous."""

from __future__ import annotations

from course.domain.models import Module, Term
from lessons.model import Lesson
from tui.plain.console import MAP, Place
from tui.plain.context import Plain
from tui.plain.map_view import place_of
from tui.plain.text import WIDTH, clean, render_inline, render_markdown, underline, wrap

COMMANDS = [
    ("d or done", "mark this lesson done"),
    ("n or next", "next lesson (or the module quiz)"),
    ("p or previous", "previous lesson"),
    ("g TERM or glossary TERM", "show what a glossary term means (g alone lists this lesson's terms)"),
    ("a or add", "add the last glossary term you looked up to your review cards"),
    ("l or lesson", "read this lesson again"),
]
OFFER = "d done, n next, p previous, g TERM glossary, a add card, l lesson again"
WORDS = {
    "d": "done",
    "done": "done",
    "n": "next",
    "next": "next",
    "p": "previous",
    "prev": "previous",
    "previous": "previous",
    "g": "glossary",
    "glossary": "glossary",
    "a": "add",
    "add": "add",
    "l": "lesson",
    "lesson": "lesson",
}


class LessonView:
    """Reads one lesson and its commands."""

    def __init__(self, plain: Plain) -> None:
        self.plain = plain
        self.console = plain.console
        self.study = plain.study
        self.last_term: Term | None = None

    def lesson(self, lesson_id: str) -> Place:
        found = self.plain.course.lesson(lesson_id)
        if found is None:
            return MAP
        module, lesson = found
        progress = self.study.progress
        self.console.write(lambda: progress.open_lesson(lesson_id))
        with self.plain.timed("lesson", lesson_id):
            self.print_lesson(module, lesson)
            return self._commands(module, lesson)

    def _commands(self, module: Module, lesson: Lesson) -> Place:
        console, progress = self.console, self.study.progress
        while True:
            choice = console.ask("Lesson", COMMANDS, OFFER)
            first, _, rest = choice.partition(" ")
            word = WORDS.get(first.lower(), "")
            if word == "done":
                console.write(lambda: progress.complete_lesson(lesson.id))
                console.say("Lesson marked done. Type n for what comes next.")
            elif word == "next":
                target = progress.neighbour(lesson.id, +1)
                if target is None:
                    console.say("That was the last lesson of the course.")
                    return MAP
                return place_of(target)
            elif word == "previous":
                target = progress.neighbour(lesson.id, -1)
                if target is None:
                    console.say("This is the first lesson; there is no previous one.")
                    continue
                return place_of(target)
            elif word == "glossary":
                self.glossary(lesson, rest.strip())
            elif word == "add" and not rest:
                self.add_term_card()
            elif word == "lesson" and not rest:
                self.print_lesson(module, lesson)
            else:
                console.tell("Type d, n, p, g and a term, l, m, or h for help.")

    def print_lesson(self, module: Module, lesson: Lesson) -> None:
        console, course = self.console, self.plain.course
        number = module.lessons.index(lesson) + 1
        done = self.study.progress.lesson_done(lesson.id)
        references = {ref_id: f"reference {n}" for n, ref_id in enumerate(lesson.references, start=1)}
        glossary = {t.id: t.term for t in course.glossary}
        console.say("")
        console.say(wrap(f"{module.title}: lesson {number} of {len(module.lessons)}"))
        console.say(underline(lesson.title))
        console.say(f"{lesson.estimated_minutes} min read." + (" You marked it done." if done else ""))
        console.say("")
        console.say(render_markdown(lesson.body, WIDTH, glossary=glossary, references=references))
        if lesson.key_points:
            console.say("")
            console.say(underline("Key points", "-"))
            for point in lesson.key_points:
                console.say(wrap(render_inline(point), indent="- ", subsequent_indent="  "))
        cited = [(n, course.reference(ref_id)) for n, ref_id in enumerate(lesson.references, start=1)]
        shown = [(n, ref) for n, ref in cited if ref is not None]
        if shown:
            console.say("")
            console.say(underline("References", "-"))
            for n, reference in shown:
                console.say(wrap(f"{n}. {reference.citation}", subsequent_indent="   "))
                if reference.url:
                    console.say(f"   {clean(reference.url)}")
        terms = course.lesson_terms(lesson)
        if terms:
            console.say("")
            console.say(
                wrap("Glossary terms in this lesson: " + ", ".join(t.term for t in terms) + ". Type g and a term to read it.")
            )
        console.say("")
        console.tell(f"End of lesson {number}: {lesson.title}")

    def glossary(self, lesson: Lesson, query: str) -> None:
        console, course = self.console, self.plain.course
        if not query:
            terms = course.lesson_terms(lesson)
            if terms:
                console.say("")
                console.say(wrap("Terms in this lesson: " + ", ".join(t.term for t in terms) + ". Type g and one of them."))
            else:
                example = course.glossary[0].term if course.glossary else "term"
                console.tell(f"Type g and a word to look it up in the glossary, for example: g {example}")
            return
        matches = course.find_terms(query)
        if not matches:
            console.say(wrap(f"No glossary term matches {query!r}."))
            return
        if len(matches) > 1:
            console.say(
                wrap(f"Several terms match {query!r}: " + ", ".join(t.term for t in matches) + ". Type g and one of them.")
            )
            return
        term = self.last_term = matches[0]
        console.say("")
        console.say(underline(term.term, "-"))
        console.say(wrap(term.definition))
        see_also = course.see_also_line(term)
        if see_also:
            console.say(wrap(see_also))
        console.say(wrap(f"Type a to add {term.term!r} to your review cards."))

    def add_term_card(self) -> None:
        term = self.last_term
        if term is None:
            self.console.say("Look a term up first with g and the term, then type a.")
            return
        reviews = self.study.reviews
        added = self.console.write(lambda: reviews.add_term(term.id))
        self.console.say(
            wrap(f"Added {term.term!r} to your review cards." if added else f"{term.term!r} is already one of your review cards.")
        )
