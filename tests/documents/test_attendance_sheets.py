"""Feuilles d'émargement and certificat de réalisation of a running dossier whose sessions
are émargées electronically (attendance records chained with `next_record_fields`)."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from parcours.domain.attendance import chain_breaks, next_record_fields
from parcours.domain.documents import instances, parts, render_document
from parcours.domain.documents.attendance_sheets import METHODS, moment
from parcours.domain.dossier import Dossier, SigningMethod
from parcours.domain.text import month as text_month
from tests.documents.conftest import assert_contains, demo_data, dossier_from, pdf_text, squash

UTC = dt.UTC
REFERENCE, AGREEMENT = "EXP-2027-0042", "ACC-2027-118"

# (id, module, date, start, end); M2 is internal (trainer Marc Petit), M1 external.
SESSIONS = [
    ("S1", "M2", "2027-03-01", "09:00", "12:30"),
    ("S2", "M2", "2027-03-01", "13:30", "17:00"),
    ("S3", "M2", "2027-03-08", "09:00", "12:30"),
    ("S4", "M2", "2027-03-15", "09:00", "12:30"),  # nobody has émargé it yet
    ("S5", "M2", "2027-04-12", "13:30", "17:00"),
    ("S10", "M1", "2027-03-02", "09:00", "12:30"),
    ("S11", "M1", "2027-03-02", "13:30", "16:00"),
]


def _session(sid, module, day, start, end):
    hours = (dt.datetime.strptime(end, "%H:%M") - dt.datetime.strptime(start, "%H:%M")).seconds
    session = {"id": sid, "module": module, "date": day, "hours": hours / 3600,
               "start_time": start, "end_time": end}  # fmt: skip
    if module == "M2":
        session["trainer"] = "F1"
    return session


# (session, signer, name, method, signed_at UTC, extra fields)
RECORDS = [
    ("S1", "learner", "Nadia Exemple", "account", "2027-03-01T08:05:00", {}),
    ("S1", "trainer", "Marc Petit", "link", "2027-03-01T08:07:00", {"trainer": "F1"}),
    ("S2", "learner", "Nadia Exemple", "tablet", "2027-03-01T12:40:00",
     {"recorded_by": "Sophie Bernard", "evidence_sha256": "ab" * 32}),
    ("S2", "trainer", "Marc Petit", "account", "2027-03-01T15:58:00", {"trainer": "F1"}),
    ("S3", "learner", "Nadia Exemple", "declared", "2027-03-08T07:30:00",
     {"presence": "absent", "absence_reason": "arrêt maladie", "recorded_by": "Claire Martin"}),
    ("S3", "trainer", "Marc Petit", "account", "2027-03-08T11:30:00", {"trainer": "F1"}),
    ("S10", "learner", "Nadia Exemple", "provider_sheet", "2027-03-03T09:00:00",
     {"recorded_by": "Claire Martin", "evidence_sha256": "cd" * 32}),
    ("S11", "learner", "Nadia Exemple", "provider_sheet", "2027-03-03T09:00:00",
     {"recorded_by": "Claire Martin", "evidence_sha256": "cd" * 32, "hours": 2}),
]  # fmt: skip


def running_data(*, agreement: bool = True, reference: bool = True) -> dict:
    data = demo_data()
    data.update(status="running", as_of="2027-04-20")
    data["reference"] = REFERENCE if reference else None
    if agreement:
        data["agreement"] = {"number": AGREEMENT, "date": "2027-01-02"}
    data["sessions"] = [_session(*s) for s in SESSIONS]
    chain: list[dict] = []
    for session, signer, name, method, at, extra in RECORDS:
        signed_at = dt.datetime.fromisoformat(at).replace(tzinfo=UTC)
        chain.append(
            next_record_fields(chain[-1] if chain else None, session=session, signer=signer,
                               signer_name=name, method=method, signed_at=signed_at, **extra)
        )  # fmt: skip
    data["attendance"] = [{**r, "signed_at": r["signed_at"].isoformat()} for r in chain]
    return data


@pytest.fixture(scope="module")
def running() -> Dossier:
    return dossier_from(running_data())


@pytest.fixture(scope="module")
def march_m2(running) -> str:
    return pdf_text(render_document(running, "emargement", index="M2-2027-03"))


def test_the_fixture_chain_is_whole(running):
    assert not chain_breaks(running.attendance)
    assert len(running.attendance) == len(RECORDS)


def test_the_sheet_header_carries_the_dossier_and_agreement_numbers(march_m2):
    assert_contains(march_m2, "Feuille d'émargement", "Module M2 – mars 2027",
                    "Cabinet Exemple Expertise Comptable", "412 345 688 00011", "Nadia Exemple",
                    "M2 – Processus internes du cabinet", "Formation interne", "Marc Petit",
                    f"n° {REFERENCE}", f"n° {AGREEMENT} du 02/01/2027")  # fmt: skip


def test_unknown_numbers_leave_a_line_to_fill_in_by_hand():
    dossier = dossier_from(running_data(agreement=False, reference=False))
    text = pdf_text(render_document(dossier, "emargement", index="M2-2027-03"))
    assert REFERENCE not in text and AGREEMENT not in text
    # any run of spaces and line ends as one space (Typst keeps a wrapped line's space)
    plain = re.sub(r"[\s\u00a0]+", " ", text)
    assert re.search("N° de dossier Atlas …{5,} ", plain)
    assert re.search("Accord de prise en charge n° …{5,} du …… / …… / ………", plain)


def test_one_row_per_session_with_french_date_times_and_hours(march_m2):
    assert_contains(march_m2, "lundi 01/03/2027", "09 h 00 – 12 h 30", "13 h 30 – 17 h 00",
                    "lundi 08/03/2027", "lundi 15/03/2027", "3,5 h", "14 h")  # fmt: skip
    # April's session is on April's sheet only.
    assert "12/04/2027" not in march_m2


def _row_tops(content: bytes, page: int = 0) -> list[float]:
    """The height on the page of each row's date text (PDF points, from the top)."""
    reader = PdfReader(io.BytesIO(content))
    tops: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip().startswith(("lundi", "mardi", "mercredi", "jeudi", "vendredi")):
            tops.append(-(tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))  # text matrix × CTM

    reader.pages[page].extract_text(visitor_text=visit)
    return tops


