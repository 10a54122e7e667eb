"""Template filters of « Financement »."""

from django import template

from parcours.domain import text

register = template.Library()


@register.filter
def euros(value):
    """1000 → « 1 000 € », 2240.5 → « 2 240,50 € » (French spacing); blank → « — »."""
    if value is None or value == "":
        return "—"
    return text.euros(float(value))
