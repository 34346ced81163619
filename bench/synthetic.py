"""Synthetic LOVP-style minutes for benchmarks and cross-meeting tests.

Real minutes cannot be shared in bulk, so benchmarks and the link stage are
exercised on generated ones that look like them: a title line with the body
and date, `Onderwerp: tekst` agenda items, summary-style Dutch sentences with
varied (general) cues for positions, commitments and decisions, recurring
topics under varying headings, office holders that change over time, and
follow-ups of earlier commitments and deferred items in later minutes of the
same body. Output is deterministic for a given seed.

API: `generate(n, out_dir, seed=7) -> list[Path]` writes the files;
`meetings(n, seed=7)` yields `SyntheticMeeting` records (text plus the truth
about what was planted) without touching the disk, one at a time, so memory
stays flat in `n`. CLI: `python bench/synthetic.py N OUT_DIR [--seed S]`.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
START = date(2015, 1, 12)
SPAN_DAYS = 2920          # about eight years of meetings per body when n allows
CABINET_CHANGE = date(2017, 10, 26)   # V&J becomes JenV, Blok hands over to Grapperhaus

# (title used in the file, short slug for the file name)
BODIES = (
    ("Landelijk Overleg Veiligheid en Politie", "lovp"),
    ("Veiligheidsberaad", "veiligheidsberaad"),
    *((f"Regionaal Beraad Veiligheid {region}", f"rbv-{region.lower().replace(' ', '-')}")
      for region in ("Amsterdam", "Haaglanden", "Rotterdam-Rijnmond", "Utrecht", "Noord-Holland-Noord",
                     "Zaanstreek-Waterland", "Kennemerland", "Gooi en Vechtstreek", "Hollands Midden",
                     "Zuid-Holland-Zuid", "Zeeland", "Midden- en West-Brabant", "Brabant-Noord",
                     "Brabant-Zuidoost", "Limburg-Noord", "Zuid-Limburg", "Gelderland-Zuid",
                     "Gelderland-Midden", "Noord- en Oost-Gelderland", "IJsselland", "Twente",
                     "Drenthe", "Groningen", "Fryslân", "Flevoland")),
)

# Recurring topics: a key and the headings minutes use for it over the years.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ondermijning", ("Aanpak ondermijning", "Ondermijning", "Aanpak ondermijnende criminaliteit",
                      "Nationaal dreigingsbeeld/aanpak ondermijning")),
    ("politiebegroting", ("Begroting politie", "Politiebegroting", "Financiën politie",
                          "Begroting Nationale Politie")),
    ("capaciteit", ("Capaciteit politie", "Politiecapaciteit", "Sterkte en capaciteit politie")),
    ("informatiedeling", ("Informatiedeling", "Informatie-uitwisseling", "Informatiedeling ondermijning")),
    ("veiligheidsagenda", ("Veiligheidsagenda", "Voortgang Veiligheidsagenda",
                           "Veiligheidsagenda voortgang afspraken")),
    ("cybercrime", ("Cybercrime", "Aanpak cybercrime", "Digitale criminaliteit")),
    ("mensenhandel", ("Mensenhandel", "Aanpak mensenhandel")),
    ("radicalisering", ("Radicalisering en terrorisme", "Contraterrorisme", "Aanpak radicalisering")),
    ("coa", ("Incidenten overzicht COA locaties", "Incidenten COA-locaties", "Veiligheid rond AZC's")),
    ("screening", ("Screening van ketenpartners/VOG", "Screening medewerkers RIEC",
                   "VOG politiegegevens")),
    ("governance", ("Governance politie", "Sturing en governance politie", "Inrichting Nationale Politie")),
    ("jaarverantwoording", ("Jaarverantwoording politie", "Jaarverslag politie")),
    ("bewaken-beveiligen", ("Bewaken en beveiligen", "Stelsel bewaken en beveiligen")),
    ("ggz", ("Personen met verward gedrag", "Verward gedrag", "Zorg en veiligheid")),
    ("wijkagenten", ("Wijkagenten", "Inzet wijkagenten", "Gebiedsgebonden politiezorg")),
    ("drugs", ("Drugsbeleid", "Aanpak drugscriminaliteit", "Synthetische drugs")),
    ("jeugdcriminaliteit", ("Jeugdcriminaliteit", "Aanpak jeugdgroepen")),
    ("crisisbeheersing", ("Crisisbeheersing", "Crisisbeheersing en rampenbestrijding")),
    ("evenementen", ("Evenementen en voetbal", "Voetbal en veiligheid", "Inzet bij evenementen")),
    ("meldkamers", ("Meldkamers", "Meldkamerdomein", "Landelijke meldkamersamenwerking")),
)

ACTIVITIES = ("een brief aan de Tweede Kamer", "een plan van aanpak", "een notitie", "een voorstel",
              "een evaluatie", "een inventarisatie onder de gemeenten", "een bestuurlijk overleg",
              "een werkbezoek", "een rapportage over de voortgang", "een handreiking")
SUBJECT_GROUPS = ("de burgemeesters", "de regioburgemeesters", "de VNG", "het OM", "de politie",
                  "de gemeenten", "de portefeuillehouders")
DUE_PHRASES = ("voor 1 juli", "eind mei", "na de zomer", "in het najaar", "voor de zomer",
               "eind {year}", "Q3", "voor 1 december", "begin maart", "in de volgende vergadering")


@dataclass(frozen=True)
class PlantedCommitment:
    """A commitment planted in one meeting, and what became of it."""

    key: str          # unique id within the corpus
    body: str
    topic: str
    actor: str        # surface form as written
    task: str
    outcome: str = "open"   # open | fulfilled | withdrawn


@dataclass
class SyntheticMeeting:
    """One generated minutes text with the truth about what it contains."""

    name: str
    body: str
    date: date
    text: str
    topics: list[str] = field(default_factory=list)
    commitments: list[PlantedCommitment] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)      # keys of commitments followed up
    withdrawals: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)        # topics deferred here
    returned: list[str] = field(default_factory=list)        # topics returning after a deferral


@dataclass
class _BodyState:
    """What a body still has pending: open commitments and deferred topics."""

    count: int = 0
    pending: list[PlantedCommitment] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)


def date_nl(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _minister(day: date, rng: random.Random, full: bool = False) -> str:
    """The minister as minutes name them; office and holder depend on the date."""
    before = day < CABINET_CHANGE
    forms = (["de minister van Veiligheid en Justitie", "de minister van V&J", "minister Blok"]
             if before else
             ["de minister van Justitie en Veiligheid", "de minister van JenV", "minister Grapperhaus"])
    return forms[0] if full else rng.choice(forms + ["de minister"])


def _actor(day: date, rng: random.Random) -> str:
    return rng.choice((_minister(day, rng), "de politie", "de korpschef", "het OM", "de VNG",
                       "de regioburgemeesters", "de NCTV"))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(actor: str) -> bool:
    return actor.endswith(("burgemeesters", "gemeenten", "portefeuillehouders"))


def _position(rng: random.Random, topic_text: str) -> str:
    group = rng.choice(SUBJECT_GROUPS)
    verb = "hebben" if _plural(group) else "heeft"
    return _cap(rng.choice((
        f"{group} {verb} aangegeven dat zij zich zorgen maken over {topic_text}.",
        f"{group} {verb} bezwaren tegen het voorstel over {topic_text}.",
        f"{group} {verb} aangegeven akkoord te zijn met de aanpak, mits de gemeenten tijdig "
        f"worden betrokken.",
        f"{group} {verb} aangegeven dat er geen behoefte is aan nieuwe landelijke afspraken over "
        f"{topic_text}.",
        f"{group} willen graag betrokken worden bij de verdere uitwerking van {topic_text}."
        if _plural(group) else f"{group} wil graag betrokken worden bij {topic_text}.",
        f"{group} {verb} benadrukt dat de huidige inzet op {topic_text} onvoldoende is.",
        f"{group} {verb} geen bezwaar tegen de voorgestelde werkwijze.",
    )))


def _commitment(rng: random.Random, day: date, actor: str, task: str) -> str:
    due = rng.choice(DUE_PHRASES).format(year=day.year)
    aux = "zullen" if _plural(actor) else "zal"
    return _cap(rng.choice((
        f"{actor} {aux} {due} {task} opstellen.",
        f"{actor} zegt toe {due} {task} te sturen." if not _plural(actor)
        else f"{actor} zeggen toe {due} {task} te sturen.",
        f"{actor} {aux} {due} terugkomen op {task}.",
        f"Actie: {actor} maakt {due} {task}.",
        f"{actor} neemt het initiatief voor {task}." if not _plural(actor)
        else f"{actor} nemen het initiatief voor {task}.",
    )))


def _decision(rng: random.Random, heading: str, body_acronym: str) -> str:
    return rng.choice((
        f"De notitie over {heading.lower()} is vastgesteld.",
        f"Het {body_acronym} stemt in met het voorstel.",
        "Men heeft kennis genomen van de voortgangsrapportage.",
        f"Afgesproken is dat de werkgroep {heading.lower()} het voorstel verder uitwerkt.",
        "Het overleg neemt kennis van de stand van zaken.",
    ))


def _follow_up(rng: random.Random, planted: PlantedCommitment) -> str:
    """A later report that a commitment was carried out, phrased to suit the task."""
    subject, task = _cap(planted.task), planted.task
    if task.startswith(("een bestuurlijk overleg", "een werkbezoek")):
        done = (f"{subject} heeft plaatsgevonden.", f"{subject} heeft inmiddels plaatsgevonden.")
    elif task.startswith("een inventarisatie"):
        done = (f"{subject} is gebeurd.", f"{subject} is inmiddels uitgevoerd.")
    else:
        done = (f"{subject} is aan de Kamer gestuurd.", f"{subject} is verstuurd.",
                f"{subject} is opgeleverd.")
    verb = "hebben" if _plural(planted.actor) else "heeft"
    return rng.choice((*done, f"De toezegging over {task} is nagekomen; {planted.actor} {verb} "
                       f"dit afgerond."))


def _item(rng: random.Random, day: date, body: str, acronym: str, topic: tuple[str, tuple[str, ...]],
          state: _BodyState, meeting: SyntheticMeeting, serial: int) -> str:
    """One agenda item: heading, context, and a mix of statements."""
    key, headings = topic
    heading = rng.choice(headings)
    topic_text = heading.lower()
    lines = [f"Er is van gedachten gewisseld over de stand van zaken rond {topic_text}."]
    if key in state.deferred:
        state.deferred.remove(key)
        meeting.returned.append(key)
        lines.insert(0, "Dit onderwerp is in de vorige vergadering aangehouden.")
    for planted in [p for p in state.pending if p.topic == key]:
        state.pending.remove(planted)
        if rng.random() < 0.8:
            lines.append(_follow_up(rng, planted))
            meeting.follow_ups.append(planted.key)
        else:
            lines.append(rng.choice((f"{_cap(planted.task)} komt te vervallen.",
                                     f"De toezegging over {planted.task} is ingetrokken.")))
            meeting.withdrawals.append(planted.key)
    for _ in range(rng.randint(1, 2)):
        lines.append(_position(rng, topic_text))
    if rng.random() < 0.7:
        actor, task = _actor(day, rng), f"{rng.choice(ACTIVITIES)} over {topic_text}"
        planted = PlantedCommitment(f"{meeting.name}#{serial}", body, key, actor, task)
        lines.append(_commitment(rng, day, actor, task))
        meeting.commitments.append(planted)
        if len(state.pending) < 40:
            state.pending.append(planted)
    if rng.random() < 0.12 and key not in state.deferred:
        lines.append(rng.choice(("Het onderwerp wordt aangehouden tot de volgende vergadering.",
                                 "Het onderwerp komt terug op de agenda.")))
        state.deferred.append(key)
        meeting.deferred.append(key)
    elif rng.random() < 0.6:
        lines.append(_decision(rng, heading, acronym))
    return _wrap(f"{heading}: " + " ".join(lines))


def _wrap(paragraph: str, width: int = 88) -> str:
    """Hard line breaks like PDF-extracted minutes (not a heading break)."""
    out, line = [], ""
    for word in paragraph.split():
        if line and len(line) + len(word) + 1 > width:
            out.append(line + " ")
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return "\n".join(out)


def _preamble(rng: random.Random, day: date, label: str) -> list[str]:
    """Attendance lines as minutes open with; long enough that the body is read from the title."""
    city = rng.choice(("Utrecht", "Den Haag", "Zwolle", "Arnhem", "Den Bosch", "Leeuwarden"))
    return [f"Aanwezig: de voorzitter, {_minister(day, rng, full=True)}, de korpschef, "
            "de regioburgemeesters en de hoofdofficieren van justitie.",
            f"Afwezig met kennisgeving: de burgemeester van {city}.",
            f"Verslaglegging: secretariaat {label}. Plaats: {city}, aanvang 14.00 uur."]


def _dates(n: int, n_bodies: int, rng: random.Random) -> Iterator[tuple[int, date]]:
    """(body index, date): round robin over bodies; each body's dates strictly increase."""
    step = max(7, min(56, SPAN_DAYS * n_bodies // max(n, 1)))
    for i in range(n):
        body, k = i % n_bodies, i // n_bodies
        yield body, START + timedelta(days=k * step + body % 3 + rng.randint(0, min(3, step - 7)))


def meetings(n: int, seed: int = 7) -> Iterator[SyntheticMeeting]:
    """Yield `n` synthetic minutes, deterministic for `seed`, in generation order."""
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(seed)
    n_bodies = max(1, min(len(BODIES), n // 8))
    states = [_BodyState() for _ in range(n_bodies)]
    for body_index, day in _dates(n, n_bodies, rng):
        label, slug = BODIES[body_index]
        acronym = "LOVP" if slug == "lovp" else "overleg"
        state = states[body_index]
        state.count += 1
        meeting = SyntheticMeeting(f"{slug}-{day.isoformat()}", label, day, "")
        pool = list(TOPICS[: 8 + (body_index % 5) * 2])
        chosen = rng.sample(pool, k=min(len(pool), rng.randint(4, 8)))
        returning = [t for t in TOPICS if t[0] in state.deferred or
                     any(p.topic == t[0] for p in state.pending[:6])]
        for topic in returning[:3]:
            if topic not in chosen:
                chosen.append(topic)
        meeting.topics = [key for key, _ in chosen]
        kind = rng.choice(("Verslag", "Verslag", "Bestuurlijke terugkoppeling", "Besluitenlijst"))
        of = "van het " if label.startswith("Regionaal") else ""
        parts = [f"{kind} {of}{label} d.d. {date_nl(day)}", "", *_preamble(rng, day, label), ""]
        for serial, topic in enumerate(chosen):
            parts += [_item(rng, day, label, acronym, topic, state, meeting, serial), ""]
        meeting.text = "\n".join(parts)
        yield meeting


def generate(n: int, out_dir: Path | str, seed: int = 7) -> list[Path]:
    """Write `n` synthetic minutes as UTF-8 `.txt` files into `out_dir`; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for meeting in meetings(n, seed):
        path = out / f"{meeting.name}.txt"
        path.write_text(meeting.text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N synthetic LOVP-style minutes.")
    parser.add_argument("n", type=int, help="number of minutes (10 to 10,000 is the tested range)")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = generate(args.n, args.out_dir, seed=args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} minutes ({size / 1e6:.2f} MB) to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
