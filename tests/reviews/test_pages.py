"""The pages: « Progression » for every party (chart with its text alternative and a data
table), holding a review (tutor), recording a module's evaluation (trainer), the links from
a running dossier's page; refusals shown in French, nothing written."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from parcours.dossiers.models import DossierEvent
from tests.web.pages import text

COMPETENCES = ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]


def hold_form(version, day="2027-02-25", level="1", **changes):
    data = {
        "version": str(version),
        "held_date": day,
        "participants": ["tuteur|Sophie Bernard", "formateur|Marc Petit"],
        "others": "Jeanne Directrice",
        "decision": "continue",
        "comment": "Bon départ.",
    }
    for c in COMPETENCES:
        data[f"level_{c}"] = level
        data[f"comment_{c}"] = f"Observé sur {c}"
    return data | changes  # fmt: skip


def url(name, w, *args):
    return reverse(f"web:{name}", args=[w.dossier.pk, *args])


def test_the_tutor_holds_a_review_from_the_page(running, login):
    client = login(running.users["tutor"])
    page = text(client.get(url("review_hold", running, "B1")))
    assert "<h1>Tenir le bilan B1</h1>" in page
    assert "Marc Petit (formateur)" in page and "Paul Durand (tiers facilitateur)" in page
    assert "0 – non acquis" in page and "4 – expertise" in page
    assert "attendu à la date prévue du bilan" in page
    response = client.post(url("review_hold", running, "B1"), hold_form(running.dossier.version))
    assert response.status_code == 302 and response["Location"] == url("progress", running)
    running.dossier.refresh_from_db()
    b1 = running.dossier.content["reviews"][0]
    assert b1["held_date"] == "2027-02-25" and b1["scores"][2]["comment"] == "Observé sur C3"
    assert {"name": "Jeanne Directrice", "quality": "entreprise"} in b1["participants"]
    page = text(client.get(url("progress", running)))
    assert "Bilan B1 enregistré, tenu le 25/02/2027." in page
    assert "Jeanne Directrice (entreprise)" in page


def test_a_back_dated_review_is_refused_in_french_on_its_field(running, login):
    client = login(running.users["tutor"])
    response = client.post(url("review_hold", running, "B1"),
                           hold_form(running.dossier.version, day="2027-01-10"))  # fmt: skip
    assert response.status_code == 400
    page = text(response)
    assert "Le bilan n'est pas enregistré" in page
    assert "Le 10/01/2027 est avant le mois prévu pour le bilan B1 (04/02/2027)." in page
    assert not DossierEvent.objects.filter(dossier=running.dossier).exists()


def test_a_missing_level_is_named(running, login):
    client = login(running.users["tutor"])
    response = client.post(url("review_hold", running, "B1"),
                           hold_form(running.dossier.version, level_C4=""))  # fmt: skip
    assert response.status_code == 400
    assert "Choisissez le niveau de C4." in text(response)


def test_a_stale_form_says_who_saved_first(running, login):
    client = login(running.users["tutor"])
    version = running.dossier.version
    client.post(url("review_hold", running, "B1"), hold_form(version))
    response = client.post(url("review_hold", running, "B1"), hold_form(version, level="2"))
    assert response.status_code == 409


def test_the_trainer_records_the_evaluation_of_its_module(running, login):
    client = login(running.users["trainer"])
    page = text(client.get(url("evaluation_record", running, "M2")))
    assert "Évaluer le module M2" in page and "C5 –" in page and "C1 –" not in page
    assert "Évalué par" not in page  # a trainer evaluates in their own name
    data = {"version": str(running.dossier.version), "date": "2027-02-26",
            "level_C5": "2", "comment_C5": "Cas pratique réussi", "level_C6": ""}  # fmt: skip
    response = client.post(url("evaluation_record", running, "M2"), data)
    assert response.status_code == 302
    running.dossier.refresh_from_db()
    [e] = running.dossier.content["evaluations"]
    assert e["results"] == [{"competence": "C5", "level": 2, "comment": "Cas pratique réussi"}]


def test_an_evaluation_in_the_future_is_refused_on_its_field(running, login):
    client = login(running.users["trainer"])
    data = {"version": str(running.dossier.version), "date": "2027-12-01", "level_C5": "2"}
    response = client.post(url("evaluation_record", running, "M2"), data)
    assert response.status_code == 400
    assert "Le 01/12/2027 est dans le futur" in text(response)


@pytest.mark.parametrize("role", ["learner", "tutor", "company_admin", "facilitator",
                                  "opco_staff", "trainer"])  # fmt: skip
def test_every_party_reads_the_progress_with_the_chart_and_its_text_alternative(
    running, login, role
):
    from parcours.reviews import actions

    actions.hold_review(running.dossier, running.users["tutor"], "B1", "2027-02-25",
                        {c: {"level": 0 if c == "C2" else 1, "comment": "Vu"} for c in COMPETENCES},
                        [{"name": "Sophie Bernard", "quality": "tuteur"}], "continue",
                        running.dossier.version)  # fmt: skip
    page = text(login(running.users[role]).get(url("progress", running)))
    assert page.count('role="img"') == 7  # one chart per competence
    assert 'aria-labelledby="alt-C1"' in page and 'id="alt-C1"' in page
    assert "Compétence C1, Être capable de paramétrer" in page
    assert "bilan B1 le 25 février 2027 : niveau 1, en avance de 1 niveau" in page
    # C2 was positioned at 1: the line is at 1 on 25 February, level 0 is one behind.
    assert "en retard de 1 niveau sur l'attendu à cette date" in page
    assert '<th scope="col">Attendu à cette date</th>' in page
    assert "None" not in re.sub(r"<svg.*?</svg>", "", page, flags=re.S)


def test_outsiders_do_not_see_the_progress(running, login):
    for role in ("company_admin_other", "facilitator_other"):
        assert login(running.users[role]).get(url("progress", running)).status_code == 404


def test_a_running_dossiers_page_links_to_progress_and_the_next_review(running, login):
    page = text(login(running.users["tutor"]).get(url("overview", running)))
    assert url("progress", running) in page and url("review_hold", running, "B1") in page
    page = text(login(running.users["trainer"]).get(url("overview", running)))
    assert url("evaluation_record", running, "M2") in page
    assert url("review_hold", running, "B1") not in page
    running.dossier.status = "draft"
    running.dossier.save(update_fields=["status"])
    assert url("progress", running) not in text(login(running.users["tutor"]).get(
        url("overview", running)))  # fmt: skip


def test_who_may_not_hold_gets_403_with_a_french_reason(running, login):
    response = login(running.users["learner"]).get(url("review_hold", running, "B1"))
    assert response.status_code == 403
    response = login(running.users["trainer"]).get(url("evaluation_record", running, "M1"))
    assert response.status_code == 403
