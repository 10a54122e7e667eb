"""CLO and RUP: the end of the contract, normal or early."""

import datetime as dt

from parcours.domain import text
from parcours.domain.closing import attestation_basis
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
    d = ctx.dossier
    attestation = d.attestation
    if attestation is None:
        yield ctx.finding(
            "attestation",
            "L'attestation de fin de contrat n'a pas été établie.",
            "Préparez l'attestation : chaque compétence du référentiel avec le niveau atteint.",
        )
        return
    if not attestation.competences:
        yield ctx.finding(
            "attestation.competences",
            "L'attestation de fin de contrat ne liste aucune compétence.",
            "Préparez l'attestation : chaque compétence du référentiel avec le niveau atteint.",
        )
        return
    listed = set()
    for j, score in enumerate(attestation.competences):
        listed.add(score.competence)
        if score.competence not in ctx.competence_ids:
            yield ctx.finding(
                f"attestation.competences[{j}].competence",
                f"L'attestation cite la compétence {score.competence}, absente du référentiel.",
                "Ne citez que des compétences du référentiel métier.",
            )
    missing = [c.id for c in d.competences if c.id not in listed]
    if missing:
        yield ctx.finding(
            "attestation.competences",
            f"L'attestation ne donne pas le niveau atteint des compétences {', '.join(missing)}.",
            "Préparez de nouveau l'attestation : elle liste chaque compétence du référentiel.",
        )
    basis = attestation_basis(d)
    if basis is None:
        return
    found = {s.competence: s.level for s in basis.scores}
    for j, score in enumerate(attestation.competences):
        at_basis = found.get(score.competence)
        if at_basis is not None and at_basis != score.level:
            yield ctx.finding(
                f"attestation.competences[{j}].level",
                f"L'attestation donne le niveau {score.level} à la compétence "
                f"{score.competence} ; {basis.label} a constaté le niveau {at_basis}.",
                f"Préparez de nouveau l'attestation à partir de {basis.label}.",
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
    ending = ctx.dossier.convention_ending
    if rupture is None and ending is not None and ending.ended_on is not None:
        return  # the convention ended for a breach (art. 10): that ending is the record
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


@rule(
    "RUP-02",
    Severity.ALERTE,
    Stage.CLOSING,
    "C. trav. D6325-5",
    "L'OPCO est informé de la rupture dans les 30 jours",
)
def rup_02(ctx):
    rupture, p = ctx.dossier.rupture, ctx.params
    if ctx.dossier.status != Status.TERMINATED or rupture is None:
        return
    informed = rupture.opco_informed_on  # missing: RUP-01
    deadline = rupture.date + dt.timedelta(days=p.rupture_notice_days)
    if informed is not None and informed > deadline:
        yield ctx.finding(
            "rupture.opco_informed_on",
            f"La rupture du {text.date(rupture.date)} n'a été signalée à l'OPCO que le "
            f"{text.date(informed)}, après le délai de {p.rupture_notice_days} jours "
            f"(au plus tard le {text.date(deadline)}).",
            "Signalez désormais toute rupture dans les 30 jours, à l'OPCO, à la DREETS et à "
            "l'URSSAF ; conservez la preuve de la date d'envoi.",
        )
