"""« Rupture du contrat » and « Clôture du contrat » in the pages: what each party sees, the
forms and their French errors, the OPCO's acknowledgment, the attestation prepared and the
contract closed; and the API endpoints."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories
from tests.closing.conftest import COMPETENCES, TODAY, hold, sign_learner, version
from tests.closing.test_actions import FINAL, declare, ready_to_close
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def url(w, name: str) -> str:
    paths = {
        "rupture": "rupture/",
        "ack": "rupture/accuser-reception/",
        "closing": "cloture/",
        "prepare": "cloture/attestation/",
        "close": "cloture/clore/",
    }
    return f"/dossiers/{w.dossier.pk}/{paths[name]}"


def rupture_form(w, **fields) -> dict:
    return {"version": version(w.dossier), "date": "2026-11-20", "reason_code": "demission",
            "details": "", "opco_informed_on": ""} | fields  # fmt: skip


# --- Rupture ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["company_admin", "facilitator"])
def test_the_company_side_gets_the_declaration_form(live, login, role):
    page = text(login(live.users[role]).get(url(live, "rupture")))
    assert "Déclarer la rupture" in page
    assert "Rupture pendant la période d'essai" in page and "Force majeure" in page
    assert "enregistrer la rupture met fin au contrat" in page


@pytest.mark.parametrize("role", ["tutor", "trainer", "learner", "opco_staff"])
def test_the_other_parties_read_without_a_form(live, login, role):
    response = login(live.users[role]).get(url(live, "rupture"))
    assert response.status_code == 200
    assert "Déclarer la rupture" not in text(response)
    assert "<form" not in response.content.decode().split('id="rupture"')[1]


def test_declaring_in_the_page_ends_the_contract_and_offers_the_notice(live, login):
    client = login(live.users["company_admin"])
    response = client.post(url(live, "rupture"), rupture_form(live, reason_code="force_majeure"))
    assert response.status_code == 302
    live.dossier.refresh_from_db()
    assert live.dossier.status == "terminated"
    page = text(client.get(url(live, "rupture")))
    assert "Force majeure" in page and "20/11/2026" in page
    assert "Télécharger la notification de rupture" in page
    assert "date d'envoi pas encore indiquée" in page
    assert "Corriger la rupture" in page
    notice = client.get(
        f"/dossiers/{live.dossier.pk}/documents/du-dossier/notification-rupture.pdf"
    )
    assert notice.status_code == 200 and notice.content.startswith(b"%PDF")


def test_a_date_in_the_future_is_refused_next_to_its_field(live, login):
    client = login(live.users["company_admin"])
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    response = client.post(url(live, "rupture"), rupture_form(live, date=tomorrow))
    assert response.status_code == 400
    page = text(response)
    assert "ne peut pas être dans le futur" in page
    live.dossier.refresh_from_db()
    assert live.dossier.status == "running"


def test_the_date_field_cannot_pick_a_day_after_today(live, login):
    html = login(live.users["company_admin"]).get(url(live, "rupture")).content.decode()
    assert f'max="{TODAY.isoformat()}"' in html


def test_another_reason_without_precision_is_refused(live, login):
    client = login(live.users["company_admin"])
    response = client.post(url(live, "rupture"), rupture_form(live, reason_code="autre"))
    assert response.status_code == 400
    assert "précisez le motif" in text(response)


def test_a_missing_reason_is_refused_in_french(live, login):
    response = login(live.users["company_admin"]).post(
        url(live, "rupture"), rupture_form(live, reason_code="")
    )
    assert response.status_code == 400
    assert "Choisissez le motif de la rupture." in text(response)


def test_a_stale_form_says_who_saved_first(live, login):
    client = login(live.users["company_admin"])
    response = client.post(url(live, "rupture"), rupture_form(live, version=99))
    assert response.status_code == 409


def test_the_sending_date_is_added_then_the_opco_acknowledges(live, login):
    declare(live)
    company = login(live.users["facilitator"])
    sent = rupture_form(live, opco_informed_on="2026-11-21")
    assert company.post(url(live, "rupture"), sent).status_code == 302
    opco = login(live.users["opco_staff"])
    page = text(opco.get(url(live, "rupture")))
    assert "Accuser réception" in page and "21/11/2026" in page
    response = opco.post(url(live, "ack"), {"version": version(live.dossier),
                                            "acknowledged_on": "2026-11-20"})  # fmt: skip
    assert response.status_code == 400
    assert "ne peut pas précéder l'envoi de la notification" in text(response)
    response = opco.post(url(live, "ack"), {"version": version(live.dossier),
                                            "acknowledged_on": "2026-11-22"})  # fmt: skip
    assert response.status_code == 302
    page = text(login(live.users["company_admin"]).get(url(live, "rupture")))
    assert "la rupture est définitive et ne se modifie plus" in page
    assert "Corriger la rupture" not in page
    assert "Accusé de réception de la notification de rupture le 22/11/2026" in page
    again = login(live.users["company_admin"]).post(url(live, "rupture"), rupture_form(live))
    assert again.status_code == 403


def test_the_opco_is_told_there_is_nothing_to_acknowledge_yet(live, login):
    declare(live)
    page = text(login(live.users["opco_staff"]).get(url(live, "rupture")))
    assert "il n'y a rien à accuser reçu pour l'instant" in page


# --- Clôture ------------------------------------------------------------------------------


def test_the_closing_page_says_what_is_missing_with_links(live, login):
    response = login(live.users["company_admin"]).get(url(live, "closing"))
    page = text(response)
    html = response.content.decode()
    assert "Le bilan final n'a pas été tenu." in page
    assert "L'attestation de fin de contrat n'a pas été établie." in page
    assert "il manque le certificat de réalisation" in page
    assert f'href="/dossiers/{live.dossier.pk}/cloture/#attestation"' in html
    assert "disabled" in html.split("Clore le contrat</button>")[0].rsplit("<button", 1)[1]
    assert "None" not in page and "True" not in page


def test_the_closing_page_shows_the_attestation_to_prepare(live, login):
    factories.add_sessions(live.dossier)
    sign_learner(live, "S1")
    hold(live.dossier, 2, "2026-11-16", FINAL)
    page = text(login(live.users["company_admin"]).get(url(live, "closing")))
    assert "Aperçu d'après le bilan final B3 du 16/11/2026" in page
    assert "3,5\xa0h" in page  # S1 signed, S2 not: the facilitator's 14 h never counted
    assert "5 sur 7" in page  # C5 reached 1 of 2, C2 2 of 3
    assert "Préparer l'attestation" in page


def test_preparing_and_closing_in_the_pages(live, login):
    ready_to_close(live)
    client = login(live.users["company_admin"])
    response = client.post(url(live, "prepare"), {"version": version(live.dossier),
                                                  "date": "2026-11-15"})  # fmt: skip
    assert response.status_code == 400
    assert "ne peut pas précéder le bilan final B3 du 16/11/2026" in text(response)
    response = client.post(url(live, "prepare"), {"version": version(live.dossier),
                                                  "date": "2026-11-20"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(url(live, "closing"))
    assert "Tout est en règle : le contrat peut être clos." in text(page)
    assert "Attestation préparée, datée du <strong>20/11/2026</strong>" in text(page)
    response = client.post(url(live, "close"), {"version": version(live.dossier)})
    assert response.status_code == 302
    live.dossier.refresh_from_db()
    assert live.dossier.status == "completed"
    assert "Le contrat est clos." in text(client.get(url(live, "closing")))


def test_closing_refused_says_why(live, login):
    response = login(live.users["facilitator"]).post(
        url(live, "close"), {"version": version(live.dossier)}
    )
    assert response.status_code == 400
    assert "Le contrat ne peut pas encore être clos" in text(response)
    live.dossier.refresh_from_db()
    assert live.dossier.status == "running"


@pytest.mark.parametrize("role", ["tutor", "trainer", "learner"])
def test_the_other_parties_read_the_closing_page_without_buttons(live, login, role):
    hold(live.dossier, 2, "2026-11-16", FINAL)
    page = text(login(live.users[role]).get(url(live, "closing")))
    assert "Attestation de fin de contrat" in page
    assert "Aperçu d'après le bilan final B3" in page
    assert url(live, "prepare") not in page and url(live, "close") not in page
    assert "Préparer l'attestation" not in page and "Clore le contrat" not in page


def test_after_a_rupture_the_closing_page_asks_nothing_of_the_final_review(live, login):
    hold(live.dossier, 0, "2026-02-26", dict.fromkeys(COMPETENCES, 1))
    declare(live, opco_informed_on=TODAY)
    page = text(login(live.users["company_admin"]).get(url(live, "closing")))
    assert "Le bilan final n'a pas été tenu." not in page
    assert "Aperçu d'après le bilan de suivi B1 du 26/02/2026" in page
    assert "Clore le contrat" not in page


def test_the_steps_menu_leads_to_both_pages(live, login):
    html = login(live.users["tutor"]).get(f"/dossiers/{live.dossier.pk}/").content.decode()
    assert url(live, "rupture") in html and url(live, "closing") in html


# --- API ----------------------------------------------------------------------------------


def api(client, w, role):
    token = factories.token_for(w.users[role])

    def post(path, body):
        return client.post(f"/api/dossiers/{w.dossier.pk}/{path}", body,
                           content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip

    return post


def test_the_api_declares_corrects_and_acknowledges(client, live):
    company, opco = api(client, live, "company_admin"), api(client, live, "opco_staff")
    body = {"version": version(live.dossier), "date": "2026-11-20", "reason_code": "licenciement"}
    response = company("rupture", body)
    assert response.status_code == 200
    assert response.json()["status"] == "terminated"
    assert response.json()["document"]["rupture"]["reason"] == "Licenciement"
    response = company("rupture", body | {"version": version(live.dossier), "reason_code": "x"})
    assert response.status_code == 422
    response = company("rupture", body | {"version": version(live.dossier),
                                          "opco_informed_on": "2026-11-21"})  # fmt: skip
    assert response.status_code == 200
    response = opco("rupture/acknowledge", {"version": version(live.dossier), "date": "2026-12-01"})
    assert response.status_code == 422
    assert "futur" in response.json()["errors"][0]["message"]
    response = opco("rupture/acknowledge", {"version": version(live.dossier), "date": "2026-11-21"})
    assert response.status_code == 200
    assert response.json()["document"]["rupture"]["acknowledged_on"] == "2026-11-21"
    response = company("rupture", body | {"version": version(live.dossier)})
    assert response.status_code == 403


def test_the_api_prepares_the_attestation(client, live):
    hold(live.dossier, 2, "2026-11-16", FINAL)
    company = api(client, live, "facilitator")
    response = company("attestation/prepare", {"version": version(live.dossier),
                                               "date": "2026-11-23"})  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "attestation.date"
    response = company("attestation/prepare", {"version": version(live.dossier),
                                               "date": "2026-11-22"})  # fmt: skip
    assert response.status_code == 200
    levels = {s["competence"]: s["level"]
              for s in response.json()["document"]["attestation"]["competences"]}  # fmt: skip
    assert levels == FINAL
    response = api(client, live, "tutor")(
        "attestation/prepare", {"version": version(live.dossier), "date": "2026-11-22"}
    )
    assert response.status_code == 403


def test_the_api_refuses_a_stale_version(client, live):
    response = api(client, live, "company_admin")(
        "rupture", {"version": 42, "date": "2026-11-20", "reason_code": "demission"}
    )
    assert response.status_code == 409


def test_the_certificate_is_joined_from_the_closing_page(live, login):
    factories.add_sessions(live.dossier)
    client = login(live.users["company_admin"])
    page = text(client.get(url(live, "closing")))
    assert "le certificat n'a rien à attester" in page
    assert "Joindre le certificat au dossier" not in page
    sign_learner(live, "S1")
    page = text(client.get(url(live, "closing")))
    assert "il manque le certificat de réalisation" in page
    assert f"/dossiers/{live.dossier.pk}/cloture/#certificat" in page
    response = client.post(f"/dossiers/{live.dossier.pk}/cloture/certificat/",
                           {"version": version(live.dossier),
                            "certificate_date": "2026-11-19"})  # fmt: skip
    assert response.status_code == 400
    assert "ne peut pas précéder la première séance émargée du 20/11/2026" in text(response)
    response = client.post(f"/dossiers/{live.dossier.pk}/cloture/certificat/",
                           {"version": version(live.dossier),
                            "certificate_date": "2026-11-22"})  # fmt: skip
    assert response.status_code == 302
    page = text(client.get(url(live, "closing")))
    assert "Certificat de réalisation joint au dossier, daté du 22/11/2026." in page
    assert "il manque le certificat de réalisation" not in page
