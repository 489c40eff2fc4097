"""What a PMID is: each way one is written wrong, the number meant, and the hint."""

from __future__ import annotations

import pytest

from evidence_guides.audit.malformed.pmids import ANY_PMID_RE, read_pmid


@pytest.mark.parametrize(
    ("written", "pmid", "message", "hint"),
    [
        ("21694556", "21694556", None, None),
        ("", "", "'PMID' without a number", "write [PMID n] with the number from PubMed"),
        ("2169O556", "21690556", "'2169O556' is not a PMID: it has letters for digits", None),
        ("00l2", "12", "'00l2' is not a PMID: it has letters for digits", None),
        ("0021694556", "21694556", "PMID '0021694556' has leading zeros", None),
        ("2169a556", "2169a556", "'2169a556' is not a PMID", "a PMID is digits only: copy"),
        ("١٢٣", "١٢٣", "'١٢٣' is not a PMID", "a PMID is digits only: copy"),  # not ASCII
        ("000", "000", "'000' is not a PMID", "copy the PMID from PubMed"),
        ("1234567890", "1234567890", "'1234567890' is too long for a PMID", "a PMID has at most 9"),
        ("0123456789", "123456789", "PMID '0123456789' has leading zeros", None),
    ],
)
def test_read_pmid(written: str, pmid: str, message: str | None, hint: str | None) -> None:
    number, problem = read_pmid(written)
    assert number == pmid
    if message is None:
        assert problem is None
        return
    assert problem is not None and problem.message == message
    if hint is None:
        assert problem.hint is None
    else:
        assert problem.hint is not None and problem.hint.startswith(hint)


def test_pmid_is_found_in_any_case() -> None:
    assert [m.start() for m in ANY_PMID_RE.finditer("PMID pmid Pmid x")] == [0, 5, 10]
