"""malformed-citation: text that looks like a citation but does not parse.

A citation that does not parse is not rendered: the reader sees "[@garber2011
p. 1340]" as it was typed, the FAQ's structured data carries it, and nothing
else in the audit would notice, since no source was cited. This rule reads the
masked prose (code, comments and link targets already blanked) for the shapes
a hurried editor produces, and names each at the column where it starts, with
the corrected form where one can be worked out:

- a group that does not parse: a locator without its comma (``[@key p. 3]``),
  sources separated by "," or a space (``[@a, @b]``), pandoc's prefixes
  (``[see @key]``) and ``-@key``, an empty ``[@]`` or ``;``, a key without
  ``@``, text that is no source, a PMID without a number, with letters, with
  leading zeros or too long, a DOI (DOIs are not identifiers here);
- ``[@key`` with no ``]`` in its paragraph, and ``@key]`` with no ``[``;
- ``[@a][@b]``: two citations side by side, which Markdown reads as a link;
- ``[1]``, ``[2, 5]``: a numbered citation, unless a link definition makes it a link;
  "strength¹": one as a superscript after a word (not an exponent: "R²", "m²");
- ``(@key)``: parentheses for brackets;
- ``@key`` in prose, when ``key`` is in the store (pandoc's in-text form);
- "pmid 123" in prose: only "PMID" in capitals is read there;
- a work's identifier in prose in a form no citation is read from: a DOI
  (``(doi:10.1001/...)``), a PubMed address, "PubMed ID n", a PMC ID; unless an
  author-date mention holds it: that mention is the vague reference.

Handles and e-mail addresses stay silent: an "@" inside a word never counts,
a bare ``@word`` counts only when the store has that key, and in parentheses,
or after words inside brackets (``[photo: @jane]``), an ``@word`` counts only
when it is a store key or shaped like one (a name and a year, ``smith2019``).
What :func:`~evidence_guides.text.citations.scan_citations` accepts silently
(``[pmid 123]``, ``[@ key]``) is not reported.

Every pattern here is linear: possessive quantifiers, and searches that each
read a stretch of text no other search of the same kind reads again.
"""
