"""Text in, text safe inside reportlab Paragraph markup or an XML attribute out.

Kept free of xml.sax.saxutils, which loads urllib and email on import and so slows every start.
"""

from __future__ import annotations


def escape(text: str) -> str:
    """&, < and > as entities: user text can never become Paragraph (or XML) markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote_attribute(text: str) -> str:
    """The text escaped and in double quotes, ready to stand as an attribute's value."""
    return '"' + escape(text).replace('"', "&quot;") + '"'
