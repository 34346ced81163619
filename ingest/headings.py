"""Agenda-item headings: inline (`Onderwerp: tekst`), numbered and line headings.

Also derives a heading for an unheaded paragraph ("Ten aanzien van X is
afgesproken ..." treats X), so each item has a label a reader recognises.
"""

from __future__ import annotations

import re

# "3. Veiligheidsagenda", "Agendapunt 3:", "Item 5 – Budget", "24/61 Chair's welcome" (a minute
# number: meeting/item), "Minute 24/61 ...".
_NUMBERED = re.compile(
    r"^(?P<lead>\s*)(?:(?P<word>agendapunt|punt|agenda item|item|minute|min\.)\s+)?"
    r"(?P<num>\d{2,4}/\d{1,4}|\d{1,2}(?:\.\d{1,2})?[a-z]?)"
    r"(?P<sep>[.):]|\s+[-–—](?=\s))?\s+"
    r"(?P<head>[A-ZÀ-Ýa-z][^\n]{1,150}?)\s*:?\s*(?:\n|$)", re.IGNORECASE)
_MONTH_START = re.compile(r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                          r"november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|"
                          r"february|march|may|june|july|october)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.?!]\s+[A-ZÀ-Ý]|[.?!]\s*$|\n\s*\n")
_LINE = re.compile(r"^(?P<lead>\s*)(?P<head>[A-ZÀ-Ý][^\n]{1,90}?)\s*\n(?=\s*\S)")
_FUNCTION_WORD_END = re.compile(r"\b(de|het|een|te|van|en|of|in|op|met|voor|aan|om|dat|die|bij|naar|"
                                r"over|door|the|a|an|of|and|to|for|with|that)\s*$", re.IGNORECASE)
_BULLET_LINE = re.compile(r"\n\s*(?:[-•*–]|\d{1,2}[.)]|\w\))\s")
# "Onderwerp: Mensenhandel": the word before the colon labels the heading after it.
_LABEL_HEADING = re.compile(r"^\s*(?:onderwerp|agendapunt|punt|subject|topic|item)\s*\d*[.:]?\s*:\s*"
                            r"(?P<head>[^\n]{2,120}?)\s*(?:\n|$)", re.IGNORECASE)
# "Burgemeester Oosterman: vindt dat ...": a speaker label, not an agenda topic.
_SPEAKER = re.compile(r"^(?:de heer|mevrouw|mevr\.?|dhr\.?|mw\.?|burgemeester|wethouder|minister|"
                      r"staatssecretaris|korpschef|politiechef|hoofdofficier|officier|voorzitter|"
                      r"teamchef|directeur|secretaris|gedeputeerde|commissaris|councillor|cllr|mr|mrs|ms|"
                      r"dr)\b", re.IGNORECASE)
_NOT_HEADING = re.compile(
    r"^(besluit|actie|action|resolved|afspraak|toezegging|conclusie|noot|nb|n\.b|"
    r"opmerking|note|agreed|decision|"
    # record fields and closing notes: "Status: loopt", "Volgend overleg: 9 februari"
    r"status|eigenaar|actiehouder|gereed|termijn|ambtelijk secretaris|notulist|"
    r"volgende? (?:overleg|vergadering|bijeenkomst))\b", re.IGNORECASE)
# "(gereed: 15 februari; status: open)": fields of a list row, never part of a heading.
_FIELD_IN_BRACKETS = re.compile(r"\((?:gereed|status|termijn|deadline|eigenaar|actiehouder|wie|"
                                r"due|owner)\s*:", re.IGNORECASE)
_TEN_AANZIEN = re.compile(
    r"^\s*(?:ten aanzien van|met betrekking tot|inzake|wat betreft|over|aangaande|"
    r"regarding|with regard to|on)\s+(?:de |het |the )?(?P<topic>[^,.]{3,120}?)"
    r"\s+(?:is|zijn|wordt|worden|heeft|hebben|was|were|has|have)\b", re.IGNORECASE)
_SUBJECT = re.compile(
    r"^\s*(?P<topic>[^,.:]{3,100}?)\s+(?:is|zijn|wordt|worden|werd|werden|was|were|has been|"
    r"have been)\s+(?:vastgesteld|goedgekeurd|aangenomen|besproken|behandeld|"
    r"aangehouden|adopted|approved|agreed|noted|deferred)\b", re.IGNORECASE)


