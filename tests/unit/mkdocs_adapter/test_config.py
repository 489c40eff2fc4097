"""EvidenceConfig: MkDocs' view of the options, with the defaults of the one core record."""

from __future__ import annotations

import ast
import inspect
import itertools
from dataclasses import fields

import pytest

from evidence_guides.mkdocs_adapter import config as config_module
from evidence_guides.mkdocs_adapter.config import EvidenceConfig
from evidence_guides.options import DEFAULTS, OPTION_NAMES, EvidenceOptions


def test_every_option_is_declared_with_the_core_default() -> None:
    config = EvidenceConfig()
    config.load_dict({})
    errors, warnings = config.validate()
    assert (errors, warnings) == ([], [])
    assert dict(config.options()) == {
        option.name: getattr(DEFAULTS, option.name) for option in fields(EvidenceOptions)
    }
    assert tuple(config.options()) == OPTION_NAMES


def test_every_option_has_a_docstring_like_the_core_record() -> None:
    """Each option is followed by its docstring (as mkdocstrings reads attribute docs)."""
    tree = ast.parse(inspect.getsource(config_module))
    body = next(n for n in tree.body if isinstance(n, ast.ClassDef)).body
    documented = {
        target.id
        for statement, following in itertools.pairwise(body)
        if isinstance(statement, (ast.Assign, ast.AnnAssign))
        for target in (
            statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        )
        if isinstance(target, ast.Name)
        and isinstance(following, ast.Expr)
        and isinstance(following.value, ast.Constant)
        and isinstance(following.value.value, str)
    }
    assert documented == set(OPTION_NAMES)


@pytest.mark.parametrize(
    ("options", "option"),
    [({"enabled": "yes"}, "enabled"), ({"rules": ["x"]}, "rules"), ({"bib": 3}, "bib")],
)
def test_a_value_of_the_wrong_type_is_refused_by_mkdocs(options: dict, option: str) -> None:
    config = EvidenceConfig()
    config.load_dict(options)
    errors, _ = config.validate()
    assert [name for name, _ in errors] == [option]
