"""Dutch cue lexicons: what marks a position, commitment or decision.

Each cue is a regular expression over a lower-cased clause with white space
folded, paired with the label it signals and a confidence. Cues describe
how minutes phrase things in general (modal verbs, performative passives,
fixed formulas, negations), never one document's sentences. Order matters:
the first cue of a table that fits wins, so specific cues come before
generic ones (`Besluit: ... neemt kennis` is noted, not just agreed).
"""

from __future__ import annotations

import re

from .prefilter import compile as prefiltered

Cue = tuple[re.Pattern[str], str, float]

_W = r"(?:[\w'’-]+ )"  # one word and its space, for bounded gaps


def _cues(*rows: tuple[str, str, float]) -> tuple[Cue, ...]:
    return tuple((prefiltered(pattern), label, confidence) for pattern, label, confidence in rows)


# ---- decisions: the meeting itself concludes something -----------------------------------
DECISION_CUES = _cues(
    (rf"\b(?:wordt|worden|is|zijn) (?:{_W}{{0,3}})?niet (?:{_W}{{0,2}})?(?:overgenomen|aangenomen|"
     r"goedgekeurd|vastgesteld|ingestemd|akkoord bevonden)\b|\bstem(?:t|men) niet in\b", "rejected", 0.8),
    (rf"\b(?:is|zijn|wordt|worden) {_W}{{0,4}}(?:verworpen|afgewezen)\b", "rejected", 0.8),
    (rf"\b(?:is|zijn|wordt|worden) {_W}{{0,4}}(?:ingetrokken|teruggetrokken|van de agenda gehaald|"
     rf"afgevoerd)\b|\b(?:wordt|worden) {_W}{{0,3}}(?:geschrapt|geannuleerd|afgelast)\b|"
     r"\b(?:vervalt|vervallen|komt te vervallen|komen te vervallen)\b", "withdrawn", 0.8),
    (r"\b(?:kennis genomen|neemt kennis|nemen kennis|kennisgenomen|voor kennisgeving|"
     r"ter kennisname|heeft kennis|hebben kennis)\b", "noted", 0.85),
    (rf"\b(?:wordt|worden|is|zijn) {_W}{{0,3}}(?:aangehouden|uitgesteld|doorgeschoven|verdaagd)\b|"
     r"\bkom(?:t|en) terug op de agenda\b|\b(?:opnieuw|later|nogmaals) (?:wordt |worden )?geagendeerd\b|"
     rf"\b(?:wordt|worden) {_W}{{0,4}}(?:opnieuw|later|nogmaals) geagendeerd\b|"
     rf"\bvolgende (?:vergadering|overleg) {_W}{{0,3}}(?:besproken|geagendeerd|behandeld)\b|"
     r"\b(?:wordt|worden) (?:\w+ ){0,3}geagendeerd (?:voor|in|op|tijdens) (?:de|het|een)\b|"
     r"\b(?:discussie|bespreking|behandeling|gesprek)\b(?:\w|\s|[’'-])*\b(?:wordt|worden) (?:\w+ ){0,4}"
     r"(?:voortgezet|vervolgd)\b|"
     r"\bbesluitvorming (?:volgt|vindt (?:\w+ ){0,3}plaats)\b|"
     r"\bter (?:vaststelling|besluitvorming|bespreking|goedkeuring) (?:\w+ ){0,2}(?:voorgelegd|"
     r"geagendeerd|aangeboden)\b",
     "deferred", 0.85),
    (rf"\b(?:is|zijn|wordt|worden) {_W}{{0,4}}(?:vastgesteld|goedgekeurd|aangenomen|bekrachtigd|"
     r"vastgelegd)\b", "adopted", 0.9),
    (rf"\b(?:stelt|stellen) {_W}{{0,9}}vast\b|\bvaststelling van\b", "adopted", 0.8),
    # "Het voorstel om ... wordt overgenomen": a proposal taken over is adopted
    (r"\b(?:voorstel|advies|aanbeveling|amendement|suggestie|wijzigingsvoorstel)\b[^.;]*?"
     r"\b(?:wordt|worden|is|zijn) (?:\w+ ){0,3}overgenomen\b", "adopted", 0.8),
    (rf"\b(?:is|wordt|werd|worden) {_W}{{0,2}}(?:afgesproken|besloten|overeengekomen)\b|"
     r"^(?:afgesproken|besloten|overeengekomen) (?:wordt|is)\b", "agreed", 0.85),
    (r"\b(?<!\been )(?<!\bhet )(?<!\bdit )(?<!\bdat )(?<!\bgeen )(?<!\bdeze )(?<!\bzo'n )"
     r"(?:besluit|besluiten|besloot|spreekt af|spreken af|komen overeen|stemt in met|stemmen in met|"
     r"stemt ermee in|stemmen ermee in|gaat akkoord met|gaan akkoord met|neemt het besluit|"
     r"(?:is|zijn) akkoord met|als (?:hamerstuk|bespreekstuk|a-stuk|b-stuk)|"
     r"(?:geeft|geven|gaf) (?:\w+ ){0,4}(?:de )?opdracht|draagt (?:\w+ ){0,4}op|"
     r"(?:verzoekt|verzoeken|vraagt|vragen) (?:\w+ ){1,4}om (?:\w+ ){1,12}te \w+|"
     r"(?:adviseert|adviseren) (?:de raad |het college )?(?:positief|negatief|om|in te stemmen)|"
     r"nemen het besluit|concludeert dat|concluderen dat|(?:er is|is er|bestaat|er bestaat) "
     r"(?:\w+ )?(?:overeenstemming|consensus))\b", "agreed", 0.75),
    (r"^(?:besluit|besluiten|besloten|afgesproken|conclusie)\s*(?:[a-z]?-?\d[\w.-]*)?\s*:", "agreed", 0.9),
    (r"^(?:geconcludeerd|besloten|afgesproken|overeengekomen) (?:wordt|is)\b", "agreed", 0.85),
)

