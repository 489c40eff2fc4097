"""The YAML parser the front-matter tests run with: libyaml, and pure-Python PyYAML."""

from __future__ import annotations

import pytest
import yaml

from evidence_guides.guide.frontmatter import walker


@pytest.fixture(params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run a case with libyaml and with pure-Python PyYAML: both must agree."""
    if request.param == "python":
        monkeypatch.setattr(walker, "_LOADER", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML was built without libyaml")
