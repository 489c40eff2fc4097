"""Every corpus shape the benchmarks build is a site the plugin builds cleanly.

``make bench-builds`` compares each shape's build with the same site built
without the plugin; a shape that failed ``--strict``, or whose guides the
audit found wrong, would measure an error path instead of a build. Each shape
is generated small here and built as the benchmark builds it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest
from benchmarks.corpus import SHAPES, generate
from bs4 import BeautifulSoup

from tests.support.site import run_build

GUIDES = 8
REFERENCES = 400


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_corpus_shape_builds_strict_and_audits_without_an_error(
    tmp_path_factory: pytest.TempPathFactory, shape: str
) -> None:
    corpus = generate(
        tmp_path_factory.mktemp(shape), guides=GUIDES, references=REFERENCES, shape=shape
    )
    build = run_build(corpus.folder)
    assert build.returncode == 0, build.output[-3000:]
    audit = subprocess.run(
        [sys.executable, "-m", "evidence_guides.cli", "audit", "--format", "json"],
        cwd=corpus.folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    findings = json.loads(audit.stdout)["findings"]
    errors = Counter(f["rule"] for f in findings if f["severity"] == "error")
    assert audit.returncode == 0 and not errors, errors
    page = BeautifulSoup(build.page(f"exercises/{corpus.guide(1).stem}/index.html"), "html.parser")
    cited = page.select("ol.references > li")
    assert cited, f"a {shape} guide lists no references"
    assert not page.select(".citation-missing")
