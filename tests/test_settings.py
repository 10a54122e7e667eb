"""Settings read from the environment: production defaults are safe, bad values fail loudly."""

import os
import re
import secrets
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def manage(*args, **env):
    # DJANGO_ALLOW_ASYNC_UNSAFE: set for Playwright by the browser tests' conftest, an error
    # of `check --deploy`; a production environment never has it.
    dropped = {"DEBUG", "HTTPS", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full = {k: v for k, v in os.environ.items() if k not in dropped}
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


# The production environment the README's « Mise en production » documents (its
# /etc/parcours.env block), with its placeholders filled: a real secret key, SQLite instead
# of the PostgreSQL server this test has no access to, temporary folders.
def readme_environment(tmp_path) -> dict[str, str]:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as readme:
        text = readme.read()
    block = text[text.index("/etc/parcours.env") :]
    block = block[: block.index("(les guillemets")]
    env = dict(re.findall(r"^\s+([A-Z_]+)=(.*)$", block, re.M))
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "PROXY_COUNT"} <= set(env), env
    env = {k: v.strip().strip('"') for k, v in env.items() if k != "DATABASE_URL"}
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    env["EMAIL_HOST_PASSWORD"] = "secret-smtp"
    env["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private_media")
    env["STATIC_ROOT"] = str(tmp_path / "static")
    return env


def test_check_deploy_with_the_documented_production_settings_gives_no_warning(tmp_path):
    done = manage("check", "--deploy", **readme_environment(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout, done.stdout + done.stderr


def test_without_hsts_check_deploy_warns(tmp_path):
    env = readme_environment(tmp_path) | {"SECURE_HSTS_SECONDS": "0"}
    done = manage("check", "--deploy", **env)
    assert "security.W004" in done.stdout + done.stderr
