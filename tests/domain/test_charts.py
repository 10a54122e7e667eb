"""The progress chart: an SVG drawn offline (text kept as text, nothing fetched), the same
bytes for the same dossier, ready to sit inline in a page with its text alternative."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from parcours.domain.charts import competence_chart, data_uri, inline_svg, legend_svg
from parcours.domain.loading import parse_dossier
from parcours.domain.progress import progress
from tests.domain.test_progress import followed


def _c1(data):
    return progress(parse_dossier(followed(data)))[0]


def test_a_chart_is_an_svg_with_the_dates_and_levels_as_text(valid_dossier_data):
    svg = competence_chart(_c1(valid_dossier_data))
    root = ET.fromstring(svg.encode())
    assert root.tag.endswith("svg")
    assert "juin 27" in svg and "niveau" in svg
    # no font embedded, no address to fetch anything from
    assert "<path" in svg and "@font-face" not in svg
    assert not re.search(r'(?:href|src)="(?:https?:)?//', svg)


def test_the_same_dossier_gives_the_same_bytes(valid_dossier_data):
    cp = _c1(valid_dossier_data)
    assert competence_chart(cp) == competence_chart(cp)


def test_a_competence_without_any_level_still_draws(valid_dossier_data):
    valid_dossier_data["positioning"] = None
    cp = progress(parse_dossier(valid_dossier_data))[0]
    assert cp.points == ()
    ET.fromstring(competence_chart(cp).encode())


def test_inline_svg_is_an_image_named_by_its_text_alternative(valid_dossier_data):
    html = inline_svg(competence_chart(_c1(valid_dossier_data)), labelled_by="alt-C1")
    assert html.startswith("<svg") and "<?xml" not in html and "DOCTYPE" not in html
    head = html[: html.index(">")]
    assert 'role="img"' in head and 'aria-labelledby="alt-C1"' in head
    assert 'width="100%"' in head and "viewBox" in head and 'pt"' not in head


def test_the_legend_names_every_mark_and_the_data_uri_round_trips(valid_dossier_data):
    legend = legend_svg()
    for words in ("Auto-positionnement", "Bilan final", "Attendu à la date", "Niveau attendu"):
        assert words in legend
    assert data_uri("<svg/>").startswith("data:image/svg+xml;base64,")
