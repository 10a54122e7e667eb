"""`python manage.py seed --dossiers N`: generated dossiers for trying the OPCO's portfolio
at scale (`parcours.portfolio.seed`). Fictitious people and companies only."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from parcours.portfolio.seed import PASSWORD, PREFIX, Options, not_seeded, seed


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(value)
    return number


positive.__name__ = "nombre entier positif"  # what argparse names in its error message


class Command(BaseCommand):
    help = (
        "Ajoute N dossiers fictifs réalistes (tous les états, leur historique, des demandes "
        "de paiement), répartis entre de nombreuses entreprises, tiers facilitateurs et "
        "conseillers OPCO : pour essayer le portefeuille de l'OPCO et mesurer ses temps."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=positive, required=True, help="nombre de dossiers")
        parser.add_argument(
            "--seed", type=int, default=1, help="graine du hasard (mêmes options : mêmes dossiers)"
        )
        parser.add_argument("--companies", type=positive, help="entreprises (défaut : N/25)")
        parser.add_argument("--facilitators", type=positive, help="tiers facilitateurs")
        parser.add_argument("--instructors", type=positive, help="conseillers OPCO")
        parser.add_argument(
            "--batch", type=positive, default=1000, help="dossiers par transaction (défaut 1000)"
        )
        parser.add_argument(
            "--processes", type=positive, help="processus qui génèrent (défaut : un par cœur)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="ajouter même si la base contient des dossiers qui ne viennent pas de seed",
        )

    def handle(self, *args, **opts):
        others = not_seeded()
        if others and not opts["force"]:
            raise CommandError(
                f"La base contient déjà {others} dossier(s) qui ne viennent pas de « seed » "
                "(de vrais dossiers ou ceux de la démonstration). seed y ajouterait des "
                "milliers de dossiers fictifs : relancez avec --force si c'est bien voulu, "
                "ou utilisez une base à part (DATABASE_URL)."
            )
        options = Options(
            dossiers=opts["dossiers"],
            seed=opts["seed"],
            companies=opts["companies"],
            facilitators=opts["facilitators"],
            instructors=opts["instructors"],
            batch=opts["batch"],
            processes=opts["processes"],
        )
        self.stdout.write(
            f"Ajout de {options.dossiers} dossiers fictifs, {options.companies} entreprises, "
            f"{options.facilitators} tiers facilitateurs et {options.instructors} conseillers "
            f"OPCO (comptes « {PREFIX}… », mot de passe « {PASSWORD} »)…"
        )
        bar = tqdm(
            total=options.dossiers,
            unit=" dossiers",
            file=sys.stderr,
            disable=opts["verbosity"] < 1,
            mininterval=1,
        )
        with bar:
            done = seed(options, progress=bar.update)
        rate = done["dossiers"] / done["seconds"] if done["seconds"] else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"{done['dossiers']} dossiers ajoutés en {done['seconds']:.1f} s "
                f"({rate:.0f} par seconde). Connexion d'un conseiller OPCO : "
                f"{PREFIX}opco-1 / {PASSWORD}."
            )
        )
