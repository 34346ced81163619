"""The built-in rule extractor (registered as "rules").

Per agenda item: actor mentions from ingest.actors; rows of action lists and
commitment tables (ingest.row_commitments over ingest.tables: one commitment
per row, actor from the who column, due date from the due column); then per
sentence a decision check, per clause a position check and per finer clause
a commitment check against the cue lexicons in cues_nl. Who acts is decided
by ingest.clause_actors: the subject before the cue (`Burgemeester X vraagt
de politie ...` is X's request, not the police's), the agent of a passive
(`door X`), or the first actor after an `Actie:` marker. Statements carry the sentence or clause as quote, its
offsets into the original text, the cue that fired as rule and the cue's
confidence. What the cues read in a sentence, a clause or a finer clause
depends on its text alone and is remembered by that text (ingest.text_memo:
minutes repeat their sentences); who acts is worked out in each item anew.
Where sentences and clauses are cut: ingest.sentence_parts.
"""

from __future__ import annotations

import re
from functools import partial

from . import cues_nl as cues
from .actors import GENERIC_OFFICES
from .census import Census, CueIndex
from .clause_actors import (
    ItemContext,
    LazyAgents,
    addressee,
    body_after,
    clause_agents,
    first_actor_after,
    is_body,
    leading_subject,
    subject_of,
    that_subject,
)
from .due import find_due
from .extract import register
from .item_tokens import ItemTokens
from .nlp import pipeline
from .prefilter import LiteralGate
from .records import ActorMention, Evidence, Segmented, Statement
from .row_commitments import ACTION_SECTION, is_covered, row_commitments
from .sentence_parts import sentence_parts as _sentence_parts
from .sentence_parts import shifted as _shifted
from .sentence_parts import split as _split
from .stance_nl import stance
from .text_memo import LazyCensus, Memo

# Gates: one scan that tells when none of a group of cues can match (see LiteralGate).
_DECISION_WORDS = LiteralGate(*(cue[0] for cue in cues.DECISION_CUES))
_STANCE_WORDS = LiteralGate(cues.ATTITUDE_FRAME, cues.STRONG_STANCE, cues.OPINION)
_COMMITMENT_WORDS = LiteralGate(*(cue[0] for cue in cues.COMMITMENT_CUES), cues.PASSIVE_TASK,
                                cues.AGREED_THAT)
_PASSIVE_AUX = re.compile(r"(?:is|zijn|wordt|worden|werd|werden)\b(?! (?:het )?(?:\w+ )?akkoord)")
_CONTINUES = re.compile(r"(?:en|maar|ook) \w+")
# CLAUSE_SPLIT cuts only before "daarnaast", after ";" or around a white-space-delimited "en".
_CLAUSE_CUT = re.compile(r";|daarnaast|\sen\s")
# Every cue tried on the lower-cased pieces of a sentence: one scan per sentence tells which can match.
_CENSUS = CueIndex([_DECISION_WORDS, _STANCE_WORDS, _COMMITMENT_WORDS,
                    *(cue[0] for table in (cues.DECISION_CUES, cues.COMMITMENT_CUES, cues.STANCE_CUES)
                      for cue in table),
                    cues.EARLIER_DECISION, cues.LATER_MEETING, cues.CONCLUDES, cues.CONSENT, cues.ACCEPTS,
                    cues.BODY_REQUEST, cues.ATTITUDE_FRAME, cues.STRONG_STANCE, cues.OPINION,
                    cues.FIGURE_SIGN, cues.INDIRECT_QUESTION, cues.FINDING, cues.JOINS, cues.CALLED_OFF,
                    cues.PASSIVE_TASK, cues.AGREED_THAT, cues.PASSIVE, cues.PAST, cues.REPORTING,
                    cues.PRESENT_TASK, cues.NOW, cues.WEAK_TURN])
