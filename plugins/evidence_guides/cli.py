"""The ``guides`` command.

``main(argv) -> int`` so tests call it directly and compare output and exit
codes. Exit codes: 0 success, 1 findings at or above ``--fail-on``, 2 a usage,
configuration or input error. Errors are one line on stderr, never a traceback.

Commands::

    guides new TITLE         start a draft guide from a complete skeleton
    guides audit [PATH...]   the citation audit, without building the site
    guides refs add PMID...  import references from PubMed into the store
    guides refs verify       re-check every entry with a PMID against PubMed
    guides refs check        the reference store's own rules
    guides schema            the guide front-matter JSON Schema

Output is UTF-8 in every format, on stdout or, atomically, in ``--output``.
"""

from __future__ import annotations

import argparse
import codecs
import gc
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from evidence_guides import __version__, rule_ids
from evidence_guides.audit.model import AuditInputError
from evidence_guides.audit.reporters.base import use_color
from evidence_guides.audit.reporters.registry import REPORTERS
from evidence_guides.files.atomic import replace_refusal, write_atomically
from evidence_guides.files.source import resolved
from evidence_guides.text.terminal import escape_controls

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditReport, AuditSettings
    from evidence_guides.pubmed.eutils import EutilsClient as PubMedFetcher

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "never")


class UsageError(Exception):
    """A problem with the command line or its inputs; the message is one line."""


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            arguments = _parser().parse_args(argv)
        except SystemExit as exit_:  # --help and --version
            return int(exit_.code or 0)
        return arguments.handler(arguments)
    except Exception as error:
        if not isinstance(error, (UsageError, AuditInputError, *_loaded_errors())):
            raise
        print(f"guides: {escape_controls(' '.join(str(error).split()))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _loaded_errors() -> tuple[type[Exception], ...]:
    """PubMed's errors, when the command used PubMed (importing it is dear for the rest)."""
    eutils = sys.modules.get("evidence_guides.pubmed.eutils")
    return (eutils.EutilsError,) if eutils is not None else ()


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line instead of the usage text."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="guides", description="Evidence-linked exercise guides: checks and tools."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    audit = commands.add_parser(
        "audit", help="audit citations and references", description=_doc(_audit)
    )
    audit.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="audit only these pages or folders (default: every page)",
    )
    audit.add_argument(
        "--include-drafts",
        action="store_true",
        help="let findings in draft guides fail the run too",
    )
    audit.add_argument(
        "--changed",
        action="store_true",
        help="audit only the pages changed since git HEAD, and new ones (every page when the"
        " store or mkdocs.yml changed or a page was deleted): for pre-commit",
    )
    _add_report_options(audit)
    audit.set_defaults(handler=_audit)

    refs = commands.add_parser(
        "refs", help="the reference store: checks and tools", description="The reference store."
    )
    refs_commands = refs.add_subparsers(dest="refs_command", required=True, metavar="COMMAND")
    check = refs_commands.add_parser(
        "check", help="check the store alone", description=_doc(_refs_check)
    )
    check.add_argument(
        "--bib", type=Path, help="the store to check (default: the plugin's bib option)"
    )
    _add_report_options(check)
    check.set_defaults(handler=_refs_check)

    add = refs_commands.add_parser(
        "add", help="import references from PubMed by PMID", description=_doc(_refs_add)
    )
    add.add_argument("pmids", nargs="+", metavar="PMID", help="PubMed IDs, e.g. 21694556")
    _add_store_options(add)
    add.set_defaults(handler=_refs_add)

    verify = refs_commands.add_parser(
        "verify", help="check the store against PubMed", description=_doc(_refs_verify)
    )
    verify.add_argument("--bib", type=Path, help="the store (default: the plugin's bib option)")
    verify.add_argument(
        "--max-age",
        type=float,
        default=7.0,
        metavar="DAYS",
        help="reuse cached PubMed records younger than this (default: 7)",
    )
    _add_report_options(verify)
    verify.set_defaults(handler=_refs_verify)

    new = commands.add_parser(
        "new", help="start a draft guide from a complete skeleton", description=_doc(_new)
    )
    new.add_argument("title", help='the exercise\'s name, e.g. "Flutter kick"')
    _add_config_option(new)
    new.set_defaults(handler=_new)

    schema = commands.add_parser(
        "schema", help="print the guide front-matter JSON Schema", description=_doc(_schema)
    )
    schema.add_argument("--output", "-o", type=Path, help="write it to this file instead")
    schema.set_defaults(handler=_schema)
    return parser


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the MkDocs configuration (default: mkdocs.yml)",
    )


