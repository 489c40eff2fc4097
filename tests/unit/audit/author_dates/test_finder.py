"""The whole search: what is no citation, the order of what is, and linear time on hostile text."""

from __future__ import annotations

import time

import pytest

from evidence_guides.audit.engine import PageInput, audit_page
from tests.unit.audit.author_dates.support import SETTINGS, STORE, dates, findings

# --- traps: none of these is a citation --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Twelve lifters took part (n = 12).",
        "Strength rose (95% CI 1.2-3.4, p < 0.05).",
        "Do three sets (3 x 10) of squats.",
        "Rest between sets (2-3 min).",
        "Add small plates (1.25 kg) each week.",
        "Start at 10:30 (1030 hours).",
        "The college (ACSM) publishes guidance.",
        "Muscle activity was measured (EMG).",
        "The 2018 guidelines say so.",
        "Methods changed (in the early 1990s).",
        "Methods changed in the 1990s (and again later).",
        "He lifted at the Barcelona Olympics (1992).",
        "The guidelines were updated (2018) for adults.",
        "The study began in March (2019).",
        "Cases rose during COVID-19 (2020).",
        "Seasons differ (2018-2019).",
        "The label n.d. (not detected) means no result.",
        "Write to jones2019@example.org (2019) for data.",
        "Follow @jones2019 for more.",
        "Inline `Jones (2019)` code.",
        "```\nJones (2019) in a fence\n```\n",
        "<!-- Jones (2019) in a comment -->",
        "A [link](https://example.org/Jones (2019)) target.",
        "Jones et al. found it without a date.",
        "A cohort of 2019 adults (2019 adults in all).",
        "Rest longer (about 30-45 degrees).",
        "Version two (Version 2, 2019) shipped.",
        "Machines such as the RowPro (2018 model) are handy.",
        "The Smith machine (2019 edition) is sturdier.",
        "See the table [2019 data](table.md) for numbers.",  # a link's text
        "Footnoted claim[^2019].",
        "In 2018, Park won the national title.",  # a store surname, but no author list
    ],
)
def test_traps_are_not_citations(text: str) -> None:
    assert findings(text) == []


# --- linear on hostile text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Word " * 10_000 + "(2019)",
        "Word  " * 10_000 + "(2019 x)",
        "(" * 10_000,
        "(2019 " * 30_000 + ")",
        "Smith et al. " * 10_000,
        "(Smith and Jones, " * 5_000 + "2019)",
        "In 2018, Smith and " * 5_000 + "colleagues",
        "Smith, " * 10_000 + "(2019)",
        "[" * 10_000 + "(n.d.)",
        "effects of a stretching " * 2_000 + "(n.d.)",
        "many " * 10_000 + "studies show it.",
        "Smith (2019). " * 2_000,
    ],
    ids=lambda text: f"{text[:12]!r}x{len(text)}",
)
def test_hostile_text_is_read_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    page = PageInput("p.md", text, text, 0, is_guide=False)
    audit_page(page, STORE, SETTINGS)
    assert time.perf_counter() - started < 2.0  # about 0.1 s here; a backtracking scan never ends


def test_citations_come_in_order_of_where_they_start_whichever_form_found_them() -> None:
    text = "In 2018, Park and colleagues counted; Jones et al., 2019 agreed (Smith, 2011)."
    assert [date.names for date in dates(text)] == ["Park", "Jones", "Smith"]


def test_a_segment_without_a_date_has_no_citation() -> None:
    assert dates("Smith and Jones et al. said so (see above).") == []
