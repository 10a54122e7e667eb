"""The only writers of attendance records (one function per way of signing).

Every write is atomic, checks `parcours.attendance.perms` itself, locks the dossier row
(`select_for_update`) and appends to its chain with `next_record_fields` (the dossier keeps
the chain's head and length), and records a `DossierEvent` (section "attendance").
Someone else's line: `PermissionDenied`, nothing stored. A bad state, date, duplicate or
value: `InvalidDossier` naming the field. A link that cannot be used: `InvalidLink`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone

from parcours.attendance import perms
from parcours.attendance.errors import InvalidLink
from parcours.attendance.models import Signature, SigningLink
from parcours.attendance.records import METHOD_LABELS, SIGNER_LABELS
from parcours.domain.attendance import next_record_fields
from parcours.domain.dossier import Presence, Session, Signer, SigningMethod
from parcours.dossiers import convert, filecheck
from parcours.dossiers.enums import EventKind, Status
from parcours.dossiers.errors import FieldError, InvalidDossier
from parcours.dossiers.models import Dossier, DossierEvent
from parcours.dossiers.tasks import refresh_summary_later
from parcours.dossiers.uploads import _read, sniff

__all__ = [
    "InvalidLink",
    "create_signing_link",
    "open_link",
    "record_absence",
    "sign_session",
    "sign_with_link",
    "upload_provider_sheet",
]

# A drawn signature is a small PNG; more is not a signature.
DRAWN_SIGNATURE_MAX_BYTES = 512 * 1024
REASON_MAX = 500
LINK_PREFIX = "sig_"


# --- checks ------------------------------------------------------------------------------


def _invalid(path: str, message: str) -> InvalidDossier:
    return InvalidDossier([FieldError(path, message)])


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _moment(value: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y à H:i")


def _signer(value) -> Signer:
    try:
        return Signer(value)
    except ValueError:
        raise _invalid("signer", "signataire inconnu (learner ou trainer)") from None


def _locked(dossier: Dossier) -> Dossier:
    """The dossier row, locked until the end of the transaction: one writer of the chain
    at a time."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


def _line(row: Dossier, session_id: str, signer: Signer) -> tuple[convert.Schedule, Session]:
    """The session and its line exist (InvalidDossier otherwise)."""
    schedule = convert.schedule(row)
    session = schedule.sessions.get(session_id)
    if session is None:
        raise _invalid("session", f"séance inconnue dans ce dossier : « {session_id} »")
    if not perms.has_line(schedule, session, signer):
        raise _invalid(
            "signer",
            f"la séance {session.id} n'a pas de ligne formateur : seules les séances "
            "internes et AFEST sont signées par un formateur",
        )
    return schedule, session


def _check_open(row: Dossier, session: Session, signer: Signer) -> None:
    """Running, the session's day has come, no record yet for this line."""
    if row.status not in perms.SIGNING_STATES:
        raise _invalid(
            "status",
            f"ce dossier est à l'état « {Status(row.status).label} » : l'émargement se fait "
            "pendant le contrat (état « En cours »)",
        )
    if session.date > perms.today():
        raise _invalid(
            "session",
            f"la séance {session.id} a lieu le {_day(session.date)} : on ne peut pas "
            "l'émarger avant ce jour",
        )
    done = (
        row.signatures.filter(session_id=session.id, signer=signer)
        .order_by()
        .values_list("presence", "signed_at")[:1]
    )
    for presence, signed_at in done:
        what = "déclarée absente" if presence == Presence.ABSENT else "signée"
        raise _invalid(
            "signer",
            f"la ligne du {SIGNER_LABELS[signer]} pour la séance {session.id} est déjà "
            f"{what} ({_moment(signed_at)}) : une seule fois par séance",
        )


def _reason(presence: Presence, reason: str) -> str:
    reason = (reason or "").strip()
    if presence == Presence.ABSENT and not reason:
        raise _invalid("absence_reason", "une absence doit être motivée : indiquez le motif")
    if len(reason) > REASON_MAX:
        raise _invalid("absence_reason", f"le motif dépasse {REASON_MAX} signes")
    if "\x00" in reason:
        raise _invalid("absence_reason", "contient un caractère nul interdit")
    return reason if presence == Presence.ABSENT else ""


def _presence(value) -> Presence:
    try:
        return Presence(value)
    except ValueError:
        raise _invalid("presence", "présence inconnue (present ou absent)") from None


