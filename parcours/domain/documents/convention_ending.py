"""The papers of the convention's ending (art. 10): the formal notice (mise en demeure, to
send by registered letter) and the notice that the convention has ended."""

from __future__ import annotations

import datetime as dt

from parcours.domain import text
from parcours.domain.convention_ending import PARTY_LABELS, earliest_end, party_name
from parcours.domain.documents.blocks import Fields, Filled, Heading, Paper, Signatures, p
from parcours.domain.documents.common import header, learner_name, siret
from parcours.domain.dossier import ConventionParty, Dossier
from parcours.domain.figures import Figures

NO_NOTICE = "Aucune mise en demeure n'est enregistrée (page « Fin de la convention »)."
NOT_ENDED = "La convention n'a pas pris fin : la notification suit la fin enregistrée."


def _signer(d: Dossier, party: ConventionParty) -> tuple[str, str, str]:
    """(« Pour … », name, quality) of the party's signatory; the OPCO's is written by hand."""
    if party == ConventionParty.COMPANY:
        r = d.company.representative
        return f"Pour l'Entreprise {d.company.name}", r.name, r.role
    if party == ConventionParty.FACILITATOR and d.facilitator:
        r = d.facilitator.representative
        return f"Pour le tiers facilitateur {d.facilitator.name}", r.name, r.role
    return f"Pour l'OPCO {d.opco.name}", "", "Nom et qualité :"


def _siret(d: Dossier, party: ConventionParty) -> str:
    org = {ConventionParty.COMPANY: d.company, ConventionParty.OPCO: d.opco,
           ConventionParty.FACILITATOR: d.facilitator}[party]  # fmt: skip
    return siret(org.siret) if org else ""


def _cap(value: str) -> str:
    """The first letter upper case, the names kept as written."""
    return value[:1].upper() + value[1:]


def _parties(d: Dossier, e) -> Fields:
    return Fields((
        ("Expéditeur", Filled(_cap(f"{party_name(d, e.notice_by)} (SIRET "
                                   f"{_siret(d, e.notice_by)})"))),
        ("Destinataire", Filled(_cap(f"{party_name(d, e.notice_to)} (SIRET "
                                     f"{_siret(d, e.notice_to)})"))),
        ("Salarié apprenant", Filled(learner_name(d))),
        ("Contrat", Filled(f"Contrat de professionnalisation expérimental – "
                           f"{d.contract.job_title}")),
    ))  # fmt: skip


def notice_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    return None if d.convention_ending else NO_NOTICE


def ended_not_ready(d: Dossier, f: Figures, key: str | None) -> str | None:
    e = d.convention_ending
    if e is None:
        return NO_NOTICE
    return None if e.ended_on else NOT_ENDED


def notice_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    e = d.convention_ending
    label, name, quality = _signer(d, e.notice_by)
    blocks = (
        p("Lettre recommandée avec accusé de réception", style="strong"),
        _parties(d, e),
        Heading("Objet : mise en demeure (convention de formation, article 10)"),
        p("Par la présente, ", Filled(party_name(d, e.notice_by)), " constate de la part de ",
          Filled(party_name(d, e.notice_to)), " un manquement à ses obligations au titre de la "
          "convention de formation tripartite du contrat de professionnalisation expérimental "
          "de ", Filled(learner_name(d)), " :"),
        p(Filled(e.breach)),
        p("Nous vous mettons en demeure d'y remédier dans un délai de ",
          Filled(f"{e.delay_days} jours"), " à compter de l'envoi de la présente, soit "
          "jusqu'au ", Filled(text.date(earliest_end(e) - dt.timedelta(days=1))), " inclus."),
        p("À défaut, il pourra être mis fin à la convention, conformément à son article 10, à "
          "compter du ", Filled(text.date(earliest_end(e))), ". L'OPCO en est informé par "
          "écrit."),
        p("Fait le ", Filled(text.date(e.notice_sent_on)), "."),
        Signatures(((label, name, False),), qualities=(quality,)),
    )  # fmt: skip
    return Paper("Mise en demeure", "Convention de formation, article 10", header(d), blocks)


def ended_paper(d: Dossier, f: Figures, key: str | None, _sections=None) -> Paper:
    e = d.convention_ending
    label, name, quality = _signer(d, e.notice_by)
    first = text.euros(f.params.first_payment)
    blocks = (
        _parties(d, e),
        Heading("Objet : fin de la convention de formation (article 10)"),
        p("La mise en demeure adressée le ", Filled(text.date(e.notice_sent_on)), " par ",
          Filled(party_name(d, e.notice_by)), " à ", Filled(party_name(d, e.notice_to)),
          f", qui laissait {e.delay_days} jours pour remédier au manquement suivant, est restée "
          "sans effet :"),
        p(Filled(e.breach)),
        p("En conséquence, il est mis fin à la convention de formation le ",
          Filled(text.date(e.ended_on)), "."),
        Heading("Conséquences (convention, articles 7 et 9)"),
        p("Le financement suit la règle de la rupture anticipée : seule la première partie "
          f"reste due ({first} HT pour l'Entreprise au titre du forfait parcours, ou les heures "
          "suivies pour une entreprise expérimentée ; une journée pour le tiers "
          f"facilitateur). Copie à {PARTY_LABELS[ConventionParty.OPCO]} {d.opco.name}."),
        p("Fait le ", Filled(text.date(e.ended_on)), "."),
        Signatures(((label, name, False),), qualities=(quality,)),
    )  # fmt: skip
    return Paper("Fin de la convention", "Convention de formation, article 10", header(d), blocks)
