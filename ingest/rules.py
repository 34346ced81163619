"""The built-in rule extractor (registered as "rules").

Per agenda item: actor mentions from ingest.actors, then per sentence a
decision check, and per clause a commitment and a position check against
the cue lexicons in cues_nl. Statements carry the sentence or clause as
quote, its offsets into the original text, the cue that fired as rule and
the cue's confidence.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as TokenSpan

from . import cues_nl as cues
from .actors import GENERIC_OFFICES, OFFICE_WORDS, PRONOUNS, find_mentions
from .due import find_due
from .extract import register
from .nlp import pipeline
from .records import ActorMention, Evidence, Segmented, Statement

EXCLUDING_PREPOSITIONS = {"met", "aan", "bij", "naar", "over", "tegen", "voor", "op", "in", "uit",
                          "tot", "na", "onder", "binnen", "namens", "zonder", "langs"}
_MARKER_SPLIT = re.compile(r"(?=\b(?:Besluit|Besluiten|Actie|Acties|Afspraak|Toezegging|Conclusie)"
                           r"\s*:)")


@register("rules")
def extract_with_rules(segmented: Segmented) -> tuple[list[ActorMention], list[Statement]]:
    """Actor mentions and statements for every agenda item of a document."""
    if segmented.meeting.language == "en":
        from .rules_en import extract_english

        return extract_english(segmented)
    nlp = pipeline(segmented.meeting.language if segmented.meeting.language in {"nl", "en"}
                   else "nl")
    mentions: list[ActorMention] = []
    statements: list[Statement] = []
    for item in segmented.items:
        clean_start = segmented.to_clean(item.span.start)
        clean_end = segmented.to_clean(item.span.end)
        text = segmented.clean[clean_start:clean_end]
        if not text.strip():
            continue
        doc = nlp(text)
        item_mentions = [_mention(segmented, clean_start, span) for span in find_mentions(doc)]
        mentions.extend(item_mentions)
        for sentence in doc.sents:
            for start, end in _sentence_parts(sentence):
                statements.extend(_statements(segmented, item.order, clean_start, text,
                                              start, end, item_mentions))
    return mentions, statements


def _sentence_parts(sentence: TokenSpan) -> list[tuple[int, int]]:
    """Character ranges (within the item text) of a sentence split at Besluit:/Actie: markers."""
    text = sentence.text
    cuts = [m.start() for m in _MARKER_SPLIT.finditer(text) if m.start() > 0]
    bounds = [0, *cuts, len(text)]
    base = sentence.start_char
    return [(base + a, base + b) for a, b in zip(bounds, bounds[1:], strict=False)
            if text[a:b].strip()]


def _mention(segmented: Segmented, clean_start: int, span: TokenSpan) -> ActorMention:
    label = span.label_
    original = segmented.to_original(clean_start + span.start_char, clean_start + span.end_char)
    text = segmented.document.text[original.start:original.end]
    if label.startswith("pronoun:"):
        kind = PRONOUNS[label.split(":", 1)[1]]
        return ActorMention(text, original.start, original.end, kind, key=label, rule="pronoun")
    if label.startswith("generic:"):
        return ActorMention(text, original.start, original.end, "post", key=label, rule="generic")
    if label in {"office-name", "office-of", "acronym"}:
        first = span[0].lower_ if span[0].lower_ != "de" else span[1].lower_
        kind = "organisation" if label == "acronym" else (
            "person" if label == "office-name" else OFFICE_WORDS.get(first, "post"))
        return ActorMention(text, original.start, original.end, kind, key=None, rule=label)
    from ..ontology.reference import load_gazetteer

    reference = load_gazetteer().actors[label]
    return ActorMention(text, original.start, original.end, reference.kind, key=label,  # type: ignore[arg-type]
                        label=reference.label, rule="gazetteer")


def _statements(segmented: Segmented, order: int, clean_start: int, item_text: str,
                start: int, end: int, item_mentions: list[ActorMention]) -> list[Statement]:
    sentence = item_text[start:end].strip()
    lowered = sentence.lower()
    found: list[Statement] = []
    decision = _first(cues.DECISION_CUES, lowered)
    if decision and not cues.EARLIER_DECISION.search(lowered):
        found.append(_make(segmented, order, clean_start, item_text, start, end, "decision",
                           decision, (), decision_type=decision[1]))
    inherited: tuple[ActorMention, ...] = ()
    for c_start, c_end in _clauses(item_text, start, end):
        clause = item_text[c_start:c_end].lower()
        actors = _clause_actors(segmented, clean_start, c_start, c_end, item_text, item_mentions)
        commitment = _first(cues.COMMITMENT_CUES, clause)
        if commitment and not cues.CALLED_OFF.search(clause):
            actors = actors or inherited
            due = find_due(item_text[c_start:c_end])
            found.append(_make(segmented, order, clean_start, item_text, c_start, c_end,
                               "commitment", commitment, actors, status="open",
                               due_text=due[0] if due else None))
        position = _position_cue(clause, has_decision=decision is not None)
        if position:
            found.append(_make(segmented, order, clean_start, item_text, c_start, c_end,
                               "position", position, actors, stance=position[1]))
        inherited = actors or inherited
    return found


def _position_cue(clause: str, has_decision: bool) -> tuple[re.Pattern[str], str, float] | None:
    framed = cues.ATTITUDE_FRAME.search(clause) is not None
    if has_decision and not framed:
        return None
    if cues.INDIRECT_QUESTION.search(clause) or cues.FINDING.search(clause):
        return None
    stance = _first(cues.STANCE_CUES, clause)
    if stance is None:
        return None
    if not framed and not cues.STRONG_STANCE.search(clause):
        return None
    return stance if framed else (stance[0], stance[1], stance[2] - 0.1)


def _clauses(item_text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start]
    for match in cues.CLAUSE_SPLIT.finditer(item_text[start:end]):
        if match.start() > 0:
            bounds.append(start + match.start())
    bounds.append(end)
    parts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        while a < b and item_text[a] in " ;":
            a += 1
        if a < b:
            parts.append((a, b))
    return parts


def _clause_actors(segmented: Segmented, clean_start: int, c_start: int, c_end: int,
                   item_text: str, item_mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    """Mentions in the clause acting as subject or agent (not the object of 'met', 'aan', ...)."""
    span = segmented.to_original(clean_start + c_start, clean_start + c_end)
    inside = [m for m in item_mentions if span.start <= m.start < span.end]
    agents = [m for m in inside if _preceding_word(segmented, m.start) == "door"]
    if agents:
        return tuple(agents)
    kept = [m for m in inside if _preceding_word(segmented, m.start) not in EXCLUDING_PREPOSITIONS]
    return tuple(kept)


def _preceding_word(segmented: Segmented, original_start: int) -> str:
    """The word before a mention, skipping articles, in the clean text."""
    clean_index = segmented.to_clean(original_start)
    words = segmented.clean[max(0, clean_index - 40):clean_index].lower().split()
    while words and words[-1] in {"de", "het", "een", "alle", "veel", "diverse"}:
        words.pop()
    return words[-1].strip("(,") if words else ""


def _first(table: tuple[cues.Cue, ...], text: str) -> cues.Cue | None:
    for cue in table:
        if cue[0].search(text):
            return cue
    return None


def _make(segmented: Segmented, order: int, clean_start: int, item_text: str, start: int,
          end: int, kind: str, cue: cues.Cue, actors: tuple[ActorMention, ...],
          **fields: str | None) -> Statement:
    while end > start and item_text[end - 1] == " ":
        end -= 1
    span = segmented.to_original(clean_start + start, clean_start + end)
    confidence = cue[2] - (0.1 if kind != "decision" and not actors else 0.0)
    evidence = Evidence(start=span.start, end=span.end, quote=" ".join(item_text[start:end].split()),
                        rule=f"nl:{kind}:{cue[1]}", confidence=round(max(confidence, 0.05), 2),
                        page=segmented.document.page_at(span.start))
    return Statement(kind=kind, item_order=order, evidence=evidence, actors=actors,  # type: ignore[arg-type]
                     **fields)  # type: ignore[arg-type]


__all__ = ["extract_with_rules", "GENERIC_OFFICES"]
