"""« Financement » and « Paiements à traiter »: what each role reads and the buttons it gets;
claims made, paid and rejected through the pages; hours and real costs entered."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.funding import actions
from parcours.funding.models import FacilitatorLog, State
from tests.funding.conftest import close
from tests.web.pages import text as html_text

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as people read it, French spaces as plain spaces."""
    return html_text(response).replace("\u202f", " ").replace("\xa0", " ")


def url(world, name="web:funding", *args):
    return reverse(name, args=[world.dossier.pk, *args])


def today():
    return timezone.localdate()


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "opco_staff"])
def test_the_money_side_reads_the_page(login, started, role):
    response = login(started.users[role]).get(url(started))
    assert response.status_code == 200
    body = text(response)
    assert "Tableau de financement (article 9)" in body
    assert "Premier versement à l'entreprise" in body and "1 000 €" in body
    assert "Pas encore due" in body and "il manque le certificat de réalisation" in body


@pytest.mark.parametrize("role", ["tutor", "trainer", "learner"])
def test_tutor_trainer_and_learner_never_see_the_money(login, started, role):
    client = login(started.users[role])
    assert client.get(url(started)).status_code == 403
    overview = text(client.get(reverse("web:overview", args=[started.dossier.pk])))
    assert reverse("web:funding", args=[started.dossier.pk]) not in overview


def test_each_role_gets_its_own_buttons(login, started):
    claim_first = url(started, "web:funding_claim", "first_payment")
    claim_invoice = url(started, "web:funding_claim", "facilitator_invoice_1")
    admin = text(login(started.users["company_admin"]).get(url(started)))
    assert claim_first in admin and claim_invoice not in admin
    facilitator = text(login(started.users["facilitator"]).get(url(started)))
    assert claim_invoice in facilitator and claim_first not in facilitator
    assert "Enregistrer l'intervention" in facilitator
    opco = text(login(started.users["opco_staff"]).get(url(started)))
    assert "Faire la demande" not in opco and "Enregistrer l'intervention" not in opco


def test_a_claim_made_then_paid_in_the_pages(login, started):
    client = login(started.users["company_admin"])
    response = client.post(url(started, "web:funding_claim", "first_payment"))
    assert response.status_code == 302
    claim = started.dossier.claims.get(kind="first_payment")
    number = claim.invoice_number
    assert claim.state == State.CLAIMED and re.fullmatch(r"\d{4}-0001", number)
    body = text(client.get(url(started)))
    assert f"facture n° {number}" in body and "Demandée" in body
    assert f"Télécharger la demande n° {number}" in body

    opco = login(started.users["opco_staff"])
    listing = text(opco.get(reverse("web:opco_claims")))
    assert number in listing and "Marquer payée" in listing and "Rejeter" in listing
    response = opco.post(
        url(started, "web:funding_paid", claim.pk),
        {"paid_on": today().isoformat(), "next": reverse("web:opco_claims")},
    )
    assert response.status_code == 302 and response.url == reverse("web:opco_claims")
    claim.refresh_from_db()
    assert (claim.state, claim.paid_on) == (State.PAID, today())
    after = text(opco.get(reverse("web:opco_claims")))
    assert f"Demande n° {number} marquée payée." in after
    assert "Aucune demande de paiement à traiter." in after


def test_the_paid_date_error_is_shown_next_to_the_field(login, started):
    claim = actions.make_claim(started.dossier, started.users["company_admin"], "first_payment")
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    response = login(started.users["opco_staff"]).post(
        url(started, "web:funding_paid", claim.pk), {"paid_on": tomorrow}
    )
    assert response.status_code == 400
    assert "ne peut pas être dans le futur" in text(response)
    claim.refresh_from_db()
    assert claim.state == State.CLAIMED


