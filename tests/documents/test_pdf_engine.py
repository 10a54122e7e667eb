"""The PDF engine (Typst): every paper renders, archivable (PDF/A-2b) and accessible
(PDF/UA-1: tagged, titled, in French), in the shipped fonts, and user text is data, never
markup."""

import io
import json
import re
import shutil
import subprocess
import threading
import typing
from pathlib import Path

import pytest
import typst
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from parcours.domain.documents import blocks, pdf
from parcours.domain.documents.batch import render_all
from parcours.domain.documents.blocks import Filled, Paper
from parcours.domain.documents.registry import build_paper, render_document
from parcours.domain.loading import parse_dossier
from tests.conftest import EXAMPLES
from tests.documents.conftest import (
    assert_contains,
    completed_data,
    demo_data,
    dossier_from,
    pdf_text,
    squash,
)

SHIPPED_FONTS = {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DroidSansFallback"}
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.json") if p.name != "expected.json")


def _fonts(resources, found: set[str]) -> set[str]:
    """Font names used by a page, its forms (an SVG chart is one) included."""
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        found.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    for form in (resources.get("/XObject") or {}).values():
        form = form.get_object()
        if "/Resources" in form:
            _fonts(form["/Resources"], found)
    return found


def assert_archivable_and_accessible(content: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) in ("fr", "fr-FR")
    assert reader.metadata.title
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    used = set()
    for page in reader.pages:
        _fonts(page.get("/Resources"), used)
    assert used and used <= SHIPPED_FONTS, used
    return reader


def _papers(data_or_path) -> dict[str, bytes]:
    if isinstance(data_or_path, Path):
        dossier = parse_dossier(data_or_path.read_bytes())
    else:
        dossier = dossier_from(data_or_path)
    produced = render_all(dossier, ("pdf",), workers=1)
    return {p.filename: p.content for p in produced if p.content is not None}


@pytest.mark.parametrize(
    "source",
    [demo_data(), completed_data(), *EXAMPLE_FILES],
    ids=["demo", "completed", *(p.stem for p in EXAMPLE_FILES)],
)
def test_every_paper_is_pdf_a_2b_and_pdf_ua_1_in_the_shipped_fonts(source):
    papers = _papers(source)
    assert papers
    for name, content in papers.items():
        reader = assert_archivable_and_accessible(content)
        title = reader.metadata.title
        assert title and "None" not in title, name
        assert pdf_text(content).strip(), name


def test_the_completed_dossier_produces_every_kind_of_paper():
    names = {n.split("-")[0].removesuffix(".pdf") for n in _papers(completed_data())}
    assert {"convention", "referentiel", "parcours", "sequence", "positionnement", "livret",
            "emargement", "certificat", "bilan", "attestation", "financement",
            "demande"} <= names  # fmt: skip


def test_names_siret_dates_hours_and_amounts_are_extracted_from_the_convention():
    text = pdf_text(render_document(dossier_from(demo_data()), "convention"))
    assert_contains(text, "Cabinet Exemple Expertise Comptable", "412 345 688 00011",
                    "Nadia Exemple", "Sophie Bernard", "04/01/2027", "03/01/2028",
                    "308 heures", "210 heures", "5 500")  # fmt: skip


MARKUP = r"#set text(red) $x^2$ *gras* _pench\u00e9_ [lien] \ @ref <label> = Titre // fin"


def _everything(text: str) -> Paper:
    """A paper that puts `text` in every place a block can hold text."""
    return Paper(
        title=f"Titre {text}",
        subtitle=f"Sous-titre {text}",
        header=f"En-tête {text}",
        blocks=(
            blocks.RunningTitle(f"Courant {text}"),
            blocks.Heading(f"Rubrique {text}"),
            blocks.Heading(f"Sous-rubrique {text}", level=3),
            blocks.p(f"Paragraphe {text} ", Filled(f"rempli {text}")),
            blocks.p(f"Note {text}", style="note"),
            blocks.bullets(f"Puce {text}", (f"Puce2 {text}", Filled(f"puce rempli {text}"))),
            blocks.bullets(f"Sous-puce {text}", nested=True),
            blocks.Fields(
                ((f"Libellé {text}", f"valeur {text}"), ("Autre", Filled(f"champ rempli {text}")))
            ),  # fmt: skip
            blocks.Fields((("A", f"deux {text}"), ("B", "b")), columns=2),
            blocks.Table(
                (f"Colonne {text}", "Heures"),
                ((f"Cellule {text}", "7"), (Filled(f"Signé en ligne {text}\nle 01/03/2027"), "3")),
                footer=(f"Total {text}", "10"),
                numeric=(1,),
            ),
            blocks.Signatures(((f"Partie {text}", f"Signataire {text}", True),)),
            blocks.Chart(
                '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
                f"Alternative {text}",
                f"Légende {text}",
            ),
        ),
        draft_mark=f"Projet {text}",
    )


def test_typst_markup_in_user_text_prints_literally():
    content = pdf.render_pdf(_everything(MARKUP))
    assert_archivable_and_accessible(content)
    text = squash(pdf_text(content))
    expected = squash(MARKUP)
    places = ["Titre", "Sous-titre", "En-tête", "Courant", "Rubrique", "Sous-rubrique",
              "Paragraphe", "rempli", "Note", "Puce", "Puce2", "puce rempli", "Sous-puce",
              "Libellé", "valeur", "champ rempli", "deux", "Colonne", "Cellule",
              "Signé en ligne", "Total", "Partie", "Signataire", "Légende", "Projet"]  # fmt: skip
    missing = [p for p in places if squash(p) + expected not in text]
    assert not missing, missing


def test_a_learner_named_with_markup_characters_is_printed_as_typed():
    data = demo_data()
    data["learner"]["first_name"] = "Zoé #1 *$"
    data["learner"]["last_name"] = "[O'Brien] <\\@_=>"
    text = pdf_text(render_document(dossier_from(data), "convention"))
    assert "Zoé #1 *$" in text
    assert "[O’Brien] <\\@_=>" in text.replace("'", "’")


def _structure(reader: PdfReader) -> list[tuple[str, object]]:
    """(role, alternative text) of every element of the tagged structure."""
    found: list[tuple[str, object]] = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                found.append((str(node["/S"]), node.get("/Alt")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_title_headings_table_headers_lists_and_chart_alternative_are_tagged():
    reader = PdfReader(io.BytesIO(pdf.render_pdf(_everything("x"))))
    assert reader.metadata.title == "Titre x – Sous-titre x"
    roles = [role for role, _ in _structure(reader)]
    for role in ("/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI", "/Figure"):
        assert role in roles, role
    assert ("/Figure", "Alternative x") in _structure(reader)


def test_a_file_that_does_not_conform_is_refused():
    """Typst checks the standards pdf.py asks for: an image without alternative text is
    not PDF/UA, and the export fails instead of producing it."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    source = "\n".join(
        ['#set document(title: "t")', '#set text(lang: "fr")',
         f"#image(bytes({json.dumps(svg)}), format: \"svg\")"]
    ).encode()  # fmt: skip
    with pytest.raises(typst.TypstError):
        typst.compile(source, format="pdf", pdf_standards=pdf.STANDARDS,
                      font_paths=[str(pdf.FONTS)])  # fmt: skip


def test_every_block_kind_has_its_typst_rendering():
    # a running title is no block for Typst: pdf.py cuts the paper into sheets there
    kinds = {cls.__name__.lower() for cls in typing.get_args(blocks.Block)} - {"runningtitle"}
    template = (pdf.TEMPLATES / "blocks.typ").read_text(encoding="utf-8")
    handled = set(re.findall(r'kind == "(\w+)"', template))
    assert kinds <= handled, kinds - handled


def test_an_unknown_block_kind_fails_loudly():
    class Unknown(blocks.PageBreak):
        pass

    paper = Paper("t", "", "h", blocks=(Unknown(),))
    with pytest.raises(typst.TypstError, match="bloc inconnu"):
        pdf.render_pdf(paper)


def test_the_parcours_is_landscape_and_the_convention_portrait():
    demo = dossier_from(demo_data())
    parcours = PdfReader(io.BytesIO(render_document(demo, "parcours"))).pages[0].mediabox
    convention = PdfReader(io.BytesIO(render_document(demo, "convention"))).pages[0].mediabox
    assert parcours.width > parcours.height
    assert convention.width < convention.height


def test_each_sheet_of_an_emargement_has_its_running_title():
    content = render_document(dossier_from(demo_data()), "emargement", index="M1")
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) >= 2
    first, second = pages[0].extract_text(), pages[1].extract_text()
    assert "Émargement M1 – janvier 2027" in first
    assert "Émargement M1 – février 2027" in second


def test_the_draft_mark_is_printed():
    paper = Paper("Convention", "", "Dossier", blocks=(blocks.p("Texte"),),
                  draft_mark="PROJET — non conforme")  # fmt: skip
    content = pdf.render_pdf(paper)
    assert "PROJET — non conforme" in pdf_text(content)
    if shutil.which("pdftotext"):  # poppler reads letter-spaced text as separate words
        layout = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content,
                                capture_output=True, check=True).stdout.decode()  # fmt: skip
        assert "PROJET — non conforme" in layout
    clean = Paper("Convention", "", "Dossier", blocks=(blocks.p("Texte"),))
    assert "PROJET" not in pdf_text(pdf.render_pdf(clean))


def test_threads_render_at_the_same_time():
    """A Typst compiler refuses a second caller while it works: each thread has its own."""
    papers = [_everything(f"fil {i}") for i in range(4)]
    results: dict[int, bytes | BaseException] = {}

    def work(i):
        try:
            for _ in range(3):
                results[i] = pdf.render_pdf(papers[i])
        except BaseException as exc:  # noqa: BLE001 - reported below
            results[i] = exc

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(isinstance(r, bytes) and r.startswith(b"%PDF") for r in results.values()), results
    assert len(results) == 4


def test_the_bundle_is_one_conforming_pdf_each_part_under_its_own_running_title():
    demo = dossier_from(demo_data())
    reader = assert_archivable_and_accessible(render_document(demo, "convention-et-annexes"))
    assert reader.metadata.title.startswith("Convention de formation et ses annexes")
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    convention, calendar = build_paper(demo, "convention"), build_paper(demo, "calendrier")
    assert convention.title in first and calendar.title not in first
    assert calendar.title in last and convention.header.split(" · ")[0] in last


def test_a_running_title_starts_a_sheet_at_its_page_break():
    paper = Paper("Feuilles", "", "Dossier", blocks=(
        blocks.RunningTitle("Feuille 1"), blocks.p("Un"),
        blocks.PageBreak(), blocks.Heading("Deuxième"), blocks.RunningTitle("Feuille 2"),
        blocks.p("Deux"),
    ))  # fmt: skip
    sheets = json.loads(pdf.paper_json(paper))["sheets"]
    assert [s["title"] for s in sheets] == ["Feuille 1", "Feuille 2"]
    assert [b["kind"] for b in sheets[1]["blocks"]] == ["heading", "para"]  # no page break
    pages = PdfReader(io.BytesIO(pdf.render_pdf(paper))).pages
    assert len(pages) == 2
    assert "Feuille 1" in pages[0].extract_text() and "Feuille 2" not in pages[0].extract_text()
    assert "Feuille 2" in pages[1].extract_text() and "Deuxième" in pages[1].extract_text()
    untitled = json.loads(pdf.paper_json(Paper("Titre", "", "Dossier", blocks=(blocks.p("x"),))))
    assert untitled["sheets"] == [{"title": None, "blocks": [untitled["sheets"][0]["blocks"][0]]}]


@pytest.mark.parametrize("name", ["王小明", "Ngọc Ánh", "Σωκράτης", "محمد", "Zoë 😀"])
def test_a_name_in_another_script_prints_in_a_conforming_pdf(name):
    content = pdf.render_pdf(Paper("Convention", "", "Dossier", blocks=(blocks.p(name),)))
    assert_archivable_and_accessible(content)
    assert name in pdf_text(content)


def test_a_character_no_shipped_font_has_still_gives_a_paper(caplog):
    """An Egyptian hieroglyph: PDF/A refuses it, the paper comes out without the claims."""
    paper = Paper("Convention", "", "Dossier", blocks=(blocks.p("Nom \U00013000 Martin"),))
    content = pdf.render_pdf(paper)
    assert "Martin" in pdf_text(content)
    xmp = PdfReader(io.BytesIO(content)).trailer["/Root"].get("/Metadata")
    assert xmp is None or b"pdfaid" not in xmp.get_object().get_data()
    assert "sans PDF/A" in caplog.text


def test_a_long_e_mail_in_a_narrow_cell_breaks_after_its_dots_and_extracts_as_typed():
    # Typst breaks a word only where it can hyphenate it: without help the address ran
    # over the next column (« christophe.delamontagne- » on one line)
    mail = "jean-christophe.delamontagne-verte@cabinet-exemple-expertise.fr"
    paper = Paper(
        title="Contacts",
        subtitle="",
        header="parcours",
        blocks=(
            blocks.Table(
                ("Nom", "Courriel", "Téléphone", "Rôle"),
                (("Jean", mail, "01 02 03 04 05", "Tuteur"), ("Paul", Filled(mail), "", "")),
                widths=(15, 15, 35, 35),
            ),
        ),
    )
    text = PdfReader(io.BytesIO(pdf.render_pdf(paper))).pages[0].extract_text()
    lines = text.splitlines()
    assert not any("christophe.delamontagne" in line for line in lines)
    assert text.replace("\n", "").count(mail) == 2  # every character kept, in order


def test_a_line_of_dots_to_write_on_stays_inside_its_signature_box():
    # the OPCO's « Nom et qualité : …… » ran over the next box (a word Typst cannot break)
    from parcours.domain.documents.common import WRITE_IN

    boxes = (("L'Entreprise", "Claire Martin", False), ("L'OPCO", "", False),
             ("Le tiers facilitateur", "Paul Durand", False))  # fmt: skip
    qualities = ("Gérante", f"Nom et qualité : {WRITE_IN}", "Consultant")
    paper = Paper(
        "Convention", "", "Dossier", blocks=(blocks.Signatures(boxes, qualities=qualities),)
    )
    text = pdf_text(pdf.render_pdf(paper))
    assert not any(WRITE_IN in line for line in text.splitlines())
    assert WRITE_IN in text.replace("\n", "").replace(" ", "")
