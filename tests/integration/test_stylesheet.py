"""The theme's stylesheet, as a browser parses it: every block closed where it should be.

An unclosed ``@media print {`` swallows every rule after it, which then applies
on paper only; nothing fails, the screen just loses them (it happened).
"""

from __future__ import annotations

import re

from tests.support.site import REPO

STYLESHEET = REPO / "theme" / "assets" / "stylesheets" / "guides.css"


def _without_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def test_every_block_is_closed_and_at_rules_hold_only_their_own_rules() -> None:
    css = _without_comments(STYLESHEET.read_text(encoding="utf-8"))
    depth = 0
    for line_number, line in enumerate(css.splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"guides.css:{line_number}: a '}}' closes nothing"
    assert depth == 0, "guides.css: a block is never closed"


def test_the_rules_for_the_screen_are_outside_the_print_blocks() -> None:
    css = _without_comments(STYLESHEET.read_text(encoding="utf-8"))
    starts = [match.start() for match in re.finditer(r"@media print", css)]
    assert starts, "guides.css has print rules"
    for start in starts:
        depth, end = 0, start
        for end in range(css.index("{", start), len(css)):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            if depth == 0:
                break
        printed = css[start:end]
        assert ".md-typeset h2" not in printed and "guide-search" not in printed
