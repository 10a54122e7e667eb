"""DOC: the papers the submission must hold."""

from parcours.domain.dossier import DocumentKind, Signatory
from parcours.domain.rules.base import Severity, Stage, rule


def latest(dossier, kind):
    """(index, document) of the most recent document of that kind, or None."""
    found = [(d.date, i, d) for i, d in enumerate(dossier.documents) if d.kind == kind]
    return max(found, key=lambda x: (x[0], x[1]))[1:] if found else None


@rule(
    "DOC-01",
    Severity.BLOQUANT,
    Stage.SUBMISSION,
    "convention art. 8 ; guide action 9 ①",
    "La demande comprend le CERFA 12434 et la convention signée",
)
def doc_01(ctx):
    if latest(ctx.dossier, DocumentKind.CERFA_12434) is None:
        yield ctx.finding(
            "documents",
            "Le CERFA 12434 du contrat de professionnalisation n'est pas joint.",
            "Déposez le CERFA 12434 signé.",
        )
    convention = latest(ctx.dossier, DocumentKind.CONVENTION)
    if convention is None:
        yield ctx.finding(
            "documents",
            "La convention de formation tripartite n'est pas jointe.",
            "Déposez la convention signée par l'entreprise"
            + (" et le tiers facilitateur." if ctx.dossier.facilitator else "."),
        )
        return
    i, doc = convention
    needed = [(Signatory.COMPANY, "l'entreprise")]
    if ctx.dossier.facilitator:
        needed.append((Signatory.FACILITATOR, "le tiers facilitateur"))
    for who, label in needed:
        if who not in doc.signed_by:
            yield ctx.finding(
                f"documents[{i}].signed_by",
                f"La convention de formation n'est pas signée par {label}.",
                f"Faites signer la convention par {label}, puis déposez-la à nouveau.",
            )
