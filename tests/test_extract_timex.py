"""Time expressions: extents, TIMEX3 types and values against fixed publication dates."""

from __future__ import annotations

import pytest

from storylens.extract.timex import _extract, duration_value, extract_time_expressions, parse_number, spoken_year
from storylens.models import Article

pytestmark = pytest.mark.slow


def timexes(nlp, text: str, published: str | None):
    article = Article(id="a1", text=text, published=published)
    found = extract_time_expressions(article, nlp(text))
    for t in found:
        assert t.text == text[t.start:t.end]
        assert t.article_id == "a1"
    return found


def values(nlp, text: str, published: str | None) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in timexes(nlp, text, published)}


# --- the example story's expressions (Monday 2010-08-30) ---------------------------------------


def test_reported_past_weekdays_look_back(nlp):
    found = values(nlp, "Police Thursday put 300 Roma on planes. Speaking in Romania Friday, he defended it.",
                   "2010-08-30")
    assert found["Thursday"] == ("DATE", "2010-08-26")
    assert found["Friday"] == ("DATE", "2010-08-27")


def test_vote_on_thursday(nlp):
    found = values(nlp, "On Thursday a majority of European parliamentarians voted for the resolution.", "2010-09-10")
    assert found == {"Thursday": ("DATE", "2010-09-09")}


def test_future_weekdays_look_ahead(nlp):
    found = values(nlp, "Reding, who travels to Brussels on Tuesday, criticised the expulsions.", "2010-08-30")
    assert found["Tuesday"] == ("DATE", "2010-08-31")
    text = "He will meet Merkel on Friday. He met Fillon on Friday."
    first, second = timexes(nlp, text, "2010-08-30")
    assert (first.start, first.value) == (text.index("Friday"), "2010-09-03")
    assert (second.start, second.value) == (text.rindex("Friday"), "2010-08-27")


@pytest.mark.parametrize(("text", "value"), [
    # a weekday between the verb of saying and the clause said dates the saying, wherever the parse hangs it
    ("The company told staff on Monday it would close its factory.", "2026-11-30"),
    ("The company said late on Monday it would close its factory.", "2026-11-30"),
    ("The unions agreed on Monday to end the strike at the plant.", "2026-11-30"),
    # inside the clause said, after its subject or "that", the plan's own day
    ("The company said it would close its factory on Monday.", "2026-12-07"),
    ("The company said that on Monday it would close its factory.", "2026-12-07"),
    ("The company is expected to say on Monday that it will close its factory.", "2026-12-07"),
])
def test_weekday_before_a_reported_clause_is_the_saying_day(nlp, text, value):
    assert values(nlp, text, "2026-12-02")["Monday"] == ("DATE", value)  # a Wednesday


def test_weekday_of_publication_is_that_day(nlp):
    assert values(nlp, "The minister spoke on Monday.", "2010-08-30")["Monday"] == ("DATE", "2010-08-30")


def test_relative_weeks_months_years(nlp):
    text = ("Last week the minister spoke. Last month, France expelled 700 people. This year more will follow, "
            "and later this month the camps close. The deadline is next week.")
    found = values(nlp, text, "2010-08-30")
    assert found["Last week"] == ("DATE", "2010-W34")
    assert found["Last month"] == ("DATE", "2010-07")
    assert found["This year"] == ("DATE", "2010")
    assert found["later this month"] == ("DATE", "2010-08")
    assert found["next week"] == ("DATE", "2010-W36")


def test_deictic_days(nlp):
    found = values(nlp, "Yesterday he spoke; today he rests; tomorrow he flies.", "2010-08-30")
    assert found == {"Yesterday": ("DATE", "2010-08-29"), "today": ("DATE", "2010-08-30"),
                     "tomorrow": ("DATE", "2010-08-31")}


def test_absolute_dates_and_extents_without_prepositions(nlp):
    text = ("The law was passed in 2007. The flights started on August 27. Camps have been dismantled since August. "
            "At the end of July, Sarkozy announced the plan.")
    found = values(nlp, text, "2010-08-30")
    assert found["2007"] == ("DATE", "2007")
    assert found["August 27"] == ("DATE", "2010-08-27")
    assert found["August"] == ("DATE", "2010-08")
    assert found["the end of July"] == ("DATE", "2010-07")
    assert not any(key.lower().startswith(("in ", "on ", "since ", "at ")) for key in found)


def test_month_direction(nlp):
    # a past month of the same name is last year's; an announced one is next year's
    assert values(nlp, "Prices rose sharply in November.", "2010-08-30")["November"] == ("DATE", "2009-11")
    assert values(nlp, "The summit will take place in January.", "2010-08-30")["January"] == ("DATE", "2011-01")
    assert values(nlp, "In June last year he left.", "2010-08-30")["June last year"] == ("DATE", "2009-06")


