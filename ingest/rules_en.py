"""The English rule extractor, reached from "rules" when a document is English.

Per agenda item: actor mentions from actors_en; action-table rows (through
ingest.tables, shared with the Dutch rules) as one commitment per row; then
per sentence a decision check and per clause a commitment and a position
check against the cue lexicons in cues_en. A sentence that only confirms
the one before ("This was agreed.") joins it as one decision. Statements use
the same records and Evidence contract as the Dutch rules; rules are named
`en:KIND:CUE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues_en as cues
from .actors_en import Found, body_key, document_context, find_actors, parse_text
from .census_en import sentence_census
from .classify_en import clauses, commitment_cue, decision_cue, first_decision_type, stance_cue
from .records import ActorMention, AgendaItem, Evidence, Segmented, Span, Statement
from .rows_en import action_rows, due_written, mask, pipe_lines, row_commitment

EXCLUDING_PREPOSITIONS = {"to", "with", "from", "for", "on", "of", "about", "at", "into", "against",
                          "than", "between", "by", "towards", "among", "under", "over", "via", "per"}


@dataclass
class ItemText:
    """One agenda item's clean text and how to map it back to the original."""

    segmented: Segmented
    order: int
    clean_start: int
    text: str

    def evidence(self, start: int, end: int, kind: str, cue: str, confidence: float) -> Evidence:
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        span = self.segmented.to_original(self.clean_start + start, self.clean_start + end)
        return Evidence(start=span.start, end=span.end, quote=" ".join(self.text[start:end].split()),
                        rule=f"en:{kind}:{cue}", confidence=round(max(confidence, 0.05), 2),
                        page=self.segmented.document.page_at(span.start))


def extract_english(segmented: Segmented) -> tuple[list[ActorMention], list[Statement]]:
    """Actor mentions and statements for every agenda item of an English document."""
    prepared = [_prepare(segmented, item) for item in segmented.items if item.span.end > item.span.start]
    context = document_context(segmented, body_key(segmented), [doc for _, _, _, doc in prepared])
    mentions: list[ActorMention] = []
    statements: list[Statement] = []
    for item, part, rows, doc in prepared:
        item_mentions = [_mention(part, f) for f in find_actors(doc, context)]
        for row in rows:
            statement, owners = row_commitment(part, row, item.span.start, context)
            statements.append(statement)
            mentions.extend(owners)
        statements.extend(_sentence_statements(part, doc, item_mentions))
        # Owners read from the wording ("directed staff to") join the item's mentions, in text order.
        mentions.extend(sorted(item_mentions, key=lambda m: m.start))
    return mentions, statements


def _prepare(segmented: Segmented, item: AgendaItem) -> tuple[AgendaItem, ItemText, list, object]:
    """The item's clean text, its table rows, and a doc of the text with table lines blanked."""
    clean_start = segmented.to_clean(item.span.start)
    text = segmented.clean[clean_start:segmented.to_clean(item.span.end)]
    part = ItemText(segmented, item.order, clean_start, text)
    # Table rows are lines: find them in the original text, where line breaks survive.
    original = segmented.document.text[item.span.start:item.span.end]
    rows = action_rows(original, item.heading)
    lines = [(r.start, r.end) for r in rows] + pipe_lines(original)
    masked = mask(text, [(segmented.to_clean(item.span.start + a) - clean_start,
                           segmented.to_clean(item.span.start + b) - clean_start) for a, b in lines])
    return item, part, rows, parse_text(masked)


def _mention(part: ItemText, found: Found) -> ActorMention:
    span = part.segmented.to_original(part.clean_start + found.start_char, part.clean_start + found.end_char)
    text = part.segmented.document.text[span.start:span.end]
    return ActorMention(text, span.start, span.end, found.kind, key=found.key, label=found.label,
                        rule=f"en:{found.rule}")