def _drawn(drawn_signature: bytes | None, required: bool) -> bytes | None:
    if drawn_signature is None or drawn_signature == b"":
        if required:
            raise _invalid("drawn_signature", "sur la tablette, le signataire dessine sa signature")
        return None
    if len(drawn_signature) > DRAWN_SIGNATURE_MAX_BYTES:
        raise _invalid("drawn_signature", "la signature dessinée est trop lourde")
    if not drawn_signature.startswith(b"\x89PNG\r\n\x1a\n"):
        raise _invalid("drawn_signature", "la signature dessinée doit être une image PNG")
    try:
        filecheck.check_image(drawn_signature, "PNG")
    except filecheck.NotThatFormat as exc:
        raise _invalid("drawn_signature", f"signature dessinée illisible : {exc}") from None
    return drawn_signature


def _name(user) -> str:
    return (str(user) if user is not None else "")[:200]


def _signer_name(row: Dossier, schedule, session: Session, signer: Signer, account) -> str:
    """The account's name when there is one, else the document's name for that line."""
    if account is not None:
        return _name(account)
    if signer == Signer.LEARNER:
        return schedule.learner_name[:200] or "salarié apprenant"
    trainer = schedule.trainers.get(schedule.session_trainer(session) or "")
    return (trainer.name if trainer else "formateur")[:200]


def _account(row: Dossier, schedule, session: Session, signer: Signer):
    from django.contrib.auth import get_user_model

    pk = perms.owner_id(row, schedule, session, signer)
    return get_user_model().objects.filter(pk=pk).first() if pk else None


# --- storage -----------------------------------------------------------------------------


def _store(content: bytes, extension: str) -> str:
    """The evidence file under PRIVATE_MEDIA_ROOT, with a random server-built name."""
    relative = Path("attendance") / f"{secrets.token_hex(16)}{extension}"
    target = settings.PRIVATE_MEDIA_ROOT / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return str(relative)


def _discard(path: str | None) -> None:
    if path:
        (settings.PRIVATE_MEDIA_ROOT / path).unlink(missing_ok=True)


# --- the chain ---------------------------------------------------------------------------


def _append(
    row: Dossier,
    actor,
    *,
    session: Session,
    signer: Signer,
    signer_user,
    signer_name: str,
    trainer: str | None,
    method: SigningMethod,
    presence: Presence = Presence.PRESENT,
    absence_reason: str = "",
    recorded_by=None,
    evidence: tuple[str, str, str] | None = None,
    signed_at: dt.datetime | None = None,
) -> Signature:
    """Append one record to the locked row's chain (evidence: path, type, SHA-256)."""
    signed_at = signed_at or timezone.now().replace(microsecond=0)
    previous = (
        {"seq": row.attendance_count, "hash": row.attendance_head} if row.attendance_count else None
    )
    path, content_type, sha = evidence or ("", "", "")
    fields = next_record_fields(
        previous,
        session=session.id,
        signer=signer.value,
        signer_name=signer_name,
        trainer=trainer if signer == Signer.TRAINER else None,
        presence=presence.value,
        absence_reason=absence_reason,
        hours=None,
        method=method.value,
        signed_at=signed_at,
        recorded_by=_name(recorded_by) or None,
        evidence_sha256=sha or None,
    )
    signature = Signature.objects.create(
        dossier=row,
        seq=fields["seq"],
        session_id=session.id,
        signer=signer.value,
        signer_user=signer_user,
        signer_name=signer_name,
        trainer_ref=fields["trainer"] or "",
        presence=presence.value,
        absence_reason=absence_reason,
        hours=None,
        method=method.value,
        signed_at=signed_at,
        recorded_by=recorded_by,
        recorded_by_name=_name(recorded_by),
        evidence_path=path,
        evidence_content_type=content_type,
        evidence_sha256=sha,
        previous_hash=fields["previous_hash"],
        hash=fields["hash"],
    )
    row.attendance_head, row.attendance_count = signature.hash, signature.seq
    Dossier.objects.filter(pk=row.pk).update(
        attendance_head=signature.hash, attendance_count=signature.seq
    )
    return signature


