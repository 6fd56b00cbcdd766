"""One story, one source: a report that is the same story as one stored already (another outlet's
copy of the wire, a page updated by a word) is linked to it as a repost.

Two texts are the same story when the Jaccard similarity of their sets of five-word shingles is
at least ``THRESHOLD`` (0.8). Candidates are found without comparing every pair: each report's
MinHash signature (datasketch, ``NUM_PERM`` permutations) is cut into ``BANDS`` bands of ``ROWS``
values, stored in the store, and a new report is compared exactly only with the reports that
share a band with it (at similarity 0.8 a pair shares one with probability 0.9998; at 0.5, 0.64).
"""

from __future__ import annotations

import hashlib
import re

SHINGLE = 5
THRESHOLD = 0.8
NUM_PERM = 64
BANDS, ROWS = 16, 4
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The text's runs of ``SHINGLE`` words, case aside (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def similarity(a: str | set[str], b: str | set[str]) -> float:
    """Jaccard similarity of two texts' shingle sets (0 to 1); either may be given as its set."""
    sa = a if isinstance(a, set) else shingles(a)
    sb = b if isinstance(b, set) else shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def bands(text: str) -> list[str]:
    """The LSH band keys of a text's MinHash signature: texts sharing one are candidates."""
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERM, seed=20261201)
    signature.update_batch([s.encode("utf-8") for s in shingles(text)])
    values = signature.hashvalues
    return [f"{i}:{hashlib.blake2b(values[i * ROWS:(i + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
            for i in range(BANDS)]
