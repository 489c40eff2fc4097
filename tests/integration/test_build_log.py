"""``mkdocs build``'s log as an editor reads it: pages' findings in full, the store's summed up."""

from __future__ import annotations

from .conftest import MINIMAL_BIB, MINIMAL_CONFIG, MINIMAL_GUIDE, ProjectFactory, run_build


def uncited(count: int) -> str:
    """Store entries no guide cites."""
    return "".join(
        f"@misc{{uncited{n}, author = {{Nobody, A.}}, title = {{Uncited {n}}}, year = {{2020}},"
        f" url = {{https://example.org/{n}}}}}\n"
        for n in range(count)
    )


def test_a_rule_with_many_store_findings_is_one_line_in_the_build_log(
    make_project: ProjectFactory,
) -> None:
    guide = MINIMAL_GUIDE + "\nA claim [@nosuch2099].\n"
    project = make_project(
        {"references/refs.bib": MINIMAL_BIB + uncited(6), "content/exercises/plank.md": guide}
    )
    build = run_build(project, strict=False)
    assert build.returncode == 0, build.output
    lines = build.output.splitlines()
    assert [line for line in lines if "unused-reference" in line] == [
        "INFO    -  6 store entries are cited by no guide (unused-reference);"
        " `guides audit` lists them"
    ]
    assert [line for line in lines if "content/exercises/plank.md:" in line and "nosuch" in line]


def test_errors_in_the_store_are_shown_up_to_a_pages_worth_and_all_fail_strict(
    make_project: ProjectFactory,
) -> None:
    config = MINIMAL_CONFIG.replace(
        "  - evidence\n", "  - evidence:\n      rules: {unused-reference: error}\n"
    )
    bib = MINIMAL_BIB + uncited(35)
    project = make_project({"mkdocs.yml": config, "references/refs.bib": bib})
    build = run_build(project)
    assert build.returncode == 1
    lines = [line for line in build.output.splitlines() if "unused-reference" in line]
    assert len(lines) == 31  # 30 at their lines, then one line for the rest
    assert lines[-1] == (
        "WARNING -  5 more store entries are cited by no guide (unused-reference);"
        " `guides audit` lists them"
    )
    assert "strict mode: 35 errors (shown above)" in build.output
