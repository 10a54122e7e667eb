"""The money fixtures of tests/funding (a running dossier, training started)."""

from tests.funding.conftest import running, started  # noqa: F401
