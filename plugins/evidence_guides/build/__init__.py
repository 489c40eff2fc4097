"""The site build: per-page work and the worker process, with no site engine imported.

An engine adapter (:mod:`evidence_guides.mkdocs_adapter`) turns its events into calls
on this package, so a second engine needs only a second adapter.
"""
