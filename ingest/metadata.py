"""Meeting metadata: body (name and acronym), date, and kind of document.

The body is looked up among reference organisations first, then taken from
a body-like phrase in the title (`Regionaal Veiligheidsoverleg Oost-Brabant
(RVO)`, `Conceptverslag bestuurlijk overleg cameratoezicht`); the date is
the first full date in the opening that is not a sending or printing date
(`d.d. 10 april 2017`, `Datum: 02-10-2019`); the kind is the earliest
document-kind word in the opening, normalised (`Besluiten- en actielijst`
is a besluitenlijst).
"""

from __future__ import annotations

import re

from ..ontology.reference import Gazetteer, load_gazetteer
from .dates import FoundDate, find_dates
from .gazetteer_cache import per_gazetteer
from .prefilter import caseless_fold, caseless_literals
from .records import MeetingInfo
from .regex_trie import lowered_twin

# (pattern, normalised kind): the earliest match in the opening wins.
KIND_PATTERNS = tuple((re.compile(p, re.IGNORECASE), kind) for p, kind in (
    (r"\bbestuurlijke terugkoppeling\b", "bestuurlijke terugkoppeling"),
    (r"\bbesluiten(?:lijst|-? en actielijst)\b|\bactie-? en besluitenlijst\b", "besluitenlijst"),
    (r"\bconcept[- ]?verslag\b", "conceptverslag"),
    (r"\bconcept[- ]?notulen\b", "conceptverslag"),
    (r"\bterugkoppeling\b", "terugkoppeling"),
    (r"\bactielijst\b", "actielijst"),
    (r"\bverslag\b", "verslag"),
    (r"\bnotulen\b", "notulen"),
    (r"\bsamenvatting\b", "samenvatting"),
    (r"\bdecision notice\b", "decision notice"),
    (r"\baction notes\b", "action notes"),
    (r"\bsummary of decisions\b", "summary of decisions"),
    (r"\bminutes\b", "minutes"),
))
KINDS = tuple(dict.fromkeys(kind for _, kind in KIND_PATTERNS))
_KIND_WORDS = tuple(caseless_literals(pattern.pattern) for pattern, _ in KIND_PATTERNS)
# The same patterns for lower-cased ASCII text (see regex_trie.lowered_twin).
_LOWER_KINDS = tuple(lowered_twin(pattern) or pattern for pattern, _ in KIND_PATTERNS)
_BODY_HEAD = (r"(?:[A-Z][\w'’&-]*)?(?:Overleg|overleg|Beraad|beraad|Raad|raad|Commissie|commissie|"
              r"Panel|Council|Board|Committee|Cabinet|Authority|Partnership|Vergadering|Driehoek|"
              r"driehoek|Stuurgroep|stuurgroep|Platform)\b")
# A capitalised run may hold "and"/"en": "Police and Crime Panel", "Audit and Governance Committee".
_BODY_WORDS = re.compile(
    rf"\b((?:[A-Z][\w'’&-]*\s+(?:(?:and|en|&)\s+)?){{0,5}}{_BODY_HEAD}"
    rf"(?:\s+(?:van|voor|en|of|for|and|the|de|het)?\s*(?!Meeting\b|Minutes\b|Held\b)[A-Z][\w'’&-]*){{0,5}})")
# "Minutes of the (meeting of the) Audit and Governance Committee held on ...": the body that met,
# which the title line above may qualify ("WESTMOOR DISTRICT COUNCIL") but not replace.
_MINUTES_OF = re.compile(
    r"\bminutes\s+of\s+(?:an?\s+|the\s+)?(?:(?:ordinary\s+|extraordinary\s+|annual\s+|special\s+)?"
    r"meeting\s+of\s+(?:the\s+)?)?(?P<body>[A-Z][\w'’&-]*(?:\s+(?:of|and|for|&)?\s*[A-Z][\w'’&-]*)"
    r"{0,8})", re.IGNORECASE)
_BODY_TAIL = re.compile(r"(?:\s+(?:regular|ordinary|extraordinary|special|annual|full|public)?\s*"
                        r"(?:meeting|minutes|held|notes|action notes)\b.*)$", re.IGNORECASE)
# A title line names the body after a kind word: "Notulen Stuurgroep RIEC Limburg".
_LEADING_KIND = re.compile(
    r"^\s*(?:(?:(?:kort|korte|beknopt|beknopte|definitief|definitieve|vastgesteld|vastgestelde)\s+)?"
    r"(?:concept[- ]?)?(?:verslag|notulen|besluitenlijst|besluiten- en actielijst|"
    r"actie- en besluitenlijst|"
    r"terugkoppeling|actielijst|samenvatting)|bestuurlijke terugkoppeling|minutes|"
    r"(?:(?:openbare|besloten|extra|ingelaste|reguliere|gecombineerde)\s+)?vergadering)\b"
    r"(?:\s+(?:van|of)\s+(?:het|de|the)\b)?\s*", re.IGNORECASE)
