"""Template filters of « Financement »."""

from django import template

register = template.Library()


@register.filter
def euros(value):
    """1000 → « 1 000 € », 2240.5 → « 2 240,50 € » (French spacing); blank → « — »."""
    if value is None or value == "":
        return "—"
    amount = round(float(value), 2)
    whole = amount == int(amount)
    figure = f"{int(amount):,}" if whole else f"{amount:,.2f}".replace(".", "#")
    return figure.replace(",", "\u202f").replace("#", ",") + "\u00a0€"
