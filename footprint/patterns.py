"""Faster forms of the two kinds of pattern extraction runs on every sentence: a long list of
literal words, and a case-insensitive list of word patterns.

Python's regular expressions try the alternatives of ``a|b|c`` one after another at every
position, and ``re.IGNORECASE`` slows each try; a list of words folded into a prefix tree
(``trie``), and a lowercase pattern run over lowercased text (``Caseless``), find the same
matches several times faster.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from functools import lru_cache


def trie(words: Iterable[str]) -> str:
    """A regular expression (source) matching exactly the given literal words, longest first.

    "Israel", "Israeli", "Israelis" become ``Israel(?:is?)?``: one branch per letter
    instead of one try per word.
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(root)


def _branches(node: dict) -> str:
    ends = "" in node
    alternatives = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if not ends:
        return body
    return (body if len(alternatives) > 1 else "(?:" + body + ")") + "?"


#: What lowercasing would change the meaning of: \\S, \\W, \\B…, a group name, a case-sensitive part
_UPPER_ESCAPE = re.compile(r"\\[A-Z]|\(\?P<[^>]*[A-Z]|\(\?-i")


@lru_cache(maxsize=4096)
def lowered(text: str) -> str | None:
    """``text`` in lower case when that keeps every offset (not "İ", which lowers to two
    characters), else ``None``."""
    low = text.lower()
    return low if len(low) == len(text) else None


class Caseless:
    """A case-insensitive pattern that searches lowercased text with a lowercase pattern.

    Offsets are those of the original text; a match's text is lowercase, so callers take
    the words from the original text by the match's span.
    """

    def __init__(self, source: str):
        self.slow = re.compile(source, re.IGNORECASE)
        self.fast = None if _UPPER_ESCAPE.search(source) else re.compile(
            source.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P="))

    def _pick(self, text: str) -> tuple[re.Pattern, str]:
        low = lowered(text) if self.fast is not None else None
        return (self.fast, low) if low is not None else (self.slow, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        pattern, subject = self._pick(text)
        return pattern.search(subject, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        pattern, subject = self._pick(text)
        return pattern.match(subject, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterable[re.Match]:
        pattern, subject = self._pick(text)
        return pattern.finditer(subject, pos, endpos)
