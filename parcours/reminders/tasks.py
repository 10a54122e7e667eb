"""Long work run by the task queue (django-tasks: the database backend by default, a
worker `manage.py db_worker`; the immediate backend in tests)."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives, get_connection
from django_tasks import task


@task()
def send_email(to: list[str], subject: str, body: str, html: str = "") -> int:
    """One e-mail (text, and HTML when given) through Django's e-mail backend; returns the
    number of messages sent (1)."""
    message = EmailMultiAlternatives(subject, body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


@task()
def send_emails(messages: list[dict]) -> int:
    """Several e-mails ({to, subject, body, html}) through one connection (the reminders of
    a run go by batches); returns how many were sent."""
    with get_connection() as connection:
        built = []
        for m in messages:
            message = EmailMultiAlternatives(
                m["subject"], m["body"], to=m["to"], connection=connection
            )
            if m.get("html"):
                message.attach_alternative(m["html"], "text/html")
            built.append(message)
        return connection.send_messages(built) or 0
