"""Score extraction against gold annotations (format minutes-gold/1).

A prediction matches a gold statement when the kinds agree, the quotes
overlap by at least half of the shorter one (offsets in white-space-folded
text), and, where the gold names actors, one predicted actor resolves to
one of them by id, label or alias. Each gold statement matches at most one
prediction. Actors and topics are matched by label and alias.

Beyond the matching the format defines, the report says how often the
attributes of matched statements agree (stance, decision type, due date) and
whether the meeting's body, date and kind were found, because a researcher
relies on those too. A gold quote that is not in its document is a broken
gold file and is reported as such, not silently counted as a miss.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, UsageError
from .ingest.emit import source_id_for
from .ingest.pipeline import process_path
from .ingest.records import Actor, Resolved
from .ontology.terms import DEFAULT_BASE_IRI

KINDS = ("position", "commitment", "decision")
ATTRIBUTES = ("stance", "decision type", "due")
SCHEMA = "minutes-gold/1"
SOURCE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class DocumentScore:
    document: str
    scores: dict[str, Score]
    misses: list[tuple[str, str]] = field(default_factory=list)
    false_hits: list[tuple[str, str]] = field(default_factory=list)
    unfound: list[tuple[str, str]] = field(default_factory=list)
    attributes: dict[str, list[bool]] = field(default_factory=dict)
    attribute_errors: list[str] = field(default_factory=list)
    meeting: dict[str, bool] = field(default_factory=dict)
    notes: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass
class EvaluationReport:
    documents: list[DocumentScore]

    def total(self, kind: str) -> Score:
        total = Score()
        for doc in self.documents:
            total.add(doc.scores.get(kind, Score()))
        return total

    def statements(self) -> Score:
        total = Score()
        for kind in KINDS:
            total.add(self.total(kind))
        return total

    def agreement(self, name: str) -> tuple[int, int]:
        """(agreeing, compared) for an attribute of matched statements or a meeting field."""
        values = [v for d in self.documents for v in (d.attributes.get(name, []) if name in ATTRIBUTES
                                                      else [d.meeting[name]] if name in d.meeting
                                                      else [])]
        return sum(values), len(values)

    def render(self, verbose: bool = False) -> str:
        lines = [f"{'':14}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
        for name in (*KINDS, "actors", "topics"):
            lines.append(_line(name, self.total(name)))
        lines.append(_line("total", self.statements()))
        lines.append("\nagreement of matched statements and meeting metadata")
        for name in (*ATTRIBUTES, "body", "date", "kind"):
            good, seen = self.agreement(name)
            lines.append(f"  {name:<14}{good:4d} / {seen:<4d}")
        for doc in self.documents:
            if verbose or doc.unfound:
                lines.append(f"\n{doc.document}")
            lines += [f"  GOLD QUOTE NOT IN DOCUMENT {kind:<10} {quote}" for kind, quote in doc.unfound]
            if verbose:
                lines += [f"  MISS  {kind:<10} {quote}"
                          + (f"  [{doc.notes[(kind, quote)]}]" if (kind, quote) in doc.notes else "")
                          for kind, quote in doc.misses]
                lines += [f"  FALSE {kind:<10} {quote}" for kind, quote in doc.false_hits]
                lines += [f"  ATTR  {text}" for text in doc.attribute_errors]
                lines += [f"  META  {name} not found" for name, ok in doc.meeting.items() if not ok]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        names = (*KINDS, "actors", "topics")
        out: dict[str, object] = {n: _score_dict(self.total(n)) for n in names}
        out["total"] = _score_dict(self.statements())
        out["agreement"] = {n: dict(zip(("agree", "compared"), self.agreement(n), strict=True))
                            for n in (*ATTRIBUTES, "body", "date", "kind")}
        out["documents"] = {d.document: {k: _score_dict(v) for k, v in d.scores.items()}
                            for d in self.documents}
        return out

    @property
    def broken_gold(self) -> list[tuple[str, str, str]]:
        """(document, kind, quote) of gold quotes that are not in their document."""
        return [(d.document, k, q) for d in self.documents for k, q in d.unfound]


def _score_dict(score: Score) -> dict[str, float]:
    return {"precision": round(score.precision, 4), "recall": round(score.recall, 4),
            "f1": round(score.f1, 4), "tp": score.tp, "fp": score.fp, "fn": score.fn}


def _line(name: str, s: Score) -> str:
    return f"{name:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:5d}{s.fp:5d}{s.fn:5d}"


def evaluate_directory(directory: Path) -> EvaluationReport:
    """Score every NAME.gold.json in a folder against extraction of its document."""
    gold_files = sorted(Path(directory).glob("*.gold.json"))
    if not gold_files:
        raise UsageError(f"{directory}: no *.gold.json files found")
    return EvaluationReport([evaluate_file(path) for path in gold_files])


def evaluate_file(gold_path: Path) -> DocumentScore:
    gold = load_gold(gold_path)
    result = process_path(gold_source(gold_path, gold), DEFAULT_BASE_IRI)
    return score_document(gold, result.resolved)


def load_gold(gold_path: Path) -> dict:
    """A gold file, checked against the parts of minutes-gold/1 the scorer relies on."""
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(gold_path), f"not a readable JSON gold file ({exc})") from exc
    if not isinstance(gold, dict) or gold.get("schema", SCHEMA) != SCHEMA:
        raise InputError(str(gold_path), f"expected a JSON object with schema '{SCHEMA}'")
    for index, statement in enumerate(gold.get("statements", [])):
        if not isinstance(statement, dict) or statement.get("kind") not in KINDS \
                or not isinstance(statement.get("quote"), str) or not statement["quote"].strip():
            raise InputError(str(gold_path), f"statement {index + 1} needs a kind out of "
                                             f"{', '.join(KINDS)} and a non-empty quote")
    return gold


def gold_source(gold_path: Path, gold: dict) -> Path:
    """The minutes a gold file describes: its `document` field, else NAME.txt/.md/.pdf/... next to it."""
    gold_path = Path(gold_path)
    if gold.get("document"):
        candidates = [gold_path.with_name(str(gold["document"]))]
    else:
        stem = gold_path.name[: -len(".gold.json")]
        candidates = [gold_path.with_name(stem + suffix) for suffix in SOURCE_SUFFIXES]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise InputError(str(gold_path), f"its document {candidates[0].name} is not next to it")


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each original offset, its offset in the folded text."""
    out: list[str] = []
    mapping = [0] * (len(text) + 1)
    pending = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending = bool(out)
            mapping[i] = len(out)
            continue
        if pending:
            out.append(" ")
            pending = False
        mapping[i] = len(out)
        out.append(ch)
    mapping[len(text)] = len(out)
    return "".join(out), mapping


