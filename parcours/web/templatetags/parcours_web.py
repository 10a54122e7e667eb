"""Template helpers: a form field with its label, help, errors and the findings about it."""

import datetime as dt

from django import forms, template
from django.utils.text import slugify

from parcours.domain import text
from parcours.web.findings import field_key
from parcours.web.forms import SIGNATORY_CHOICES

register = template.Library()


def _describedby(bf, findings) -> list[str]:
    ids = []
    if bf.help_text:
        ids.append(f"{bf.auto_id}-aide")
    if bf.errors:
        ids.append(f"{bf.auto_id}-erreurs")
    if findings:
        ids.append(f"{bf.auto_id}-constats")
    return ids


@register.inclusion_tag("web/includes/field.html")
def field(bf, index=None, live=None):
    """Render `bf` accessibly; `index` is a FindingIndex; `live` an htmx check URL."""
    findings = index.at(bf.html_name) if index is not None else []
    attrs = {}
    ids = _describedby(bf, findings)
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if bf.errors or any(f.severity == "bloquant" for f in findings):
        attrs["aria-invalid"] = "true"
    if live:
        attrs.update(
            {
                "hx-post": live,
                "hx-trigger": "input changed delay:400ms",
                "hx-target": f"#{bf.auto_id}-live",
                "hx-swap": "innerHTML",
                "hx-vals": '{"_live": "1"}',
                "hx-sync": "closest form:replace",
            }
        )
    checkbox = isinstance(bf.field.widget, forms.CheckboxInput)
    multi = isinstance(bf.field.widget, forms.CheckboxSelectMultiple)
    return {
        "bf": bf,
        "widget": bf.as_widget(attrs=attrs),
        "findings": findings,
        "checkbox": checkbox,
        "multi": multi,
        "live": live,
    }


@register.filter
def hours(value):
    return text.hours(value or 0)


@register.filter
def num(value):
    return text.number(value or 0, 1)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def is_section(path):
    """A finding about a whole section (`modules`), shown in the step's summary only."""
    return "-" not in field_key(path)


@register.filter
def anchor(path):
    """The id of the field (or row) a finding's path designates, to jump to it."""
    key = field_key(path)
    return f"id_{key}" if key.count("-") >= 2 or not key.split("-")[-1].isdigit() else key


@register.filter
def slug(value):
    return slugify(str(value))


SIGNATORY_LABELS = dict(SIGNATORY_CHOICES)


@register.filter
def signatories(codes):
    """["company", "facilitator"] -> "L'entreprise, le tiers facilitateur"."""
    labels = [SIGNATORY_LABELS.get(c, c) for c in codes or []]
    joined = ", ".join(label[:1].lower() + label[1:] for label in labels)
    return joined[:1].upper() + joined[1:]


@register.filter
def iso_date(value):
    """A date of the dossier's document ("2026-12-01") as people read it: 01/12/2026."""
    try:
        return text.date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return value


@register.filter
def where(path, document=None):
    """What a finding's or a change's path designates, in French words (never the path)."""
    from parcours.domain.wording import where as words

    return words(path, document if isinstance(document, dict) else None)


@register.simple_tag(takes_context=True)
def finding_where(context, finding):
    """« Concerne : » the thing a finding is about, linked to its field when a step edits it."""
    from django.urls import reverse
    from django.utils.html import format_html

    from parcours.domain.wording import where as words
    from parcours.web.findings import step_of

    doc, row = context.get("doc"), context.get("row")
    label = words(finding.path, doc if isinstance(doc, dict) else None)
    slug = step_of(finding.path or "")
    if row is None or slug is None:
        return format_html('<span class="where">Concerne : {}</span>', label)
    url = reverse("web:step", args=[row.pk, slug]) + "#" + anchor(finding.path)
    return format_html('<span class="where">Concerne : <a href="{}">{}</a></span>', url, label)


@register.filter
def plain(value):
    """A stored value in words for the history: « oui », « — », 12/03/2027, a row's name."""
    from parcours.domain.wording import value as words

    return words(value)


@register.inclusion_tag("web/includes/stepper.html")
def guide_stepper(row, current):
    """« Étape x sur 6 » of the guide, with the pages of that step."""
    from parcours.web.guide import stepper

    return {"stepper": stepper(row, current) if row is not None else None}
