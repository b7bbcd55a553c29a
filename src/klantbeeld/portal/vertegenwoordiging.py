"""Who took part when a signed-in user does something the register records as a
klantcontact (a question, a document, a withdrawal): the betrokkenen for
``domain.services.intake.registreer_contact``.

Acting for oneself, that is the one partij (``rol=klant``, the initiator). Acting for
someone else (DigiD Machtigen, eHerkenning ketenmachtiging), cases.md C4823: partijen for
both and the vertegenwoordiging between them are recorded, and the contact has the
representative as initiator (``rol=vertegenwoordiger``) and the represented as klant who
did not start it, so it is in both histories. The order follows the workspace's (C5419):
who started the contact first.

    from klantbeeld.portal.vertegenwoordiging import betrokkenen_voor

    by = request.mijn.wijziging()
    registreer_contact(
        Contactaanmelding(
            kanaal="mijngemeente",
            onderwerp=...,
            deelnemers=betrokkenen_voor(request.mijn, by, adressen=[...]),
            actoren=[...],
        ),
        by,
    )
"""

from __future__ import annotations

from collections.abc import Sequence

from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Contactadres, Deelnemer
from klantbeeld.portal.identiteit import Ingelogde


def betrokkenen_voor(
    wie: Ingelogde, by: ChangeContext, *, adressen: Sequence[Contactadres] = ()
) -> list[Deelnemer]:
    """The deelnemers of a contact that ``wie`` starts in the portal, making the partijen
    (and the vertegenwoordiging) that are missing. ``adressen`` are the contact data the
    user left for this contact (R7): of whoever is at the keys."""
    klant, vertegenwoordiger = wie.maak_partijen(by)
    if vertegenwoordiger is None:
        return [Deelnemer(partij=klant, rol="klant", initiator=True, adressen=tuple(adressen))]
    return [
        Deelnemer(
            partij=vertegenwoordiger,
            rol="vertegenwoordiger",
            initiator=True,
            adressen=tuple(adressen),
        ),
        Deelnemer(partij=klant, rol="klant", initiator=False),
    ]
