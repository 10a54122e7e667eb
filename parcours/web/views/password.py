"""« Mot de passe oublié ? »: Django's password reset, in French, its e-mail sent by the
task queue. The link leads to the same one-time page as an invitation
(`web:set_password`). Only an account with a password (and an e-mail address) gets one: a
member still waiting for their first password asks their company for a new invitation."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse_lazy

from parcours.reminders import mail


class ResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["email"].label = "Adresse e-mail de votre compte"

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):  # fmt: skip
        context = {**context, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
        mail.send(to_email, "password_reset", context)


class ForgotPassword(auth_views.PasswordResetView):
    template_name = "web/password/forgot.html"
    form_class = ResetForm
    success_url = reverse_lazy("web:password_reset_done")


class ForgotPasswordDone(auth_views.PasswordResetDoneView):
    template_name = "web/password/forgot_done.html"
