"""The call to action's option: three plain-text fields and a safe link, or nothing."""

from __future__ import annotations

import pytest

from evidence_guides.guide.call_to_action import (
    CallToAction,
    CallToActionError,
    read_call_to_action,
)

GOOD = {"text": "Track your  training.", "link": "https://app.example/", "label": "Get the app"}


def test_a_call_to_action_is_read() -> None:
    assert read_call_to_action(GOOD) == CallToAction(
        "Track your training.", "https://app.example/", "Get the app"
    )
    assert read_call_to_action({**GOOD, "link": "../app/"}).link == "../app/"


@pytest.mark.parametrize("value", [None, {}])
def test_none_configured_is_none(value: object) -> None:
    assert read_call_to_action(value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Get the app", "must be a mapping of text, link and label"),
        ({**GOOD, "colour": "red"}, "unknown key 'colour' (expected text, link and label)"),
        ({"text": "T", "link": "https://a/"}, "label must be a non-empty string"),
        ({**GOOD, "text": 3}, "text must be a non-empty string"),
        ({**GOOD, "label": "<b>Go</b>"}, "label is plain text: '<' and '>' are not allowed"),
        ({**GOOD, "link": "javascript:alert(1)"}, "link 'javascript:alert(1)' must be an http"),
        ({**GOOD, "link": "mailto:a@b.c"}, "link 'mailto:a@b.c' must be an http"),
        ({**GOOD, "link": 'https://a/"onclick'}, "must be an http or https address, or a path"),
        ({**GOOD, "link": "//shop.example/"}, "link '//shop.example/' names another site"),
        ({**GOOD, "link": "\\\\shop.example/"}, "names another site: write it with https:"),
    ],
)
def test_anything_else_is_refused(value: object, message: str) -> None:
    with pytest.raises(CallToActionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_call_to_action(value)
