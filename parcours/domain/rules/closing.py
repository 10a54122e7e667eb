"""CLO and RUP: the end of the contract, normal or early."""

from parcours.domain.dossier import Status
from parcours.domain.rules.base import Severity, Stage, rule


@rule(
    "CLO-01",
    Severity.BLOQUANT,
    Stage.CLOSING,
    "guide étape 6 ; convention art. 3",
    "L'attestation de fin de contrat liste les compétences acquises et leur niveau",
)
def clo_01(ctx):
    attestation = ctx.dossier.attestation
    if attestation is None:
        yield ctx.finding(
            "attestation",
            "L'attestation de fin de contrat n'a pas été établie.",
            "Établissez l'attestation en listant les compétences acquises et leur niveau.",
        )
        return
    if not attestation.competences:
        yield ctx.finding(
            "attestation.competences",
            "L'attestation de fin de contrat ne liste aucune compétence acquise.",
            "Ajoutez chaque compétence acquise avec le niveau atteint.",
        )
    for j, score in enumerate(attestation.competences):
        if score.competence not in ctx.competence_ids:
            yield ctx.finding(
                f"attestation.competences[{j}].competence",
                f"L'attestation cite la compétence {score.competence}, absente du référentiel.",
                "Ne citez que des compétences du référentiel métier.",
            )


@rule(
    "RUP-01",
    Severity.BLOQUANT,
    Stage.CLOSING,
    "convention art. 10",
    "Une rupture est datée et notifiée par écrit à l'OPCO",
)
def rup_01(ctx):
    if ctx.dossier.status != Status.TERMINATED:
        return
    rupture = ctx.dossier.rupture
    if rupture is None:
        yield ctx.finding(
            "rupture",
            "Le contrat est rompu mais la rupture n'est pas enregistrée.",
            "Enregistrez la date et le motif de la rupture.",
        )
    elif rupture.opco_informed_on is None:
        yield ctx.finding(
            "rupture.opco_informed_on",
            "La date à laquelle l'OPCO a été informé par écrit de la rupture manque.",
            "Informez l'OPCO par écrit et indiquez la date de ce courrier.",
        )
