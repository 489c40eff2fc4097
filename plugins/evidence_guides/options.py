"""The ``evidence`` plugin's options and their defaults, defined once for every reader.

Three readers need them: the MkDocs adapter's ``EvidenceConfig`` (which MkDocs
validates), the ``guides`` CLI (which reads mkdocs.yml as plain YAML, without
MkDocs) and the audit's settings. The core may not import MkDocs, so the defaults
live here, in an engine-free record, and the adapter's config class declares each
option with the default read from :data:`DEFAULTS`: a default changed here changes
everywhere, and ``tests/unit/mkdocs_adapter`` checks that the two agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

PLUGIN = "evidence"
"""The plugin's name in mkdocs.yml's ``plugins:`` list (its entry point)."""

DEFAULT_DOCS_DIR = "docs"
"""MkDocs' own default for ``docs_dir``, for the CLI reading a config that sets none."""


@dataclass(frozen=True, slots=True)
class EvidenceOptions:
    """The options of the ``evidence`` entry in mkdocs.yml, each with its default."""

    enabled: bool = True
    """When false, pages build with citations left as written."""

    bib: str = "references/refs.bib"
    """The BibTeX store, relative to mkdocs.yml."""

    guides_dir: str = "exercises"
    """The folder of docs_dir whose pages are guides with structured front-matter."""

    rules: Mapping[str, str | bool] = field(default_factory=lambda: MappingProxyType({}))
    """Severity per audit rule: ``{rule-id: error | warning | off}``."""

    parallel: bool = True
    """Render and audit pages in a second process when a second core is free."""

    limits: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    """What a page and the store may be: ``{page_mb: 5, ...}`` (see ``files.limits.Limits``)."""

    people: str = "content/people.yml"
    """The people file (authors, reviewers, quoted experts), relative to mkdocs.yml."""

    stale_review_months: int = 12
    """How old a guide's ``last_reviewed`` may be before ``stale-review`` reports it."""

    call_to_action: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """The block after each guide's content: ``{text, link, label}``; none when empty."""

    muscles: str = "muscles.yml"
    """The muscle vocabulary, relative to mkdocs.yml (see ``guide.muscles``); may be absent."""

    policy_page: str = ""
    """Where the generated editorial and sourcing policy page goes in docs_dir; "" for none."""
    search: bool = True
    """Write the site's search index (Pagefind) with the build."""

    search_shards: int = 4
    """Into how many Pagefind indexes the guides are split: an edit indexes one again,
    and each costs a search its entry file, page list and word chunks, each smaller
    (``build.search_shards``)."""


MAX_SEARCH_SHARDS = 16
"""The most Pagefind indexes the guides may be split into (``search_shards``): more would
cost a search more than the index saves a build."""

DEFAULTS = EvidenceOptions()
OPTION_NAMES: tuple[str, ...] = tuple(option.name for option in fields(EvidenceOptions))
