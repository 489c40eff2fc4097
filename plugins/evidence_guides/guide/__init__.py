"""Guides: the front-matter spec and model, page rendering and numbering, JSON-LD, listings.

What a guide page says is decided here, from the page's source and the store, with no
site engine involved; the site build (:mod:`evidence_guides.build`) drives it.
"""
