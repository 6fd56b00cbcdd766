"""Status cues: the words that make a claim struck, withdrawn, denied, warned-about, planned or claimed,
and the words that make a sentence military, dated background, or a threat."""

from __future__ import annotations

import re
from functools import lru_cache

STATUSES = ("reported", "claimed", "planned", "warned-about", "denied", "withdrawn", "struck")

PRECEDENCE = ("struck", "withdrawn", "denied", "warned-about", "planned", "claimed")

_CUES = {
    "struck": r"struck|strikes? (?:on|against|at|targeting|in|near)|(?:launched|fired|lobbed)(?: [\w-]+){0,6}? (?:at|on|toward|towards)"
              r"|attacks? (?:on|against)|attack(?:ed|ing)?|air ?strikes?|drone strikes?|bomb(?:ed|ing|arded|ardment)"
              r"|shell(?:ed|ing)|raided|targeted|attacked|hit",
    "withdrawn": r"withdr[ae]wn?|withdrawal|withdrawing|pull(?:ed|ing|s)?(?: [\w'-]+){0,6}? (?:out|back)|pull-?out|left"
                 r"|retreat(?:ed|ing|s)?|fled|fleeing|departures?|vanished|dismantl(?:ed|ing)|exit(?:ed|ing)"
                 r"|cut (?:the number of|its|their|troop|the) (?:\w+ )?(?:troops|forces|service members|personnel|numbers|presence)"
                 r"|reduc(?:ed|ing|tion)(?: in)? (?:the number of |its |their )?(?:troops|forces|service members|personnel|presence)"
                 r"|scal(?:ed|ing) (?:back|down)|downsiz(?:ed|ing)|shipp(?:ed|ing) (?:\w+ ){0,3}?out"
                 r"|departed|departure|drawdown|hand(?:ed|s|ing)?(?: [\w'-]+){0,3}? (?:over|back)|hand-?over"
                 r"|evacuat(?:ed|ion)|vacated|abandoned|closed down|crossed back|went home|returned home|headed back|clos(?:ed|ing)(?: down)?(?: [\w-]+){0,3}? (?:sites?|bases?"
                 r"|outposts?|positions?|posts?)|(?:were|was|are|is|been) gone|no longer (?:there|present)",
    "denied": r"den(?:ied|ies|y)|(?:a|its|their|his|her) denial|rejected|rejects|dismissed|refuted|baseless|not true"
              r"|no (?:\w+ ){0,2}(?:troops|forces|soldiers|bases?|presence)",
    "warned-about": r"warn(?:ed|s|ing)?|red lines?|unacceptable|alarms?|objected|objects to|oppos(?:ed|es)"
                    r"|condemn(?:s|ed|ing)?|call(?:s|ed|ing)? on [\w' ]{1,40}? to|illegal|illegitimate"
                    r"|must (?:be ended|end|leave|withdraw|go)"
                    r"|press(?:ed|es|ing)? [\w ]{1,30}? to (?:close|remove|expel|evict|end)|worr(?:y|ies|ied)"
                    r"|incompatible|(?:demand|call|urg)\w*[\w ]{0,30}? (?:withdrawal|to (?:leave|withdraw|close))"
                    r"|threat(?:en|ens|ened|ening)|will not (?:allow|tolerate|accept)|won't (?:allow|tolerate|accept)|security threat",
    "planned": r"plans?|planned|planning|intends?|intention|intended|will (?:deploy|establish|build|set up|station|send"
               r"|remain|stay|keep)|would (?:keep|remain|stay|continue|deploy|set up|build|establish)"
               r"|(?:talks|contacts|negotiations)[\w ]{0,160}? (?:continuing|continue|under way|ongoing)"
               r"|(?:wants?|wanted|seeks?|seeking|hopes?|hoping|aims?) to (?:keep|retain|stay|remain|set up|build|deploy"
               r"|establish|expand|return|station)"
               r"|will be (?:stationed|deployed|built|established|set up)|would be (?:built|set up|established|deployed)|to (?:establish|deploy|build|set up"
               r"|station|remain|stay|keep|retain|fortify|rebuild|hold on)|talks (?:are )?under way|negotiat\w+"
               r"|(?:a|the) deal|considering|proposed|preparing|pressing ahead|instructed|under construction"
               r"|setting up|expansion|expanding|bid for|(?:the )?return of|to resume|resumption of"
               r"|(?:about|on|over) (?:keeping|retaining|maintaining)|ordered (?:\w+ ){0,3}?to"
               r"|(?:expected|due|set|scheduled) to (?:\w+ )?(?:relocate|move|deploy|arrive|remain|stay|return|be deployed"
               r"|be stationed)|to relocate"
               r"|(?:pressing|pushing|calling|asking|lobbying) for (?:the )?(?:deployment|redeployment|stationing)",
    "claimed": r"reportedly|allegedly|alleged|according to|(?:is|are|was|were) said to|reports? (?:suggest|say|said|claim)"
               r"|claim(?:ed|ing|s)?|purported(?:ly)?|(?:was|were) told|estimated|believed to|thought to|suspected"
               r"|understood to|may (?:also )?have|might have|appears? to|apparently|accus(?:ed|ing)",
}