def test_durations(nlp):
    text = ("He has lived there for 10 years, three months in this camp. The two-hour talks covered the past "
            "three months. Nearly two weeks passed.")
    found = values(nlp, text, "2010-08-30")
    assert found["10 years"] == ("DURATION", "P10Y")
    assert found["three months"] == ("DURATION", "P3M")
    assert found["two-hour"] == ("DURATION", "PT2H")
    assert found["the past three months"] == ("DURATION", "P3M")
    assert found["Nearly two weeks"] == ("DURATION", "P2W")


def test_sets(nlp):
    found = values(nlp, "Inspections happen every week. The council meets each Thursday and reports annually.",
                   "2010-08-30")
    assert found["every week"] == ("SET", "P1W")
    assert found["each Thursday"] == ("SET", "XXXX-WXX-4")
    assert found["annually"] == ("SET", "P1Y")


def test_reference_words(nlp):
    found = values(nlp, "He is now in Paris. He recently arrived. In the future he may leave.", "2010-08-30")
    assert found == {"now": ("DATE", "PRESENT_REF"), "recently": ("DATE", "PAST_REF"),
                     "the future": ("DATE", "FUTURE_REF")}


def test_numbers_are_not_dates(nlp):
    text = ("More than 2,000 protesters marched; 1,000 Roma and 300 others left. France expelled 8,313 Roma. "
            "He is a 52-year-old man. It costs $5 a year.")
    assert timexes(nlp, text, "2010-08-30") == []


def test_a_clock_time_written_token_by_token(nlp):
    # "5 : 03pm" had been read as 3 p.m. (its last two digits with the suffix)
    found = values(nlp, "The alarm sounded at 5 : 03pm and the fire was out by 23 : 37 .", "2013-06-07")
    assert found["5 : 03pm"] == ("TIME", "2013-06-07T17:03")
    assert found["23 : 37"] == ("TIME", "2013-06-07T23:37")


def test_quarters_and_year_ago(nlp):
    found = values(nlp, "Third-quarter profit rose 5% from a year earlier.", "1989-10-27")
    assert found["Third-quarter"] == ("DATE", "1989-Q3")
    assert found["a year earlier"] == ("DATE", "1988-Q3")
    assert values(nlp, "Sales fell in the fourth quarter of 1988.", "1989-10-27")["the fourth quarter of 1988"] == (
        "DATE", "1988-Q4")


def test_times_of_day(nlp):
    found = values(nlp, "The blast occurred at 10:35 a.m. and the talks resume this morning.", "1998-08-07")
    assert found["10:35 a.m."] == ("TIME", "1998-08-07T10:35")
    assert found["this morning"] == ("TIME", "1998-08-07TMO")


# --- the precision of the publication date -------------------------------------------------------


def test_month_precision_article_resolves_no_finer_than_its_month(nlp):
    text = "Speaking Friday, he said so. Last week he left. Last month he came. On August 27 he spoke."
    found = values(nlp, text, "2010-09")
    assert found["Friday"] == ("DATE", "2010-09")
    assert found["Last week"] == ("DATE", "2010-09")
    assert found["Last month"] == ("DATE", "2010-08")
    assert found["August 27"] == ("DATE", "2010-08-27")


def test_year_precision_article(nlp):
    found = values(nlp, "Speaking Friday, he said so. In March he left.", "2010")
    assert found == {"Friday": ("DATE", "2010"), "March": ("DATE", "2010-03")}


def test_no_publication_date_keeps_absolute_values_only(nlp):
    text = "Speaking Friday, he said so. Last week he left. Last month he came. On August 27, 2010 he spoke, and on " \
           "August 28 too."
    found = values(nlp, text, None)
    assert found["Friday"] == ("DATE", "XXXX-XX-XX")
    assert found["Last week"] == ("DATE", "XXXX-WXX")
    assert found["Last month"] == ("DATE", "XXXX-XX")
    assert found["August 27, 2010"] == ("DATE", "2010-08-27")
    assert found["August 28"] == ("DATE", "XXXX-08-28")


# --- robustness and helpers ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n", "!!!", "May may May.", "31/31/2010 99:99 p.m.", "x" * 500,
                                  "The 45th of Octember, 0000-13-45, Tuesday-Tuesday-Tuesday"])
def test_odd_input_never_raises(nlp, text):
    doc = nlp(text)
    for published in ("2010-08-30", "2010-08", "2010", None):
        article = Article(id="a1", text=text, published=published)
        # the rules themselves must not raise (the public function also guards against it)
        found = _extract(article, doc, text)
        assert all(t.type in ("DATE", "TIME", "DURATION", "SET") and t.text == text[t.start:t.end] for t in found)
        assert extract_time_expressions(article, None) is not None


