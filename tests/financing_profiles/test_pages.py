"""« Financement » on both profiles: a first contract reads the forfait, an experienced
company the hour-based funding and its single payment; the OPCO alone sets the rate."""

import pytest
from django.urls import reverse

from parcours.funding.models import FundingClaim
from parcours.organisations.models import Organisation
from tests.funding.conftest import close
from tests.web.pages import text as html_text

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html_text(response).replace("\u202f", " ").replace("\xa0", " ")


def experienced(world):
    """The company has had contracts before: its organisation and the dossier's company
    block (written directly: factories are not the code under test)."""
    Organisation.objects.filter(pk=world.dossier.company_id).update(first_contract=False)
    row = world.dossier
    row.refresh_from_db()
    content = dict(row.content)
    content["company"] = {**content["company"], "first_contract": False}
    type(row).objects.filter(pk=row.pk).update(content=content)
    row.refresh_from_db()
    return world


def page(login, world, role="company_admin"):
    return login(world.users[role]).get(reverse("web:funding", args=[world.dossier.pk]))


def set_rate(login, world, value, role="opco_staff"):
    world.dossier.refresh_from_db()
    return login(world.users[role]).post(
        reverse("web:funding_rate", args=[world.dossier.pk]),
        {"version": world.dossier.version, "taux": value},
    )


def test_first_contract_reads_the_forfait(login, started):
    body = text(page(login, started))
    assert "Premiers contrats : forfait parcours" in body
    assert "Premier versement à l'entreprise" in body
    assert "taux-horaire" not in body


def test_experienced_without_rate_is_told_the_opco_sets_it(login, started):
    body = text(page(login, experienced(started)))
    assert "Entreprise expérimentée : forfait horaire" in body
    assert "n'a pas encore fixé le taux horaire" in body
    assert "Premier versement à l'entreprise" not in body
    assert "Première facture du tiers facilitateur" not in body
    assert "Versement des heures suivies" in body
    assert "Enregistrer le taux horaire" not in body  # the company does not set it


def test_opco_sets_the_rate_and_the_payment_follows_the_hours(login, started):
    experienced(started)
    assert "Enregistrer le taux horaire" in text(page(login, started, "opco_staff"))
    response = set_rate(login, started, "40,50")
    assert response.status_code == 302
    started.dossier.refresh_from_db()
    assert started.dossier.content["funding"]["hourly_rate"] == 40.5
    close(started)
    body = text(page(login, started))
    assert "40,50 € de l'heure" in body
    (claim,) = FundingClaim.objects.filter(dossier=started.dossier)
    # Only S2 is signed: its hours × the rate (S1 unsigned is not paid).
    hours = next(x["hours"] for x in started.dossier.content["sessions"] if x["id"] == "S2")
    assert claim.kind == "final_payment" and float(claim.amount) == pytest.approx(hours * 40.5)


def test_a_bad_rate_names_the_field(login, started):
    experienced(started)
    response = set_rate(login, started, "douze")
    assert response.status_code == 400
    assert "Taux horaire : taux horaire illisible" in text(response)


@pytest.mark.parametrize("role", ["company_admin", "facilitator"])
def test_only_the_opco_sets_the_rate(login, started, role):
    experienced(started)
    assert set_rate(login, started, "40", role).status_code == 403