EVENTS = ("struck", "withdrawn")

_INTENT_BEFORE = re.compile(
    r"\b(?:consider(?:s|ed|ing)?|plans? to|planned to|planning to|intends? to|intended to|will|would"
    r"|(?:may|might|could)(?!\s+(?:\w+\s+)?have\b)"
    r"|ordered (?:\w+ ){0,3}?to|instructed (?:\w+ ){0,3}?to"
    r"|options for|options of|ready to|prepar(?:es|ed|ing) to|expected to|decided to)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)

_THREAT_BEFORE = re.compile(r"\bthreat(?:en|ens|ened|ening)\s+to\s+$", re.IGNORECASE)

CUE_RE = {status: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for status, pattern in _CUES.items()}

# Words that make a sentence about military presence at all.
MILITARY = re.compile(
    r"\b(?:forces?|troops?|soldiers?|military|army|armed|bases?|air ?bases?|airfield|garrison|outposts?|positions?"
    r"|deploy\w*|presence|stationed|withdr\w+|drawdown|strikes?|struck|airstrikes?|bomb\w*|jets?|drones?|convoys?"
    r"|air defen[cs]e|militias?|fighters|footprint|foothold|operated|operations|units?|division|brigade|patrols?"
    r"|captured|seized|occupied|naval|warplanes|missiles?|shelling|raid\w*|checkpoints?|facility|infrastructure"
    r"|contingent|compound|personnel|advisers|officers|commanders|warships?|navy|aircraft|helicopters|armou?red"
    r"|operat(?:es|ing|ion)|landing strip|airstrip|reinforcements"
    r"|military police|gunmen|incursion|shelled|hit)\b",
    re.IGNORECASE,
)

_CLAUSE_BREAK = re.compile(
    r",\s+and\s+(?=(?:its|their|the|a|an|his|her|it|they)\b)|;\s*|:\s+|,\s+(?:while|but|whereas)\b"
    r"|\s+(?:after|before|since)\s+(?=\w+ing\b)|\s+and\s+(?=(?:regrouped|moved|relocated|redeployed|returned"
    r"|went|headed|set up|established)\b)|,\s+(?:quoting|citing)\b"
    r"|,\s+(?:adding|saying|noting|insisting|stressing)\b|,?\s+(?=whose\b)"
    # a fronted subordinate clause ("Since Assad fled to Moscow in December, Russia has kept…")
    r"|^\W*(?:Since|After|When|Before|Following|Until|Once)\b[^,;]{3,90},\s*")

CONDITIONAL = re.compile(
    r"^\W*if\b(?P<cond>[^,]+),(?P<main>.*?\b(?:(?:will|would)\s+(?:strike|hit|target|attack|respond|act|bomb)"
    r"|(?:will|would)\s+not\s+(?:let|allow|tolerate|accept)|won't\s+(?:let|allow|tolerate)|(?:will|would)\s+consider"
    r"|(?:will|would)\s+treat|red line)\b.*)$",
    re.IGNORECASE,
)

# What a force named in an earlier sentence does in this one ("They have since moved to Albu Kamal").
MOVED = re.compile(r"\b(?:moved|relocated|redeployed|arrived|sent|based|stationed|remain\w*|stay\w*|kept|keeps|holds?"
                    r"|held|withdr\w*|left|returned|entered)\b", re.IGNORECASE)

PRESENT = re.compile(
    r"\b(?:now|currently|still|remains?|remaining|today|continues?|keeps|maintains|holds)\b"
    r"|\b(?:has|have)\s+(?:\w+\s+)?(?:left|withdrawn|moved|deployed|sent|pulled|arrived|returned|kept|stationed"
    r"|built|established|set up)\b", re.IGNORECASE)

OLD_DATE = re.compile(
    r"\b(?:in|between)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\s+)?((?:19|20)\d\d)\b|\bduring the (?:civil )?war\b"
    r"|\bback in\b|\b(?:after|before|during|under) the ((?:19|20)\d\d)\b"
    r"|\bonce (?:ran|held|had|kept|used|operated|controlled|hosted)\b|\bbefore the (?:fall|collapse|ouster) of\b"
    r"|\bfrom (?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"((?:19|20)\d\d)\b", re.IGNORECASE)

YEAR = re.compile(r"\bin (?:early |late |mid-)?(?:[A-Z][a-z]+ )?((?:19|20)\d\d)s?\b|\bin the past\b|\bdecades ago\b"
                   r"|\byears ago\b|\bformerly\b|\bonce (?:held|used)\b")

_DEMAND_BEFORE = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:on|for)|demand\w*|urg(?:e|es|ed|ing)|press(?:es|ed|ing)?|ask(?:s|ed|ing)?)\b[^.;]*$",
    re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|never)\s+(?:been\s+|be\s+|yet\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1024)  # the places of one clause ask about the same words
