"""Reports not in English: told apart, stored with a note, their places kept, no claims read."""

import pytest

from footprint import corrections, ingestion, language, reports, store

ARABIC = ("توغلت قوة إسرائيلية صباح اليوم في قرية الرفيد بريف القنيطرة الجنوبي، وفق مصادر محلية، "
          "وأقامت حاجزا مؤقتا على الطريق المؤدي إلى دمشق قبل أن تنسحب بعد ساعات.")
FRENCH = ("Des forces turques ont pénétré mardi dans plusieurs villages au sud de Kobané, selon l'Observatoire "
          "syrien des droits de l'homme, tandis que des drones frappaient la région du barrage de Tichrine.")
ENGLISH = ("Turkish forces entered several villages south of Kobani on Tuesday, according to the Syrian "
           "Observatory for Human Rights, while drones struck the area of the Tishreen dam.")


@pytest.mark.parametrize(("text", "code"), [
    (ARABIC, "ar"), (FRENCH, "fr"), (ENGLISH, None),
    ("hello world", None),  # too short to judge: the model would guess
    ("دمشق", "ar"),  # short, but all in Arabic script
    (ENGLISH + " " + "الرفيد", None),  # an English report quoting an Arabic name
])
def test_foreign(text, code):
    assert language.foreign(text) == code


def test_an_arabic_report_is_stored_with_a_note_and_its_places(engine):
    result = ingestion.ingest_report(engine, reports.from_text(ARABIC, title="خبر"))
    assert result.added and result.language == "ar" and result.claims == 0
    named = {p.place.place_name for p in store.named_places(engine)}
    assert {"Al-Rafid", "Quneitra", "Damascus"} <= named  # Arabic names geocode through the gazetteer
    [report] = store.stored_reports(engine)
    assert report.notes["language"] == "ar"


def test_a_french_report_gives_no_claims_even_on_reading_again(engine):
    result = ingestion.ingest_report(engine, reports.from_text(FRENCH))
    assert (result.language, result.claims) == ("fr", 0)
    corrections.reapply(engine)
    assert store.claims(engine) == []
    english = ingestion.ingest_report(engine, reports.from_text(ENGLISH))
    assert english.language is None and english.claims > 0


def test_the_note_names_the_language():
    assert language.note("ar").startswith("This report reads as Arabic: Footprint extracts claims from English")
    assert "language 'sw'" in language.note("sw")