_DECISION_TABLE = _CENSUS.table(cues.DECISION_CUES, lambda cue: cue[0])
_COMMITMENT_TABLE = _CENSUS.table(cues.COMMITMENT_CUES, lambda cue: cue[0])
# What the cues read in a piece of text depends on that text alone: remembered by it (text_memo).
# Sentences, their clauses (apart in a sentence that decides), finer clauses, due dates.
_SENTENCES, _UNITS, _UNITS_IN_DECISION, _CLAUSES, _DUES = (Memo(50_000) for _ in range(5))


@register("rules")
def extract_with_rules(segmented: Segmented) -> tuple[list[ActorMention], list[Statement]]:
    """Actor mentions and statements for every agenda item of a document."""
    if segmented.meeting.language == "en":
        from .rules_en import extract_english

        return extract_english(segmented)
    nlp = pipeline("nl")
    mentions = _preamble_mentions(segmented, nlp)
    statements: list[Statement] = []
    body_names = frozenset(n.lower() for n in (segmented.meeting.body_label,
                                               segmented.meeting.body_acronym) if n)
    for item in segmented.items:
        clean_start = segmented.to_clean(item.span.start)
        text = segmented.clean[clean_start:segmented.to_clean(item.span.end)]
        if not text.strip():
            continue
        tokens = ItemTokens(nlp, text)
        ctx = ItemContext(segmented, item.order, clean_start, text, tokens.mentions(segmented, clean_start),
                          body_names, action_section=bool(ACTION_SECTION.search(item.heading)))
        row_statements, covered = row_commitments(ctx, item)
        statements.extend(row_statements)
        for sentence in tokens.sentences():
            for start, end in _sentence_parts(sentence, ctx):
                if not is_covered(ctx, start, end, covered):
                    statements.extend(_statements(ctx, start, end))
        mentions.extend(ctx.mentions)
    return mentions, statements


def _preamble_mentions(segmented: Segmented, nlp) -> list[ActorMention]:
    """Actors named before the first item (attendance, title): context for resolving offices."""
    if not segmented.items:
        return []
    end = segmented.to_clean(segmented.items[0].heading_span.start)
    text = segmented.clean[:end]
    if not text.strip():
        return []
    return ItemTokens(nlp, text).mentions(segmented, 0)


# ---- rows of action lists and commitment tables --------------------------------------------


# ---- sentences ---------------------------------------------------------------------------
def _statements(ctx: ItemContext, start: int, end: int) -> list[Statement]:
    piece = ctx.text[start:end]
    census = LazyCensus(_CENSUS, piece.lower())  # every piece below is a piece of this text
    found: list[Statement] = []
    decision, units = _SENTENCES.get(piece, _read_sentence, piece, census)
    if decision:
        offset = len(piece) - len(piece.lstrip())
        made = _decision_statement(ctx, start, end, piece.strip().lower(), decision, offset, census())
        found.extend(made)
        if not made:
            decision = None  # a member's request: positions come from the clauses below
    inherited = LazyAgents()  # the actors of the clauses before, worked out when asked
    readings = _UNITS if decision is None else _UNITS_IN_DECISION
    for u_start, u_end in _shifted(units, start):
        unit = ctx.text[u_start:u_end].lower()
        position, joined, clauses = readings.get(ctx.text[u_start:u_end], _read_unit, ctx.text, u_start,
                                                 u_end, unit, decision is not None, census)
        stance = position or _joins(ctx, joined)
        if stance is not None and decision is not None and u_start - start + stance[1] >= decision[2]:
            stance = None  # "Men besluit X te vragen ...": the request is part of the decision
        actors: tuple[ActorMention, ...] = ()
        if stance is not None:
            ctx.stances.append(stance[0][1])
            actors = clause_agents(ctx, u_start, u_end, stance[1]) or inherited.get()
            found.append(_make(ctx, u_start, u_end, "position", stance[0], actors,
                               stance=stance[0][1]))
        lead = LazyAgents()  # "X ontraadt de motie, maar zegt toe ...": X promises
        for c_start, c_end in _shifted(clauses, u_start):
            carried = LazyAgents(inherited, actors, lead)  # asked only by the cues that use it
            commitment = _commitment(ctx, c_start, c_end, end, carried, census)
            if commitment is not None:
                found.append(commitment)
                actors = actors or commitment.actors
            lead = LazyAgents(lead, partial(clause_agents, ctx, c_start, c_end, c_end - c_start))
        inherited = LazyAgents(actors, partial(clause_agents, ctx, u_start, u_end, len(unit)), inherited)
    return _merge_adjacent(ctx, found)


