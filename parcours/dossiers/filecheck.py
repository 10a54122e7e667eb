"""An uploaded file is what it claims to be: a PDF opens as a PDF (pypdf reads its pages), an
image decodes (Pillow), and no file carries HTML a browser could sniff and run (a polyglot:
`%PDF-` or a JPEG header followed by `<html><script>`). Used by every upload: signed papers,
provider sheets, drawn signatures."""

from __future__ import annotations

import io
import logging
import re
import warnings

# What a browser's sniffer looks for at the start of a file to treat it as HTML.
HTML_MARKERS = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta|a\s|img\s|style"
    rb"|title|\?xml)",
    re.I,
)
SNIFFED_BYTES = 1024
MAX_PIXELS = 50_000_000  # a 600 dpi A4 scan is ~35 Mpx; larger is a decompression bomb


class NotThatFormat(ValueError):
    """The content does not open as the format its first bytes announce (French message)."""


def _no_html(content: bytes) -> None:
    if HTML_MARKERS.search(content[:SNIFFED_BYTES]):
        raise NotThatFormat("le fichier contient du HTML : ce n'est pas un document valide")


def check_pdf(content: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    _no_html(content)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(content), strict=False)
            pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        pages = 0
    except Exception:  # pypdf on a broken file may raise anything: it is not a PDF
        pages = 0
    if pages < 1:
        raise NotThatFormat("le fichier ne s'ouvre pas comme un PDF (illisible ou sans page)")


def check_image(content: bytes, expected: str) -> None:
    """`expected`: "JPEG" or "PNG". The whole image is decoded, not only its header."""
    from PIL import Image

    _no_html(content)
    what = "une image JPEG" if expected == "JPEG" else "une image PNG"
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != expected:
                raise NotThatFormat(f"le fichier n'est pas {what}")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise NotThatFormat("l'image est trop grande (plus de 50 millions de pixels)")
            image.verify()
        with Image.open(io.BytesIO(content)) as image:
            image.load()
    except NotThatFormat:
        raise
    except Exception:  # Pillow raises many kinds on a broken file
        raise NotThatFormat(f"le fichier ne se lit pas comme {what}") from None


def check(content: bytes, content_type: str) -> None:
    if content_type == "application/pdf":
        check_pdf(content)
    elif content_type == "image/jpeg":
        check_image(content, "JPEG")
    elif content_type == "image/png":
        check_image(content, "PNG")
    else:
        raise NotThatFormat("type de fichier non accepté")
