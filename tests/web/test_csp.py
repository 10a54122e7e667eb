"""A Content-Security-Policy on every page: scripts only from the site's static files, so no
template may carry an inline script or an inline event handler (htmx's hx-on included)."""

import re
from pathlib import Path

from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "parcours"


def _templates():
    return [p for p in TEMPLATES.glob("**/templates/**/*.html") if "email" not in p.parts]


def test_every_page_carries_the_policy(world, login, client):
    anonymous = client.get(reverse("web:login"))
    policy = anonymous["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy
    page = login(world.users["company_admin"]).get(reverse("web:overview", args=[world.dossier.pk]))
    assert page["Content-Security-Policy"] == policy


def test_no_template_holds_an_inline_script_or_event_handler():
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"\s(?:on[a-z]+|hx-on[:\w-]*)=", re.I)
    found = []
    for path in _templates():
        source = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {m.group(0)}" for m in inline.finditer(source)]
        found += [f"{path.name}: {m.group(0)}" for m in handler.finditer(source)]
    assert found == []


def test_htmx_evaluates_no_code():
    base = (TEMPLATES / "web/templates/web/base.html").read_text(encoding="utf-8")
    assert '"allowEval": false' in base