def _describe(signature: Signature, session: Session) -> str:
    who = f"{signature.signer_name} ({SIGNER_LABELS[Signer(signature.signer)]})"
    what = (
        f"absent (motif : {signature.absence_reason})"
        if signature.presence == Presence.ABSENT
        else "présent"
    )
    how = METHOD_LABELS[SigningMethod(signature.method)]
    by = f", enregistré par {signature.recorded_by_name}" if signature.recorded_by_name else ""
    return (
        f"Émargement n° {signature.seq} : séance {session.id} du {_day(session.date)}, "
        f"{who}, {what}, {how}{by}."
    )


def _event(row: Dossier, actor, comment: str, kind=EventKind.EDIT, changes=()) -> None:
    DossierEvent.objects.create(
        dossier=row,
        actor=actor,
        kind=kind,
        version=row.version,
        section="attendance",
        comment=comment,
        changes=list(changes),
    )
    # Signatures change the rules' findings (ATT-01): the summary columns count them. Not
    # here and now: reading the whole chain again would make every signature slow.
    refresh_summary_later.enqueue(row.pk)


def _sync(dossier: Dossier, row: Dossier) -> None:
    """The caller's dossier object sees the new head and length."""
    dossier.attendance_head, dossier.attendance_count = row.attendance_head, row.attendance_count


# --- signing -----------------------------------------------------------------------------


@transaction.atomic
def sign_session(
    dossier: Dossier,
    user,
    session_id: str,
    *,
    signer: Signer | str,
    method: SigningMethod | str = SigningMethod.ACCOUNT,
    presence: Presence | str = Presence.PRESENT,
    absence_reason: str = "",
    drawn_signature: bytes | None = None,
) -> Signature:
    """`user` signs their own line of the session: from their account (`account`), or on
    the shared tablet (`tablet`: the page has checked their password; a drawn signature,
    PNG, is optional). Present by default; absent needs a reason."""
    signer, presence = _signer(signer), _presence(presence)
    try:
        method = SigningMethod(method)
    except ValueError:
        raise _invalid("method", "façon de signer inconnue") from None
    if method not in (SigningMethod.ACCOUNT, SigningMethod.TABLET):
        raise _invalid(
            "method",
            "depuis son compte (account) ou sur la tablette (tablet) : les liens, les "
            "feuilles du prestataire et les absences déclarées ont leur propre action",
        )
    row = _locked(dossier)
    schedule, session = _line(row, session_id, signer)
    if not perms.is_own_line(user, row, schedule, session, signer):
        raise PermissionDenied(
            f"Vous ne pouvez signer que votre propre ligne : la ligne du "
            f"{SIGNER_LABELS[signer]} de la séance {session.id} n'est pas la vôtre."
        )
    _check_open(row, session, signer)
    reason = _reason(presence, absence_reason)
    # The drawing is optional on the tablet too: « Signer sans dessin » is the keyboard and
    # accessibility fallback (the password has been checked by the tablet page).
    drawing = _drawn(drawn_signature, required=False)
    path = _store(drawing, ".png") if drawing else None
    try:
        signature = _append(
            row,
            user,
            session=session,
            signer=signer,
            signer_user=user,
            signer_name=_name(user),
            trainer=schedule.session_trainer(session),
            method=method,
            presence=presence,
            absence_reason=reason,
            evidence=(path, "image/png", hashlib.sha256(drawing).hexdigest()) if drawing else None,
        )
        _event(row, user, _describe(signature, session))
    except BaseException:
        _discard(path)
        raise
    _sync(dossier, row)
    return signature


@transaction.atomic
def record_absence(
    dossier: Dossier, user, session_id: str, *, signer: Signer | str, reason: str
) -> Signature:
    """An absence, with its reason: declared by the signer themself, or, for the learner's
    line, by the company side or the session's trainer (method `declared`, who recorded it
    kept in `recorded_by`)."""
    signer = _signer(signer)
    row = _locked(dossier)
    schedule, session = _line(row, session_id, signer)
    own = perms.is_own_line(user, row, schedule, session, signer)
    if not perms.may_declare_absence(user, row, schedule, session, signer):
        raise PermissionDenied(
            "Vous ne pouvez pas déclarer cette absence : une absence est déclarée par la "
            "personne elle-même ou, pour le salarié, par l'entreprise ou le formateur de "
            "la séance."
        )
    _check_open(row, session, signer)
    reason = _reason(Presence.ABSENT, reason)
    account = user if own else _account(row, schedule, session, signer)
    signature = _append(
        row,
        user,
        session=session,
        signer=signer,
        signer_user=account,
        signer_name=_signer_name(row, schedule, session, signer, account),
        trainer=schedule.session_trainer(session),
        method=SigningMethod.ACCOUNT if own else SigningMethod.DECLARED,
        presence=Presence.ABSENT,
        absence_reason=reason,
        recorded_by=None if own else user,
    )
    _event(row, user, _describe(signature, session))
    _sync(dossier, row)
    return signature


