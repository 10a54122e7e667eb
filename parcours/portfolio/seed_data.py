"""The raw material of `manage.py seed`: French names, towns, trades and their référentiels,
and the SIRET numbers of generated organisations. Pure data and pure functions (no Django):
`parcours.portfolio.seed_documents` builds documents from them."""

from __future__ import annotations

import random

from stdnum import luhn

# Names read better as text than as a list of quoted words.
FIRST_NAMES = (  # noqa: SIM905
    "Camille Léa Manon Chloé Emma Inès Jade Louise Sarah Lina Zoé Anaïs Clara Mélissa "
    "Nadia Yasmine Aïcha Fatou Sofia Julie Laura Marine Océane Pauline Justine Émilie "
    "Hélène Sandrine Nathalie Isabelle Sylvie Valérie Christine Amélie Maëlys Elsa "
    "Lucas Hugo Louis Nathan Enzo Mathis Théo Tom Noah Adam Rayan Mohamed Yanis Karim "
    "Mehdi Ibrahima Moussa Kevin Julien Nicolas Thomas Maxime Alexandre Antoine Romain "
    "Quentin Guillaume Sébastien Stéphane Olivier Laurent Philippe Franck Éric Jérôme "
    "Baptiste Arthur Gabriel Raphaël Jules Léo Samuel Dylan Florian Cédric"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel "
    "Lefèvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine "
    "Rousseau Vincent Muller Lefebvre Faure André Mercier Blanc Guérin Boyer Garnier "
    "Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry "
    "Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer "
    "Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud "
    "Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre "
    "Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey "
    "Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert "
    "Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez Boucher "
    "Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault "
    "Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez "
    "Collet Léger Bouvier Julien Prévost Millet Perrot Daniel Cousin Germain "
    "Breton Besson Langlois Rémy Pelletier Lévêque Perrier Leblanc Barré Lebrun "
    "Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet "
    "Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Bouchet Gay Lemaître "
    "Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier Pichon Lejeune "
    "Gilbert Lamy Delaunay Pasquier Carlier Laporte Haddad Benali Diallo Traoré Nguyen"
).split() + ["Le Gall", "Le Roux", "Le Goff", "Da Silva"]
# (town, postcode, street) — the companies' addresses.
TOWNS = (
    ("Lyon", "69003", "rue de la République"),
    ("Villeurbanne", "69100", "cours Émile-Zola"),
    ("Paris", "75011", "boulevard Voltaire"),
    ("Marseille", "13006", "rue de Rome"),
    ("Toulouse", "31000", "rue d'Alsace-Lorraine"),
    ("Nantes", "44000", "rue de Strasbourg"),
    ("Bordeaux", "33000", "cours de l'Intendance"),
    ("Lille", "59000", "rue Nationale"),
    ("Rennes", "35000", "rue d'Antrain"),
    ("Strasbourg", "67000", "rue du Vieux-Marché-aux-Poissons"),
    ("Montpellier", "34000", "rue de la Loge"),
    ("Grenoble", "38000", "avenue Alsace-Lorraine"),
    ("Dijon", "21000", "rue de la Liberté"),
    ("Tours", "37000", "rue Nationale"),
    ("Clermont-Ferrand", "63000", "avenue des États-Unis"),
    ("Saint-Étienne", "42000", "rue de la Résistance"),
    ("Brest", "29200", "rue de Siam"),
    ("Limoges", "87000", "rue Jean-Jaurès"),
    ("Amiens", "80000", "rue des Trois-Cailloux"),
    ("Metz", "57000", "rue Serpenoise"),
    ("Besançon", "25000", "Grande Rue"),
    ("Perpignan", "66000", "quai Vauban"),
    ("Orléans", "45000", "rue Royale"),
    ("Rouen", "76000", "rue du Gros-Horloge"),
    ("Caen", "14000", "rue Saint-Jean"),
    ("Nancy", "54000", "rue Saint-Dizier"),
    ("Mulhouse", "68100", "rue du Sauvage"),
    ("Saint-Denis", "97400", "rue de Paris"),
)
FACILITATOR_KINDS = (
    "Conseil",
    "Cap Compétences",
    "Atelier Formation",
    "Réseau Alternance",
    "Trajectoires",
    "Passerelle Emploi",
)

