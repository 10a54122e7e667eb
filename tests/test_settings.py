"""Settings read from the environment: production defaults are safe, bad values fail loudly."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def manage(*args, **env):
    full = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "HTTPS", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_out_of_debug_cookies_travel_only_over_https():
    done = manage("check", "--deploy", DEBUG="false", SECRET_KEY="k" * 60)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report  # warnings only: the check itself ran
    assert "System check identified" in report, report
    assert "security.W012" not in report and "security.W016" not in report, report


def test_a_plain_http_trial_can_turn_it_off():
    done = manage("check", "--deploy", DEBUG="false", HTTPS="false", SECRET_KEY="k" * 60)
    assert done.returncode == 0, done.stderr
    assert "security.W012" in done.stdout + done.stderr


def test_out_of_debug_a_secret_key_is_required():
    done = manage("check", DEBUG="false")
    assert done.returncode != 0
    assert "SECRET_KEY doit être défini" in done.stderr


def test_a_bad_boolean_names_the_variable():
    done = manage("check", DEBUG="peut-être")
    assert done.returncode != 0
    assert "DEBUG='peut-être' : attendu true ou false" in done.stderr


# The production environment the README's « Mise en production » documents.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "vQ3-xk9LmZ2pR7tWc4Yh8Jn1Bd6Fg0Ks5Ue_Ai3Oq7Xz2Lw9Tr4Mv6Np8Sy1Cb5",
    "ALLOWED_HOSTS": "parcours.exemple.fr",
    "PROXY_COUNT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}


def test_check_deploy_with_the_documented_production_settings_gives_no_warning():
    done = manage("check", "--deploy", **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout, done.stdout + done.stderr


def test_every_production_variable_is_in_the_readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as readme:
        text = readme.read()
    for name in PRODUCTION:
        assert f"`{name}`" in text, name
