"""Author-date citations: found from their date, their extent worked out leftwards.

A citation that names no identifier is recognised by its date, the one part
every author-date form shares: "(Smith, 2019)", "(Smith et al., 2019, p. 12;
de Vries, 2015)", "Smith and colleagues (2019)", "Effects of a stretching
(n.d.)", "In 2018, Park and colleagues". What stands before the date is
worked out from the date leftwards:

1. the longest run of words that the store knows: a title's start, an
   organisation (or its start), a short name;
2. else a run of names: capitalised words, particles ("van den"),
   connectors ("and", "&", ",", "of"), "et al." or "and colleagues";
3. for "(n.d.)", which in prose is always a citation, else the fragment
   from the nearest capitalised word.

A year after anything else ("the early 1990s", "Barcelona Olympics (1992)",
"updated (2018)") is not a citation. Each of these is a walk over tokens
bounded by a window, so text of any length is read in linear time.

The modules, each one job: :mod:`.finder` runs the readers of each form over
a segment (:mod:`.parentheses` and its :mod:`.lead_ins`, :mod:`.et_al`,
:mod:`.year_first`, :mod:`.set_off`, :mod:`.bare_dates`, the typed entries
of :mod:`.reference_entries` and :mod:`.publisher_entries`...), which
share a :mod:`.scan` of it; :mod:`.extent` works out what stands before a
date, from the runs of :mod:`.names` over the :mod:`.tokens` of a window and
the words of :mod:`.vocabulary`; :mod:`.sources` says which identifiers are
written with a citation or in its sentence, for the rules that tie it.
"""
