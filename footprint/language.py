"""Which language a report is in: Footprint's extractor reads English, and says so of the rest.

Identification is py3langid's (a maintained fork of langid.py, BSD; its model ships inside the
package, so nothing is fetched). Short texts are not judged by the model, which guesses wildly on
a few words, only by their script: mostly Arabic, Hebrew or Cyrillic letters are not English.
"""

from __future__ import annotations

import re
from functools import lru_cache

ENGLISH = "en"
#: Below this many letters the model is not asked.
MIN_LETTERS = 60
#: The model's probability needed to call a text not English.
MIN_CONFIDENCE = 0.6
NAMES = {"ar": "Arabic", "tr": "Turkish", "fa": "Persian", "he": "Hebrew", "ru": "Russian", "fr": "French",
         "de": "German", "es": "Spanish", "ku": "Kurdish", "ur": "Urdu", "it": "Italian", "zh": "Chinese"}
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPTS = [("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")),
            ("he", re.compile(r"[\u0590-\u05ff]")), ("ru", re.compile(r"[\u0400-\u04ff]")),
            ("zh", re.compile(r"[\u4e00-\u9fff]"))]


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence) of ``text``'s language, or ``None`` when it cannot be told.
    The opening 3,000 characters say it; the rest would only cost time."""
    text = text[:3000]
    letters = len(_LETTER.findall(text))
    if not letters:
        return None
    for code, pattern in _SCRIPTS:
        count = len(pattern.findall(text))
        if count >= 0.5 * letters:
            return code, count / letters
    if letters < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(text)
    return code, float(probability)


def foreign(text: str) -> str | None:
    """The code of the language of a report that is not in English, or ``None`` (English, or too
    short to tell)."""
    found = detect(text)
    if found is None:
        return None
    code, confidence = found
    return None if code == ENGLISH or confidence < MIN_CONFIDENCE else code


def note(code: str) -> str:
    """What a person is told of a report in another language."""
    return (f"This report reads as {name(code)}: Footprint extracts claims from English reports only, so none were "
            "extracted; the Syrian places it names are kept (grey Places named layer), and claims can be added by "
            "hand on the Reports page.")


def name(code: str | None) -> str:
    return NAMES.get(code or "", f"language '{code}'" if code else "an unknown language")
