"""French e-mails: each is three templates (`reminders/email/<name>_subject.txt`, `.txt`,
`.html`) rendered here and sent through the task queue (`tasks.send_email`), never from
the request that asks for it."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from parcours.reminders.tasks import send_email


def site_url(path: str = "") -> str:
    """An absolute address on the site (`SITE_URL`), for e-mails sent without a request."""
    return settings.SITE_URL.rstrip("/") + path


def render(name: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) of the e-mail `name`."""
    context = {"site_url": site_url(), **context}
    subject = render_to_string(f"reminders/email/{name}_subject.txt", context)
    subject = " ".join(subject.split())  # one line: a header cannot hold a newline
    body = render_to_string(f"reminders/email/{name}.txt", context)
    html = render_to_string(f"reminders/email/{name}.html", context)
    return subject, body, html


def send(to: str, name: str, context: dict) -> None:
    """Queue the e-mail `name` to the address `to`."""
    subject, body, html = render(name, context)
    send_email.enqueue(to=[to], subject=subject, body=body, html=html)


def send_invitation(member, link: str, invited_by) -> None:
    """The one-time link a new member chooses a password through (absolute `link`)."""
    send(
        member.email,
        "invitation",
        {
            "member": member,
            "link": link,
            "invited_by": invited_by,
            "company": member.organisation,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )
