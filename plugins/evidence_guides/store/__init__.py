"""The BibTeX store: entries, how ``refs.bib`` is parsed and cached, and how a name means an entry.

The store is read once per build; guides, the audit and the PubMed import all ask it
what a key, a PMID or an author-date names.
"""
