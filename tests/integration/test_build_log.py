"""``mkdocs build``'s log as an editor reads it: pages' findings in full, the store's summed up."""

from __future__ import annotations

from .conftest import MINIMAL_BIB, MINIMAL_CONFIG, MINIMAL_GUIDE, ProjectFactory, run_build

UNCITED = "".join(
    f"@misc{{uncited{n}, author = {{Nobody, A.}}, title = {{Uncited {n}}}, year = {{2020}},"
    f" url = {{https://example.org/{n}}}}}\n"
    for n in range(6)
)


def test_a_rule_with_many_store_findings_is_one_line_in_the_build_log(
    make_project: ProjectFactory,
) -> None:
    guide = MINIMAL_GUIDE + "\nA claim [@nosuch2099].\n"
    project = make_project(
        {"references/refs.bib": MINIMAL_BIB + UNCITED, "content/exercises/plank.md": guide}
    )
    build = run_build(project, strict=False)
    assert build.returncode == 0, build.output
    lines = build.output.splitlines()
    assert [line for line in lines if "unused-reference" in line] == [
        "INFO    -  6 store entries are cited by no guide (unused-reference);"
        " `guides audit` lists them"
    ]
    assert [line for line in lines if "content/exercises/plank.md:" in line and "nosuch" in line]


def test_summed_up_errors_still_fail_a_strict_build(make_project: ProjectFactory) -> None:
    config = MINIMAL_CONFIG.replace(
        "  - evidence\n", "  - evidence:\n      rules: {unused-reference: error}\n"
    )
    project = make_project({"mkdocs.yml": config, "references/refs.bib": MINIMAL_BIB + UNCITED})
    build = run_build(project)
    assert build.returncode == 1
    assert "strict mode: 6 errors (shown above)" in build.output