# Consent by one participant ("De burgemeester stemt in met") is a position, not a decision.
# Accepting a request ("De minister gaat hiermee akkoord") is a promise, not a stance.
ACCEPTS = prefiltered(r"\b(?:gaat|gaan|is|zijn) (?:hier|daar)mee akkoord\b|"
                     r"\b(?:stemt|stemmen) (?:hier|daar)mee in\b")
# A body asking someone to act decides; a member asking states a request.
BODY_REQUEST = prefiltered(r"\b(?:verzoekt|verzoeken|vraagt|vragen) (?:\w+ ){1,4}om (?:\w+ ){1,12}te \w+")
CONSENT = prefiltered(r"\b(?:stemt|stemmen) (?:niet )?(?:ermee )?in\b|\b(?:gaat|gaan|is|zijn) (?:niet )?"
                     r"akkoord\b")
# "De voorzitter concludeert dat het AB ...": the body after "dat" decides.
CONCLUDES = prefiltered(r"\bconclude(?:ert|ren|erde|erden) dat\b")
# A signed figure ("€ 412.000 positief", "2,3 miljoen negatief") reports a result, not a stance.
FIGURE_SIGN = prefiltered(r"\d\s*(?:euro|miljoen|mln|duizend|procent|%)?\s+(?:positief|negatief)\b")

# An adoption planned for a later meeting is a deferral.
LATER_MEETING = prefiltered(r"\b(?:in|op|tijdens) (?:de|het) (?:volgende|eerstvolgende|komende) "
                           r"(?:vergadering|overleg|bijeenkomst)\b")

