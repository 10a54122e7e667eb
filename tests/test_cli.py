"""The `parcours` command: exit codes, French text report, JSON report, rules, schema."""

import json
import subprocess
import sys

import jsonschema
import pytest

from parcours.cli import main
from tests.conftest import EXAMPLES

VALID = EXAMPLES / "gestionnaire-paie-valide.json"
BLOCKING = EXAMPLES / "volume-insuffisant.json"
ALERTS = EXAMPLES / "alertes-redaction-et-formateur.json"
THIRTEEN = EXAMPLES / "tuteur-surcharge-et-13-competences.json"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.json") if p.stem != "expected")


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_exits_0_for_a_valid_dossier(capsys):
    code, out, _ = run(capsys, "check", VALID)
    assert code == 0
    assert "Résultat : aucun point bloquant, aucune alerte." in out


def test_check_exits_1_when_a_finding_is_bloquant(capsys):
    code, out, _ = run(capsys, "check", BLOCKING)
    assert code == 1
    assert "Bloquant : à corriger avant de déposer le dossier (2)" in out
    assert "[VOL-01]" in out and "[VOL-03]" in out
    assert "Résultat : 2 point(s) bloquant(s), 0 alerte(s)." in out


def test_check_exits_0_with_alerts_only(capsys):
    code, out, _ = run(capsys, "check", ALERTS)
    assert code == 0
    assert "Alertes : à vérifier, souvent à justifier (2)" in out


def test_text_report_groups_findings_by_severity_in_french(capsys):
    _, out, _ = run(capsys, "check", BLOCKING)
    lines = out.splitlines()
    assert lines[0] == "Dossier volume-insuffisant.json"
    assert lines[1] == "Vérifié au 01/12/2026"
    blocking = lines.index("Bloquant : à corriger avant de déposer le dossier (2)")
    info = next(i for i, line in enumerate(lines) if line.startswith("Pour information"))
    assert blocking < info
    # What each finding is about, in words, never a JSON path.
    assert "      Concerne : le parcours de formation" in lines[blocking + 1 : info]
    assert not any("modules[" in line for line in lines)
    assert any(line.startswith("      À faire : ") for line in lines[blocking:info])


def test_check_exits_2_for_an_invalid_dossier_naming_each_bad_field(capsys, tmp_path):
    data = json.loads(VALID.read_text(encoding="utf-8"))
    data["modules"][2]["hours"] = -1
    data["learner"]["birth_date"] = "hier"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "check", bad)
    assert code == 2
    assert out == ""
    assert "bad.json n'est pas un dossier parcours-dossier/1 valide" in err
    assert "  - modules[2].hours : doit valoir au moins 0" in err
    assert "  - learner.birth_date : doit être une date au format AAAA-MM-JJ" in err


def test_check_exits_2_for_a_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "check", tmp_path / "absent.json")
    assert code == 2
    assert "fichier illisible" in err


def test_check_of_several_files_reports_the_worst_status(capsys, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert run(capsys, "check", VALID, BLOCKING)[0] == 1
    assert run(capsys, "check", BLOCKING, broken, VALID)[0] == 2


def test_json_report_has_the_keys_of_format_md(capsys):
    code, out, _ = run(capsys, "check", BLOCKING, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert set(report) == {"reference", "as_of", "figures", "findings"}
    assert set(report["figures"]) == {
        "duration_months",
        "contract_hours",
        "teaching_hours",
        "support_hours",
        "parcours_hours",
        "parcours_share",
    }
    assert report["as_of"] == "2026-12-01"
    for finding in report["findings"]:
        assert set(finding) == {"rule", "severity", "path", "message", "fix", "source"}
        assert finding["severity"] in {"bloquant", "alerte", "info"}
    assert {"rule": "VOL-01", "severity": "bloquant", "path": "modules"}.items() <= (
        report["findings"][0].items()
    )


def test_json_report_of_several_files_is_a_list(capsys):
    _, out, _ = run(capsys, "check", VALID, ALERTS, "--format", "json")
    assert [len(r["findings"]) > 0 for r in json.loads(out)] == [True, True]


def test_as_of_overrides_the_dossiers_date(capsys):
    _, out, _ = run(capsys, "check", VALID, "--format", "json", "--as-of", "2027-03-15")
    assert json.loads(out)["as_of"] == "2027-03-15"


def test_a_bad_as_of_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["check", str(VALID), "--as-of", "15/03/2027"])
    assert caught.value.code == 2
    assert "date invalide" in capsys.readouterr().err


def test_params_override_lets_13_competences_pass_ref_01(capsys, tmp_path):
    params = tmp_path / "opco.json"
    params.write_text(json.dumps({"max_competences": 13}), encoding="utf-8")
    _, out, _ = run(capsys, "check", THIRTEEN, "--format", "json")
    assert "REF-01" in [f["rule"] for f in json.loads(out)["findings"]]
    code, out, _ = run(capsys, "check", THIRTEEN, "--format", "json", "--params", params)
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert "REF-01" not in rules
    assert code == 1 and "TUT-04" in rules


@pytest.mark.parametrize("content", ['{"max_competences": "beaucoup"}', '{"typo": 1}', "{"])
def test_bad_params_file_exits_2_with_a_message(capsys, tmp_path, content):
    params = tmp_path / "opco.json"
    params.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        main(["check", str(VALID), "--params", str(params)])
    assert caught.value.code == 2
    assert "paramètres illisibles" in capsys.readouterr().err


def test_rules_lists_the_51_rules_in_catalogue_order(capsys):
    from parcours.domain.rules import CATALOGUE
    from tests.domain.rules.test_catalogue import ROWS

    code, out, _ = run(capsys, "rules")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()[1:]]
    assert listed == list(CATALOGUE)
    assert sorted(listed) == sorted(row[0] for row in ROWS)
    assert len(listed) == 51


def test_rules_as_json(capsys):
    _, out, _ = run(capsys, "rules", "--format", "json")
    rows = json.loads(out)
    assert len(rows) == 51
    assert rows[0] == {
        "id": "ELIG-01",
        "severity": "bloquant",
        "stage": "design",
        "title": rows[0]["title"],
        "source": rows[0]["source"],
    }


def test_schema_is_a_json_schema_every_example_validates_against(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    jsonschema.validators.validator_for(schema).check_schema(schema)
    for path in EXAMPLE_FILES:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_schema_rejects_an_unknown_field(capsys):
    _, out, _ = run(capsys, "schema")
    data = json.loads(VALID.read_text(encoding="utf-8"))
    data["modules"][0]["heures"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(out))


def parcours(*args):
    return subprocess.run(
        [sys.executable, "-m", "parcours.cli", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_command_runs_as_a_process_with_its_exit_codes(tmp_path):
    assert parcours("check", VALID).returncode == 0
    result = parcours("check", BLOCKING, "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["findings"][0]["rule"] == "VOL-01"
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'\xff{"format": ')
    result = parcours("check", broken, tmp_path, tmp_path / "absent.json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.count("illisible") == 3


def test_help_and_usage_errors_speak_french(capsys):
    with pytest.raises(SystemExit) as exit_help:
        main(["check", "--help"])
    assert exit_help.value.code == 0
    help_text = capsys.readouterr().out
    assert help_text.startswith("utilisation : parcours check")
    assert "affiche cette aide" in help_text and "positional arguments" not in help_text
    with pytest.raises(SystemExit) as exit_usage:
        main(["check", "dossier.json", "--format", "xml"])
    assert exit_usage.value.code == 2
    assert "choix invalide 'xml'" in capsys.readouterr().err


# --- Every message in French, every bad input exit 2 (issue [6], the command line) ---

ENGLISH = ("None", "Traceback", "Expecting", "No such file", "Is a directory", "Errno",
           "Permission denied", "delimiter", "Value error", "Input should")  # fmt: skip


def assert_french(text):
    assert not [word for word in ENGLISH if word in text], text


def broken_dossiers(tmp_path):
    """A directory, a missing file, broken JSON, another format and a bad field."""
    broken = tmp_path / "virgule.json"
    broken.write_text('{\n  "format": "parcours-dossier/1",\n  "reference": "X" "Y"\n}')
    other = tmp_path / "autre.json"
    other.write_text('{"reference": "X"}')
    data = json.loads(VALID.read_text(encoding="utf-8"))
    data["modules"][0]["hours"] = "beaucoup"
    bad_field = tmp_path / "champ.json"
    bad_field.write_text(json.dumps(data))
    return [tmp_path, tmp_path / "absent.json", broken, other, bad_field]


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["render", "--list"],
        ["render", "--document", "convention", "-o", "x.pdf"],
        ["verify-attendance"],
        ["plan", "-o", "planifie.json"],
    ],  # fmt: skip
    ids=["check", "render-list", "render-document", "verify-attendance", "plan"],
)
def test_every_command_exits_2_in_french_on_an_unreadable_or_invalid_dossier(
    capsys, tmp_path, command
):
    for path in broken_dossiers(tmp_path):
        args = [command[0], str(path), *command[1:]]
        code, out, err = run(capsys, *args)
        assert code == 2, (args, out, err)
        assert str(path) in err
        assert_french(out + err)
    assert not (tmp_path / "x.pdf").exists()


def test_json_errors_say_the_line_and_column_in_french(capsys, tmp_path):
    broken = broken_dossiers(tmp_path)[2]
    _, _, err = run(capsys, "check", broken)
    assert "JSON illisible, ligne 3, colonne 20 : une virgule (,) est attendue" in err
    assert_french(err)


def test_a_missing_format_is_said_absent_not_none(capsys, tmp_path):
    _, _, err = run(capsys, "check", broken_dossiers(tmp_path)[3])
    assert "format : doit valoir «\u00a0parcours-dossier/1\u00a0» (champ absent)" in err
    assert_french(err)


def test_os_errors_are_in_french(capsys, tmp_path):
    _, _, err = run(capsys, "check", tmp_path, tmp_path / "absent.json")
    assert f"{tmp_path} : fichier illisible (c'est un dossier, pas un fichier)" in err
    assert "absent.json : fichier illisible (fichier ou dossier introuvable)" in err


def test_a_utf8_bom_is_accepted_by_every_command(capsys, tmp_path):
    """Notepad and Excel save UTF-8 with a byte-order mark."""
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + VALID.read_bytes())
    params = tmp_path / "opco.json"
    params.write_bytes(b"\xef\xbb\xbf" + json.dumps({"max_competences": 13}).encode())
    assert run(capsys, "check", bom, "--params", params)[0] == 0
    assert run(capsys, "verify-attendance", bom)[0] == 0
    code, out, _ = run(capsys, "render", bom, "--list")
    assert code == 0 and "convention" in out
    assert run(capsys, "plan", bom, "-o", tmp_path / "planifie.json")[0] in (0, 1)


def test_params_errors_are_french_and_list_the_accepted_keys(capsys, tmp_path):
    params = tmp_path / "opco.json"
    params.write_text(json.dumps({"max_competences": "beaucoup", "seuil": 3}))
    with pytest.raises(SystemExit) as caught:
        main(["check", str(VALID), "--params", str(params)])
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert "clé inconnue « seuil »" in err
    assert "clés acceptées : min_age, max_young_age" in err and "max_competences" in err
    params.write_text(json.dumps({"max_competences": "beaucoup"}))
    with pytest.raises(SystemExit):
        main(["check", str(VALID), "--params", str(params)])
    err = capsys.readouterr().err
    assert "max_competences : doit être un nombre entier" in err
    params.write_text("[1, 2")
    with pytest.raises(SystemExit):
        main(["check", str(VALID), "--params", str(params)])
    err = capsys.readouterr().err
    assert "JSON illisible, ligne 1, colonne 6" in err
    for content in ("[]", "{\n"):
        params.write_text(content)
        with pytest.raises(SystemExit):
            main(["check", str(VALID), "--params", str(params)])
        assert_french(capsys.readouterr().err)


def test_rules_prints_the_stages_in_french(capsys):
    _, out, _ = run(capsys, "rules")
    stages = {line[19:31].strip() for line in out.splitlines()[1:]}
    assert stages == {"conception", "dépôt", "exécution", "clôture"}
    for english in ("design", "submission", "running", "closing", "Étape"):
        assert english not in out.split("\n", 1)[0] + " ".join(stages)


def test_usage_errors_of_typed_options_are_french(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["verify-attendance", "--database", "--dossier", "douze"])
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert "valeur invalide : 'douze'" in err and "invalid int" not in err


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"DEBUG": "false"}, "réglage invalide : SECRET_KEY doit être défini"),
        (
            {"DATABASE_URL": "postgres://personne:x@127.0.0.1:1/aucune"},
            "base de données inaccessible",
        ),
    ],
    ids=["setting", "database"],
)
def test_database_commands_say_a_bad_setting_or_database_in_french(env, said):
    import os

    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    for args in (["remind", "--dry-run"], ["verify-attendance", "--database"]):
        result = subprocess.run(
            [sys.executable, "-m", "parcours.cli", *args],
            capture_output=True, text=True, check=False, timeout=60, env=base | env,
        )  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert f"parcours : {said}" in result.stderr
        assert_french(result.stdout + result.stderr)


def test_plan_says_an_impossible_hour_in_french(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["plan", str(VALID), "-o", "planifie.json", "--half-day", "matin=25:00-12:00"])
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert "heure impossible (de 00:00 à 23:59)" in err and "must be" not in err
