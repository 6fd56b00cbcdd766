"""Who says so: the sources and speakers a sentence attributes its content to.

"According to X", "X said (that)…", "…, a monitor reported.", a headline's
"IDF: …", and pronouns ("He said…") reaching back to the last speaker named.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .patterns import Caseless

SPEECH_VERB = r"said|says|say|told|warned|stressed|emphasi[sz]ed|denied|rejected|maintained|announced|announces?|insisted" \
               r"|confirmed|claimed|accused|added|noted|reaffirmed|defined|considers|stated|believes|quoted" \
               r"|reported|wrote|cited"

_ATTRIBUTION = re.compile(
    r"\baccording to (?P<acc>(?:[^,.;]|,(?=(?-i:\s*[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s*(?:,|\band\b))))+)"
    r"|\b(?P<rep>reports|media reports) (?:suggest|say|said|claim)\w*"
    r"|\b(?:reportedly|allegedly)\b",
    re.IGNORECASE,
)

_SPEECH = Caseless(
    rf"\s+(?:has |have |had )?(?:long )?(?P<verb>{SPEECH_VERB})\b(?P<that>(?:\s+[^,.;]{{0,40}}?)?\s+that\b)?")

_SUBJECT_BOUNDARY = re.compile(r"[,;:“”\"]")
_APPOSITION = re.compile(r"^\s*(?:in|near|from|of|based in|north of|south of|east of|west of|which|who|whose)\b",
                         re.IGNORECASE)
# "Local sources reported an Israeli incursion…": a source that reports, with or without "that"
_REPORTING_SOURCE = re.compile(r"\b(?:sources?|media|residents|activists|monitor|observatory|agency|outlets?|TV"
                               r"|television|channel|correspondents?|witnesses|eyewitnesses|SANA|SOHR)\s*$",
                               re.IGNORECASE)


@lru_cache(maxsize=256)
def said_that(sentence: str) -> tuple:
    """(subject, match) for each speech verb: the subject is the words before it back to a comma or quote."""
    return tuple(_find_said(sentence))


def _find_said(sentence: str):
    pos = 0
    for m in _SPEECH.finditer(sentence):
        if m.start() < pos:
            continue
        bounds = [b.end() for b in _SUBJECT_BOUNDARY.finditer(sentence, pos, m.start())]
        start = max([pos, m.start() - 120, *bounds])
        who = sentence[start : m.start()]
        # "Residents of Khan Arnabeh, in Quneitra province, told…": step back over an apposition
        floor = max(pos, m.start() - 120)
        while (not who.strip(" ,") or _APPOSITION.match(who)) and start - 1 > floor:
            end, start = start - 1, max([floor, *(b for b in bounds if b < start - 1)])
            who = sentence[start:end]
        if who.strip():
            yield who, m
            pos = m.end()


# "…, a monitor reported." attributes the whole sentence to its tail.
_TAIL_VERBS = "said|reported|added|claimed|stated|announced|confirmed|wrote|posted"
_SAID_AT_END = re.compile(
    rf",\s*(?P<who>(?:the |a |an )?[^,]{{2,60}}?)\s+(?:told [\w ]{{2,30}}|{_TAIL_VERBS})"
    r"(?:\s+(?:in a statement|in a briefing|on \w+day|late on \w+day|to reporters|on Telegram|last week|earlier"
    r"|this week)){0,3}[.\"”’]*\s*$"
)

# Verbs that attribute what follows without a "that" ("He said this called for…", "They rejected reports…").
_TAIL_VERB = re.compile(rf"\b(?:told|{_TAIL_VERBS})\b")
_STRONG_SPEECH = {"said", "says", "say", "told", "added", "stated", "claimed", "denied", "rejected", "warned", "announced",
                  "announces", "announce"}

_PRONOUN = re.compile(r"^(?:he|she|they|it)$", re.IGNORECASE)

_HEADLINE_SOURCE = re.compile(r"^(?P<who>[A-Z][\w.’'-]*(?: [\w.’'-]+){0,3}):\s")  # "Bloomberg: …", "IDF: …"

_QUOTED_AS = re.compile(
    r"(?:quoted (?P<a>[^,.;]+?) as saying|(?P<b>[A-Z][\w .-]+?) (?:was|were) (?:reported|quoted) as saying)"
)


def _tidy(who: str | None) -> str | None:
    if not who:
        return None
    who = re.sub(r"^\s*(?:however|but|and|also|on \w+day|earlier today)\b[\s,]*", "", who.strip(), flags=re.I)
    who = re.sub(r"\s+(?:on \w+day|earlier today|in (?:January|February|March|April|May|June|July|August"
                 r"|September|October|November|December))(?:\s+morning)?$", "", who)
    acronym = re.search(r"\(([A-Z]{2,})\)", who)
    if acronym:
        return acronym.group(1)
    who = re.sub(r"^(?:the|a|an)\s+", "", who.strip(), flags=re.I).strip(" ,")
    who = re.sub(r"(?:\s+(?:has|have|had|also|further|later|earlier|previously|again|too))+$", "", who)
    # "the Ministry of Defence has said", "SANA also said"
    return who or None

def _is_subject(who: str) -> bool:
    """A plausible speaker: short, and not a clause that merely ends in a noun."""
    return len(who.split()) <= 8 and not re.search(r"\b(?:that|which|if|when|because)\b", who, re.I)

def _merge_speaker(who: str, speakers: list[str]) -> str:
    """'the sources' after 'sources at the Turkish Defense Ministry' is the same speaker."""
    for earlier in reversed(speakers):
        if who.lower() in earlier.lower() or who.lower().rstrip("s") in earlier.lower():
            return earlier
    return who

def _resolve_pronoun(pronoun: str, speakers: list[str]) -> str:
    for earlier in reversed(speakers):
        if not _PRONOUN.match(earlier):
            return earlier
    return pronoun


def track_speakers(sentence: str, speakers: list[str]) -> None:
    """Remember who speaks in a sentence, for the pronouns of later ones ("He said…")."""
    for m in (_QUOTED_AS.finditer(sentence) if "as saying" in sentence else ()):
        speakers.append(_tidy(m.group("a") or m.group("b")))
    for raw, _ in said_that(sentence):
        who = _tidy(raw)
        if who and not _PRONOUN.match(who) and _is_subject(who):
            speakers.append(_merge_speaker(who, speakers))

def attribution(sentence: str, speakers: list[str]) -> tuple[str | None, int | None, str | None]:
    """(source, offset from which it holds, speaker) for a sentence.

    The source is who the sentence attributes its content to ("according
    to X", "X said that"); the speaker is the subject of a speech verb, who
    is the claimant of a denial.
    """
    speaker, said_at = _speaker(sentence, speakers)
    head = _HEADLINE_SOURCE.match(sentence)
    if head:
        return head.group("who"), None, speaker
    tail = _SAID_AT_END.search(sentence) if _TAIL_VERB.search(sentence, max(0, len(sentence) - 60)) else None
    if tail and _is_subject(tail.group("who")):
        who = _tidy(tail.group("who"))
        return who, None, speaker or who
    m = _ATTRIBUTION.search(sentence)
    if m:
        if m.group("acc"):
            return _tidy(re.split(r"\s+who\b", m.group("acc"))[0]), None, speaker
        if m.group("rep"):
            return "reports", None, speaker
        return (speaker, said_at, speaker) if speaker else (None, None, None)
    return speaker, said_at, speaker

def _speaker(sentence: str, speakers: list[str]) -> tuple[str | None, int | None]:
    for raw, m in said_that(sentence):
        verb = m.group("verb").lower()
        if verb not in _STRONG_SPEECH and not m.group("that") and not (
                verb in ("reported", "reports") and _REPORTING_SOURCE.search(raw)):
            continue
        who = _tidy(raw)
        if not who or not _is_subject(who):
            continue
        if _PRONOUN.match(who):
            who = _resolve_pronoun(who, speakers)
        return who, m.end("verb")
    return None, None
