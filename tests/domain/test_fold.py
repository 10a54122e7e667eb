"""`text.fold` (the costliest step of a check, made one pass with str.translate) folds as
NFKD without combining marks, lower case, plain apostrophes and collapsed spaces."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from parcours.domain.text import fold


def reference(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u02bc", "'"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def test_fold_removes_accents_case_apostrophes_and_extra_spaces():
    assert fold("  Être   capable d\u2019ÉTABLIR\u00a0la paie ﬁnale ") == (
        "etre capable d'etablir la paie finale"
    )


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_fold_is_the_nfkd_fold_for_any_text(text):
    assert fold(text) == reference(text)


@given(st.text(alphabet="aàâäeéèêëiîïoôöuùûüçœæAÉÈÇŒ ’ʼ'-,.\u00a0\u202f", max_size=80))
def test_fold_is_the_nfkd_fold_for_french_text(text):
    assert fold(text) == reference(text)
