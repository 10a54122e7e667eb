from django.db import models


class Role(models.TextChoices):
    """The six parties of SPEC.md; the value is what the code tests, the label what people read."""

    COMPANY_ADMIN = "company_admin", "Dirigeant / RH"
    TUTOR = "tutor", "Tuteur"
    TRAINER = "trainer", "Formateur interne"
    LEARNER = "learner", "Salarié apprenant"
    FACILITATOR = "facilitator", "Tiers facilitateur"
    OPCO_STAFF = "opco_staff", "Conseiller OPCO"
