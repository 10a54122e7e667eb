"""A running dossier (tests/funding's fixtures)."""

from tests.funding.conftest import running  # noqa: F401
