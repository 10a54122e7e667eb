"""« Versions du parcours »: what each role sees and may do, the editor, the answers with
their dates, the version in force at a chosen date."""

import datetime as dt
import html as htmllib
import re

import pytest

from parcours.amendments import actions
from parcours.amendments.models import Kind, State
from tests.amendments.conftest import AFTER_B1, B1_HELD, BEFORE_B1, changed, hold

pytestmark = pytest.mark.django_db
PARTIES = ("company_admin", "facilitator", "tutor", "trainer", "learner", "opco_staff")


def _url(row, tail: str = "") -> str:
    return f"/dossiers/{row.pk}/versions/{tail}"


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def editor_data(row, sections: dict, explanation: str) -> dict:
    """The editor's form as a browser posts it, from a version's sections."""
    contract = {**row.content["contract"], **sections.get("contract", {})}
    data = {
        "version": str(row.version),
        "version-explanation": explanation,
        "version-action_start": contract["action_start"],
        "version-action_end": contract["action_end"],
        "version-weekly_hours": str(contract["weekly_hours"]),
    }
    modules = sections.get("modules", row.content["modules"])
    competences = sections.get("competences", row.content["competences"])
    data |= {"modules-TOTAL_FORMS": str(len(modules)), "modules-INITIAL_FORMS": str(len(modules))}
    for i, m in enumerate(modules):
        p = f"modules-{i}-"
        data |= {
            p + "id": m["id"], p + "title": m["title"], p + "objective": m["objective"],
            p + "modality": m["modality"], p + "hours": str(m["hours"]),
            p + "provider": m.get("provider") or "", p + "trainer": m.get("trainer") or "",
            p + "start": m["start"], p + "end": m["end"], p + "recognition": "",
            p + "adaptation": m.get("adaptation", "standard"),
            p + "evaluation_methods": "\n".join(m.get("evaluation_methods") or []),
            p + "competences": m["competences"],
        }  # fmt: skip
    data |= {
        "competences-TOTAL_FORMS": str(len(competences)),
        "competences-INITIAL_FORMS": str(len(competences)),
    }
    for i, c in enumerate(competences):
        p = f"competences-{i}-"
        data |= {
            p + "id": c["id"], p + "statement": c["statement"],
            p + "importance": c.get("importance") or "necessaire", p + "level": str(c["level"]),
            p + "knowledge": "\n".join(c.get("knowledge") or []),
            p + "skills": "\n".join(c.get("skills") or []),
            p + "attitudes": "\n".join(c.get("attitudes") or []),
        }  # fmt: skip
    return data


@pytest.mark.parametrize("role", PARTIES)
def test_every_party_reads_the_versions_and_the_step_menu_leads_there(live, login, role):
    row = live.dossier
    response = login(live.users[role]).get(_url(row))
    assert response.status_code == 200
    text = _text(response)
    assert "Versions du parcours" in text
    assert "Version 1 — Version initiale" in text
    assert "En vigueur" in text
    assert f'href="{_url(row)}"' in response.content.decode()
    for raw in ("None", "True", "False", "modules[", "proposed_at"):
        assert raw not in text


def test_before_the_first_review_the_opco_alone_may_propose_an_adaptation(live, login):
    row = live.dossier
    opco = _text(login(live.users["opco_staff"]).get(_url(row)))
    assert "Proposer une adaptation du parcours" in opco
    assert "Aucun bilan n'a encore eu lieu" in opco
    company = _text(login(live.users["company_admin"]).get(_url(row)))
    assert "Proposer une adaptation" not in company and "Rédiger un avenant" not in company


def test_after_the_first_review_the_company_side_drafts_an_avenant(live, login, at):
    row = live.dossier
    hold(row, "B1", B1_HELD, decision="adapt")
    at(AFTER_B1)
    company = _text(login(live.users["facilitator"]).get(_url(row)))
    assert "Rédiger un avenant" in company
    assert "Le premier bilan (B1) a eu lieu le 25/02/2027" in company
    assert "Le bilan B1 du 25/02/2027 a décidé d' adapter le parcours" in company
    opco = _text(login(live.users["opco_staff"]).get(_url(row)))
    assert "Proposer une adaptation" not in opco


def test_the_opco_writes_an_adaptation_in_the_editor_and_proposes_it(live, login):
    row = live.dossier
    client = login(live.users["opco_staff"])
    editor = client.get(_url(row, "nouvelle/adaptation/"))
    assert editor.status_code == 200
    assert 'name="modules-0-hours"' in editor.content.decode()
    assert 'value="105"' in editor.content.decode()
    data = editor_data(row, changed(row, M1=120), "Plus de pratique du logiciel.")
    response = client.post(_url(row, "nouvelle/adaptation/"), data)
    assert response.status_code == 302
    draft = row.parcours_versions.get(number=2)
    assert (draft.kind, draft.state) == (Kind.ADAPTATION, State.DRAFT)
    page = _text(client.get(_url(row)))
    assert "Adaptation en cours (version 2)" in page
    assert "durée portée de 105 h à 120 h" in page.replace("\u00a0", " ")
    row.refresh_from_db()
    sent = client.post(
        _url(row, "2/envoyer/"), {"version": row.version, "envoyer-on": BEFORE_B1.isoformat()}
    )
    assert sent.status_code == 302
    assert row.parcours_versions.get(number=2).state == State.PROPOSED


