"""Validating SARIF logs against the bundled SARIF 2.1.0 schema, as strictly as GitHub does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).resolve().parents[1] / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
# GitHub's upload-sarif checks the schema's "uri" format as its jsonschema library does:
# a scheme, then no white space. Python's jsonschema checks "uri" only when the optional
# rfc3987 package is installed, so without this a relative helpUri would pass.
_ABSOLUTE_URI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S*")


def sarif_validator() -> jsonschema.Draft7Validator:
    """The SARIF schema, with the "uri" format (helpUri, informationUri) checked."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    formats = jsonschema.FormatChecker()

    @formats.checks("uri")
    def is_absolute(value: object) -> bool:
        return not isinstance(value, str) or _ABSOLUTE_URI.fullmatch(value) is not None

    return jsonschema.Draft7Validator(schema, format_checker=formats)
