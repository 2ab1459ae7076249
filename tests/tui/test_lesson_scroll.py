"""The lesson's scroll area restyles only itself when it takes focus, unless a rule styles its blocks
by its focus (issue #16: a 5,000-word lesson restyled every block on opening)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widgets import Static

from tui.textual_app.widgets.lesson_scroll import LessonScroll, focus_styles_descendants


class Reading(App[None]):
    AUTO_FOCUS = None  # nothing focused until the test focuses the scroll area

    def __init__(self, css: str = "") -> None:
        self.extra_css = css
        super().__init__()
        self.restyled: list[int] = []

    def compose(self) -> ComposeResult:
        with LessonScroll(id="scroll"):
            yield Static("one", id="one")
            yield Static("two")
        yield Static("outside", id="outside")

    def on_mount(self) -> None:
        if self.extra_css:
            self.stylesheet.add_source(self.extra_css, read_from=("test", "extra"))
            self.stylesheet.reparse()
            self.stylesheet.update(self)
        original = self.stylesheet.update_nodes

        def counted(nodes: object, animate: bool = False) -> None:
            listed = list(nodes)  # type: ignore[call-overload]
            self.restyled.append(len(listed))
            original(listed, animate=animate)

        self.stylesheet.update_nodes = counted  # type: ignore[method-assign]


async def focus_scroll(app: Reading) -> None:
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        app.restyled.clear()
        app.query_one("#scroll").focus()
        await pilot.pause()
        assert app.screen.focused is app.query_one("#scroll")


async def test_focus_restyles_the_scroll_area_alone() -> None:
    app = Reading()
    await focus_scroll(app)
    assert app.restyled and max(app.restyled) == 1


async def test_a_rule_on_its_blocks_by_its_focus_restyles_them() -> None:
    app = Reading("LessonScroll:focus > Static { color: red; }")
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        before = app.query_one("#one").styles.color
        app.query_one("#scroll").focus()
        await pilot.pause()
        assert before.rgb != (255, 0, 0) and app.query_one("#one").styles.color.rgb == (255, 0, 0)
        app.screen.set_focus(None)
        await pilot.pause()
        assert app.query_one("#one").styles.color == before


def rules(css: str) -> Stylesheet:
    sheet = Stylesheet()
    sheet.add_source(css, read_from=("test", "rules"))
    sheet.parse()
    return sheet


def test_which_rules_style_descendants_by_focus() -> None:
    scroll: DOMNode = LessonScroll(id="lesson-scroll", classes="wide")
    assert not focus_styles_descendants(rules("LessonScroll:focus { background: red; }"), scroll)
    assert not focus_styles_descendants(rules("Tree:focus > .cursor { color: red; }"), scroll)
    assert not focus_styles_descendants(rules("#other:focus Static { color: red; }"), scroll)
    assert not focus_styles_descendants(rules("LessonScroll.narrow:focus Static { color: red; }"), scroll)
    assert focus_styles_descendants(rules("LessonScroll:focus Static { color: red; }"), scroll)
    assert focus_styles_descendants(rules("VerticalScroll:focus-within > Static { color: red; }"), scroll)
    assert focus_styles_descendants(rules("#lesson-scroll.wide:blur Static { color: red; }"), scroll)
    assert focus_styles_descendants(rules("*:focus Static { color: red; }"), scroll)