def test_the_company_accepts_the_adaptation_and_the_parcours_changes(live, login):
    row = live.dossier
    actions.propose_adaptation(
        row, live.users["opco_staff"], changed(row, M1=120), "Logiciel.", row.version
    )
    client = login(live.users["company_admin"])
    page = client.get(_url(row)).content.decode()
    assert "Accepter l'adaptation" in page and "Décliner l'adaptation" in page
    response = client.post(
        _url(row, "2/accepter/"), {"version": row.version, "accepter-on": "2027-02-01"}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.content["modules"][0]["hours"] == 120
    text = _text(client.get(_url(row)))
    assert "Adaptation acceptée : le parcours en vigueur est mis à jour." in text
    assert "Version 2 — Adaptation proposée par l'OPCO — En vigueur" in text
    assert "Version 1 — Version initiale — Remplacée" in text


def test_a_future_date_is_refused_in_french_and_nothing_changes(live, login):
    row = live.dossier
    actions.propose_adaptation(
        row, live.users["opco_staff"], changed(row, M1=120), "Logiciel.", row.version
    )
    version = row.version
    response = login(live.users["company_admin"]).post(
        _url(row, "2/accepter/"), {"version": version, "accepter-on": "2027-02-02"}
    )
    assert response.status_code == 400
    text = _text(response)
    assert "Rien n'a été enregistré" in text
    assert "La date de la réponse : ne peut pas être dans le futur" in text
    assert "decided_at" not in text
    row.refresh_from_db()
    assert row.version == version and row.content["modules"][0]["hours"] == 105
    # The form keeps the version read: the next answer is not a conflict.
    assert f'name="version" value="{version}"' in response.content.decode()


def test_the_company_declines_with_a_reason(live, login):
    row = live.dossier
    actions.propose_adaptation(
        row, live.users["opco_staff"], changed(row, M1=120), "Logiciel.", row.version
    )
    client = login(live.users["facilitator"])
    empty = client.post(
        _url(row, "2/decliner/"), {"version": row.version, "motif-on": "2027-02-01"}
    )
    assert empty.status_code == 400
    done = client.post(
        _url(row, "2/decliner/"),
        {"version": row.version, "motif-on": "2027-02-01", "motif-reason": "Trop tôt."},
    )
    assert done.status_code == 302
    assert row.parcours_versions.get(number=2).state == State.DECLINED
    assert "Motif Trop tôt." in _text(client.get(_url(row)))


def test_a_stale_answer_is_a_conflict(live, login):
    row = live.dossier
    actions.propose_adaptation(
        row, live.users["opco_staff"], changed(row, M1=120), "Logiciel.", row.version
    )
    response = login(live.users["company_admin"]).post(
        _url(row, "2/accepter/"), {"version": row.version - 1, "accepter-on": "2027-02-01"}
    )
    assert response.status_code == 409
    assert "Quelqu'un d'autre a enregistré ce dossier" in _text(response)


def test_the_editor_shows_errors_on_their_fields(live, login):
    row = live.dossier
    client = login(live.users["opco_staff"])
    response = client.post(
        _url(row, "nouvelle/adaptation/"), editor_data(row, changed(row, M1=-5), "x")
    )
    assert response.status_code == 400
    assert "Le formulaire contient des erreurs" in _text(response)
    assert not row.parcours_versions.filter(number=2).exists()
    # A competence removed while modules still aim at it: said on those modules' field.
    from parcours.amendments.versions import sections_of

    sections = sections_of(row.content)
    sections["competences"] = [c for c in sections["competences"] if c["id"] != "C7"]
    response = client.post(_url(row, "nouvelle/adaptation/"), editor_data(row, sections, "x"))
    assert response.status_code == 400
    html = response.content.decode()
    errors = re.findall(r'id="id_modules-(\d)-competences-erreurs"', html)
    assert errors == ["3", "4"]  # M4 and M5 aim at C7
    assert not row.parcours_versions.filter(number=2).exists()


def test_the_editor_is_for_the_side_that_writes_the_version(live, login):
    row = live.dossier
    assert (
        login(live.users["company_admin"]).get(_url(row, "nouvelle/adaptation/")).status_code == 403
    )
    assert login(live.users["opco_staff"]).get(_url(row, "nouvelle/avenant/")).status_code == 403
    assert login(live.users["opco_staff"]).get(_url(row, "nouvelle/autre/")).status_code == 404


def test_the_add_row_buttons_give_a_blank_module_or_competence(live, login):
    row = live.dossier
    client = login(live.users["opco_staff"])
    response = client.get(
        _url(row, "ligne/modules/"),
        {"modules-TOTAL_FORMS": "5", "competences-TOTAL_FORMS": "1", "competences-0-id": "C9"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="modules-5-hours"' in html and 'value="C9"' in html
    assert 'name="modules-TOTAL_FORMS" value="6"' in html
    assert client.get(_url(row, "ligne/autre/")).status_code == 404


def test_the_avenant_from_draft_to_signatures_in_the_pages(live, login, at):
    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    company = login(live.users["company_admin"])
    data = editor_data(row, changed(row, M3=70), "La DSN demande plus de pratique.")
    assert company.post(_url(row, "nouvelle/avenant/"), data).status_code == 302
    row.refresh_from_db()
    assert company.get(_url(row, "2/modifier/")).status_code == 200
    sent = company.post(
        _url(row, "2/envoyer/"), {"version": row.version, "envoyer-on": "2027-03-15"}
    )
    assert sent.status_code == 302
    opco = login(live.users["opco_staff"])
    page = _text(opco.get(_url(row)))
    assert "Soumis à l'OPCO, en attente de sa décision" in page and "Accepter l'avenant" in page
    row.refresh_from_db()
    opco.post(_url(row, "2/accepter/"), {"version": row.version, "accepter-on": "2027-03-15"})
    learner = login(live.users["learner"])
    html = learner.get(_url(row)).content.decode()
    assert html.count("Enregistrer la signature") == 1  # her own line only
    assert f'href="{_url(row, "2/avenant.pdf")}"' in html
    row.refresh_from_db()
    learner.post(
        _url(row, "2/signer/"),
        {"version": row.version, "party": "learner", "signer-learner-on": "2027-03-15"},
    )
    company = login(live.users["company_admin"])
    for party in ("company", "facilitator", "opco"):
        row.refresh_from_db()
        response = company.post(
            _url(row, "2/signer/"),
            {"version": row.version, "party": party, f"signer-{party}-on": "2027-03-15"},
        )
        assert response.status_code == 302
    row.refresh_from_db()
    assert row.content["modules"][2]["hours"] == 70
    text = _text(company.get(_url(row)))
    assert "Version 2 — Avenant à la convention — En vigueur" in text
    assert "En vigueur à partir du 15/03/2027" in text


def test_the_version_in_force_at_a_chosen_date_with_its_figures_and_findings(live, login):
    row = live.dossier
    actions.propose_adaptation(
        row, live.users["opco_staff"], changed(row, M1=120), "Logiciel.", row.version
    )
    actions.accept_adaptation(row, live.users["company_admin"], 2, row.version)
    client = login(live.users["tutor"])
    then = _text(client.get(_url(row), {"au": "2027-01-15"}))
    assert "Version en vigueur au 15/01/2027" in then
    assert "Version 1 — Version initiale, en vigueur depuis le 10/12/2026" in then
    assert "Heures du parcours 308 h" in then.replace("\u00a0", " ")
    assert "Constats des règles à cette date" in then
    now = _text(client.get(_url(row)))
    assert "Version 2 — Adaptation proposée par l'OPCO, en vigueur depuis le 01/02/2027" in now
    assert "Heures du parcours 323 h" in now.replace("\u00a0", " ")
    bad = _text(client.get(_url(row), {"au": "demain"}))
    assert "« demain » n'est pas une date" in bad


def test_the_real_costs_stay_with_the_company_side_and_the_opco(live, login):
    row = live.dossier
    content = dict(row.content)
    content["modules"] = [dict(m, real_cost=987.0) for m in content["modules"]]
    row.content = content
    row.save(update_fields=["content"])
    actions.propose_adaptation(
        row, live.users["opco_staff"], changed(row, M1=120), "Logiciel.", row.version
    )
    for role, shown in (("learner", False), ("tutor", False), ("company_admin", True)):
        api = login(live.users[role]).get(f"/api/dossiers/{row.pk}/versions")
        assert api.status_code == 401  # the API takes a token, not the session
        from tests.factories import token_for

        body = (
            login(live.users[role])
            .get(
                f"/api/dossiers/{row.pk}/versions",
                HTTP_AUTHORIZATION=f"Bearer {token_for(live.users[role])}",
            )
            .json()
        )
        modules = body["versions"][1]["sections"]["modules"]
        assert ("real_cost" in modules[0]) is shown


def test_a_draft_dossier_has_no_versions_yet(world, login):
    text = _text(login(world.users["company_admin"]).get(_url(world.dossier)))
    assert (
        "Le parcours n'a qu'une version tant que l'OPCO n'a pas accordé la prise en charge" in text
    )


def test_the_paper_of_an_avenant_not_accepted_does_not_exist(live, login, at):
    row = live.dossier
    hold(row, "B1", B1_HELD)
    at(AFTER_B1)
    actions.save_draft(
        row, live.users["company_admin"], Kind.AVENANT, changed(row, M3=70), "", row.version
    )
    assert login(live.users["company_admin"]).get(_url(row, "2/avenant.pdf")).status_code == 404
    assert dt.date.today() == AFTER_B1
