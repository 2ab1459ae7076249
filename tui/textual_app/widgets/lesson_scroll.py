"""The lesson's scroll area: taking or losing focus restyles it alone, not every block of the lesson."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.css.model import CombinatorType, Selector, SelectorType
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

FOCUS_STATES = frozenset({"focus", "blur", "focus-within"})


def _compounds(selectors: Sequence[Selector]) -> list[list[Selector]]:
    """``A:focus.b > C`` as [[A:focus, .b], [C]]: selectors joined with no combinator belong together."""
    compounds: list[list[Selector]] = []
    for selector in selectors:
        if compounds and selector.combinator == CombinatorType.SAME:
            compounds[-1].append(selector)
        else:
            compounds.append([selector])
    return compounds


def _may_match(compound: list[Selector], node: DOMNode) -> bool:
    """Whether ``compound`` may select ``node`` (pseudo-classes aside); errs towards yes."""
    type_names = {cls.__name__ for cls in type(node).__mro__}
    for selector in compound:
        if selector.type == SelectorType.TYPE and selector.name not in type_names:
            return False
        if selector.type == SelectorType.ID and selector.name != node.id:
            return False
        if selector.type == SelectorType.CLASS and selector.name not in node.classes:
            return False
    return True


def focus_styles_descendants(stylesheet: Stylesheet, node: DOMNode) -> bool:
    """Whether a rule may style a descendant of ``node`` by ``node``'s focus (``A:focus B``, ``A:focus > B``)."""
    for rule in stylesheet.rules:
        for selector_set in rule.selector_set:
            ancestors = _compounds(selector_set.selectors)[:-1]
            for compound in ancestors:
                if any(s.pseudo_classes & FOCUS_STATES for s in compound) and _may_match(compound, node):
                    return True
    return False


class LessonScroll(VerticalScroll):
    """A ``VerticalScroll`` whose focus changes restyle only itself.

    Textual restyles a widget and all its descendants when it gains or loses focus, in case a rule
    styles them by it; a 5,000-word lesson has a few hundred blocks, ~35 ms a time. When no rule may
    (checked each time against the stylesheet, not assumed), the scroll area alone is restyled.
    """

    def watch_has_focus(self, _has_focus: bool) -> None:
        stylesheet = self.app.stylesheet
        if focus_styles_descendants(stylesheet, self):
            super().watch_has_focus(_has_focus)
        else:
            stylesheet.update_nodes([self], animate=True)