_BODY_HEAD_WORD = re.compile(r"\w*(?:overleg|beraad|raad|commissie|stuurgroep|driehoek|platform|"
                             r"bestuur|council|board|committee|panel|cabinet|authority|partnership)"
                             r"(?:s|en)?\b", re.IGNORECASE)
_TITLE_END = re.compile(r"\s+[-–—|]\s+|\s*[,(:]|\s+d\.d\.|\s+(?:van|op|on|held)\s+\w*\s*\d|\s+\d"
                        r"|\s+(?:regular\s+|ordinary\s+|special\s+)?(?:meeting|minutes|held)\b",
                        re.IGNORECASE)
_PARENT_BODY = re.compile(r"\b(?:council|gemeente)$", re.IGNORECASE)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)|\b([A-Z]{2,}[A-Za-z]*)\b")
_NOT_MEETING_DATE = re.compile(r"(verzonden|verzenddatum|verzending|kenmerk|printed|sent|"
                               r"gewijzigd|versie|aangepast)\W*(?:\w+\W*){0,2}$", re.IGNORECASE)
OPENING = 1200


def meeting_info(text: str, title: str) -> MeetingInfo:
    """Metadata from the opening of the minutes."""
    opening = text[:OPENING]
    found = _meeting_date(opening) or _meeting_date(text)
    first_lines = " ".join(" ".join(text.strip().splitlines()[:2]).split())
    label, acronym = _body(opening, title or first_lines)
    label = _tidy_case(label) if label else label
    if label and not acronym:
        acronym = _initials_acronym(label, text)
    return MeetingInfo(body_label=label, body_acronym=acronym,
                       date=found.value if found else None,
                       date_text=found.text if found else None, kind=document_kind(opening),
                       title=" ".join((title or first_lines).split())[:300] or None)


def document_kind(opening: str) -> str | None:
    """The normalised kind of document named earliest in the opening.

    On ASCII text a pattern whose words do not occur (lower-cased) cannot match and is skipped.
    """
    if not opening.isascii():  # the patterns themselves, after the same test on the folded opening
        folded = caseless_fold(opening)
        hits = [(m.start(), kind) for (pattern, kind), words in zip(KIND_PATTERNS, _KIND_WORDS, strict=True)
                if words is None or any(word in folded for word in words)
                for m in [pattern.search(opening)] if m]
        return min(hits)[1] if hits else None
    # ASCII: the lower-case patterns over the lower-cased opening match where the case-insensitive
    # ones match in the opening, and run faster (see dates.find_dates).
    folded = opening.lower()
    hits = [(m.start(), kind) for (_, kind), lower, words in zip(KIND_PATTERNS, _LOWER_KINDS, _KIND_WORDS,
                                                                  strict=True)
            if words is None or any(word in folded for word in words)
            for m in [lower.search(folded)] if m]
    return min(hits)[1] if hits else None


def _meeting_date(text: str) -> FoundDate | None:
    for found in find_dates(text):
        if not _NOT_MEETING_DATE.search(text[max(0, found.start - 40):found.start]):
            return found
    return None


def _body(opening: str, title: str) -> tuple[str | None, str | None]:
    """The meeting body: the body whose minutes these are, a reference body named in the title,
    else a body-like phrase."""
    minutes_of = _minutes_of_body(opening[:600])
    if minutes_of is not None:
        return minutes_of, _acronym_after(opening, opening.find(minutes_of) + len(minutes_of))
    for where in (title, opening[:300]):
        known = _known_body(where)
        if known is not None:
            return known
    titled = _title_body(opening)
    if titled is not None:
        return titled
    for where in (title, opening[:300]):
        folded = " ".join(where.split())
        match = next((m for m in _BODY_WORDS.finditer(folded) if m.group(1)[:1].isupper()), None)
        if match is not None:
            label = " ".join(match.group(1).split())
            return label, _acronym_after(folded, match.end())
    return None, None


