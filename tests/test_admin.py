"""The admin: API clients are managed there; the register is shown read-only."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User

from klantbeeld.api.clients.models import ApiClient, hash_token
from klantbeeld.domain.models import Partij
from tests.support.beheer import beheer_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    User.objects.create_superuser("beheer", "beheer@example.nl", "een-lang-wachtwoord")
    return beheer_login(client, User.objects.get(username="beheer"))


def test_adding_an_api_client_shows_its_token_once(beheerder):
    response = beheerder.post(
        "/admin/clients/apiclient/add/",
        {
            "naam": "KISS",
            "client_id": "kiss",
            "scopes": ["klantinteracties.lezen", "klantinteracties.schrijven"],
            "actief": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    shown = re.search(r"Authorization: Token ([0-9a-f]{40})", response.content.decode())
    assert shown, "the new token is shown after saving"
    client = ApiClient.objects.get(naam="KISS")
    assert client.token_hash == hash_token(shown.group(1))
    assert client.scopes == ["klantinteracties.lezen", "klantinteracties.schrijven"]
    assert shown.group(1) not in str(ApiClient.objects.values_list().get(pk=client.pk))


def test_the_register_is_visible_but_not_editable(beheerder):
    Partij.objects.create(soort_partij="organisatie", indicatie_actief=True, naam="Gemeente")
    assert beheerder.get("/admin/domain/partij/").status_code == 200
    assert beheerder.get("/admin/domain/partij/add/").status_code == 403


def test_team_members_are_kept_in_the_admin_and_only_teams_hold_members(beheerder):
    from klantbeeld.domain.models import Actor, Teamlid

    team = Actor.objects.create(naam="Vergunningen", soort_actor="organisatorische_eenheid")
    lisa = Actor.objects.create(naam="Lisa", soort_actor="medewerker", telefoonnummer="0201234567")
    added = beheerder.post(
        "/admin/domain/teamlid/add/", {"team": str(team.pk), "medewerker": str(lisa.pk)}
    )
    assert added.status_code == 302
    assert Teamlid.objects.filter(team=team, medewerker=lisa).exists()
    wrong = beheerder.post(
        "/admin/domain/teamlid/add/", {"team": str(lisa.pk), "medewerker": str(lisa.pk)}
    )
    assert wrong.status_code == 200 and "Selecteer een geldige keuze" in wrong.content.decode()
    assert Teamlid.objects.count() == 1
