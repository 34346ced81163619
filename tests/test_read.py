"""Readers: every format in by content, offsets and pages that point into the text as read,
and one InputError naming the file and the reason for every kind of bad input."""

from __future__ import annotations

import os
from pathlib import Path

import make_fixtures as fx
import pytest
from overleg.errors import InputError
from overleg.ingest.pipeline import process_bytes
from overleg.ingest.read import DOCX, read_bytes, read_path
from overleg.ontology.terms import DEFAULT_BASE_IRI

TEXT = "Verslag LOVP 10 april 2017\n\n1. Begroting\nDe minister zal het café “De Zon” bellen: € 5.\n"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")])
def test_text_encodings_are_detected(encoding: str, expected: str) -> None:
    document = read_bytes(TEXT.encode(encoding), "verslag.txt")
    assert document.text == TEXT
    assert document.encoding == expected
    assert not document.text.startswith("\ufeff")


def test_latin1_without_cp1252_characters_is_latin1() -> None:
    text = "Notulen: de heer Müller, café Ærø, 3 × 4 ½.\n"
    document = read_bytes(text.encode("latin-1"), "notulen.txt")
    assert (document.text, document.encoding) == (text, "latin-1")


def test_a_few_bad_bytes_in_utf8_are_replaced_with_a_warning() -> None:
    data = "Één vergadering, één besluit.\n".encode() * 20 + b"kapot \xff\xfe byte\n"
    document = read_bytes(data, "bijna.txt")
    assert "\ufffd" in document.text and "Één vergadering" in document.text
    assert any("not valid UTF-8" in w for w in document.warnings)


def test_noise_in_high_bytes_is_refused_not_stored_as_mojibake() -> None:
    data = bytes(range(0xA0, 0x100)) * 40
    with pytest.raises(InputError, match="cannot decode") as caught:
        read_bytes(data, "ruis.txt")
    assert caught.value.source == "ruis.txt"


def test_offsets_refer_to_text_as_read_with_crlf_and_bom() -> None:
    data = b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode()
    document = read_bytes(data, "crlf.txt")
    start = document.text.index("De minister zal")
    assert document.text[start:start + 15] == "De minister zal"
    assert "\r" not in document.text


def test_markdown_is_text() -> None:
    document = read_bytes(b"# Verslag\n\n- De minister zal bellen.\n", "v.md")
    assert document.media_type == "text/markdown"
    assert "De minister zal bellen." in document.text


def test_html_keeps_visible_text_only() -> None:
    markup = ("<!doctype html><html><head><title>T</title><style>p{color:red}</style></head>"
              "<body><script>var secret = 'SCRIPTTEXT';</script><h1>Verslag</h1>"
              "<p>De minister zal bellen.</p><div hidden>HIDDEN1</div>"
              "<p style='display: none'>HIDDEN2</p><!-- COMMENT -->"
              "<table><tr><td>Actie</td><td>Wie</td></tr><tr><td>Bellen</td><td>minister</td></tr>"
              "</table><noscript>NOSCRIPT</noscript></body></html>")
    document = read_bytes(markup.encode(), "verslag.html")
    assert document.media_type == "text/html"
    assert "De minister zal bellen." in document.text
    assert "Actie | Wie" in document.text and "Bellen | minister" in document.text
    for hidden in ("SCRIPTTEXT", "color:red", "HIDDEN1", "HIDDEN2", "COMMENT", "NOSCRIPT"):
        assert hidden not in document.text


def test_html_is_sniffed_without_extension() -> None:
    assert read_bytes(b"<!DOCTYPE html><p>Hallo daar</p>", "download").media_type == "text/html"


def test_pdf_pages_are_kept_and_point_into_the_text() -> None:
    document = read_bytes(fx.pdf_bytes([fx.MINUTES, fx.PAGE_TWO]), "verslag.pdf")
    assert [p.number for p in document.pages] == [1, 2]
    second = document.pages[1]
    assert document.text[second.start:second.end].startswith("3. Rondvraag")
    offset = document.text.index("korpschef zegt toe")
    assert document.page_at(offset) == 2
    assert document.page_at(document.text.index("stemt in met")) == 1


