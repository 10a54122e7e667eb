"""« Fin de la convention » (art. 10): the signatories read it, a party sends a formal
notice, the ending is refused before its delay and terminates the dossier after it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.convention_ending import actions
from parcours.dossiers.models import DossierEvent
from tests.web.pages import text as html_text

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html_text(response).replace("\u202f", " ").replace("\xa0", " ")


def url(world, name="web:convention_ending"):
    return reverse(name, args=[world.dossier.pk])


def post(login, world, role, name, body):
    world.dossier.refresh_from_db()
    return login(world.users[role]).post(url(world, name), {"version": world.dossier.version,
                                                            **body})  # fmt: skip


def ago(n):
    return (timezone.localdate() - dt.timedelta(days=n)).isoformat()


NOTICE = {"notice_to": "facilitator", "breach": "Aucun bilan suivi depuis mars", "sent_on": ""}


@pytest.mark.parametrize("role", ["company_admin", "facilitator", "opco_staff"])
def test_the_signatories_read_the_page(login, running, role):
    body = text(login(running.users[role]).get(url(running)))
    assert "Fin de la convention" in body and "article 10" in body
    assert "Enregistrer la mise en demeure" in body


@pytest.mark.parametrize("role", ["tutor", "trainer", "learner"])
def test_the_others_do_not(login, running, role):
    assert login(running.users[role]).get(url(running)).status_code == 403


def test_a_notice_then_an_ending_refused_before_the_delay(login, running):
    response = post(login, running, "company_admin", "web:convention_notice",
                    {**NOTICE, "sent_on": ago(0)})  # fmt: skip
    assert response.status_code == 302
    running.dossier.refresh_from_db()
    ending = running.dossier.content["convention_ending"]
    assert (ending["notice_by"], ending["notice_to"], ending["delay_days"]) == (
        "company", "facilitator", 15)  # fmt: skip
    body = text(login(running.users["company_admin"]).get(url(running)))
    assert "Le délai de la mise en demeure court encore" in body
    assert "Lettre de mise en demeure (PDF)" in body
    refused = post(login, running, "company_admin", "web:convention_end", {"ended_on": ago(0)})
    assert refused.status_code == 400
    assert "la convention peut prendre fin à partir du" in text(refused)
    running.dossier.refresh_from_db()
    assert running.dossier.status == "running"


def test_the_ending_after_the_delay_terminates_the_dossier(login, running):
    assert post(login, running, "company_admin", "web:convention_notice",
                {**NOTICE, "sent_on": ago(20)}).status_code == 302  # fmt: skip
    # The facilitator (the party in notice) cannot end it; the OPCO can.
    assert post(login, running, "facilitator", "web:convention_end",
                {"ended_on": ago(0)}).status_code == 403  # fmt: skip
    done = post(login, running, "opco_staff", "web:convention_end", {"ended_on": ago(1)})
    assert done.status_code == 302
    running.dossier.refresh_from_db()
    assert running.dossier.status == "terminated"
    assert running.dossier.content["convention_ending"]["ended_on"] == ago(1)
    event = DossierEvent.objects.filter(dossier=running.dossier).latest("pk")
    assert event.to_status == "terminated" and "article 10" in event.comment
    body = text(login(running.users["company_admin"]).get(url(running)))
    assert "Convention rompue le" in body and "Notification de fin de la convention" in body
    # The other pages of a terminated dossier still answer.
    client = login(running.users["company_admin"])
    for name in ("web:rupture", "web:funding", "web:closing", "web:overview"):
        assert client.get(reverse(name, args=[running.dossier.pk])).status_code == 200, name


def test_a_second_notice_is_refused(login, running):
    post(login, running, "company_admin", "web:convention_notice", {**NOTICE, "sent_on": ago(2)})
    again = post(login, running, "opco_staff", "web:convention_notice",
                 {**NOTICE, "notice_to": "company", "sent_on": ago(1)})  # fmt: skip
    assert again.status_code == 403


def test_a_notice_without_breach_names_the_field(login, running):
    response = post(login, running, "company_admin", "web:convention_notice",
                    {**NOTICE, "breach": "", "sent_on": ago(0)})  # fmt: skip
    assert response.status_code == 400
    assert "décrivez le manquement constaté" in text(response)


def test_the_papers_follow_the_ending(login, running):
    client = login(running.users["company_admin"])
    paper = reverse("web:paper", args=[running.dossier.pk, "mise-en-demeure", "pdf"])
    assert client.get(paper).status_code != 200  # no notice yet
    post(login, running, "company_admin", "web:convention_notice", {**NOTICE, "sent_on": ago(20)})
    assert client.get(paper)["Content-Type"] == "application/pdf"
    assert login(running.users["tutor"]).get(paper).status_code == 403


def test_the_action_refuses_a_non_signatory(running):
    with pytest.raises(Exception, match="parties signataires"):
        actions.send_notice(running.dossier, running.users["tutor"], "company", "x",
                            timezone.localdate(), running.dossier.version)  # fmt: skip


def test_the_tutor_and_learner_neither_read_the_notice_nor_the_rate(login, running):
    from parcours.dossiers import perms

    post(login, running, "company_admin", "web:convention_notice", {**NOTICE, "sent_on": ago(2)})
    running.dossier.refresh_from_db()
    for role in ("tutor", "learner"):
        document = perms.document_for(running.users[role], running.dossier)
        assert "convention_ending" not in document and "funding" not in document
        history = text(login(running.users[role]).get(
            reverse("web:history", args=[running.dossier.pk])))  # fmt: skip
        assert "Aucun bilan suivi" not in history and "Mise en demeure adressée" not in history
    opco = text(login(running.users["opco_staff"]).get(
        reverse("web:history", args=[running.dossier.pk])))  # fmt: skip
    assert "Mise en demeure adressée à le tiers facilitateur" not in opco
    assert "Mise en demeure adressée au tiers facilitateur" in opco
    full = perms.document_for(running.users["opco_staff"], running.dossier)
    assert full["convention_ending"]["breach"] == NOTICE["breach"]
