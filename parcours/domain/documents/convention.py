"""The convention de formation (seed `convention-tiers-facilitateur.txt`), article by article,
its blanks filled from the dossier. Without a facilitator, the variant drops the facilitator
party, its article 7 (later articles renumbered), its 14 h and its financing line.

Departures from the seed, on purpose: the masked name of the OPCO (« Xxxxx ») is the
dossier's OPCO; the masked URL of the AFEST method is left out; obvious typos are corrected
(« misent en œuvre », « Disposition financières », « lettre recommandé », « un logique »).
The format holds no address nor representative for the OPCO: those stay blanks.
"""

from __future__ import annotations

from collections.abc import Iterator

from parcours.domain import text
from parcours.domain.calendar import duration_months
from parcours.domain.documents import funding_hourly
from parcours.domain.documents.blocks import (
    Block,
    Fields,
    Filled,
    Heading,
    Paper,
    Signatures,
    Table,
    bullets,
    p,
)
from parcours.domain.documents.common import (
    BLANK,
    MODALITY,
    WRITE_IN,
    city,
    date,
    document_date,
    header,
    learner_name,
    siret,
)
from parcours.domain.dossier import ContractType, DocumentKind, Dossier, Signatory
from parcours.domain.figures import Figures
from parcours.domain.financing import cost_lines, hour_based, real_cost_known, remaining_cost


def convention_paper(d: Dossier, f: Figures, key: str | None = None, _sections=None) -> Paper:
    with_facilitator = d.facilitator is not None
    articles = [
        _article_1,
        _article_2,
        _article_3,
        _article_4,
        _article_5,
        _article_6,
        *([_article_7] if with_facilitator else []),
        _article_8,
        _article_9,
        _article_10,
        _article_11,
    ]
    blocks: list[Block] = [*_parties(d)]
    for number, article in enumerate(articles, start=1):
        blocks.extend(article(d, f, number))
    blocks.extend(_closing(d))
    title = "Convention de formation"
    subtitle = "Contrat de professionnalisation expérimental" + (
        " avec tiers facilitateur" if with_facilitator else ""
    )
    return Paper(title, subtitle, header(d), tuple(blocks))


def _party(label: str, name: str, number: str, address: str, rep: str) -> Iterator[Block]:
    yield p(label, style="strong")
    # The format holds no address nor representative for the OPCO: a full line to write on.
    yield Fields(
        (
            ("Raison sociale", Filled(name)),
            ("SIRET", Filled(siret(number)) if number else BLANK),
            ("Adresse", Filled(address) if address else WRITE_IN),
            ("Représenté(e) par", Filled(rep) if rep else WRITE_IN),
        )
    )


def _parties(d: Dossier) -> Iterator[Block]:
    c = d.company
    yield from _party(
        "Entre l'Entreprise,",
        c.name,
        c.siret,
        c.address,
        f"{c.representative.name}, {c.representative.role}",
    )
    if d.facilitator:
        fa = d.facilitator
        yield p("Et", style="strong")
        yield from _party(
            "Le Tiers facilitateur,",
            fa.name,
            fa.siret,
            fa.address,
            f"{fa.representative.name}, {fa.representative.role}",
        )
    yield p("Et", style="strong")
    yield from _party("L'Opérateur de Compétences,", d.opco.name, d.opco.siret, "", "")
    yield p(
        "Est conclue la convention suivante, en application du paragraphe VI de l'article 28 "
        "de la loi n° 2018-771 du 5 septembre 2018 et des dispositions du décret "
        "n° 2018-1263 du 26 décembre 2018."
    )


def _heading(number: int, title: str) -> Heading:
    return Heading(f"Article {number} : {title}")


def _contract_line(d: Dossier) -> Block:
    c = d.contract
    if c.type == ContractType.CDD:
        months = duration_months(c.start_date, c.end_date) if c.end_date else 0
        return p(
            "CDD du ",
            Filled(date(c.start_date)),
            " au ",
            Filled(date(c.end_date)),
            " soit une durée de ",
            Filled(text.number(months, 1)),
            " mois.",
        )
    months = duration_months(c.action_start, c.action_end)
    return p(
        "CDI signé le ",
        Filled(date(c.start_date)),
        " pour une action de professionnalisation allant du ",
        Filled(date(c.action_start)),
        " au ",
        Filled(date(c.action_end)),
        " soit une durée de ",
        Filled(text.number(months, 1)),
        " mois.",
    )


