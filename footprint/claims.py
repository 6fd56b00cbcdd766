"""Claims: which foreign force a report puts where, how sure, and on whose word.

Extraction is rule- and lexicon-based so that it runs offline and can say why
it made each claim. For every sentence it finds the places (gazetteer) and the
foreign actors (lexicon), decides which actors the sentence puts at each place,
and reads the status from cue words in the place's part of the sentence:

* a place that only locates another ("al-Tanf in southern Syria", "the airbase,
  which lies close to Palmyra"), stands for a government ("the government in
  Damascus") or belongs to history ("Qusayr, which Hezbollah captured in 2013")
  gives no claim (``sites.py``); a village the gazetteer lacks, in a place frame,
  is placed at the area the text gives (``unknown.py``);
* an actor that only speaks ("the Israeli delegation warned", "Turkish
  officials said") is the claimant, not the force;
* the strongest cue wins: struck > withdrawn > denied > warned-about >
  planned > claimed > reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from . import actors as actors_mod
from . import attribution, cues, sites, unknown
from . import roles as roles_mod
from . import gazetteer as gz
from . import sentences as sent
from .cues import STATUSES
from .patterns import Caseless
from .reports import Report
from .sentences import claim_date, sentences

__all__ = ["STATUSES", "Claim", "Extraction", "Extractor", "NamedPlace", "UnresolvedName", "claim_date",
           "extract", "sentences"]


_ROAD = re.compile(r"\b[A-Z][\w'-]+\s*[–—-]\s*[A-Z][\w'-]+\s+(?:highway|road|motorway|railway|pipeline|route)\b")
_ANAPHOR = Caseless(
    r"^\W*(?:it|its|they|their|the group|the militia|the militias|the movement|the factions|the force"
    r"|the contingent)\b|\bour (?:bases|forces|troops|presence|operations|jets|drones|units|soldiers)\b"
    r"|\b(?:the|its|their) (?:jets|strikes?|raids?|drones?|aircraft|warplanes|troops|forces|soldiers|convoy|military|army"
    r"|contingent|group|militia|militiamen|factions|fighters|attacks?|air ?strikes|bombardment|shelling|assault"
    r"|operations?|incursions?|patrols?)\b"
    # "they" as a subject ("…, and they have since moved"), not "them" ("many Westerners among them")
    r"|(?:^\W*|[,;]\s*|\b(?:and|but|that|where|after|before|as|when|while|if|once|until)\s+)they\b"
    # after a fronted time ("On Feb. 23 it began pulling out…")
    r"|^\W*(?:on|in|by|late on|early on|earlier on|last|this|since)\b[^,;]{1,30}?,?\s+(?:it|they)\s+(?!is\b|was\b)"
    r"|\b(?:forces|troops|soldiers) (?:had|have|has|were|are|will|would)\b")
_DEPARTED = re.compile(r"\b(?:out of|left|leaving|withdr[ae]w(?:n)? from|withdrawing from|retreated from|departed)"
                       r"\s+(?:the\s+)?$", re.IGNORECASE)
# "A second group of 10 vehicles raided…", "Two tanks moved…": a unit of the force just named
_UNIT_SUBJECT = Caseless(r"^\W*(?:(?:on|in|by|late on|early on|earlier on|last|this)\b[^,;]{1,30}?,\s*)?"  # a fronted date
                         r"(?:(?:a|an|another|the|a second|a third|a further|two|three|four|five|six|seven|eight|nine"
                         r"|ten|several|\d+)\s+)?(?:[\w-]+\s+){0,3}?(?:group|convoy|units?|column|patrol|force|detachment"
                         r"|vehicles|tanks|troops|soldiers|bulldozers)\b")
_FIRED_FROM = re.compile(r"\b(?:fired|launched|came|coming|shelling|shells|rockets|drones?|missiles?) from\s+(?:the\s+)?"
                         r"(?:(?:countryside|outskirts|area|direction|vicinity) of\s+)?$", re.IGNORECASE)
_EXCEPTED = re.compile(r"\b(?:with the exception of|except(?: for)?|apart from|other than|save for|excluding)\s+"
                       r"[^,;]{0,60}$", re.IGNORECASE)
_DESTINATION = re.compile(r"\b(?:to|towards?|heading for|headed for|bound for)\s+(?:the\s+)?$", re.IGNORECASE)
_JOINT = re.compile(r"\s+(?:[\w-]+\s+){0,2}?and\s+")


@dataclass(frozen=True)
class Claim:
    """One actor × place × status, with the sentence that makes it.

    ``start``/``end`` are offsets of the excerpt in the report's cleaned text;
    ``place_start``/``actor_start``/``cue_start`` likewise for the words that
    made the claim (``-1`` when there is no such word).
    """

    actor: str
    country_code: str
    force: str | None
    status: str
    claimant: str | None
    place: str
    place_id: str
    place_name: str
    lat: float
    lon: float
    precision: int
    excerpt: str
    start: int
    end: int
    date: str | None
    cue: str | None = None
    radius_km: float | None = None
    place_start: int = -1
    place_end: int = -1
    actor_start: int = -1
    actor_end: int = -1
    cue_start: int = -1
    cue_end: int = -1
    #: The village is not in the gazetteer: the claim is drawn at the area the text puts it in.
    approximate: bool = False

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class NamedPlace:
    """A Syrian place a report names, whether or not a force is claimed there."""

    place: str
    place_id: str
    place_name: str
    lat: float
    lon: float
    precision: int
    excerpt: str
    start: int
    end: int
    place_start: int
    place_end: int


@dataclass(frozen=True)
class Extraction:
    claims: list[Claim]
    places: list[NamedPlace]
    unresolved: list["UnresolvedName"] = field(default_factory=list)


@dataclass(frozen=True)
class UnresolvedName:
    """A name that reads like a place in a sentence about foreign forces, but that no gazetteer entry holds."""

    name: str
    excerpt: str
    start: int
    end: int
    name_start: int
    name_end: int


class Extractor:
    """Finds claims in reports with a gazetteer and an actor lexicon."""

    def __init__(self, gazetteer: gz.Gazetteer | None = None, lexicon: actors_mod.ActorLexicon | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else gz.load()
        self.lexicon = lexicon if lexicon is not None else actors_mod.load()

    def __call__(self, report: Report) -> Extraction:
        text = report.text
        ref_date = report.published or _undated_reference(text)
        claims: list[Claim] = []
        places: list[NamedPlace] = []
        speakers: list[str] = []
        unresolved: list[UnresolvedName] = []
        last_forces: list[actors_mod.ActorMention] = []
        named_in: Counter[str] = Counter()  # governorates of the Syrian places named so far
        last_named = -9  # the sentence that last named a foreign force
        recent_places: list[tuple[int, gz.Place]] = []  # Syrian places of the last sentences, for "the town"
        people = sites.persons(text)  # "Sharaa" alone is the President Ahmed al-Sharaa named elsewhere
        prev_start = this_start = 0  # where the sentence before this one starts, and this one
        joint = False  # whether the last forces named acted together
        paragraph: list[tuple[int, int]] = []  # the sentences of the running paragraph so far
        for n_sentence, (s_start, s_end) in enumerate(sentences(text)):
            prev_start, this_start = this_start, s_start
            sentence = text[s_start:s_end]
            roads = [m.span() for m in _ROAD.finditer(sentence)]
            known = [m for m in self.gazetteer.find(sentence)
                     if not _inside(m, roads) and not sites.is_person(sentence, m, people)]
            known += self._bare_directions(sentence, known)
            actor_mentions = [m for m in self.lexicon.find(sentence) if not _inside(m, roads)]
            attribution.track_speakers(sentence, speakers)
            recent_places = [p for p in recent_places if n_sentence - p[0] <= 2]  # the last two sentences
            for pm in known:
                if pm.place.in_syria:
                    recent_places.append((n_sentence, pm.place))  # for "the town", "the country"
                if pm.place.in_syria and pm.place.kind != "country":
                    if pm.place.admin1:
                        named_in[pm.place.admin1] += 1
                    places.append(NamedPlace(
                        pm.text, pm.place.place_id, pm.place.name, pm.place.lat, pm.place.lon, pm.precision,
                        sentence, s_start, s_end, s_start + pm.start, s_start + pm.end,
                    ))
            # a pronoun reaches back to the last foreign force, unless Syria's own forces are nearer
            # a bare event noun ("strikes in the vicinity of Tartus", "shelling hit…") continues the
            # force of the last two sentences, when only one actor was named there
            recent = n_sentence - last_named <= 2 and (len({m.actor.actor for m in last_forces}) == 1 or joint)
            roles = [(m, roles_mod.role(sentence, m, 0)) for m in actor_mentions]
            named_force = any(r == "force" for _, r in roles)  # not "moved to neighbouring Iraq"
            event_noun = cues.lexicon().events.search(sentence)
            anaphor = _ANAPHOR.search(sentence) or (recent and not named_force and (
                event_noun or _UNIT_SUBJECT.match(sentence)
                or (known and cues.lexicon().patterns["withdrawn"].search(sentence))))  # "X had been closed"
            carried = last_forces if anaphor and not roles_mod.domestic_force(sentence) else []
            if carried and event_noun and not joint:
                # "Israeli jets struck Tartus, where a Russian base is. The strikes…": the striker, named first
                carried = [m for m in carried if m.actor.actor == carried[0].actor.actor]
            if "\n" in text[paragraph[-1][1] if paragraph else 0 : s_start]:
                paragraph = []  # a new paragraph: the sentences a source may reach back over
            paragraph.append((s_start, s_end))
            if not known:  # "The Israeli troops withdrew afterwards", "The government denied the report."
                claims.extend(_afterwards(text, sentence, s_start, s_end, roles, carried,
                                          [c for c in claims if c.start >= prev_start]))
            if not (actor_mentions or carried):
                continue
            military = cues.is_military(sentence) or any(pm.place.kind in gz.SITE_KINDS for pm in known) \
                or any(m.form == "force" and m.actor.force is None for m in actor_mentions)  # "the IOF", "the IDF"
            if not (military or (carried and cues.MOVED.search(sentence))):
                continue
            # names the gazetteer lacks are sought only where a claim could come of them
            named_before = named_in - Counter(pm.place.admin1 for pm in known if pm.place.admin1)
            # a hamlet of another governorate than all the report names is a namesake: read the name
            # afresh in the report's area ("villages such as Tineh" by the Tishreen dam is no Raqqa hamlet)
            astray = [pm for pm in known if named_before and (pm.place.framed or (
                          pm.place.kind in ("village", "town") and _FEATURE_AFTER.match(sentence, pm.end)))
                      and not any(o.place.admin1 == pm.place.admin1 for o in known if o is not pm)
                      and not any(p.admin1 in named_before for p in self.gazetteer.candidates(pm.text))]
            if astray:
                known, places = _unname(astray, known, places, named_in, s_start)
            lacking, fragments = unknown.approximate_mentions(
                sentence, known, actor_mentions, self.gazetteer,
                self.gazetteer.governorate(named_before.most_common(1)[0][0]) if named_before else None)
            if fragments:  # "Qara" in "the Qara Qwzak Bridge" was never a place of its own
                known, places = _unname(fragments, known, places, named_in, s_start)
            mentions = sorted(known + lacking + sites.back_references(sentence, known, recent_places),
                              key=lambda m: m.start)
            found = self._sentence_claims(
                sentence, s_start, s_end, mentions, actor_mentions, speakers, ref_date,
                claim_date(sentence, report.published), carried, roles,
                [text[a:b] for a, b in reversed(paragraph[:-1])], joint,
            )
            claims.extend(found)
            named = [m for m, r in roles if r == "force"]
            if named:
                last_forces, last_named = named, n_sentence
                # "RAF Typhoons and French aircraft carried out a joint strike": one force for what follows
                joint = len(named) == 2 and bool(_JOINT.fullmatch(sentence[named[0].end : named[1].start]))
            # every name the gazetteer lacks, placed approximately or not, goes to the Place names page
            lacking_names = [(pm.text, pm.start, pm.end) for pm in lacking if isinstance(pm, unknown.ApproximateMention)]
            spans = {(a, b) for _, a, b in lacking_names}
            unresolved.extend(
                UnresolvedName(name, sentence, s_start, s_end, s_start + a, s_start + b)
                for name, a, b in lacking_names + [
                    u for u in unknown.unresolved_names(sentence, known, actor_mentions) if u[1:] not in spans]
            )
        return Extraction(_dedupe(claims), places, unresolved)

    def _bare_directions(self, sentence: str, known: list[gz.PlaceMention]) -> list[gz.PlaceMention]:
        """"most of them in the northeast", "territory in the south": a part of Syria, when the sentence
        is about Syria (names it or a place in it)."""
        if not any(pm.place.in_syria for pm in known):
            return []
        out = []
        for m in _BARE_DIRECTION.finditer(sentence):
            if any(pm.start < m.end() and m.start() < pm.end for pm in known):
                continue
            place = self.gazetteer.places.get(_DIRECTION_REGIONS[m.group("dir").lower().replace("-", "")])
            if place is not None:
                out.append(gz.PlaceMention(place, m.start(), m.end(), m.group(), place.precision))
        return out

    # -- one sentence -------------------------------------------------------------------------

    def _sentence_claims(self, sentence, s_start, s_end, mentions, actor_mentions, speakers, ref_date, day,
                         carried=(), roles=(), earlier=(), joint=False):
        date = day.isoformat() if day else None
        roles = list(roles) + roles_mod.domestic(sentence)
        roles.sort(key=lambda mr: mr[0].start)
        said_by, said_at, speaker = attribution.attribution(sentence, speakers)
        if said_by is None:  # "According to SANA, …. The troops then…": the paragraph's source holds
            said_by = next((src for src in map(_source_of, earlier) if src), None)
        relatives = [r.span() for r in sent.RELATIVE.finditer(sentence) if _about_actor(sentence, r.start(), actor_mentions)]
        threat = cues.CONDITIONAL.match(sentence)
        ifs = [m.span() for m in re.finditer(r"\bif\b[^,;]*", sentence, re.IGNORECASE)]
        out = []
        for a, b in sent.scopes(sentence):
            in_scope = [pm for pm in mentions
                        if a <= pm.start < b and sites.is_site(sentence, pm, mentions, ref_date, (a, b))]
            precise = any(pm.precision <= 2 for pm in in_scope)
            # "Turkish soldiers at the Cilvegozu gate before crossing into Syria": the force is abroad
            abroad = [pm.start for pm in mentions if not pm.place.in_syria and pm.place.kind not in gz.AREA_KINDS]
            for pm in in_scope:
                # the country locates narrower places of its own clause ("in Syria: the base in Tartus…" too)
                x, y = cues.clause_of(sentence, a, b, pm.start) \
                    if pm.precision >= 4 and not sentence[pm.end : pm.end + 2].startswith(":") else (a, b)
                if pm.precision >= 4 and (any(o.precision <= 3 and x <= o.start < y for o in in_scope)
                                          or any(at < pm.start for at in abroad)):
                    continue  # "US troops in Syria's al-Tanf": the country only locates the base
                if precise and pm.precision >= 3 and pm.place.kind in ("region", "governorate") \
                        and not _listed_with_precise(sentence, pm, in_scope) \
                        and not _unnamed_sites_in(sentence, pm.start) \
                        and not _DEPARTED.search(sentence, max(0, pm.start - 25), pm.start):
                    # the region only frames the precise places named with it, unless it is where the
                    # force left ("pulling out of east Syria and heading for Khmeimim")
                    continue
                attributed = said_by is not None and (said_at is None or said_at <= pm.start)
                status, cue, cue_at = cues.clause_status(sentence, a, b, pm, roles, attributed)
                in_if = next(((x, y) for x, y in ifs if x <= pm.start < y), None)
                warner = None
                if in_if and not (threat and threat.start("cond") <= pm.start < threat.end("cond")):
                    continue  # "if Turkish systems are deployed at T4, …": a hypothesis, not a claim
                if status == "struck" and _FIRED_FROM.search(sentence, max(0, pm.start - 45), pm.start):
                    # "rockets fired from the countryside of al-Qusayr": where the fire came from, not where it fell
                    status, cue, cue_at = ("claimed" if attributed else "reported"), None, -1
                if status == "withdrawn" and (_EXCEPTED.search(sentence, max(0, pm.start - 80), pm.start) or (
                        0 <= cue_at < pm.start and _DESTINATION.search(sentence, max(0, pm.start - 25), pm.start))):
                    # "With the exception of Hmeimim, Russian forces have evacuated every position": still there
                    # "withdrawing equipment from Qamishli airport to the Hemeimeem base": where they went
                    status, cue, cue_at = ("claimed" if attributed else "reported"), None, -1
                if in_if:  # "If they come back to Albu Kamal, the Israelis will strike them"
                    status, cue, cue_at = "warned-about", None, -1
                    forces = [m for m, r in roles if r == "force" and m.form != "domestic"
                              and in_if[0] <= m.start < in_if[1]] or list(carried)
                    warner = next((m.actor.actor for m, _ in roles
                                   if m.start >= threat.start("main") and m.form != "domestic"), None)
                else:
                    forces = _forces_for(sentence, pm, roles, relatives, status, cue_at, (a, b))
                if not forces and carried:
                    forces = list(carried)
                    # not "the strikes" after striker and target, unless the two struck together
                    one = len({m.actor.actor for m in carried}) == 1 or joint
                    event = cues.lexicon().events.search(sentence, a, b) if cue is None and one else None
                    if event and cues.lexicon().event_status(event.group()):
                        # "The strikes concentrated on Tartus": the event noun is the cue
                        status, cue, cue_at = cues.lexicon().event_status(event.group()), \
                            sentence[event.start() : event.end()], event.start()
                hosted = _hosted(sentence, pm, roles, forces)
                if not (forces or hosted):
                    continue
                if pm.place.kind == "region" and pm.place.place_id.endswith("-border") and status != "struck" \
                        and not _SYRIAN_SIDE.search(sentence):
                    continue  # a force "along the Iraqi-Syrian border" is as likely on its own side of it
                claimant = said_by if attributed else None
                if status == "warned-about":
                    claimant = warner or _warner(roles, forces) or claimant
                elif status == "denied" and speaker:
                    claimant = speaker
                where = _where(pm)
                present = ("claimed" if attributed else "reported", None, -1, said_by if attributed else None)
                for fm in forces + hosted:
                    f_status, f_cue, f_cue_at, f_claimant = present if fm in hosted else (status, cue, cue_at, claimant)
                    out.append(Claim(
                        actor=fm.actor.actor, country_code=fm.actor.country_code, force=fm.actor.force,
                        status=f_status, claimant=f_claimant, place=pm.text, excerpt=sentence, start=s_start,
                        end=s_end, date=date, cue=f_cue, **where,
                        place_start=s_start + pm.start, place_end=s_start + pm.end,
                        actor_start=s_start + fm.start if fm in actor_mentions else -1,
                        actor_end=s_start + fm.end if fm in actor_mentions else -1,
                        cue_start=s_start + f_cue_at if f_cue else -1,
                        cue_end=s_start + f_cue_at + len(f_cue) if f_cue else -1,
                    ))
        return out + _denials_of_the_report(sentence, s_start, out)


def _unname(dropped, known, places, named_in: Counter, s_start: int):
    """Take back mentions that were no place of their own (fragments of a longer name, namesakes
    elsewhere): out of the sentence's known places and the report's named places, and out of the
    count of governorates named (which keeps only those still named). Returns (known, places)."""
    spans = {(s_start + m.start, s_start + m.end) for m in dropped}
    named_in.subtract(m.place.admin1 for m in dropped if m.place.admin1)
    named_in += Counter()  # in place: drop governorates counted only for these
    return [m for m in known if m not in dropped], [p for p in places if (p.place_start, p.place_end) not in spans]


def _where(pm: gz.PlaceMention) -> dict:
    """The claim fields that say where: the place's own, or for a village the gazetteer lacks,
    the area it was put at, marked approximate."""
    if isinstance(pm, unknown.ApproximateMention):
        area, precision = pm.area, pm.area_precision
        return dict(place_id=area.place_id, place_name=f"{pm.text} (approximate: in {area.name})",
                    lat=area.lat, lon=area.lon, precision=precision,
                    radius_km=area.radius_km if precision >= 3 and area.radius_km else gz.NEAR_RADIUS_KM,
                    approximate=True)
    place = pm.place
    return dict(place_id=place.place_id, place_name=place.name, lat=place.lat, lon=place.lon,
                precision=pm.precision,
                radius_km=place.radius_km if pm.precision >= 2 and place.radius_km
                else (gz.NEAR_RADIUS_KM if pm.precision == 2 else None))


# "…out of Qamishli airport and nearby posts in the northern al-Hasakah countryside": the region is where
# the unnamed posts are, a place of its own beside the named airport
def _unnamed_sites_in(sentence: str, at: int) -> bool:
    """Whether the region at ``at`` is where unnamed sites are ("nearby posts in"), not named ones
    ("Al-Wazir and Tel Baydar bases in")."""
    m = _UNNAMED_SITES_IN.search(sentence, max(0, at - 40), at)
    return m is not None and not _NAME_BEFORE.search(sentence, 0, m.start())


_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")
_UNNAMED_SITES_IN = re.compile(r"\b(?:posts|positions|bases|sites|points|outposts|villages|towns|areas|locations)"
                               r"\s+(?:in|across|throughout)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
# "Masyaf and the Damascus countryside", "in Tartus and in Syria's Latakia Governorate"
_LIST_GAP = re.compile(r"\s*(?:,|and|or|as well as|, and)\s*(?:the\s+)?"
                       r"|\s*,?\s*(?:and|or|as well as)\s+(?:in|at|on|near)\s+(?:the\s+)?(?:Syria['’]s\s+)?")


def _listed_with_precise(sentence, pm, in_scope) -> bool:
    """A region in a list with precise places ("Masyaf and the Damascus countryside") is a place of its own."""
    for other in in_scope:
        if other is pm or other.precision >= 3:
            continue
        a, b = (other, pm) if other.end <= pm.start else (pm, other)
        if _LIST_GAP.fullmatch(sentence[a.end : b.start]):
            return True
    return False


def _forces_for(sentence, pm, roles, relatives=(), status="reported", cue_at=-1, scope=None):
    """The foreign actor mentions a sentence puts at a place.

    For an event (struck, withdrawn, planned…) the subject before its cue word; otherwise
    the nearest group before the place, else after it. Actors inside a relative clause
    that does not hold the place ("…, who shared the northeast with the Russians,") are
    set aside, and when the chosen group is Syria's own ("Syrian government forces
    shelled…") no foreign force is put there.
    """
    def usable(m):
        return not any(a <= m.start < b and not a <= pm.start < b for a, b in relatives)

    scope = scope or (0, len(sentence))
    agents = [m for m, r in roles if r == "force" and usable(m)]
    forces = [m for m in agents if m.form != "domestic"]
    group = []
    if status in _AGENT_STATUSES and 0 <= cue_at < pm.start:
        group = roles_mod.group(sentence, [m for m in agents if m.end <= cue_at], reverse=True)
        if group and all(m.form == "domestic" for m in group):
            return []  # Syria's own forces did it
    if not group and not any(scope[0] <= m.start and m.end <= pm.start for m in forces) \
            and (any(m.start >= pm.end for m in forces) or scope[0] > 0) \
            and any(scope[0] <= m.start and m.end <= pm.start and m.form == "domestic" for m in agents):
        # "Syrian army moves into Al-Hol camp as US calls…": the force after the place is not there;
        # "…, with rebel forces taking Homs": Syria's own forces are the subject of the place's part
        return []
    if not group:
        for lo, hi in (scope, (0, len(sentence))):  # the place's own part of the sentence first
            before = [m for m in forces if lo <= m.start and m.end <= pm.start]
            after = [m for m in forces if m.start >= pm.end and m.end <= hi]
            group = roles_mod.group(sentence, before, reverse=True) or roles_mod.group(sentence, after, reverse=False)
            if group:
                break
    if not group:  # a named force that also speaks ("the IDF stressed that…") is still a force, and so
        # is a speaker whose statement is about itself ("Moscow has said it wants to keep its bases")
        group = [m for m, r in roles if r == "speaker" and (
            m.form == "force" or _SELF_REPORT.match(sentence, m.end))][:1]
    seen, out = set(), []
    for m in group:
        if m.form != "domestic" and m.actor.actor not in seen:
            seen.add(m.actor.actor)
            out.append(m)
    return out


# "…Turkish drones had hit Hasaka, but Turkish security sources said the report was untrue": the
# claim stands as reported and, beside it, as denied by whoever denies it
_REPORT = r"(?:the|this|that|these|those|such|any|the SDF's|their)\s+(?:reports?|claims?|allegations?|accounts?|accusations?)"
_REPORT_DENIED = re.compile(
    rf"(?:\bbut|\bwhile|\band|,)\s+(?P<who>[^,;]{{2,60}}?)\s+(?:said|say|says)\s+{_REPORT}\s+(?:was|were|is|are)\s+"
    r"(?P<cue>untrue|false|baseless|fabricated|incorrect|not true|groundless|unfounded)\b"
    rf"|(?:\bbut|\bwhile|\band|,)\s+(?P<who2>[^,;]{{2,60}}?)\s+(?:has\s+|have\s+)?(?P<cue2>denied|denies|rejected|dismissed"
    rf"|refuted)\s+{_REPORT}"
    r"|,\s+which\s+(?P<who3>[^,;]{2,40}?)\s+(?:has\s+|had\s+)?(?P<cue3>denied|rejected|dismissed)\b")


_DENIAL_WORD = Caseless(r"\b(?:untrue|false|baseless|fabricated|incorrect|not true|groundless|unfounded|denied|denies"
                        r"|rejected|dismissed|refuted)\b")


def _denials_of_the_report(sentence: str, s_start: int, found: list[Claim]) -> list[Claim]:
    m = _REPORT_DENIED.search(sentence) if _DENIAL_WORD.search(sentence) else None
    if m is None:
        return []
    group = next(g for g in ("cue", "cue2", "cue3") if m.group(g))
    who = m.group({"cue": "who", "cue2": "who2", "cue3": "who3"}[group]).strip()
    who = re.sub(r"^(?:(?:but|while|and|the|a|an)\s+)+", "", who, flags=re.IGNORECASE)
    return [dataclasses.replace(c, status="denied", claimant=who, cue=m.group(group),
                                cue_start=s_start + m.start(group), cue_end=s_start + m.end(group))
            for c in _dedupe(found) if c.place_end - s_start <= m.start() and c.status in ("struck", "reported", "claimed")]


_WITHDREW = Caseless(r"\b(?:withdr[ae]w(?:n)?|pulled (?:out|back)|left|retreated)\b(?!\s+behind\b)")
_DENIED_IT = Caseless(
    rf"^(?P<who>[^,;]{{2,60}}?)\s+(?:has\s+|have\s+)?(?:denied|rejected|dismissed|refuted)\s+{_REPORT}"
    rf"|^(?P<who2>[^,;]{{2,60}}?)\s+(?:has\s+|have\s+)?called (?:it|them|{_REPORT})\s+[\"“]?(?:false|baseless|fabricated"
    r"|untrue|lies)")


def _afterwards(text, sentence, s_start, s_end, roles, carried, before: list[Claim]) -> list[Claim]:
    """A sentence that names no place but tells what then happened at the places of the sentence
    before: "The Israeli troops withdrew afterwards" (withdrawn there), "The government denied the
    report." (denied, by the government). The excerpt runs over both sentences."""
    if not before:
        return []
    withdrew = _WITHDREW.search(sentence)
    denied = _DENIED_IT.match(sentence.strip()) if withdrew is None else None
    if withdrew is not None:
        actors = {m.actor.actor for m, r in roles if r == "force"} or {m.actor.actor for m in carried}
        status, claimant = "withdrawn", _source_of(sentence)
        chosen = [c for c in before if c.actor in actors and c.status in ("reported", "claimed")]
    elif denied is not None:
        status = "denied"
        claimant = re.sub(r"^(?:the|a|an)\s+", "", (denied.group("who") or denied.group("who2")).strip(), flags=re.I)
        chosen = [c for c in before if c.status not in ("denied", "withdrawn")]
    else:
        return []
    start = min(c.start for c in chosen) if chosen else s_start
    return [dataclasses.replace(c, status=status, claimant=claimant, excerpt=text[start:s_end], start=start, end=s_end,
                                cue=None, cue_start=-1, cue_end=-1)
            for c in _dedupe(chosen)]


