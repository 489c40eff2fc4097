"""Sources named as list items: show notes' "- A & B 2021 - title", "ACSM position stand (2011)"."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, findings, vague


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        ("- Muller & Baz-Valle 2014 \u2013 low loads, explained", "Muller"),
        ("* Muller & Baz-Valle, 2014 \u2014 low loads", "Muller"),
        ("3. Lee and Smith 2004 - grip width", "Lee"),  # a first author the store knows
        ("- Kowalski et al., 2018 \u2013 sprint speed", "Kowalski"),
        ("Sources:\n\n- Osei & Falk 2021 \u2013 rowing posture", "Osei"),
        # the item before ends its line: the next item's "-" is its marker, not a label's dash
        ("- Rowing posture.\n- Osei & Falk, 2021 \u2013 posture", "Osei"),
    ],
)
def test_a_list_item_led_by_authors_and_a_year_is_vague(text: str, starts_at: str) -> None:
    assert vague(text).column == column_of(text, starts_at)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("- NSCA position statement (2016) \u2013 on youth lifting", "nsca2016"),
        ("Our pick: the ASNB's guidelines (2022).", "asnb2022"),
    ],
)
def test_a_body_s_acronym_and_work_with_a_year_is_vague_with_its_entry(text: str, key: str) -> None:
    finding = vague(text)
    assert finding.suggestion is not None and finding.suggestion.key == key


@pytest.mark.parametrize(
    "text",
    [
        "- Iron Grip Kettlebell 2022 \u2013 our pick",  # a product list
        "- Bergen Open 2019 \u2013 second place",  # an event list
        "- Ingrid Dahl, 1988 \u2013 head coach",  # a person and her birth year
        "By Hansen & Berg, 2023 \u2013 6 min read",  # a byline
        "- Hansen and Berg 2016 champions",  # no dash, no clause's end
        "Hansen & Berg 2016 \u2013 our founders",  # not a list item, no comma
        "- NBA Finals (2019) \u2013 watched live",  # an acronym and an event
        "The XR-7 model (2024) ships in June.",  # a product's model year
    ],
)
def test_list_items_of_things_people_and_events_are_not_citations(text: str) -> None:
    assert findings(text) == []
