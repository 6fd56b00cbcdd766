"""Places the gazetteer lacks: names a sentence uses as places, and where to put them.

A report names villages, hills and gates that no gazetteer holds ("Israeli forces entered
the village of Saida al-Hanout in the Quneitra countryside"). Two things follow from such a
name:

* ``unresolved_names`` lists every capitalised name in place position that is neither a
  gazetteer place nor an actor, for a person to correct on the Place names page;
* ``approximate_mentions`` keeps the claim of a name in a *strong* place frame ("the village
  of X", "X hill", "entered X", "villages …, among them X and Y") and puts it at the smallest
  area the text gives: the governorate or region named with it, the town it is near or
  south of, or the governorate of the report's last Syrian place. The claim is drawn at that
  area's precision and marked approximate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import gazetteer as gz

_ARTICLE = r"(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)-"
NAME = rf"(?:{_ARTICLE})?[A-Z][\w'’-]+"
_NAMES = rf"{NAME}(?:\s+{NAME}){{0,3}}"
_LIST = rf"{_NAMES}(?:(?:,\s+|\s+and\s+|,\s+and\s+){_NAMES})*"

#: The place-word lexicon (data/place_words.json): heads, plural heads and topographic words, and
#: the words and names that are no places.
LEXICON = Path(__file__).resolve().parent.parent / "data" / "place_words.json"
_WORDS = json.loads(LEXICON.read_text(encoding="utf-8"))
#: A list of names before one of these is a list of places ("Al-Wazir and Tel Baydar bases").
PLURAL_HEADS = "|".join(_WORDS["plural_heads"])
#: Place heads: what a name followed by one of these is ("Abu Qubais hill", "al-Asha gate").
HEADS = "|".join(_WORDS["heads"])

# "in/at/near … X", "the village of X", "X air base": any name in place position (for the Place names page)
_PLACE_LIKE = re.compile(
    rf"(?:\b(?:(?:in|at|near|into|outside|around|toward|towards)\s+(?:the\s+)?(?:(?:town|city|village|area|outskirts)\s+of\s+)?"
    rf"|(?:town|city|village|area|outskirts)\s+of\s+)(?P<a>{_NAMES}))"
    rf"|(?P<b>{_NAMES})(?=\s+(?:air ?base|airport|airfield|military base|base|garrison|outpost"
    r"|oil ?field|gas ?field|crossing|dam)\b)"
)

#: Arabic words that begin place names: mount, hill, valley, spring, ruin, village, monastery, house…
TOPOGRAPHIC = "|".join(_WORDS["topographic"])

# Strong frames: a name here is a place even when no gazetteer holds it.
_STRONG = re.compile(
    rf"\b(?:villages?|towns?|hamlets?|hills?|outskirts|farms|area|settlements?|localities|neighbou?rhoods?) of"
    rf"\s+(?:the\s+)?(?P<list>{_LIST})"
    rf"|\b(?:among them|including|such as|namely)\s+(?P<among>{_LIST})"
    rf"|\b(?:entered|entering|stormed|storming|raided|raiding|seized|seizing|captured|capturing"
    rf"|took control of|taking control of|(?:advanced|advancing|moved|pushed|incursion|incursions"
    rf"|penetrated|penetration)(?:\s+\w+ly)? (?:into|toward|towards|to))\s+(?:the\s+)?(?P<entered>{_NAMES})"
    rf"|\b(?:checkpoints?|positions?|outposts?|posts?|barracks|bases?|incursions?|raids?|patrols?|convoys?|troops|forces"
    rf"|tanks|bulldozers) (?:in|at|near|into|on the outskirts of|outside) (?:the\s+)?(?:(?:town|village) of\s+)?"
    rf"(?P<object>{_NAMES})"
    # a name whose first word is a hill, spring, valley, ruin… ("Jabal Manaa", "Tal al-Ahmar"): a place by its form
    rf"|(?<![\w-])(?P<formed>(?:{TOPOGRAPHIC})[ -](?:{_ARTICLE})?[A-Z][\w'’-]+(?:\s+{_ARTICLE}[A-Z][\w'’-]+){{0,2}})"
)
# Names before a place head ("Abu Qubais hill", "Al-Wazir and Tel Baydar bases"): sought only in
# sentences that hold such a head, since trying every capital letter is what costs.
_HEAD_WORD = re.compile(rf"\s(?:{HEADS}|{PLURAL_HEADS})\b", re.IGNORECASE)
_STRONG_HEAD = re.compile(rf"(?<![\w-])(?P<heads>{_LIST})(?=\s+(?i:{PLURAL_HEADS}|{HEADS})\b)")  # "X Bridge" too
_AMONG_NEEDS = re.compile(r"\b(?:villages|towns|hamlets|areas|localities|sites|positions|places|locations|points"
                          r"|bases)\b", re.IGNORECASE)
_GROUPS = ("list", "among", "entered", "heads", "object", "formed")
_LISTS = ("list", "among", "heads")
_SPLIT = re.compile(r",\s+and\s+|,\s+|\s+and\s+")

NOT_PLACES = frozenset(_WORDS["not_places"])
NOT_PLACE_NAMES = frozenset(_WORDS["not_place_names"])
#: "Kurdish-held", "Turkish-backed": a description, not a name.
_DESCRIPTIVE = re.compile(r"-(?:held|controlled|led|backed|run|based|occupied|made|linked|allied)\b")
#: How close (rapidfuzz ratio) a spelling must be to a well-known place's to be that place.
KNOWN_SCORE = 88.0


@dataclass(frozen=True)
class ApproximateMention(gz.PlaceMention):
    """A name the gazetteer lacks, used as a place, and the area it is put at."""

    area: gz.Place
    area_precision: int = 3


def _clean(name: str) -> str:
    """``name`` without the common words at either end, its spacing kept: a stretch of it, which
    the sentence holds (a name spaced "Tal  Tamr" is found again)."""
    words = list(re.finditer(r"\S+", name))
    while words and words[0].group() in NOT_PLACES:
        words.pop(0)
    while words and words[-1].group() in NOT_PLACES:
        words.pop()
    return name[words[0].start() : words[-1].end()] if words else ""


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())


@lru_cache(maxsize=64)
def is_title_case(sentence: str) -> bool:
    """Whether a line is a headline in title case, where capitals no longer mark names."""
    if len(sentence) > 240:
        return False  # a headline is short
    words = [w for w in _WORD.findall(sentence) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def unresolved_names(sentence: str, mentions, actor_mentions):
    """(name, start, end): capitalised names in place position ("at the Kharab Ishk base",
    "near Tal Tamr") that are neither gazetteer places, actors nor common capitalised words."""
    if is_title_case(sentence):
        return
    taken = [(m.start, m.end) for m in mentions] + [(m.start, m.end) for m in actor_mentions]
    for m in _PLACE_LIKE.finditer(sentence):
        group = "a" if m.group("a") else "b"
        a, b = m.span(group)
        name = m.group(group)
        if m.start() == 0 and group == "b" and name.split()[0] in NOT_PLACES:
            continue
        words = name.split()
        while words and words[0] in NOT_PLACES:
            words.pop(0)
        if not words or any(s < b and a < e for s, e in taken):
            continue
        name = " ".join(words)
        if name in NOT_PLACE_NAMES:
            continue
        yield name, b - len(name), b


def approximate_mentions(sentence: str, mentions: list[gz.PlaceMention], actor_mentions,
                         gazetteer: gz.Gazetteer, fallback: gz.Place | None = None,
                         ) -> tuple[list[gz.PlaceMention], list[gz.PlaceMention]]:
    """Names in a strong place frame that no gazetteer place holds, each put at the smallest
    area the sentence gives (``fallback``, the governorate the report names most, when it gives
    none) as an ``ApproximateMention`` — or, when its consonants match exactly one village of
    that area's governorate, as a mention of that village; names with no area at all are left
    out. Also returns the known mentions that were only a fragment of such a name ("Saida" in
    "Saida al-Hanout" is not Sidon)."""
    if is_title_case(sentence):
        return [], []  # "US Begins Full Withdrawal From Conoco Field Military Base": every word is capitalised
    frames = list(_STRONG.finditer(sentence))
    if _HEAD_WORD.search(sentence):
        frames += _STRONG_HEAD.finditer(sentence)
    actors = [(m.start, m.end) for m in actor_mentions]
    names = []  # (name, start, end, the known places strictly inside it)
    for m in frames:
        group = next(g for g in _GROUPS if g in m.re.groupindex and m.group(g))
        if group == "among" and not _AMONG_NEEDS.search(sentence, 0, m.start()):
            continue  # "including Hezbollah" is not a list of villages
        a = m.start(group)
        for part in _SPLIT.split(m.group(group)) if group in _LISTS else [m.group(group)]:
            start = sentence.index(part, a)
            a = start + len(part)
            name = _clean(part)
            if not name or name in NOT_PLACE_NAMES or len(name) < 3 or _DESCRIPTIVE.search(name):
                continue
            start = sentence.index(name, start)
            end = start + len(name)
            # a known place strictly inside the name is a fragment of it ("Saida" in "Saida al-Hanout")
            # (a region's name too: "al-Golan" in "the village of Saida al-Golan")
            inside = [pm for pm in mentions if start <= pm.start and pm.end <= end and (pm.start, pm.end) != (start, end)]
            names.append((name, start, end, inside))
    suspects = [pm for *_, inside in names for pm in inside]
    whole = [pm for pm in mentions if pm not in suspects]  # what the areas are read from
    out: list[gz.PlaceMention] = []
    fragments: list[gz.PlaceMention] = []
    for name, start, end, inside in names:
        others = [(pm.start, pm.end) for pm in mentions if pm not in inside] + actors + [(o.start, o.end) for o in out]
        if any(x < end and start < y for x, y in others):
            continue
        found = _reading(name, start, end, sentence, whole, gazetteer, fallback)
        if found is not None:
            out.append(found)
            fragments += inside
    return out, fragments


def _reading(name, start, end, sentence, mentions, gazetteer, fallback) -> gz.PlaceMention | None:
    """What a name in a strong place frame is: a well-known place under another spelling, a village
    of the governorate under another transliteration, or an unknown village put at the smallest
    area the sentence gives; ``None`` for a city abroad, a known name, or a name with no area."""
    if gz.name_key(name) in gz.abroad_names():
        return None  # "its bases in Benghazi": a city abroad
    candidates = gazetteer.candidates(name)
    area, precision = _area(sentence, start, mentions, gazetteer, fallback)
    if candidates:
        if not all(p.framed for p in candidates):
            return None  # a known name, found (or set aside) by the gazetteer already
        # a village the frame makes a place ("among them … and Tineh"): the one of the area's governorate
        here = [p for p in candidates if area is not None and p.admin1 == area.admin1] or \
            (candidates if len(candidates) == 1 else [])
        if len(here) == 1:
            return gz.PlaceMention(here[0], start, end, name, 1)
        # namesakes elsewhere only: an unknown village of this area after all
    else:
        known = [p for p, score in gazetteer.fuzzy(name, framed=False) if score >= KNOWN_SCORE]
        if known:  # a well-known place under another spelling ("Qara Qwzak"): that place, if in Syria
            return gz.PlaceMention(known[0], start, end, name, known[0].precision) if known[0].in_syria else None
    if area is None:
        return None
    village = _spelled_otherwise(name, area, gazetteer)
    if village is not None:  # "al-Mashirfa" in Quneitra is the gazetteer's Al Mushayrifah there
        return gz.PlaceMention(village, start, end, name, 1)
    place = gz.Place(area.place_id, name, (name,), "village", "SYR", area.admin1, area.lat, area.lon, 1,
                     None, None, f"approximate: somewhere in {area.name}")
    return ApproximateMention(place, start, end, name, 1, area, precision)


def _spelled_otherwise(name: str, area: gz.Place, gazetteer: gz.Gazetteer) -> gz.Place | None:
    """The one village of the area's governorate whose name has the same consonants (another
    transliteration of it), or ``None``."""
    if not area.admin1:
        return None
    close = [(p, score) for p, score in gazetteer.fuzzy(name) if p.admin1 == area.admin1 and p.in_syria
             and p.precision == 1]
    best = [p for p, score in close if score == close[0][1]] if close else []
    return best[0] if len(best) == 1 else None


_NEAR_BEFORE = re.compile(r"\b(?:near|around|outside|close to|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
                          r"\s+of|outskirts of|countryside of)\s+(?:the\s+)?(?:(?:town|city|village) of\s+)?$",
                          re.IGNORECASE)


def _area(sentence, at, mentions, gazetteer, fallback):
    """The smallest area the sentence gives for a name at ``at``: (place, precision) or (None, 0)."""
    syrian = [pm for pm in mentions if pm.place.in_syria and pm.place.kind != "country"]
    # "villages south of Kobani, among them …": the town they are near
    for pm in syrian:
        if pm.place.precision == 1 and _NEAR_BEFORE.search(sentence, max(0, pm.start - 25), pm.start):
            return pm.place, 2
    areas = [pm for pm in syrian if pm.place.precision >= 2 and pm.place.radius_km]
    if areas:  # the nearest governorate, district or region named with it
        best = min(areas, key=lambda pm: (abs(pm.start - at), -pm.place.precision))
        return best.place, best.place.precision
    for pm in sorted(syrian, key=lambda pm: abs(pm.start - at)):
        governorate = gazetteer.governorate(pm.place.admin1)
        if governorate is not None:
            return governorate, 3
    if fallback is not None:
        return fallback, fallback.precision
    return None, 0
