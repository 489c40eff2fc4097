"""The store after an edit, reading only the entries it touched: the same as a full parse."""

from __future__ import annotations

import random

import pytest

from evidence_guides.store.entry import BibStore
from evidence_guides.store.incremental import MAX_LAYERS, EditedEntries, reparse
from evidence_guides.store.parse import parse_bib

PATH = "references/refs.bib"


def entry(index: int, title: str = "", pmid: int | None = None) -> str:
    pmid = 90_000_000 + index if pmid is None else pmid
    return (
        f"@article{{key{index},\n"
        f"  author  = {{Synthetic, Ann and Other, Bo}},\n"
        f"  title   = {{{title or f'Synthetic trial {index}'}}},\n"
        f"  journal = {{Synthetic Journal}},\n"
        f"  year    = {{{1990 + index % 30}}},\n"
        f"  doi     = {{10.5555/synthetic.{index}}},\n"
        f"  pmid    = {{{pmid}}},\n"
        "}\n"
    )


def store_text(count: int) -> str:
    return "% synthetic\n\n" + "\n".join(entry(n) for n in range(count))


def shape(store: BibStore) -> dict[str, tuple[object, ...]]:
    """Everything a full parse says of each entry, its lines included."""
    return {
        key: (
            e.entry_type,
            dict(e.fields),
            e.line,
            dict(e.field_lines),
            e.pmid,
            e.doi,
        )
        for key, e in store.entries.items()
    }


def same_as_a_full_parse(old_text: str, new_text: str) -> set[str] | None:
    old = parse_bib(old_text, PATH)
    result = reparse(old_text, new_text, old)
    if result is None:
        return None
    store, changed = result
    full = parse_bib(new_text, PATH)
    assert shape(store) == shape(full)
    assert store.findings == full.findings == ()
    assert sorted(store.lines()) == sorted((k, e.line) for k, e in full.entries.items())
    assert sorted(store.entries) == sorted(full.entries)
    for key, e in full.entries.items():
        assert store.by_pmid(e.pmid).key == key and store.by_doi(e.doi).key == key
    return changed


def test_a_changed_title_is_the_one_entry_read_again() -> None:
    text = store_text(50)
    edited = text.replace("Synthetic trial 20}", "A new title for trial 20}")
    assert same_as_a_full_parse(text, edited) == {"key20", "90000020"}


def test_lines_added_to_an_entry_move_the_entries_after_it() -> None:
    text = store_text(30)
    edited = text.replace(
        "  pmid    = {90000005},\n", "  pmid    = {90000005},\n  note = {a\nb},\n"
    )
    assert same_as_a_full_parse(text, edited) == {"key5", "90000005"}


def test_an_entry_added_or_removed_is_changed() -> None:
    text = store_text(20)
    assert same_as_a_full_parse(text, text + "\n" + entry(99)) == {"key99", "90000099"}
    removed = text.replace(entry(7) + "\n", "")
    assert same_as_a_full_parse(text, removed) == {"key7", "90000007"}
    assert same_as_a_full_parse(text, entry(98) + "\n" + text) is not None


def test_an_edit_a_full_parse_would_report_is_left_to_it() -> None:
    text = store_text(20)
    duplicate_pmid = text.replace("{90000004}", "{90000003}")
    assert reparse(text, duplicate_pmid, parse_bib(text, PATH)) is None
    duplicate_key = text.replace("@article{key4,", "@article{KEY3,")
    assert reparse(text, duplicate_key, parse_bib(text, PATH)) is None
    broken = text.replace("  title   = {Synthetic trial 4},", "  title   = {Synthetic trial 4,")
    assert reparse(text, broken, parse_bib(text, PATH)) is None
    macro = text + "\n@string{jn = {Journal}}\n"
    assert reparse(text, macro, parse_bib(text, PATH)) is None


def test_a_store_with_findings_is_parsed_whole() -> None:
    text = store_text(5) + "\n@article{broken,\n"
    old = parse_bib(text, PATH)
    assert old.findings
    assert reparse(text, text.replace("trial 2}", "trial two}"), old) is None


def test_edits_laid_on_edits_are_flattened_by_a_full_parse() -> None:
    text = store_text(10)
    store = parse_bib(text, PATH)
    for layer in range(MAX_LAYERS):
        new_text = text.replace("trial 3}", f"trial 3, revision {layer}}}")
        result = reparse(text, new_text, store)
        assert result is not None
        store, text = result[0], new_text
        assert isinstance(store.entries, EditedEntries)
    assert reparse(text, text.replace("trial 4}", "trial four}"), store) is None


@pytest.mark.parametrize("seed", range(40))
def test_random_edits_give_what_a_full_parse_gives(seed: int) -> None:
    rng = random.Random(seed)
    text = store_text(40)
    store = parse_bib(text, PATH)
    for _ in range(4):
        new_text = random_edit(text, rng)
        result = reparse(text, new_text, store)
        full = parse_bib(new_text, PATH)
        if result is None:
            store = full
        else:
            assert shape(result[0]) == shape(full)
            assert not full.findings
            store = result[0]
        text = new_text


def random_edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    kind = rng.randrange(5)
    index = rng.randrange(1000, 2000)
    if kind == 0:  # a title changed
        at = rng.choice([n for n, line in enumerate(lines) if "title" in line])
        lines[at] = f"  title   = {{Edited title {index}}},"
    elif kind == 1:  # an entry added between two
        at = rng.choice([n for n, line in enumerate(lines) if line.startswith("@")])
        lines[at:at] = entry(index).split("\n")
    elif kind == 2:  # a line added to an entry
        at = rng.choice([n for n, line in enumerate(lines) if "journal" in line])
        lines.insert(at, f"  note    = {{Note {index}}},")
    elif kind == 3:  # blank lines between entries
        at = rng.choice([n for n, line in enumerate(lines) if line.startswith("@")])
        lines[at:at] = ["", ""]
    else:  # an entry removed
        starts = [n for n, line in enumerate(lines) if line.startswith("@")]
        at = rng.choice(starts)
        end = next(n for n in range(at, len(lines)) if lines[n] == "}")
        del lines[at : end + 1]
    return "\n".join(lines)
