"""The steps follow the guide: « Étape x sur 6 », « Enregistrer et continuer »."""

import re

import pytest
from django.urls import reverse

from parcours.web.findings import STEP_SLUGS
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def test_the_pages_follow_the_guide_s_order():
    assert STEP_SLUGS[:3] == ("entreprise", "referentiel", "salarie")
    assert STEP_SLUGS.index("referentiel") < STEP_SLUGS.index("contrat")


@pytest.mark.parametrize(
    ("slug", "number", "title"),
    [
        ("referentiel", 1, "Formaliser le besoin en compétences"),
        ("parcours", 2, "Construire le parcours de formation"),
        ("contrat", 3, "Valider le contrat"),
    ],
)
def test_each_step_says_where_it_is_in_the_guide(world, login, slug, number, title):
    body = text(
        login(world.users["company_admin"]).get(reverse("web:step", args=[world.dossier.pk, slug]))
    )
    assert f"Étape {number} sur 6 — {title}" in re.sub(r"<[^>]+>", "", body)


def test_save_and_continue_leads_to_the_next_page_of_the_guide(world, login):
    row = world.dossier
    client = login(world.users["company_admin"])
    c = row.content["contract"]
    data = {f"contract-{k}": ("" if v is None else v) for k, v in c.items()}
    data |= {"version": row.version, "contract-job_title": "Paie", "continuer": "1"}
    response = client.post(reverse("web:step", args=[row.pk, "contrat"]), data)
    assert response.status_code == 302
    assert response.url == reverse("web:step", args=[row.pk, "bilans"])
    row.refresh_from_db()
    assert row.content["contract"]["job_title"] == "Paie"
    del data["continuer"]
    data["version"] = row.version
    again = client.post(reverse("web:step", args=[row.pk, "contrat"]), data)
    assert again.url == reverse("web:step", args=[row.pk, "contrat"])


def test_the_button_is_on_every_editable_step(world, login):
    client = login(world.users["company_admin"])
    for slug in ("entreprise", "referentiel", "parcours"):
        body = text(client.get(reverse("web:step", args=[world.dossier.pk, slug])))
        assert "Enregistrer et continuer" in body, slug


def test_the_parcours_step_names_its_trainers_and_links_to_add_one(world, login):
    row = world.dossier
    body = text(
        login(world.users["company_admin"]).get(reverse("web:step", args=[row.pk, "parcours"]))
    )
    assert "Nommer un formateur interne" in body
    assert reverse("web:step", args=[row.pk, "tuteurs"]) + "#trainers-rows" in body
    assert row.content["trainers"][0]["name"] in body


def test_the_submission_and_papers_pages_are_step_3(world, login):
    client = login(world.users["company_admin"])
    for name in ("web:submission", "web:documents"):
        body = re.sub(r"<[^>]+>", "", text(client.get(reverse(name, args=[world.dossier.pk]))))
        assert "Étape 3 sur 6 — Valider le contrat" in body, name
