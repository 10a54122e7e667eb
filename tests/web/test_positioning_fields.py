"""The positioning is written field by field: the learner their self-assessment, the tutor
the assessed level and the comment; the backend refuses anything else, naming the field."""

import copy

import pytest
from django.urls import reverse

from parcours.dossiers import actions
from parcours.dossiers.errors import InvalidDossier
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def _positioning(row, **changes):
    """The stored positioning with `changes` = {"C1": {"field": value}} applied."""
    value = copy.deepcopy(row.content["positioning"])
    for entry in value["entries"]:
        entry.update(changes.get(entry["competence"], {}))
    return value


def _save(world, role, value):
    return actions.update_section(world.dossier, world.users[role], "positioning", value, 1)


def test_the_learner_changes_their_self_assessment(world):
    _save(world, "learner", _positioning(world.dossier, C1={"self_level": 3}))
    assert world.dossier.content["positioning"]["entries"][0]["self_level"] == 3


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [("assessed_level", 4, "le niveau évalué par le tuteur"),
     ("comment", "Très bien", "le commentaire du tuteur")],
)  # fmt: skip
def test_the_learner_cannot_change_the_tutor_s_fields(world, field, value, label):
    with pytest.raises(InvalidDossier) as raised:
        _save(world, "learner", _positioning(world.dossier, C2={field: value}))
    [error] = raised.value.errors
    assert error.path == f"positioning.entries[1].{field}"
    assert error.message.startswith(f"le salarié ne peut pas modifier {label} (compétence C2)")
    world.dossier.refresh_from_db()
    assert world.dossier.version == 1


def test_the_tutor_changes_the_assessed_level_and_the_comment(world):
    value = _positioning(world.dossier, C1={"assessed_level": 2, "comment": "Progresse"})
    _save(world, "tutor", value)
    entry = world.dossier.content["positioning"]["entries"][0]
    assert (entry["assessed_level"], entry["comment"]) == (2, "Progresse")


def test_the_tutor_cannot_change_the_self_assessment_nor_the_date(world):
    value = _positioning(world.dossier, C3={"self_level": 4})
    value["date"] = "2026-11-21"
    with pytest.raises(InvalidDossier) as raised:
        _save(world, "tutor", value)
    assert [e.path for e in raised.value.errors] == [
        "positioning.date",
        "positioning.entries[2].self_level",
    ]
    assert "le tuteur ne peut pas modifier l'auto-positionnement du salarié" in str(raised.value)


def test_the_learner_cannot_remove_an_entry_the_tutor_filled(world):
    value = _positioning(world.dossier)
    value["entries"] = value["entries"][1:]
    with pytest.raises(InvalidDossier) as raised:
        _save(world, "learner", value)
    assert [e.path for e in raised.value.errors] == [
        "positioning.entries[0].assessed_level",
        "positioning.entries[0].comment",
    ]


def test_the_learner_may_start_a_positioning_nobody_wrote_yet(world):
    row = world.dossier
    row.content["positioning"] = None
    row.save()
    value = {"date": "2026-11-20", "entries": [{"competence": "C1", "self_level": 2}]}
    _save(world, "learner", value)
    assert row.content["positioning"]["entries"][0]["self_level"] == 2


def test_the_company_side_changes_every_field(world):
    value = _positioning(world.dossier, C1={"self_level": 4, "assessed_level": 4, "comment": "x"})
    _save(world, "facilitator", value)
    assert world.dossier.version == 2


# --- through the page ----------------------------------------------------------------


def _page_data(client, row):
    from tests.web.test_pages_steps import _form_data

    data = _form_data(client.get(reverse("web:step", args=[row.pk, "positionnement"])))
    data["version"] = row.version
    return data


@pytest.mark.parametrize(
    ("role", "mine", "theirs"),
    [("learner", "self_level", "assessed_level"), ("tutor", "assessed_level", "self_level")],
)
def test_on_the_page_each_saves_their_field_and_the_other_s_is_kept(
    client, world, role, mine, theirs
):
    row = world.dossier
    client.force_login(world.users[role])
    data = _page_data(client, row)
    data[f"entries-0-{mine}"] = "3"
    data[f"entries-0-{theirs}"] = "4"  # a tampered, disabled field: ignored
    response = client.post(reverse("web:step", args=[row.pk, "positionnement"]), data)
    assert response.status_code == 302, text(response)[-3000:]
    row.refresh_from_db()
    entry = row.content["positioning"]["entries"][0]
    assert (entry[mine], entry[theirs]) == (3, 0)
    assert row.content["positioning"]["date"] == "2026-11-20"
