"""Every output format by the name ``--format`` takes, in the order ``--help`` lists them.

The one place that knows every format: the CLI offers the names and builds
the class, and a format module need not know it is registered.
"""

from __future__ import annotations

from collections.abc import Mapping

from evidence_guides.audit.reporters.base import Reporter
from evidence_guides.audit.reporters.github import GithubReporter
from evidence_guides.audit.reporters.json_format import JsonReporter
from evidence_guides.audit.reporters.sarif import SarifReporter
from evidence_guides.audit.reporters.text import TextReporter

REPORTERS: Mapping[str, type[Reporter]] = {
    reporter.name: reporter
    for reporter in (TextReporter, JsonReporter, GithubReporter, SarifReporter)
}