# A decision only reported from an earlier meeting is not a new one.
EARLIER_DECISION = prefiltered(
    r"\b(?:eerder|destijds|vorige keer|vorige vergadering|vorig overleg|in \d{4}|reeds|al)\b"
    r"(?:(?!\ben\b)[\w\s’'-]){0,40}\b(?:besloten|vastgesteld|afgesproken|ingestemd|goedgekeurd)\b"
    r"|\bzoals (?:eerder |destijds |al )?(?:afgesproken|besloten|vastgesteld)\b"
    # "conform besloten/vastgesteld" adopts as proposed; only "conform eerder ..." looks back
    r"|\bconform (?:(?:eerder |destijds |al )(?:besloten|vastgesteld)|"
    r"(?:eerder |destijds |al )?afgesproken)\b"
    r"|\b(?:was|waren) (?:\w+ ){0,2}(?:besloten|afgesproken|vastgesteld)\b")

# ---- commitments: someone will do something ---------------------------------------------
COMMITMENT_CUES = _cues(
    (r"^(?:actie|acties|actiepunt|toezegging|afspraak)\s*(?:[a-z]?-?\d[\w.-]*)?\s*:", "action", 0.9),
    (rf"\b(?:zegt|zeggen) {_W}{{0,4}}toe\b|\btoegezegd\b|\b(?:doet|doen|deed) (?:de |een )?toezegging\b",
     "promise", 0.9),
    (rf"\b(?:zal|zullen)\b(?! {_W}{{0,3}}(?:moeten|kunnen|hebben|zijn)\b)"
     rf"(?! (?:{_W}{{0,4}})?(?:voor|tegen) {_W}{{0,4}}stemmen\b)", "modal-future", 0.75),
    (r"\bneemt het initiatief\b|\bnemen het initiatief\b|\bneem(?:t|en) contact op\b|"
     r"\bneem(?:t|en) (?:\w+ ){0,3}in behandeling\b", "initiative", 0.8),
    (rf"\b(?:komt|komen) {_W}{{0,4}}terug op\b(?! de agenda)|\bkom(?:t|en) hierop terug\b|"
     rf"\bkom(?:t|en) {_W}{{0,6}}op terug\b", "return-to", 0.85),
    (rf"\b(?:kondigt|kondigen) {_W}{{0,3}}aan\b|\b(?:komt|komen) {_W}{{0,6}}met een (?:\w+ )?"
     r"(?:plan|voorstel|brief|notitie|reactie|rapportage|uitwerking|visie|advies)\b", "announces", 0.75),
    (r"\b(?:is|zijn) (?:\w+ )?bereid\b", "willing", 0.7),
    (r"\b(?:gaat|gaan|is|zijn) (?:hier|daar)mee akkoord\b|\b(?:stemt|stemmen) (?:hier|daar)mee in\b",
     "accepts", 0.7),
    (r"\b(?:geeft|geven|gaf) (?:\w+ ){0,4}(?:de )?opdracht\b|\b(?:te )?(?:vragen|verzoeken) (?:\w+ ){1,6}"
     r"(?:op te stellen|uit te werken|te onderzoeken|aan te leveren|voor te bereiden|te organiseren|"
     r"uit te voeren|te maken|in te richten)\b", "assigned", 0.7),
    (r"\ber komt een\b|\bwordt (?:\w+ ){0,3}(?:georganiseerd|gepland|opgesteld|uitgewerkt|"
     r"voorbereid|opgepakt)\b", "planned", 0.65),
    (rf"\b(?:blijft|blijven) {_W}{{0,4}}(?:uitvoeren|doen|verzorgen|leveren)\b", "continues", 0.7),
    (rf"\b(?:gaat|gaan) {_W}{{0,5}}(?:opstellen|uitwerken|organiseren|onderzoeken|regelen|"
     r"verkennen|aanleveren|inventariseren|bespreken|zorgen|maken|schrijven|starten|"
     r"bekijken|uitzoeken|voorbereiden|ontwikkelen|evalueren|informeren)\b", "going-to", 0.7),
    (rf"\b(?:stuurt|sturen|levert|leveren|informeert|informeren|zorgt|zorgen) {_W}{{0,6}}"
     r"(?:uiterlijk|vóór|voor (?:\d|eind|begin|medio|de zomer|het einde)|binnen|eind|begin|medio)\b",
     "delivers", 0.6),
)

