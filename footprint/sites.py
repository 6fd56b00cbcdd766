"""Sites: whether a place a sentence names can carry a claim at all.

A place that only locates another ("al-Tanf in southern Syria", "in Jableh, Latakia",
"roughly 75 miles south of Palmyra"), stands for a government ("the government in Damascus",
"Damascus turned down…"), names a person ("Bashar al-Assad"), says where a report was filed
(a dateline), frames a list ("bases in Hasakah, including Qasrak…") or belongs to history gives
no claim; Syria itself is a place only when a force is put in it as a whole. "The town" and
"the base" stand for the last place of that kind named.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import cues
from . import gazetteer as gz
from . import sentences as sent

_INSTITUTION_BEFORE = re.compile(
    r"\b(?:government|authorities|officials|leadership|regime|embassy|people|talks|meeting|conference|court"
    r"|ministry|ministries|spokes(?:man|woman|person)|sources|newspaper|agency|statement|office|analysts|diplomats?"
    r"|reporters|residents of|activists)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)

#: A compass direction as an adjective or in "north of": "southwestern", "north-east of"
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_LOCATOR_BEFORE = re.compile(
    r"(?:\b(?:lies|lying|located|situated|based|sits)\b[^,.;]{0,25}"
    # "Al-Tanf, roughly 75 miles south of Palmyra"
    r"|^,?\s*(?:about|roughly|some|around|nearly|approximately|just)?\s*\d+(?:\.\d+)?\s*-?\s*"
    rf"(?:km|kilometers|kilometres|miles|mi)\s+(?:\w+\s+)?{_DIRECTION}\s+of\s+(?:the\s+)?(?:\w+\s+){{0,2}}?"
    r"|^,\s+(?:the|a|an)\s+[\w\s-]{0,30}?\b(?:in|near|outside|(?:north|south|east|west)(?:ern)?(?:-?(?:east|west))? of)"
    r"\s+(?:the\s+)?"
    r"|^\s*(?:(?:in\s+the\s+|[\w-]+\s+)?(?:hills|mountains|area|region|countryside|district|town|village|city|base|airbase|camp"
    r"|crossing|neighbou?rhood|suburbs?|outskirts))?"
    r"[\s,]*(?:in|of|near|close to|within|outside|on the (?:edge|outskirts) of"
    rf"|{_DIRECTION} of)?\s*(?:the\s+)?(?:{_DIRECTION}\s+)?"
    # "Kiswa, southwest of the Syrian capital Damascus", "the port city of Latakia"
    r"(?:(?:Syrian|Syria's|country's|coastal|port)\s+)?(?:(?:capital|port city|city|town|province|governorate)\s+)?)$",
    re.IGNORECASE,
)
# A city standing for its government: "Damascus turned down…", "talks with Damascus".
_METONYM_BEFORE = re.compile(
    r"\b(?:pressed|urged|asked|told|warned|accused|granted|with|between|by)\s+$"
    # a government given something: "had offered Damascus its military support", "backed Damascus"
    r"|\b(?:offer(?:s|ed|ing)?|promis(?:es|ed|ing)|gave|giv(?:es|ing)|hand(?:s|ed|ing)|suppl(?:ies|ied|ying)"
    r"|assur(?:es|ed|ing)|reassur(?:es|ed|ing)|back(?:s|ed|ing)|help(?:s|ed|ing)|assist(?:s|ed|ing))\s+$"
    r"|\b(?:backers?|allies|ally|supporters?|patrons?|partners?|rivals?|enemies|enemy|relations) (?:of|with)\s+$"
    r"|\b(?:Ankara|Moscow|Tehran|Washington|Jerusalem|Beirut|Baghdad|Amman|the Kremlin)\s+and\s+$"
    # a capital visited for talks, or where a government sits: "visiting Damascus", "now in power in Damascus"
    r"|\b(?:visit(?:s|ed|ing)?|visit to|trip to|in power in|rules? from|ruling from)\s+$"
    r"|\b(?:administration|government|authorities|leadership|rulers|regime) in\s+$"
    r"|\b(?:leads?|leading|governs?|governing)\s+$"  # "whoever leads Damascus in future"
    # who is based there is no force: "two foreign security officials based in Damascus"
    r"|\b(?:officials?|diplomats?|correspondents?|reporters?|journalists?|sources?|analysts?|envoys?)\s+(?:based\s+)?in\s+$")

_METONYM_AFTER = re.compile(
    r"^\s+(?:(?:has|had|have)\s+)?(?:(?:could|would|should|will|may|might|must|can)\s+(?!be\b|been\b)\w+"
    r"|said|says|turned|granted|agreed|wants|insist\w*|reject\w*|denied|asked|told|announced|signed|accepted"
    r"|approved|refused|demanded|accused|hopes|believes|pressed|welcomed|condemned)\b"
    r"|^\s+(?:regime|government|authorities|administration|correspondents?|bureau|office)\b"
    r"|^\s+(?:is|was)\s+(?:now\s+)?(?:weighing|considering|seeking|trying|looking|hoping|expected to)\b"  # "the Damascus regime \"betrayed\" them"
)
# "President Ahmed al-Sharaa", "Bashar al-Assad": a name, even where a village shares it.
_PERSON_WORDS = (
    r"\b(?:Ahmed|Ahmad|Mohammed|Muhammad|Mohamed|Bashar|Hafez|Maher|Asma|Ali|Hassan|Hussein|Omar|Khaled|Khalid"
    r"|Mahmoud|Abdullah|Abu|Rami|Faisal|Hamza|Anas|Asaad|Murhaf|Ibrahim|Youssef|Yusuf|Mustafa|Salim|President"
    r"|Minister|Sheikh|General|Gen\.|Mr\.?|Dr\.?)\s+(?:[Aa]l[- ]|[Ee]l[- ])?")
_PERSON_BEFORE = re.compile(_PERSON_WORDS + "$")
_PERSON = re.compile(rf"(?:{_PERSON_WORDS})+(?P<surname>[A-Z][\w'’-]+)")  # "President Ahmed al-Sharaa"
_PLACE_NOUN_BEFORE = re.compile(r"\b(?:town|village|city|area|countryside) of\s+$", re.IGNORECASE)


def persons(text: str) -> frozenset[str]:
    """The surnames of the people a report names with a first name or title ("President Ahmed
    al-Sharaa"): the same word alone elsewhere in it ("Sharaa is looking for…") is that person."""
    return frozenset(gz.exact_key(m.group("surname")) for m in _PERSON.finditer(text))


def is_person(sentence: str, pm: gz.PlaceMention, named: frozenset[str]) -> bool:
    """Whether a place mention is the surname of a person the report names."""
    return bool(named) and gz.exact_key(pm.text) in named and not _PLACE_NOUN_BEFORE.search(sentence, max(0, pm.start - 30), pm.start)

_DATELINE = re.compile(r"^[A-Z][A-Z' -]{2,}(?=,|\s+\(|\s+[–—-])")


# "Syria" as the place of a country-wide claim ("the last US troops left Syria", "troops in Syria will
# be cut"), not as the state that speaks or is spoken with, nor as the owner of something narrower.
_COUNTRY_BEFORE = re.compile(r"\b(?:in|into|inside|from|out of|across|throughout|leave|leaving|left|enter\w*"
                             r"|(?:parts|areas|swathes|regions) of"
                             r"|over|to|on|struck|strike|hit|bomb\w*|attack\w*|deployed to|stay in)\s+(?:the\s+)?$",
                             re.IGNORECASE)

_COUNTRY_AFTER = re.compile(r"^(?:['’]s?\b|-\w|\s+(?:and|or)\s+(?:Iraq|Lebanon|Jordan|Turkey|Israel|Iran|Yemen|Gaza)\b)")


def _country_wide(sentence: str, pm) -> bool:
    """Whether the country itself ("Syria", "Syrian territory") is where a sentence puts a force."""
    if pm.text.endswith(("'s", "’s")) or _COUNTRY_AFTER.match(sentence[pm.end:]) \
            or _METONYM_AFTER.match(sentence[pm.end:]):
        return False  # "Syria's new leadership", "Syria-Turkey border", "Syria and Iraq", "Syria said"
    if not _COUNTRY_BEFORE.search(sentence[max(0, pm.start - 30) : pm.start]):
        return False
    # the force itself, not its influence or its talks, must stand just before: "its forces from Syria",
    # and not as what the actor backed ("backed opposition forces in Syria")
    window = max(0, pm.start - 70)
    force = [m for m in _COUNTRY_FORCE.finditer(sentence, window, pm.start)]
    return bool(force) and not _BACKED_BEFORE.search(sentence, max(0, force[-1].start() - 40), force[-1].start())


_BACKED_BEFORE = re.compile(r"\b(?:backed|backing|supported|supporting|armed|arming|funded|funding|trained|training)\s+"
                            r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


_COUNTRY_FORCE = re.compile(
    r"\b(?:troops?|forces|soldiers|bases?|personnel|strikes?|airstrikes?|raids|jets|warplanes|drones|military|presence"
    r"|deploy\w*|advisers|officers|fighters|units|contingent|operations|operatives|servicemen|service members"
    r"|garrisons?|facilit(?:y|ies)|footprint|boots|occup\w+|incursions?|patrols?|militias?|militiamen|groups|factions|withdr\w+)\b",
    re.IGNORECASE)


def _is_address(first: gz.Place, then: gz.Place) -> bool:
    """Whether ``then`` after "first, " only says where ``first`` is: a governorate's namesake city
    or the governorate itself, in the governorate ``first`` lies in ("al-Bab, Aleppo")."""
    if not first.admin1 or then.admin1 != first.admin1 or first.place_id == then.place_id:
        return False
    if then.kind == "governorate":
        return True
    return then.kind == "city" and gz.name_key(then.admin1) in {gz.name_key(n) for n in (then.name, *then.names)}


_BACK_REFERENCE = re.compile(r"\bthe (?:[\w-]+ ){0,2}?(?P<noun>town|village|city|base|air ?base|airport|airfield|dam"
                             r"|crossing)\b(?!\s+of\b|\s+in\b)|\bthe (?P<country>country)\b(?!['’]s|\s+of\b)",
                             re.IGNORECASE)

_NOUN_KINDS = {**dict.fromkeys(("town", "village", "city"), gz.SETTLEMENT_KINDS),
               "dam": frozenset({"dam"}), "crossing": frozenset({"border-crossing"}), "country": frozenset({"country"})}



def back_references(sentence: str, known: list[gz.PlaceMention], recent: list) -> list[gz.PlaceMention]:
    """"the town", "the base" standing for the last place of that kind named before it, in this
    sentence or the two before ("Residents of Khan Arnabeh saw Israeli tanks on the edge of the town")."""
    out = []
    for m in _BACK_REFERENCE.finditer(sentence):
        if any(k.start < m.end() and m.start() < k.end for k in known):
            continue  # part of a name ("the Hmeimim air base", "the Tishrin Dam")
        noun = (m.group("noun") or m.group("country")).lower().replace(" ", "")
        kinds = _NOUN_KINDS.get(noun, gz.SITE_KINDS)
        before = [k.place for k in known if k.end <= m.start()]
        candidates = [p for p in reversed(before) if p.in_syria and p.kind in kinds] or [
            p for _, p in reversed(recent) if p.kind in kinds]
        if candidates:
            out.append(gz.PlaceMention(candidates[0], m.start(), m.end(), m.group(), candidates[0].precision))
    return out


_INDEFINITE = re.compile(r"\b(?:an?|some|several|one|two|three)\s+(?:[\w-]+\s+){0,3}?[\w-]+$"
                         # or the unnamed site already spoken of: "…leading down to the site, which lies…"
                         r"|\bthe (?:site|facility|depot|compound|camp|target|position|complex)$", re.IGNORECASE)
_OTHER_SIDE = re.compile(r"\b(?:on|from) the (?:Iraqi|Lebanese|Turkish|Jordanian|Israeli) side\b", re.IGNORECASE)
_ABROAD_BEFORE = re.compile(
    r"\b(?:Lebanese|Iraqi|Turkish|Jordanian|Israeli|Iranian)\s+(?:border\s+)?(?:village|town|city|province|district"
    r"|region|area)\s+(?:of\s+)?$", re.IGNORECASE)
_COMMA_LOCATOR_BEFORE = re.compile(
    rf",\s*(?:close to|near|not far from|outside|(?:just\s+)?{_DIRECTION} of)\s+the\s+(?:\w+ern\s+)?"
    r"(?:city|town|village|provincial capital) of\s+$",
    re.IGNORECASE)
_DIRECTION_GAP = re.compile(
    r"\s*(?:(?:hills|mountains|heights|area|region|countryside|plains?|valley|desert)\s+)?(?:(?:just|some|about)\s+)?"
    rf"{_DIRECTION}\s+of\s+(?:the\s+)?(?:(?:city|town|village|province|governorate) of\s+)?", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\b[^,;]*$", re.IGNORECASE)
_CROSSED_BEFORE = re.compile(r"\bcross(?:ed|es|ing)?\s+(?:the\s+)?$", re.IGNORECASE)
_LOCATES = re.compile(r"\b(?:lies|lie|lying|located|situated|sits)\b", re.IGNORECASE)
_FRAMES_LIST_AFTER = re.compile(r",?\s+(?:including|such as|among them|notably|namely)\b", re.IGNORECASE)


@lru_cache(maxsize=256)  # every place of a scope asks the same
def _old_dates(sentence: str, a: int, b: int) -> list[re.Match]:
    """Dates of the past in a scope, not "since the government fell on December 8, 2024"."""
    return [m for m in cues.OLD_DATE.finditer(sentence, a, b)
            if not _SINCE_BEFORE.search(sentence, max(0, m.start() - 90), m.start())]


def is_site(sentence: str, pm: gz.PlaceMention, mentions: list[gz.PlaceMention], ref_date, scope) -> bool:
    """Whether a place mention can carry a claim at all."""
    ref_year = ref_date.year
    place = pm.place
    if not place.in_syria:
        return False
    if place.kind == "country" and not _country_wide(sentence, pm):
        return False
    if pm.start == 0 and _DATELINE.match(sentence):
        return False  # "DAMASCUS, Syria (North Press) –" says where the report was filed
    before = sentence[max(0, pm.start - 40) : pm.start]
    if _INSTITUTION_BEFORE.search(before) or _PERSON_BEFORE.search(before):
        return False
    if _COMMA_LOCATOR_BEFORE.search(before) and any(o.end <= pm.start - 10 for o in mentions):
        return False  # "bases in Ain Issa and Tel Al-Samn, close to the northern city of Raqqa"
    if _OTHER_SIDE.search(sentence, 0, pm.start):
        return False  # "On the Iraqi side, two tanks stood at the entrance to the Al-Qaim crossing"
    if _ABROAD_BEFORE.search(before):
        return False  # "the southern Lebanese village of Majdal Selm": a namesake abroad
    if place.kind == "region" and place.place_id.endswith("-border") and _CROSSED_BEFORE.search(before):
        return False  # "crossed the Iraqi border into Syria": the way in, not where the force is
    if place.kind in ("city", "town") and (_METONYM_BEFORE.search(before) or _METONYM_AFTER.match(sentence[pm.end:])):
        return False
    if _FRAMES_LIST_AFTER.match(sentence, pm.end) and any(o.start > pm.end for o in mentions):
        return False  # "bases in Hasakah, including Qasrak and al-Shaddadi": the list, not its frame
    earlier = [o for o in mentions if o.end <= pm.start]
    if earlier:
        gap = sentence[earlier[-1].end : pm.start]
        broader = place.precision > earlier[-1].place.precision
        # "Aleppo, Homs and…", "in Deir ez-Zor, the al-Omar oil field and…" are lists, not locators
        listed = re.fullmatch(r"[\s,]*(?:the\s+)?", gap) is not None
        if (broader or (not listed and place.precision >= earlier[-1].place.precision)) \
                and _LOCATOR_BEFORE.search(gap) and len(gap) < 45:
            return False
        if _DIRECTION_GAP.fullmatch(gap) and earlier[-1].place.kind != "country":
            return False  # "the Jabal al-Zawiya hills south of Idleb": the city only locates the hills
        if re.fullmatch(r",\s*(?:the\s+)?", gap) and _is_address(earlier[-1].place, place):
            return False  # "the Hmeimim Air Base in Jableh, Latakia": the governorate's city addresses it
        if re.search(r"\b(?:lies|lying|located|situated|sits)\b", gap, re.I):
            return False
    for rel in sent.RELATIVE.finditer(sentence):
        if rel.start() < pm.start < rel.end() and not re.search(
            r"\b(?:withdr|deploy|strik|struck|plans?|keeps?|kept|station|troops|forces|soldiers|bases?)\w*",
            rel.group(), re.I,
        ):
            # "…the site, which lies in the mountains north of Palmyra": where an unnamed site is,
            # its locator is the claim's place; a named one ("Tiyas, which lies near Palmyra") has its own
            unnamed = _LOCATES.search(rel.group()) and _INDEFINITE.search(sentence, 0, rel.start()) \
                and not any(o.end <= rel.start() for o in mentions)
            if not (unnamed and pm.precision >= 2):
                return False
    c_start, c_end = sent.clause(sentence, pm.start, pm.end)
    years = list(cues.YEAR.finditer(sentence, c_start, c_end))
    if years and not cues.PRESENT.search(sentence, *scope):
        event_elsewhere = any(cues.lexicon().patterns[st].search(sentence, 0, c_start) for st in cues.EVENTS)
        for m in years:
            if m.start() < pm.start and event_elsewhere:
                continue  # "withdrew … from al-Qusair, which it had used since 2013": the event is new
            if m.group(1) is None or int(m.group(1)) <= ref_year - 2:
                return False
    a, b = scope
    old_dates = _old_dates(sentence, a, b)
    if old_dates and not cues.PRESENT.search(sentence, a, b):
        own_event = any(cues.lexicon().patterns[st].search(sentence, c_start, c_end) for st in cues.EVENTS)
        for m in old_dates:
            if own_event and m.start() > a + 3:  # only a fronted date ("In 2021 US jets struck…") dates an event
                continue  # "withdrew on Sunday, ending a presence that began in 2019": the event is new
            year = next((g for g in m.groups() if g), None)
            if year is None or int(year) < ref_year:
                return False  # "In September 2015 Russia first flew its warplanes into Hmeimim"
    return True