def test_rows_are_at_least_15_mm_high(running):
    tops = _row_tops(render_document(running, "emargement", index="M2-2027-03"))
    assert len(tops) == 4
    gaps_mm = [(b - a) * 25.4 / 72 for a, b in zip(tops, tops[1:], strict=False)]
    assert min(gaps_mm) >= 15


def test_e_signed_lines_show_name_time_method_and_short_hash(running, march_m2):
    squashed = squash(march_m2)
    by = {(r.session, r.signer.value): r for r in running.attendance}
    for key in (("S1", "learner"), ("S1", "trainer"), ("S2", "learner"), ("S2", "trainer")):
        record = by[key]
        assert squash(record.hash[:10]) in squashed, key
        assert squash(METHODS[record.method]) in squashed
    printed = re.findall(r"empreinte ([0-9a-f]+)", march_m2)
    assert len(printed) == 6 and {len(h) for h in printed} == {10}  # the short hash only
    # Paris time (UTC+1 in March), French format.
    assert moment(by[("S1", "learner")].signed_at) == "01/03/2027 à 09\u00a0h\u00a005"
    assert_contains(march_m2, "le 01/03/2027 à 09 h 05", "depuis son compte",
                    "le 01/03/2027 à 09 h 07", "par lien à usage unique",
                    "sur tablette (signature dessinée)", "saisie par Sophie Bernard",
                    "le 01/03/2027 à 16 h 58")  # fmt: skip
    assert squashed.count(squash("Marc Petit")) >= 4  # header + three trainer lines


def test_an_absence_shows_absent_and_its_reason(running, march_m2):
    absence = next(r for r in running.attendance if r.presence == "absent")
    assert_contains(march_m2, "Absent(e) motif : arrêt maladie Nadia Exemple",
                    "absence déclarée par Claire Martin", absence.hash[:10])  # fmt: skip


