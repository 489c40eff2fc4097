"""``guides refs``: the reference store's own check, and importing and verifying by PMID.

``check`` runs the audit's store rules alone. ``add`` and ``verify`` ask PubMed,
through the polite, cached client; it is imported only by them, so every other
command starts without it (and :func:`evidence_guides.cli.main` recognises
PubMed's error only once it is loaded). ``verify`` hands its findings to the
audit's sink, so severities and rules turned off come from the project's
configuration, as for every other check.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from evidence_guides.cli.errors import EXIT_OK, UsageError
from evidence_guides.cli.output import notice, report
from evidence_guides.cli.project import project_settings, relative
from evidence_guides.findings import in_order
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditReport, AuditSettings
    from evidence_guides.pubmed.client import EutilsClient as PubMedFetcher
    from evidence_guides.pubmed.records import PubMedRecord
    from evidence_guides.store.entry import BibStore


def check_command(arguments: argparse.Namespace) -> int:
    """Check the reference store alone: syntax, required fields and duplicates."""
    from evidence_guides.audit.engine import check_references

    settings = project_settings(arguments)
    return report(arguments, settings, lambda: check_references(settings, arguments.bib))


def add_command(arguments: argparse.Namespace) -> int:
    """Fetch each PMID's record from PubMed and append a BibTeX entry to the store.

    PMIDs already in the store are skipped. The existing file is kept byte for
    byte and written atomically, under a lock (STORE.lock) so that two imports
    cannot lose each other's entries; on any failure nothing is written. Every
    record is checked and escaped, and the new entries must pass the store's own
    rules. A read-only store is refused. Set NCBI_EMAIL to your contact address
    and NCBI_API_KEY if you have one; GUIDES_HTTP_DEADLINE bounds the time spent
    on PubMed (seconds, default 600).
    """
    from evidence_guides.audit.engine import store_checks as store_findings
    from evidence_guides.pubmed.importer import RefsImportError, import_pmids, parse_pmids
    from evidence_guides.pubmed.settings import EutilsError

    settings = project_settings(arguments)
    bib = arguments.bib or settings.bib
    shown = relative(bib, settings.root)
    try:
        pmids = parse_pmids(arguments.pmids)
        result = import_pmids(
            bib,
            shown,
            pmids,
            _pubmed(settings).fetch,
            rules=lambda store: store_findings(store, settings),
            notify=notice,
            limits=settings.limits,
        )
    except RefsImportError as error:
        raise UsageError(str(error)) from None
    except EutilsError as error:
        raise UsageError(f"{error}; {shown} not changed") from None
    for pmid, key in result.skipped:
        print(escape_controls(f"skipped PMID {pmid}: already in {shown} as {key}"))
    for key, pmid in result.added:
        print(escape_controls(f"added {key} (PMID {pmid}) to {shown}; cite it as [@{key}]"))
    return EXIT_OK


def verify_command(arguments: argparse.Namespace) -> int:
    """Re-check every entry that has a PMID against PubMed: title, first author, year, DOI
    and retraction. Records are cached on disk, so a second run asks PubMed nothing.

    Each entry whose pubtype (PubMed's publication types, from which a reference
    shows its study design) differs from PubMed's is reported on stderr; --write
    stores them, changing nothing else in the file, atomically and under the
    store's lock (on any failure nothing is written).
    """
    settings = project_settings(arguments)
    return report(arguments, settings, lambda: _verify(arguments, settings))


def _verify(arguments: argparse.Namespace, settings: AuditSettings) -> AuditReport:
    """The report of ``refs verify``: the store's drift from PubMed, through the audit's sink."""
    from evidence_guides.audit.model import AuditReport, AuditSummary
    from evidence_guides.audit.sink import Sink
    from evidence_guides.pubmed.verify import verify_store
    from evidence_guides.store.load import BibLoadError, load_bib

    bib = arguments.bib or settings.bib
    try:
        store = load_bib(
            bib, relative(bib, settings.root), cache_dir=settings.cache_dir, limits=settings.limits
        )
    except BibLoadError as error:
        raise UsageError(str(error)) from None
    sink = Sink(store.path, settings)  # the project's severities, as for every check
    records: dict[str, PubMedRecord] = {}  # as fetched, for the publication types
    client = _pubmed(settings, arguments.max_age)

    def fetch(pmids: Sequence[str]) -> Mapping[str, PubMedRecord]:
        found = client.fetch(pmids)
        records.update(found)
        return found

    verify_store(store, fetch, sink)
    _publication_types(arguments, settings, store, records)
    findings = tuple(in_order(sink.findings))
    errors = sum(finding.severity == "error" for finding in findings)
    summary = AuditSummary(1, len(store.entries), 0, errors, len(findings) - errors)
    return AuditReport(findings, summary)


def _publication_types(
    arguments: argparse.Namespace,
    settings: AuditSettings,
    store: BibStore,
    records: Mapping[str, PubMedRecord],
) -> None:
    """Report each entry's pubtype that differs from PubMed's; with --write, store them."""
    from evidence_guides.pubmed.pubtypes import PubtypeWriteError, pubtype_changes, write_pubtypes

    changes = pubtype_changes(store, records)
    for change in changes:
        was = f"was {change.old!r}" if change.old is not None else "none yet"
        notice(
            f"{store.path}:{change.line}: {change.key}: PubMed's publication types are"
            f" {change.new!r} ({was})"
        )
    if not changes:
        return
    if not getattr(arguments, "write", False):
        notice(f"run 'guides refs verify --write' to store them in {store.path}")
        return
    bib = arguments.bib or settings.bib
    try:
        written = write_pubtypes(bib, store.path, records, limits=settings.limits)
    except PubtypeWriteError as error:
        raise UsageError(str(error)) from None
    entries = f"{len(written)} entr{'y' if len(written) == 1 else 'ies'}"
    notice(f"wrote the publication types of {entries} to {store.path}")


def _pubmed(settings: AuditSettings, max_age_days: float = 7.0) -> PubMedFetcher:
    """The PubMed client, with the project's cache of records younger than ``max_age_days``."""
    from evidence_guides.pubmed.cache import RecordCache
    from evidence_guides.pubmed.client import EutilsClient
    from evidence_guides.pubmed.settings import EutilsSettings

    cache = RecordCache(settings.cache_dir / "pubmed", max_age_days * 24 * 3600)
    return EutilsClient(EutilsSettings.from_environment(), cache, notify=notice)
