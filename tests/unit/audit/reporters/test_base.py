"""What every reporter shares: when colour is used, and the one-line message of a finding."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from evidence_guides.audit.reporters.base import Reporter, full_message, use_color
from tests.unit.audit.reporters.support import CLAIM, VAGUE, report


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "expected"),
    [
        (FakeTerminal(), {}, True),
        (FakeTerminal(), {"NO_COLOR": "1"}, False),
        (FakeTerminal(), {"NO_COLOR": ""}, True),  # empty counts as unset (no-color.org)
        (io.StringIO(), {}, False),  # a pipe or a file
    ],
)
def test_use_color(stream: io.StringIO, environ: dict[str, str], expected: bool) -> None:
    assert use_color(stream, environ) is expected


def test_the_full_message_carries_the_suggestion_and_the_draft_mark() -> None:
    assert full_message(CLAIM, report(CLAIM)) == "'Studies show' without a citation"
    assert full_message(VAGUE, report(VAGUE)) == (
        "author-year reference '(Smith, 2019)' without an identifier — cite it as [@smith2019]"
    )
    drafted = report(CLAIM, drafts=frozenset({CLAIM.path}))
    assert full_message(CLAIM, drafted) == "'Studies show' without a citation (draft)"


def test_a_finding_in_an_included_draft_has_no_draft_mark() -> None:
    included = report(CLAIM, included_drafts=frozenset({CLAIM.path}))
    assert full_message(CLAIM, included) == CLAIM.message


def test_the_base_reporter_renders_nothing_itself(tmp_path: Path) -> None:
    reporter = Reporter(color=True)
    assert reporter.color is True
    with pytest.raises(NotImplementedError):
        reporter.render(report(), tmp_path)


def test_colour_is_off_unless_asked_for() -> None:
    assert Reporter().color is False
