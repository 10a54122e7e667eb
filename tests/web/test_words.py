"""Findings, refusals and the history in words: no JSON path, no Python value."""

import re

import pytest

from parcours.domain.loading import FieldError
from parcours.domain.wording import described, value, where
from parcours.dossiers import actions
from parcours.dossiers.errors import TransitionRefused
from tests import factories

pytestmark = pytest.mark.django_db

JSON_PATH = re.compile(r"[a-z_]+\[\d+\]|\b[a-z]+_[a-z_]+\b|\b(?:None|True|False)\b")


def test_a_path_becomes_the_thing_it_is_about():
    doc = factories.example()
    statement = doc["competences"][3]["statement"]
    words = where("competences[3].statement", doc)
    assert words.startswith("l'énoncé de la compétence n° 4 « ")
    assert statement[:30] in words
    assert where("modules[1].objective", doc).startswith("l'objectif du module M2 « ")
    assert where("company.representative.name", doc) == "le nom du représentant de l'entreprise"
    entry = where("positioning.entries[2].self_level", doc)
    assert entry.startswith("l'auto-évaluation du salarié pour la compétence n° 3")
    assert where("", doc) == "le dossier"
    for path in ("sessions[0].hours", "reviews[0].planned_date", "trainers[0].name", "x.y[3]"):
        assert "[" not in where(path, doc)


def test_values_are_written_in_words():
    assert value(None) == "—"
    assert (value(True), value(False)) == ("oui", "non")
    assert value("2027-03-12") == "12/03/2027"
    assert value({"id": "C1", "statement": "Être capable de lire"}) == "C1 « Être capable de lire »"
    assert "{" not in value({"date": "2027-01-02", "kind": "final"})


def test_a_field_error_is_described_in_words():
    error = FieldError("comments", "indiquez au moins une section à modifier et pourquoi")
    assert described(error) == (
        "Les demandes de modification : indiquez au moins une section à modifier et pourquoi"
    )


def test_the_refused_submission_names_the_competence_not_its_path(world):
    data = factories.example()
    data["competences"][3]["statement"] = "Traiter les entrées et sorties de salariés"
    row = factories.dossier(world.company, data=data)
    with pytest.raises(TransitionRefused) as raised:
        actions.submit_dossier(row, world.users["company_admin"], 1)
    (reason,) = [r for r in raised.value.reasons if "REF-02" in r]
    assert "la compétence n° 4 « Traiter les entrées et sorties de salariés »" in reason
    assert "competences[" not in reason and "statement" not in reason
    row.refresh_from_db()
    assert (row.status, row.version) == ("draft", 1)


def test_the_submission_page_links_each_alert_to_its_field(world, login):
    data = factories.example()
    data["competences"][3]["statement"] = "Traiter les entrées et sorties de salariés"
    row = factories.dossier(world.company, data=data, tutor=world.users["tutor"])
    body = login(world.users["company_admin"]).get(f"/dossiers/{row.pk}/soumission/")
    body = body.content.decode()
    assert (
        f'Concerne : <a href="/dossiers/{row.pk}/referentiel/#id_competences-3-statement">' in body
    )
    visible = re.sub(r"<[^>]+>", " ", body)  # what people read, not the hidden fields
    assert "competences[3]" not in visible and "statement" not in visible


def test_the_history_shows_labelled_french_values(world, login):
    admin = world.users["company_admin"]
    row = world.dossier
    tutor = {**row.content["tutor"], "volunteer": False, "learners_followed": 2}
    actions.update_section(row, admin, "tutor", tutor, row.version)
    competences = [*row.content["competences"][:3]]
    actions.update_section(row, admin, "competences", competences, row.version)
    body = login(admin).get(f"/dossiers/{row.pk}/historique/").content.decode()
    table = body[body.index('<ol class="history">') :]
    assert "Le volontariat du tuteur" in table and "<td>non</td>" in table
    assert "{&#x27;id&#x27;" not in table and "{'id'" not in table
    for code in ("None", "True", "False", "<code>"):
        assert code not in table
