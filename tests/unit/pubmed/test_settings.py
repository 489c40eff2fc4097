"""E-utilities settings from the environment; a bad deadline is a one-line error."""

from __future__ import annotations

import pytest

from evidence_guides.pubmed.settings import EutilsError, EutilsSettings


def test_settings_from_environment() -> None:
    settings = EutilsSettings.from_environment(
        {"NCBI_EUTILS_URL": "http://127.0.0.1:1/x", "NCBI_API_KEY": "k", "NCBI_EMAIL": "e@x.org"}
    )
    assert settings.base_url == "http://127.0.0.1:1/x/"
    assert (settings.api_key, settings.email, settings.requests_per_second) == ("k", "e@x.org", 10)
    assert EutilsSettings.from_environment({}).base_url.startswith(
        "https://eutils.ncbi.nlm.nih.gov/"
    )


def test_deadline_from_environment() -> None:
    environ = {"GUIDES_HTTP_DEADLINE": "2.5"}
    assert EutilsSettings.from_environment(environ).deadline == 2.5
    assert EutilsSettings.from_environment({}).deadline == 600.0
    for bad in ("soon", "0", "-1", "inf", "nan"):
        with pytest.raises(EutilsError, match="GUIDES_HTTP_DEADLINE must be a positive number"):
            EutilsSettings.from_environment({"GUIDES_HTTP_DEADLINE": bad})


@pytest.mark.parametrize("url", ["file:///tmp/", "ftp://example.org/", "localhost:8080/"])
def test_an_address_that_is_not_http_is_a_one_line_error(url: str) -> None:
    with pytest.raises(EutilsError, match=r"^NCBI_EUTILS_URL must be an http:// or https://"):
        EutilsSettings.from_environment({"NCBI_EUTILS_URL": url})