def test_pdf_evidence_cites_its_page() -> None:
    result = process_bytes(fx.pdf_bytes([fx.MINUTES, fx.PAGE_TWO]), "verslag.pdf", DEFAULT_BASE_IRI)
    text = result.document.text
    evidence = [s.statement.evidence for s in result.resolved.statements]
    assert evidence, "the PDF minutes should yield statements"
    for ev in evidence:
        assert text[ev.start:ev.end] == ev.quote
        assert ev.page == result.document.page_at(ev.start)
    assert 2 in {ev.page for ev in evidence}


def test_content_decides_over_extension() -> None:
    document = read_bytes(fx.pdf_bytes(["Inhoud van een PDF"]), "verkeerd.txt")
    assert document.media_type == "application/pdf"
    assert "Inhoud van een PDF" in document.text


def test_docx_table_rows_become_cell_lines_in_body_order() -> None:
    data = fx.docx_bytes(["Verslag LOVP 10 april 2017", "Toezeggingen:"],
                         [["Actie", "Wie", "Wanneer"], ["Rapport sturen", "minister", "1 juli"],
                          ["Brief aan\ngemeenten", "VNG", "mei"]], after=["Sluiting"])
    document = read_bytes(data, "toezeggingen.docx")
    assert document.media_type == DOCX
    lines = document.text.splitlines()
    assert lines[:5] == ["Verslag LOVP 10 april 2017", "Toezeggingen:", "Actie | Wie | Wanneer",
                         "Rapport sturen | minister | 1 juli", "Brief aan gemeenten | VNG | mei"]
    assert lines[-1] == "Sluiting"


def test_docx_merged_cells_appear_once() -> None:
    data = fx.docx_bytes(["Intro"], [["Toezeggingen", "", ""], ["Rapport", "minister", "juli"]],
                         merge_first_row=True)
    lines = read_bytes(data, "m.docx").text.splitlines()
    assert "Toezeggingen" in lines and "Rapport | minister | juli" in lines


def test_owner_password_only_pdf_is_readable() -> None:
    document = read_bytes(fx.pdf_bytes(["Alleen eigenaar"], owner_password="geheim"), "o.pdf")
    assert "Alleen eigenaar" in document.text


BAD_INPUTS = {
    "empty.txt": (lambda: b"", "empty"),
    "blank.txt": (lambda: b"  \n\n\t ", "empty"),
    "binary.txt": (lambda: bytes(range(256)) * 8, "binary"),
    "scan.pdf": (fx.image_only_pdf, "no text found"),
    "locked.pdf": (lambda: fx.pdf_bytes(["x"], owner_password="o", user_password="u"), "encrypted"),
    "half.pdf": (lambda: fx.truncated(fx.pdf_bytes([fx.MINUTES])), "truncated PDF"),
    "half.docx": (lambda: fx.truncated(fx.docx_bytes(["Een zin."])), "truncated DOCX"),
    "fake.pdf": (lambda: b"this is not a pdf at all", "not a valid PDF"),
    "archive.txt": (lambda: fx.truncated(b"PK\x03\x04" + bytes(100), 1.0), "ZIP archive"),
    "photo.jpg": (lambda: b"\xff\xd8\xff\xe0 JFIF", "unsupported file type '.jpg'"),
    "noise.txt": (lambda: bytes(range(0xA0, 0x100)) * 30, "cannot decode"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_names_the_file_and_the_reason(name: str, tmp_path: Path) -> None:
    make, reason = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.source == str(path)
    assert reason in caught.value.reason
    assert "\n" not in str(caught.value)


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 100 MB written to disk
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(InputError, match="100 MB, more than the") as caught:
        read_path(path)
    assert caught.value.source == str(path)


def test_size_limit_follows_the_argument(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("Een korte tekst.\n" * 100)
    with pytest.raises(InputError, match="limit"):
        read_path(path, max_bytes=1000)
    assert read_path(path, max_bytes=os.path.getsize(path)).text.startswith("Een korte")


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "weg.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_path(tmp_path)


def test_partly_scanned_pdf_warns_about_the_pages_without_text() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, fx.MINUTES)
    pdf.add_page()
    pdf.rect(10, 10, 40, 40)
    document = read_bytes(bytes(pdf.output()), "deels.pdf")
    assert any("page(s) 2 of 2 have no text layer" in w for w in document.warnings)
