import pytest

from parcours.cli import main
from tests.conftest import EXAMPLES

DEMO = str(EXAMPLES / "gestionnaire-paie-valide.json")


def test_render_one_document(tmp_path, capsys):
    out = tmp_path / "sequence.docx"
    assert main(["render", DEMO, "--document", "sequence", "--index", "M4",
                 "--format", "docx", "-o", str(out)]) == 0  # fmt: skip
    assert out.read_bytes().startswith(b"PK")


def test_not_ready_document_exits_2_with_the_reason(tmp_path, capsys):
    out = tmp_path / "attestation.pdf"
    assert main(["render", DEMO, "--document", "attestation", "-o", str(out)]) == 2
    assert "bilan final" in capsys.readouterr().err
    assert not out.exists()


def test_render_all_skips_and_lists_what_is_not_ready(tmp_path, capsys):
    assert main(["render", DEMO, "--all", "--format", "docx", "-o", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    evaluations = [f"evaluation-module-M{i}.docx" for i in range(1, 6)]
    assert names == ["calendrier.docx", "convention.docx", *evaluations, "livret.docx",
                     "parcours.docx", "positionnement.docx", "referentiel.docx", "sequence-M2.docx",
                     "sequence-M4.docx"]  # fmt: skip
    printed = capsys.readouterr().out
    assert "attestation : " in printed and "bilan-B1 : " in printed


def test_render_to_a_missing_folder_or_a_folder_exits_2_in_french(tmp_path, capsys):
    """No traceback: say what is wrong with -o, write nothing."""
    missing = tmp_path / "absent" / "convention.docx"
    args = ["render", DEMO, "--document", "referentiel", "--format", "docx", "-o"]
    assert main([*args, str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"le dossier {missing.parent} n'existe pas" in err
    assert main([*args, str(tmp_path)]) == 2
    assert (
        f"{tmp_path} est un dossier : donnez le nom du fichier à écrire" in capsys.readouterr().err
    )
    assert list(tmp_path.iterdir()) == []


def test_render_all_into_an_existing_file_exits_2_and_leaves_it(tmp_path, capsys):
    existing = tmp_path / "convention.pdf"
    existing.write_bytes(b"%PDF-ancien")
    assert main(["render", DEMO, "--all", "--format", "docx", "-o", str(existing)]) == 2
    assert "est un fichier : avec --all, -o nomme un dossier" in capsys.readouterr().err
    assert existing.read_bytes() == b"%PDF-ancien"


def test_render_overwrites_an_existing_file_named_with_document(tmp_path, capsys):
    existing = tmp_path / "referentiel.docx"
    existing.write_bytes(b"ancien")
    args = ["render", DEMO, "--document", "referentiel", "--format", "docx"]
    assert main([*args, "-o", str(existing)]) == 0
    assert existing.read_bytes().startswith(b"PK")


def test_render_refuses_an_invalid_dossier_or_livret_with_exit_2(tmp_path, capsys):
    broken = tmp_path / "dossier.json"
    broken.write_text("{")
    assert main(["render", str(broken), "--list"]) == 2
    err = capsys.readouterr().err
    assert "JSON illisible, ligne 1, colonne 2" in err and "Expecting" not in err
    livret = tmp_path / "livret.json"
    livret.write_text('["pas", "un objet"]')
    args = ["render", DEMO, "--document", "livret", "--livret", str(livret), "-o"]
    assert main([*args, str(tmp_path / "livret.pdf")]) == 2
    assert "doit contenir un objet JSON" in capsys.readouterr().err
    livret.write_text('{"Accueil": ')
    with pytest.raises(SystemExit) as caught:
        main([*args, str(tmp_path / "livret.pdf")])
    assert caught.value.code == 2
    assert "sections du livret illisibles" in capsys.readouterr().err
    assert not (tmp_path / "livret.pdf").exists()
