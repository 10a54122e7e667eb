"""Login throttling (django-axes): after too many wrong passwords for one account, or from
one address, logins are refused for a cool-off, with a French message and the way back
(« Mot de passe oublié ? », or wait). The login page and the tablet's signature (which asks
the signer's password) both go through it."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string


class LoginThrottle(AxesStandaloneBackend):
    """Axes' check, for requests only: a password checked without a request (a management
    command, a test) has no address and nothing to throttle."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_message() -> str:
    return (
        f"Trop d'essais de mot de passe : la connexion est bloquée pendant {minutes()} minutes "
        "pour ce compte (et depuis cette adresse). Réessayez plus tard, ou choisissez un "
        "nouveau mot de passe avec « Mot de passe oublié ? »."
    )


def client_ip(request) -> str | None:
    """The visitor's address: behind PROXY_COUNT reverse proxies, the one the outermost
    proxy saw (the last addresses of X-Forwarded-For are the proxies' own)."""
    count = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= count:
            return chain[-count]
    return request.META.get("REMOTE_ADDR")


def lockout(request, original_response=None, credentials=None) -> HttpResponse:
    message = locked_message()
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.resolver_match and request.resolver_match.url_name in ("login", "login_default"):
        form = AuthenticationForm(request)
        context = {"form": form, "locked": message, "next": request.POST.get("next", "")}
        return render(request, "web/login.html", context, status=status)
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"detail": message}, status=status)
    html = render_to_string(
        "web/refused.html", {"title": "Connexion bloquée", "message": message}, request=request
    )
    return HttpResponse(html, status=status)


def over_limit(request, scope: str, limit: int, seconds: int) -> bool:
    """True once `client_ip(request)` has made more than `limit` requests to `scope` within
    `seconds` (a fixed window in Django's cache): for public forms that need no password
    (the readiness test), so that a script cannot hammer them. Per process with the default
    local-memory cache, shared with a shared cache."""
    from django.core.cache import cache

    key = f"throttle:{scope}:{client_ip(request) or '-'}"
    if cache.add(key, 1, seconds):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, seconds)
        return False
