"""TUT-05 across dossiers: the tutor's contracts are counted in the database, and naming a
tutor on one contract too many is refused with the others named."""

import pytest

from parcours.domain.rules import check
from parcours.dossiers import actions, convert
from parcours.dossiers.enums import Status
from parcours.dossiers.errors import InvalidDossier
from tests import factories

pytestmark = pytest.mark.django_db


def _named(world, status, learner_name, tutor_name="Sophie Bernard", tutor=None):
    data = factories.example()
    data["learner"]["last_name"] = learner_name
    data["tutor"]["name"] = tutor_name
    return factories.dossier(world.company, status, data, tutor=tutor)


def _tut_05(row):
    row.refresh_from_db()
    return [f for f in check(convert.to_domain(row)).findings if f.rule == "TUT-05"]


def test_three_contracts_pass_a_fourth_is_blocked_naming_the_others(world):
    _named(world, Status.RUNNING, "Alpha")
    _named(world, Status.SUBMITTED, "Bravo")
    assert _tut_05(world.dossier) == []  # 3 with this one
    _named(world, Status.ACCEPTED, "Charlie")
    (finding,) = _tut_05(world.dossier)
    assert finding.severity.value == "bloquant"
    for name in ("ALPHA", "BRAVO", "CHARLIE"):
        assert name in finding.message


def test_drafts_ended_contracts_and_other_companies_are_not_counted(world):
    _named(world, Status.RUNNING, "Alpha")
    _named(world, Status.RUNNING, "Bravo")
    _named(world, Status.DRAFT, "Draft")
    _named(world, Status.COMPLETED, "Done")
    _named(world, Status.TERMINATED, "Broken")
    factories.dossier(world.other_company, Status.RUNNING, factories.example())
    assert _tut_05(world.dossier) == []


def test_the_same_tutor_account_counts_whatever_name_the_document_gives(world):
    tutor = world.users["tutor"]
    for name in ("Alpha", "Bravo", "Charlie"):
        _named(world, Status.RUNNING, name, tutor_name=f"Tuteur {name}", tutor=tutor)
    assert len(_tut_05(world.dossier)) == 1


def test_naming_the_tutor_one_time_too_many_is_refused_and_nothing_is_written(world):
    for name in ("Alpha", "Bravo", "Charlie"):
        _named(world, Status.RUNNING, name, tutor_name="Marc Durand")
    row = world.dossier
    tutor = dict(row.content["tutor"], name="Marc Durand")
    with pytest.raises(InvalidDossier) as caught:
        actions.update_section(row, world.users["company_admin"], "tutor", tutor, row.version)
    (error,) = caught.value.errors
    assert error.path == "tutor.name"
    assert "ALPHA Nadia" in error.message and "CHARLIE Nadia" in error.message
    row.refresh_from_db()
    assert row.content["tutor"]["name"] == "Sophie Bernard"


def test_another_tutor_is_accepted(world):
    for name in ("Alpha", "Bravo", "Charlie"):
        _named(world, Status.RUNNING, name, tutor_name="Marc Durand")
    row = world.dossier
    tutor = dict(row.content["tutor"], name="Julie Petit")
    actions.update_section(row, world.users["company_admin"], "tutor", tutor, row.version)
    row.refresh_from_db()
    assert row.content["tutor"]["name"] == "Julie Petit"


def test_assigning_the_tutor_account_one_time_too_many_is_refused(world):
    other_tutor = factories.user("tutor", world.company)
    for name in ("Alpha", "Bravo", "Charlie"):
        _named(world, Status.RUNNING, name, tutor_name=f"Tuteur {name}", tutor=other_tutor)
    row = world.dossier
    with pytest.raises(InvalidDossier) as caught:
        actions.assign_people(
            row, world.users["company_admin"], row.version, tutor=other_tutor,
            learner=world.users["learner"],
        )  # fmt: skip
    assert "ALPHA" in caught.value.errors[0].message
    row.refresh_from_db()
    assert row.tutor_id == world.users["tutor"].pk


def test_the_tutor_load_is_derived_never_stored(world):
    _named(world, Status.RUNNING, "Alpha")
    document = convert.document(world.dossier)
    assert document["tutor_load"]["others"] == [next(iter(document["tutor_load"]["others"]))]
    assert "ALPHA Nadia" in document["tutor_load"]["others"][0]
    assert "tutor_load" not in world.dossier.content


def test_prefetched_loads_equal_one_query_each(world, django_assert_max_num_queries):
    from parcours.dossiers import tutor_load
    from parcours.dossiers.models import Dossier

    tutor = world.users["tutor"]
    for name in ("Alpha", "Bravo", "Charlie"):
        _named(world, Status.RUNNING, name)
    _named(world, Status.RUNNING, "Delta", tutor_name="Autre Tuteur", tutor=tutor)
    factories.dossier(world.other_company, Status.RUNNING, factories.example())
    rows = list(Dossier.objects.order_by("pk"))
    expected = {r.pk: tutor_load.others(r) for r in rows}
    with django_assert_max_num_queries(1):
        tutor_load.prefetch(rows)
    assert {r.pk: r._tutor_load_others for r in rows} == expected
    assert max(len(v) for v in expected.values()) == 4  # by name and by account
