"""Long work run by the task queue (django-tasks: the database backend by default, a
worker `manage.py db_worker`; the immediate backend in tests)."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(to: list[str], subject: str, body: str, html: str = "") -> int:
    """One e-mail (text, and HTML when given) through Django's e-mail backend; returns the
    number of messages sent (1)."""
    message = EmailMultiAlternatives(subject, body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
