"""A sender's display name as the betrokkene's contactnaam. A display name is whatever
the sender's software shows, so the split is a reading, not a fact: "Achternaam,
Voornaam" is taken as such, otherwise the first word is the first name and the rest the
surname, with a Dutch prefix ("van der", "de") as voorvoegsel (other languages' particles, such
as the "El" of "El Amrani", stay part of the surname). A name the fields cannot
hold is kept whole as the surname."""

from __future__ import annotations

VOORVOEGSELS = frozenset(
    {
        "van", "de", "der", "den", "het", "ter", "ten", "te", "in", "op", "'t", "d'",
        "van de", "van der", "van den", "van het", "van 't", "in de", "in het", "in 't",
        "op de", "op den", "op het", "op 't", "uit de", "uit den", "uit het",
    }
)  # fmt: skip
# The register's lengths (Klantinteracties: contactnaam).
VOORNAAM_MAX = 200
VOORVOEGSEL_MAX = 10
ACHTERNAAM_MAX = 200


def naamdelen(weergave: str) -> dict[str, str]:
    naam = " ".join(weergave.replace('"', " ").split())
    if not naam:
        return {}
    if naam.count(",") == 1:
        achter, voor = (deel.strip() for deel in naam.split(","))
        if achter and voor:
            voornaam, voorvoegsel = _voorvoegsel_achteraan(voor)
            return _passend(voornaam, voorvoegsel, achter, naam)
    woorden = naam.split(" ")
    if len(woorden) == 1:
        return {"achternaam": naam[:ACHTERNAAM_MAX]}
    voornaam, rest = woorden[0], woorden[1:]
    voorvoegsel = ""
    for lengte in (3, 2, 1):
        kandidaat = " ".join(rest[:lengte]).lower()
        if len(rest) > lengte and kandidaat in VOORVOEGSELS:
            voorvoegsel, rest = " ".join(rest[:lengte]), rest[lengte:]
            break
    return _passend(voornaam, voorvoegsel, " ".join(rest), naam)


def _voorvoegsel_achteraan(voor: str) -> tuple[str, str]:
    """ "Jansen, Jan van" → first name "Jan", prefix "van"."""
    woorden = voor.split(" ")
    for lengte in (3, 2, 1):
        if len(woorden) > lengte and " ".join(woorden[-lengte:]).lower() in VOORVOEGSELS:
            return " ".join(woorden[:-lengte]), " ".join(woorden[-lengte:])
    return voor, ""


def _passend(voornaam: str, voorvoegsel: str, achternaam: str, geheel: str) -> dict[str, str]:
    if (
        len(voornaam) > VOORNAAM_MAX
        or len(voorvoegsel) > VOORVOEGSEL_MAX
        or len(achternaam) > ACHTERNAAM_MAX
    ):
        return {"achternaam": geheel[:ACHTERNAAM_MAX]}
    delen = {"voornaam": voornaam, "voorvoegsel": voorvoegsel, "achternaam": achternaam}
    return {veld: waarde for veld, waarde in delen.items() if waarde}