def test_no_typed_signed_anywhere_on_the_sheets(running):
    for key in ("M1", "M2", "M3", "M4", "M5"):
        text = squash(pdf_text(render_document(running, "emargement", index=key)))
        assert "signé" not in text, key


def test_an_unsigned_session_row_is_left_blank(running, march_m2):
    # S4 (15 March) has no record: no name, time or hash printed for it.
    lines = march_m2.splitlines()
    row = next(i for i, line in enumerate(lines) if "15/03/2027" in line)
    after = " ".join(lines[row : row + 3])
    assert "empreinte" not in after and "Nadia" not in after


def test_external_sheet_says_the_provider_signs_its_own(running):
    text = pdf_text(render_document(running, "emargement", index="M1-2027-03"))
    assert_contains(text, "Organisme Exemple Formation fait signer sa propre feuille",
                    "feuille du prestataire", "Nadia Exemple (2 h suivies)",
                    "09 h 00 – 12 h 30", "13 h 30 – 16 h 00",
                    "5,5 h de présence enregistrée")  # fmt: skip
    assert "Signature du formateur" not in text


def test_blank_rows_for_hours_not_planned_yet(running):
    # M2 (49 h) holds 17,5 h of sessions: its March sheet adds rows for the month's share.
    text = pdf_text(render_document(running, "emargement", index="M2-2027-03"))
    assert_contains(text, "dont 31,5 h restant à planifier", "lignes vides")
    tops = _row_tops(render_document(running, "emargement", index="M2-2027-03"))
    assert len(tops) == 4  # blank rows carry no date
    # A module's months still include those with nothing planned yet, rows to fill by hand.
    months = [k for k in parts(running, "emargement") if k.startswith("M2-")]
    assert "M2-2027-06" in months and "M2-2027-03" in months
    june = pdf_text(render_document(running, "emargement", index="M2-2027-06"))
    assert_contains(june, "lundi 14/06/2027")  # the séquence's planned day, no session yet


def test_a_fully_planned_module_keeps_only_spare_rows():
    data = running_data()
    data["modules"][1]["hours"] = 17.5  # M2 exactly what its sessions hold
    dossier = dossier_from(data)
    assert [k for k in parts(dossier, "emargement") if k.startswith("M2-")] == [
        "M2-2027-03",
        "M2-2027-04",
    ]
    text = pdf_text(render_document(dossier, "emargement", index="M2-2027-03"))
    assert_contains(text, "entièrement planifiée")


def test_the_module_file_has_one_page_per_month_and_fits(running):
    keys = [i.key for i in instances(running, "emargement")]
    assert keys == ["M1", "M2", "M3", "M4", "M5"]
    months = [k for k in parts(running, "emargement") if k.startswith("M2-")]
    pages = PdfReader(io.BytesIO(render_document(running, "emargement", index="M2"))).pages
    assert len(pages) == len(months)
    # Every page names its own sheet in the running title.
    for page, key in zip(pages, months, strict=True):
        year, month = int(key.split("-")[1]), int(key.split("-")[2])
        assert f"Émargement M2 – {text_month(year, month)}" in page.extract_text()


def test_footer_explains_how_to_verify(march_m2):
    assert_contains(march_m2, "parcours verify-attendance", "SHA-256", "heure de Paris")


# Certificat de réalisation --------------------------------------------------------------


@pytest.fixture(scope="module")
def certificat(running) -> str:
    return pdf_text(render_document(running, "certificat", as_of=dt.date(2027, 4, 30)))


def test_certificat_counts_signed_hours_only(certificat):
    # M2: S1 + S2 present (7 h); S3 absent, S4 not émargé, S5 not émargé. M1: S10 (3,5 h)
    # + S11 (2 h of its 2,5 h).
    # The period runs over the émargées sessions only (8 March: absent; 12 April: not émargé).
    assert_contains(certificat, "durée réalisée de 12,5 h", "du 01/03/2027 au 02/03/2027")


