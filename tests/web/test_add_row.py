"""The référentiel and parcours lists show no blank row once they hold items; the
« Ajouter une compétence / un module » button fetches one server-rendered row (htmx)."""

import html

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("slug", "name", "label", "count"),
    [("referentiel", "competences", "Ajouter une compétence", 7),
     ("parcours", "modules", "Ajouter un module", 5)],
)  # fmt: skip
def test_no_blank_row_but_an_add_button(client, world, slug, name, label, count):
    row = world.dossier
    client.force_login(world.users["company_admin"])
    body = text(client.get(reverse("web:step", args=[row.pk, slug])))
    assert f'name="{name}-TOTAL_FORMS" value="{count}"' in body
    assert f'name="{name}-{count}-id"' not in body
    assert f'id="ajouter-{name}"' in body and label in body
    assert f'hx-target="#{name}-rows"' in body


@pytest.mark.parametrize(
    ("slug", "name", "count"), [("referentiel", "competences", 7), ("parcours", "modules", 5)]
)
def test_the_button_gets_the_next_row_and_the_new_total(client, world, slug, name, count):
    row = world.dossier
    client.force_login(world.users["facilitator"])
    url = reverse("web:step_row", args=[row.pk, slug])
    response = client.get(url, {f"{name}-TOTAL_FORMS": count}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = text(response)
    assert f'id="{name}-{count}"' in body  # the fieldset
    assert f'name="{name}-{count}-id"' in body and "autofocus" in body
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


def test_an_empty_list_starts_with_one_blank_row(client, world):
    row = world.dossier
    row.content["modules"], row.content["sequences"] = [], []
    row.save()
    client.force_login(world.users["company_admin"])
    body = text(client.get(reverse("web:step", args=[row.pk, "parcours"])))
    assert 'name="modules-0-id"' in body


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
