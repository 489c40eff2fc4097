"""The MkDocs adapter: the one package allowed to import ``mkdocs``.

Named so that it cannot be mistaken for the ``mkdocs`` package itself.
"""
