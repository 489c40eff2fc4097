"""The ``evidence`` plugin's options as MkDocs validates them: the config class alone.

Each option's default comes from :data:`evidence_guides.options.DEFAULTS`, the one
place defaults live (the CLI reads mkdocs.yml without MkDocs and needs them too);
MkDocs checks each option's type, and the audit's settings then check its value,
so the build and ``guides audit`` accept and refuse exactly the same configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from evidence_guides.audit.model import AuditInputError
from evidence_guides.audit.settings import settings_from_options
from evidence_guides.files.published import folder_link_refusal
from evidence_guides.mkdocs_adapter.site_files import display_path
from evidence_guides.options import DEFAULTS, OPTION_NAMES
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from evidence_guides.audit.model import AuditSettings


class EvidenceConfig(base.Config):
    """Options of the ``evidence`` plugin entry in mkdocs.yml."""

    enabled = c.Type(bool, default=DEFAULTS.enabled)
    """When false, pages build with citations left as written."""

    bib = c.Type(str, default=DEFAULTS.bib)
    """The BibTeX store, relative to mkdocs.yml."""

    guides_dir = c.Type(str, default=DEFAULTS.guides_dir)
    """The folder of docs_dir whose pages are guides with structured front-matter."""

    rules: c.Type[dict[str, Any]] = c.Type(dict, default=dict(DEFAULTS.rules))
    """Severity per audit rule: ``{rule-id: error | warning | off}``."""

    parallel = c.Type(bool, default=DEFAULTS.parallel)
    """Render and audit pages in a second process when a second core is free."""

    limits: c.Type[dict[str, Any]] = c.Type(dict, default=dict(DEFAULTS.limits))
    """What a page and the store may be: ``{page_mb: 5, ...}`` (see ``files.limits.Limits``)."""

    people = c.Type(str, default=DEFAULTS.people)
    """The people file (authors, reviewers, quoted experts), relative to mkdocs.yml."""

    stale_review_months = c.Type(int, default=DEFAULTS.stale_review_months)
    """How old a guide's ``last_reviewed`` may be before ``stale-review`` reports it."""

    call_to_action: c.Type[dict[str, Any]] = c.Type(dict, default=dict(DEFAULTS.call_to_action))
    """The block after each guide's content: ``{text, link, label}``; none when empty."""

    muscles = c.Type(str, default=DEFAULTS.muscles)
    """The muscle vocabulary, relative to mkdocs.yml: groups, muscles and their aliases."""

    policy_page = c.Type(str, default=DEFAULTS.policy_page)
    """The editorial policy page the plugin writes from the audit's rules (e.g.
    ``editorial-policy.md``); empty for none."""
    search = c.Type(bool, default=DEFAULTS.search)
    """Write the site's search index (Pagefind) with the build."""

    search_shards = c.Type(int, default=DEFAULTS.search_shards)
    """Into how many Pagefind indexes the guides are split (1 to 16)."""

    def options(self) -> Mapping[str, Any]:
        """The options' values by name, as the audit's settings read them."""
        return {name: self[name] for name in OPTION_NAMES}


def plugin_settings(root: Path, config: MkDocsConfig, options: Mapping[str, Any]) -> AuditSettings:
    """The plugin's settings from its options, for a docs folder MkDocs can walk; or a PluginError.

    MkDocs walks the docs folder, following links, before any plugin sees a
    file (:func:`~evidence_guides.files.published.folder_link`), so a link to
    a folder is refused here, first.
    """
    try:
        settings = settings_from_options(
            root, Path(config.docs_dir), options, config_name=config.config_file_path
        )
    except AuditInputError as error:
        raise PluginError(escape_controls(str(error))) from None
    refusal = folder_link_refusal(Path(config.docs_dir), lambda link: display_path(link, root))
    if refusal is not None:
        raise PluginError(escape_controls(refusal))
    return settings
