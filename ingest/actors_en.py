"""Actor mentions in English minutes, without a gazetteer entry.

UK minutes name their actors in a few regular shapes: councillors and other
people with an honorific (`Cllr Okafor`, `Councillor R. Patel`, `Mr Ashby`),
people listed under `Present:` and later named plainly (`Daniel Reid`),
offices (`Chief Constable`, `Police and Crime Commissioner`, `Head of
Finance`, `Cabinet Member for Housing`), bodies (`the Panel`, `Riverton
Borough Council`, `Audit and Governance Committee`) and `Members`. spaCy
`Matcher` patterns on `blank("en")` find them; a per-document context makes
`Cllr Okafor` and `Cllr David Okafor` one person, `the Commissioner` the
`Police and Crime Commissioner`, and `the Panel` the meeting's own body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .lexflags import flag
from .nlp import parse, pipeline
from .patterns_en import (
    HONORIFICS,
    OFFICE_HEADS,
    TITLE_PAIRS,
    matches,
    names_matcher,
)
from .records import ActorKind, ActorMention, Segmented
from .resolve import slugify as slug

GENERIC_BODIES = {"panel", "committee", "sub-committee", "board", "cabinet", "council", "forum",
                  "meeting", "group", "assembly"}
# Words that start a sentence in title case but are no first name.
_NOT_FIRST_NAMES = {"the", "this", "that", "these", "those", "it", "there", "after", "following", "members",
                    "apologies", "application", "proposed", "having", "in", "on", "at", "for", "a", "an",
                    "all", "no", "any", "some", "item", "minutes", "resolved", "agreed", "action", "report",
                    "council", "county", "cabinet", "panel", "committee", "board", "trust", "its", "his",
                    "her", "their", "our", "we", "they", "he", "she", "one", "two", "each", "both", "further"}
_PLACE_WORDS = {"road", "lane", "street", "hall", "house", "park", "centre", "center", "close", "avenue",
                "way", "court", "policy", "plan", "report", "strategy", "fund", "group", "team", "office",
                "review", "scheme", "project", "programme", "program", "budget", "council", "committee",
                "board", "panel", "trust", "authority", "service", "services", "school", "college", "green"}
PRONOUNS: dict[str, ActorKind] = {"he": "person", "she": "person", "they": "group"}
_STOP_ACRONYMS = {"RESOLVED", "ACTION", "ACTIONS", "AOB", "AGM", "NB", "PM", "AM", "OK", "UK", "CC",
                  "ID", "IT", "ICT", "KPI", "KPIS", "TBC", "TBA", "FY", "VAT", "EV", "Q1", "Q2", "Q3",
                  "Q4", "II", "III", "IV", "RAG", "FAQ", "PDF", "NOTE", "AGREED", "DECISION", "ITEM",
                  "NOTED", "APPROVED", "DEFERRED", "RECEIVED", "ENDORSED", "CARRIED", "ADOPTED", "DECIDED",
                  "REJECTED", "LOST", "ALL", "NONE", "AND", "THE", "FOR", "NOT", "AGENDA", "MINUTES",
                  # common acronyms that name things, not actors
                  "CCTV", "ASB", "SEND", "SEN", "GDPR", "GP", "GPS", "ABV", "CPD", "EHCP", "PPE", "ANPR",
                  "CSP", "MTFS", "ICO", "AP"}
_ATTENDANCE = re.compile(r"^\s*(?:[A-Za-z]+ ){0,2}(?:present|in attendance|attendees|attending|"
                         r"guests?|officers|staff|apologies(?: for absence)?(?: were received from)?)"
                         r"\s*[:\-–]\s*"
                         r"(?P<list>.+)$", re.IGNORECASE | re.MULTILINE)
_NAME = re.compile(r"^(?:(?:[A-Z]\.\s*)+|[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+)(?:[A-Z][a-z]+\s+)?"
                   r"(?:O'|O’|Mc|Mac)?[A-Z][a-z'’-]+$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:(?:" + "|".join(f"{a} {b}" for a, b in TITLE_PAIRS) + "|"
                        + "|".join(re.escape(h) for h in HONORIFICS) + r")\s+)+", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What one document says about its actors: listed names, long office titles, its body."""

    names: dict[str, str] = field(default_factory=dict)     # surname (lower) -> full name
    given: dict[str, str] = field(default_factory=dict)     # first name as written -> full name
    offices: dict[str, str] = field(default_factory=dict)   # head word (lower) -> longest title
    roles: dict[str, str] = field(default_factory=dict)     # title (lower) -> its holder's full name
    body_label: str | None = None
    body_key: str | None = None


