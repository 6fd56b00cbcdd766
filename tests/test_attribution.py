"""Who says so: the source and the speaker a sentence attributes its content to."""

import pytest

from footprint import attribution


@pytest.mark.parametrize("sentence, source, speaker", [
    ("According to SANA, Israeli forces entered Jubata al-Khashab.", "SANA", None),
    ("Israeli forces entered Jubata al-Khashab, the Syrian Observatory said.", "Syrian Observatory", "Syrian Observatory"),
    ("The Pentagon said US troops remain at al-Tanf.", "Pentagon", "Pentagon"),
    ("RAF jets struck a facility in Syria, the Ministry of Defence has said.", "Ministry of Defence", "Ministry of Defence"),
    # a speaker with an apposition between it and its verb
    ("Residents of Khan Arnabeh, in Quneitra province, told local outlets they had seen Israeli tanks.",
     "Residents of Khan Arnabeh", "Residents of Khan Arnabeh"),
    ("Reports suggest Turkey is pressing ahead with plans at T4.", "reports", None),
    # a source that reports without "that", and a speaker with a relative clause before its verb
    ("Local sources reported an Israeli incursion into the western Daraa countryside.", "Local sources", "Local sources"),
    ("The Syrian Defence Ministry, which is headed by an HTS commander, said overnight that Hezbollah had attacked.",
     "Syrian Defence Ministry", "Syrian Defence Ministry"),
    # reporting is not speaking for anyone but a source
    ("Israel reported no casualties after the strike.", None, None),
    ("Israeli tanks advanced on Saturday.", None, None),
])
def test_attribution(sentence, source, speaker):
    got_source, _, got_speaker = attribution.attribution(sentence, [])
    assert (got_source, got_speaker) == (source, speaker)


def test_a_pronoun_speaks_for_the_last_speaker_named():
    speakers = []
    attribution.track_speakers("The Kremlin spokesman said talks were under way.", speakers)
    source, _, speaker = attribution.attribution("He said Russia would keep Hmeimim.", speakers)
    assert source == speaker == "Kremlin spokesman"
