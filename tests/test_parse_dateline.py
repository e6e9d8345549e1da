"""The shared dateline recogniser (parse/dateline.py)."""

from storylens.parse.dateline import dateline_at, dateline_holding, datelines, only_dateline


def _parts(text, d):
    return [text[a:b] for a, b in d.parts]


def test_wire_datelines_with_a_filing_date_a_region_and_a_source():
    text = "GDANSK, Feb 3 (Wire) - Dock workers walked out."
    d = dateline_at(text)
    assert text[d.start:d.end] == "GDANSK, Feb 3 (Wire) - "
    assert text[slice(*d.place)] == "GDANSK" and text[slice(*d.date)] == "Feb 3" and text[slice(*d.source)] == "Wire"
    text = "SAINT PAUL, Minnesota (AP) — Lawmakers met."
    d = dateline_at(text)
    assert _parts(text, d) == ["SAINT PAUL", "Minnesota", "AP"] and d.date is None
    assert text[d.end:].startswith("Lawmakers")
    text = "ORAN, 4 March 2024 (Wire) -- The port reopened."
    assert text[slice(*dateline_at(text).date)] == "4 March 2024"
    assert dateline_at("Lyon (AFP) – The mayor resigned.") is not None
    assert dateline_at("(Wire) - Shares fell.") is not None


def test_what_is_not_a_dateline():
    assert dateline_at("Sen. Jo Park (D-Ohio) – said no.") is None  # a name, its bracket no source
    assert dateline_at("EU - China talks resumed.") is None  # two capitals: not a place
    assert dateline_at("BBC - TV said so.") is None and dateline_at("A GAS - LEAK alert") is None  # capitals
    assert dateline_at("NEVADA - Shortly after noon, the dam broke.") is not None
    assert dateline_at("President Smith — under pressure — signed.") is None
    assert only_dateline("OSLO (Wire) —", 0, 13) and not only_dateline("OSLO (Wire) — The bank", 0, 22)


def test_datelines_open_lines_only_and_offsets_point_into_the_text():
    text = "Headline here\n\nVALLETTA, May 2 (Wire) - Ferries stopped. Then QUITO, May 3 (Wire) - no."
    found = datelines(text)
    assert len(found) == 1
    d = found[0]
    assert text[d.start:d.end] == "VALLETTA, May 2 (Wire) - "
    assert dateline_holding(text, d.start + 3) == d and dateline_holding(text, d.end) is None


def test_datelines_within_a_range():
    from storylens.parse.dateline import datelines_within

    text = "QUITO, May 3 (Wire) - Rain fell.\nLIMA, May 4 (Wire) - Sun shone.\nNo dateline here."
    assert [text[d.start:d.start + 4] for d in datelines_within(text, 0, len(text))] == ["QUIT", "LIMA"]
    assert [text[d.start:d.start + 4] for d in datelines_within(text, 40, 45)] == ["LIMA"]
    assert datelines_within(text, text.index("No"), len(text)) == []