def _minutes_of_body(opening: str) -> str | None:
    """'Minutes of the meeting of the Eastvale Combined Fire Authority held at ...' -> the body."""
    folded = " ".join(opening.split())
    for match in _MINUTES_OF.finditer(folded):
        body = _BODY_TAIL.sub("", match.group("body")).strip()
        words = body.split()
        while words and words[-1].lower() in {"of", "and", "for", "&", "the"}:
            words.pop()
        body = " ".join(words)
        if body and _BODY_HEAD_WORD.search(body) and len(words) <= 8:
            return _tidy_case(body)
    return None


def _tidy_case(label: str) -> str:
    """'AUDIT AND GOVERNANCE COMMITTEE' -> 'Audit and Governance Committee'."""
    if not label.isupper() or len(label.split()) < 2:
        return label  # "RIEC" and "LOVP" are acronyms, not shouted names
    small = {"and", "of", "for", "the", "en", "van", "voor", "de", "het"}
    return " ".join(w.lower() if w.lower() in small and i else w if len(w) <= 4 and i else w.capitalize()
                    for i, w in enumerate(label.split()))


def _title_body(opening: str) -> tuple[str, str | None] | None:
    """The body named by one of the first lines, after any kind word and before the date."""
    lines = [line.strip() for line in opening.splitlines() if line.strip()][:3]
    found = []
    for line in lines:
        rest = line
        while _LEADING_KIND.match(rest) and _LEADING_KIND.match(rest).end() > 0:
            rest = _LEADING_KIND.sub("", rest, count=1)
        end = _TITLE_END.search(rest)
        label = rest[:end.start()] if end else rest
        if 1 <= len(label.split()) <= 8 and _BODY_HEAD_WORD.search(label):
            label = label.strip(" .:-")
            found.append((label[:1].upper() + label[1:], _acronym_after(rest, len(label))))
    # "BRACKLEY BOROUGH COUNCIL" above "Overview and Scrutiny Committee": the council issues the
    # minutes, its committee is the body that met.
    if len(found) > 1 and _PARENT_BODY.search(found[0][0]) and not _PARENT_BODY.search(found[1][0]):
        return found[1]
    if found:
        return found[0]
    # "RIEC Oost-Brabant - besluitenlijst bestuurlijk overleg": the named part beside the kind
    parts = re.split(r"\s+[-–—|]\s+", lines[0]) if lines else []
    if len(parts) == 2:
        for named, other in (parts, parts[::-1]):
            if _LEADING_KIND.match(other) and _LEADING_KIND.match(other).end() > 0 \
                    and named[:1].isupper() and len(named.split()) <= 6 and not re.search(r"\d", named):
                return named.strip(), None
    return None


def _initials_acronym(label: str, text: str) -> str | None:
    """'Algemeen Bestuur ...' is 'AB' when the minutes write AB: the longest initials used."""
    initials = "".join(w[0] for w in label.split() if w[:1].isupper())
    for size in range(len(initials), 1, -1):
        # the substring test first: the pattern opens with a lookbehind, tried at every position
        if initials[:size] in text and re.search(rf"(?<![\w-]){re.escape(initials[:size])}(?![\w])", text):
            return initials[:size]
    return None


def _acronym_after(text: str, end: int) -> str | None:
    tail = text[end:end + 20]
    acronym = _ACRONYM.match(tail.strip()) if tail.strip().startswith("(") else None
    return (acronym.group(1) or acronym.group(2)) if acronym else None


def _known_body(text: str) -> tuple[str, str | None] | None:
    """The earliest reference organisation named in `text`, longest alias first."""
    lowered = " ".join(text.split()).lower()
    best: tuple[int, int, str, str | None] | None = None
    for alias, pattern, label, acronym in _body_aliases(load_gazetteer()):
        if alias not in lowered:
            continue  # the pattern needs the alias itself: a substring test rules most out
        match = pattern.search(lowered)
        if match and (best is None or (match.start(), -len(alias)) < best[:2]):
            best = (match.start(), -len(alias), label, acronym)
    return (best[2], best[3]) if best else None


@per_gazetteer
def _body_aliases(gazetteer: Gazetteer) -> list[tuple[str, re.Pattern[str], str, str | None]]:
    """(alias, whole-word pattern, label, acronym) of every meeting body, in gazetteer order."""
    return [(alias, re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)"), actor.label, actor.acronym)
            for actor in gazetteer.actors.values()
            if actor.kind == "organisation" and _is_body(actor.label)
            for alias in (actor.label.lower(), *(a.lower() for a in actor.aliases)) if len(alias) > 2]


def _is_body(label: str) -> bool:
    """Reference organisations that meet (an overleg, beraad, council), not ministries or police."""
    return re.search(r"(overleg|beraad|raad|commissie|college|kamer|council|board|committee)\b",
                     label, re.IGNORECASE) is not None