def split_heading(paragraph: str) -> tuple[str, str | None, int, int, int, bool] | None:
    """(heading, number, heading start, heading end, body start, inline) or None."""
    numbered = _numbered(paragraph)
    if numbered is not None:
        return numbered
    inline = _inline_heading(paragraph)
    if inline is not None:
        return inline
    line = _LINE.match(paragraph)
    if line and _is_line_heading(line.group("head"), paragraph[line.end():]):
        head = line.group("head").strip()
        start = line.start("head")
        return head, None, start, start + len(head), line.end(), False
    return None


def _numbered(paragraph: str) -> tuple[str, str | None, int, int, int, bool] | None:
    """`3. Veiligheidsagenda` or `Agendapunt 3 Veiligheidsagenda: tekst` (cut at the colon)."""
    numbered = _NUMBERED.match(paragraph)
    if numbered is None or _MONTH_START.match(numbered.group("head")):
        return None  # "8 oktober 2018" is a date, not item 8
    if re.fullmatch(r"(?:19|20)\d\d/\d\d(?:\d\d)?", numbered.group("num")):
        return None  # "2024/25 budget" names a financial year, not minute 2024/25
    if not (numbered.group("sep") or numbered.group("word") or "/" in numbered.group("num")) and not re.match(
            r"\d{1,2}\s+[A-ZÀ-Ý]", paragraph.lstrip()):
        return None
    head = numbered.group("head")
    if _FIELD_IN_BRACKETS.search(head):
        return None  # "1. Gemeente X stelt ... op (gereed: 15 februari)" is an action row
    start = numbered.start("head")
    colon = head.find(": ")
    if colon > 0 and _plausible(head[:colon]):
        body = start + colon + 2
        return head[:colon].rstrip(), numbered.group("num"), start, start + colon, body, False
    if not _plausible(head):
        return None
    head = head.rstrip(" :")
    return head, numbered.group("num"), start, start + len(head), numbered.end(), False


def _is_line_heading(head: str, rest: str) -> bool:
    """A short line, not ending like wrapped prose, followed by a line that starts afresh."""
    following = rest.lstrip()[:1]
    if ":" in head and _NOT_HEADING.match(head):
        return False  # "Actie 25-12: Uitvraag ..." opens an action record
    return ("|" not in head and _plausible(head) and not head.rstrip().endswith((".", ",", ";"))
            and len(head.split()) <= 10 and not _FUNCTION_WORD_END.search(head)
            and (not following or following.isupper() or following.isdigit()
                 or following in "-•*–("))


def _inline_heading(paragraph: str) -> tuple[str, None, int, int, int, bool] | None:
    """`Onderwerp (toelichting): tekst`: a short phrase before the first colon."""
    colon = paragraph.find(":", 0, 170)
    if colon <= 0:
        return None
    raw = paragraph[:colon]
    label = _LABEL_HEADING.match(paragraph)
    if label is not None and _plausible(label.group("head")):
        head = label.group("head").strip()
        return head, None, label.start("head"), label.start("head") + len(head), label.end(), True
    if _BULLET_LINE.search(raw) or "\n" in raw.strip():
        return None  # an inline heading sits on one line ("Actielijst\n- Politie: ..." is a list)
    start = len(raw) - len(raw.lstrip())
    head = " ".join(raw.split())
    if (len(head) < 2 or not (head[0].isupper() or head[0].isdigit()) or _SENTENCE_END.search(raw)
            or not _plausible(head) or _NOT_HEADING.match(head) or _SPEAKER.match(head)):
        return None
    body = colon + 1
    while body < len(paragraph) and paragraph[body] in " \t":
        body += 1
    return head, None, start, len(raw.rstrip()), body, True


def _plausible(head: str) -> bool:
    words = head.split()
    if not words or len(words) > 16:
        return False
    lowered = head.lower()
    return not any(f" {verb} " in f" {lowered} " for verb in
                   ("heeft", "hebben", "zal", "zullen", "wordt", "worden", "is", "zijn",
                    "will", "has", "have", "was", "were"))


def derive_heading(paragraph: str) -> tuple[str, int, int]:
    """A heading for an unheaded paragraph, with its span inside the paragraph."""
    for pattern in (_TEN_AANZIEN, _SUBJECT):
        match = pattern.match(paragraph)
        if match:
            topic = " ".join(match.group("topic").split())
            return topic, match.start("topic"), match.end("topic")
    words = list(re.finditer(r"\S+", paragraph))[:6]
    if not words:
        return "(geen kop)", 0, 0
    end = words[-1].end()
    return " ".join(paragraph[words[0].start():end].split()).rstrip(".,:;"), words[0].start(), end
