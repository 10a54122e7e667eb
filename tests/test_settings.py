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
    assert "security.W012" not in report and "security.W016" not in report, report


def test_a_plain_http_trial_can_turn_it_off():
    done = manage("check", "--deploy", DEBUG="false", HTTPS="false", SECRET_KEY="k" * 60)
    assert "security.W012" in done.stdout + done.stderr


def test_out_of_debug_a_secret_key_is_required():
    done = manage("check", DEBUG="false")
    assert done.returncode != 0
    assert "SECRET_KEY doit être défini" in done.stderr


def test_a_bad_boolean_names_the_variable():
    done = manage("check", DEBUG="peut-être")
    assert done.returncode != 0
    assert "DEBUG='peut-être' : attendu true ou false" in done.stderr