def score_document(gold: dict, resolved: Resolved) -> DocumentScore:
    text = resolved.segmented.document.text
    folded, mapping = fold_with_map(text)
    actors = {a.key: a for a in resolved.actors}
    gold_actors = {a["id"]: a for a in gold.get("actors", [])}
    doc = DocumentScore(document=source_id_for(gold.get("document", "")), scores={})
    for kind in KINDS:
        golds = [g for g in gold.get("statements", []) if g["kind"] == kind]
        preds = [p for p in resolved.statements if p.statement.kind == kind]
        doc.scores[kind] = _match(kind, golds, preds, folded, mapping, actors, gold_actors, doc)
    doc.scores["actors"] = _match_labels(
        [_names_gold(a) for a in gold.get("actors", [])],
        [_names_pred(a) for a in resolved.actors if _mentioned(a, resolved)])
    doc.scores["topics"] = _match_topics(gold.get("topics", []),
                                         [i.heading for i in resolved.segmented.items])
    doc.meeting = _meeting_agreement(gold.get("meeting") or {}, resolved)
    return doc


def _meeting_agreement(gold: dict, resolved: Resolved) -> dict[str, bool]:
    """Whether body (label or alias), date and kind of the meeting were found."""
    meeting = resolved.segmented.meeting
    found: dict[str, bool] = {}
    if gold.get("body"):
        names = {_body_name(gold["body"]), *(_body_name(a) for a in gold.get("body_aliases", []))}
        predicted = {_body_name(meeting.body_label or ""), _body_name(meeting.body_acronym or "")}
        found["body"] = bool(names & (predicted - {""}))
    if gold.get("date"):
        found["date"] = meeting.date is not None and meeting.date.isoformat() == gold["date"]
    if gold.get("kind"):
        found["kind"] = (meeting.kind or "").lower() == str(gold["kind"]).lower()
    return found


def _body_name(name: object) -> str:
    """'the Board' and 'Board' name the same body: compare without case or a leading article."""
    return re.sub(r"^(?:the|de|het)\s+", "", " ".join(str(name).lower().split()))


def _mentioned(actor: Actor, resolved: Resolved) -> bool:
    used = {k for s in resolved.statements for k in s.actor_keys}
    return actor.key in used or bool(actor.aliases)


def _find(folded: str, quote: str) -> tuple[int, int] | None:
    needle = " ".join(quote.split())
    at = folded.find(needle)
    if at < 0:
        at = folded.lower().find(needle.lower())
    return (at, at + len(needle)) if at >= 0 else None


