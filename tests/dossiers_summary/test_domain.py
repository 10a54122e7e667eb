"""The pure summary of a dossier (`parcours.domain.summary`) on the shared examples."""

import datetime as dt
import json

import pytest

from parcours.domain.loading import parse_dossier
from parcours.domain.rules import check
from parcours.domain.summary import (
    AGE_BAND_LABELS,
    AGE_BANDS,
    age_band,
    age_on,
    competences_acquired,
    display_name,
    normalise,
    summarize,
)
from tests.conftest import EXAMPLES

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


def load(name: str, **changes):
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    data.update(changes)
    return parse_dossier(data)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_counts_are_the_engines_findings_of_each_example(name):
    found = summarize(load(name))
    severities = [severity for _, severity in EXPECTED[name]]
    assert found.bloquant_count == severities.count("bloquant")
    assert found.alerte_count == severities.count("alerte")


def test_the_valid_example_summarised():
    d = load("gestionnaire-paie-valide")
    s = summarize(d)
    assert s.learner_name == "EXEMPLE Nadia"
    assert s.company_name == d.company.name
    # Born 1985-09-12, the contract starts 2027-01-04: 41 years old.
    assert (s.learner_age, s.age_band) == (41, "30-44")
    assert s.job_seeker is True and s.benefits == ""
    assert (s.start_date, s.end_date) == (dt.date(2027, 1, 4), dt.date(2028, 1, 3))
    assert s.duration_months == 12.0
    assert (s.training_hours, s.afest_hours, s.support_hours) == (210.0, 70.0, 98.0)
    assert s.total_hours == s.training_hours + s.support_hours == 308.0
    # 308 h of 12 months at 35 h a week (1 820 h): 16.92 %, inside the 15–25 % band.
    assert s.training_share == 16.92
    assert s.competences_targeted == 7 and s.competences_acquired == 0


def test_the_search_text_holds_every_searchable_word_without_case_nor_accent():
    d = load("gestionnaire-paie-valide", reference="OPCO-2027-Éé42")
    s = summarize(d)
    assert s.search_text == normalise(s.search_text)
    for word in ("nadia", "exemple", d.company.siret, "opco-2027-ee42", "gestionnaire de paie"):
        assert word in s.search_text
    assert normalise("  Émilie   DUPONT ") == "emilie dupont"
    assert normalise(None) == ""


def test_the_renamed_company_wins_over_the_documents_name():
    s = summarize(load("gestionnaire-paie-valide"), company_name="Nouveau Nom Comptable")
    assert s.company_name == "Nouveau Nom Comptable"
    assert "nouveau nom comptable" in s.search_text
    assert "cabinet exemple" not in s.search_text


def test_benefits_are_sorted_codes():
    data = json.loads((EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8"))
    data["learner"]["benefits"] = ["rsa", "aah"]
    assert summarize(parse_dossier(data)).benefits == "aah,rsa"


def test_a_dossier_without_learner_has_no_name_age_nor_band():
    s = summarize(load("gestionnaire-paie-valide", learner=None))
    assert (s.learner_name, s.learner_age, s.age_band, s.job_seeker) == ("", None, "", None)
    assert "nadia" not in s.search_text


def test_a_learner_born_after_the_start_has_no_age():
    data = json.loads((EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8"))
    data["learner"]["birth_date"] = "2030-01-01"
    s = summarize(parse_dossier(data))
    assert (s.learner_age, s.age_band) == (None, "")


@pytest.mark.parametrize(
    ("age", "band"),
    [(16, "lt21"), (20, "lt21"), (21, "21-25"), (25, "21-25"), (26, "26-29"), (29, "26-29"),
     (30, "30-44"), (44, "30-44"), (45, "45+"), (67, "45+"), (None, "")],
)  # fmt: skip
def test_age_bands_bounds(age, band):
    assert age_band(age) == band


def test_every_band_has_a_french_label():
    assert set(AGE_BAND_LABELS) == set(AGE_BANDS)
    assert AGE_BAND_LABELS["45+"] == "45 ans et plus"


def test_age_counts_whole_years_on_the_day():
    birth = dt.date(2001, 3, 15)
    assert age_on(birth, dt.date(2027, 3, 14)) == 25
    assert age_on(birth, dt.date(2027, 3, 15)) == 26
    assert age_on(dt.date(2004, 2, 29), dt.date(2027, 2, 28)) == 22
    assert age_on(dt.date(2004, 2, 29), dt.date(2027, 3, 1)) == 23


def test_display_name():
    assert display_name("Léa", "da Silva") == "DA SILVA Léa"
    assert display_name("", "Martin") == "MARTIN"


def _scores(levels):
    return [{"competence": c, "level": v} for c, v in levels.items()]


def test_acquired_competences_come_from_the_attestation_first():
    data = json.loads((EXAMPLES / "gestionnaire-paie-valide.json").read_text(encoding="utf-8"))
    targets = {c["id"]: c["level"] for c in data["competences"]}
    first, second, *others = targets
    # The last held review says both of the first two are reached…
    data["reviews"][0].update(held_date="2027-02-25", scores=_scores(dict.fromkeys(targets, 4)))
    assert competences_acquired(parse_dossier(data)) == len(targets)
    # …an earlier held review does not count once a later one is held.
    data["reviews"][1].update(held_date="2027-06-24", scores=_scores({first: targets[first]}))
    assert competences_acquired(parse_dossier(data)) == 1
    # The attestation, when there is one, is what counts: one level below target on `second`.
    data["attestation"] = {
        "date": "2028-01-03",
        "competences": _scores({first: 4, second: targets[second] - 1, others[0]: 4}),
    }
    assert competences_acquired(parse_dossier(data)) == 2


def test_a_report_given_is_not_checked_again():
    """The caller's report is used as is (the actions reuse the engine's work)."""
    d = load("gestionnaire-paie-valide")
    report = check(load("volume-insuffisant"))
    assert summarize(d, report).bloquant_count == 2
    assert summarize(d).bloquant_count == 0