@lru_cache(maxsize=512)
def _source_of(sentence: str) -> str | None:
    """Who a sentence attributes its content to, by its own words alone."""
    return attribution.attribution(sentence, [])[0]


def _undated_reference(text: str) -> dt.date:
    """The date to judge "history" by in a report that gives none: the end of the latest year it
    mentions (a report of unknown date is at least that recent), else today."""
    today = dt.date.today()
    years = [int(y) for y in _YEAR_IN_TEXT.findall(text) if int(y) <= today.year]
    return dt.date(max(years), 12, 31) if years else today


_YEAR_IN_TEXT = re.compile(r"\b((?:19|20)\d\d)\b")


def _hosted(sentence, pm, roles, forces) -> list[actors_mod.ActorMention]:
    """Forces a "where" clause puts at the place it follows ("strikes on Tartus, where an important
    Russian naval base is located"): present there, whatever the main clause says happened."""
    rel = _WHERE_AFTER.match(sentence, pm.end)
    if rel is None:
        return []
    taken = {m.actor.actor for m in forces}
    return [m for m, r in roles if r == "force" and m.form != "domestic" and rel.start() <= m.start < rel.end()
            and m.actor.actor not in taken and not cues.read_status(rel.group(), False)[1]]


_WHERE_AFTER = re.compile(r",\s*where\b[^,;]*")