# A trade: (job title, company kind, tutor's job title, five module titles, competences).
# Each competence is a statement starting with « Être capable de » and a verb (REF-02).
JOBS = (
    (
        "Gestionnaire de paie",
        "Cabinet comptable",
        "Responsable du service paie",
        (
            "Maîtrise du logiciel de paie",
            "Procédures du cabinet",
            "Droit social appliqué",
            "Traitement des mouvements de personnel",
            "Évaluation finale",
        ),
        (
            "paramétrer le logiciel de paie pour un nouveau dossier client",
            "établir les bulletins de salaire d'une entreprise de moins de 50 salariés",
            "appliquer les règles de la convention collective",
            "traiter les entrées, sorties et arrêts de travail",
            "contrôler les déclarations sociales nominatives",
            "répondre aux questions d'un client sur sa paie",
            "archiver un dossier client selon les procédures",
        ),
    ),
    (
        "Boulanger",
        "Boulangerie",
        "Chef boulanger",
        (
            "Hygiène et sécurité alimentaire",
            "Panification",
            "Viennoiserie",
            "Production en situation réelle",
            "Évaluation finale",
        ),
        (
            "appliquer les règles d'hygiène et de traçabilité du fournil",
            "préparer une pâte à pain selon la fiche technique",
            "conduire la fermentation et la cuisson des pains",
            "façonner et cuire les viennoiseries",
            "organiser sa production sur une journée",
            "contrôler la qualité des produits avant la vente",
        ),
    ),
    (
        "Aide-soignant",
        "EHPAD",
        "Infirmière coordinatrice",
        (
            "Soins d'hygiène et de confort",
            "Protocoles de l'établissement",
            "Accompagnement de la personne âgée",
            "Soins en situation de travail",
            "Évaluation finale",
        ),
        (
            "réaliser une toilette complète en respectant la pudeur du résident",
            "mesurer et transmettre les paramètres vitaux",
            "aider un résident à se déplacer en sécurité",
            "appliquer les protocoles d'hygiène de l'établissement",
            "rédiger les transmissions ciblées",
            "accompagner un résident pendant les repas",
            "repérer un changement de l'état de santé et alerter",
        ),
    ),
    (
        "Technicien de maintenance",
        "Atelier de mécanique",
        "Responsable maintenance",
        (
            "Sécurité et habilitation électrique",
            "Lecture de plans et schémas",
            "Maintenance préventive",
            "Dépannage en situation de travail",
            "Évaluation finale",
        ),
        (
            "appliquer les consignes de sécurité avant une intervention",
            "lire un schéma électrique et pneumatique",
            "réaliser la maintenance préventive d'une ligne",
            "diagnostiquer une panne sur un équipement",
            "remplacer un organe mécanique défectueux",
            "renseigner la gestion de maintenance assistée par ordinateur",
        ),
    ),
    (
        "Vendeur conseil",
        "Magasin",
        "Responsable de magasin",
        (
            "Connaissance des produits",
            "Techniques de vente",
            "Encaissement et gestion des stocks",
            "Vente en situation de travail",
            "Évaluation finale",
        ),
        (
            "accueillir un client et identifier son besoin",
            "présenter un produit et argumenter",
            "conclure une vente et proposer un service complémentaire",
            "tenir une caisse et faire la clôture",
            "réceptionner une livraison et mettre en rayon",
            "traiter une réclamation client",
        ),
    ),
    (
        "Cuisinier",
        "Restaurant",
        "Chef de cuisine",
        (
            "Hygiène en restauration",
            "Techniques culinaires de base",
            "Organisation du poste",
            "Service en situation réelle",
            "Évaluation finale",
        ),
        (
            "appliquer le plan de maîtrise sanitaire du restaurant",
            "réaliser les préparations préliminaires",
            "cuire les viandes, poissons et légumes",
            "dresser une assiette selon la fiche technique",
            "organiser son poste pour le service",
            "gérer les stocks de la chambre froide",
        ),
    ),
    (
        "Assistant administratif",
        "Agence immobilière",
        "Directrice d'agence",
        (
            "Outils bureautiques",
            "Procédures de l'agence",
            "Gestion administrative des dossiers",
            "Accueil en situation de travail",
            "Évaluation finale",
        ),
        (
            "rédiger un courrier professionnel",
            "tenir un agenda partagé",
            "classer et archiver les dossiers clients",
            "accueillir un visiteur et orienter un appel",
            "préparer les éléments d'un bail",
            "suivre les paiements des locataires",
        ),
    ),
    (
        "Agent de logistique",
        "Entrepôt",
        "Chef d'équipe logistique",
        (
            "Sécurité en entrepôt",
            "Réception et stockage",
            "Préparation de commandes",
            "Expédition en situation de travail",
            "Évaluation finale",
        ),
        (
            "appliquer les règles de sécurité de l'entrepôt",
            "réceptionner et contrôler une livraison",
            "stocker les marchandises selon le plan d'adressage",
            "préparer une commande avec un terminal",
            "conduire un chariot en sécurité",
            "préparer une expédition et ses documents",
        ),
    ),
)
QUALIFICATIONS = (
    None,
    "Sans diplôme",
    "CAP",
    "Baccalauréat professionnel",
    "Baccalauréat général",
    "BTS",
    "Licence",
)
RUPTURE_REASONS = (
    ("demission", "Démission"),
    ("licenciement", "Licenciement"),
    ("periode_essai", "Rupture pendant la période d'essai"),
    ("commun_accord", "Rupture d'un commun accord"),
)


def siret(rng: random.Random, taken: set[str]) -> str:
    """A SIRET whose SIREN and whole number pass the Luhn check (python-stdnum), not in
    `taken`; SIREN starting with 9 keeps generated numbers apart from the demo's."""
    while True:
        siren = "9" + "".join(rng.choice("0123456789") for _ in range(7))
        siren += luhn.calc_check_digit(siren)
        nic = "0001" if rng.random() < 0.8 else "000" + str(rng.randint(2, 9))
        body = siren + nic
        # The NIC's last digit is the key of the whole number: try the ten digits.
        for last in "0123456789":
            number = body[:13] + last
            if luhn.is_valid(number) and number not in taken:
                taken.add(number)
                return number


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def company_name(rng: random.Random, kind: str, town: str) -> str:
    last = rng.choice(LAST_NAMES)
    return rng.choice(
        (f"{kind} {last}", f"{kind} {last} et Fils", f"{kind} de {town}", f"{kind} {last} {town}")
    )
