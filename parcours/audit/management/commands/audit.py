"""`manage.py audit`: every dossier re-checked by the rules engine, the findings in a CSV
file (`parcours.audit`); the same as `parcours audit`."""

import argparse

from django.core.management.base import BaseCommand

from parcours.audit.cli import DESCRIPTION, EXIT_OK, add_arguments, execute


class Command(BaseCommand):
    help = DESCRIPTION

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, **options):
        code = execute(argparse.Namespace(**options), out=self.stdout, err=self.stderr)
        if code != EXIT_OK:
            # The reason is already said in French; only the exit code is left to give.
            raise SystemExit(code)
