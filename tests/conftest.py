import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
EXAMPLES = SHARED / "examples"


@pytest.fixture
def valid_dossier_data() -> dict:
    """The shared valid example as a plain dict, to be changed by a test."""
    return json.loads((EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8"))


@pytest.fixture
def world(db):
    """Two companies, a facilitator, the OPCO, one user per role and one draft dossier
    (tests/factories.py)."""
    from tests.factories import world as build_world

    return build_world()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded files go to a temporary directory, never the developer's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return settings.PRIVATE_MEDIA_ROOT
