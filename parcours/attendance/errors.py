"""What the attendance writers raise besides `InvalidDossier` and `PermissionDenied`."""

from parcours.dossiers.errors import DossierError


class InvalidLink(DossierError):
    """A signing link that cannot be used: unknown, already used, expired, or used for
    another session or signer. `message` says which, in French, for the person holding it."""
