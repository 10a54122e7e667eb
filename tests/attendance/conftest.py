import pytest

from parcours.attendance.models import Signature, SigningLink
from parcours.dossiers.models import DossierEvent
from tests import factories
from tests.api.conftest import api_as  # noqa: F401 (the API tests' fixture)


@pytest.fixture
def running(world):
    """The world's dossier running, with S1 (M2 interne, run by F1 = the `trainer` account)
    and S2 (M1 externe) two days ago, S3 (M4 AFEST) in a week."""
    factories.Dossier.objects.filter(pk=world.dossier.pk).update(status="running")
    factories.add_sessions(world.dossier)
    world.dossier.refresh_from_db()
    return world


def stored(row) -> tuple[int, int, int]:
    """(signature rows, links, history events) of the dossier: what a refusal must not change."""
    return (
        Signature.objects.filter(dossier=row).count(),
        SigningLink.objects.filter(dossier=row).count(),
        DossierEvent.objects.filter(dossier=row).count(),
    )


PNG = factories.PNG
PDF = factories.PDF