@dataclass(frozen=True)
class Found:
    """An actor span in an item doc with the key and kind it resolves to."""

    start_char: int
    end_char: int
    key: str
    kind: ActorKind
    rule: str
    label: str | None = None


def document_context(segmented: Segmented, body_key: str | None, docs: list[Doc]) -> Context:
    """Names from the attendance lists and the office titles used in the items' docs."""
    names: dict[str, str] = {}
    for listed in _attendance_lists(segmented.document.text[:6000]):
        for part in re.split(r"[,;]|\band\b", re.sub(r"\([^)]*\)", "", listed)):
            name = _HONORIFIC.sub("", " ".join(part.split())).strip(" .")
            if _NAME.match(name) and name.split()[-1].lower() not in OFFICE_HEADS:
                names.setdefault(name.split()[-1].lower(), name)
    roles = _attendance_roles(segmented.document.text[:6000])
    titles: dict[str, set[str]] = {}
    for title in roles:
        if len(title.split()) > 1:
            titles.setdefault(_title_head(title), set()).add(title)
    for doc in docs:
        for span in _office_spans(doc):
            title = _ARTICLE.sub("", " ".join(span.text.split()))
            if len(title.split()) > 1:
                titles.setdefault(_head(span, title), set()).add(title.lower())
    # A bare 'the Commissioner' stands for the longer title only when the document has one.
    offices = {head: next(iter(found)) for head, found in titles.items() if len(found) == 1}
    return Context(names=names, given=_given_names(names), offices=offices, roles=roles,
                   body_label=segmented.meeting.body_label,
                   body_key=body_key)


# First names that are also months or common words: never read alone as a person.
_NOT_GIVEN = {"may", "june", "april", "august", "will", "mark", "bill", "hope", "grace", "rose", "faith",
              "joy", "art", "pat", "drew", "guy", "frank", "dawn", "summer", "autumn", "sterling", "chase",
              "victoria", "florence", "chair", "sue"}


def _given_names(names: dict[str, str]) -> dict[str, str]:
    """`Dave` for `Dave Morgan`, where informal minutes call listed people by first name alone.

    Only a first name one listed person has, and none that is also a surname or a common word.
    """
    firsts: dict[str, list[str]] = {}
    for full in set(names.values()):
        words = full.split()
        if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]{2,}", words[0]):
            firsts.setdefault(words[0], []).append(full)
    return {first: fulls[0] for first, fulls in firsts.items()
            if len(fulls) == 1 and first.lower() not in names and first.lower() not in _NOT_GIVEN}


_CHAIR_WORDS = {"chair", "chairman", "chairwoman", "chairperson", "in the chair", "vice-chair", "vice chair"}


def _attendance_lists(opening: str) -> list[str]:
    """The lists after `Present:` labels. A label alone on its line heads one person a line
    (`Mark Tully, Chief Executive`), read as `Mark Tully (Chief Executive); ...`."""
    lists = []
    for match in _ATTENDANCE.finditer(opening):
        label = opening[match.start():match.start("list")]
        if "\n" not in label[max(label.rfind(":"), label.rfind("-"), label.rfind("–")):]:
            lists.append(match.group("list"))
            continue
        block = re.split(r"\n[ \t]*\n", opening[match.start("list"):], maxsplit=1)[0]
        lists.append("; ".join(re.sub(r"^([^,]+),\s*(.+)$", r"\1 (\2)", line.strip())
                               for line in block.splitlines() if line.strip()))
    return lists


def _attendance_roles(opening: str) -> dict[str, str]:
    """`Daniel Reid (Chief Executive)` in a Present list: who holds which office at this meeting."""
    roles: dict[str, str] = {}
    for listed in _attendance_lists(opening):
        for pair in re.finditer(r"(?P<name>[^,;()]+?)\s*\((?P<role>[^)]*)\)", listed):
            name = _HONORIFIC.sub("", re.sub(r"^\s*(?:and\s+)?", "", pair.group("name"))).strip(" .")
            if not _NAME.match(name):
                continue
            for part in (" ".join(p.split()) for p in pair.group("role").split(",")):
                if part.lower() in _CHAIR_WORDS:
                    roles.setdefault("chair" if part.lower() == "in the chair" else part.lower(), name)
                elif _is_role(part):
                    roles.setdefault(part.lower(), name)
        for entry in re.split(r"[,;]|\band\b", re.sub(r"\([^)]*\)", "", listed)):
            titled = _TITLED_NAME.match(" ".join(entry.split()))
            if titled and titled.group("title").split()[-1].lower() in OFFICE_HEADS:
                roles.setdefault(titled.group("title").lower(), titled.group("name"))
    return roles


