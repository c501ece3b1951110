"""A PDF being written in, its XMP metadata out: an XMP packet that says what the Info dictionary says
(title, subject, author, keywords, creator tool, producer, its one date: SOURCE_DATE_EPOCH when set,
else a fixed day) plus the catalog's Lang.

The packet is made when the PDF is written, from the document's own Info, Lang and timestamp, so they
can never disagree; it is stored uncompressed, as XMP readers expect, and carries no padding, ids or
anything else that would differ between two runs.
"""

from __future__ import annotations

import datetime as dt

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream

from .markup import escape


def xmp_date(timestamp) -> str:
    """A reportlab TimeStamp as an XMP (ISO 8601) date with its offset, as the Info dates give it."""
    year, month, day, hour, minute, second = timestamp.YMDhms
    stamp = dt.datetime(year, month, day, hour, minute, second)
    offset = timestamp.dhh * 60 + (timestamp.dmm if timestamp.dhh >= 0 else -timestamp.dmm)
    zone = "Z" if offset == 0 else f"{'+' if offset > 0 else '-'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    return stamp.strftime("%Y-%m-%dT%H:%M:%S") + zone


def xmp_packet(info, tag: str, timestamp) -> bytes:
    """The XMP packet for a reportlab PDFInfo, the document's Lang tag and its timestamp."""
    date = xmp_date(timestamp)

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    fields = [
        "<dc:format>application/pdf</dc:format>",
        f"<dc:title>{alt(info.title)}</dc:title>",
        f"<dc:description>{alt(info.subject)}</dc:description>",
        f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>",
        f"<dc:language><rdf:Bag><rdf:li>{escape(tag)}</rdf:li></rdf:Bag></dc:language>",
        f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{date}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{date}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{date}</xmp:MetadataDate>",
        f"<pdf:Producer>{escape(info.producer)}</pdf:Producer>",
        f"<pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>",
    ]
    body = "\n".join(f"   {f}" for f in fields)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f"{body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    ).encode()


class XMPStream(PDFStream):
    """The document's XMP metadata stream, made from its Info, Lang and timestamp when it is written."""

    def __init__(self):
        super().__init__(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), b"")

    def format(self, document):
        tag = getattr(document.Catalog, "Lang", None)
        self.content = xmp_packet(document.info, tag.s if tag is not None else "", document._timeStamp)
        return super().format(document)


def add_metadata(doc) -> None:
    """Give a reportlab PDFDocument its XMP metadata stream."""
    doc.Catalog.Metadata = doc.Reference(XMPStream())  # numbered now: the Info stays near the file's end