# Passive tasks count as commitments only with an agent (`door X`) or a due date.
PASSIVE_TASK = prefiltered(
    r"\b(?:wordt|worden) (?:\w+ ){0,10}(?:opgesteld|uitgewerkt|onderzocht|verkend|aangeleverd|"
    r"toegestuurd|verstuurd|gestuurd|uitgezocht|geïnventariseerd|nagegaan|voorgelegd|"
    r"opgeleverd|ingericht|opgezet|ontwikkeld|geëvalueerd|aangepast|gerapporteerd)\b")

# A that-clause after an agreement ("is afgesproken dat de politie ... uitwerkt").
AGREED_THAT = prefiltered(r"\b(?:afgesproken|besloten|overeengekomen|spreken af|spreekt af|"
                         r"komen overeen|concludeert|concluderen)\b,? (?:wordt |is )?dat\b")
PASSIVE = prefiltered(r"\b(?:wordt|worden|werd|werden)\b")
PAST = prefiltered(r"\b(?:heeft|hebben|had|hadden|was|waren|werd|werden|is (?:\w+ ){0,4}(?:ge\w+d|ge\w+t))\b")

# A plan called off is not an open commitment.
CALLED_OFF = prefiltered(r"\b(?:gaat niet door|gaan niet door|niet door(?:gaan|gegaan)|wordt niet|"
                        r"zal niet|zullen niet|afgeblazen|geannuleerd|afgelast|geschrapt|"
                        r"komt te vervallen|vervalt|is ingetrokken)\b")

# ---- positions ----------------------------------------------------------------------------
# Used right after a `\b`: the engine checks the cheap boundary first and the lookbehinds only
# where a word starts (the same matches as the other way round: both take no characters).
_NOT_NOUN = r"(?<!\bgeen )(?<!\bde )(?<!\bhet )(?<!\been )(?<!\bdie )(?<!\bdeze )(?<!\bhun )(?<!\bzijn )"

# Reported speech or attitude: the frame a position hangs in.
ATTITUDE_FRAME = prefiltered(
    r"\b" + _NOT_NOUN + r"(?:aangegeven|geven aan|geeft aan|gaf aan|gaven aan|benadrukt|benadrukken|"
    r"benadrukte|gesteld|stellen dat|stelt dat|vinden|vindt|vond|menen|meent|pleiten|pleit|gepleit|vragen|"
    r"vraagt|vroeg|gevraagd|verzoeken|verzoekt|verzocht|willen|wil graag|hopen|hoopt|wensen|wenst|"
    r"zijn van mening|is van mening|uitgesproken|spreken uit|spreekt uit|roepen op|roept op|"
    r"dringen aan|dringt aan|onderschrijven|onderschrijft|steunen|steunt|ondersteunen|ondersteunt|"
    r"is aangegeven|"
    r"wordt aangegeven|merken op|merkt op|opgemerkt|vrezen|vreest|maken zich|maakt zich|"
    r"toegelicht|bepleit|erkennen|erkent|uiten|uit hun|uit zijn|uit haar|delen|deelt|"
    r"wijst erop|wijzen erop|staat|staan|is er|zijn er|tevreden|overtuigd|voorstander|"
    r"tegenstander|is het|zijn het|wil dat|willen dat|wil wel|willen wel|mist|missen|te spreken|"
    r"kritisch|wil|stelt voor|stellen voor|waarschuwt|waarschuwen|acht|achten|verheugd|"
    r"laten aantekenen|laat aantekenen|gelukkig|(?:blijft|blijven) van mening|twijfelt|twijfelen|"
    r"(?:maakt|maken) een voorbehoud)\b"
    r"|\bsp(?:reekt|reken|rak|raken) (?:[\w'’-]+ ){0,4}uit\b")

