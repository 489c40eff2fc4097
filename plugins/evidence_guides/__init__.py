"""evidence-guides: evidence-linked exercise guides.

The core (BibTeX store, citation scanning, front-matter model, JSON-LD) is
engine-agnostic; ``mkdocs_plugin`` is the only module that imports MkDocs.
"""

__version__ = "0.1.0"
