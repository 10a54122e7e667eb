"""« Équipe »: a company admin opens the accounts of the company's tutors, trainers and
learners; each chooses a password through a one-time link."""

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from parcours.accounts.actions import (
    TEAM_ROLES,
    create_member,
    password_link,
    renew_link,
    set_active,
    team_history,
)
from parcours.accounts.models import User
from parcours.dossiers import perms
from parcours.reminders import mail
from parcours.web.views.common import role_label


class MemberForm(djforms.Form):
    first_name = djforms.CharField(label="Prénom", max_length=150)
    last_name = djforms.CharField(label="Nom", max_length=150)
    email = djforms.EmailField(label="Adresse e-mail", required=False)
    username = djforms.CharField(
        label="Identifiant de connexion",
        max_length=150,
        help_text="Lettres, chiffres et les signes @ . + - _ ; par exemple prenom.nom.",
    )
    role = djforms.ChoiceField(
        label="Rôle", choices=[(r.value, r.label) for r in TEAM_ROLES], initial="tutor"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""


def _int(raw: str) -> int:
    return int(raw) if raw.isdigit() and len(raw) < 12 else 0


def _link_message(request, member, what: str) -> None:
    """E-mail the one-time link to the member when the account has an address; otherwise
    show it to the admin, who hands it over."""
    link = request.build_absolute_uri(password_link(member))
    if member.email:
        mail.send_invitation(member, link, request.user)
        messages.success(
            request,
            f"{what} {member}. Un courriel lui a été envoyé à {member.email} avec un lien pour "
            "choisir son mot de passe (valable trois jours, une seule fois).",
        )
        return
    messages.success(
        request,
        f"{what} {member}. Transmettez-lui ce lien pour choisir son mot de passe (valable "
        f"trois jours, une seule fois) : {link}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def team(request):
    company = perms.team_of(request.user)
    if company is None:
        raise PermissionDenied("Réservé au dirigeant ou au service RH de l'entreprise.")
    members = User.objects.filter(organisation=company).order_by("last_name", "first_name")
    if "renew" in request.POST:
        # A lost or expired link: a new one, only for an account that never chose its
        # password (a password is changed by its owner alone: « Mot de passe oublié ? »).
        try:
            member = renew_link(request.user, _int(request.POST["renew"]))
        except PermissionDenied as exc:
            if not members.filter(pk=_int(request.POST["renew"])).exists():
                raise
            messages.error(request, str(exc))
            return redirect("web:team")
        _link_message(request, member, "Nouveau lien pour")
        return redirect("web:team")
    for field, active in (("deactivate", False), ("reactivate", True)):
        if field in request.POST:
            member = set_active(request.user, _int(request.POST[field]), active)
            what = "réactivé : il peut de nouveau" if active else "désactivé : il ne peut plus"
            messages.success(request, f"Compte de {member} {what} se connecter.")
            return redirect("web:team")
    form = MemberForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                member = create_member(company, **form.cleaned_data, actor=request.user)
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                _link_message(request, member, "Compte créé pour")
                return redirect("web:team")
    context = {
        "company": company,
        "members": members,
        "history": team_history(company.pk)[:50],
        "form": form,
        "nav": "team",
        "role_label": role_label(request.user),
    }
    return render(request, "web/team.html", context, status=status)


class SetPassword(SuccessMessageMixin, auth_views.PasswordResetConfirmView):
    """The page of the one-time link: the new member chooses a password, then logs in."""

    template_name = "web/set_password.html"
    success_url = reverse_lazy("web:login")
    success_message = "Mot de passe enregistré : vous pouvez vous connecter."