# Stance cues, checked in order; the first that fits wins.
STANCE_CUES = _cues(
    (r"\b(?:mits|onder (?:de )?voorwaarde|op voorwaarde|voorwaardelijk|onder voorbehoud|"
     r"(?:wil|willen) eerst|afhankelijk van|op basis van nadere|(?:wil|willen|moet|moeten) wel|"
     r"pas na|pas als|pas wanneer|pas nadat|hecht eraan|hechten eraan|hecht er waarde aan|"
     r"hechten er waarde aan|slag om de arm|(?:maakt|maken) (?:een )?voorbehoud|"
     r"alleen (?:[\w'’-]+ ){0,3}(?:als|indien|wanneer))\b",
     "conditional", 0.85),
    (r"\b(?:geen bezwaar|geen bezwaren|niet afwijzend|geen probleem|geen moeite|niet negatief|"
     r"niet onwelwillend|niet tegen)\b", "support", 0.8),
    (r"\b(?:niet akkoord|niet mee eens|niet eens(?! (?:over|of)\b)|niet van overtuigd|niet overtuigd|"
     r"niet in met|oneens|tegen het|tegen de|tegen dit|tegen deze|tegen een|(?:is|zijn) (?:er )?tegen|"
     r"(?:deelt|delen) (?:\w+ ){0,2}zorgen? niet|"
     r"wijzen (?:\w+ ){0,3}af|wijst (?:\w+ ){0,3}af|geen meerwaarde|weinig meerwaarde|geen heil|"
     r"afwijzend|verzet|geen voorstander|tegenstander|geen behoefte|geen noodzaak|niet nodig|"
     r"niet wenselijk|onwenselijk|bezwaar|bezwaren|geen steun|niet steunen|niet positief|"
     r"stem(?:t|men|de|den) tegen|ontr(?:aadt|aden|aadde|aadden)|kan zich niet vinden|"
     r"tegen (?:te hebben |hebben |heeft )?gestemd|onverstandig|niet verstandig|onverantwoord|"
     r"niet uit te leggen|onacceptabel|onaanvaardbaar|niet acceptabel|(?:staat|staan) er niet achter|"
     r"kunnen zich niet vinden)\b",
     "oppose", 0.8),
    (r"\b(?:zorgen(?! (?:voor|dat|ervoor)\b)|zorg(?! (?:dragen|voor|dat)\b)|bezorgd|onvoldoende|"
     r"niet voldoende|ontoereikend|risico|risico's|"
     r"kritisch|kanttekening|kanttekeningen|vrezen|vreest|twijfel|twijfels|teleurgesteld|"
     r"maar nog|niet tevreden|ontevreden|teleurstellend|jammer|betreurt|betreuren|mist|missen|"
     r"ontbreekt|ontbreken|te laat|zorgelijk|problematisch|bedenkingen|vraagtekens|reserves|"
     r"terughoudend|sceptisch|huiverig|ongerust|bezorgdheid|nauwelijks|moeilijk|lastig|"
     r"niet haalbaar|onhaalbaar|onuitvoerbaar|niet uitvoerbaar|te weinig|te beperkt|waarschuwt|"
     r"waarschuwen|te lang|te traag|te hoog|te groot|te duur|te zwaar|(?:heeft|hebben) moeite met|"
     r"(?:heeft|hebben) (?:\w+ )?(?:vragen|zorgen) (?:bij|over)|niet gelukkig|ongelukkig|"
     r"twijfelt|twijfelen|vrijblijvend|te vaag|te krap|te summier|onduidelijk)\b",
     "concern", 0.75),
    (r"\b" + _NOT_NOUN + r"(?:willen graag|wil graag|graag|vragen|vraagt|vroeg|gevraagd|verzoeken|verzoekt|"
     r"verzocht|hopen|hoopt|wensen|wenst|pleiten|pleit|bepleit|gepleit|behoefte aan|moet ruimte zijn|"
     r"roepen op|roept op|dringen aan|dringt aan|willen|wil|aandacht voor|nodig is|nodig zijn|"
     r"het belang van|belang (?:van|bij)|stelt voor|stellen voor|doet het voorstel|suggereert|"
     r"noodzakelijk)\b", "request", 0.7),
    (r"\b(?:akkoord|steunen|steunt|steun|ondersteunen|ondersteunt|positief|onderschrijven|onderschrijft|"
     r"blij met|"
     r"verwelkomen|verwelkomt|staan achter|staat achter|eens met|instemmen|stemmen in|tevreden|"
     r"voorstander|enthousiast|waarderen|waardeert|waardering|complimenten|lof|te spreken over|begrip|"
     r"welwillend|sympathiek|kan zich (?:\w+ ){0,2}vinden|kunnen zich (?:\w+ ){0,2}vinden|"
     r"content|verheugd|ingenomen met|juicht (?:\w+ ){0,5}toe|juichen (?:\w+ ){0,5}toe|"
     r"staat positief|staan positief|(?:ziet|zien) (?:\w+ )?meerwaarde|voorkeur (?:voor|aan)|"
     r"(?:prefereert|prefereren))\b",
     "support", 0.75),
)