# --- one-time links ------------------------------------------------------------------------


def hash_link_token(raw: str) -> str:
    return hashlib.sha256((raw or "").encode()).hexdigest()


@transaction.atomic
def create_signing_link(
    dossier: Dossier, user, session_id: str, *, signer: Signer | str
) -> tuple[SigningLink, str]:
    """A one-time link for one line (session, signer), valid SIGNING_LINK_MINUTES: by the
    company side or the session's trainer. Returns the link and its raw token, which is not
    stored (only its SHA-256): show it now (URL `web:sign_link`, QR code)."""
    signer = _signer(signer)
    row = _locked(dossier)
    schedule, session = _line(row, session_id, signer)
    if not perms.may_send_link(user, row, schedule, session, signer):
        raise PermissionDenied(
            "Vous ne pouvez pas créer de lien de signature pour cette séance : c'est "
            "l'entreprise ou le formateur de la séance qui le fait."
        )
    _check_open(row, session, signer)
    raw = LINK_PREFIX + secrets.token_urlsafe(24)
    now = timezone.now().replace(microsecond=0)
    link = SigningLink.objects.create(
        dossier=row,
        session_id=session.id,
        signer=signer.value,
        signer_user=_account(row, schedule, session, signer),
        token_hash=hash_link_token(raw),
        created_by=user,
        expires_at=now + dt.timedelta(minutes=settings.SIGNING_LINK_MINUTES),
    )
    _event(
        row,
        user,
        f"Lien de signature créé pour la séance {session.id} du {_day(session.date)} "
        f"({SIGNER_LABELS[signer]}), valable jusqu'au {_moment(link.expires_at)}.",
    )
    return link, raw


def _usable_link(raw_token: str, session_id=None, signer=None, *, lock: bool) -> SigningLink:
    links = SigningLink.objects.select_related("dossier", "signer_user")
    if lock:
        links = links.select_for_update(of=("self",))
    link = links.filter(token_hash=hash_link_token(raw_token)).first()
    if link is None:
        raise InvalidLink(
            "Ce lien de signature n'est pas valable : il n'existe pas ou a été mal recopié."
        )
    label = SIGNER_LABELS[Signer(link.signer)]
    if (session_id is not None and session_id != link.session_id) or (
        signer is not None and signer != link.signer
    ):
        raise InvalidLink(
            f"Ce lien sert à signer la séance {link.session_id} pour le {label}, et seulement "
            "elle : il ne permet pas de signer une autre séance ni pour une autre personne."
        )
    if link.used_at is not None:
        raise InvalidLink(
            f"Ce lien a déjà servi ({_moment(link.used_at)}) : un lien de signature ne sert "
            "qu'une fois. Demandez-en un nouveau si besoin."
        )
    if link.expires_at <= timezone.now():
        raise InvalidLink(
            f"Ce lien a expiré ({_moment(link.expires_at)}) : demandez-en un nouveau à "
            "l'entreprise ou au formateur."
        )
    return link


def open_link(raw_token: str) -> SigningLink:
    """The link if it can still be used (for the page that shows it before signing);
    `InvalidLink` with the French reason otherwise. Writes nothing."""
    return _usable_link(raw_token, lock=False)


