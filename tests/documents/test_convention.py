import datetime as dt

from parcours.domain.documents import render_document
from tests.documents.conftest import (
    assert_contains,
    demo_data,
    docx_text,
    dossier_from,
    pdf_text,
    squash,
)


def test_convention_pdf_fills_every_blank_of_the_seed(demo):
    text = pdf_text(render_document(demo, "convention", "pdf"))
    assert_contains(
        text,
        "Cabinet Exemple Expertise Comptable",
        "412 345 688 00011",
        "12 rue des Exemples, 69002 Lyon",
        "Claire Martin, Associée gérante",
        "Conseil Facilitation Exemple",
        "523 456 796 00011",
        "Paul Durand, Consultant",
        "851 296 632 00017",
        "intitulée : Gestionnaire de paie au bénéfice de Nadia Exemple",
        "CDD du 04/01/2027 au 03/01/2028 soit une durée de 12 mois",
        "d'une durée totale de 308 heures",
        "210 heures au titre des enseignements",
        "98 heures au titre des actions d'accompagnement",
        "dont 14 heures d'accompagnement par le tiers facilitateur",
        "en la personne de Sophie Bernard",
        "Responsable du service paie",
        "Fait en triple exemplaire à Lyon, le 25/11/2026",
    )
    for number in range(1, 12):  # French typography: a no-break space before the colon
        assert f"Article {number}\u00a0:" in text
    assert "Xxxxx" not in text and "……" not in text.split("Représenté(e) par")[0]


def test_article_9_table_comes_from_financing(demo):
    text = squash(pdf_text(render_document(demo, "convention", "pdf")))
    assert squash("Accompagnement du tiers facilitateur 14 2 500 2 500") in text
    assert squash("AFEST 70 — 500") in text
    assert squash("TOTAL 308 — 5 500") in text


def test_variant_without_facilitator_drops_party_article_and_hours():
    data = demo_data()
    data["facilitator"] = None
    text = pdf_text(render_document(dossier_from(data), "convention", "pdf"))
    assert "Conseil Facilitation Exemple" not in text
    assert "Engagement du Tiers Facilitateur" not in text
    assert "Article 10\u00a0: Différends éventuels" in text
    assert "Article 11" not in text
    assert_contains(text, "d'une durée totale de 294 heures", "84 heures au titre",
                    "Fait en double exemplaire")  # fmt: skip
    assert "dont 14 heures" not in text


def test_cdi_line_replaces_the_cdd_line():
    data = demo_data()
    data["contract"].update(type="CDI", end_date=None, start_date="2026-12-15")
    text = pdf_text(render_document(dossier_from(data), "convention", "pdf"))
    assert_contains(text, "CDI signé le 15/12/2026 pour une action de professionnalisation "
                    "allant du 04/01/2027 au 03/01/2028")  # fmt: skip
    assert "CDD du" not in text


def test_convention_docx_has_the_same_text(demo):
    text = docx_text(render_document(demo, "convention", "docx"))
    assert_contains(text, "Article 9 : Dispositions financières", "412 345 688 00011",
                    "Nadia Exemple", "04/01/2027", "Sophie Bernard", "308")  # fmt: skip
    assert dt.date(2027, 1, 4)