# Strong stance words carry a position even without a reporting frame.
STRONG_STANCE = prefiltered(r"\b(?:bezwaren|bezwaar|mits|akkoord|zorgen(?! (?:voor|dat|ervoor)\b)|"
                           r"zorg(?! (?:dragen|voor|dat)\b)|bezorgd|"
                           r"moet ruimte zijn|willen graag|wil graag|niet eens|overtuigd|"
                           r"tevreden|voorstander|tegenstander|afwijzend|positief|negatief|"
                           r"teleurstellend|kritisch|blij|behoefte aan|meerwaarde|begrip|bedenkingen|"
                           r"vraagtekens|reserves|terughoudend|welwillend|"
                           r"sceptisch|huiverig|(?:is|zijn) (?:er )?tegen|twijfels?|"
                           r"stem(?:t|men|de|den) tegen|ontr(?:aadt|aden|aadde|aadden)|"
                           r"(?:kan|kunnen) zich (?:\w+ ){0,2}vinden|juich(?:t|en) (?:\w+ ){0,5}toe|"
                           r"(?:heeft|hebben) moeite met|waardering|verheugd|niet gelukkig|"
                           r"onverstandig|onverantwoord|niet uit te leggen|onacceptabel|onaanvaardbaar|"
                           r"tegen (?:te hebben |hebben |heeft )?gestemd|voorkeur|prefereert|"
                           r"slag om de arm|twijfelt|twijfelen|vrijblijvend|voorbehoud|"
                           r"(?:staat|staan) er niet achter|kanttekeningen?)\b")
# An opinion frame with no stance word still states a position ("vindt dat gemeenten ... moeten").
OPINION = prefiltered(r"\b(?:vindt|vinden|vond|meent|menen|is van mening|zijn van mening|benadrukt|"
                     r"benadrukken) (?:[\w'’-]+ ){0,2}dat\b|\b(?:stelt|stellen) dat\b|"
                     r"\b(?:pleit|pleiten) (?:[\w'’-]+ ){0,2}(?:voor|ervoor)\b")

# A support clause turned by "maar" into a reservation.
CONTRAST = prefiltered(r",? maar\b|,? echter\b|, al (?:is|zijn)\b")
WEAK_TURN = prefiltered(r"\b(?:is|zijn) (?:\w+ )?bereid\b|\b(?:zal|zullen)\b")

# Indirect questions ("gevraagd welke ...") report a question, not a stance.
INDIRECT_QUESTION = prefiltered(r"\b(?:gevraagd|vraagt|vragen|vroeg|informeert|informeren)\b (?:\w+ ){0,4}"
                               r"(?:welke|wat|of|hoe|wanneer|waarom|wie|naar)\b")
# "sluit zich hierbij aan": the stance of the speaker before.
JOINS = prefiltered(r"\b(?:sluit|sluiten) zich (?:hier|daar)?(?:bij|aan bij)?\b(?:[\w'’ -]{0,40})?\baan\b|"
                   r"\b(?:sluit|sluiten) zich aan bij\b|\bonderschrij(?:ft|ven) dit\b")