def _article_1(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    yield _heading(n, "Objet de la convention de formation")
    yield p(
        "La présente convention de formation et ses annexes ont pour objet de définir les "
        "modalités de formation arrêtées en commun et les moyens mis en œuvre par chacun pour "
        "en garantir la réalisation effective."
    )
    yield p(
        "Conformément à l'article L.6325-1 du code du travail, la présente convention a pour "
        "objet la réalisation d'une action de formation intitulée : ",
        Filled(d.contract.job_title),
        " au bénéfice de ",
        Filled(learner_name(d)),
        ", embauché/e par l'Entreprise susvisée en contrat de professionnalisation conclu sous "
        "la forme suivante :",
    )
    yield _contract_line(d)


def _article_2(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    yield _heading(n, "Présentation de la formation")
    yield p(
        "La formation, organisée en alternance, a pour objectif d'acquérir les compétences "
        "visées au sein du référentiel métier établi (annexe 1). Un parcours de formation "
        "(annexe 2) est formalisé afin d'identifier les objectifs pédagogiques qui vont jalonner "
        "la montée en compétences du salarié apprenant. Ce parcours de formation est "
        "individualisé ; il tient compte du positionnement en amont du salarié apprenant afin "
        "d'adapter les formations aux compétences à renforcer en priorité."
    )
    yield p("Respect du principe de l'alternance permanente", style="strong")
    yield p(
        "Conformément à l'article L6325-2 du code du travail, le contrat de "
        "professionnalisation expérimental associe des enseignements généraux, professionnels "
        "et technologiques et l'acquisition d'un savoir-faire, par l'exercice en Entreprise "
        "d'une ou plusieurs activités professionnelles en relation avec les compétences visées."
    )
    yield p(
        "Les actions de formation mises en œuvre doivent représenter, hors disposition "
        "spécifique de branche, entre 15 % et 25 % de la durée totale du contrat de "
        "professionnalisation. La durée des actions de formation ne peut être inférieure à "
        "150 heures et, ce, sans tenir compte des heures de formation mises en œuvre dans le "
        "cadre de l'AFEST."
    )
    yield p(
        "La planification des actions de formation prévue par le parcours de formation "
        "respecte le principe d'une alternance permanente sur la semaine ou le mois. Elle ne "
        "peut prévoir l'intégralité de la formation en début ou fin de contrat ou d'avoir "
        "plusieurs mois successifs sans formation."
    )


def _article_3(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    yield _heading(n, "Modalités d'organisation, d'évaluation et de sanction de la formation")
    yield p(
        "Les parties à la convention conviennent de mettre en œuvre un parcours de "
        "professionnalisation d'une durée totale de ",
        Filled(text.number(f.parcours_hours)),
        " heures réparties comme suit :",
    )
    support = (
        " heures au titre des actions d'accompagnement (Ex. : AFEST) et d'évaluation",
        " dont 14 heures d'accompagnement par le tiers facilitateur au titre de l'ingénierie "
        "mise en place et du suivi du parcours de professionnalisation."
        if d.facilitator
        else ".",
    )
    yield bullets(
        (
            Filled(text.number(f.teaching_hours)),
            " heures au titre des enseignements (Formations Externes et Internes) ;",
        ),
        (Filled(text.number(f.support_hours)), *support),
    )
    yield p(
        "Des évaluations, portant sur l'atteinte des objectifs visés à travers la mise en œuvre "
        "des actions de formation, seront menées à l'issue de chaque module, ainsi qu'au terme "
        "du parcours de professionnalisation. Ces évaluations associeront les formateurs "
        "mobilisés, ainsi que le tuteur, et viseront à confirmer la montée en compétences "
        "effective du salarié apprenant. A l'issue du parcours, l'Entreprise remettra au "
        "salarié apprenant une attestation de fin de contrat de professionnalisation indiquant "
        f"notamment les compétences acquises (voir modèle proposé par {d.opco.name})."
    )


def _article_4(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    o = d.opco.name
    tutor_name = Filled(d.tutor.name) if d.tutor else BLANK
    tutor_role = Filled(d.tutor.job_title) if d.tutor else BLANK
    partners = f"{o} et le tiers facilitateur" if d.facilitator else o
    yield _heading(n, "Engagement de l'Entreprise")
    yield p(
        "L'Entreprise s'engage à mobiliser un tuteur pour permettre la professionnalisation "
        "visée dans le cadre du contrat signé avec le salarié apprenant."
    )
    yield p(
        "Conformément au principe de l'alternance, l'Entreprise permet au salarié d'exercer des "
        "activités professionnelles en relation avec les compétences visées."
    )
    yield p(
        "Cet engagement sera suivi par un tuteur désigné par l'Entreprise en la personne de ",
        tutor_name,
        " exerçant la fonction suivante au sein de l'entreprise : ",
        tutor_role,
        ".",
    )
    yield p(
        "L'Entreprise s'engage à respecter les obligations relatives aux critères d'aptitude et "
        "de qualification du tuteur. A savoir, pour être tuteur, un salarié doit "
        "obligatoirement respecter les conditions cumulatives suivantes :"
    )
    yield bullets(
        "Être volontaire ;",
        "Justifier d'une expérience professionnelle d'au moins 2 ans dans une qualification en "
        "rapport avec l'objectif de professionnalisation visé ;",
        "Suivre l'activité de 3 salariés au plus (contrat d'apprentissage, contrat de "
        "professionnalisation, période de professionnalisation confondus).",
    )
    yield p(
        "L'Entreprise met en œuvre les conditions favorables à la réalisation des actions de "
        "formation, notamment dans le cadre des formations internes et de l'AFEST",
        style="strong",
    )
    yield p(
        "Tout ou partie de la formation peut être réalisée en interne à la condition que "
        "l'Entreprise dispose d'un service de formation identifié dans son organisation et que "
        "ce dernier dispose des moyens pour conduire les actions (locaux et matériels dédiés à "
        "la formation (même occasionnellement), plannings, personnels affectés en tout ou "
        "partie à cette mission (responsable formation, formateurs…), le cas échéant, numéro "
        "de déclaration d'activité)."
    )
    yield p(
        "L'Entreprise peut également prévoir de mener des Actions de Formation En Situation de "
        "Travail (AFEST). Ces actions devront intégrer les deux phases caractéristiques de "
        "l'AFEST à savoir les situations de travail apprenantes et les séquences réflexives. "
        f"L'Entreprise pourra s'appuyer sur le travail méthodologique proposé par {o} sur le "
        "sujet. Il est toutefois précisé que les heures réalisées dans le cadre de l'AFEST ne "
        "sont pas prises en compte dans les 150 heures minimum d'enseignements généraux, "
        "professionnels et technologiques."
    )
    yield p(
        "Concernant les formateurs mobilisés dans le cadre des formations internes ou de "
        "l'AFEST, l'Entreprise s'engage à créer les conditions favorables aux apprentissages. "
        "A savoir, pour être formateur, un salarié doit respecter les deux conditions "
        "suivantes :"
    )
    yield bullets(
        "Être volontaire ;",
        "Justifier d'une expérience professionnelle d'au moins 2 ans sur les sujets traités.",
    )
    yield p("Dans la mesure du possible, il devra également :")
    yield bullets(
        "Avoir suivi une formation de formateur ou disposer d'une expérience en tant que "
        "formateur occasionnel."
    )
    yield p("L'Entreprise assure le suivi de la formation", style="strong")
    yield p(
        "L'Entreprise permet au salarié de réaliser tous travaux liés à sa formation. "
        "L'Entreprise organise le temps de travail du salarié afin que le programme de "
        "formation et le calendrier de formation puissent être respectés."
    )
    yield p(
        f"L'Entreprise transmet à l'OPCO {o} tous les éléments nécessaires au bon suivi "
        "administratif de la formation :"
    )
    yield bullets(
        "Certificat de réalisation des formations suivies",
        "Bilans de suivi et de clôture",
        "Attestation de fin de contrat de professionnalisation",
    )
    yield p(f"Et tiendra à disposition les documents suivants en cas de contrôle de l'OPCO {o} :")
    yield bullets(
        "Feuilles de présence (formation interne et externe)",
        "Séquences pédagogiques ou programme de formation associé à chaque module",
        "Tout élément de preuve relatif au temps de formation et d'évaluation (support de "
        "formation, test/quizz, fiche observation formateur, attestation, étude de cas …)",
    )
    yield p(f"L'Entreprise coopère avec {partners}", style="strong")
    yield p(
        f"L'Entreprise s'engage à coopérer efficacement avec {partners}, aux fins que l'action "
        "de professionnalisation puisse être menée à son terme et selon le cadre défini dans la "
        "présente convention."
    )
    yield p(
        "A l'issue du Contrat de Professionnalisation Expérimental, l'Entreprise accepte de "
        f"répondre aux sollicitations d'{o} afin de permettre à ce dernier d'exercer son "
        "obligation spécifiée au sein de l'arrêté du 26 décembre 2018 relatif au cahier des "
        "charges de l'évaluation de l'expérimentation du contrat de professionnalisation prévue "
        "au VI de l'article 28 de la loi n° 2018-771 du 5 septembre 2018 pour la liberté de "
        "choisir son avenir professionnel."
    )


def _article_5(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    yield _heading(n, "Engagement du salarié")
    yield p(
        "Le salarié devra, pendant le déroulement de la formation, respecter le planning global "
        "et/ou le programme détaillé de la formation. Il s'engage à suivre avec assiduité la "
        "formation. Il est rappelé que les heures de formation font l'objet d'un versement de "
        "salaire de la part de l'Entreprise."
    )
    yield p(
        "L'apprenant devra réaliser les travaux demandés et/ou attendus dans le cadre de la "
        "formation. Il participera aux épreuves et/ou entretiens d'évaluation des acquis au "
        "cours de la formation."
    )


def _article_6(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    o = d.opco.name
    yield _heading(n, f"Engagement de l'OPCO {o}")
    yield p(
        f"L'OPCO {o} est garant du parcours de formation du salarié apprenant durant "
        "l'exécution du contrat. Il peut, le cas échéant, en lien avec l'Entreprise, proposer "
        "des adaptations au contenu de la formation jusqu'au premier bilan afin de répondre au "
        "mieux aux besoins de l'Entreprise et du salarié en fonction des retours des "
        "évaluations intermédiaires tout au long du parcours."
    )
    yield p(
        f"Le conseiller {o} peut participer à la restitution du bilan final du parcours de "
        f"professionnalisation. {o} s'engage à conserver strictement confidentielle toute "
        "information interne à l'entreprise ou relative aux salariés dont il a pu avoir "
        "connaissance au cours du contrat de professionnalisation (restitution comprise)."
    )
    yield p(
        f"{o} met en œuvre une évaluation de l'expérimentation du contrat de "
        "professionnalisation prévue au VI de l'article 28 de la loi n° 2018-771 du 5 "
        "septembre 2018 pour la liberté de choisir son avenir professionnel conformément à "
        "l'arrêté du 26 décembre 2018."
    )


def _article_7(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    o = d.opco.name
    yield _heading(n, "Engagement du Tiers Facilitateur")
    yield p(
        "Le Tiers Facilitateur a pour responsabilité d'accompagner l'Entreprise dans la "
        "construction et le déroulement du parcours de professionnalisation. Il s'engage à "
        "mettre tous les moyens matériels et humains nécessaires pour accompagner et outiller "
        "l'Entreprise, le salarié apprenant, le tuteur et le / les formateurs afin de mettre en "
        "place les conditions de réussite du parcours de professionnalisation du salarié "
        "apprenant."
    )
    yield p(
        "La mission du Tiers Facilitateur est estimée pour une durée de ",
        Filled(text.number(f.params.facilitator_hours)),
        " heures comprenant le temps d'intervention auprès de l'entreprise (sur site ou à "
        "distance) et le temps d'ingénierie de formation pour accompagner l'Entreprise dans la "
        "rédaction de son référentiel métier et de son parcours de formation, ainsi qu'à la "
        "complétude du CERFA. Le Tiers Facilitateur s'assure également du suivi et du contrôle "
        "de la montée en compétence effective du salarié apprenant en participant aux bilans "
        "intermédiaires et finaux réalisés avec le tuteur et le salarié apprenant.",
    )
    yield p(
        "Dans le cadre de la mise en œuvre de la mission qui lui est confiée, le Tiers "
        "Facilitateur s'oblige à conserver strictement confidentielle toute information interne "
        "à l'entreprise ou relative aux salariés dont il a pu avoir connaissance à l'occasion "
        "de sa mission, sous peine de s'exposer au paiement de dommages et intérêts "
        "proportionnels au préjudice subi par l'entreprise."
    )
    yield p(
        "Le Tiers facilitateur s'engage à accepter la procédure de subrogation de paiement mise "
        f"en place par {o} pour le compte de l'Entreprise."
    )
    yield p(
        "L'intervention du Tiers Facilitateur donne lieu à deux temps de facturation. D'une "
        f"part, après l'accord de prise en charge donné par {o} sur le contrat de "
        "professionnalisation expérimental, et, d'autre part, au terme du parcours de "
        "professionnalisation visé par la présente convention."
    )
    yield p("Chaque facturation correspond à une journée (7 heures) d'intervention.")
    yield p(
        f"Le Tiers Facilitateur adresse à {o}, via les services en ligne, un dossier de "
        "paiement complet comprenant :"
    )
    yield bullets(
        "Un certificat de réalisation de la prestation signée par le Prestataire",
        "Une facture mentionnant :",
    )
    yield bullets(*_invoice_mentions_facilitator(o), nested=True)
    yield p(
        "En cas de rupture anticipée du Contrat de Professionnalisation Expérimental, le Tiers "
        "Facilitateur ne pourra prétendre qu'au règlement de la première partie de "
        "l'accompagnement ; à savoir la facturation d'une journée d'intervention (7 heures) "
        "pour l'ensemble de l'accompagnement prodigué."
    )


def _invoice_mentions_facilitator(o: str) -> list[str]:
    return [
        "Le nom ou la raison sociale du Prestataire ;",
        "Le cas échéant, la référence d'inscription au répertoire du commerce ou des métiers ;",
        "Le cas échéant, le numéro de SIRET ;",
        f"La référence de dossier {o} ;",
        "L'intitulé de la prestation ;",
        "La raison sociale de l'entreprise bénéficiaire ;",
        "Le montant de la prestation hors taxes ;",
        "Les montants et taux de TVA légalement applicables si le Prestataire est assujetti ;",
        "Le montant total TTC des prestations livrées ou exécutées ;",
        "La date de facturation",
    ]


def _article_8(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    o = d.opco.name
    yield _heading(n, "Modalités administratives")
    yield p(
        f"L'Entreprise veillera à remettre dans les plus brefs délais, à l'OPCO {o}, sur la "
        "plateforme Mes Services en Ligne MyAtlas, les justificatifs permettant de déclencher "
        "un accord de prise en charge :"
    )
    yield bullets(
        "le CERFA n° 12434*02",
        "la présente convention tripartite signée"
        if d.facilitator
        else "la présente convention signée",
        "le référentiel métier (cf. annexe 1)",
        "le parcours de formation (cf. annexe 2)",
        "Le cas échéant : séquence pédagogique associée au premier module de formation interne",
    )
    yield p(
        f"Après étude du dossier, l'OPCO {o} adressera un accord de prise en charge précisant "
        "les modalités de facturation."
    )


def financing_rows(d: Dossier, f: Figures) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """The seed's article 9 table: the facilitator, external and internal training sharing the
    parcours forfait, AFEST, total. Real costs come from the modules' `real_cost` (else hours
    × hourly rate when a rate is set; else « — »)."""
    lines = cost_lines(f)
    rows = tuple(
        (
            line.action,
            text.number(line.hours),
            text.money(line.real_cost) if line.real_cost is not None else "—",
            text.money(line.funded) if line.funded is not None else "(compris dans le forfait)",
            _seed_comment(line, f),
        )
        for line in lines
    )
    footer = (
        "TOTAL",
        text.number(sum(line.hours for line in lines)),
        text.money(sum(line.real_cost or 0 for line in lines)) if real_cost_known(f) else "—",
        text.money(sum(line.funded or 0 for line in lines)),
        "",
    )
    return rows, footer


def _seed_comment(line, f: Figures) -> str:
    """The seed's own comment for the facilitator's line: its amount is an estimate per
    dossier, adjusted to the facilitator's price."""
    if line.action == "Accompagnement du tiers facilitateur" and line.funded:
        return (f"Montant estimé à {text.euros(f.params.facilitator_amount)} à ajuster selon "
                "le prestataire (montant par dossier)")  # fmt: skip
    return line.comment


def financing_block(d: Dossier, f: Figures) -> Table:
    rows, footer = financing_rows(d, f)
    return Table(
        (
            "Typologie d'action",
            "Durée (en h)",
            "Coût réel (en €)",
            "Prise en charge possible (en €)",
            "Commentaire",
        ),
        rows,
        widths=(28, 13, 12, 16, 31),
        footer=footer,
        numeric=(1, 2, 3),
    )


def _article_9(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    o, prm = d.opco.name, f.params
    yield _heading(n, "Dispositions financières")
    yield p(
        "Coût réel du parcours de formation associé au Contrat et estimation du financement "
        f"pouvant être accordé par {o}",
        style="strong",
    )
    if hour_based(d):  # an experienced company: the hour-based forfait, no facilitator
        yield from funding_hourly.forfait_paragraphs(d, f)
    elif d.facilitator:
        yield p(
            f"L'accompagnement du tiers facilitateur est négocié par {o} et peut aller jusqu'à "
            f"{text.euros(prm.facilitator_amount)}. Ce montant est financé en direct par {o} "
            "auprès du tiers facilitateur."
        )
    if not hour_based(d):
        yield p(
            "Les formations relatives au contrat de professionnalisation expérimental sont "
            "financées dans le cadre d'un forfait parcours défini à "
            f"{text.euros(prm.parcours_forfait)} ; montant auquel peut s'ajouter "
            f"{text.euros(prm.afest_bonus)} dans le cas de la mise en œuvre d'une Action de "
            "Formation En Situation de Travail (AFEST)."
        )
    yield p(
        "Tableau de financement du Contrat de Professionnalisation Expérimental", style="center"
    )
    yield financing_block(d, f)
    rest = remaining_cost(f)
    if rest is not None:
        yield p(
            "Reste à charge de l'entreprise (coût réel moins prise en charge possible) : ",
            Filled(text.euros(rest)),
            ".",
        )
    yield p("Modalités de financement du reste à charge de l'entreprise", style="strong")
    yield p(
        f"Dans le cas où le financement d'{o} ne permettrait pas de couvrir l'ensemble des "
        "dépenses relatives au contrat de professionnalisation expérimental, l'Entreprise a la "
        "possibilité d'établir un Versement Volontaire (Convention Stratégie +) afin de "
        f"bénéficier des services d'{o} notamment du paiement en direct de l'ensemble des "
        "dépenses auprès des acteurs impliqués dans le parcours de professionnalisation. A "
        f"défaut, le coût des actions qui ne seraient pas pris en charge par {o} sera à "
        "facturer directement auprès de l'Entreprise qui s'en acquittera."
    )
    yield p(f"Règles relatives au financement accordé par {o}", style="strong")
    yield p(
        f"La prise en charge par {o} des actions de formation, d'accompagnement et "
        "d'évaluation réalisées dans le parcours de professionnalisation s'effectue selon les "
        "critères et conditions exprimés dans l'accord de prise en charge."
    )
    yield p(f"Les heures de formation non suivies ne donnent pas lieu à une prise en charge par "
            f"l'OPCO {o}.")  # fmt: skip
    if d.facilitator and not hour_based(d):
        yield p(
            "Les prestations globales assurées par le tiers facilitateur seront prises en "
            f"charge financièrement directement par {o} dans les conditions prévues par la "
            f"convention cadre conclue entre {o} et le tiers facilitateur."
        )
    yield from _article_9_payments(d, f, o)


def _article_9_payments(d: Dossier, f: Figures, o: str) -> Iterator[Block]:
    prm = f.params
    if hour_based(d):
        yield from funding_hourly.payment_paragraphs(d, f)
        return
    yield p(
        "Dans le cadre d'un contrat financé selon une logique de forfait parcours, l'entreprise "
        "bénéficiera d'un financement en deux temps :"
    )
    yield bullets(
        f"Après l'accord de prise en charge donné par {o} sur le contrat de "
        f"professionnalisation expérimental pour un montant de {text.euros(prm.first_payment)} "
        "HT (sous réserve du démarrage effectif de la formation).",
        "Au terme du parcours de professionnalisation visé par la présente convention pour un "
        f"montant de {text.euros(prm.final_payment)} HT. Sur ce dernier montant, un "
        f"financement complémentaire de {text.euros(prm.afest_bonus)} pourra être octroyé à "
        "l'entreprise en cas de réalisation d'une Action de Formation en Situation de Travail "
        "(AFEST).",
    )
    yield p(
        f"Pour bénéficier de ces financements, l'Entreprise adressera à {o}, via les services "
        "en ligne, un dossier de paiement complet comprenant pour le premier règlement :"
    )
    yield bullets("Une facture mentionnant :")
    yield bullets(*company_invoice_mentions(o, prm.first_payment), nested=True)
    yield p(f"Pour le second règlement, en sus de la facture, l'entreprise adressera à {o} :")
    yield bullets(
        "Le Certificat de réalisation des formations suivies",
        "Les Bilans de suivi et de clôture",
        "L'Attestation de fin de contrat de professionnalisation",
    )
    yield p(
        "En cas de rupture anticipée du Contrat de Professionnalisation Expérimental, "
        "l'Entreprise ne pourra prétendre qu'au règlement de la première partie de son "
        f"financement ; à savoir un montant de {text.euros(prm.first_payment)} HT pour "
        "l'ensemble du contrat de professionnalisation."
    )


def company_invoice_mentions(o: str, amount: float) -> list[str]:
    return [
        "La raison sociale de l'Entreprise ;",
        "Son numéro de SIRET ;",
        f"La référence de dossier {o} ;",
        "L'intitulé de l'Action de formation ;",
        f"Le montant de la prestation hors taxes soit {text.euros(amount)} ;",
        "Les montants et taux de TVA légalement applicables si l'Entreprise est assujettie ;",
        "Le montant total TTC ;",
        "La date de facturation",
    ]


def _article_10(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    o = d.opco.name
    yield _heading(n, "Avenant et rupture de la convention")
    yield p("Avenant à la convention", style="strong")
    yield p(
        f"Dans le cadre du délai d'exécution du contrat de professionnalisation expérimental "
        f"{o}, les parties conviennent de procéder à un avenant en cas de modification "
        "substantielle d'une des clauses de la convention."
    )
    yield p("Rupture de la présente convention", style="strong")
    yield p(
        "Il peut être mis fin à la présente convention à la demande de l'une des parties "
        "lorsque celle-ci constate, de la part de l'autre partie, malgré une mise en demeure "
        "(par lettre recommandée avec accusé de réception), un manquement à ses obligations."
    )
    yield p(f"En cas de rupture de contrat, l'Entreprise s'engage à avertir l'OPCO {o} par écrit.")


def _article_11(d: Dossier, f: Figures, n: int) -> Iterator[Block]:
    yield _heading(n, "Différends éventuels")
    yield p(
        "Si une contestation ou un différend sur l'interprétation ou l'exécution de la présente "
        "convention n'a pu être réglé à l'amiable par voie de conciliation (avec ou sans expert "
        "choisi d'un commun accord) entre l'ensemble des parties, les juridictions civiles "
        "relevant de la cour d'appel de Paris seront compétentes pour régler le litige."
    )


def _closing(d: Dossier) -> Iterator[Block]:
    signed_on = document_date(d, DocumentKind.CONVENTION)
    copies = "triple" if d.facilitator else "double"
    yield p(
        f"Fait en {copies} exemplaire à ",
        Filled(city(d.company.address)),
        ", le ",
        Filled(date(signed_on)) if signed_on else BLANK,
        ".",
    )
    yield Heading("Signatures", 3)
    yield Signatures(tuple(signature_boxes(d)), qualities=tuple(signature_qualities(d)))


def signature_qualities(d: Dossier) -> Iterator[str]:
    yield d.company.representative.role
    yield f"Nom et qualité : {WRITE_IN}"  # the OPCO's signatory is not in the dossier
    if d.facilitator:
        yield d.facilitator.representative.role


def signature_boxes(d: Dossier) -> Iterator[tuple[str, str, bool]]:
    def signed(who: Signatory) -> bool:
        return any(
            doc.kind == DocumentKind.CONVENTION and who in doc.signed_by for doc in d.documents
        )

    yield "L'Entreprise", d.company.representative.name, signed(Signatory.COMPANY)
    yield f"L'OPCO {d.opco.name}", "", signed(Signatory.OPCO)
    if d.facilitator:
        yield (
            "Le Tiers facilitateur",
            d.facilitator.representative.name,
            signed(Signatory.FACILITATOR),
        )


__all__ = ["MODALITY", "convention_paper", "financing_block"]
