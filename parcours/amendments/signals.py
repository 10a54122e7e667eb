"""Version 1 of the parcours is recorded when the OPCO accepts the dossier: the acceptance
is written by `dossiers.actions.accept_dossier`, whose history event we listen to (in the
same transaction: an acceptance rolled back records no version)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from parcours.dossiers.enums import EventKind, Status
from parcours.dossiers.models import DossierEvent


@receiver(post_save, sender=DossierEvent, dispatch_uid="amendments-initial-version")
def record_initial_version(sender, instance: DossierEvent, created: bool, **kwargs) -> None:
    if not created or kwargs.get("raw"):
        return
    if instance.kind != EventKind.TRANSITION or instance.to_status != Status.ACCEPTED:
        return
    from parcours.amendments.versions import ensure_initial

    ensure_initial(instance.dossier, instance.actor, timezone.localdate(instance.at))
