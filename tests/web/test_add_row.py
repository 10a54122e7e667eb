"""The lists of the steps (compétences, modules, séquences, formateurs, bilans) show no blank
row once they hold items; their « Ajouter… » button fetches one server-rendered row (htmx)."""

import pytest
from django.urls import reverse

from tests.web.pages import text

pytestmark = pytest.mark.django_db


# step, list, button, rows in the demo dossier, the row's first field (a séquence has no id:
# its module names it)
LISTS = [
    ("referentiel", "competences", "Ajouter une compétence", 7, "id"),
    ("parcours", "modules", "Ajouter un module", 5, "id"),
    ("sequences", "sequences", "Ajouter une séquence", 2, "module"),
    ("tuteurs", "trainers", "Ajouter un formateur", 1, "id"),
    ("bilans", "reviews", "Ajouter un bilan", 3, "id"),
]
PARAMS = ("slug", "name", "label", "count", "first")


@pytest.mark.parametrize(PARAMS, LISTS)
def test_no_blank_row_but_an_add_button(client, world, slug, name, label, count, first):
    row = world.dossier
    client.force_login(world.users["company_admin"])
    body = text(client.get(reverse("web:step", args=[row.pk, slug])))
    assert f'name="{name}-TOTAL_FORMS" value="{count}"' in body
    assert f'name="{name}-{count}-{first}"' not in body
    assert f'id="ajouter-{name}"' in body and label in body
    assert f'hx-target="#{name}-rows"' in body


@pytest.mark.parametrize(PARAMS, LISTS)
def test_the_button_gets_the_next_row_and_the_new_total(
    client, world, slug, name, label, count, first
):
    row = world.dossier
    client.force_login(world.users["facilitator"])
    url = reverse("web:step_row", args=[row.pk, slug])
    response = client.get(url, {f"{name}-TOTAL_FORMS": count}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = text(response)
    assert f'id="{name}-{count}"' in body  # the fieldset
    assert f'name="{name}-{count}-{first}"' in body and "autofocus" in body
    assert f'name="{name}-TOTAL_FORMS" value="{count + 1}"' in body
    assert 'hx-swap-oob="true"' in body


def test_a_row_added_then_filled_is_saved(client, world):
    from tests.web.test_pages_steps import _form_data

    row = world.dossier
    client.force_login(world.users["company_admin"])
    data = _form_data(client.get(reverse("web:step", args=[row.pk, "referentiel"])))
    added = client.get(
        reverse("web:step_row", args=[row.pk, "referentiel"]), {"competences-TOTAL_FORMS": 7}
    )
    assert 'name="competences-7-statement"' in text(added)
    data |= {
        "competences-TOTAL_FORMS": 8,
        "competences-7-id": "C8",
        "competences-7-statement": "Être capable de préparer la déclaration sociale nominative",
        "competences-7-importance": "necessaire",
        "competences-7-level": "2",
        "version": row.version,
    }
    response = client.post(reverse("web:step", args=[row.pk, "referentiel"]), data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert [c["id"] for c in row.content["competences"]][-1] == "C8"


def test_the_twelfth_competence_is_the_last(client, world):
    row = world.dossier
    client.force_login(world.users["company_admin"])
    url = reverse("web:step_row", args=[row.pk, "referentiel"])
    last = client.get(url, {"competences-TOTAL_FORMS": 11})
    assert 'id="ajouter-competences" hidden' in text(last)
    assert client.get(url, {"competences-TOTAL_FORMS": 12}).status_code == 400


def test_a_review_added_by_the_button_is_saved_with_the_others(client, world):
    from tests.web.test_pages_steps import _form_data

    row = world.dossier
    client.force_login(world.users["company_admin"])
    data = _form_data(client.get(reverse("web:step", args=[row.pk, "bilans"])))
    added = client.get(reverse("web:step_row", args=[row.pk, "bilans"]), {"reviews-TOTAL_FORMS": 3})
    assert 'name="reviews-3-planned_date"' in text(added)
    data |= {
        "reviews-TOTAL_FORMS": 4,
        "reviews-3-id": "B4",
        "reviews-3-kind": "suivi",
        "reviews-3-planned_date": "2027-05-14",
        "version": row.version,
    }
    response = client.post(reverse("web:step", args=[row.pk, "bilans"]), data)
    assert response.status_code == 302, text(response)
    row.refresh_from_db()
    assert [r["id"] for r in row.content["reviews"]] == ["B1", "B2", "B3", "B4"]


@pytest.mark.parametrize(PARAMS, LISTS)
def test_an_empty_list_starts_with_one_blank_row(client, world, slug, name, label, count, first):
    row = world.dossier
    row.content[name] = []
    row.save()
    client.force_login(world.users["company_admin"])
    body = text(client.get(reverse("web:step", args=[row.pk, slug])))
    assert f'name="{name}-0-{first}"' in body
    assert f'name="{name}-1-{first}"' not in body


def test_who_cannot_edit_the_step_gets_no_row(client, world):
    client.force_login(world.users["tutor"])
    url = reverse("web:step_row", args=[world.dossier.pk, "referentiel"])
    assert client.get(url).status_code == 403
    body = text(client.get(reverse("web:step", args=[world.dossier.pk, "referentiel"])))
    assert "Ajouter une compétence" not in body
    client.force_login(world.users["company_admin"])
    assert (
        client.get(reverse("web:step_row", args=[world.dossier.pk, "contrat"])).status_code == 404
    )