@transaction.atomic
def sign_with_link(
    raw_token: str,
    *,
    presence: Presence | str = Presence.PRESENT,
    absence_reason: str = "",
    drawn_signature: bytes | None = None,
    session_id: str | None = None,
    signer: Signer | str | None = None,
) -> Signature:
    """Sign the line a one-time link was made for. `session_id` / `signer`, when given (the
    page's), must be the link's: a link signs its own line only. Used, expired, unknown or
    another line: `InvalidLink`; the dossier's rules (running, date, once): InvalidDossier."""
    presence = _presence(presence)
    link = _usable_link(raw_token, session_id, signer, lock=True)
    line_signer = Signer(link.signer)
    row = _locked(link.dossier)
    schedule, session = _line(row, link.session_id, line_signer)
    _check_open(row, session, line_signer)
    reason = _reason(presence, absence_reason)
    drawing = _drawn(drawn_signature, required=False)
    path = _store(drawing, ".png") if drawing else None
    account = link.signer_user
    try:
        signature = _append(
            row,
            account,
            session=session,
            signer=line_signer,
            signer_user=account,
            signer_name=_signer_name(row, schedule, session, line_signer, account),
            trainer=schedule.session_trainer(session),
            method=SigningMethod.LINK,
            presence=presence,
            absence_reason=reason,
            evidence=(path, "image/png", hashlib.sha256(drawing).hexdigest()) if drawing else None,
        )
        link.used_at = signature.signed_at
        link.save(update_fields=["used_at"])
        _event(row, account, _describe(signature, session))
    except BaseException:
        _discard(path)
        raise
    return signature


# --- external providers ---------------------------------------------------------------------


@transaction.atomic
def upload_provider_sheet(
    dossier: Dossier, user, session_ids: Iterable[str], uploaded_file
) -> list[Signature]:
    """The external provider's signed sheet (PDF, JPEG or PNG, checked by content) as the
    proof of the learner's presence at sessions of externe / distance modules: one record
    per session (method `provider_sheet`, the file's SHA-256 as evidence). Company side."""
    if not perms.is_company_side(user, dossier):
        raise PermissionDenied(
            "Seuls l'entreprise et le tiers facilitateur déposent les feuilles signées des "
            "organismes de formation."
        )
    ids = list(dict.fromkeys(s for s in session_ids or [] if s))
    if not ids:
        raise _invalid("session_ids", "indiquez au moins une séance couverte par la feuille")
    row = _locked(dossier)
    schedule = convert.schedule(row)
    sessions, errors = [], []
    for i, session_id in enumerate(ids):
        session = schedule.sessions.get(session_id)
        module = schedule.modules.get(session.module) if session else None
        if session is None:
            errors.append(FieldError(f"session_ids[{i}]", f"séance inconnue : « {session_id} »"))
        elif module is None or module.modality not in perms.PROVIDER_MODALITIES:
            errors.append(
                FieldError(
                    f"session_ids[{i}]",
                    f"la séance {session_id} n'est pas celle d'un module externe ou à "
                    "distance : elle est émargée par le salarié (et le formateur)",
                )
            )
        else:
            sessions.append(session)
    if errors:
        raise InvalidDossier(errors)
    for session in sessions:
        _check_open(row, session, Signer.LEARNER)
    content = _read(uploaded_file)
    content_type, extension = sniff(content)
    sha = hashlib.sha256(content).hexdigest()
    path = _store(content, extension)
    try:
        learner = row.learner
        name = _signer_name(row, schedule, sessions[0], Signer.LEARNER, None)
        signatures = [
            _append(
                row,
                user,
                session=session,
                signer=Signer.LEARNER,
                signer_user=learner,
                signer_name=name,
                trainer=None,
                method=SigningMethod.PROVIDER_SHEET,
                recorded_by=user,
                evidence=(path, content_type, sha),
            )
            for session in sessions
        ]
        listed = ", ".join(f"{s.id} du {_day(s.date)}" for s in sessions)
        original = Path(getattr(uploaded_file, "name", "") or "feuille").name[:120]
        _event(
            row,
            user,
            f"Feuille signée du prestataire déposée ({original}) : présence du salarié aux "
            f"séances {listed} (émargements n° {signatures[0].seq} à {signatures[-1].seq}).",
            kind=EventKind.UPLOAD,
        )
    except BaseException:
        _discard(path)
        raise
    _sync(dossier, row)
    return signatures


def open_evidence(user, dossier: Dossier, signature_id) -> tuple[Signature, object]:
    """A record's evidence file (drawn signature, provider sheet) and its open binary file,
    for a view to stream: 404 (Http404) when the user may not see the dossier or there is
    no such file."""
    from django.http import Http404

    if not perms.can_read_attendance(user, dossier):
        raise Http404
    signature = dossier.signatures.filter(pk=signature_id).exclude(evidence_path="").first()
    if signature is None:
        raise Http404
    path = settings.PRIVATE_MEDIA_ROOT / signature.evidence_path
    if not path.is_file():
        raise Http404
    return signature, path.open("rb")
