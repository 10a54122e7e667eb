"""`parcours plan`: exit codes, the planned file, French messages."""

import json
import subprocess
import sys

import pytest

from parcours.cli import main
from parcours.domain.loading import parse_dossier
from parcours.domain.rules import check
from tests.domain.planning.helpers import VALID, valid_data


def run(capsys, *args):
    code = main(["plan", *[str(a) for a in args]])
    out, err = capsys.readouterr()
    return code, out, err


def test_plans_a_dossier_into_a_valid_file_and_says_so_in_french(capsys, tmp_path):
    out_file = tmp_path / "planifie.json"
    code, out, _ = run(capsys, VALID, "-o", out_file)
    assert code == 0
    planned = parse_dossier(out_file.read_bytes())
    assert planned.format == "parcours-dossier/1"
    assert len(planned.sessions) == 84
    assert not [f for f in check(planned).findings if f.rule.startswith(("ALT", "CTR", "SEQ"))]
    lines = out.splitlines()
    assert lines[0].startswith("84 séances planifiées (un jour par semaine, jours fériés : ")
    assert "  M1 Maîtrise du logiciel de paie : 30 séances, 105\u00a0h sur 105\u00a0h" in lines
    assert "Points restants au dossier : 0 bloquant(s), 0 alerte(s)." in lines


def test_every_option_reaches_the_planner(capsys, tmp_path):
    out_file = tmp_path / "p.json"
    code, out, _ = run(
        capsys, VALID, "-o", out_file, "--rhythm", "deux-jours-par-semaine",
        "--region", "alsace-moselle", "--weekdays", "mar,jeu",
        "--half-day", "matin=08:30-12:00", "--half-day", "après-midi=13:00-16:30",
        "--max-daily-hours", "7", "--closure", "2027-08-02:2027-08-22",
        "--unavailable", "F1:2027-03-01:2027-03-31",
    )  # fmt: skip
    assert code == 0, out
    planned = parse_dossier(out_file.read_bytes())
    days = {s.date for s in planned.sessions}
    assert {d.weekday() for d in days} <= {1, 3}
    assert {s.start_time.isoformat() for s in planned.sessions} <= {"08:30:00", "13:00:00"}
    assert not [d for d in days if d.month == 8 and 2 <= d.day <= 22]
    f1 = [s for s in planned.sessions if s.trainer == "F1"]
    assert f1 and not [s for s in f1 if s.date.month == 3]
    assert "deux jours par semaine, jours fériés : Alsace-Moselle" in out


def test_start_from_keeps_the_sessions_before_that_day(capsys, tmp_path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert run(capsys, VALID, "-o", first)[0] == 0
    code, _, _ = run(capsys, first, "-o", second, "--start-from", "2027-06-01",
                     "--rhythm", "deux-jours-par-semaine")  # fmt: skip
    assert code == 0
    before = [s for s in parse_dossier(first.read_bytes()).sessions if str(s.date) < "2027-06"]
    after = parse_dossier(second.read_bytes()).sessions
    assert after[: len(before)] == before


def test_exit_1_with_the_reasons_when_no_plan_exists(capsys, tmp_path):
    data = valid_data()
    data["modules"][2].update(start="2027-03-01", end="2027-03-15", hours=70)
    path = tmp_path / "serre.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, path, "-o", tmp_path / "p.json")
    assert code == 1
    assert out.startswith("Aucun planning possible pour serre.json :\n  - Le module M3 demande 70")
    assert "le rythme « un jour par semaine »" in out
    assert not (tmp_path / "p.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weekdays", "lun,dimanch"], "jour inconnu « dimanch »"),
        (["--half-day", "matin=12:00-09:00"], "se termine (09:00) avant de commencer"),
        (["--half-day", "matin"], "attendu NOM=HH:MM-HH:MM"),
        (["--closure", "2027-08-20:2027-08-01"], "la fin précède le début"),
        (["--closure", "août"], "date invalide « août »"),
        (["--unavailable", "F9:2027-03-01:2027-03-31"], "formateur inconnu : F9"),
        (["--rhythm", "chaque-jour"], "choix invalide"),
        (["--max-daily-hours", "30"], "hors de 0 à 24"),
    ],
)
def test_exit_2_for_a_bad_argument_naming_it_in_french(capsys, tmp_path, args, message):
    with pytest.raises(SystemExit) as exit_:
        code = main(["plan", str(VALID), "-o", str(tmp_path / "p.json"), *args])
        raise SystemExit(code)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_exit_2_for_an_invalid_dossier(capsys, tmp_path):
    data = valid_data()
    data["modules"][0]["hours"] = "beaucoup"
    path = tmp_path / "faux.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, path, "-o", tmp_path / "p.json")
    assert code == 2
    assert "faux.json n'est pas un dossier parcours-dossier/1 valide" in err
    assert "modules[0].hours : doit être un nombre" in err


def test_help_is_in_french():
    result = subprocess.run(
        [sys.executable, "-m", "parcours.cli", "plan", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("utilisation : parcours plan")
    assert "semaine-par-mois : la formation de chaque mois regroupée" in result.stdout
    assert "indisponibilité d'un formateur" in result.stdout


def test_neither_check_nor_the_planning_package_loads_or_tools():
    code = (
        "import sys; from parcours.cli import build_parser; build_parser(['check', 'x']); "
        "import parcours.domain.planning; "
        "print(sorted(m for m in ('ortools', 'holidays') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