def _merge_adjacent(ctx: ItemContext, found: list[Statement]) -> list[Statement]:
    """Two predicates of one subject with the same kind and stance are one statement
    ("vindt het resultaat teleurstellend en mist een analyse" is one concern)."""
    merged: list[Statement] = []
    for statement in found:
        last = merged[-1] if merged else None
        if (last is not None and last.kind == statement.kind and last.kind != "decision"
                and last.stance == statement.stance and last.actors == statement.actors
                and 0 <= statement.evidence.start - last.evidence.end <= 3):
            segmented = ctx.segmented
            start, end = last.evidence.start, statement.evidence.end
            quote = " ".join(segmented.clean[segmented.to_clean(start):segmented.to_clean(end)].split())
            evidence = Evidence(start, end, quote, last.evidence.rule,
                                max(last.evidence.confidence, statement.evidence.confidence),
                                last.evidence.page)
            merged[-1] = Statement(last.kind, last.item_order, evidence, last.actors, last.stance,
                                   last.decision_type, last.status, last.task,
                                   last.due_text or statement.due_text)
            continue
        merged.append(statement)
    return merged


def _joins(ctx: ItemContext, at: int | None) -> tuple[cues.Cue, int] | None:
    """`X sluit zich hierbij aan` (JOINS found at `at`): X takes the stance of the position stated
    before it."""
    if at is None:
        return None
    return (cues.JOINS, ctx.stances[-1] if ctx.stances else "support", 0.6), at


def _read_sentence(piece: str, census: LazyCensus) -> tuple[tuple[cues.Cue, str, int] | None, list]:
    """A sentence's decision cue and its clauses (ranges within it)."""
    return _decision(piece.strip().lower(), census()), _split(piece, 0, len(piece), cues.CLAUSE_SPLIT,
                                                               _CLAUSE_CUT)


def _read_unit(text: str, start: int, end: int, unit: str, has_decision: bool, census: LazyCensus
               ) -> tuple[tuple[cues.Cue, int] | None, int | None, list[tuple[int, int]]]:
    """A clause's position cue, else where JOINS matches in it, and its finer clauses (ranges
    within it); `unit` is text[start:end] lower-cased."""
    position = _position(unit, has_decision, census())
    joined = None
    if not position:
        match = census().search(cues.JOINS, unit)
        joined = None if match is None else match.start()
    return position, joined, _split(text, start, end, cues.COMMITMENT_SPLIT, at=start)


def _decision(lowered: str, census: Census) -> tuple[cues.Cue, str, int] | None:
    """The decision cue, type and cue offset of a sentence; earlier decisions do not count."""
    if not census.possible(_DECISION_WORDS, lowered) or census.search(cues.EARLIER_DECISION, lowered):
        return None
    for cue in census.candidates(_DECISION_TABLE):
        match = census.search(cue[0], lowered)
        if match:
            kind = cue[1]
            if kind in {"adopted", "agreed"} and census.search(cues.LATER_MEETING, lowered):
                kind = "deferred"  # "wordt in de volgende vergadering vastgesteld"
            return cue, kind, match.start()
    return None


