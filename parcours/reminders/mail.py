"""French e-mails: each is three templates (`reminders/email/<name>_subject.txt`, `.txt`,
`.html`) rendered here and sent through the task queue (`tasks.send_email`), never from
the request that asks for it. The reminders, sent by thousands in one run, are written
here directly (`reminder_message`), with the same look as the templates' base."""

from __future__ import annotations

from html import escape

from django.conf import settings
from django.template.loader import render_to_string

from parcours.reminders.tasks import send_email, send_emails


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


def queue_batch(messages: list[dict]) -> None:
    """Queue several e-mails ({to: [address], subject, body, html}) as one task."""
    if messages:
        send_emails.enqueue(messages=messages)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


LINK = "color:#1b4f9c"
HTML_HEAD = (
    '<!doctype html>\n<html lang="fr">\n<head><meta charset="utf-8"><meta name="viewport" '
    'content="width=device-width, initial-scale=1"><title>Vos rappels parcours</title></head>\n'
    '<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;'
    'color:#1d1d1f;font-size:16px;line-height:1.5">\n<div style="max-width:600px;margin:0 auto;'
    'padding:24px 16px">\n<div style="background:#ffffff;border-radius:6px;padding:24px">\n'
)
HTML_FOOT = (
    '</div>\n<p style="font-size:13px;color:#55595f;margin-top:16px">Ce courriel vous est '
    "envoyé par parcours, l'application de suivi des contrats de professionnalisation "
    "expérimentaux. Merci de ne pas y répondre.</p>\n</div>\n</body>\n</html>\n"
)
ONCE = (
    "Vous ne recevez qu'un seul rappel par élément ; il disparaît de votre liste dès qu'il "
    "est fait."
)


def reminder_message(user, entries, home: str) -> tuple[str, str, str]:
    """(subject, text, html) of one person's reminders: `entries` are (entry, absolute url)
    pairs (`parcours.reminders.lists.Entry`), late ones first."""
    n, late = len(entries), sum(1 for e, _ in entries if e.late)
    subject = f"parcours : {_plural(n, 'chose')} à faire"
    if late:
        subject += ", en retard" if late == n else f", dont {late} en retard"
    name = user.first_name or user.username
    text = [f"Bonjour {name},", "", "Voici ce qui vous attend sur parcours :", ""]
    html = [HTML_HEAD, '<h1 style="font-size:22px;margin:0 0 16px">Ce qui vous attend</h1>\n',
            f"<p>Bonjour {escape(name)},</p>\n", '<ul style="padding-left:20px">\n']  # fmt: skip
    for entry, url in entries:
        detail = f" ({entry.detail})" if entry.detail else ""
        where = f" — dossier {entry.dossier_label}" if entry.dossier_label else ""
        text += [f"- {entry.title}{detail}", f"  {entry.when}{where}", f"  {url}", ""]
        when_style = "color:#a01d1d;font-weight:bold" if entry.late else "color:#3d4248"
        html.append(
            f'<li style="margin-bottom:12px"><a href="{escape(url)}" style="{LINK}">'
            f"{escape(entry.title)}</a>{escape(detail)}<br>"
            f'<span style="font-size:14px;{when_style}">{escape(entry.when)}</span>'
            f'<span style="font-size:14px;color:#3d4248">{escape(where)}</span></li>\n'
        )
    text += [f"Toute votre liste, à jour, est sur votre page d'accueil : {home}", "", ONCE, ""]
    html += [
        "</ul>\n",
        f'<p><a href="{escape(home)}" style="{LINK}">Toute votre liste, à jour, sur votre page '
        "d'accueil</a></p>\n",
        f'<p style="font-size:14px">{escape(ONCE)}</p>\n',
        HTML_FOOT,
    ]
    return subject, "\n".join(text), "".join(html)
