"""The audit says, for each dossier of the base, what the rules engine says of it through the
one conversion place, and an unreadable dossier is a line of the file, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from parcours.audit import runner
from parcours.audit.audit import HEADER, Options, pk_ranges
from parcours.domain.rules.engine import check
from parcours.domain.wording import where
from parcours.dossiers import convert
from parcours.dossiers.models import Dossier
from tests.audit.conftest import TODAY, read_csv

pytestmark = pytest.mark.django_db


def engine_lines(row: Dossier, as_of: dt.date) -> list[tuple[str, ...]]:
    """What the engine says of the row, as the audit should write it."""
    document = convert.document(row)
    report = check(convert.to_domain(row), as_of=as_of)
    return [(f.rule, f.severity.value, f.message, where(f.path, document)) for f in report.findings]


def audit_lines(lines: list[dict], row: Dossier) -> list[tuple[str, ...]]:
    return [
        (x["règle"], x["gravité"], x["message"], x["concerne"])
        for x in lines
        if x["dossier"] == str(row.pk)
    ]


def test_findings_are_the_engines_for_each_dossier(base, tmp_path):
    output = tmp_path / "audit.csv"
    tally, _, _ = runner.run(Options(as_of=TODAY), output, workers=1, progress=False)
    lines = read_csv(output)
    for key in ("draft", "running", "short"):
        row = Dossier.objects.get(pk=base[key].pk)
        expected = engine_lines(row, TODAY)
        assert expected, key  # each of them has something to say
        assert audit_lines(lines, row) == expected, key
    assert tally.checked == 5
    assert tally.unreadable == 2
    # The running dossier's records were read: S1 signed, the absence at S2 recorded (an
    # answer, not a missing signature), so no session is said to be unsigned.
    running = {x["message"] for x in lines if x["dossier"] == str(base["running"].pk)}
    assert not any("émargée" in m for m in running)
    assert tally.with_bloquant >= 1


def test_a_line_gives_who_what_and_where_in_words(base, tmp_path):
    output = tmp_path / "audit.csv"
    runner.run(Options(as_of=TODAY), output, workers=1, progress=False)
    assert output.read_bytes().startswith("\ufeff".encode())  # spreadsheets read the accents
    lines = read_csv(output)
    assert tuple(lines[0]) == HEADER
    short = [x for x in lines if x["dossier"] == str(base["short"].pk)]
    first = short[0]
    assert first["état"] == "Soumis à l'OPCO"
    assert first["entreprise"] == base["short"].content["company"]["name"]
    learner = base["short"].content["learner"]
    assert first["salarié"] == f"{learner['last_name'].upper()} {learner['first_name']}"
    assert {x["étape"] for x in short} <= {"conception", "dépôt"}
    assert any(x["gravité"] == "bloquant" for x in short)
    for x in lines:
        assert "[" not in x["concerne"] and "." not in x["concerne"]  # never a JSON path


def test_unreadable_dossiers_are_format_lines(base, tmp_path):
    output = tmp_path / "audit.csv"
    runner.run(Options(as_of=TODAY), output, workers=1, progress=False)
    lines = read_csv(output)
    bad = [x for x in lines if x["dossier"] == str(base["unreadable"].pk)]
    assert [(x["règle"], x["gravité"]) for x in bad] == [("FORMAT", "bloquant")]
    message = bad[0]["message"]
    assert "le parcours de formation" in message and "doit être une liste" in message
    assert "la date de début" in message  # each bad field named in words
    broken = [x for x in lines if x["dossier"] == str(base["broken"].pk)]
    assert [x["règle"] for x in broken] == ["FORMAT"]
    assert broken[0]["message"] == "le contenu enregistré n'est pas un dossier lisible"


def test_status_and_since_select_the_dossiers(base, tmp_path):
    output = tmp_path / "audit.csv"
    tally, _, _ = runner.run(
        Options(as_of=TODAY, statuses=("running", "submitted")), output, progress=False
    )
    assert tally.checked == 2
    assert {x["dossier"] for x in read_csv(output)} == {
        str(base["running"].pk),
        str(base["short"].pk),
    }
    later = Options(as_of=TODAY, since=TODAY + dt.timedelta(days=1))
    tally, _, _ = runner.run(later, output, progress=False)
    assert tally.checked == 0
    assert read_csv(output) == []


def test_ranges_cover_every_selected_id(base):
    pks = sorted(Dossier.objects.values_list("pk", flat=True))
    ranges = pk_ranges(Options(as_of=TODAY), width=2)
    assert ranges[0][0] == pks[0] and ranges[-1][1] == pks[-1]
    assert all(b[0] == a[1] + 1 for a, b in zip(ranges, ranges[1:], strict=False))
    assert pk_ranges(Options(as_of=TODAY, statuses=("completed",))) == []


def test_the_summary_in_french(base, tmp_path, capsys):
    output = tmp_path / "audit.csv"
    call_command("audit", output=output, no_progress=True)
    said = capsys.readouterr().out
    assert said.startswith("Audit terminé : 5 dossiers vérifiés en ")
    assert "illisibles : 2" in said
    assert "Dossiers avec au moins un point bloquant : " in said
    assert "FORMAT   bloquant          2  Dossier enregistré illisible" in said
    assert f"Fichier des constats : {output}" in said
    # Each rule found is a line with its count and its title, in French.
    assert "VOL-" in said and "Constats : " in said


def test_parcours_audit_is_the_same_command(base, tmp_path, capsys):
    from parcours.cli import main

    output = tmp_path / "audit.csv"
    assert main(["audit", "-o", str(output), "--no-progress", "--as-of", "2026-11-22"]) == 0
    assert capsys.readouterr().out.startswith("Audit terminé : 5 dossiers vérifiés")
    assert len(read_csv(output)) > 5


def test_an_unwritable_output_is_said_in_french(base, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        call_command("audit", output=tmp_path / "absent" / "a.csv", no_progress=True)
    assert exit.value.code == 2
    assert "impossible d'écrire" in capsys.readouterr().err
    assert not (tmp_path / "absent").exists()


def test_refresh_summaries_writes_the_counts(base, tmp_path):
    short = base["short"]
    Dossier.objects.filter(pk=short.pk).update(bloquant_count=0, alerte_count=0)
    tally, _, _ = runner.run(
        Options(as_of=TODAY, refresh_summaries=True), tmp_path / "a.csv", progress=False
    )
    row = Dossier.objects.get(pk=short.pk)
    found = tally.findings
    assert row.bloquant_count == sum(
        1 for line in read_csv(tmp_path / "a.csv")
        if line["dossier"] == str(short.pk) and line["gravité"] == "bloquant"
    )  # fmt: skip
    assert row.bloquant_count > 0 and found
    assert row.learner_name and row.company_name == short.company.name
