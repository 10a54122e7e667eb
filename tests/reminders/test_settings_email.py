"""E-mail, site address and task-queue settings come from the environment; a bad value
stops start-up with a message naming the variable."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS = Path(__file__).resolve().parents[2] / "parcours" / "settings.py"
VARIABLES = (
    "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL", "SITE_URL", "TASKS_BACKEND", "DEBUG", "SECRET_KEY",
)  # fmt: skip


@pytest.fixture
def load(monkeypatch):
    """`load(**env)` → the settings module's names as read with that environment."""

    def read(**env):
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return read


def test_by_default_e_mails_go_to_the_console_and_tasks_to_the_database(load):
    found = load()
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert found["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert found["SITE_URL"] == "http://localhost:8000"


def test_an_smtp_server_from_the_environment(load):
    found = load(
        EMAIL_HOST="smtp.exemple.fr",
        EMAIL_PORT="465",
        EMAIL_HOST_USER="parcours",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="false",
        DEFAULT_FROM_EMAIL="parcours <ne-pas-repondre@exemple.fr>",
        SITE_URL="https://parcours.exemple.fr/",
        TASKS_BACKEND="immediate",
    )
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"]) == ("smtp.exemple.fr", 465)
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == ("parcours", "secret")
    assert found["EMAIL_USE_TLS"] is False
    assert found["DEFAULT_FROM_EMAIL"] == "parcours <ne-pas-repondre@exemple.fr>"
    assert found["SITE_URL"] == "https://parcours.exemple.fr"
    assert found["TASKS"]["default"]["BACKEND"].endswith("ImmediateBackend")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT='smtp' : attendu un nombre entier"),
        ({"EMAIL_PORT": "70000"}, "EMAIL_PORT=70000 : attendu un port entre 1 et 65535"),
        ({"EMAIL_USE_TLS": "oui-non"}, "EMAIL_USE_TLS='oui-non' : attendu true ou false"),
        ({"DEFAULT_FROM_EMAIL": "parcours"}, "DEFAULT_FROM_EMAIL='parcours' : attendu une adresse"),
        ({"EMAIL_HOST_USER": "parcours"}, "EMAIL_HOST_USER et EMAIL_HOST_PASSWORD vont ensemble"),
        ({"SITE_URL": "parcours.fr"}, "SITE_URL='parcours.fr' : attendu une adresse http(s)"),
        ({"TASKS_BACKEND": "redis"}, "TASKS_BACKEND='redis' : attendu database ou immediate"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(load, env, message):
    with pytest.raises(ImproperlyConfigured) as raised:
        load(**env)
    assert message in str(raised.value)
