"""The convention's article 9 for an experienced company (guide, « Les financements »): the
parcours funded by the hour actually attended, one payment, no facilitator funding. The
forfait wording stays in convention.py; these paragraphs replace it when
`company.first_contract` is false."""

from __future__ import annotations

from collections.abc import Iterator

from parcours.domain import text
from parcours.domain.documents.blocks import Block, Filled, bullets, p
from parcours.domain.dossier import Dossier
from parcours.domain.figures import Figures
from parcours.domain.financing import funded_training_hours, hourly_rate

RATE_TO_SET = "taux horaire à fixer par l'OPCO"


def rate_text(d: Dossier):
    rate = hourly_rate(d)
    return Filled(text.euros(rate)) if rate is not None else RATE_TO_SET


def forfait_paragraphs(d: Dossier, f: Figures) -> Iterator[Block]:
    """What replaces the facilitator's 2 500 € and the parcours forfait of article 9."""
    o = d.opco.name
    if d.facilitator:
        yield p(
            f"L'Entreprise n'en étant pas à ses premiers contrats, l'accompagnement du tiers "
            f"facilitateur n'est pas financé par {o} ; il reste à la charge de l'Entreprise."
        )
    yield p(
        "Les formations relatives au contrat de professionnalisation expérimental sont "
        f"financées par {o} selon un forfait horaire de ",
        rate_text(d),
        " par heure de formation effectivement suivie par le salarié apprenant, dans la "
        f"limite des {text.hours(funded_training_hours(f))} du parcours de formation.",
    )


def payment_paragraphs(d: Dossier, f: Figures) -> Iterator[Block]:
    """The single payment of an hour-based contract and its pieces."""
    o = d.opco.name
    yield p(
        "Dans le cadre d'un contrat financé selon un forfait horaire, l'Entreprise bénéficiera "
        "d'un financement en un seul versement, au terme du parcours de professionnalisation, "
        "égal au nombre d'heures de formation effectivement suivies multiplié par le taux "
        "horaire ci-dessus."
    )
    yield p(
        f"Pour en bénéficier, l'Entreprise adressera à {o}, via les services en ligne, en sus "
        "de la facture :"
    )
    yield bullets(
        "Le Certificat de réalisation des formations suivies",
        "Les Bilans de suivi et de clôture",
        "L'Attestation de fin de contrat de professionnalisation",
    )
    yield p(
        "En cas de rupture anticipée du Contrat de Professionnalisation Expérimental, seules "
        "les heures de formation effectivement suivies jusqu'à la rupture sont financées, sur "
        "certificat de réalisation."
    )
