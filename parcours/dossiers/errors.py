"""What the write layer raises. Every message is French and meant for the person acting.

Bad input raises the domain's `InvalidDossier` (re-exported here): `.errors` lists one
`FieldError(path, message)` per bad field. A forbidden action raises Django's
`PermissionDenied`."""

from parcours.domain.loading import FieldError, InvalidDossier

__all__ = ["DossierError", "FieldError", "InvalidDossier", "StaleDossier", "TransitionRefused"]


class DossierError(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class StaleDossier(DossierError):
    """Someone saved the same part of the dossier after the version the caller read: their
    save is kept, this one is refused. `changes` lists, in French, what they changed there
    (`parcours.dossiers.concurrency`); `current_version` is the version to save over once
    the caller has seen them."""

    def __init__(self, current_version: int | None, who: str = "", when: str = "", changes=()):
        self.current_version = current_version
        self.changes = list(changes)
        by = f" ({who}, {when})" if who else ""
        start = (
            "Quelqu'un d'autre a enregistré ce dossier avant vous"
            f"{by} : vos modifications n'ont pas été enregistrées et les siennes sont "
            "conservées. "
        )
        if self.changes:
            super().__init__(
                start
                + "Ce qu'il a changé dans la même partie du dossier : "
                + " ; ".join(self.changes)
                + ". Vos valeurs sont restées dans le formulaire : vérifiez-les, puis "
                "enregistrez à nouveau pour les garder."
            )
        else:
            super().__init__(
                start + "Rechargez le dossier pour voir la version à jour, puis refaites "
                "vos changements."
            )


class TransitionRefused(DossierError):
    """The transition is not possible now: wrong state, or the guard found reasons."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__(" ".join(reasons))
