"""Two saves at once on SQLite: the second waits for the first (busy timeout, write lock
taken at BEGIN) instead of failing with « database is locked »."""

import threading
import time

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="SQLite only",
    ),
    pytest.mark.django_db,  # lets these connections to their own file open
]


def _connection(path):
    options = settings.DATABASES["default"]["OPTIONS"]
    return DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(path), "OPTIONS": options}, alias="lock"
    )


def test_the_settings_wait_and_lock_at_begin():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["timeout"] >= 5 and options["transaction_mode"] == "IMMEDIATE"


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path):
    path = tmp_path / "lock.sqlite3"
    setup = _connection(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    errors, started = [], threading.Event()

    def save(hold: float, signal: bool):
        connection = _connection(path)
        try:
            connection.ensure_connection()
            connection._start_transaction_under_autocommit()  # what atomic() runs: BEGIN …
            with connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")  # read, then write: an upgrade
                (n,) = cursor.fetchone()
                if signal:
                    started.set()
                time.sleep(hold)
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
            connection.connection.commit()
        except Exception as exc:  # noqa: BLE001 (what failed is the point)
            errors.append(exc)
        finally:
            connection.close()

    first = threading.Thread(target=save, args=(0.5, True))
    first.start()
    started.wait(5)
    second = threading.Thread(target=save, args=(0, False))
    second.start()
    first.join()
    second.join()
    assert errors == []
    check = _connection(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone() == (2,)  # neither save lost
    check.close()