def test_doc_of_another_text_is_ignored(nlp):
    article = Article(id="a1", text="He left last week.", published="2010-08-30")
    found = extract_time_expressions(article, nlp("Something else entirely."))
    assert [(t.text, t.value) for t in found] == [("last week", "2010-W34")]


def test_helpers():
    assert parse_number("twenty-four") == 24
    assert parse_number("2 1/2") == 2.5
    assert parse_number("several") is None
    assert duration_value(3, "months") == "P3M"
    assert duration_value(2, "hour") == "PT2H"
    assert duration_value(2, "decades") == "P20Y"
    assert duration_value(None, "years") == "PXY"
    assert duration_value(1.5, "years") == "P1Y6M"
    assert spoken_year("nineteen ninety-six") == 1996
    assert spoken_year("two thousand") == 2000


# --- direction of underspecified dates -------------------------------------------------------------


def test_weekday_modifying_a_noun_looks_back(nlp):
    # the present tense dates the report; "Tuesday's announcement" was a day gone (Friday 2010-09-03)
    found = values(nlp, "The move follows Tuesday's announcement by the ministry.", "2010-09-03")
    assert found["Tuesday"] == ("DATE", "2010-08-31")


def test_possessive_weekday_closing_price_looks_back_in_a_future_sentence(nlp):
    # Thursday 2026-10-01: a closing price is recorded already, whatever the tense of the sentence; another
    # possessive keeps the verb's tense ("will attend Friday's meeting")
    text = ("Harlen Foods will pay a 28% premium over Monday's closing price for Brisco Mills. Staff will attend "
            "Friday's meeting in Ostley. The bid will be 12% above Tuesday's close.")
    found = values(nlp, text, "2026-10-01")
    assert found["Monday"] == ("DATE", "2026-09-28")
    assert found["Friday"] == ("DATE", "2026-10-02")
    assert found["Tuesday"] == ("DATE", "2026-09-29")