# Reporting verbs: "De directeur antwoordt dat ..." reports, it does not commit.
REPORTING = prefiltered(r"\b(?:antwoordt|antwoorden|meldt|melden|vertelt|vertellen|licht toe|lichten toe|"
                       r"geeft aan|geven aan|schetst|schetsen|deelt mee|constateert|verwacht|"
                       r"verwachten|geeft een|presenteert|informeert|doet verslag|doen verslag|"
                       r"koppelt (?:\w+ )?terug|koppelen (?:\w+ )?terug)\b")
# Findings ("hieruit bleek") are reports, not stances.
FINDING = prefiltered(r"^(?:hieruit|daaruit|uit het onderzoek|uit de inventarisatie)\b|\bbleek\b|"
                     r"\bblijkt\b|\b(?:is|zijn) het (?:er )?(?:niet |nog niet )?(?:over )?eens (?:over|of)\b")
# Present-tense tasks of an actor that opens the clause ("De veiligheidsregio werkt een notitie uit").
PRESENT_TASK = prefiltered(
    r"\b(?:werkt|werken) (?:[\w'’-]+ ){0,8}uit\b|\b(?:stelt|stellen) (?:[\w'’-]+ ){1,8}op\b|"
    r"\bvoortaan\b|\b(?:stuurt|sturen|verstuurt|versturen|verzendt|verzenden|organiseert|organiseren|onderzoekt|onderzoeken|agendeert|agenderen|"
    r"inventariseert|inventariseren|verkent|verkennen|schrijft|schrijven|regelt|regelen)\b|"
    r"\b(?:bereidt|bereiden|legt|leggen) (?:[\w'’-]+ ){1,8}voor\b|\b(?:pakt|pakken) (?:[\w'’-]+ ){1,6}op\b|"
    r"\b(?:neemt|nemen) (?:[\w'’-]+ ){1,6}mee\b|\b(?:brengt|brengen) (?:[\w'’-]+ ){1,6}in kaart\b|"
    r"\b(?:levert|leveren) (?:[\w'’-]+ ){1,8}(?:aan|op)\b|"
    # a member tabling a motion or amendment takes part in the debate, it promises nothing
    r"\b(?:dient|dienen) (?!(?:[\w'’-]+ ){0,3}(?:motie|moties|amendement|amendementen)\b)"
    r"(?:[\w'’-]+ ){1,8}in\b")
NOW = prefiltered(r"\b(?:op dit moment|momenteel|nu|inmiddels|reeds|al|sinds|jaarlijks|altijd|"
                 r"regelmatig|doorgaans|steeds)\b")

# Verbs that start a second predicate after "en" ("steunt het plan en vraagt ...").
SECOND_PREDICATE = (r"(?:dient|dienen|licht|lichten|merkt|merken|wijst|wijzen|vindt|vinden|mist|missen|"
                    r"plaatst|plaatsen|sluit|sluiten|levert|leveren|stuurt|sturen|informeert|verzoekt|"
                    r"vraagt|vragen|verzoekt|verzoeken|steunt|steunen|pleit|pleiten|wil|willen|"
                    r"zegt|zeggen|zal|zullen|neemt|nemen|stelt|stellen|gaat|gaan|komt|komen|deelt|"
                    r"delen|benadrukt|benadrukken|roept|roepen|dringt|dringen|kondigt|kondigen|is|zijn|"
                    r"heeft|hebben|maakt|maken|uit|uiten)")
CLAUSE_SPLIT = prefiltered(rf"\s+(?=(?:en )?daarnaast\b)|;\s+|\s+en\s+(?=dat\b)|"
                          rf",?\s+en\s+(?={SECOND_PREDICATE}\b)")
COMMITMENT_SPLIT = prefiltered(r",?\s+maar\s+(?=\w)")