# `City Manager James Holloway`, `Chief Constable Rachel Hughes`: an office, then who holds it.
_TITLED_NAME = re.compile(r"^(?P<title>(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+) (?P<name>[A-Z][a-z]+(?: [A-Z]\.)? "
                          r"(?:O'|O’|Mc|Mac)?[A-Z][a-z'’-]+)$")


def _is_role(part: str) -> bool:
    """`Chief Executive`, `Finance Director`, `CEO`; not `Office of the PCC`."""
    words = part.lower().split()
    if re.fullmatch(r"[A-Z]{2,5}", part):
        return True
    return bool(words) and words[0] not in {"office", "department", "directorate"} and (
        words[-1] in OFFICE_HEADS or words[0] in OFFICE_HEADS)


def _title_head(title: str) -> str:
    words = title.lower().split()
    return words[-1] if words[-1] in OFFICE_HEADS else words[0]


def _head(span: Span, title: str) -> str:
    return span[-1].lower_ if span[-1].lower_ in OFFICE_HEADS else title.split()[0].lower()


def _office_spans(doc: Doc) -> list[Span]:
    return [Span(doc, s, e, label="office") for m, s, e in matches(doc)
            if doc.vocab.strings[m] == "office" and _not_name_part(doc, s, e)]


def _not_name_part(doc: Doc, start: int, end: int) -> bool:
    """`Council Chamber`, `Chief Constable's`: a head followed by a capitalised noun is a place."""
    following = doc[end] if end < len(doc) else None
    return following is None or not (following.is_title and following.i != following.sent.start)


def find_actors(doc: Doc, context: Context) -> list[Found]:
    """Actor spans in one item's doc with keys, longest match first."""
    spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in matches(doc)]
    listed = tuple(sorted(set(context.names.values()) | set(context.given)))
    if listed:
        spans += [Span(doc, s, e, label="listed") for _, s, e in names_matcher(listed)(doc)]
    spans = [s for s in spans if s.label_ not in {"office", "body"} or _not_name_part(doc, s.start, s.end)]
    spans += _sentence_subject_names(doc)
    marks = doc.to_array(list(_word_flags(doc.vocab)))
    for i in numpy.flatnonzero(marks.any(axis=1)).tolist():
        if marks[i, 0]:
            spans.append(Span(doc, i, i + 1, label="pronoun"))
        elif _is_acronym(doc[i]):
            spans.append(Span(doc, i, i + 1, label="acronym"))
    found = []
    for span in sorted(filter_spans(spans), key=lambda s: s.start):
        keyed = _key(span, context)
        if keyed is not None:
            found.append(Found(span.start_char, span.end_char, keyed[0], keyed[1], span.label_, keyed[2]))
    return found


def _word_flags(vocab) -> tuple[int, int]:
    """Lexeme flags for pronouns and for words shaped like an acronym: the word-level tests run
    once per word of the vocabulary, the context checks of `_is_acronym` only on candidates."""
    lower = vocab.lex_attr_getters.get(LOWER, str.lower)
    return (flag(vocab, ("en:pronoun",), lambda orth: lower(orth) in PRONOUNS and not orth.isupper()),
            flag(vocab, ("en:acronym-shape",), _acronym_shape))


def _acronym_shape(text: str) -> bool:
    return text not in _STOP_ACRONYMS and 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _sentence_subject_names(doc: Doc) -> list[Span]:
    """`Tom Fletcher strongly supported ...`: two capitalised words opening a sentence, then a verb."""
    found = []
    for sentence in doc.sents:
        # Only the first three words count: the rest of the sentence is never made into tokens.
        words = list(islice((t for t in sentence if not t.is_space), 3))
        if len(words) < 3 or not all(t.is_title and t.is_alpha for t in words[:2]):
            continue
        first, last, verb = words[0], words[1], words[2]
        if (first.lower_ in _NOT_FIRST_NAMES or last.lower_ in _PLACE_WORDS | set(OFFICE_HEADS)
                or not verb.is_lower or not verb.is_alpha):
            continue
        found.append(Span(doc, first.i, last.i + 1, label="listed"))
    return found


