"""The README documents what the code does: every audit rule, every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.registry import RULES

README = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_is_documented_with_its_default_summary_and_anchor(rule: str) -> None:
    """SARIF's helpUri links to the anchor: it must be on the rule's row, and only there."""
    info = RULES[rule]
    assert f'| <a id="{info.anchor}"></a>`{rule}` | {info.severity} | {info.summary} |' in README
    assert README.count(f'id="{info.anchor}"') == 1


@pytest.mark.parametrize(
    "command", ["make site", "make test", "make serve", "guides new", "guides audit",
                "guides refs add", "guides refs verify", "guides refs check", "guides schema",
                "guides report", "guides refs verify --write"],
)  # fmt: skip
def test_every_command_is_documented(command: str) -> None:
    assert command in README


def test_readme_opens_with_the_two_set_up_commands() -> None:
    set_up = README.index("## Set-up")
    assert (
        README.index("make site", set_up)
        < README.index("make test", set_up)
        < README.index("## Layout")
    )
