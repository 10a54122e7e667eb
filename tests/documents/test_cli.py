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
    assert names == ["convention.docx", "livret.docx", "parcours.docx", "referentiel.docx",
                     "sequence-M2.docx", "sequence-M4.docx"]  # fmt: skip
    printed = capsys.readouterr().out
    assert "attestation : " in printed and "bilan-B1 : " in printed
