"""The application log holds no personal data: a BSN that clashes with a stored one is
not written to it (docs/deployment.md, logging)."""

from __future__ import annotations

import logging

import pytest
from django.db import connection

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.services import partijen

pytestmark = pytest.mark.django_db


def _persoon_with_bsn(number: str) -> dict:
    return {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "partijIdentificatoren": [
            {
                "partijIdentificator": {
                    "codeObjecttype": "natuurlijk_persoon",
                    "codeSoortObjectId": "bsn",
                    "objectId": number,
                    "codeRegister": "brp",
                }
            }
        ],
    }


def _clash_in_the_database(ki, monkeypatch) -> tuple[str, object]:
    """A second partij with the same BSN that gets past the service's own check, as when a
    concurrent request wins the race: the database's unique constraint refuses it."""
    number = bsn(7)
    assert ki.post("partijen", _persoon_with_bsn(number)).status_code == 201
    monkeypatch.setattr(partijen, "_validate_identificator_unique", lambda *args: None)
    return number, ki.post("partijen", _persoon_with_bsn(number))


def test_a_unique_violation_is_a_400_and_its_values_stay_out_of_the_log(ki, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    number, response = _clash_in_the_database(ki, monkeypatch)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "unique"
    assert number not in response.content.decode()
    assert "Integrity error answered as 400" in caplog.text
    assert number not in caplog.text


@pytest.mark.postgres_only
def test_postgresql_detail_with_the_bsn_is_not_logged(ki, monkeypatch, caplog):
    if connection.vendor != "postgresql":
        pytest.skip("the DETAIL line with the values is PostgreSQL's")
    caplog.set_level(logging.DEBUG)
    number, response = _clash_in_the_database(ki, monkeypatch)
    assert response.status_code == 400
    assert "(constraint " in caplog.text and "(constraint unknown)" not in caplog.text
    assert number not in caplog.text
    assert "DETAIL" not in caplog.text
