"""The small forms of the émargement pages (signing, absence, link, tablet, provider sheet)."""

from __future__ import annotations

import base64
import binascii

from django import forms

from parcours.domain.dossier import Signer

SIGNER_CHOICES = [(Signer.LEARNER.value, "salarié(e)"), (Signer.TRAINER.value, "formateur")]
PNG = b"\x89PNG\r\n\x1a\n"
MAX_DRAWING = 300_000  # bytes of PNG: a signature drawn on a phone is a few kilobytes
MAX_SHEET = 10 * 1024 * 1024
SHEET_TYPES = {b"%PDF": "PDF", PNG[:4]: "PNG", b"\xff\xd8\xff": "JPEG"}


class FrenchForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""


class LineForm(FrenchForm):
    """Which line: a session of the dossier and who signs it."""

    session = forms.CharField(max_length=40, widget=forms.HiddenInput)
    signer = forms.ChoiceField(choices=SIGNER_CHOICES, widget=forms.HiddenInput)

    def errors_text(self) -> str:
        return "Ligne d'émargement inconnue : rechargez la page."


class AbsenceForm(LineForm):
    reason = forms.CharField(
        label="Motif de l'absence",
        max_length=500,
        help_text="Par exemple : arrêt maladie, congé, séance reportée.",
        error_messages={"required": "Indiquez le motif de l'absence."},
    )


def decode_drawing(raw: str) -> bytes | None:
    """The canvas' `data:image/png;base64,…` as PNG bytes; empty → None. Anything else
    (not a PNG, too large) is a `forms.ValidationError` in French."""
    raw = (raw or "").strip()
    if not raw:
        return None
    prefix = "data:image/png;base64,"
    if not raw.startswith(prefix):
        raise forms.ValidationError("La signature dessinée n'est pas une image PNG.")
    try:
        data = base64.b64decode(raw[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise forms.ValidationError("La signature dessinée est illisible.") from None
    if not data.startswith(PNG):
        raise forms.ValidationError("La signature dessinée n'est pas une image PNG.")
    if len(data) > MAX_DRAWING:
        raise forms.ValidationError("La signature dessinée est trop lourde (300 ko au plus).")
    return data


class DrawingMixin(forms.Form):
    drawing = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_drawing(self) -> bytes | None:
        return decode_drawing(self.cleaned_data.get("drawing", ""))


class LinkSignForm(DrawingMixin, FrenchForm):
    """The public page of a one-time link: a button and an optional drawing."""


class TabletForm(DrawingMixin, LineForm):
    username = forms.CharField(
        label="Identifiant",
        max_length=150,
        error_messages={"required": "Saisissez votre identifiant."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        error_messages={"required": "Saisissez votre mot de passe."},
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )


class ProviderSheetForm(FrenchForm):
    sessions = forms.MultipleChoiceField(
        label="Séances couvertes par la feuille",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cochez au moins une séance couverte par la feuille."},
    )
    file = forms.FileField(
        label="Feuille d'émargement signée (PDF, PNG ou JPEG)",
        error_messages={"required": "Choisissez le fichier de la feuille signée."},
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].choices = list(choices)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SHEET:
            raise forms.ValidationError("Le fichier dépasse 10 Mo.")
        head = upload.read(8)
        upload.seek(0)
        if not any(head.startswith(magic) for magic in SHEET_TYPES):
            raise forms.ValidationError("Le fichier doit être un PDF, un PNG ou un JPEG.")
        return upload
