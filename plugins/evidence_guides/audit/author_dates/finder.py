"""Every author-date citation of a prose segment: each form's reader, in a fixed order.

This is what the rules ask for, once per segment. The readers record into
one set in which the first reading of a start wins, so their order is part
of the result: a parenthetical group is read as one before its "et al." is
read as a bare one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.bare_dates import read_bare_author_years
from evidence_guides.audit.author_dates.et_al import read_bare_et_al, read_before_keys
from evidence_guides.audit.author_dates.parentheses import read_brackets, read_parentheses
from evidence_guides.audit.author_dates.publisher_entries import (
    read_apa_bodies,
    read_publisher_entries,
)
from evidence_guides.audit.author_dates.reference_entries import read_surname_first, read_vancouver
from evidence_guides.audit.author_dates.scan import Found, Scan
from evidence_guides.audit.author_dates.set_off import read_set_off_years
from evidence_guides.audit.author_dates.tokens import Paragraphs
from evidence_guides.audit.author_dates.works import (
    read_acronym_work,
    read_group_in_year,
    read_possessive_work,
    read_work_by_in_year,
    read_year_name_work,
)
from evidence_guides.audit.author_dates.year_first import read_study_by, read_year_first

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.model import AuthorDate
    from evidence_guides.audit.context import NameIndex
    from evidence_guides.audit.prose import Prose

_READERS: tuple[Callable[[Scan], None], ...] = (
    read_parentheses,
    read_brackets,  # "[Chen et al., 2022]": a group in the wrong brackets
    # before "et al. 2011" is read bare: "Lee AB, Park C, et al. 2011 Compendium ...
    # J Abc. 2011;43:1-9. PMID: 123" is one entry, with the PMID at its end
    read_vancouver,  # "Schoenfeld BJ, Ogborn D. Title. J Sports Sci. 2017;35(11):1073-82."
    read_bare_et_al,  # "Lindgren et al., 2019" in a table cell: no parentheses
    read_before_keys,  # "Garber et al. [@garber2011]": no date
    read_bare_author_years,  # "Further reading: Smith & Jones, 2019."
    read_set_off_years,  # "As Smith and Jones, 2019, point out"
    read_study_by,  # "A 2015 study by Park and colleagues"
    read_year_first,  # "In 2018, Park and colleagues"
    read_possessive_work,  # "Schoenfeld's 2015 study", "Morton et al.'s 2018 review"
    read_work_by_in_year,  # "a study by Morton et al. in 2018"
    read_year_name_work,  # "The 2017 Schoenfeld meta-analysis"
    read_group_in_year,  # "Garber et al. in 2011"
    read_acronym_work,  # "ACSM position stand (2011)"
    read_surname_first,  # 'Smith, John, et al. "Title." Journal, vol. 12, 2019, pp. 45-50.'
    read_apa_bodies,  # "U.S. Department of Health. (2018). Title."
    read_publisher_entries,  # "WHO. Title. Geneva: World Health Organization; 2020."
)


def author_dates(prose: Prose, index: NameIndex) -> list[AuthorDate]:
    """Every author-date citation in ``prose``, in order of where it starts."""
    masked = prose.masked
    found = Found(prose)
    scan = Scan(prose, masked, index, Paragraphs(masked), found)
    for read in _READERS:
        read(scan)
    return found.in_order()
