"""« Jetons d'API »: every account sees its own API tokens (name, dates, expiry), makes a
new one (its key shown once) and revokes any of them. No staff needed; nobody sees
another's tokens."""

from django import forms as djforms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from parcours.accounts.actions import TOKEN_NAME_MAX, create_api_token, revoke_api_token, tokens_of
from parcours.web.views.common import role_label


class TokenForm(djforms.Form):
    name = djforms.CharField(
        label="Nom du jeton",
        max_length=TOKEN_NAME_MAX,
        required=False,
        help_text="À quoi il sert, pour le reconnaître : par exemple « logiciel de paie ».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""


def _context(request, form, new_key=None):
    return {
        "tokens": tokens_of(request.user),
        "form": form,
        "new_key": new_key,
        "days": settings.API_TOKEN_DAYS,
        "now": timezone.now(),
        "nav": "tokens",
        "role_label": role_label(request.user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                _, raw = create_api_token(request.user, form.cleaned_data["name"])
            except ValidationError as exc:
                for errors in exc.message_dict.values():
                    form.add_error("name", errors)
            else:
                # Shown once, in this answer only: never stored, never redirected with.
                response = render(request, "web/tokens.html", _context(request, form, raw))
                response["Cache-Control"] = "no-store"
                return response
        return render(request, "web/tokens.html", _context(request, form), status=400)
    return render(request, "web/tokens.html", _context(request, form))


@login_required
@require_POST
def revoke(request, token_id: int):
    try:
        token = revoke_api_token(request.user, token_id)
    except PermissionDenied:
        raise Http404("Ce jeton n'existe pas.") from None
    messages.success(request, f"Jeton « {token.name or 'sans nom'} » révoqué : il ne marche plus.")
    return redirect("web:api_tokens")