def _sentence_statements(part: ItemText, doc, mentions: list[ActorMention]) -> list[Statement]:
    sentences = [_unnumbered(part.text, piece) for s in doc.sents
                 for piece in _enumerated(s.start_char, s.end_char, part.text)
                 if part.text[piece[0]:piece[1]].strip(" .\n")]
    found: list[Statement] = []
    skip, in_resolution = 0, False
    for index, (start, end) in enumerate(sentences):
        if skip:
            skip -= 1
            continue
        sentence = _lower(part.text[start:end])
        if cues.RESOLUTION_HEADER.match(sentence):
            in_resolution = True  # the header itself decides nothing; its items do
            continue
        in_resolution = in_resolution and bool(cues.ENUMERATOR.match(sentence))
        if in_resolution:
            found.append(Statement("decision", part.order, part.evidence(start, end, "decision",
                                                                          "resolution-item", 0.9),
                                   decision_type=first_decision_type(sentence) or "agreed"))
            found.extend(_instructed(part, start, end, sentence, mentions))
            continue
        if _tally_before_resolution(sentence, part, sentences, index):
            continue  # "4 votes in favour and 2 against." then "RESOLVED: ...": one decision, the resolution
        confirmed, skip = _confirmation(part, sentences, index)
        found.extend(_classify(part, start, end, confirmed, mentions))
    return found


_PARAGRAPH_NUMBER = re.compile(r"\s*(?:\d{1,3}(?:\.\d{1,3}){1,2}\.?|[-•*▪–])\s+(?=\S)")


_NEXT_BULLET = re.compile(r"\S\s+[-•*▪–]\s*$")


def _unnumbered(text: str, piece: tuple[int, int]) -> tuple[int, int]:
    """`46.3 Council NOTED the report.`, `- Notes agreed.`: a paragraph number or bullet is no part of
    what was said or decided."""
    number = _PARAGRAPH_NUMBER.match(text, piece[0], piece[1])
    start, end = (number.end(), piece[1]) if number else piece
    bullet = _NEXT_BULLET.search(text, start, end)  # the next line's bullet, kept by the sentencizer
    return (start, bullet.start() + 1) if bullet and bullet.start() > start else (start, end)


def _instructed(part: ItemText, start: int, end: int, sentence: str,
                mentions: list[ActorMention]) -> list[Statement]:
    """`(2) to instruct the Executive Director to report back ...`: a resolution item handing a task on."""
    cue = next(c for c in cues.COMMITMENT_CUES if c[1] == "directed")
    if not cue[0].search(sentence):
        return []
    who = _directed(part, start, end, sentence, cue, mentions)
    due = due_written(part.text[start:end])
    return [Statement("commitment", part.order, part.evidence(start, end, "commitment", "directed", cue[2]),
                      actors=who, status="open", due_text=due[0] if due else None)]


def _tally_before_resolution(sentence: str, part: ItemText, sentences: list[tuple[int, int]],
                             index: int) -> bool:
    decision = decision_cue(sentence)
    if decision is None or decision[1] != "vote" or index + 1 >= len(sentences):
        return False
    after = _lower(part.text[sentences[index + 1][0]:sentences[index + 1][1]])
    return bool(cues.DECISION_TRIGGERS[0][0].search(after) or cues.RESOLUTION_HEADER.match(after))


def _confirmation(part: ItemText, sentences: list[tuple[int, int]], index: int
                  ) -> tuple[tuple[int, int] | None, int]:
    """The sentence settling a motion ("This was agreed.", "The motion carried 5-0.") and how many to skip.

    A "Council Member Alvarez seconded." between motion and vote is stepped over.
    """
    ahead = [_lower(part.text[a:b]) for a, b in sentences[index + 1:index + 3]]
    if ahead and cues.CONFIRMATION.match(ahead[0]):
        return sentences[index + 1], 1
    if len(ahead) == 2 and cues.SECONDED.match(ahead[0]) and cues.CONFIRMATION.match(ahead[1]):
        return sentences[index + 2], 2
    return None, 0


