"""`manage.py seed`: generated dossiers in every state, with their history, claims and
justifications, and summary columns equal to what the actions layer would compute."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from stdnum.fr import siret

from parcours.dossiers import convert, lifecycle
from parcours.dossiers.enums import EventKind, Status
from parcours.dossiers.models import Dossier, DossierEvent, Justification
from parcours.dossiers.summary import COLUMNS, events_info_of, summary_fields
from parcours.funding.models import FundingClaim
from parcours.organisations.models import Kind, Organisation
from parcours.portfolio.seed import PREFIX, Options, seed
from parcours.portfolio.seed_documents import PARIS, Company
from parcours.portfolio.seed_dossiers import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    return seed(Options(dossiers=200, seed=3, processes=1, batch=70))


def test_two_hundred_dossiers_in_every_state_across_companies(seeded):
    assert seeded["dossiers"] == Dossier.objects.count() == 200
    states = Counter(Dossier.objects.values_list("status", flat=True))
    assert set(states) == set(Status.values), states
    companies = Organisation.objects.filter(kind=Kind.COMPANY)
    assert companies.count() == 8
    assert all(siret.is_valid(s) for s in companies.values_list("siret", flat=True))
    assert Dossier.objects.values("company").distinct().count() == 8
    assert Dossier.objects.exclude(facilitator=None).exists()
    assert Dossier.objects.filter(facilitator=None).exists()
    assert Dossier.objects.exclude(assigned_to=None).exists()
    assert Dossier.objects.filter(status="submitted", assigned_to=None).exists()
    assert FundingClaim.objects.filter(state="paid").exists()
    assert set(Dossier.objects.values_list("age_band", flat=True)) == {
        "lt21", "21-25", "26-29", "30-44", "45+",
    }  # fmt: skip


def test_summary_columns_equal_a_fresh_computation_of_the_stored_document(seeded):
    rows = Dossier.objects.select_related("company").prefetch_related("claims")
    sample = list(rows.order_by("pk")[::9])
    events = events_info_of([r.pk for r in sample])
    for row in sample:
        expected = summary_fields(
            convert.document(row), row.status, events[row.pk], None, row.company.name
        )
        stored = {c: getattr(row, c) for c in COLUMNS}
        assert stored == expected, row.pk


def test_history_leads_to_each_state_in_order(seeded):
    for row in Dossier.objects.prefetch_related("events"):
        history = sorted(row.events.all(), key=lambda e: (e.at, e.pk))
        assert history[0].to_status == "draft"
        moves = [e for e in history if e.kind == EventKind.TRANSITION]
        assert [e.version for e in history] == list(range(1, len(history) + 1))
        if row.status == Status.DRAFT:
            assert moves == []
            continue
        assert moves[-1].to_status == row.status
        for before, after in zip(moves, moves[1:], strict=False):
            assert after.from_status == before.to_status
            assert lifecycle.TRANSITIONS  # the table the moves follow
        assert row.submitted_at == max(e.at for e in moves if e.to_status == "submitted")
    late = Dossier.objects.filter(
        status="submitted", decision_deadline__lt=dt.date.today()
    )  # waiting for more than 20 days: the queue's late ones exist
    assert late.exists()


def test_sent_dossiers_have_no_bloquant_and_every_alerte_justified(seeded):
    sent = Dossier.objects.exclude(status__in=["draft", "changes_requested"])
    assert not sent.filter(bloquant_count__gt=0).exists()
    for row in sent.filter(alerte_count__gt=0)[:10]:
        report = lifecycle.report_at(row)
        assert lifecycle.unjustified_alerts(row, report) == []
    assert Justification.objects.exists()
    assert Dossier.objects.filter(status="draft", bloquant_count__gt=0).exists()


def test_accepted_dossiers_carry_the_agreement_and_claims_only_after_it(seeded):
    decided = Dossier.objects.filter(status__in=["accepted", "running", "completed"])
    assert not decided.filter(agreement_number="").exists()
    assert not Dossier.objects.filter(status="draft").exclude(agreement_number="").exists()
    assert not FundingClaim.objects.filter(dossier__status__in=["draft", "submitted"]).exists()
    with_counts = Dossier.objects.annotate(n=Count("events"))
    assert min(with_counts.values_list("n", flat=True)) >= 1


def test_the_same_seed_gives_the_same_dossier():
    party = {"name": "X", "siret": "41234568800011", "address": "1 rue",
             "representative": {"name": "A B", "role": "Gérant"}}  # fmt: skip
    company = Company(0, party, 2, None)
    now = dt.datetime(2026, 11, 22, 12, tzinfo=PARIS)
    one = generate(41, 7, company, None, {"name": "Atlas", "siret": "1"}, 3, now.date(), now)
    two = generate(41, 7, company, None, {"name": "Atlas", "siret": "1"}, 3, now.date(), now)
    other = generate(41, 8, company, None, {"name": "Atlas", "siret": "1"}, 3, now.date(), now)
    assert one == two
    assert one.document != other.document


def test_the_command_refuses_a_database_with_other_dossiers_unless_forced(world, capsys):
    with pytest.raises(CommandError, match="ne viennent pas de « seed »"):
        call_command("seed", dossiers=3)
    assert not Dossier.objects.filter(created_by__username__startswith=PREFIX).exists()
    call_command("seed", dossiers=3, force=True, verbosity=0)
    assert Dossier.objects.filter(created_by__username__startswith=PREFIX).count() == 3
    assert "3 dossiers ajoutés" in capsys.readouterr().out


def test_a_second_run_adds_to_the_first(seeded):
    seed(Options(dossiers=20, seed=3, processes=1))
    assert Dossier.objects.count() == 220
    assert DossierEvent.objects.filter(dossier__reference="").exists()
