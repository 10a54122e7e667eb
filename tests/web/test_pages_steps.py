"""The dossier's step pages: who sees them, saving, findings next to fields, conflicts."""

import re

import pytest
from django.urls import reverse

from parcours.dossiers.models import Dossier
from parcours.web.findings import STEPS
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def url(row, slug):
    return reverse("web:step", args=[row.pk, slug])


@pytest.mark.parametrize(("slug", "title"), [(slug, title) for slug, title, _ in STEPS])
def test_every_step_renders_for_the_company_admin(world, login, slug, title):
    response = login(world.users["company_admin"]).get(url(world.dossier, slug), follow=True)
    assert response.status_code == 200
    assert b'lang="fr"' in response.content
    body = text(response)
    assert title in body
    assert world.dossier.content["learner"]["last_name"] in body  # the dossier's own page


@pytest.mark.parametrize("role", ["tutor", "trainer", "learner", "facilitator", "opco_staff"])
def test_the_referentiel_renders_for_every_party_of_the_dossier(world, login, role):
    if role == "opco_staff":  # the OPCO sees a dossier from its first submission
        world.dossier.__class__.objects.filter(pk=world.dossier.pk).update(status="submitted")
    assert login(world.users[role]).get(url(world.dossier, "referentiel")).status_code == 200


@pytest.mark.parametrize("role", ["tutor", "trainer", "learner", "facilitator"])
def test_every_party_reads_the_competences_on_the_referentiel(world, login, role):
    body = text(login(world.users[role]).get(url(world.dossier, "referentiel")))
    for competence in world.dossier.content["competences"]:
        assert competence["statement"] in body


def test_another_company_gets_a_404(world, login):
    response = login(world.users["company_admin_other"]).get(url(world.dossier, "contrat"))
    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(world, client):
    response = client.get(url(world.dossier, "contrat"))
    assert response.status_code == 302
    # LOGIN_URL is the French login page; Django's default path is kept as an alias.
    assert response["Location"].startswith(("/connexion/", "/accounts/login/"))


def contract_post(row, **changes):
    c = row.content["contract"]
    data = {f"contract-{k}": ("" if v is None else v) for k, v in c.items()}
    data["version"] = row.version
    data.update(changes)
    return data


def test_it_saves_the_contract_through_the_backend_and_bumps_the_version(world, login):
    row = world.dossier
    client = login(world.users["company_admin"])
    response = client.post(
        url(row, "contrat"), contract_post(row, **{"contract-job_title": "Paie"})
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.content["contract"]["job_title"] == "Paie"
    assert row.version == 2
    assert row.events.filter(section="contract").exists()


def test_a_stale_save_shows_the_conflict_and_keeps_the_input(world, login):
    row = world.dossier
    client = login(world.users["company_admin"])
    stale = contract_post(row, **{"contract-job_title": "Mon intitulé"})
    Dossier.objects.filter(pk=row.pk).update(version=row.version + 1)
    response = client.post(url(row, "contrat"), stale)
    assert response.status_code == 409
    body = text(response)
    assert "Quelqu'un d'autre a enregistré ce dossier avant vous" in body
    assert 'value="Mon intitulé"' in body
    row.refresh_from_db()
    assert row.content["contract"]["job_title"] != "Mon intitulé"


def test_a_finding_is_shown_next_to_its_field(world, login):
    row = world.dossier
    row.content["competences"][1]["statement"] = "Savoir faire la paie"
    row.save()
    body = login(world.users["company_admin"]).get(url(row, "referentiel")).content.decode()
    assert 'id="id_competences-1-statement-constats"' in body
    assert (
        'aria-describedby="id_competences-1-statement-aide id_competences-1-statement-constats"'
        in body
    )
    field_html = body.split('id="id_competences-1-statement-constats"')[1].split("</ul>")[0]
    assert "REF-02" in field_html


def test_the_learner_does_not_see_the_benefits_field(world, login):
    body = login(world.users["learner"]).get(url(world.dossier, "salarie")).content.decode()
    assert 'name="learner-benefits"' not in body
    assert 'value="rsa"' not in body


def test_the_company_admin_sees_the_benefits(world, login):
    body = login(world.users["company_admin"]).get(url(world.dossier, "salarie")).content.decode()
    assert re.search(r'<input[^>]*name="learner-benefits" value="rsa"[^>]*checked', body)


def test_the_learner_cannot_save_the_contract(world, login):
    row = world.dossier
    before = (row.version, row.content, row.events.count())
    posted = contract_post(row, **{"contract-job_title": "Poste changé par le salarié"})
    response = login(world.users["learner"]).post(url(row, "contrat"), posted)
    assert response.status_code == 403
    row.refresh_from_db()
    assert (row.version, row.content, row.events.count()) == before


def test_a_live_check_answers_with_the_findings_of_the_typed_statement(world, login):
    row = world.dossier
    client = login(world.users["company_admin"])
    get = client.get(url(row, "referentiel"))
    data = {k: v for k, v in _form_data(get).items()}
    data["competences-0-statement"] = "Connaître la paie"
    data["_live"] = "1"
    response = client.post(
        url(row, "referentiel"),
        data,
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER_NAME="competences-0-statement",
    )
    assert response.status_code == 200
    assert "REF-02" in response.content.decode()
    row.refresh_from_db()
    assert row.version == 1  # a live check saves nothing


def _form_data(response):
    """The initial values of every formset field, as the browser would send them."""
    forms = response.context["forms"]
    data = {}
    for item in forms.values():
        if hasattr(item, "management_form"):
            for bf in item.management_form:
                data[bf.html_name] = bf.value()
            subforms = item.forms
        else:
            subforms = [item]
        for form in subforms:
            for bf in form:
                value = bf.value()
                if value is None or value is False:
                    continue
                data[bf.html_name] = value
    return data


def test_the_parcours_page_shows_the_matrix_and_the_figures(world, login):
    body = text(login(world.users["company_admin"]).get(url(world.dossier, "parcours")))
    assert "Compétences × modules" in body
    assert "Heures d'enseignement (hors AFEST)" in body
    assert "Toutes les compétences sont couvertes." in body


def test_saving_the_referentiel_unchanged_keeps_the_competences(world, login):
    row = world.dossier
    client = login(world.users["company_admin"])
    data = _form_data(client.get(url(row, "referentiel")))
    data["version"] = row.version
    response = client.post(url(row, "referentiel"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    row.refresh_from_db()
    assert len(row.content["competences"]) == 7