def read_status(scope_text: str, attributed: bool) -> tuple[str, re.Match | None]:
    for status in PRECEDENCE:
        for m in CUE_RE[status].finditer(scope_text):
            if status in EVENTS and _NEGATED.search(scope_text, max(0, m.start() - 16), m.start()):
                continue  # "have not been abandoned"
            if status in EVENTS and _DEMAND_BEFORE.search(scope_text, max(0, m.start() - 90), m.start()):
                continue  # "calling on Israel to … withdraw": a demand, read by its own cue
            if status in EVENTS:
                denial = CUE_RE["denied"].search(scope_text, 0, m.start())
                if denial:  # "dismissing as baseless claims that Turkish drones had targeted…"
                    return "denied", denial
            if status in EVENTS and _THREAT_BEFORE.search(scope_text, max(0, m.start() - 30), m.start()):
                continue  # "threatened to strike" is a warning, read by the cue "threatened"
            if status in EVENTS and _INTENT_BEFORE.search(scope_text, max(0, m.start() - 40), m.start()):
                # "considering withdrawing", "plans to strike": an intention, not the event
                return "planned", m
            return status, m
    return ("claimed" if attributed else "reported"), None

def is_military(sentence: str) -> bool:
    """Whether a sentence speaks of military matters at all (an aid convoy does not)."""
    if not _CIVILIAN.search(sentence):
        return MILITARY.search(sentence) is not None
    return any(not _CIVILIAN_BEFORE.search(sentence[max(0, m.start() - 25) : m.start()])
               for m in MILITARY.finditer(sentence))

_CIVILIAN = re.compile(r"\b(?:aid|humanitarian|relief|food|UN|trade|commercial)\b", re.IGNORECASE)

_CIVILIAN_BEFORE = re.compile(r"\b(?:aid|humanitarian|relief|food|UN|trade|commercial)\W+(?:\w+\W+)?$", re.IGNORECASE)

def clause_status(sentence, a, b, pm, roles, attributed):
    """(status, cue match, cue offset in the sentence) for a place, from its own clause of the scope.

    A clause with no cue of its own and no actor of its own continues the previous
    one ("withdrew from Tal Tamr, and from Ain Eissa").
    """
    cuts = [a] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, a, b)] + [b]
    clauses = list(zip(cuts, cuts[1:]))
    k = next(i for i, (x, y) in enumerate(clauses) if x <= pm.start < y or y == b)
    for i in range(k, -1, -1):
        x, y = clauses[i]
        status, cue = read_status(sentence[x:y], attributed)
        if cue is not None:
            return status, cue, x + cue.start()
        has_actor = any(x <= m.start < y for m, r in roles if r == "force")
        if has_actor or i == 0:
            break
    status, cue = read_status(sentence[a:b], attributed) if len(clauses) == 1 else (
        ("claimed" if attributed else "reported"), None)
    return status, cue, (a + cue.start() if cue else -1)
