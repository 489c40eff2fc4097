"""Reading the audit's settings from mkdocs.yml, without MkDocs."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from evidence_guides.audit.model import AuditInputError
from evidence_guides.audit.settings import load_settings, settings_from_options
from evidence_guides.files.limits import Limits

REPO = Path(__file__).resolve().parents[3]


def write(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text(textwrap.dedent(text), encoding="utf-8")
    return config


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "site_name: x\n"))
    assert settings.root == tmp_path.resolve()
    assert settings.docs_dir == tmp_path.resolve() / "docs"
    assert settings.bib == tmp_path.resolve() / "references" / "refs.bib"
    assert settings.guides_dir == "exercises"
    assert settings.severities == {}
    assert settings.include_drafts is False
    assert settings.parallel is True
    assert settings.cache_dir == tmp_path.resolve() / ".cache"


def test_the_plugin_entry_and_tags_only_mkdocs_knows(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        """\
        site_name: x
        site_url: !ENV [SITE_URL, "https://x.test/"]
        docs_dir: content
        theme:
          name: material
        plugins:
          - search
          - evidence:
              bib: refs/store.bib
              guides_dir: guides
              rules:
                vague-reference: warning
                unsupported-claim: off
                mojibake: "off"
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
              emoji_generator: !!python/name:material.extensions.emoji.to_svg
          - pymdownx.superfences:
              custom_fences:
                - name: mermaid
                  format: !!python/name:pymdownx.superfences.fence_code_format
        """,
    )
    settings = load_settings(config, include_drafts=True)
    assert settings.docs_dir == tmp_path.resolve() / "content"
    assert settings.bib == tmp_path.resolve() / "refs" / "store.bib"
    assert settings.guides_dir == "guides"
    assert settings.severities == {
        "vague-reference": "warning",
        "unsupported-claim": "off",
        "mojibake": "off",
    }
    assert settings.severity("vague-reference") == "warning"
    assert settings.severity("unresolved-citation") == "error"
    assert settings.include_drafts is True


def test_plugins_as_a_mapping(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        """\
        plugins:
          search: {}
          evidence:
            rules: {mojibake: warning}
        """,
    )
    assert load_settings(config).severities == {"mojibake": "warning"}


def test_a_plugin_entry_without_options(tmp_path: Path) -> None:
    config = write(tmp_path, "plugins:\n  - search\n  - evidence\n")
    assert load_settings(config).bib == tmp_path.resolve() / "references" / "refs.bib"


def test_the_shipped_config() -> None:
    settings = load_settings(REPO / "mkdocs.yml")
    assert settings.docs_dir == REPO / "content"
    assert settings.bib == REPO / "references" / "refs.bib"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            """\
            site_name: x
            plugins:
              - search
              - evidence:
                  rules:
                    vague-refs: warning
            """,
            "mkdocs.yml:6: unknown rule 'vague-refs' in plugins.evidence.rules"
            " (did you mean 'vague-reference'?)",
        ),
        (
            """\
            plugins:
              - evidence:
                  rules:
                    frobnicate: warning
            """,
            "mkdocs.yml:4: unknown rule 'frobnicate' in plugins.evidence.rules",
        ),
        (
            """\
            plugins:
              - evidence:
                  rules:
                    mojibake: fatal
            """,
            "mkdocs.yml:4: bad severity 'fatal' for rule 'mojibake' in plugins.evidence.rules"
            " (expected error, warning or off)",
        ),
        (
            """\
            plugins:
              - evidence:
                  rules: [mojibake]
            """,
            "mkdocs.yml:3: plugins.evidence.rules must be a mapping of rule id to error,"
            " warning or off",
        ),
        (
            """\
            plugins:
              evidence:
                bib: 3
            """,
            "mkdocs.yml:3: plugins.evidence.bib must be a path, got 3",
        ),
        (
            """\
            plugins:
              - evidence:
                  guides_dir: guides/exercises
            """,
            "mkdocs.yml:3: plugins.evidence.guides_dir must be one folder of docs_dir,"
            " not 'guides/exercises'",
        ),
        (
            """\
            plugins:
              - evidence:
                  guides_dir: /
            """,
            "mkdocs.yml:3: plugins.evidence.guides_dir must be one folder of docs_dir,"
            " not '/'",  # the docs folder itself: no page would be a guide
        ),
        (
            """\
            plugins:
              - evidence: [a, b]
            """,
            "mkdocs.yml:2: plugins.evidence must be a mapping of options",
        ),
        (
            """\
            plugins:
              - evidence:
                  parallel: sometimes
            """,
            "mkdocs.yml:3: plugins.evidence.parallel must be true or false, got 'sometimes'",
        ),
        (
            """\
            plugins:
              - evidence:
                  limits: {page_megabytes: 9}
            """,
            "mkdocs.yml:3: unknown limit 'page_megabytes' in plugins.evidence.limits"
            " (did you mean 'page_mb'?)",
        ),
        (
            """\
            plugins:
              - evidence:
                  limits:
                    page_mb: 0
            """,
            "mkdocs.yml:4: plugins.evidence.limits.page_mb must be a number greater than 0"
            " and at most 1,000,000, got 0",
        ),
        (  # a size past what a read can set aside was an OverflowError's traceback
            """\
            plugins:
              - evidence:
                  limits: {page_mb: 1.0e+300}
            """,
            "mkdocs.yml:3: plugins.evidence.limits.page_mb must be a number greater than 0"
            " and at most 1,000,000, got 1e+300",
        ),
        (
            """\
            plugins:
              - evidence:
                  limits: {store_mb: 1000001}
            """,
            "mkdocs.yml:3: plugins.evidence.limits.store_mb must be a number greater than 0"
            " and at most 1,000,000, got 1000001",
        ),
        (
            """\
            plugins:
              - evidence:
                  limits: {yaml_depth: 2.5}
            """,
            "mkdocs.yml:3: plugins.evidence.limits.yaml_depth must be a whole number greater"
            " than 0, got 2.5",
        ),
        (
            """\
            plugins:
              - evidence:
                  limits: {markdown_depth: true}
            """,
            "mkdocs.yml:3: plugins.evidence.limits.markdown_depth must be a whole number"
            " greater than 0, got True",
        ),
        (
            """\
            plugins:
              - evidence:
                  limits: {store_mb: .inf}
            """,
            "mkdocs.yml:3: plugins.evidence.limits.store_mb must be a number greater than 0"
            " and at most 1,000,000, got inf",
        ),
        (
            """\
            plugins:
              - evidence:
                  limits: 5
            """,
            "mkdocs.yml:3: plugins.evidence.limits must be a mapping of limit to number",
        ),
        (
            "nav:\n" + "".join("  " * level + f"- k{level}:\n" for level in range(30)),
            "mkdocs.yml:26:51: YAML nests more than 50 levels deep"
            " (set plugins.evidence.limits.yaml_depth to raise the limit)",
        ),
        (
            "site_name: x\nextra: " + "[" * 100_000 + "]" * 100_000 + "\n",
            "mkdocs.yml:2:57: YAML nests more than 50 levels deep"
            " (set plugins.evidence.limits.yaml_depth to raise the limit)",
        ),
        ("plugins: search\n", "mkdocs.yml:1: plugins must be a list or a mapping"),
        ("docs_dir: [a]\n", "mkdocs.yml:1: docs_dir must be a folder name"),
        (
            "site_name: x\nplugins: [search\n",
            "mkdocs.yml:3: not valid YAML: expected ',' or ']', but got '<stream end>'",
        ),
        (
            "site_name: x\n  bad: indent\n",
            "mkdocs.yml:2: not valid YAML: mapping values are not allowed here",
        ),
        ("- a list\n", "mkdocs.yml: expected a mapping of settings, like mkdocs.yml"),
        ("", "mkdocs.yml: expected a mapping of settings, like mkdocs.yml"),
    ],
)
def test_bad_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    write(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AuditInputError) as error:
        load_settings(Path("mkdocs.yml"))
    assert str(error.value) == message


def test_limits(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        """\
        plugins:
          - evidence:
              limits: {page_mb: 0.5, yaml_alias_nodes: 10}
        """,
    )
    limits = load_settings(config).limits
    assert (limits.page_mb, limits.yaml_alias_nodes, limits.store_mb) == (0.5, 10, 50)
    assert limits.page.max_bytes == 512 * 1024
    assert load_settings(write(tmp_path, "site_name: x\n")).limits == Limits()


def test_a_guides_dir_that_names_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content" / "exercises").mkdir(parents=True)
    write(tmp_path, "docs_dir: content\nplugins:\n  - evidence:\n      guides_dir: guides\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AuditInputError) as error:
        load_settings(Path("mkdocs.yml"))
    assert str(error.value) == (
        "mkdocs.yml:4: plugins.evidence.guides_dir 'guides' names no folder of docs_dir"
        " content/; create it or set the option"
    )
    write(tmp_path, "docs_dir: content\n")
    assert load_settings(Path("mkdocs.yml")).guides_dir == "exercises"  # the default exists


def test_an_alias_bomb_in_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    write(tmp_path, "\n".join(lines) + "\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AuditInputError, match=r"^mkdocs\.yml:4:10: YAML's aliases \(\*name\)"):
        load_settings(Path("mkdocs.yml"))


def test_a_config_that_is_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "mkdocs.yml")
    with pytest.raises(AuditInputError, match=r"mkdocs\.yml: a named pipe \(FIFO\), not a reg"):
        load_settings(tmp_path / "mkdocs.yml")


def test_a_missing_config(tmp_path: Path) -> None:
    with pytest.raises(AuditInputError, match=r"mkdocs\.yml: file not found$"):
        load_settings(tmp_path / "mkdocs.yml")


def test_a_config_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_bytes(b"site_name: caf\xe9\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AuditInputError) as error:
        load_settings(Path("mkdocs.yml"))
    assert (
        str(error.value) == "mkdocs.yml:1:15: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    )


def test_settings_from_options_shares_the_checks(tmp_path: Path) -> None:
    settings = settings_from_options(
        tmp_path, tmp_path / "docs", {"bib": "r.bib", "rules": {"mojibake": False}}
    )
    assert settings.bib == tmp_path / "r.bib"
    assert settings.docs_dir == tmp_path / "docs"
    assert settings.severities == {"mojibake": "off"}
    with pytest.raises(AuditInputError) as error:
        settings_from_options(tmp_path, tmp_path / "docs", {"rules": {"vague-refs": "off"}})
    assert str(error.value) == (
        "mkdocs.yml: unknown rule 'vague-refs' in plugins.evidence.rules"
        " (did you mean 'vague-reference'?)"
    )


# --- people, stale reviews, the call to action (issue 17) ------------------------------------


def test_people_review_age_and_call_to_action(tmp_path: Path) -> None:
    settings = load_settings(
        write(
            tmp_path,
            """\
            plugins:
              - evidence:
                  people: data/people.yml
                  stale_review_months: 6
                  call_to_action: {text: Try the app., link: /app/, label: Get it}
            """,
        )
    )
    assert settings.people_file == tmp_path.resolve() / "data" / "people.yml"
    assert settings.stale_review_months == 6
    assert settings.call_to_action is not None
    assert (settings.call_to_action.text, settings.call_to_action.link) == ("Try the app.", "/app/")


def test_their_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "site_name: x\n"))
    assert settings.people_file == tmp_path.resolve() / "content" / "people.yml"
    assert (settings.stale_review_months, settings.call_to_action) == (12, None)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("stale_review_months: 0", "mkdocs.yml:3: plugins.evidence.stale_review_months must be a"
                                   " whole number of months from 1 to 1200 (100 years), got 0"),
        ("stale_review_months: 1.5", "mkdocs.yml:3: plugins.evidence.stale_review_months must"
                                     " be a whole number of months from 1 to 1200 (100 years),"
                                     " got 1.5"),
        ("stale_review_months: 100000", "mkdocs.yml:3: plugins.evidence.stale_review_months must"
                                        " be a whole number of months from 1 to 1200 (100 years),"
                                        " got 100000"),
        ("people: ''", "mkdocs.yml:3: plugins.evidence.people must be a path, got ''"),
        ("search_shards: 1000", "mkdocs.yml:3: plugins.evidence.search_shards must be a whole"
                                " number from 1 to 16, got 1000"),
        ("search_shards: yes", "mkdocs.yml:3: plugins.evidence.search_shards must be a whole"
                               " number from 1 to 16, got True"),
        ("call_to_action: {text: T, link: 'javascript:x', label: L}",
         "mkdocs.yml:3: plugins.evidence.call_to_action: link 'javascript:x' must be an http or"
         " https address, or a path"),
    ],
)  # fmt: skip
def test_bad_trust_options(tmp_path: Path, options: str, message: str) -> None:
    write(tmp_path, f"plugins:\n  - evidence:\n      {options}\n")
    with pytest.raises(AuditInputError) as error:
        load_settings(tmp_path / "mkdocs.yml")
    assert str(error.value).removeprefix(f"{tmp_path.as_posix()}/") == message


def test_the_clock_can_be_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime

    config = write(tmp_path, "site_name: x\n")
    monkeypatch.setenv("GUIDES_TODAY", "2027-01-31")
    assert load_settings(config).today == datetime.date(2027, 1, 31)
    monkeypatch.delenv("GUIDES_TODAY")
    assert load_settings(config).today is None
    monkeypatch.setenv("GUIDES_TODAY", "soon")
    with pytest.raises(AuditInputError, match="GUIDES_TODAY must be a date"):
        load_settings(config)
