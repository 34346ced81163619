"""Text out of HTML, PDF and DOCX, as a person would read it.

Kept apart from read.py so the heavy parsers load only when a file needs them.
"""

from __future__ import annotations

import io
import re

from ..errors import InputError
from .records import Page

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
               "table", "section", "article", "ul", "ol", "blockquote", "pre"}


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: scripts, styles and comments dropped."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(markup, "html.parser")
    for node in soup(["script", "style", "noscript", "template", "head"]):
        node.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for cell in soup.find_all(["td", "th"]):
        cell.append(" | ")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.append("\n")
    text = soup.get_text()
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def pdf_to_text(source: str, data: bytes) -> tuple[str, tuple[Page, ...]]:
    """Text of every page, pages joined by a blank line, page ranges kept."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise InputError(source, "PDF is encrypted with a password")
            except NotImplementedError as exc:
                raise InputError(source, f"PDF is encrypted ({exc})") from exc
        parts: list[str] = []
        pages: list[Page] = []
        offset = 0
        for number, page in enumerate(reader.pages, start=1):
            text = (page.extract_text() or "").replace("\r\n", "\n")
            pages.append(Page(number, offset, offset + len(text)))
            parts.append(text)
            offset += len(text) + 2
        return "\n\n".join(parts), tuple(pages)
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise InputError(source, f"damaged or truncated PDF ({type(exc).__name__}: {exc})") from exc


def docx_to_text(source: str, data: bytes) -> str:
    """Paragraphs and tables of a Word document in body order; table cells joined by ' | '."""
    import zipfile

    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(source, f"damaged or truncated DOCX ({type(exc).__name__})") from exc
    except Exception as exc:  # lxml raises its own XMLSyntaxError family
        raise InputError(source, f"damaged DOCX ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = [cell.text.strip().replace("\n", " ") for cell in row.cells]
                lines.append(" | ".join(cells))
            lines.append("")
    return "\n".join(lines).strip() + "\n"