def _decision_statement(ctx: ItemContext, start: int, end: int, lowered: str,
                        decision: tuple[cues.Cue, str, int], offset: int, census: Census) -> list[Statement]:
    """A decision by its subject (else the body, in resolve), or one member's consent as a position."""
    cue, kind, at = decision
    marker = cue[0].pattern.startswith("^")
    passive = _PASSIVE_AUX.match(lowered[at:]) is not None
    if marker:
        actors = clause_agents(ctx, start, end, at + offset, first_after=True)
    else:  # in "De jaarverantwoording politie is vastgesteld" the police decide nothing
        actors = subject_of(ctx, start, end, at + offset, agents_only=passive)
    concluded = census.search(cues.CONCLUDES, lowered)
    if concluded:
        actors = body_after(ctx, start, end, concluded.end() + offset) or actors
    consent = census.search(cues.CONSENT, lowered)
    if consent and kind in {"agreed", "rejected"} and actors and not is_body(ctx, actors[0]):
        stance = "oppose" if " niet " in consent.group(0) else "support"
        if stance == "support" and census.search(cues.STANCE_CUES[0][0], lowered):
            stance = "conditional"  # "is akkoord met ..., mits ..."
        if stance == "support" and census.search(cues.ACCEPTS, lowered):
            return []  # an accepted request: the commitment comes from the clause rules
        return [_make(ctx, start, end, "position", (cues.CONSENT, stance, 0.7), actors, stance=stance)]
    request = census.search(cues.BODY_REQUEST, lowered)
    if request and kind == "agreed" and not marker:
        if not actors or not is_body(ctx, actors[0]):
            return []  # a member's request is a position, found clause by clause
        addressee = first_actor_after(ctx, start, end, request.start() + offset)
        due = find_due(ctx.text[start:end])
        return [_make(ctx, start, end, "decision", cue, actors, decision_type=kind),
                _make(ctx, start, end, "commitment", (cues.BODY_REQUEST, "requested", 0.65), addressee,
                      status="open", due_text=due[0] if due else None)]
    return [_make(ctx, start, end, "decision", cue, actors, decision_type=kind)]


def _position(unit: str, has_decision: bool, census: Census) -> tuple[cues.Cue, int] | None:
    """(stance cue, offset of the frame or stance word) when a clause states a position."""
    if census.search(cues.COMMITMENT_CUES[0][0], unit) or census.search(cues.ACCEPTS, unit):
        return None  # an "Actie:" line assigns a task, an accepted request is a promise
    if not has_decision and not census.possible(_STANCE_WORDS, unit):
        return None  # no frame, strong stance or opinion: None on every path below
    frame = census.search(cues.ATTITUDE_FRAME, unit)
    if has_decision and frame is None:
        return None
    if frame is None and census.search(cues.FIGURE_SIGN, unit):
        return None  # "het resultaat bedraagt € 412.000 positief" is a figure, not a stance
    if census.search(cues.INDIRECT_QUESTION, unit) or census.search(cues.FINDING, unit):
        return None
    strong = census.search(cues.STRONG_STANCE, unit) if frame is None else None
    if frame is None and not strong and not census.search(cues.OPINION, unit):
        return None  # the outcome below without a frame: asked first, it spares the stance cues
    found = stance(unit, census)
    if found is None:
        opinion = census.search(cues.OPINION, unit)
        return ((cues.OPINION, "request", 0.5), opinion.start()) if opinion else None
    cue, at = found
    if frame is None and not strong:
        return None
    if frame is None:
        cue = (cue[0], cue[1], cue[2] - 0.1)
    return cue, min(at, frame.start()) if frame else at


def _commitment(ctx: ItemContext, start: int, end: int, sentence_end: int,
                inherited: LazyAgents, census: LazyCensus) -> Statement | None:
    clause = ctx.text[start:end].lower()
    reading = _CLAUSES.get(clause, _read_clause, clause, census)
    if reading is None:
        return None
    cue, at, task = reading
    if cue is None:
        return _subject_task(ctx, start, end, sentence_end, clause, inherited, task)
    if cue[1] == "agreed-task":
        actors = that_subject(ctx, start + at, end)
        if not actors:
            return None
    elif cue[1] == "action":
        actors = clause_agents(ctx, start, end, at, first_after=True)
    elif cue[1] == "assigned":
        actors = addressee(ctx, start, end, at, clause)
    else:
        actors = clause_agents(ctx, start, end, at) or inherited.get()
    due = _due(ctx.text[start:end]) or _due(ctx.text[end:sentence_end])
    return _make(ctx, start, end, "commitment", cue, actors, status="open",
                 due_text=due[0] if due else None)


