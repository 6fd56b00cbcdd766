"""Foreign actors and where a text names them.

The lexicon (``data/actors.json``) lists each foreign actor with the words
reports use for it: its name, demonym, capital or institution standing for its
government (Ankara, the Kremlin), and its named forces (IRGC, CENTCOM). Syria's
own forces are not in it: only forces foreign to Syria count.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .patterns import trie

LEXICON = Path(__file__).resolve().parent.parent / "data" / "actors.json"
FALLBACK_COLOR = "#555555"


@dataclass(frozen=True)
class Actor:
    actor: str
    country_code: str
    force: str | None
    color: str


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a text. ``form`` is how: name, demonym, metonym or force."""

    actor: Actor
    start: int
    end: int
    text: str
    form: str


class ActorLexicon:
    def __init__(self, entries: list[dict], not_actors: list[str]):
        self.actors: dict[str, Actor] = {}
        self._epithets: set[str] = set()
        forms: dict[str, tuple[Actor, str]] = {}
        for entry in entries:
            actor = Actor(entry["actor"], entry["country_code"], entry.get("force"), entry["color"])
            self.actors[actor.actor] = actor
            for form in ("names", "demonyms", "metonyms", "forces", "epithets"):
                for word in entry.get(form, []):
                    kind = "force" if (form in ("forces", "epithets") or actor.force) else form.rstrip("s")
                    if form == "epithets":
                        self._epithets.add(word)
                    if form == "demonyms" and word.endswith("s"):
                        kind = "name"  # "the Israelis will strike" speaks of the state, like "Israel"
                    forms.setdefault(word, (actor, kind))
        self._forms = forms
        self._pattern = re.compile(r"(?<![\w-])(?:" + trie(forms) + r")(?![\w])")  # the longest form at a place
        self._masks = re.compile(trie(not_actors))

    @classmethod
    def from_json(cls, path: Path = LEXICON) -> "ActorLexicon":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["actors"], data.get("not_actors", []))

    def color(self, actor: str) -> str:
        found = self.actors.get(actor)
        return found.color if found else FALLBACK_COLOR

    def find(self, text: str) -> list[ActorMention]:
        """Actor mentions in ``text``, left to right.

        Media names ("The Jerusalem Post") and "pro-Iranian" style epithets are
        not mentions of an actor.
        """
        masked = [(m.start(), m.end()) for m in self._masks.finditer(text)]
        found = []
        for m in self._pattern.finditer(text):
            if any(s <= m.start() < e for s, e in masked):
                continue
            if text[max(0, m.start() - 4) : m.start()].lower().endswith(("pro-", "anti-")):
                continue
            actor, form = self._forms[m.group()]
            if m.group() in self._epithets and found and m.start() - found[-1].end <= 2:
                continue  # "Turkish occupation forces": the epithet belongs to the actor just named
            found.append(ActorMention(actor, m.start(), m.end(), m.group(), form))
        return found


@lru_cache(maxsize=1)
def load() -> ActorLexicon:
    return ActorLexicon.from_json()
