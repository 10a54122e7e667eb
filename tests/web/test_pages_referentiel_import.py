"""The .xlsx référentiel import: every row read, or French errors row by row and nothing."""

import io

from openpyxl import Workbook

from parcours.web.referentiel_import import parse_referentiel_xlsx

HEADER = ["id", "énoncé", "importance", "niveau", "savoirs", "savoir-faire", "savoir-être"]


def xlsx(*rows, header=True) -> bytes:
    book = Workbook()
    sheet = book.active
    if header:
        sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = ("C1", "Être capable de paramétrer le logiciel de paie", "Indispensable", 3, "Plan de paie")


def test_it_reads_every_competence_with_its_lists():
    data = xlsx(
        GOOD,
        (
            "C2",
            "Être capable d'établir un bulletin",
            "Nécessaire",
            "2 - Application",
            "Convention collective; Taux",
            "Saisir\nContrôler",
            "Rigueur",
        ),
    )
    result = parse_referentiel_xlsx(data)
    assert result.ok
    assert result.competences[1] == {
        "id": "C2",
        "statement": "Être capable d'établir un bulletin",
        "importance": "necessaire",
        "level": 2,
        "knowledge": ["Convention collective", "Taux"],
        "skills": ["Saisir", "Contrôler"],
        "attitudes": ["Rigueur"],
    }


def test_it_accepts_a_level_written_as_a_word_and_no_header():
    result = parse_referentiel_xlsx(
        xlsx(("C1", "Être capable de lire", "accessoire", "Maîtrise"), header=False)
    )
    assert result.competences[0]["level"] == 3


def test_it_reports_each_bad_row_by_its_sheet_number_and_saves_nothing():
    data = xlsx(GOOD, ("", "Être capable de lire", "majeure", 7), ("C1", "", "accessoire", 1))
    result = parse_referentiel_xlsx(data)
    assert result.competences == []
    messages = [str(e) for e in result.errors]
    assert messages[0].startswith("Ligne 3 : l'identifiant (colonne A) est vide")
    assert "importance (colonne C) « majeure » non reconnue" in messages[0]
    assert "niveau attendu (colonne D) « 7 » non reconnu" in messages[0]
    assert messages[1] == (
        "Ligne 4 : l'identifiant « C1 » est déjà utilisé ligne 2 ; "
        "l'énoncé de la compétence (colonne B) est vide"
    )


def test_it_refuses_more_than_twelve_competences():
    rows = [(f"C{i}", "Être capable de lire", "accessoire", 1) for i in range(1, 14)]
    result = parse_referentiel_xlsx(xlsx(*rows))
    assert result.competences == []
    assert "13 compétences" in str(result.errors[-1])


def test_it_refuses_a_file_that_is_not_a_workbook():
    result = parse_referentiel_xlsx(b"not a zip")
    assert [str(e) for e in result.errors] == ["Le fichier n'est pas un classeur Excel (.xlsx)."]


def test_it_refuses_an_empty_sheet():
    result = parse_referentiel_xlsx(xlsx())
    assert not result.ok