_SELF_REPORT = re.compile(
    rf"\W*(?:[\w'’-]+\s+){{0,4}}?(?:{attribution.SPEECH_VERB})\s+(?:on \w+\s+)?(?:that\s+)?"
    r"(?:it|its|they|their|we|our)\b", re.IGNORECASE)
_SYRIAN_SIDE = re.compile(r"\b(?:Syrian side|inside Syria|into Syria|in Syria|crossed|crossing into|Syrian territory"
                          r"|Syrian soil)\b", re.IGNORECASE)
_AGENT_STATUSES = {"struck", "withdrawn", "planned"}


_BARE_DIRECTION = re.compile(r"\bthe (?P<dir>north|south|east|west|north-?east|north-?west|south-?east|south-?west)\b"
                             r"(?!\s+(?:of|bank|coast|side|wing)\b|['’-])", re.IGNORECASE)
_DIRECTION_REGIONS = {"north": "syr-northern-syria", "south": "syr-southern-syria", "east": "syr-eastern-syria",
                      "west": "syr-western-syria", "northeast": "syr-northeast-syria",
                      "northwest": "syr-northwest-syria", "southeast": "syr-southeast-syria",
                      "southwest": "syr-southwest-syria"}
# "the Al-Jala crossing": a feature named after a village, as local as the village
_FEATURE_AFTER = re.compile(r"\s+(?:crossing|hill|checkpoint|gate|road|junction|bridge|base|outpost|farms?|valley"
                            r"|barracks)\b", re.IGNORECASE)


_FORCE_NOUN_END = re.compile(
    r"\b(?:forces|troops|soldiers|factions|militias|fighters|units|officials|commanders|advisers|group)\s*$", re.I)


def _about_actor(sentence: str, at: int, actor_mentions) -> bool:
    """Whether the relative clause starting at ``at`` describes an actor ("the factions, which…"),
    not a place ("Syrian airspace, where…")."""
    return any(m.end == at for m in actor_mentions) or bool(_FORCE_NOUN_END.search(sentence[:at]))


def _inside(mention, spans) -> bool:
    return any(a <= mention.start < b for a, b in spans)


def _warner(roles, forces) -> str | None:
    """Who warns: another actor of the sentence, one that speaks first."""
    targets = {m.actor.actor for m in forces}
    others = [(m, r) for m, r in roles if m.actor.actor not in targets]
    speaking = [m for m, r in others if r == "speaker"]
    pick = (speaking or [m for m, _ in others] or [None])[0]
    return pick.actor.actor if pick else None


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        key = (c.actor, c.place_id, c.status, c.start, c.place if c.approximate else "")
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def extract(report: Report, extractor: Extractor | None = None) -> Extraction:
    """Claims and named places of one report (see ``Extractor``)."""
    return (extractor or Extractor())(report)
