"""Binary test inputs made on the fly: PDFs (fpdf2), DOCX (python-docx), damaged copies.

Generated rather than committed so each test shows what its input holds.
Imported by the reader, batch, crash and security tests (not a conftest).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

MINUTES = """Verslag LOVP 10 april 2017

Aanwezig: burgemeester Aboutaleb (voorzitter), minister van Veiligheid en Justitie, korpschef politie.

1. Opening
De voorzitter opent de vergadering.

2. Politiebudget
De burgemeesters hebben aangegeven dat het budget onvoldoende is.
De minister zal voor 1 juli een voorstel sturen.
Het LOVP stemt in met het plan van aanpak.
"""

PAGE_TWO = """3. Rondvraag
De korpschef zegt toe het rapport voor eind mei te sturen.
"""


def pdf_bytes(pages: list[str], *, owner_password: str | None = None,
              user_password: str | None = None) -> bytes:
    """A text PDF, one string per page (latin-1 text, core font)."""
    from fpdf import FPDF

    pdf = FPDF()
    if owner_password is not None:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password or "")
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A scanned-looking PDF: an image and shapes, no text layer."""
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("RGB", (120, 80), (200, 200, 200))
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=120)
    pdf.rect(20, 120, 50, 30)
    return bytes(pdf.output())


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None,
               after: list[str] | None = None, merge_first_row: bool = False) -> bytes:
    """A Word document: paragraphs, then an optional table, then more paragraphs."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        if merge_first_row:
            grid.cell(0, 0).merge(grid.cell(0, len(table[0]) - 1))
            grid.cell(0, 0).text = table[0][0]
    for text in after or []:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_with_entity(secret_path: Path) -> bytes:
    """A DOCX whose document.xml declares an external entity pointing at a local file."""
    source = docx_bytes(["ENTITY_HERE"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                head, rest = text.split("?>", 1)
                doctype = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret_path.as_uri()}">]>')
                data = (head + "?>" + doctype + rest.replace("ENTITY_HERE", "&xxe;")).encode()
            zout.writestr(item, data)
    return out.getvalue()


def truncated(data: bytes, fraction: float = 0.5) -> bytes:
    return data[: max(1, int(len(data) * fraction))]


def variants(count: int, folder: Path, text: str = MINUTES) -> list[Path]:
    """`count` distinct minutes files (a numbered reference line each), written to `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"minutes-{n:03d}.txt"
        path.write_text(text + f"\nKenmerk: 2017-{n:04d}\nDe minister zal document {n} "
                               "voor 1 september sturen.\n", encoding="utf-8")
        paths.append(path)
    return paths
