"""Django settings. Every value comes from the environment and a bad value fails loudly."""

import datetime as dt
import os
import re
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} : attendu un nombre entier") from None


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name}={value!r} : attendu true ou false")


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or ("dev-only-insecure-key" if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY doit être défini quand DEBUG est désactivé")
ALLOWED_HOSTS = [
    h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "parcours.accounts",
    "parcours.reminders",
    "parcours.organisations",
    "parcours.dossiers",
    "parcours.attendance",
    "parcours.calendars",
    "parcours.funding",
    "parcours.amendments",
    "parcours.lessons",
    "parcours.portfolio",
    "parcours.audit",
    "parcours.web",
    "axes",
]
AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files served by the application itself, compressed, behind the WSGI server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "parcours.web.limits.RequestLimitsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "parcours.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "parcours.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'parcours.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two saves at once: the second waits for the first (up to 20 s) instead of failing with
    # « database is locked »; a write transaction takes its lock at BEGIN (IMMEDIATE), so a
    # read followed by a write never needs an upgrade that SQLite would refuse at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": env_int("SQLITE_TIMEOUT", 20), "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# `manage.py collectstatic` gathers them (gzip and brotli copies) into STATIC_ROOT, which
# whitenoise serves; no manifest, so that pages render before any collectstatic (tests).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Before any collectstatic (make run, tests) the apps' static files are served from the apps
# (runserver in DEBUG, finders): whitenoise need not warn that STATIC_ROOT is missing.
WHITENOISE_USE_FINDERS = True
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
# Uploaded signed papers live outside the web root and are served only by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
DEMO_DOSSIER = Path(
    os.environ.get("DEMO_DOSSIER", BASE_DIR / "parcours/fixtures/demo-dossier.json")
)
# Largest signed document accepted on upload, in bytes (a scanned CERFA is ~1–3 MB).
SIGNED_DOCUMENT_MAX_BYTES = env_int("SIGNED_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# Largest request body (a dossier in JSON, a form, an imported file), in bytes: a larger one
# is answered 413 before anything reads it (parcours.web.limits). A real dossier is < 200 kB.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
# How long a one-time signing link (or its QR code) stays valid, in minutes.
SIGNING_LINK_MINUTES = env_int("SIGNING_LINK_MINUTES", 120)


def env_port(name: str, default: int) -> int:
    port = env_int(name, default)
    if not 1 <= port <= 65535:
        raise ImproperlyConfigured(f"{name}={port!r} : attendu un port entre 1 et 65535")
    return port


def env_email(name: str, default: str) -> str:
    """An address, alone or with a name (« parcours <ne-pas-repondre@exemple.fr> »)."""
    from email.utils import parseaddr

    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    value = os.environ.get(name, default)
    try:
        validate_email(parseaddr(value)[1])
    except ValidationError:
        raise ImproperlyConfigured(f"{name}={value!r} : attendu une adresse e-mail") from None
    return value


def env_url(name: str, default: str) -> str:
    value = os.environ.get(name, default)
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise ImproperlyConfigured(
            f"{name}={value!r} : attendu une adresse http(s)://… (p. ex. https://parcours.exemple.fr)"
        )
    return value.rstrip("/")


# E-mail (invitations, « mot de passe oublié », reminders): printed on the console unless an
# SMTP server is given. Sent by the task queue, never from the request.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_port("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
if bool(EMAIL_HOST_USER) != bool(EMAIL_HOST_PASSWORD):
    raise ImproperlyConfigured(
        "EMAIL_HOST_USER et EMAIL_HOST_PASSWORD vont ensemble : donnez les deux ou aucun"
    )
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_email("DEFAULT_FROM_EMAIL", "parcours <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address, for the links of e-mails sent without a request (`parcours remind`).
SITE_URL = env_url("SITE_URL", "http://localhost:8000")
# The task queue (django-tasks): the database backend, whose worker is `manage.py db_worker`;
# TASKS_BACKEND=immediate runs each task at once, in the process that queues it.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = os.environ.get("TASKS_BACKEND", "database")
if _task_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={_task_backend!r} : attendu {' ou '.join(TASK_BACKENDS)}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_task_backend]}}
# An API token works this many days after its creation (its owner makes a new one on the
# « Jetons d'API » page); a password change ends every token of the account.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
if not 1 <= API_TOKEN_DAYS <= 3650:
    raise ImproperlyConfigured(f"API_TOKEN_DAYS={API_TOKEN_DAYS} : attendu de 1 à 3650 jours")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
# Out of DEBUG the app is served over HTTPS (the reverse proxy redirects plain HTTP):
# cookies travel only over TLS; HTTPS=false for a plain-HTTP trial, SECURE_HSTS_SECONDS once
# the domain is known to stay on HTTPS.
HTTPS = env_bool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
# With HSTS on, subdomains too, and the browsers' preload list may include the site.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# How many reverse proxies (nginx…) stand in front of the app: their X-Forwarded-Proto says
# whether the visitor used HTTPS, X-Forwarded-For who the visitor is (login throttling).
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Plain HTTP redirected to HTTPS by the app itself (behind a proxy: set PROXY_COUNT too).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS and PROXY_COUNT > 0)

# Content-Security-Policy (django-csp) on every answer: scripts only from the site's own
# static files (no inline script, no eval: htmx's allowEval is off), styles from the site
# (inline style attributes allowed: the charts' SVG carries them), nothing framed or embedded.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes, parcours.web.throttle): LOGIN_FAILURE_LIMIT wrong passwords
# for one account, or from one address, lock logins out for LOGIN_COOLOFF_MINUTES; a
# successful login resets the count; « Mot de passe oublié ? » stays open.
AUTHENTICATION_BACKENDS = [
    "parcours.web.throttle.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "parcours.web.throttle.lockout"
AXES_CLIENT_IP_CALLABLE = "parcours.web.throttle.client_ip"
AXES_VERBOSE = False
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
