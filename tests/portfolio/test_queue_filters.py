"""The portfolio's filters (`parcours.portfolio.filters`): each one keeps exactly the rows it
names, the search finds a dossier by each field it promises, and a bad value is reported in
French on its field while the other filters still apply."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from parcours.dossiers.enums import Status
from parcours.dossiers.models import Dossier
from parcours.dossiers.summary import refresh_summary
from parcours.portfolio.filters import PortfolioFilterForm, apply_filters, filter_form
from tests import factories
from tests.portfolio.queue_rows import clones, moment

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)  # the pinned test day


@pytest.fixture
def rows(world):
    Dossier.objects.filter(pk=world.dossier.pk).delete()
    return clones(
        world,
        12,
        status=lambda i: [Status.SUBMITTED, Status.RUNNING, Status.COMPLETED][i % 3],
        age_band=lambda i: ["lt21", "21-25", "45+", ""][i % 4],
        job_seeker=lambda i: [True, False, None][i % 3],
        benefits=lambda i: ["rsa", "aah,rsa", "", "cui_exit", "ass,cui_exit,rsa", "aah"][i % 6],
        start_date=lambda i: dt.date(2027, 1, 1 + i),
        duration_months=lambda i: 6 + i % 7,
        bloquant_count=lambda i: i % 3,
        alerte_count=lambda i: i % 4,
        submitted_at=lambda i: moment(1 + i),
        status_changed_at=lambda i: moment(1 + i),
        decision_deadline=lambda i: dt.date(2026, 11, 10) + dt.timedelta(days=2 * i),
    )


def _pks(data: dict, user=None) -> set[int]:
    form = PortfolioFilterForm(data, user=user)
    assert form.is_valid(), form.errors
    return set(
        apply_filters(Dossier.objects.all(), form.cleaned_data, today=TODAY).values_list(
            "pk", flat=True
        )
    )


def _where(rows, test) -> set[int]:
    fresh = {r.pk: r for r in Dossier.objects.filter(pk__in=[r.pk for r in rows])}
    return {pk for pk, r in fresh.items() if test(r)}


def test_no_filter_keeps_everything(rows):
    assert _pks({}) == {r.pk for r in rows}


def test_each_filter_keeps_exactly_the_rows_it_names(rows):
    cases = [
        ({"status": ["submitted", "completed"]}, lambda r: r.status in ("submitted", "completed")),
        ({"age_band": "45+"}, lambda r: r.age_band == "45+"),
        ({"job_seeker": "oui"}, lambda r: r.job_seeker is True),
        ({"job_seeker": "non"}, lambda r: r.job_seeker is False),
        ({"benefit": "rsa"}, lambda r: "rsa" in r.benefits.split(",")),
        ({"benefit": "aah"}, lambda r: "aah" in r.benefits.split(",")),
        ({"benefit": "cui_exit"}, lambda r: "cui_exit" in r.benefits.split(",")),
        ({"start_from": "2027-01-05"}, lambda r: r.start_date >= dt.date(2027, 1, 5)),
        ({"start_to": "2027-01-05"}, lambda r: r.start_date <= dt.date(2027, 1, 5)),
        ({"duration_min": "8", "duration_max": "10"}, lambda r: 8 <= r.duration_months <= 10),
        ({"bloquant_min": "2"}, lambda r: r.bloquant_count >= 2),
        ({"alerte_min": "1"}, lambda r: r.alerte_count >= 1),
        ({"submitted_from": "2026-10-03", "submitted_to": "2026-10-05"},
         lambda r: dt.date(2026, 10, 3) <= r.submitted_at.date() <= dt.date(2026, 10, 5)),
        # In their state on 22 November since 1 to 12 October: at least 50 days is 3 October
        # or before.
        ({"waiting_min": "50"}, lambda r: r.status_changed_at.date() <= dt.date(2026, 10, 3)),
        ({"overdue": "on"}, lambda r: r.status == "submitted" and r.decision_deadline < TODAY),
    ]  # fmt: skip
    for data, test in cases:
        expected = _where(rows, test)
        assert expected, f"the case {data} selects nothing: it proves nothing"
        assert expected != {r.pk for r in rows}, f"the case {data} selects everything"
        assert _pks(data) == expected, data


def test_filters_combine(rows):
    expected = _where(rows, lambda r: r.status == "submitted" and r.bloquant_count >= 1)
    assert _pks({"status": ["submitted"], "bloquant_min": "1"}) == expected


def test_suivi_par_me_nobody_or_one_instructor(world, rows):
    me, other = world.users["opco_staff"], factories.user("opco_staff", world.opco)
    Dossier.objects.filter(pk__in=[r.pk for r in rows[:3]]).update(assigned_to=me)
    Dossier.objects.filter(pk__in=[r.pk for r in rows[3:5]]).update(assigned_to=other)
    assert _pks({"assigned_to": "moi"}, user=me) == {r.pk for r in rows[:3]}
    assert _pks({"assigned_to": "moi"}, user=other) == {r.pk for r in rows[3:5]}
    assert _pks({"assigned_to": str(other.pk)}, user=me) == {r.pk for r in rows[3:5]}
    assert _pks({"assigned_to": "personne"}, user=me) == {r.pk for r in rows[5:]}


def test_suivi_par_offers_only_opco_accounts(world):
    form = PortfolioFilterForm({"assigned_to": str(world.users["company_admin"].pk)})
    assert not form.is_valid()
    assert "assigned_to" in form.errors
    choices = [label for _, label in form.fields["assigned_to"].choices]
    assert choices[:3] == ["Tous", "Moi", "Personne"]
    assert len(choices) == 4  # the one OPCO account of the world


def test_the_facilitator_filter(world, rows):
    other = factories.organisation("facilitator")
    Dossier.objects.filter(pk__in=[r.pk for r in rows[:4]]).update(facilitator=other)
    assert _pks({"facilitator": str(other.pk)}) == {r.pk for r in rows[:4]}


def test_bad_values_are_reported_in_french_on_their_field(rows):
    form = PortfolioFilterForm(
        {"start_from": "32/13/2026", "bloquant_min": "-1", "status": ["nimporte"],
         "duration_min": "9", "duration_max": "3"}
    )  # fmt: skip
    assert not form.is_valid()
    assert "Saisissez une date valide." in form.errors["start_from"]
    assert "supérieure ou égale à 0" in form.errors["bloquant_min"][0]
    assert "nimporte" in form.errors["status"][0]
    assert form.errors["duration_max"] == ["Pour la durée, la fin précède le début."]


def test_the_default_view_is_the_submitted_dossiers_unless_a_filter_is_given(world):
    assert filter_form(QueryDict(""), None).data["status"] == ["submitted"]
    assert filter_form(QueryDict("sort=-start&after=xyz"), None).data["status"] == ["submitted"]
    form = filter_form(QueryDict("q="), None)
    assert form.is_valid() and form.cleaned_data["status"] == []


@pytest.mark.parametrize(
    "field, query",
    [
        ("learner", "exemple"),
        ("learner accents and order", "NADIA  Exemple"),
        ("company", "{company}"),
        ("siret", "{siret}"),
        ("siret typed with spaces", "{siret_spaced}"),
        ("OPCO reference", "ATL-2026-0042"),
        ("agreement number", "PEC-778899"),
    ],
)
def test_the_search_finds_a_dossier_by_each_field(world, field, query):
    row = world.dossier
    row.status = Status.SUBMITTED
    row.reference, row.agreement_number = "ATL-2026-0042", "PEC-778899"
    row.agreement_date = dt.date(2026, 11, 2)  # an agreement has a number and a date
    row.save()
    refresh_summary(row)
    other = factories.dossier(world.other_company, Status.SUBMITTED, _other_learner())
    siret = world.company.siret
    query = query.format(
        company=world.company.name,
        siret=siret,
        siret_spaced=f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}",
    )
    assert _pks({"q": query}) == {row.pk}, field
    assert other.pk not in _pks({"q": query})


def test_a_search_matching_nothing_finds_nothing(world):
    assert _pks({"q": "introuvable"}) == set()


def _other_learner() -> dict:
    data = factories.example()
    data["learner"]["first_name"], data["learner"]["last_name"] = "Paul", "Martin"
    return data


@pytest.mark.parametrize(
    ("name", "value"),
    [("waiting_min", "739942"), ("bloquant_min", "99999"), ("hours_max", "1e12")],
)
def test_a_value_beyond_any_dossier_is_a_french_error_on_its_field(name, value):
    form = PortfolioFilterForm({name: value})
    assert not form.is_valid()
    assert "inférieure ou égale" in form.errors[name][0]
