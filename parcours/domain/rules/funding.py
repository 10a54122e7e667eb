"""FIN: what the OPCO pays, and what the final payment requires."""

from parcours.domain import text
from parcours.domain.convention_ending import ended_early
from parcours.domain.dossier import DocumentKind, ReviewKind
from parcours.domain.financing import (
    afest_carried_out,
    attended_hours,
    facilitator_invoices,
    financing_table,
    funded_training_hours,
    hour_based,
    hourly_rate,
)
from parcours.domain.rules.base import Severity, Stage, rule
from parcours.domain.rules.documents import latest

NOTHING_TO_DO = "Rien à corriger : information."


@rule(
    "FIN-01",
    Severity.INFO,
    Stage.DESIGN,
    "convention art. 9",
    "Tableau de financement",
)
def fin_01(ctx):
    if hour_based(ctx.dossier):
        yield from _fin_01_hourly(ctx)
        return
    lines = financing_table(ctx.figures)
    parts = [f"{line.action} : {text.euros(line.amount)}" for line in lines]
    if any(line.action == "AFEST" for line in lines):
        # The 500 € are granted for an AFEST actually carried out, not for a planned one.
        done = afest_carried_out(ctx.dossier, ctx.as_of)
        parts[-1] += (
            " (accordés : une séance AFEST a été tenue et signée)"
            if done
            else " (seulement si une séance AFEST est effectivement tenue et signée)"
        )
    total = sum(line.amount for line in lines)
    yield ctx.finding(
        "funding",
        "Prise en charge possible : " + " ; ".join(parts) + f". Total : {text.euros(total)}.",
        NOTHING_TO_DO,
    )


def _fin_01_hourly(ctx):
    """An experienced company (guide, « Les financements »): the parcours is funded by the
    hour actually attended, the facilitator not at all; without a rate, the OPCO sets one."""
    rate = hourly_rate(ctx.dossier)
    hours = funded_training_hours(ctx.figures)
    if rate is None:
        yield ctx.finding(
            "funding.hourly_rate",
            "Entreprise expérimentée : le parcours est financé selon un forfait horaire sur "
            "les heures effectivement suivies, mais le taux horaire n'est pas encore fixé.",
            "L'OPCO fixe le taux horaire du financement sur la page Financement du dossier.",
        )
        return
    note = (
        " L'accompagnement du tiers facilitateur n'est pas financé (premiers contrats seulement)."
        if ctx.dossier.facilitator
        else ""
    )
    yield ctx.finding(
        "funding",
        "Prise en charge possible (entreprise expérimentée, forfait horaire) : heures "
        f"effectivement suivies × {text.euros(rate)}, soit au plus {text.hours(hours)} × "
        f"{text.euros(rate)} = {text.euros(hours * rate)} si toutes les heures sont suivies."
        + note,
        NOTHING_TO_DO,
    )


@rule(
    "FIN-02",
    Severity.BLOQUANT,
    Stage.CLOSING,
    "convention art. 9",
    "Le second versement demande certificat de réalisation, bilans et attestation",
)
def fin_02(ctx):
    d = ctx.dossier
    if ended_early(d):
        return
    missing = []
    if latest(d, DocumentKind.CERTIFICAT_REALISATION) is None:
        missing.append(("documents", "le certificat de réalisation des formations suivies"))
    for kind, label in (
        (ReviewKind.SUIVI, "un bilan de suivi tenu"),
        (ReviewKind.FINAL, "le bilan final tenu"),
    ):
        if not any(r.kind == kind and r.held_date for r in d.reviews):
            missing.append(("reviews", label))
    if d.attestation is None:
        missing.append(("attestation", "l'attestation de fin de contrat"))
    for path, label in missing:
        yield ctx.finding(
            path,
            f"Le second versement ne peut être demandé : il manque {label}.",
            f"Ajoutez {label} au dossier avant de demander le paiement.",
        )


@rule(
    "FIN-03",
    Severity.INFO,
    Stage.DESIGN,
    "convention art. 7",
    "Facturation du tiers facilitateur",
)
def fin_03(ctx):
    invoices = facilitator_invoices(ctx.figures)
    if not invoices:
        return
    schedule = " ; ".join(f"{i.label}, {i.due}" for i in invoices)
    note = " Après la rupture, seule la première est due." if ended_early(ctx.dossier) else ""
    yield ctx.finding("facilitator", f"Tiers facilitateur : {schedule}.{note}", NOTHING_TO_DO)


@rule(
    "FIN-04",
    Severity.INFO,
    Stage.RUNNING,
    "convention art. 9",
    "Seules les heures suivies sont financées (forfait horaire)",
)
def fin_04(ctx):
    funding = ctx.dossier.funding
    if funding is None or funding.hourly_rate is None:
        return
    attended = attended_hours(ctx.dossier, ctx.as_of)
    yield ctx.finding(
        "funding.hourly_rate",
        f"Heures suivies au {text.date(ctx.as_of)} : {text.hours(attended)} × "
        f"{text.euros(funding.hourly_rate)} = {text.euros(attended * funding.hourly_rate)} "
        "financés ; les heures non suivies ne sont pas prises en charge.",
        NOTHING_TO_DO,
    )