def test_singular_subject_makes_ambiguous_verb_past(nlp):
    # "hurt" tagged as present (VBP) with a singular subject is the past form (Monday 2010-08-30); the parse is
    # given, as the small model tags this sentence either way
    from spacy.tokens import Doc

    words = ["Weakness", "hurt", "the", "index", "on", "Friday", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, True, True, True, False, False],
              tags=["NN", "VBP", "DT", "NN", "IN", "NNP", "."],
              pos=["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
              heads=[1, 1, 3, 1, 1, 4, 1], deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"])
    found = extract_time_expressions(Article(id="a1", text=doc.text, published="2010-08-30"), doc)
    assert [(t.text, t.value) for t in found] == [("Friday", "2010-08-27")]
    doc[0].tag_ = "NNS"  # "Banks hurt ...": a plural subject leaves the present tense
    found = extract_time_expressions(Article(id="a1", text=doc.text, published="2010-08-30"), doc)
    assert [(t.text, t.value) for t in found] == [("Friday", "2010-09-03")]


def test_month_modifying_a_noun_is_the_nearest(nlp):
    # "a cutback ... in September": the past tense of "were told" does not date the cutback (2010-08-16)
    found = values(nlp, "Traders were told of a sharp cutback in its oil supply in September.", "2010-08-16")
    assert found["September"] == ("DATE", "2010-09")


def test_would_be_passive_looks_ahead(nlp):
    found = values(nlp, "The ministry said the dividend would be paid in January.", "2010-10-26")
    assert found["January"] == ("DATE", "2011-01")


def test_present_be_looks_ahead(nlp):
    found = values(nlp, "The reduced dividend is payable Jan. 2 to holders of record.", "2010-11-02")
    assert found["Jan. 2"] == ("DATE", "2011-01-02")


def test_month_modifying_a_noun_ignores_a_present_tense(nlp):
    # "dollars in October": the present "are worth" does not move October ahead (2010-01-08)
    found = values(nlp, "Stakes worth a hundred million dollars in October are worth only half that now.", "2010-01-08")
    assert found["October"] == ("DATE", "2009-10")


def test_deadline_moved_until_a_weekday_looks_ahead(nlp):
    # Thursday 2013-03-21: a deadline put off "until Tuesday" is the coming Tuesday; "up until Tuesday" is past
    text = "Officials postponed until Tuesday any action. Up until Tuesday, they had described him as a witness."
    first, second = timexes(nlp, text, "2013-03-21")
    assert (first.start, first.value) == (text.index("Tuesday"), "2013-03-26")
    assert (second.start, second.value) == (text.rindex("Tuesday"), "2013-03-19")


def test_present_passive_set_for_and_infinitives_look_ahead(nlp):
    found = values(nlp, "The relatives may lose when the case is heard in May.", "2010-03-29")
    assert found["May"] == ("DATE", "2010-05")
    found = values(nlp, "Diplomats discussed a summit set for Washington in April.", "2010-03-12")
    assert found["April"] == ("DATE", "2010-04")
    found = values(nlp, "The alliance has decided to admit three countries in early March.", "2010-02-10")
    assert found["early March"] == ("DATE", "2010-03")
    # a record "set on Aug. 6" was set in the past
    found = values(nlp, "The index is near its record high set on Aug. 6.", "2010-03-12")
    assert found["Aug. 6"] == ("DATE", "2009-08-06")


# --- extents ------------------------------------------------------------------------------------------


def test_hedges_and_over_stay_out_of_the_extent(nlp):
    text = "Prices rose over the past three years. The talks lasted about two weeks, and he has only six months left."
    found = values(nlp, text, "2010-08-30")
    assert found["the past three years"] == ("DURATION", "P3Y")
    assert found["two weeks"] == ("DURATION", "P2W")
    assert found["six months"] == ("DURATION", "P6M")


def test_in_the_past_is_the_past(nlp):
    assert values(nlp, "In the past, the ministry has refused.", "2010-08-30") == {"the past": ("DATE", "PAST_REF")}


def test_determiner_of_a_hyphenated_modifier_belongs_to_the_noun(nlp):
    found = values(nlp, "The bank reported a third-quarter loss. The year-ago results were better.", "2010-10-20")
    assert found["third-quarter"] == ("DATE", "2010-Q3")
    assert "year-ago" in found


def test_season_of_a_year(nlp):
    found = values(nlp, "The winter of 2011 was cold, as was the fall of nineteen ninety-four.", "2013-03-21")
    assert found["The winter of 2011"] == ("DATE", "2011-WI")
    assert found["the fall of nineteen ninety-four"] == ("DATE", "1994-FA")


def test_capitalised_modifiers_at_sentence_start(nlp):
    # Thursday 2013-03-21
    text = ("Last Thursday, the council met. Last April, he left. Each morning the market opens. "
            "This past weekend it rained.")
    found = values(nlp, text, "2013-03-21")
    assert found["Last Thursday"] == ("DATE", "2013-03-14")
    assert found["Last April"] == ("DATE", "2012-04")
    assert found["Each morning"] == ("SET", "XXXX-XX-XXTMO")
    assert found["This past weekend"] == ("DATE", "2013-W11-WE")
    found = values(nlp, "Yesterday at 5 p.m. the plane landed.", "2013-03-21")
    assert found == {"Yesterday at 5 p.m.": ("TIME", "2013-03-20T17:00")}


def test_quarter_of_next_year(nlp):
    found = values(nlp, "Analysts expect growth in the second quarter of next year.", "2013-03-21")
    assert found == {"the second quarter of next year": ("DATE", "2014-Q2")}


def test_bare_plural_units_after_within_and_in(nlp):
    found = values(nlp, "A deal is expected within days. It is the worst slump in decades. Weeks of talks failed.",
                   "2013-03-21")
    assert found == {"days": ("DURATION", "PXD"), "decades": ("DURATION", "PXY")}


def test_forecast_quarter_is_not_the_reported_one(nlp):
    # 2010-11-02: the report is about the third quarter; the fourth is only forecast
    text = ("The insurer said third-quarter profit rose. The storm will result in a fourth-quarter charge. "
            "Earnings fell in the latest quarter, compared with a year ago. Sales in the current quarter are strong.")
    found = values(nlp, text, "2010-11-02")
    assert found["fourth-quarter"] == ("DATE", "2010-Q4")
    assert found["the latest quarter"] == ("DATE", "2010-Q3")
    assert found["a year ago"] == ("DATE", "2009-Q3")
    assert found["the current quarter"] == ("DATE", "2010-Q4")


def test_couple_of_years_later_date_and_years_end(nlp):
    text = ("Over the next couple of years sales will rise. More shares may be sold at a later date. "
            "It closes by year's end.")
    found = values(nlp, text, "2013-03-21")
    assert found["the next couple of years"] == ("DURATION", "P2Y")
    assert found["a later date"] == ("DATE", "FUTURE_REF")
    assert found["year's end"] == ("DATE", "2013-12-31")


def test_time_takes_the_weekday_after_its_other_zone(nlp):
    # Saturday 1998-08-08
    found = values(nlp, "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.", "1998-08-08")
    assert found["10:35 a.m."] == ("TIME", "1998-08-07T10:35")
    assert found["Friday"] == ("DATE", "1998-08-07")


def test_half_of_a_named_year(nlp):
    found = values(nlp, "Exports rose in the first half of 2013 and fell in the last half of 1989.", "2013-09-21")
    assert found["the first half of 2013"] == ("DATE", "2013-H1")
    assert found["the last half of 1989"] == ("DATE", "1989-H2")


def test_weekday_right_after_a_past_verb_is_past(nlp):
    # Thursday 2013-03-21: "said Monday it would merge" was said on the past Monday
    found = values(nlp, "Shares rose on Tuesday after the company said Monday it would merge.", "2013-03-21")
    assert found["Monday"] == ("DATE", "2013-03-18")


def test_twice_a_day_half_an_hour_and_last_as_a_verb(nlp):
    text = "The drug is taken twice a day. Benefits last up to 26 weeks. Half an hour later police arrived."
    found = values(nlp, text, "2013-03-21")
    assert found["a day"] == ("SET", "P1D")
    assert found["up to 26 weeks"] == ("DURATION", "P26W")
    assert found["Half an hour"] == ("DURATION", "PT30M")


def test_effective_date_is_the_nearest_and_thousand_years_a_duration(nlp):
    found = values(nlp, "The bank also created a new office, effective Feb. 1.", "1989-10-26")
    assert found["Feb. 1"] == ("DATE", "1990-02-01")
    found = values(nlp, "They have kept their secrets for more than two thousand years.", "1998-01-21")
    assert found == {"more than two thousand years": ("DURATION", "P2000Y")}


def test_week_long_and_the_last_week_of_a_month(nlp):
    text = "The last week of February was calm. The week-long festival ends Sunday; a yearlong probe goes on."
    found = values(nlp, text, "2013-03-21")
    assert "last week" not in found
    assert found["week-long"] == ("DURATION", "P1W")
    assert found["yearlong"] == ("DURATION", "P1Y")
    assert values(nlp, "Last year's quarter was weak.", "2013-03-21")["Last year"] == ("DATE", "2012")


def test_quarter_of_a_possessive_year(nlp):
    found = values(nlp, "Sales in 2011's fourth quarter rose.", "2013-03-21")
    assert found["fourth quarter"] == ("DATE", "2011-Q4")


def test_counted_units_later_are_durations(nlp):
    found = values(nlp, "The ship sank on March 3. Two days later it was raised.", "2013-03-21")
    assert found["Two days"] == ("DURATION", "P2D")
    assert "days later" not in found


def test_by_stays_out_of_the_end_of_this_year(nlp):
    found = values(nlp, "Unemployment should fall by the end of this year.", "2013-03-21")
    assert found == {"the end of this year": ("DATE", "2013")}


def test_sets_of_months_and_weekday_parts(nlp):
    found = values(nlp, "Marchers parade each July. The show airs Sunday mornings.", "2013-03-21")
    assert found["each July"] == ("SET", "XXXX-07")
    assert found["Sunday mornings"] == ("SET", "XXXX-WXX-7TMO")


def test_comparison_compounds_are_not_times(nlp):
    found = values(nlp, "The quarter-to-quarter comparison improved. Sales rose in the quarter.", "2013-03-21")
    assert found == {"the quarter": ("DATE", "2012-Q4")}


def test_then_current_is_past(nlp):
    found = values(nlp, "Holders may buy shares at half the then current market price.", "2013-03-21")
    assert found == {"then current": ("DATE", "PAST_REF")}


def test_literal_prefilter_finds_what_every_pattern_finds():
    from storylens.extract import timex

    texts = ["He came last FRIDAY at 5 p.m., three days ago; the fiscal year ended in Sept. 2009.",
             "ſunday and the fırst quarter", "Mondays, every other week, nineteen-eighty-four, the 1990s",
             "In the year-earlier period, for weeks; a while; currently; the twenty-first century"]
    found = [[(c.start, c.end, c.kind) for c in timex._rule_candidates(text)] for text in texts]
    filters = timex._prefilters
    try:
        timex._prefilters = lambda: [None] * len(filters())
        unfiltered = [[(c.start, c.end, c.kind) for c in timex._rule_candidates(text)] for text in texts]
    finally:
        timex._prefilters = filters
    assert found == unfiltered
    assert any(f is not None for f in filters())


def test_first_character_gate_changes_no_match():
    import re

    from storylens.extract import timex

    texts = ["He came last FRIDAY at 5 p.m., three days ago; the fiscal year ended in Sept. 2009.",
             "ſeveral days ago, the paſt week, İn the fırst quarter, \u212a days; NEXT MONTH, Two Weeks Ago",
             "about 20 minutes; noon; the 1990s; a couple of years; twenty-five years earlier; mid-2010",
             "Mondays, every other week, nineteen-eighty-four; currently; the twenty-first century"]
    gated = timex._compiled_at_word_start()
    plain = [re.compile(r"(?<![^\W_])(?<![-'’])(?:" + p.pattern + ")", p.flags) for _, p in timex._compiled()]
    assert all("(?=" in p.pattern for _, p in gated)  # every pattern has a gate
    for text in texts:
        assert [[m.span() for m in p.finditer(text)] for _, p in gated] == \
            [[m.span() for m in p.finditer(text)] for p in plain]


def test_window_scan_finds_what_finditer_finds():
    from storylens.extract import timex
    from storylens.extract.regex_gates import prefilter_text

    texts = ["He came last FRIDAY at 5 p.m., three days ago; the fiscal year ended in Sept. 2009.",
             "ſeveral days ago, the paſt week, İn the fırst quarter, \u212a days; NEXT MONTH, Two Weeks Ago",
             "about 20 minutes; noon; the 1990s; a couple of years; twenty-five years earlier; mid-2010",
             "Mondays, every other week, nineteen-eighty-four; currently; the twenty-first century",
             "For \"two   weeks\" (or  three\ndays) the talks went on.  The year-ago period; 4-6 years; 1/2 hour",
             "The minister said on Tuesday that, over the past two decades and a half, nothing changed. " * 3
             + "Quarterly results came a day later, some 30 days after the deadline of May 5, 2010-11."]
    assert all(scan.usable for scan in timex._window_scans())  # every pattern is scanned by windows
    for text in texts:
        lowered = prefilter_text(text)
        for (_, pattern), scan in zip(timex._compiled_at_word_start(), timex._window_scans(), strict=True):
            assert [m.span() for m in scan.finditer(text, lowered)] == [m.span() for m in pattern.finditer(text)]


def test_first_character_gate_of_small_patterns():
    import re

    from storylens.extract.regex_gates import first_char_gate

    gate = first_char_gate(re.compile(r"(?:\bnext|(?i:last))\s+week|\d+ days"))
    assert re.match(gate, "next") and re.match(gate, "LAST") and re.match(gate, "3")
    assert not re.match(gate, "Next") and not re.match(gate, "week")
    assert first_char_gate(re.compile(r"(?:a|)b?")) == ""  # can match empty: no gate
    assert first_char_gate(re.compile(r".x")) == ""  # any character may start it


def test_that_season_is_the_season_of_the_last_year_named(nlp):
    text = "In October 2010, France ordered the expulsions, following a clash in Brittany earlier that summer."
    found = values(nlp, text, "2012-03")
    assert found["October 2010"] == ("DATE", "2010-10")
    assert found["that summer"] == ("DATE", "2010-SU")
    # with no date named before it, the season is read against the publication date
    assert values(nlp, "That winter the river froze.", "2012-08-05")["That winter"] == ("DATE", "2011-WI")


def test_that_time_is_the_last_date_named(nlp):
    text = "In October 2010, France ordered the expulsions. Sarkozy released a statement at that time."
    assert values(nlp, text, "2012-03")["that time"] == ("DATE", "2010-10")
    assert values(nlp, "Nobody knew it at that time, officials said.", "2012-03-05")["that time"] == ("DATE", "PAST_REF")
    assert "that time" not in values(nlp, "In 2005 it began a plan. During that time it lost money.", "2010-03-05")


def test_four_digit_clock_times_with_a_zone_are_times_not_years(nlp):
    text = ("The tanker docked at 1530 GMT on Monday. The storm struck at 5:10 a.m. local time (2010 GMT Monday). "
            "A second tanker is due at 0800 local time. Crews answered calls from 1,912 homes.")
    found = values(nlp, text, "2026-02-03")  # a Tuesday
    assert found["1530 GMT on Monday"] == ("TIME", "2026-02-02T15:30")
    assert found["2010 GMT Monday"] == ("TIME", "2026-02-02T20:10")
    assert found["0800 local time"][0] == "TIME"
    assert not any(value in ("1530", "2010", "1912") for _type, value in found.values())


def test_four_digit_clock_times_in_zones_of_the_world_are_times_not_years(nlp):
    # a page's stamp gives the time in another zone in brackets ("( 1852 HKT )"): a clock, not the year 1852
    text = "Filed 1020 GMT ( 1820 HKT ) . The market opened at 0930 JST and the ferry left at 2115 AEDT ."
    found = values(nlp, text, "2026-02-03")
    assert {found[t][0] for t in ("1820 HKT", "0930 JST", "2115 AEDT")} == {"TIME"}, found
    assert not any(value in ("1820", "0930", "2115") for _type, value in found.values())


def test_a_year_after_a_preposition_of_time_before_a_zones_letters_stays_a_year(nlp):
    # the zones added ("GST", "ICT", "PT") are also a tax's, a trade's and a company's letters: "In 2017 GST was
    # introduced" had been the clock time 20:17; four digits after "in" are a year ("by 1700 GMT" a clock time still)
    found = values(nlp, "In 2017 GST was introduced . Output grew in 2019 ICT firms said . The vote closed by 1530 GMT .",
                   "2026-02-03")
    assert found.get("2017") == ("DATE", "2017") and found.get("2019") == ("DATE", "2019"), found
    assert found.get("1530 GMT") == ("TIME", "2026-02-03T15:30"), found


def test_a_house_number_before_a_street_is_no_year(nlp):
    # "arrested at 1942 Harbor Street" had put an arrest in the year 1942; "in 1998 Main Street ..." is still a year
    found = values(nlp, "Police arrested him at 1942 Harbor Street on Monday . The family lived at 1850 West Elm "
                   "Avenue until 1999 . In 1998 Main Street was rebuilt .", "2026-02-03")
    assert not any(value in ("1942", "1850") for _type, value in found.values()), found
    assert found["1999"] == ("DATE", "1999") and found["1998"] == ("DATE", "1998"), found


def test_a_year_after_the_before_a_square_or_a_court_stays_a_year(nlp):
    # the street rule took "the 1987 Harbor Square protests" and "the 2011 Appeals Court ruling" for house numbers
    # and dropped both years: no house's number follows "the" or a possessive
    found = values(nlp, "The 1987 Harbor Square protests ended in arrests . Critics cited the 2011 Appeals Court "
                   "ruling . The firm's 2015 Market Street move was costly .", "2026-02-03")
    assert found.get("1987") == ("DATE", "1987"), found
    assert found.get("2011") == ("DATE", "2011"), found
    assert found.get("2015") == ("DATE", "2015"), found


def test_a_bare_clock_time_in_a_past_report_takes_the_day_named_before_it(nlp):
    text = ("A fire broke out at a warehouse in the port on Sunday. The blaze, which started shortly after 10 p.m., "
            "destroyed the roof. The mayor will visit the site at 3 p.m.")
    found = values(nlp, text, "2026-02-03")  # a Tuesday; Sunday is 2026-02-01
    assert found["shortly after 10 p.m."] == ("TIME", "2026-02-01T22:00")
    assert found["3 p.m."] == ("TIME", "2026-02-03T15:00")  # ahead: not the past Sunday


def test_since_a_month_looks_back_whatever_the_tense(nlp):
    # "since" dates the start of what has happened up to now: a present-tense main verb does not send it ahead
    found = values(nlp, "A flu wave that has kept 90 pupils at home since March is the worst in years.", "2031-06-10")
    assert found["March"] == ("DATE", "2031-03")
    found = values(nlp, "A virus outbreak that has sickened 80 people in the city since August is the result of a leak.",
                   "2031-06-10")
    assert found["August"] == ("DATE", "2030-08")


def test_fall_and_spring_are_seasons_only_when_read_as_times(nlp):
    found = values(nlp, "The economist said the fall was driven by weak exports. After the fall of the bank, "
                        "shares sank. Trade picks up in the fall, as it did in fall 2025.", "2026-11-26")
    assert found == {"the fall": ("DATE", "2026-FA"), "fall 2025": ("DATE", "2025-FA")}
    assert [t.start for t in timexes(nlp, "The fall was steep. Sales rose in the spring.", "2026-11-26")] == [34]


@pytest.mark.parametrize(("text", "date", "value"), [
    ("The harbour closed on August 10 , 2007 , after the storm.", "August 10 , 2007", "2007-08-10"),
    ("Dockers struck on Wednesday , September 10 , 2008 in Harwick.", "Wednesday , September 10 , 2008", "2008-09-10"),
    ("The port reopened 3 March , 2006 .", "3 March , 2006", "2006-03-03"),
])
def test_a_date_written_with_a_space_before_its_comma_keeps_its_year(nlp, text, date, value):
    # text split into tokens ("10 , 2007"): the day was resolved in the publication's year, the year left apart
    assert values(nlp, text, "2009-03-02") == {date: ("DATE", value)}


def test_a_day_word_after_a_determiner_is_the_noun(nlp):
    # "Imagine a tomorrow where hard work is honored" had dated a timeline entry the day after publication
    found = values(nlp, "'Imagine a tomorrow where every child reads,' she said. They promised a better tomorrow. "
                        "The vote is tomorrow.", "2016-04-28")
    assert found == {"tomorrow": ("DATE", "2016-04-29")}, found
    assert [t.start for t in timexes(nlp, "They promised a better tomorrow. The vote is tomorrow.", "2016-04-28")] == [45]


def test_a_month_after_likely_to_looks_ahead(nlp):
    # "attacks Republicans are likely to use in the fall" (March 2016) had been dated to the fall of 2015
    found = values(nlp, "The mill is likely to close in September. Rivals are certain to use it in November.", "2016-03-04")
    assert found["September"] == ("DATE", "2016-09") and found["November"] == ("DATE", "2016-11"), found


def test_a_day_word_after_another_nouns_determiner_is_a_day(nlp):
    # "a judge signed an order yesterday", "we can grow our economy today": the determiner is the noun's before
    found = values(nlp, "A judge signed an order yesterday. We can grow our economy today, she said.", "2016-04-28")
    assert found == {"yesterday": ("DATE", "2016-04-27"), "today": ("DATE", "2016-04-28")}, found


@pytest.mark.parametrize(("text", "when", "value"), [
    ("TUESDAY , APRIL 9 , 2019\nFERRY STRIKE ENDS", "TUESDAY , APRIL 9 , 2019", "2019-04-09"),
    ("The ferry strike ended on APRIL 9, 2019, the union said.", "APRIL 9, 2019", "2019-04-09"),
    ("Posted 9 APRIL 2019", "9 APRIL 2019", "2019-04-09"),
])
def test_a_date_written_in_capitals_is_read_whole(nlp, text, when, value):
    # a page's stamp in capitals had been read as its year alone ("MONDAY , MAY 23 , 2005" -> 2005)
    assert values(nlp, text, "2019-04-10").get(when, (None, None))[1] == value, values(nlp, text, "2019-04-10")


def test_a_month_in_capitals_without_a_day_is_no_date(nlp):
    # "MAY" in a headline in capitals is the verb
    assert not values(nlp, "OFFICIALS MAY RESIGN OVER FERRY STRIKE", "2019-04-10")


def test_as_of_a_month_looks_back(nlp):
    # "as of February, the store accounts for 70%" in an April article had been read as the next February
    found = values(nlp, "As of February, the ferry line carries 40% of the island's freight. As of March the port "
                        "will charge a new fee.", "2031-04-09")
    assert found["February"] == ("DATE", "2031-02")
    assert found["March"] == ("DATE", "2032-03")  # a future auxiliary still looks ahead


@pytest.mark.parametrize("text", ["As of January 1, ferry operators must carry two life rafts.",
                                  "As of January 1, the new ferry law takes effect.",
                                  "As of January 1, the harbour fee goes up to $5."])
def test_as_of_a_date_looks_ahead_for_what_starts_then(nlp, text):
    # a modal or a verb of a start or a change says what holds from that date on: in a December article the next
    # January 1, as before "as of" looked back (it had given the January gone by)
    assert values(nlp, text, "2031-12-10") == {"January 1": ("DATE", "2032-01-01")}


@pytest.mark.parametrize(("text", "date", "value"), [
    ("The ferry sank on Dec . 7 , 2009 near Harwick .", "Dec . 7 , 2009", "2009-12-07"),
    ("Divers found it on Nov . 30 , 2009 .", "Nov . 30 , 2009", "2009-11-30"),
    ("Divers found it on Nov. 30, 2009.", "Nov. 30, 2009", "2009-11-30"),
])
def test_an_abbreviated_month_with_its_full_stop_set_apart_is_one_date(nlp, text, date, value):
    # text split into tokens ("Dec . 7 , 2009") had given only the year 2009
    assert values(nlp, text, "2011-03-02") == {date: ("DATE", value)}


def test_a_year_before_a_zones_letters_that_name_another_thing_stays_a_year(nlp):
    # "ICT", "GST" are a trade's and a tax's letters as often as a zone's: before a word in small letters that is no
    # preposition or day's word they are not a zone, and the four digits before them a year; as a zone they end a
    # phrase ("1530 IST on Monday", "0900 GST , officials said")
    found = values(nlp, "By 2019 ICT spending had doubled . Since 2018 GST receipts rose . The talks began at 1530 IST "
                   "on Monday . The port shut at 0900 GST , officials said .", "2026-02-03")
    assert found.get("2019") == ("DATE", "2019") and found.get("2018") == ("DATE", "2018"), found
    assert found.get("1530 IST on Monday") == ("TIME", "2026-02-02T15:30"), found
    assert found["0900 GST"][0] == "TIME" and found["0900 GST"][1].endswith("T09:00"), found


def test_four_digits_after_a_label_word_are_no_year(nlp):
    # "chairwoman of Local 1831" names a union's branch, "Flight 2011" a flight: no years 1831 and 2011
    found = values(nlp, "Ann Holt , chairwoman of Local 1831 , said the plant would close . Flight 2011 landed in "
                        "1998 , and Route 1776 opened in 2004 .", "2006-01-23")
    assert "1831" not in found and "2011" not in found and "1776" not in found, found
    assert found.get("1998", ("", ""))[1] == "1998" and found.get("2004", ("", ""))[1] == "2004", found


def test_four_digits_after_a_days_or_a_weeks_name_are_its_year(nlp):
    # "Boxing Day 2004", "Fashion Week 2011": the number is the year of that day or week, no label
    found = values(nlp, "Thousands died in the Boxing Day 2004 tsunami . Fashion Week 2011 opened in Milan .",
                   "2013-01-10")
    assert found.get("2004", ("", ""))[1] == "2004" and found.get("2011", ("", ""))[1] == "2011", found