def _add_store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bib", type=Path, help="the store (default: the plugin's bib option)")
    _add_config_option(parser)


def _add_report_options(parser: argparse.ArgumentParser) -> None:
    _add_config_option(parser)
    parser.add_argument(
        "--format", choices=list(REPORTERS), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 on findings of this severity or worse (default: error)",
    )
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write the report to this file"
    )


def _audit(arguments: argparse.Namespace) -> int:
    """Audit the guides' citations and the reference store without building the site.

    PATHs (pages or folders under docs_dir) limit the audit to those pages; the
    rules that need every page, such as unused-reference, then do not run.
    --changed limits it to the pages changed since the last commit (git HEAD)
    and new ones; every page when the store or mkdocs.yml changed, or a page
    was deleted or renamed.
    """
    from evidence_guides.audit.engine import (
        audit_project,  # imported on use: `guides schema` stays light
    )

    if arguments.changed and arguments.paths:
        raise UsageError("--changed finds the pages itself: give no PATH with it")
    settings = _settings(arguments, include_drafts=arguments.include_drafts)
    _collect_less_often()
    paths: list[Path] | None = arguments.paths or None
    if arguments.changed:
        from evidence_guides.audit.changed import changed_pages

        paths = changed_pages(settings, arguments.config)
    # An unchanged store has no new problems of its own: --changed leaves its rules out.
    store_rules = not arguments.changed
    return _report(
        arguments, settings, lambda: audit_project(settings, paths, store_rules=store_rules)
    )


def _collect_less_often() -> None:
    """Run Python's cycle collector less often, as mypy does, for a one-shot audit.

    An audit makes a few million objects (pages, front-matter, the store's
    entries) that live until it ends, and each full collection walks them all
    again; reference counting frees everything else as it goes. With fewer
    collections a cold audit of 5,000 guides spends about half a second less
    of CPU, at the same peak memory.
    """
    gc.set_threshold(200_000, 30, 30)


def _refs_check(arguments: argparse.Namespace) -> int:
    """Check the reference store alone: syntax, required fields and duplicates."""
    from evidence_guides.audit.engine import check_references

    settings = _settings(arguments)
    return _report(arguments, settings, lambda: check_references(settings, arguments.bib))


def _new(arguments: argparse.Namespace) -> int:
    """Write content/exercises/SLUG.md: every section, draft: true, TODO placeholders.

    The audit reports each placeholder until it is replaced; remove `draft: true`
    when the guide audits clean. An existing guide is never overwritten.
    """
    from evidence_guides.guide.scaffold import ScaffoldError, create_guide

    settings = _settings(arguments)
    try:
        path = create_guide(settings.docs_dir / settings.guides_dir, arguments.title)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    shown = escape_controls(_relative(path, settings.root))
    print(f"created {shown} (a draft): preview it with 'make serve',")
    print(f"fill in every TODO, then check it with 'guides audit {shown}'")
    return EXIT_OK


