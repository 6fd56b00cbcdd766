"""Status cues: the words that make a claim struck, withdrawn, denied, warned-about, planned or claimed,
and the words that make a sentence military, dated background, or a threat."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .patterns import Caseless

STATUSES = ("reported", "claimed", "planned", "warned-about", "denied", "withdrawn", "struck")

#: The cue lexicon (data/cues.json): each status's cue words, and the words of military matters.
LEXICON = Path(__file__).resolve().parent.parent / "data" / "cues.json"


@dataclass(frozen=True)
class CueLexicon:
    """The compiled cue lexicon: statuses in order of precedence, a pattern per status, and the
    pattern of military words."""

    precedence: tuple[str, ...]
    patterns: dict[str, Caseless]
    military: Caseless
    events: Caseless  # event nouns ("strikes", "withdrawals")
    event_statuses: tuple[tuple[re.Pattern, str | None], ...]  # the status each event noun gives

    def event_status(self, noun: str) -> str | None:
        """The status an event noun gives ("withdrawals": withdrawn; "patrols": None, presence)."""
        return next((status for pattern, status in self.event_statuses if pattern.fullmatch(noun)), None)


@lru_cache(maxsize=1)
def lexicon(path: Path = LEXICON) -> CueLexicon:
    """The cue lexicon of ``data/cues.json`` (read once, on first use)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = (set(data["statuses"]) | set(data["precedence"])) - set(STATUSES)
    if unknown:
        raise ValueError(f"{path.name}: statuses must be among {', '.join(STATUSES)}, got {', '.join(sorted(unknown))}")
    patterns = {status: Caseless(r"\b(?:" + "|".join(words) + r")\b") for status, words in data["statuses"].items()}
    military = Caseless(r"\b(?:" + "|".join(data["military"]) + r")\b")
    nouns = data.get("event_nouns", {})
    wrong = {st for st in nouns.values() if st is not None} - set(STATUSES)
    if wrong:
        raise ValueError(f"{path.name}: event nouns' statuses must be among {', '.join(STATUSES)} or null, "
                         f"got {', '.join(sorted(wrong))}")
    events = Caseless(r"\b(?:" + "|".join(nouns) + r")\b") if nouns else Caseless(r"(?!x)x")
    statuses = tuple((re.compile(noun, re.IGNORECASE), st) for noun, st in nouns.items())
    return CueLexicon(tuple(data["precedence"]), patterns, military, events, statuses)


EVENTS = ("struck", "withdrawn")

_INTENT_BEFORE = re.compile(
    r"\b(?:consider(?:s|ed|ing)?|plans? to|planned to|planning to|intends? to|intended to|will|would"
    r"|(?:may|might|could)(?!\s+(?:\w+\s+)?have\b)"
    r"|ordered (?:\w+ ){0,3}?to|instructed (?:\w+ ){0,3}?to"
    r"|options for|options of|ready to|prepar(?:es|ed|ing) to|expected to|decided to)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)

_THREAT_BEFORE = re.compile(r"\bthreat(?:en|ens|ened|ening)\s+to\s+$", re.IGNORECASE)


# Words that make a sentence about military presence at all.

_CLAUSE_BREAK = re.compile(
    r",\s+and\s+(?=(?:its|their|the|a|an|his|her|it|they)\b)|;\s*|:\s+|,\s+(?:while|but|whereas)\b"
    r"|\s+(?:after|before|since)\s+(?=\w+ing\b)|\s+and\s+(?=(?:regrouped|moved|relocated|redeployed|returned"
    r"|went|headed|set up|established)\b)|,\s+(?:quoting|citing)\b"
    # a second verb of the same subject: "…started pulling out of a base and are expected to finish withdrawing"
    r"|\s+and\s+(?=(?:is|are|was|were|will|would|has|have|had)\s+(?:\w+\s+)?(?:expected|due|set|scheduled|planning"
    r"|preparing|likely|poised)\b)"
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
MOVED = Caseless(r"\b(?:moved|relocated|redeployed|arrived|sent|based|stationed|remain\w*|stay\w*|kept|keeps|holds?"
                    r"|held|withdr\w*|left|returned|entered)\b")

PRESENT = Caseless(
    r"\b(?:now|currently|still|remains?|remaining|today|continues?|keeps|maintains|holds)\b"
    r"|\b(?:has|have)\s+(?:\w+\s+)?(?:left|withdrawn|moved|deployed|sent|pulled|arrived|returned|kept|stationed"
    r"|built|established|set up)\b")

OLD_DATE = re.compile(
    r"\b(?:in|between)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\s+)?((?:19|20)\d\d)\b|\bduring the (?:civil )?war\b"
    r"|\bback in\b|\b(?:after|before|during|under) the ((?:19|20)\d\d)\b"
    r"|\bonce (?:ran|held|had|kept|used|operated|controlled|hosted)\b|\bbefore the (?:fall|collapse|ouster) of\b"
    r"|\bfrom (?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"((?:19|20)\d\d)\b"
    # "On June 10, 1967, …", "on 5 June 1967" (not "since December 8, 2024")
    r"|(?:^\W*|\b(?:on|in)\s+)(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)),?\s+((?:19|20)\d\d)\b", re.IGNORECASE)

YEAR = re.compile(r"\bin (?:early |late |mid-)?(?:[A-Z][a-z]+ )?((?:19|20)\d\d)s?\b"
                   r"|\bin the past\b(?!\s+(?:\w+\s+)?(?:hours?|days?|weeks?|24|48|72|month)\b)|\bdecades ago\b"
                   r"|\byears ago\b|\bformerly\b|\bonce (?:held|used)\b|\bused to\b")

_DEMAND_BEFORE = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:on|for)|demand\w*|urg(?:e|es|ed|ing)|press(?:es|ed|ing)?(?!\s+(?:on|ahead)\b)"
    r"|ask(?:s|ed|ing)?)\b[^.;]*$",  # not "pressed on with their attacks"
    re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:possible|potential|feared|anticipated|imminent|future|expected|likely)\s+"
                           r"(?!to\b)(?:[\w-]+\s+)?$", re.IGNORECASE)  # ("expected to leave" is an intention)
