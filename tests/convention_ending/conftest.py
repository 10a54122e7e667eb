"""A running dossier (tests/funding's fixtures)."""

from tests.funding.conftest import api_as, running  # noqa: F401