def test_certificat_shows_planned_scheduled_and_done_per_module(certificat):
    rows = {line.split(" ")[0]: line for line in certificat.splitlines() if line[:2] in (
        "M1", "M2", "M3", "M4", "M5")}  # fmt: skip
    assert_contains(rows["M1"], "105 h", "6 h", "5,5 h")
    assert_contains(rows["M2"], "49 h", "17,5 h", "7 h")
    assert_contains(rows["M3"], "56 h", "0 h")
    assert_contains(certificat, "Total", "294 h", "23,5 h", "12,5 h")


def test_certificat_is_dated_with_its_own_date(running, certificat):
    assert_contains(certificat, "Fait à Lyon, le 30/04/2027", "Date d'émission",
                    f"n° {REFERENCE}", f"n° {AGREEMENT} du 02/01/2027",
                    "Claire Martin")  # fmt: skip
    # Without a date given, the dossier's own (or today).
    default = pdf_text(render_document(running, "certificat"))
    assert_contains(default, "le 20/04/2027")
    # « Je soussigné(e) » is the company's own statement; no session is printed as « signée ».
    assert not re.search(r"\bsign[ée]", certificat)


def test_certificat_without_a_signed_session_says_why():
    data = running_data()
    data["attendance"] = []
    dossier = dossier_from(data)
    from parcours.domain.documents import DocumentNotReady

    with pytest.raises(DocumentNotReady) as caught:
        render_document(dossier, "certificat")
    assert "Aucune séance n'est encore émargée" in caught.value.reason
    # Records in the future of the date of issue do not count either.
    with pytest.raises(DocumentNotReady):
        render_document(dossier_from(running_data()), "certificat", as_of=dt.date(2027, 2, 1))


def test_certificat_of_a_file_without_records_keeps_its_flags():
    data = running_data()
    data["attendance"] = []
    data["sessions"][0].update(learner_signed=True)
    data["sessions"][1].update(attended_hours=2)
    text = pdf_text(render_document(dossier_from(data), "certificat"))
    assert_contains(text, "durée réalisée de 5,5 h", "reportées au dossier")


def test_methods_are_all_in_french():
    assert set(METHODS) == set(SigningMethod)


def test_signing_times_are_paris_time_summer_and_winter():
    assert moment(dt.datetime(2027, 7, 1, 7, 0, tzinfo=UTC)) == "01/07/2027 à 09\u00a0h\u00a000"
    # Past midnight in Paris is the next day on the sheet.
    assert moment(dt.datetime(2027, 3, 1, 23, 30, tzinfo=UTC)) == "02/03/2027 à 00\u00a0h\u00a030"


def test_the_docx_renderer_takes_the_sheet_blocks_too(running):
    # The registry offers these papers as PDF only; the blocks they use (two-column
    # header, recorded cells, signing rows) still render in Word for any paper.
    from docx.shared import Mm

    from parcours.domain.documents import build_paper
    from parcours.domain.documents.docx import render_docx
    from tests.documents.conftest import docx_text

    content = render_docx(build_paper(running, "emargement", index="M2-2027-03"))
    text = docx_text(content)
    first = next(r for r in running.attendance if r.session == "S1")
    assert_contains(text, f"n° {AGREEMENT}", first.hash[:10], "depuis son compte")
    from docx import Document

    table = next(t for t in Document(io.BytesIO(content)).tables if len(t.columns) == 6)
    assert table.rows[1].height >= Mm(15)


def test_parcours_render_prints_a_month_or_a_module(tmp_path, capsys):
    import json

    from parcours.cli import main

    source = tmp_path / "dossier.json"
    source.write_text(json.dumps(running_data(), ensure_ascii=False), encoding="utf-8")
    month, module = tmp_path / "mars.pdf", tmp_path / "m2.pdf"
    assert main(["render", str(source), "--document", "emargement", "--index", "M2-2027-03",
                 "-o", str(month)]) == 0  # fmt: skip
    assert main(["render", str(source), "--document", "emargement", "--index", "1",
                 "-o", str(module)]) == 0  # fmt: skip
    assert len(PdfReader(month).pages) == 1
    assert "Émargement M2 – avril 2027" in pdf_text(module.read_bytes())
    assert main(["render", str(source), "--document", "emargement", "--index", "M2-2031-01",
                 "-o", str(month)]) == 2  # fmt: skip