def _read_clause(clause: str, census: LazyCensus) -> tuple[cues.Cue | None, int, bool] | None:
    """What the cues say of a clause: None when it holds no commitment whoever acts, else its
    commitment cue and offset, or (None, 0, task) for `_subject_task`: whether a present-tense
    task is named."""
    sentence = census()
    if sentence.search(cues.CALLED_OFF, clause):
        return None
    cue, at = _commitment_cue(clause, sentence)
    if cue is None:
        # Cheapest and most often true first: any of them rules the clause out.
        if (sentence.search(cues.PAST, clause) or sentence.search(cues.PASSIVE, clause)
                or sentence.search(cues.REPORTING, clause) or sentence.search(cues.ATTITUDE_FRAME, clause)):
            return None
        return None, 0, sentence.search(cues.PRESENT_TASK, clause) is not None \
            and not sentence.search(cues.NOW, clause)
    if cue[1] == "willing" and sentence.search(cues.STANCE_CUES[0][0], clause):
        return None  # a conditional offer ("bereid ..., mits ...") is a position, not a promise
    return cue, at, False


def _due(text: str) -> tuple[str, int, int] | None:
    return _DUES.get(text, find_due, text)


def _subject_task(ctx: ItemContext, start: int, end: int, sentence_end: int, clause: str,
                  inherited: LazyAgents, task: bool) -> Statement | None:
    """`Het secretariaat stuurt ... na de zomer rond`: an actor, a present-tense task and a due date
    (or any such sentence in a Toezeggingen/Actielijst section); the clause is not ruled out by
    the cues (`_read_clause`) and `task` tells whether it names a present-tense task."""
    due = _due(ctx.text[start:end])
    if due is None and not ctx.action_section and not task:
        return None
    subject = leading_subject(ctx, start, end)
    if subject is None and inherited.get() and _CONTINUES.match(clause):
        subject = inherited.get()[0]  # "... en dient hierover een motie in": the subject carries over
    if subject is None:
        return None
    label = "dated-task" if due else ("present-task" if task else "action-section")
    cue = (cues.PRESENT_TASK, label, 0.6 if due or ctx.action_section else 0.55)
    return _make(ctx, start, end, "commitment", cue, (subject,), status="open",
                 due_text=due[0] if due else None)


def _commitment_cue(clause: str, census: Census) -> tuple[cues.Cue | None, int]:
    if not census.possible(_COMMITMENT_WORDS, clause):
        return None, 0  # none of the searches below can match
    for cue in census.candidates(_COMMITMENT_TABLE):
        match = census.search(cue[0], clause)
        if match:
            return cue, match.start()
    passive = census.search(cues.PASSIVE_TASK, clause)
    if passive and (" door " in clause or find_due(clause)) and not _decision(clause, census):
        return (cues.PASSIVE_TASK, "passive-task", 0.6), passive.start()
    agreed = census.search(cues.AGREED_THAT, clause)
    if agreed and not census.search(cues.PASSIVE, clause[agreed.end():]):
        return (cues.AGREED_THAT, "agreed-task", 0.65), agreed.end()
    return None, 0


def _make(ctx: ItemContext, start: int, end: int, kind: str, cue: cues.Cue,
          actors: tuple[ActorMention, ...], **fields: str | None) -> Statement:
    text = ctx.text
    while end > start and text[end - 1] == " ":
        end -= 1
    first, last = ctx.segmented.original_bounds(ctx.clean_start + start, ctx.clean_start + end)
    confidence = cue[2] - (0.1 if kind != "decision" and not actors else 0.0)
    evidence = Evidence(start=first, end=last, quote=" ".join(text[start:end].split()),
                        rule=f"nl:{kind}:{cue[1]}", confidence=round(max(confidence, 0.05), 2),
                        page=ctx.segmented.document.page_at(first))
    return Statement(kind=kind, item_order=ctx.order, evidence=evidence, actors=actors,  # type: ignore[arg-type]
                     **fields)  # type: ignore[arg-type]


__all__ = ["extract_with_rules", "GENERIC_OFFICES"]