def _refs_add(arguments: argparse.Namespace) -> int:
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
    from evidence_guides.pubmed.eutils import EutilsError
    from evidence_guides.pubmed.importer import RefsImportError, import_pmids, parse_pmids

    settings = _settings(arguments)
    bib = arguments.bib or settings.bib
    shown = _relative(bib, settings.root)
    try:
        pmids = parse_pmids(arguments.pmids)
        result = import_pmids(
            bib,
            shown,
            pmids,
            _pubmed(settings).fetch,
            rules=lambda store: store_findings(store, settings),
            notify=_notice,
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


def _refs_verify(arguments: argparse.Namespace) -> int:
    """Re-check every entry that has a PMID against PubMed: title, first author, year, DOI
    and retraction. Records are cached on disk, so a second run asks PubMed nothing.
    """
    from evidence_guides.audit.model import AuditReport, AuditSummary
    from evidence_guides.pubmed.verify import verify_store
    from evidence_guides.store.bibstore import BibLoadError, load_bib

    settings = _settings(arguments)
    bib = arguments.bib or settings.bib

    def run() -> AuditReport:
        try:
            store = load_bib(
                bib,
                _relative(bib, settings.root),
                cache_dir=settings.cache_dir,
                limits=settings.limits,
            )
        except BibLoadError as error:
            raise UsageError(str(error)) from None
        severities = {
            rule: settings.severity(rule)
            for rule in (rule_ids.REFERENCE_DRIFT, rule_ids.RETRACTED_SOURCE)
        }
        findings = tuple(
            verify_store(store, _pubmed(settings, arguments.max_age).fetch, severities)
        )
        errors = sum(finding.severity == "error" for finding in findings)
        summary = AuditSummary(1, len(store.entries), 0, errors, len(findings) - errors)
        return AuditReport(findings, summary)

    return _report(arguments, settings, run)


def _pubmed(settings: AuditSettings, max_age_days: float = 7.0) -> PubMedFetcher:
    from evidence_guides.pubmed.eutils import EutilsClient, EutilsSettings, RecordCache

    cache = RecordCache(settings.cache_dir / "pubmed", max_age_days * 24 * 3600)
    return EutilsClient(EutilsSettings.from_environment(), cache, notify=_notice)


def _notice(message: str) -> None:
    """One line on stderr while a command goes on: what it waits for, what it skipped."""
    print(f"guides: {escape_controls(message)}", file=sys.stderr, flush=True)


def _relative(path: Path, root: Path) -> str:
    try:
        return resolved(path).relative_to(resolved(root)).as_posix()
    except ValueError:
        return str(path)


def _schema(arguments: argparse.Namespace) -> int:
    """Print the JSON Schema of guide front-matter, for editors' YAML tooling."""
    from evidence_guides.guide.frontmatter import guide_json_schema

    _write(json.dumps(guide_json_schema(), indent=2) + "\n", arguments.output)
    return EXIT_OK


def _settings(arguments: argparse.Namespace, *, include_drafts: bool = False) -> AuditSettings:
    from evidence_guides.audit.settings import load_settings

    config: Path = arguments.config
    if not config.is_file():
        raise UsageError(
            f"{config}: no such file; run guides in the project's folder or pass --config"
        )
    try:
        return load_settings(config, include_drafts=include_drafts)
    except OSError as error:
        raise UsageError(_os_error(error, config)) from None


def _report(
    arguments: argparse.Namespace, settings: AuditSettings, run: Callable[[], AuditReport]
) -> int:
    """Run the audit, write its report and turn it into the exit code.

    The exit code is decided before the report is written, which records it (SARIF).
    """
    try:
        report = run()
    except OSError as error:
        raise UsageError(_os_error(error)) from None
    code = EXIT_FINDINGS if report.fails(arguments.fail_on) else EXIT_OK
    color = arguments.output is None and use_color(sys.stdout)
    reporter = REPORTERS[arguments.format](color=color)
    _write(reporter.render(report, settings.root, exit_code=code), arguments.output)
    return code


def _write(text: str, output: Path | None) -> None:
    """Write to ``output`` atomically, or to stdout; always UTF-8.

    ``output`` must be a new path or a writable regular file: replacing a device,
    a link or a folder with a report would destroy it, and a read-only file was
    made read-only on purpose.
    """
    if output is not None:
        refusal = replace_refusal(output)
        if refusal is not None:
            raise UsageError(
                f"{output}: {refusal}; --output writes a new file or replaces a writable one"
            )
        try:
            write_atomically(output, text)
        except OSError as error:
            raise UsageError(f"{output}: cannot write: {error.strerror}") from None
        return
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    buffer = getattr(stream, "buffer", None)
    if buffer is None or codecs.lookup(encoding).name == "utf-8":
        stream.write(text)
        stream.flush()
    else:  # a pipe or terminal in another locale: JSON and SARIF are UTF-8 by definition
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _os_error(error: OSError, path: Path | None = None) -> str:
    name = error.filename if error.filename is not None else path
    reason = error.strerror or str(error)
    return f"{name}: cannot read: {reason}" if name is not None else reason


def _doc(handler: object) -> str:
    return (getattr(handler, "__doc__", None) or "").strip()


if __name__ == "__main__":
    sys.exit(main())