def _enumerated(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """A sentence split before `(2)`, `b)`: spaCy keeps such enumerators with the sentence before."""
    cuts = [start + m.end() for m in cues.ENUMERATION_SPLIT.finditer(text[start:end])]
    cuts += [start + m.end(1) for m in cues.LABEL_LETTER_END.finditer(text[start:end])]
    cuts += [start + m.end(1) for m in cues.FIGURE_END.finditer(text[start:end])]
    bounds = [start, *sorted(cuts), end]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _lower(text: str) -> str:
    return " ".join(text.lower().split())


def _classify(part: ItemText, start: int, end: int, confirmed: tuple[int, int] | None,
              mentions: list[ActorMention]) -> list[Statement]:
    sentence = _lower(part.text[start:end])
    census = sentence_census(sentence)  # each clause below is a piece of this sentence
    found: list[Statement] = []
    decision = decision_cue(sentence)
    if confirmed is not None:
        confirmation = _lower(part.text[confirmed[0]:confirmed[1]])
        kind = first_decision_type(confirmation) or "agreed"
        found.append(Statement("decision", part.order, part.evidence(start, confirmed[1], "decision",
                                                                      "confirmed", 0.85),
                               decision_type=kind))
    elif decision is not None:
        # "The Committee agreed ...": the body or group acting is named; otherwise resolve uses the meeting's.
        deciders = tuple(m for m in _clause_actors(part, start, end, mentions)
                         if m.kind in {"organisation", "group"} and not (m.key or "").startswith("pronoun:"))
        found.append(Statement("decision", part.order, part.evidence(start, end, "decision", decision[1],
                                                                      decision[2]),
                               actors=deciders, decision_type=first_decision_type(sentence) or "agreed"))
    inherited: tuple[ActorMention, ...] = ()
    for c_start, c_end in clauses(part.text, start, end):
        clause = _lower(part.text[c_start:c_end])
        actors = _clause_actors(part, c_start, c_end, mentions)
        commitment = commitment_cue(clause, decision, census)
        if commitment is not None and commitment[1] == "will" and not cues.PLANNED_PASSIVE.search(clause):
            at = commitment[0].search(clause)
            before = _objects(part, c_start, c_start + (at.start() if at else 0), mentions)
            named = re.match(r"(?:The |the )?[A-Z][\w-]+(?: [A-Z][\w-]+){0,3} (?:will|shall)\b",
                             part.text[c_start:c_end])
            if not (before or inherited or named):
                commitment = None  # "The new fleet will arrive in May" describes, nobody undertakes
        fallback = actors or inherited or _objects(part, c_start, c_end, mentions)[:1]
        if commitment is not None:
            who = (_directed(part, c_start, c_end, clause, commitment, mentions)
                   or actors or inherited or _action_owner(part, c_start, c_end, mentions)
                   or _objects(part, c_start, c_end, mentions)[:1])
            due = due_written(part.text[c_start:c_end])
            found.append(Statement("commitment", part.order,
                                   part.evidence(c_start, c_end, "commitment", commitment[1],
                                                 commitment[2] - (0.0 if who else 0.1)),
                                   actors=who, status="open", due_text=due[0] if due else None))
        stance = stance_cue(clause, decision is not None or confirmed is not None, census)
        if stance is not None:
            who = (_reported_holder(part, c_start, c_end, clause, stance, mentions)
                   or _motion_movers(part, c_start, mentions) or fallback)
            found.append(Statement("position", part.order,
                                   part.evidence(c_start, c_end, "position", stance[1],
                                                 stance[2] - (0.0 if who else 0.15)),
                                   actors=who, stance=stance[1]))
        inherited = actors or inherited
    return found


def _directed(part: ItemText, c_start: int, c_end: int, clause: str, cue: cues.Cue,
              mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    """`The Chair directed staff to ...`: the one told to act owns the task, not the one telling."""
    at = cue[0].search(clause) if cue[1] == "directed" else None
    if at is None:
        return ()
    told = _objects(part, c_start + at.start(), c_end, mentions)[:1]
    if told:
        return told
    from .actors_en import slug

    named = re.match(r"\w+ (?:the )?(?P<who>\w[\w ]{0,40}?) (?:to|with) ",
                     part.text[c_start + at.start():c_end])
    if named is None:
        return ()
    a = c_start + at.start() + named.start("who")
    span = part.segmented.to_original(part.clean_start + a, part.clean_start + a + len(named.group("who")))
    text = part.segmented.document.text[span.start:span.end]
    mentions.append(ActorMention(text, span.start, span.end, "group", key=slug(text), rule="en:directed"))
    return (mentions[-1],)


def _reported_holder(part: ItemText, c_start: int, c_end: int, clause: str, stance: cues.Cue,
                     mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    """`The Chair informed Members that the Police had requested ...`: the stance is the Police's."""
    told, cue = cues.REPORTED.search(clause), stance[0].search(clause)
    if told is None or cue is None or cue.start() < told.end():
        return ()
    span = part.segmented.to_original(part.clean_start + c_start + told.end(), part.clean_start + c_start
                                      + cue.start())
    return tuple(m for m in mentions if span.start <= m.start < span.end
                 and not (m.key or "").startswith("pronoun:"))[:1]


def _motion_movers(part: ItemText, c_start: int, mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    """A quoted motion's wording after `moved by X and seconded by Y:` is the movers' stance."""
    moved = cues.MOVED_BY.search(part.text[max(0, c_start - 200):c_start])
    if moved is None:
        return ()
    at = max(0, c_start - 200) + moved.start("who")
    span = part.segmented.to_original(part.clean_start + at, part.clean_start + at + len(moved.group("who")))
    return tuple(m for m in mentions if span.start <= m.start < span.end
                 and not (m.key or "").startswith("pronoun:"))


def _clause_actors(part: ItemText, c_start: int, c_end: int,
                   mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    """Mentions acting as subject: before the verb, not the object of a preposition."""
    span = part.segmented.to_original(part.clean_start + c_start, part.clean_start + c_end)
    inside = [m for m in mentions if span.start <= m.start < span.end]
    that = re.search(r"\bthat\b", part.segmented.document.text[span.start:span.end])
    before_that = span.start + that.start() if that else span.end
    agents = [m for m in inside if m.start < before_that and _preceding_word(part, m.start) == "by"
              and re.search(r"\b(?:proposed|moved|raised|put forward|suggested)\s+by\s+(?:the\s+)?$",
                            part.segmented.document.text[max(span.start, m.start - 40):m.start])]
    if agents:
        return tuple(agents[:1])  # "It was proposed by Cllr Okoro ... that": the proposer acts
    kept = [m for m in inside if _preceding_word(part, m.start) not in EXCLUDING_PREPOSITIONS]
    return tuple(m for m in kept if not _after_verb(part, span, m))


def _objects(part: ItemText, c_start: int, c_end: int,
             mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    """Mentions after the verb, not behind a preposition: the last resort for who."""
    span = part.segmented.to_original(part.clean_start + c_start, part.clean_start + c_end)
    return tuple(m for m in mentions if span.start <= m.start < span.end
                 and _preceding_word(part, m.start) not in EXCLUDING_PREPOSITIONS)


def _after_verb(part: ItemText, span: Span, mention: ActorMention) -> bool:
    """A mention after a lower-case word other than 'and' or a comma phrase is an object."""
    before = part.segmented.document.text[span.start:mention.start]
    words = re.findall(r"[A-Za-z'’-]+", re.sub(r",[^,]*,", " ", before))
    return any(w.islower() and w not in {"and", "the", "both", "all", "also", "then", "however"}
               for w in words)


def _preceding_word(part: ItemText, original_start: int) -> str:
    clean = part.segmented.to_clean(original_start)
    words = part.segmented.clean[max(0, clean - 40):clean].lower().split()
    while words and words[-1] in {"the", "a", "an", "all", "its", "their"}:
        words.pop()
    return words[-1].strip("(,") if words else ""


def _action_owner(part: ItemText, c_start: int, c_end: int,
                  mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    """`ACTION: Emma Price to circulate ...`: the words before ' to ' name the owner."""
    from .actors_en import slug

    clause = part.text[c_start:c_end]
    match = re.match(r"\s*(?:\(?\w{1,3}[.)]\s*)?(?:actions?\s*(?:point)?|ap|a/p)\s*[:\-–—]\s*"
                     r"(?P<who>[A-Z][\w.'’ -]{1,60}?)\s+to\s+[a-z]", clause, re.IGNORECASE)
    if match is None:
        return ()
    at = c_start + match.start("who")
    span = part.segmented.to_original(part.clean_start + at, part.clean_start + at + len(match.group("who")))
    known = [m for m in mentions if span.start <= m.start < span.end]
    if known:
        return tuple(known)
    text = part.segmented.document.text[span.start:span.end]
    mentions.append(ActorMention(text, span.start, span.end, "person", key=slug(text),
                                 rule="en:action-owner"))
    return (mentions[-1],)