def _match(kind: str, golds: list[dict], preds: list, folded: str, mapping: list[int],
           actors: dict[str, Actor], gold_actors: dict[str, dict], doc: DocumentScore) -> Score:
    pairs: list[tuple[float, int, int]] = []
    spans = [(mapping[p.statement.evidence.start], mapping[p.statement.evidence.end]) for p in preds]
    for gi, g in enumerate(golds):
        where = _find(folded, g["quote"])
        if where is None:
            doc.unfound.append((kind, g["quote"]))
            continue
        for pi, (ps, pe) in enumerate(spans):
            overlap = min(where[1], pe) - max(where[0], ps)
            shorter = min(where[1] - where[0], pe - ps)
            if shorter <= 0 or overlap < shorter / 2:
                continue
            if _actors_ok(g, preds[pi], actors, gold_actors):
                pairs.append((overlap / max(where[1] - where[0], pe - ps), gi, pi))
            else:
                doc.notes[(kind, g["quote"])] = ("found with other actors: "
                                                 + (", ".join(preds[pi].actor_keys) or "none"))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            _compare_attributes(golds[gi], preds[pi], doc)
    doc.misses += [(kind, g["quote"]) for i, g in enumerate(golds) if i not in used_g]
    doc.false_hits += [(kind, p.statement.evidence.quote) for i, p in enumerate(preds)
                       if i not in used_p]
    return Score(tp=len(used_g), fp=len(preds) - len(used_p), fn=len(golds) - len(used_g))


def _compare_attributes(gold: dict, pred, doc: DocumentScore) -> None:
    """Record whether stance, decision type and due date of a matched pair agree."""
    statement = pred.statement
    checks: list[tuple[str, object, object]] = []
    if "stance" in gold:
        checks.append(("stance", gold["stance"], statement.stance))
    if "type" in gold and statement.kind == "decision":
        checks.append(("decision type", gold["type"], statement.decision_type))
    if "due" in gold and statement.kind == "commitment":
        checks.append(("due", gold["due"], _due_value(gold["due"], pred)))
    for name, wanted, got in checks:
        ok = _same_due(wanted, got) if name == "due" else wanted == got
        doc.attributes.setdefault(name, []).append(ok)
        if not ok:
            doc.attribute_errors.append(f"{name}: gold {wanted!r}, found {got!r} in "
                                        f"{statement.evidence.quote[:70]!r}")


def _due_value(wanted: object, pred) -> str | None:
    """The predicted due date in the form the gold uses: ISO day, ISO month, or text."""
    if isinstance(wanted, str) and len(wanted) == 7 and pred.due is not None:
        return pred.due.isoformat()[:7]
    if pred.due is not None and isinstance(wanted, str) and wanted[:1].isdigit():
        return pred.due.isoformat()[:10] if pred.due_precision == "day" else pred.due.isoformat()[:7]
    return pred.statement.due_text


def _same_due(wanted: object, got: object) -> bool:
    if wanted is None or got is None:
        return wanted is None and got is None
    return _due_words(wanted) == _due_words(got)


def _due_words(due: object) -> str:
    """'before the next meeting' is due 'next meeting': a leading preposition or article is no part."""
    words = " ".join(str(due).lower().split())
    return re.sub(r"^(?:(?:by|before|at|to|for|in|op|tijdens|voor|vóór|uiterlijk)\s+)?(?:the|de|het)\s+",
                  "", words)


def _actors_ok(gold: dict, pred, actors: dict[str, Actor], gold_actors: dict[str, dict]) -> bool:
    if not gold.get("actors"):
        return True
    wanted: set[str] = set()
    for gid in gold["actors"]:
        wanted |= _names_gold(gold_actors.get(gid, {"id": gid}))
    for key in pred.actor_keys:
        actor = actors.get(key)
        names = _names_pred(actor) if actor else {key.lower()}
        if names & wanted:
            return True
    return False


# Pronouns and a bare office name no actor by themselves: they never count as a match.
PRONOUNS = frozenset({"de minister", "ze", "zij", "hij", "he", "she", "they", "it", "we", "him", "her",
                      "them"})


def _names_gold(actor: dict) -> set[str]:
    names = {str(actor.get("id", "")).lower(), str(actor.get("label", "")).lower()}
    names |= {a.lower() for a in actor.get("aliases", [])}
    return {n for n in names if n} - PRONOUNS


def _names_pred(actor: Actor) -> set[str]:
    names = {actor.key.lower(), actor.label.lower(), *(a.lower() for a in actor.aliases)}
    return {n for n in names if n} - PRONOUNS


def _match_labels(golds: list[set[str]], preds: list[set[str]]) -> Score:
    used: set[int] = set()
    tp = 0
    for names in golds:
        for i, pred in enumerate(preds):
            if i not in used and names & pred:
                used.add(i)
                tp += 1
                break
    return Score(tp=tp, fp=len(preds) - len(used), fn=len(golds) - tp)


def _match_topics(golds: list[dict], headings: list[str]) -> Score:
    from rapidfuzz import fuzz

    used: set[int] = set()
    tp = 0
    for topic in golds:
        names = [n.lower() for n in (topic.get("label", ""), topic.get("heading", "")) if n]
        for i, heading in enumerate(headings):
            h = heading.lower()
            if i not in used and any(n == h or fuzz.token_set_ratio(n, h) >= 85 for n in names):
                used.add(i)
                tp += 1
                break
    return Score(tp=tp, fp=len(headings) - len(used), fn=len(golds) - tp)


__all__ = ["Counter", "EvaluationReport", "evaluate_directory", "evaluate_file", "score_document"]
