"""The chain in the database: a row edited, deleted (in the middle or at the end) or moved
by hand is reported by `verify_dossier`, the API and `parcours verify-attendance`, naming
the record; an export file is verified without a database."""

import json

import pytest

from parcours import cli
from parcours.attendance import actions as attendance
from parcours.attendance.models import Signature
from parcours.attendance.verify import verify_dossier
from parcours.dossiers import convert


@pytest.fixture
def chain(running):
    """Four records on the running dossier: 1 S1 learner (account), 2 S1 trainer (account),
    3 S2 learner (link), 4 S5 learner (absence declared by the company)."""
    row, users = running.dossier, running.users
    attendance.sign_session(row, users["learner"], "S1", signer="learner")
    attendance.sign_session(row, users["trainer"], "S1", signer="trainer")
    _, raw = attendance.create_signing_link(row, users["company_admin"], "S2", signer="learner")
    attendance.sign_with_link(raw)
    row.content = {
        **row.content,
        "sessions": [*row.content["sessions"], {**row.content["sessions"][0], "id": "S5"}],
    }
    row.save(update_fields=["content"])
    attendance.record_absence(row, users["company_admin"], "S5", signer="learner", reason="RTT")
    row.refresh_from_db()
    return running


def _rows(row):
    return list(Signature.objects.filter(dossier=row).order_by("seq"))


def _cli(capsys, *args):
    code = cli.main(["verify-attendance", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_whole_chain_verifies(chain, capsys):
    row = chain.dossier
    assert verify_dossier(row) == []
    assert (row.attendance_count, row.attendance_head) == (4, _rows(row)[-1].hash)
    code, out = _cli(capsys, "--database", "--dossier", str(row.pk))
    assert code == 0 and "intacte (4 enregistrement(s))" in out


def test_an_edited_row_is_named(chain, capsys):
    row = chain.dossier
    third = _rows(row)[2]
    Signature.objects.filter(pk=third.pk).update(signer_name="Quelqu'un d'autre")
    [found] = verify_dossier(row)
    assert found.seq == 3
    assert "séance S2, ligne du salarié apprenant" in str(found)
    assert f"ligne {third.pk} de la base" in str(found) and "modifié" in str(found)
    code, out = _cli(capsys, "--database")
    assert code == 1
    assert "enregistrement n° 3 : séance S2, ligne du salarié apprenant" in out


def test_a_changed_presence_or_date_is_named(chain):
    row = chain.dossier
    first = _rows(row)[0]
    Signature.objects.filter(pk=first.pk).update(presence="absent", absence_reason="x")
    assert [b.seq for b in verify_dossier(row)] == [1]


def test_a_row_deleted_in_the_middle_names_the_record_after_it(chain, capsys):
    row = chain.dossier
    Signature.objects.filter(pk=_rows(row)[1].pk).delete()
    breaks = verify_dossier(row)
    assert {b.seq for b in breaks if b.seq} == {3}
    assert any("n° 2 introuvable" in str(b) for b in breaks)
    code, out = _cli(capsys, "--database", "--dossier", str(row.pk))
    assert code == 1 and "enregistrement n° 3 : séance S2" in out


def test_the_last_row_deleted_is_caught_by_the_length_kept_on_the_dossier(chain, capsys):
    row = chain.dossier
    Signature.objects.filter(pk=_rows(row)[-1].pk).delete()
    [found] = verify_dossier(row)
    assert "n° 4 introuvable" in str(found)
    code, out = _cli(capsys, "--database")
    assert code == 1 and "n° 4 introuvable" in out


def test_reordered_rows_are_named(chain, capsys):
    """Swapping the ranks of records 2 and 3 (three updates: the rank is unique)."""
    row = chain.dossier
    second, third = _rows(row)[1:3]
    Signature.objects.filter(pk=second.pk).update(seq=99)
    Signature.objects.filter(pk=third.pk).update(seq=2)
    Signature.objects.filter(pk=second.pk).update(seq=3)
    breaks = verify_dossier(row)
    assert {b.seq for b in breaks} == {2, 3}
    assert all("déplacé" in str(b) or "modifié" in str(b) for b in breaks)
    code, out = _cli(capsys, "--database", "--dossier", str(row.pk))
    assert code == 1 and "enregistrement n° 3 : séance S1, ligne du formateur" in out


def test_a_moved_content_is_named(chain):
    """Swapping two rows' contents whole (hashes included) breaks the links between them."""
    row = chain.dossier
    a, b = _rows(row)[1:3]
    fields = ("session_id", "signer", "signer_name", "method", "hash", "previous_hash")
    Signature.objects.filter(pk=a.pk).update(session_id="tmp", signer="tmp")
    Signature.objects.filter(pk=b.pk).update(**{f: getattr(a, f) for f in fields})
    Signature.objects.filter(pk=a.pk).update(**{f: getattr(b, f) for f in fields})
    assert verify_dossier(row)


def test_the_api_reports_the_break(chain, api_as):
    row = chain.dossier
    call = api_as("tutor")
    assert call("get", f"/api/dossiers/{row.pk}/attendance/verify").json()["whole"] is True
    Signature.objects.filter(dossier=row, seq=2).update(signer_name="X")
    answer = call("get", f"/api/dossiers/{row.pk}/attendance/verify").json()
    assert answer["whole"] is False
    assert answer["breaks"][0]["seq"] == 2 and "séance S1" in answer["breaks"][0]["message"]


def test_an_export_file_is_verified_without_a_database(chain, tmp_path, capsys):
    document = convert.document(chain.dossier)
    whole = tmp_path / "dossier.json"
    whole.write_text(json.dumps(document), encoding="utf-8")
    assert _cli(capsys, str(whole))[0] == 0
    document["attendance"][1]["signer_name"] = "Autre"
    broken = tmp_path / "modifie.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    del document["attendance"][1]
    removed = tmp_path / "supprime.json"
    removed.write_text(json.dumps(document), encoding="utf-8")
    code, out = _cli(capsys, str(whole), str(broken), str(removed))
    assert code == 1
    assert "modifie.json : chaîne d'émargement ROMPUE" in out
    assert "enregistrement n° 2 : séance S1, ligne du formateur" in out
    assert "enregistrement n° 3 : séance S2" in out  # the one after the removed record
    invalid = tmp_path / "invalide.json"
    invalid.write_text("{}", encoding="utf-8")
    assert _cli(capsys, str(invalid))[0] == 2


def test_the_file_command_needs_no_django(chain, tmp_path):
    """`parcours verify-attendance FILE` runs in a fresh interpreter without Django set up."""
    import os
    import subprocess
    import sys

    path = tmp_path / "dossier.json"
    path.write_text(json.dumps(convert.document(chain.dossier)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; from parcours import cli; rc = cli.main(['verify-attendance', sys.argv[1]]);"
        "assert 'django.apps' not in sys.modules or True; "
        "import django.apps as a; sys.exit(rc if not a.apps.ready else 9)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "intacte (4 enregistrement(s))" in done.stdout


def test_bad_arguments_exit_2(capsys):
    assert _cli(capsys)[0] == 2
    assert _cli(capsys, "--dossier", "3")[0] == 2
