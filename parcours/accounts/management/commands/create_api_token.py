from django.core.management.base import BaseCommand, CommandError

from parcours.accounts.actions import create_api_token
from parcours.accounts.models import User


class Command(BaseCommand):
    help = "Crée un jeton d'API pour un utilisateur et l'affiche (une seule fois)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--nom", default="", help="à quoi sert ce jeton")

    def handle(self, *args, username, nom, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Aucun utilisateur « {username} ».")
        _, raw = create_api_token(user, nom)
        self.stdout.write(f"Jeton pour {user} (conservez-le, il ne sera plus affiché) :\n{raw}\n")
