"""Reading the pages the tests get back."""

import html


def text(response) -> str:
    """The page as people read it (HTML entities decoded)."""
    return html.unescape(response.content.decode())