def test_a_rejection_from_the_opco_list_needs_its_reason(login, started):
    claim = actions.make_claim(started.dossier, started.users["company_admin"], "first_payment")
    opco = login(started.users["opco_staff"])
    target = url(started, "web:funding_reject", claim.pk)
    response = opco.post(target, {"reason": "", "next": reverse("web:opco_claims")})
    assert response.status_code == 400 and "Indiquez le motif du rejet." in text(response)
    opco.post(target, {"reason": "Le SIRET manque", "next": reverse("web:opco_claims")})
    claim.refresh_from_db()
    assert (claim.state, claim.rejection_reason) == (State.REJECTED, "Le SIRET manque")
    body = text(login(started.users["company_admin"]).get(url(started)))
    assert "rejetée le" in body and "« Le SIRET manque »" in body
    assert "Faire la demande" in body  # it may be made again


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "tutor", "learner"])
def test_only_the_opco_pays(login, started, role):
    claim = actions.make_claim(started.dossier, started.users["company_admin"], "first_payment")
    response = login(started.users[role]).post(
        url(started, "web:funding_paid", claim.pk), {"paid_on": today().isoformat()}
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.state == State.CLAIMED


def test_a_claim_not_due_says_why(login, running):
    response = login(running.users["company_admin"]).post(
        url(running, "web:funding_claim", "first_payment")
    )
    assert response.status_code == 400
    assert "aucune séance n'est signée" in text(response)


def test_the_facilitator_logs_hours_and_gets_its_certificate(login, running):
    client = login(running.users["facilitator"])
    response = client.post(
        url(running, "web:funding_hours"),
        {"date": today().isoformat(), "hours": "3,5", "activity": "Aide au référentiel"},
    )
    assert response.status_code == 302
    body = text(client.get(url(running)))
    assert "3,5 h enregistrée" in body
    assert "Aide au référentiel" in body and "Certificat de service fait (PDF)" in body
    response = client.post(
        url(running, "web:funding_hours"),
        {"date": today().isoformat(), "hours": "11", "activity": "Trop"},
    )
    assert response.status_code == 400
    assert "il reste 10,5" in text(response)
    assert FacilitatorLog.objects.count() == 1


def test_real_costs_entered_fill_the_table_and_the_remaining_cost(login, running):
    client = login(running.users["company_admin"])
    costs = {"cout-M1": "4 200", "cout-M2": "1500", "cout-M3": "2240,50", "cout-M4": "0",
             "cout-M5": "300"}  # fmt: skip
    response = client.post(url(running, "web:funding_costs"), {"version": 1, **costs})
    assert response.status_code == 302
    modules = {m["id"]: m.get("real_cost") for m in running.dossier.__class__.objects.get(
        pk=running.dossier.pk).content["modules"]}  # fmt: skip
    assert modules == {"M1": 4200, "M2": 1500, "M3": 2240.5, "M4": 0, "M5": 300}
    body = text(client.get(url(running)))
    # 2,500 + 6,440.50 + 1,800 + 0 = 10,740.50 real; 5,500 possible.
    assert "Reste à charge de l'entreprise : 5 240,50 €" in body


def test_a_bad_cost_is_named_and_nothing_written(login, running):
    client = login(running.users["company_admin"])
    response = client.post(url(running, "web:funding_costs"), {"version": 1, "cout-M1": "-5"})
    assert response.status_code == 400
    assert "montant positif" in text(response)
    running.dossier.refresh_from_db()
    assert running.dossier.content["modules"][0].get("real_cost") is None
    assert running.dossier.version == 1


def test_the_opco_list_is_oldest_first(login, started):
    close(started)
    first = actions.make_claim(started.dossier, started.users["company_admin"], "first_payment")
    second = actions.make_claim(
        started.dossier, started.users["facilitator"], "facilitator_invoice_1"
    )
    first.__class__.objects.filter(pk=second.pk).update(claimed_on=today() - dt.timedelta(days=9))
    body = text(login(started.users["opco_staff"]).get(reverse("web:opco_claims")))
    assert body.index("Première facture du tiers facilitateur") < body.index(
        "Premier versement à l'entreprise"
    )


def test_the_list_is_the_opcos_only(login, started):
    for role in ("company_admin", "facilitator", "tutor", "learner"):
        assert login(started.users[role]).get(reverse("web:opco_claims")).status_code == 403


def test_the_history_shows_the_money_to_its_side_only(login, api_as, started):
    actions.make_claim(started.dossier, started.users["company_admin"], "first_payment")
    actions.set_real_costs(started.dossier, started.users["company_admin"], {"M1": "4200"}, 1)
    history = reverse("web:history", args=[started.dossier.pk])
    api = f"/api/dossiers/{started.dossier.pk}/history"
    for role in ("company_admin", "facilitator", "opco_staff"):
        body = text(login(started.users[role]).get(history))
        assert "Premier versement à l'entreprise demandée" in body
        assert "Coûts réels des modules" in body
        sections = {e["section"] for e in api_as(role)("get", api).json()}
        assert {"claims", "real_costs"} <= sections
    for role in ("tutor", "trainer", "learner"):
        body = text(login(started.users[role]).get(history))
        assert "versement" not in body and "Coûts réels" not in body and "4200" not in body
        sections = {e["section"] for e in api_as(role)("get", api).json()}
        assert not sections & {"claims", "real_costs", "facilitator_log"}
