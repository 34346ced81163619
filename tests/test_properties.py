"""Property tests: arbitrary bytes and text raise nothing but the project's own errors.

Readers get arbitrary bytes under every supported (and an unsupported) name,
and damaged copies of real PDFs and DOCX files; the segmenter gets arbitrary
text. Whatever they return must keep the reader's contract (offsets into the
text as read, pages inside the text).
"""

from __future__ import annotations

import contextlib

import make_fixtures as fx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from overleg.errors import InputError
from overleg.ingest.read import decode_text, read_bytes
from overleg.ingest.read_formats import html_to_text
from overleg.ingest.records import Document
from overleg.ingest.segment import segment

NAMES = ["m.txt", "m.md", "m.html", "m.pdf", "m.docx", "m.xyz", "noextension"]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PDF = fx.pdf_bytes([fx.MINUTES, fx.PAGE_TWO])
DOCX = fx.docx_bytes(fx.MINUTES.splitlines(), [["Actie", "Wie"], ["Bellen", "minister"]])


def check_document(document: Document) -> None:
    assert document.text.strip()
    for page in document.pages:
        assert 0 <= page.start <= page.end <= len(document.text)


def read_or_input_error(data: bytes, name: str) -> None:
    try:
        check_document(read_bytes(data, name))
    except InputError as exc:
        assert exc.source == name and exc.reason


@FAST
@given(st.binary(max_size=4096), st.sampled_from(NAMES))
def test_arbitrary_bytes_give_a_document_or_an_input_error(data: bytes, name: str) -> None:
    read_or_input_error(data, name)


@FAST
@given(st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe",
                        b"<!doctype html>", b""]), st.binary(max_size=2048), st.sampled_from(NAMES))
def test_magic_prefixes_with_garbage_behind_them(prefix: bytes, rest: bytes, name: str) -> None:
    read_or_input_error(prefix + rest, name)


def _mutations(original: bytes):
    positions = st.integers(min_value=0, max_value=len(original) - 1)
    flips = st.lists(st.tuples(positions, st.integers(0, 255)), min_size=1, max_size=8)
    cut = st.one_of(st.just(len(original)), st.integers(min_value=1, max_value=len(original)))
    return st.tuples(flips, cut)


def _mutate(original: bytes, flips: list[tuple[int, int]], cut: int) -> bytes:
    data = bytearray(original)
    for position, value in flips:
        data[position] = value
    return bytes(data[:cut])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations(PDF))
def test_damaged_pdfs_give_a_document_or_an_input_error(mutation) -> None:
    read_or_input_error(_mutate(PDF, *mutation), "damaged.pdf")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations(DOCX))
def test_damaged_docx_give_a_document_or_an_input_error(mutation) -> None:
    read_or_input_error(_mutate(DOCX, *mutation), "damaged.docx")


@FAST
@given(st.binary(max_size=2048))
def test_decoding_returns_text_or_an_input_error(data: bytes) -> None:
    try:
        text, encoding, warnings = decode_text("x.txt", data)
    except InputError:
        return
    assert isinstance(text, str) and encoding and isinstance(warnings, tuple)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(
    ["<p>", "</p>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE x [",
     "]>", "&amp;", "&#x0;", "&#99999999;", "<td>", "<style>", "<div hidden>", "tekst", "<"]),
    max_size=30).map("".join)))
def test_html_of_any_text_is_text(markup: str) -> None:
    with contextlib.suppress(InputError):
        assert isinstance(html_to_text("x.html", markup), str)


minutes_like = st.lists(st.one_of(
    st.text(max_size=80),
    st.sampled_from(["1. Opening", "2. Begroting", "Verslag LOVP 10 april 2017", "", "\n", "\f",
                     "Aanwezig: burgemeester", "De minister zal voor 1 juli bellen.", "Actie | Wie",
                     "Pagina 3 van 7", "onvol-", "ledig", "Rondvraag", "Sluiting", "- 2 -"])),
    max_size=40).map("\n".join)


@FAST
@given(st.one_of(st.text(max_size=3000), minutes_like))
def test_segmenter_accepts_any_text(text: str) -> None:
    document = Document(source="x.txt", text=text, media_type="text/plain", sha256="0" * 64,
                        size=len(text))
    segmented = segment(document)
    for item in segmented.items:
        assert 0 <= item.heading_span.start <= item.span.end <= len(text)
    assert len(segmented.clean_offsets) == len(segmented.clean)
