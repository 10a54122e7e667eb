"""Guide action 1 ③: the référentiel confirmed by the work team — the fingerprint (any change
to the competences asks to reconfirm), the parsing of the people, the action (permission for
every role, French errors, one event), the block on the référentiel step."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from parcours.domain import referentiel_confirmation as rc
from parcours.domain.loading import InvalidDossier as InvalidDocument
from parcours.domain.loading import parse_dossier
from parcours.dossiers import convert
from parcours.dossiers.errors import InvalidDossier, StaleDossier
from parcours.dossiers.models import DossierEvent
from parcours.referentiel_confirmation import actions

DAY = dt.date(2026, 11, 20)
PEOPLE = "Anne Martin — cheffe d'équipe\nKarim Benali, technicien paie\n"


def _confirmed(data, **changes):
    d = parse_dossier(data)
    block = {"confirmed_on": "2026-11-20", "by": [{"name": "A", "function": "B"}],
             "competences_hash": rc.fingerprint(d.competences)}  # fmt: skip
    return {**data, "referentiel_confirmation": block, **changes}


# --- domain ------------------------------------------------------------------------------


def test_a_dossier_without_confirmation_is_absent_and_stays_valid(valid_dossier_data):
    assert rc.state(parse_dossier(valid_dossier_data)) == rc.State.ABSENT


def test_confirmed_then_any_change_to_the_competences_asks_to_reconfirm(valid_dossier_data):
    data = _confirmed(valid_dossier_data)
    assert rc.state(parse_dossier(data)) == rc.State.CONFIRMED
    changed = [dict(c) for c in data["competences"]]
    changed[0]["statement"] = changed[0]["statement"] + " (revu)"
    assert rc.state(parse_dossier({**data, "competences": changed})) == rc.State.TO_RECONFIRM
    assert rc.state(parse_dossier({**data, "competences": changed[1:]})) == rc.State.TO_RECONFIRM
    level = [dict(c) for c in data["competences"]]
    level[-1]["level"] = 1 if level[-1].get("level") != 1 else 2
    assert rc.state(parse_dossier({**data, "competences": level})) == rc.State.TO_RECONFIRM


def test_the_block_needs_someone_and_a_real_fingerprint(valid_dossier_data):
    data = _confirmed(valid_dossier_data)
    with pytest.raises(InvalidDocument):
        parse_dossier({**data, "referentiel_confirmation": {
            **data["referentiel_confirmation"], "by": []}})  # fmt: skip
    with pytest.raises(InvalidDocument):
        parse_dossier({**data, "referentiel_confirmation": {
            **data["referentiel_confirmation"], "competences_hash": "abc"}})  # fmt: skip


def test_people_one_a_line_name_then_function():
    people, errors = rc.confirmers(PEOPLE + "\n  \nLéa Dupont - RH")
    assert errors == []
    assert people == [
        {"name": "Anne Martin", "function": "cheffe d'équipe"},
        {"name": "Karim Benali", "function": "technicien paie"},
        {"name": "Léa Dupont", "function": "RH"},
    ]
    _, errors = rc.confirmers("Anne Martin")
    assert errors and "Ligne 1" in errors[0] and "fonction" in errors[0]
    assert rc.confirmers("")[1] == ["Indiquez au moins une personne de l'équipe de travail."]


# --- action ------------------------------------------------------------------------------


def _confirm(w, role, **kw):
    args = {"confirmed_on": DAY, "people": PEOPLE, "comment": " Relu en réunion. "} | kw
    return actions.confirm(w.dossier, w.users[role], w.dossier.version, **args)


def _block(w):
    w.dossier.refresh_from_db()
    return convert.to_domain(w.dossier).referentiel_confirmation


@pytest.mark.parametrize("role", ["company_admin", "facilitator"])
def test_the_company_side_confirms_with_an_event(world, role):
    _confirm(world, role)
    block = _block(world)
    assert block.confirmed_on == DAY and block.comment == "Relu en réunion."
    assert [p.name for p in block.by] == ["Anne Martin", "Karim Benali"]
    assert rc.state(convert.to_domain(world.dossier)) == rc.State.CONFIRMED
    event = DossierEvent.objects.filter(dossier=world.dossier).first()
    assert event.section == "referentiel_confirmation"
    assert "confirmé le 20/11/2026 par 2 personnes" in event.comment


@pytest.mark.parametrize(
    "role", ["tutor", "trainer", "learner", "opco_staff", "company_admin_other",
             "facilitator_other"],
)  # fmt: skip
def test_every_other_role_is_refused(world, role):
    with pytest.raises(PermissionDenied):
        _confirm(world, role)
    assert _block(world) is None


def test_not_while_the_opco_instructs(world):
    world.dossier.status = "submitted"
    world.dossier.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        _confirm(world, "company_admin")


def test_bad_input_names_the_field_and_writes_nothing(world):
    with pytest.raises(InvalidDossier) as exc:
        _confirm(world, "company_admin", confirmed_on=dt.date(2027, 1, 1), people="Anne")
    paths = {e.path for e in exc.value.errors}
    assert paths == {"referentiel_confirmation.confirmed_on", "referentiel_confirmation.people"}
    assert any("futur" in e.message for e in exc.value.errors)
    assert _block(world) is None


def test_the_version_lock(world):
    with pytest.raises(StaleDossier):
        actions.confirm(world.dossier, world.users["company_admin"], world.dossier.version - 1,
                        confirmed_on=DAY, people=PEOPLE)  # fmt: skip


# --- page --------------------------------------------------------------------------------


def _step(w):
    return reverse("web:step", args=[w.dossier.pk, "referentiel"])


def test_the_step_shows_the_state_and_the_form_to_the_company_only(world, login):
    html = unescape(login(world.users["company_admin"]).get(_step(world)).content.decode())
    assert "Confirmation par l'équipe de travail" in html
    assert "Non confirmé par l'équipe de travail" in html
    assert 'name="people"' in html
    html = unescape(login(world.users["tutor"]).get(_step(world)).content.decode())
    assert "Non confirmé par l'équipe de travail" in html and 'name="people"' not in html


def test_posting_confirms_then_a_changed_competence_shows_a_reconfirm(world, login):
    client = login(world.users["facilitator"])
    url = reverse("web:referentiel_confirm", args=[world.dossier.pk])
    body = {"version": world.dossier.version, "confirmed_on": "2026-11-20", "people": PEOPLE}
    response = client.post(url, body)
    assert response.status_code == 302 and response.url.endswith("#confirmation")
    html = unescape(client.get(_step(world)).content.decode())
    assert "Confirmé par l'équipe de travail" in html and "Anne Martin (cheffe d'équipe)" in html
    world.dossier.refresh_from_db()
    world.dossier.content["competences"][0]["statement"] += " (revu)"
    world.dossier.save(update_fields=["content"])
    html = unescape(client.get(_step(world)).content.decode())
    assert "À reconfirmer : les compétences ont changé" in html


def test_a_bad_post_shows_the_french_error_next_to_the_field(world, login):
    client = login(world.users["company_admin"])
    url = reverse("web:referentiel_confirm", args=[world.dossier.pk])
    response = client.post(url, {"version": world.dossier.version, "confirmed_on": "2026-11-20",
                                 "people": "Anne Martin"})  # fmt: skip
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "Ligne 1 : indiquez le nom puis la fonction" in html
    assert 'id="id_people-erreurs"' in html


def test_the_opco_summary_says_whether_the_team_confirmed(world, login):
    _confirm(world, "company_admin")
    world.dossier.refresh_from_db()
    world.dossier.status = "submitted"
    world.dossier.save(update_fields=["status"])
    url = reverse("web:opco_summary", args=[world.dossier.pk])
    html = unescape(login(world.users["opco_staff"]).get(url).content.decode())
    assert "<dt>Équipe de travail</dt>" in html
    assert "Confirmé le 20/11/2026 par Anne Martin (cheffe d'équipe), Karim Benali" in html


def test_the_summary_line_of_each_state(valid_dossier_data):
    assert rc.summary(parse_dossier(valid_dossier_data)) == rc.LABELS[rc.State.ABSENT]
    data = _confirmed(valid_dossier_data)
    assert rc.summary(parse_dossier(data)) == "Confirmé le 20/11/2026 par A (B)"
    data["competences"] = data["competences"][1:]
    assert rc.summary(parse_dossier(data)).startswith("À reconfirmer")


def test_the_referentiel_paper_says_it_once_recorded(valid_dossier_data):
    from parcours.domain.documents.design import referentiel_paper
    from parcours.domain.figures import Figures

    def said(data):
        d = parse_dossier(data)
        paper = referentiel_paper(d, Figures(d), None)
        return [b for b in paper.blocks if "Équipe de travail" in str(b)]

    assert said(valid_dossier_data) == []  # today's papers unchanged
    (line,) = said(_confirmed(valid_dossier_data))
    assert "confirmé le 20/11/2026 par A (B)" in str(line)
