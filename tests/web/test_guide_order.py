"""The guide's order: a dossier starts from the référentiel before anyone is recruited, the
tutor chosen at creation starts the tutor step."""

import pytest
from django.urls import reverse

from parcours.domain.loading import parse_dossier
from parcours.domain.rules import check
from parcours.dossiers import actions
from parcours.dossiers.errors import TransitionRefused
from parcours.dossiers.models import Dossier
from tests import factories
from tests.web.pages import text

pytestmark = pytest.mark.django_db

CONTRACT = {
    "contract-type": "CDD",
    "contract-job_title": "Assistante paie",
    "contract-start_date": "2027-01-04",
    "contract-end_date": "2027-12-31",
    "contract-action_start": "2027-01-04",
    "contract-action_end": "2027-12-31",
    "contract-weekly_hours": "35",
}


def test_a_dossier_starts_before_anyone_is_recruited(world, login):
    client = login(world.users["company_admin"])
    before = Dossier.objects.count()
    response = client.post(reverse("web:create"), {"company": world.company.pk, **CONTRACT})
    assert response.status_code == 302
    assert Dossier.objects.count() == before + 1
    row = Dossier.objects.order_by("-pk").first()
    assert row.content.get("learner") is None
    assert row.content["contract"]["job_title"] == "Assistante paie"
    # Every page of the draft opens.
    for slug in ("entreprise", "referentiel", "salarie", "tuteurs", "soumission"):
        assert client.get(reverse("web:step", args=[row.pk, slug])).status_code == 200, slug
    assert client.get(reverse("web:overview", args=[row.pk])).status_code == 200


def test_a_half_given_identity_is_refused_and_nothing_created(world, login):
    client = login(world.users["company_admin"])
    before = Dossier.objects.count()
    data = {"company": world.company.pk, "learner-first_name": "Léa", **CONTRACT}
    response = client.post(reverse("web:create"), data)
    assert response.status_code == 400
    assert "ou aucun des trois" in text(response)
    assert Dossier.objects.count() == before


def test_without_a_learner_the_submission_is_refused_by_elig_02(world):
    data = factories.example()
    del data["learner"]
    row = factories.dossier(world.company, data=data)
    (finding,) = [f for f in check(parse_dossier(row.content)).findings if f.rule == "ELIG-02"]
    assert finding.path == "learner" and "pas encore indiquée" in finding.message
    assert not [f for f in check(parse_dossier(row.content)).findings if f.rule == "ELIG-01"]
    with pytest.raises(TransitionRefused) as raised:
        actions.submit_dossier(row, world.users["company_admin"], row.version)
    assert any("ELIG-02 (le salarié apprenant)" in r for r in raised.value.reasons)
    row.refresh_from_db()
    assert row.status == "draft"


def test_the_tutor_chosen_at_creation_starts_the_tutor_step(world, login):
    data = factories.example()
    del data["tutor"]
    tutor = world.users["tutor"]
    row = factories.dossier(world.company, data=data, tutor=tutor)
    body = login(world.users["company_admin"]).get(reverse("web:step", args=[row.pk, "tuteurs"]))
    assert f'name="tutor-name" value="{tutor.get_full_name()}"' in body.content.decode()
