"""French typography for every text a paper prints, applied once to the whole built paper.

- a no-break space before « : » and « % », a narrow no-break space before « ; ! ? »
  (the punctuation never starts a line); times (10:30) and addresses (https://) untouched;
- amounts: « 1 500 € » keeps its digits together (narrow no-break space for thousands) and
  its sign on the same line (no-break space before €);
- guillemets hold their text with no-break spaces: « comme ceci »;
- typographic apostrophes (l’entreprise), never the typewriter one between letters.

Dates are written by `parcours.domain.text.date` (dd/mm/yyyy), the French numeric form.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache, singledispatch

from parcours.domain.documents import blocks

NBSP, NNBSP = "\u00a0", "\u202f"
_SPACES = f"[ {NBSP}{NNBSP}]"
# The punctuation closes a word (end of text, a space or a closing sign after it): « 10:30 »
# and « https:// » are left as they are.
_HIGH = re.compile(rf"(?<=[^\s]){_SPACES}?([:;!?])(?=$|[\s»)\]])")
_PERCENT = re.compile(rf"(?<=\d){_SPACES}?%")
_AMOUNT = re.compile(rf"(?<!\d)(\d{{1,3}}(?:{_SPACES}\d{{3}})+|\d+)(,\d+)?{_SPACES}?€")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_OPEN = re.compile(rf"«{_SPACES}?")
_CLOSE = re.compile(rf"{_SPACES}?»")


def _amount(match: re.Match) -> str:
    digits = re.sub(_SPACES, NNBSP, match.group(1))
    return f"{digits}{match.group(2) or ''}{NBSP}€"


_ANY = re.compile(r"[':;!?%€«»]")


@lru_cache(maxsize=16_384)
def french(value: str) -> str:
    """One text in French typography (idempotent: applying it twice changes nothing).
    Cached: the same labels and sentences come back in every paper of a dossier."""
    if not _ANY.search(value):
        return value
    value = _APOSTROPHE.sub("\u2019", value)
    value = _AMOUNT.sub(_amount, value)
    value = _PERCENT.sub(f"{NBSP}%", value)
    value = _HIGH.sub(lambda m: (NBSP if m.group(1) == ":" else NNBSP) + m.group(1), value)
    value = _OPEN.sub(f"«{NBSP}", value)
    return _CLOSE.sub(f"{NBSP}»", value)


def _text(value):
    if isinstance(value, str):
        return french(value)
    if isinstance(value, blocks.Filled):
        return blocks.Filled(french(value.text))
    if isinstance(value, tuple):
        return tuple(_text(v) for v in value)
    return value


@singledispatch
def _block(block):
    """A block: every text field set in French typography (drawings and flags untouched)."""
    if not dataclasses.is_dataclass(block):
        return block
    changes = {
        f.name: _text(getattr(block, f.name))
        for f in dataclasses.fields(block)
        if isinstance(getattr(block, f.name), str | tuple | blocks.Filled)
    }
    return dataclasses.replace(block, **changes)


@_block.register
def _chart(block: blocks.Chart):
    return dataclasses.replace(block, alt=french(block.alt), caption=french(block.caption))


def typeset(paper: blocks.Paper) -> blocks.Paper:
    """The paper with every text in French typography."""
    return dataclasses.replace(
        paper,
        title=french(paper.title),
        subtitle=french(paper.subtitle),
        header=french(paper.header),
        blocks=tuple(_block(b) for b in paper.blocks),
    )