_NEGATED = re.compile(r"\b(?:not|never)\s+(?:been\s+|be\s+|yet\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1024)  # the places of one clause ask about the same words
def read_status(scope_text: str, attributed: bool) -> tuple[str, re.Match | None]:
    cues = lexicon()
    for status in cues.precedence:
        for m in cues.patterns[status].finditer(scope_text):
            if status in EVENTS and _NEGATED.search(scope_text, max(0, m.start() - 16), m.start()):
                continue  # "have not been abandoned"
            if status in EVENTS and _HYPOTHETICAL.search(scope_text, max(0, m.start() - 25), m.start()):
                continue  # "on full alert over a possible Iranian attack"
            if status in EVENTS and _DEMAND_BEFORE.search(scope_text, max(0, m.start() - 90), m.start()):
                continue  # "calling on Israel to … withdraw": a demand, read by its own cue
            if status in EVENTS:
                denial = cues.patterns["denied"].search(scope_text, 0, m.start())
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
    if not _CIVILIAN.search(sentence):  # a withdrawal's words ("pulled out of") are military too
        return lexicon().military.search(sentence) is not None or \
            lexicon().patterns["withdrawn"].search(sentence) is not None
    return any(not _CIVILIAN_BEFORE.search(sentence[max(0, m.start() - 25) : m.start()])
               for m in lexicon().military.finditer(sentence))

_CIVILIAN = Caseless(r"\b(?:aid|humanitarian|relief|food|UN|trade|commercial)\b")

_CIVILIAN_BEFORE = re.compile(r"\b(?:aid|humanitarian|relief|food|UN|trade|commercial)\W+(?:\w+\W+)?$", re.IGNORECASE)

@lru_cache(maxsize=256)
def clauses_of(sentence: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of the clauses of the scope ``a``–``b`` of a sentence."""
    cuts = [a] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, a, b)] + [b]
    return list(zip(cuts, cuts[1:]))


def clause_of(sentence: str, a: int, b: int, at: int) -> tuple[int, int]:
    """The clause of the scope ``a``–``b`` that holds offset ``at``."""
    return next(((x, y) for x, y in clauses_of(sentence, a, b) if x <= at < y), (a, b))


def clause_status(sentence, a, b, pm, roles, attributed):
    """(status, cue words as written, cue offset in the sentence) for a place, from its own clause of the scope.

    A clause with no cue of its own and no actor of its own continues the previous
    one ("withdrew from Tal Tamr, and from Ain Eissa").
    """
    clauses = clauses_of(sentence, a, b)
    k = next(i for i, (x, y) in enumerate(clauses) if x <= pm.start < y or y == b)
    for i in range(k, -1, -1):
        x, y = clauses[i]
        status, cue = read_status(sentence[x:y], attributed)
        if cue is not None:
            return status, sentence[x + cue.start() : x + cue.end()], x + cue.start()
        has_actor = any(x <= m.start < y for m, r in roles if r == "force")
        if has_actor or i == 0:
            break
    status, cue = read_status(sentence[a:b], attributed) if len(clauses) == 1 else (
        ("claimed" if attributed else "reported"), None)
    if cue is None:
        return status, None, -1
    return status, sentence[a + cue.start() : a + cue.end()], a + cue.start()
