"""The guide's six steps (« 6 grandes étapes ») and the dossier's pages under each.

The pages follow the guide's order: the need in competences first (before anyone is
recruited), then the parcours built for the recruited person, then the contract and its
validation by the OPCO, the training of tutors and trainers, the parcours carried out and
evaluated, and the end of the contract.
"""

from __future__ import annotations

from django.urls import reverse

from parcours.web.findings import STEP_SLUGS

# (number, title, pages: (slug, title)); a slug of `findings.STEPS` is a step page.
GUIDE_STEPS: tuple[tuple[int, str, tuple[tuple[str, str], ...]], ...] = (
    (1, "Formaliser le besoin en compétences", (
        ("entreprise", "Entreprise"), ("referentiel", "Référentiel métier"),
    )),
    (2, "Construire le parcours de formation", (
        ("salarie", "Salarié apprenant"), ("tuteurs", "Tuteur et formateurs"),
        ("positionnement", "Positionnement initial"), ("parcours", "Parcours de formation"),
        ("sequences", "Séquences pédagogiques"),
    )),
    (3, "Valider le contrat", (
        ("contrat", "Contrat"), ("bilans", "Bilans prévus"), ("documents", "Documents signés"),
        ("soumission", "Soumission à l'OPCO"),
    )),
    (4, "Former les tuteurs et les formateurs si nécessaire", (
        ("formation-tuteurs", "Formation des tuteurs et formateurs"),
        ("tuteurs", "Tuteur et formateurs"),
    )),
    (5, "Mettre en œuvre le parcours et évaluer les apprentissages", (
        ("accueil", "Accueil du salarié"), ("seances", "Calendrier des séances"),
        ("emargement", "Émargement"),
    )),
    (6, "Terminer le contrat", (
        ("cloture", "Clôture du contrat"), ("retours", "Retours d'expérience"),
    )),
)  # fmt: skip
TOTAL = len(GUIDE_STEPS)

# The page the « Enregistrer et continuer » button leads to, in the guide's order.
ORDER = tuple(dict.fromkeys(slug for _, _, pages in GUIDE_STEPS[:3] for slug, _ in pages))


def _url(row, slug: str) -> str | None:
    if slug in STEP_SLUGS:
        return reverse("web:step", args=[row.pk, slug])
    names = {"soumission": "web:submission", "seances": "web:planning",
             "emargement": "web:attendance", "cloture": "web:closing",
             "formation-tuteurs": "web:staff_training", "accueil": "web:onboarding",
             "retours": "web:lessons"}  # fmt: skip
    return reverse(names[slug], args=[row.pk]) if slug in names else None


def stepper(row, current: str | None) -> dict | None:
    """« Étape x sur 6 » for the page `current`, with the pages of that step (links)."""
    for number, title, pages in GUIDE_STEPS:
        if any(slug == current for slug, _ in pages):
            return {
                "number": number,
                "total": TOTAL,
                "title": title,
                "pages": [
                    {"title": t, "url": _url(row, s), "current": s == current} for s, t in pages
                ],
            }
    return None


def next_page(row, current: str) -> str | None:
    """The URL of the page after `current` in the guide's order (None after the last)."""
    if current not in ORDER:
        return None
    index = ORDER.index(current)
    return _url(row, ORDER[index + 1]) if index + 1 < len(ORDER) else None