def _key(span: Span, context: Context) -> tuple[str, ActorKind, str | None] | None:
    """Key, kind and (where the document tells) a better label than the surface form."""
    label, text = span.label_, _ARTICLE.sub("", " ".join(span.text.split()))
    if label == "pronoun":
        return "pronoun:" + span.text.lower(), PRONOUNS[span.text.lower()], None
    if label in {"person", "listed"}:
        bare = _HONORIFIC.sub("", text)
        full = context.given.get(bare) or context.names.get(bare.split()[-1].lower(), bare) if bare else text
        return slug(full), "person", full
    if label == "members":
        if text.lower().endswith("of the public"):
            return "members-of-the-public", "group", "Members of the public"
        bare = re.sub(r"^(?:all|the)\s+", "", text, flags=re.IGNORECASE)
        return slug(bare), "group", bare[:1].upper() + bare[1:]
    if label == "office":
        single = len(text.split()) == 1 and text.lower() not in context.roles
        title = context.offices.get(_head(span, text), text) if single else text
        holder = context.roles.get(title.lower()) or context.roles.get(text.lower())
        if holder:
            full = context.names.get(holder.split()[-1].lower(), holder)
            return slug(full), "person", full
        return slug(title), "post", " ".join(w[:1].upper() + w[1:] if w.islower() and len(w) > 3 else w
                                             for w in title.split())
    if label == "body":
        lowered = text.lower()
        if context.body_key and (lowered in GENERIC_BODIES and context.body_label
                                 and lowered in context.body_label.lower().split()):
            return context.body_key, "organisation", context.body_label
        return slug(text), "organisation", text
    if label == "acronym":
        holder = context.roles.get(text.lower())  # `Helen Dodd (CEO)`: the CEO is Helen Dodd
        if holder:
            full = context.names.get(holder.split()[-1].lower(), holder)
            return slug(full), "person", full
        return slug(text), "organisation", text
    return None


def _is_acronym(token) -> bool:
    text, whole = token.text, _text_of(token.doc)
    attached = token.idx > 0 and not whole[token.idx - 1].isspace() and whole[
        token.idx - 1] not in "(\"'‘“"
    if attached or not _acronym_shape(text):
        return False
    line = whole[max(0, token.idx - 30):token.idx + len(text) + 30]
    if not any(ch.islower() for ch in line):
        return False  # a line in capitals (a heading), not an acronym
    neighbours = [t for t in (token.nbor(-1) if token.i > 0 else None,
                              token.nbor(1) if token.i + 1 < len(token.doc) else None) if t is not None]
    return not any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours)


_LAST_TEXT: list = [None, ""]
_TEXT = "overleg:text"


def parse_text(text: str) -> Doc:
    """The English doc of `text`, holding the text it was made from: the tokenizer keeps every
    character, so `doc.text` is that text, which `doc.text` would build again from the tokens."""
    doc = parse(pipeline("en"), text)
    doc.user_data[_TEXT] = text
    return doc


def _text_of(doc: Doc) -> str:
    """`doc.text` joins every token again on each access: the text the doc was parsed from when
    `parse_text` made it, else kept for the doc last asked about."""
    text = doc.user_data.get(_TEXT)
    if text is not None:
        return text
    if _LAST_TEXT[0] is not doc:
        _LAST_TEXT[:] = [doc, doc.text]
    return _LAST_TEXT[1]


def body_key(segmented: Segmented) -> str | None:
    """The key resolve gives the meeting's body, so `the Panel` can point at it."""
    from ..ontology.reference import load_gazetteer
    from .gazetteer_cache import alias_index

    meeting = segmented.meeting
    if meeting.body_label is None:
        return None
    index = alias_index(load_gazetteer())
    for name in (meeting.body_label, meeting.body_acronym or ""):
        if name and name.lower() in index:
            return index[name.lower()]
    return slug(meeting.body_acronym or meeting.body_label)


def owner_mention(text: str, piece: str, at: int, context: Context) -> ActorMention:
    """The actor an action-table owner cell names (`piece` starts at `at` in the original `text`)."""
    surface = text[at:at + len(piece)]
    # The cell read the way prose is: offices, councillors, listed people, bodies.
    doc = parse_text(piece)
    found = [f for f in find_actors(doc, context) if not f.key.startswith("pronoun:")]
    if found and found[0].end_char - found[0].start_char >= len(piece.strip()) / 2:
        return ActorMention(surface, at, at + len(piece), found[0].kind, key=found[0].key,
                            label=found[0].label, rule="en:table-owner")
    bare = _HONORIFIC.sub("", piece)
    words = bare.split()
    kind: ActorKind
    if words and (words[-1].lower() in OFFICE_HEADS or words[0].lower() in {"head", "director"}):
        key, kind = slug(context.offices.get(words[-1].lower(), bare) if len(words) == 1 else bare), "post"
    elif len(words) <= 4 and all(w[:1].isupper() for w in words):
        key, kind = slug(context.names.get(words[-1].lower(), bare)), "person"
    else:
        key, kind = slug(bare), "organisation"
    return ActorMention(surface, at, at + len(piece), kind, key=key, rule="en:table-owner")
