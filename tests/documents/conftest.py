import copy
import io
import json
import re
import unicodedata

import pytest
from docx import Document
from pypdf import PdfReader

from parcours.domain.dossier import Dossier
from tests.conftest import EXAMPLES


def demo_data() -> dict:
    return json.loads((EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8"))


def completed_data() -> dict:
    """The demo dossier at its end: accepted, sessions signed, reviews held, attestation."""
    data = demo_data()
    data.update(status="completed", reference="EXP-2027-0042", as_of="2028-01-10")
    data["sessions"] = [
        {"id": "S1", "module": "M1", "date": "2027-03-02", "hours": 7, "attended_hours": 7,
         "learner_signed": True, "trainer_signed": True},
        {"id": "S2", "module": "M1", "date": "2027-03-16", "hours": 7, "attended_hours": 3.5,
         "learner_signed": True, "trainer_signed": False},
        {"id": "S3", "module": "M2", "date": "2027-03-15", "hours": 7,
         "learner_signed": False, "trainer_signed": True},
    ]  # fmt: skip
    levels = {"C1": 3, "C2": 3, "C3": 2, "C4": 2, "C5": 2, "C6": 3, "C7": 1}
    for review in data["reviews"]:
        review["held_date"] = review["planned_date"]
        review["scores"] = [{"competence": c, "level": v} for c, v in levels.items()]
        review["comment"] = f"Observation du bilan {review['id']}"
    return data


def dossier_from(data: dict) -> Dossier:
    return Dossier.model_validate(copy.deepcopy(data))


def squash(text: str) -> str:
    """Accents kept, case, spaces, hyphens and line breaks dropped: hyphenation and line
    wrapping in the PDF must not hide a value."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    return re.sub(r"[\s\-\u00ad\u2010\u202f\u00a0]+", "", text).lower()


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def assert_contains(text: str, *values: str) -> None:
    haystack = squash(text)
    missing = [v for v in values if squash(v) not in haystack]
    assert not missing, f"absent du document : {missing}"


@pytest.fixture
def demo() -> Dossier:
    return dossier_from(demo_data())


@pytest.fixture(scope="session")
def completed() -> Dossier:
    return dossier_from(completed_data())
