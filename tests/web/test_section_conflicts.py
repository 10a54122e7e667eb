"""A save conflicts only with a concurrent change of the same part of the dossier."""

import pytest
from django.urls import reverse

from parcours.dossiers import actions
from parcours.dossiers.errors import StaleDossier
from parcours.dossiers.models import Dossier
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def _fresh(row):
    return Dossier.objects.get(pk=row.pk)


def _assessed(row, level):
    positioning = {**row.content["positioning"]}
    positioning["entries"] = [{**e, "assessed_level": level} for e in positioning["entries"]]
    return positioning


def _hours(row, hours):
    modules = [dict(m) for m in row.content["modules"]]
    modules[1]["hours"] = hours
    return modules


def test_a_save_of_another_section_since_is_merged(world):
    row = world.dossier  # the tutor and the HR manager both opened version 1
    actions.update_section(_fresh(row), world.users["tutor"], "positioning", _assessed(row, 2), 1)
    actions.update_section(_fresh(row), world.users["company_admin"], "modules", _hours(row, 41), 1)
    row.refresh_from_db()
    assert row.version == 3
    assert row.content["modules"][1]["hours"] == 41
    assert {e["assessed_level"] for e in row.content["positioning"]["entries"]} == {2}
    assert [e.section for e in row.events.order_by("version")] == ["positioning", "modules"]


def test_a_save_of_the_same_section_since_is_refused_and_says_what_changed(world):
    row = world.dossier
    actions.update_section(_fresh(row), world.users["facilitator"], "modules", _hours(row, 41), 1)
    with pytest.raises(StaleDossier) as raised:
        actions.update_section(
            _fresh(row), world.users["company_admin"], "modules", _hours(row, 50), 1
        )
    message = raised.value.message
    assert str(world.users["facilitator"]) in message
    assert "les heures du module M2" in message and "→ 41" in message
    assert "modules[1]" not in message
    assert raised.value.current_version == 2
    row.refresh_from_db()
    assert (row.version, row.content["modules"][1]["hours"]) == (2, 41)
    assert row.events.count() == 1
    # Having seen it, she saves over the current version: her value is kept.
    actions.update_section(_fresh(row), world.users["company_admin"], "modules", _hours(row, 50), 2)
    row.refresh_from_db()
    assert (row.version, row.content["modules"][1]["hours"]) == (3, 50)


def test_a_change_of_state_since_conflicts_with_every_section(world):
    row = world.dossier
    actions.submit_dossier(_fresh(row), world.users["company_admin"], 1)
    Dossier.objects.filter(pk=row.pk).update(status="changes_requested")
    with pytest.raises(StaleDossier):
        actions.update_section(
            _fresh(row), world.users["company_admin"], "modules", _hours(row, 50), 1
        )
    row.refresh_from_db()
    assert row.content["modules"][1]["hours"] != 50


def test_a_merge_that_breaks_the_document_writes_nothing(world):
    from parcours.dossiers.errors import InvalidDossier

    row = world.dossier
    contract = {**row.content["contract"], "weekly_hours": 35}
    actions.update_section(_fresh(row), world.users["tutor"], "positioning", _assessed(row, 2), 1)
    stale = _fresh(row)
    # the merged document is validated whole: a broken section is refused, not stored
    with pytest.raises(InvalidDossier):
        actions.update_section(
            stale, world.users["company_admin"], "contract", {**contract, "weekly_hours": 99}, 1
        )
    row.refresh_from_db()
    assert row.version == 2 and row.content["contract"]["weekly_hours"] != 99


def test_the_parcours_page_saves_after_the_tutors_positioning(world, login):
    row = world.dossier
    client = login(world.users["company_admin"])
    data = _parcours_post(client, row, hours="41")  # she opened version 1
    assert data["version"] == "1"
    actions.update_section(_fresh(row), world.users["tutor"], "positioning", _assessed(row, 2), 1)
    response = client.post(reverse("web:step", args=[row.pk, "parcours"]), data)
    assert response.status_code == 302, text(response)[:2000]
    row.refresh_from_db()
    assert row.content["modules"][1]["hours"] == 41
    assert {e["assessed_level"] for e in row.content["positioning"]["entries"]} == {2}


def test_a_real_conflict_keeps_the_input_and_offers_to_save_it(world, login):
    row = world.dossier
    client = login(world.users["company_admin"])
    data = _parcours_post(client, row, hours="50")
    actions.update_section(_fresh(row), world.users["facilitator"], "modules", _hours(row, 41), 1)
    response = client.post(reverse("web:step", args=[row.pk, "parcours"]), data)
    assert response.status_code == 409
    body = text(response)
    assert "les heures du module M2" in body and "→ 41" in body
    assert 'name="version" value="2"' in body
    assert 'name="modules-1-hours" value="50"' in body
    row.refresh_from_db()
    assert row.content["modules"][1]["hours"] == 41
    again = client.post(reverse("web:step", args=[row.pk, "parcours"]), {**data, "version": 2})
    assert again.status_code == 302
    row.refresh_from_db()
    assert row.content["modules"][1]["hours"] == 50


def test_the_api_merges_a_save_of_another_section(world, client):
    from tests import factories

    row = world.dossier
    actions.update_section(_fresh(row), world.users["tutor"], "positioning", _assessed(row, 2), 1)
    response = client.put(
        f"/api/dossiers/{row.pk}/sections/modules",
        {"version": 1, "data": _hours(row, 41)},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {factories.token_for(world.users['company_admin'])}",
    )
    assert response.status_code == 200, response.content
    row.refresh_from_db()
    assert row.version == 3 and row.content["modules"][1]["hours"] == 41


def _parcours_post(client, row, hours):
    """The parcours form as the page renders it, with module M2's hours changed."""
    import re

    body = client.get(reverse("web:step", args=[row.pk, "parcours"])).content.decode()
    form = body[body.index('<form method="post"') :]
    data = {}
    for tag in re.findall(r"<(?:input|select|textarea)[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data.setdefault(name[1], []).append(value[1] if value else "")
    for select in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', select[2])
        data[select[1]] = chosen or [""]
    for area in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[area[1]] = [area[2].strip()]
    data["modules-1-hours"] = [hours]
    return {k: v if len(v) > 1 else v[0] for k, v in data.items()}
