"""Quantities in short texts of our own: money, approximators, words, fractions, percents, ranges, vague amounts."""

from __future__ import annotations

import pytest

from storylens.extract.quantities import extract_quantities
from storylens.models import Article


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text: str):
        article = Article(id="t", text=text, published="2010-09-13")
        return extract_quantities(article, nlp(text))
    return run


def by_text(claims):
    return {c.span.text: c for c in claims}


def test_money_in_three_currencies(claims_of):
    text = "Each family got 300 euros (246.68 pounds), while earlier migrants were paid around $400 for an adult."
    claims = by_text(claims_of(text))
    assert claims["300 euros"].unit == "EUR" and claims["300 euros"].value == 300
    assert claims["246.68 pounds"].unit == "GBP" and claims["246.68 pounds"].value == pytest.approx(246.68)
    usd = claims["around $400"]
    assert (usd.unit, usd.value, usd.approx, usd.kind) == ("USD", 400, "about", "money")
    assert usd.counts == "for an adult"
    assert all(c.kind == "money" for c in claims.values())


def test_money_codes_scales_and_reference(claims_of):
    claims = by_text(claims_of("They were given 100 euros for each of their children. The deal is worth USD 1.5 billion."))
    assert claims["100 euros"].counts == "for each of their children"
    assert claims["USD 1.5 billion"].value == 1_500_000_000 and claims["USD 1.5 billion"].unit == "USD"


def test_spans_index_the_text_and_ids_are_in_order(claims_of):
    text = "Officials said 979 Roma had been repatriated, almost 1,000 people in all."
    claims = claims_of(text)
    assert [c.id for c in claims] == ["t-n1", "t-n2"]
    for claim in claims:
        assert text[claim.span.start:claim.span.end] == claim.span.text


@pytest.mark.parametrize(
    ("text", "span", "approx", "value"),
    [
        ("Around 1,000 Roma left since August.", "Around 1,000", "about", 1000),
        ("Almost 1,000 people were flown out.", "Almost 1,000", "under", 1000),
        ("More than 8,300 were sent back this year.", "More than 8,300", "over", 8300),
        ("It fell by just over 40 points.", "just over 40 points", "over", 40),
        ("Roughly 60 families were moved.", "Roughly 60", "about", 60),
        ("At least 12 camps were cleared.", "At least 12", "at_least", 12),
        ("The grant is worth up to $8 million.", "up to $8 million", "at_most", 8_000_000),
        ("Fewer than 3.5 seconds passed.", "Fewer than 3.5 seconds", "under", 3.5),
    ],
)
def test_approximators(claims_of, text, span, approx, value):
    claims = by_text(claims_of(text))
    assert span in claims, claims
    assert claims[span].approx == approx
    assert claims[span].value == pytest.approx(value)


def test_counts_name_what_is_counted(claims_of):
    claims = by_text(claims_of("About 300 Roma live in the camp. Police said 979 Roma had been repatriated."))
    assert claims["About 300"].counts == "Roma"
    assert claims["979"].counts == "Roma repatriated"
    assert claims["979"].kind == "count"


def test_numbers_in_words(claims_of):
    text = "Fifteen people were arrested and twenty-eight thousand six hundred forty-two students enrolled; 10 million left."
    claims = by_text(claims_of(text))
    assert claims["Fifteen"].value == 15
    assert claims["twenty-eight thousand six hundred forty-two"].value == 28642
    assert claims["10 million"].value == 10_000_000


def test_fractions(claims_of):
    claims = by_text(claims_of("A fifth of the camps were closed and two thirds of the families moved."))
    assert claims["A fifth"].kind == "fraction" and claims["A fifth"].value == pytest.approx(0.2)
    assert claims["two thirds"].value == pytest.approx(2 / 3, rel=1e-4)


def test_fraction_words_that_are_not_fractions(claims_of):
    claims = claims_of("A third-party audit was held in the fourth quarter.")
    assert claims == []


def test_percents(claims_of):
    text = "Fifteen percent of delinquency in Paris, 10 percent of all crime in France and 15% of thefts."
    claims = by_text(claims_of(text))
    for span, value in (("Fifteen percent", 15), ("10 percent", 10), ("15%", 15)):
        assert claims[span].kind == "percent" and claims[span].unit == "percent" and claims[span].value == value


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        ("Between 10 and 20 people were hurt.", "Between 10 and 20", 10, 20, None),
        ("The march covered 10-20 km.", "10-20 km", 10, 20, "kilometre"),
        ("Prices ranged from $10 to $15 billion.", "from $10 to $15 billion", 10e9, 15e9, "USD"),
        ("There are four to five thousand people.", "four to five thousand", 4000, 5000, None),
        ("Growth of 5% to 10% is expected.", "5% to 10%", 5, 10, "percent"),
    ],
)
def test_ranges(claims_of, text, span, low, high, unit):
    claims = by_text(claims_of(text))
    assert span in claims, claims
    claim = claims[span]
    assert claim.approx == "range"
    assert (claim.value, claim.value_max) == (pytest.approx(low), pytest.approx(high))
    if unit is not None:
        assert claim.unit == unit


def test_a_change_and_a_level_are_not_a_range(claims_of):
    claims = by_text(claims_of("The shares rose 8.15% to 3.65 on Monday."))
    assert claims["8.15%"].approx == "exact"
    assert claims["3.65"].value == pytest.approx(3.65)


def test_vague_amounts(claims_of):
    claims = by_text(claims_of("Dozens of camps were cleared and thousands of Roma left; a majority of voters agreed."))
    assert claims["Dozens"].approx == "vague" and claims["Dozens"].value == 12
    assert claims["thousands"].approx == "vague" and claims["thousands"].value == 1000
    assert claims["thousands"].counts == "Roma"
    assert claims["a majority"].kind == "percent" and claims["a majority"].value == 50


def test_measures(claims_of):
    claims = by_text(claims_of("The convoy drove 30 miles at 155mph, carrying 2 tonnes for 200 days; a 50 year-old man led."))
    assert claims["30 miles"].unit == "mile" and claims["30 miles"].kind == "measure"
    assert claims["155mph"].unit == "mile per hour"
    assert claims["2 tonnes"].unit == "tonne"
    assert claims["200 days"].unit == "day"
    assert claims["50 year-old"].unit == "year of age"


@pytest.mark.parametrize("text, span, low, high, unit", [
    ("Only 81 percent of five-year-olds had both doses.", "five-year-olds", 5, None, "year of age"),
    ("Five-year-old children were sent home.", "Five-year-old", 5, None, "year of age"),
    ("A 12-year-old boy was hurt, the police said.", "12-year-old", 12, None, "year of age"),
    ("The 40-year-old was arrested on Monday.", "40-year-old", 40, None, "year of age"),
    ("The victim, aged 12, was taken to hospital.", "12", 12, None, "year of age"),
    ("Children aged between 5 and 11 can get the shot.", "between 5 and 11", 5, 11, "year of age"),
    ("Children ages 5 to 11 qualify.", "5 to 11", 5, 11, "year of age"),
    ("Children aged 5 to 11 years qualify.", "5 to 11 years", 5, 11, "year of age"),
    ("He was 12 years old when he left.", "12 years old", 12, None, "year of age"),
    ("A man, 45 years of age, was arrested.", "45 years of age", 45, None, "year of age"),
    ("Pensions start at the age of 67.", "67", 67, None, "year of age"),
    ("The 18-month-old girl died.", "18-month-old", 18, None, "month of age"),
    # durations stay durations
    ("He served a 12-year sentence.", "12-year", 12, None, "year"),
    ("The plan ran for five years.", "five years", 5, None, "year"),
])
def test_ages_are_told_from_durations(claims_of, text, span, low, high, unit):
    claims = by_text(claims_of(text))
    assert claims[span].unit == unit and claims[span].kind == "measure"
    assert claims[span].value == low and claims[span].value_max == high


def test_a_count_of_people_of_an_age_counts_them_by_age(claims_of):
    claims = by_text(claims_of("3 five-year-olds fell ill; the vineyard ages 20 barrels a year."))
    assert claims["3"].kind == "count" and claims["3"].unit == "five-year-old"
    assert claims["3"].counts == "five-year-olds"
    assert claims["20 barrels a year"].unit != "year of age"  # "ages" a verb: the number counts barrels


def test_years_dates_times_and_ordinals_are_not_quantities(claims_of):
    text = ("In 2010, on July 28 and on 30/08/2010, at 5pm and at 10:45, for the 10th time since the 1990s, "
            "the 1988 law was cited. Call 555-1234.\n1. First item")
    assert claims_of(text) == []


def test_a_clock_time_written_token_by_token_is_not_a_quantity(claims_of):
    # token-split text ("23 : 37", "1 : 41 PM") as some corpora and pasted pages give it; the count stays
    claims = by_text(claims_of("The fire was reported at 23 : 37 and the page updated at 1 : 41 PM ; 14 crews came ."))
    assert set(claims) == {"14"}, claims


def test_labels_are_not_quantities(claims_of):
    claims = claims_of("Under Section 427 of the code, the iPhone 11 and the F-150 were listed in Part 3.")
    assert claims == []


def test_a_year_shaped_count_is_kept(claims_of):
    claims = by_text(claims_of("The company has more than 1000 customers."))
    assert claims["more than 1000"].value == 1000 and claims["more than 1000"].counts == "customers"


def test_negative_numbers(claims_of):
    claims = by_text(claims_of("The gas is cooled to minus-260 degrees Fahrenheit. The DAX closed -1.6%."))
    assert claims["minus-260 degrees Fahrenheit"].value == -260
    assert claims["-1.6%"].value == pytest.approx(-1.6)


@pytest.mark.parametrize("text", ["", "   ", "$", "1,,,2..3", "½ ¾ %%% $$$ 10-", "\n\n1.\n2)", "a " * 500])
def test_never_raises(claims_of, text):
    claims_of(text)


def test_a_doc_of_another_text_does_not_raise(nlp):
    assert isinstance(extract_quantities(Article(id="x", text="About 300 Roma left."), nlp("Another text.")), list)


def test_and_joins_numbers_only_after_a_scale(claims_of):
    claims = by_text(claims_of("The shop sells four-, five- and six-seat cars for two hundred and five dollars."))
    assert [claims[w].value for w in ("four", "five", "six")] == [4, 5, 6]
    assert {claims[w].unit for w in ("four", "five", "six")} == {"seat"}
    assert claims["two hundred and five dollars"].value == 205


def test_a_number_before_a_singular_compound_counts_the_compound(claims_of):
    claims = by_text(claims_of("She wrote a 40 page report. Some 30 police officers and 12 member states agreed."))
    assert claims["40"].unit == "page"
    assert claims["Some 30"].unit == "officer" and claims["12"].unit == "state"


def test_elliptic_counts_rates_and_parenthetical_conversions(claims_of):
    claims = by_text(claims_of("They want another pick or two. The lab runs 3,000 tests per day."))
    assert claims["two"].unit == "pick"
    assert claims["3,000"].unit == "test per day" and claims["3,000"].counts == "tests"
    money = by_text(claims_of("The trade is worth 9 billion shekels ($2.4 billion) a year."))
    assert money["9 billion shekels"].counts == "per year"


def test_a_bare_number_contrasted_with_a_figure_shares_its_unit(claims_of):
    claims = by_text(claims_of("The DAX rose 2 percent but the CAC fell by 1. Shares rose 8.15% to 3.65 on Monday."))
    assert claims["1"].unit == "percent" and claims["1"].kind == "percent"
    assert claims["3.65"].unit is None


def test_more_currency_and_statistic_units(claims_of):
    claims = by_text(claims_of("The ticket cost 150 kn. Gant had 0.5 WAR."))
    assert claims["150 kn"].unit == "HRK" and claims["150 kn"].kind == "money"
    assert claims["0.5 WAR"].unit == "win above replacement"


def test_share_says_what_it_is_a_share_of(claims_of):
    claims = by_text(claims_of("The minister claimed that 10 percent of all crime in France is committed by gangs. "
                               "A fifth of the vote went to the Greens, and 30% of them stayed home."))
    assert claims["10 percent"].counts == "all crime in France"
    assert claims["A fifth"].counts == "vote"
    assert claims["30%"].counts is None  # a pronoun names no whole


def test_a_tally_reached_names_what_the_number_counts(claims_of):
    claims = by_text(claims_of("The flights brought the number of Roma expelled from France this year to more than 8,300."))
    claim = claims["more than 8,300"]
    assert (claim.unit, claim.counts, claim.approx) == ("Roma", "Roma expelled", "over")


def test_a_reading_on_a_named_scale_is_a_measure_not_a_count(claims_of):
    claims = by_text(claims_of("A magnitude 5.9 tremor shook the island; one survey put it at magnitude 6.3, while another put it at 6.1."))
    assert (claims["5.9"].kind, claims["5.9"].unit, claims["5.9"].counts) == ("measure", "magnitude", None)
    # the bare reading contrasted with it is on the same scale
    assert (claims["6.1"].kind, claims["6.1"].unit) == ("measure", "magnitude")


def test_a_tally_named_by_its_compound_is_what_the_number_counts(claims_of):
    claims = by_text(claims_of("The death toll from the storm that hit the coast on Monday rose to 23, police said."))
    assert claims["23"].counts == "death toll"


@pytest.mark.parametrize(("text", "kept"), [
    ("The story 4417096 was read. Police said 07 officers left on Monday.", []),
    ("The page 208622 loaded. About 250000 voters came and 30 officers left.", [250000.0, 30.0]),
])
def test_a_number_with_a_leading_zero_or_of_six_digits_alone_is_no_count(claims_of, text, kept):
    assert [c.value for c in claims_of(text)] == kept


@pytest.mark.parametrize(("text", "kept"), [
    ("Electors Meet to Finalize 2020 Vote.", []),
    ("The 2020 race ended and 1500 ballots were lost.", [1500.0]),
])
def test_a_year_before_a_singular_noun_is_no_count(claims_of, text, kept):
    assert [c.value for c in claims_of(text)] == kept


@pytest.mark.parametrize("text", ["The harbour plan was rejected in a 55-45 vote.", "The council passed it 62 to 38.",
                                  "Harwick won the final 3-1 on Sunday.", "After a 12-30 start, Harwick rallied.",
                                  "Harwick have opened 9-14.", "Their coach has a record of 284-286.",
                                  "The boxer dropped to 45-7-2.", "Their coach has a 43 - 39 record."])
def test_a_tally_or_score_is_no_count(claims_of, text):
    # the larger number before a smaller one, joined by a hyphen or "to": two sides of a tally, not "55 votes"
    # nor a range from 38 to 62; a hyphenated pair counting no plural noun is a record ("a 12-30 start"), no range
    assert claims_of(text) == [], [(c.span.text, c.value, c.value_max, c.unit) for c in claims_of(text)]


@pytest.mark.parametrize(("text", "span", "low", "high", "unit"), [
    ("Some 10-15 people were hurt at the harbour.", "10-15", 10, 15, "people"),
    ("About 200-300 dockers marched on Monday.", "About 200-300", 200, 300, "docker"),
    ("The repairs cost $10-15 million.", "$10-15 million", 10_000_000, 15_000_000, "USD"),
])
def test_a_hyphenated_range_of_two_numbers_is_one_range(claims_of, text, span, low, high, unit):
    # the second number after one hyphen is no part of a date ("2010-08-30"): "10-15 people" was read "10 people"
    [claim] = claims_of(text)
    assert (claim.span.text, claim.value, claim.value_max, claim.approx, claim.unit) == (span, low, high, "range", unit)


def test_a_date_in_digits_with_hyphens_is_still_no_quantity(claims_of):
    assert claims_of("The ruling of 2010-08-30 and the 2019-20 season were cited.") == []


@pytest.mark.parametrize(("text", "figures"), [
    # a change and the level it led to, not a range from the one to the other
    ("Weekly filings fell by 41,000 to 377,000 in the week ended June 4.", {"41,000": 41_000, "377,000": 377_000}),
    ("Ticket sales declined sharply by 120 to 870 seats.", {"120": 120, "870": 870}),
    # a direction and the new level, not a bound
    ("The prior month's tally was revised up to 2,450.", {"2,450": 2_450}),
])
def test_a_change_then_a_level_is_not_a_range(claims_of, text, figures):
    claims = by_text(claims_of(text))
    assert {t: c.value for t, c in claims.items()} == figures, claims
    assert all(c.approx == "exact" and c.value_max is None for c in claims.values()), claims


def test_a_range_after_a_change_by_and_a_bound_stay(claims_of):
    claims = by_text(claims_of("The storm could bring up to 20 inches of snow. Between 5 and 10 cabins were shut."))
    assert claims["up to 20 inches"].approx == "at_most"
    assert claims["Between 5 and 10"].approx == "range"


def test_no_figure_from_a_saved_pages_address_line(claims_of):
    # an id in a page's address ("... / belts / 11614 /") had been a count set against the story's figures
    text = ("http : / / www . harbourpost . example / ferry - strike - ends / 11614 /\n"
            "Ferry strike ends after 12 days\nThe 300 crews went back to work .")
    assert [c.span.text for c in claims_of(text)] == ["12 days", "300"]


def test_a_thousands_separator_set_apart_by_spaces_is_one_number(claims_of):
    # token-split text writes "12 , 500" for 12,500: one number, not 12 and a "500" lost
    claims = by_text(claims_of("Organisers said about 12 , 500 people came , and 1 , 250 , 000 euros were raised ."))
    assert claims["about 12 , 500"].value == 12_500 and claims["about 12 , 500"].counts == "people"
    assert claims["1 , 250 , 000 euros"].value == 1_250_000 and claims["1 , 250 , 000 euros"].unit == "EUR"
    # a comma between two numbers of a list stays a list: the second group is not three digits
    assert set(by_text(claims_of("The teams scored 12 , 45 and 7 points ."))) >= {"12", "45"}


def test_a_decimal_point_set_apart_by_spaces_is_read_where_a_currency_or_a_scale_tells_it(claims_of):
    # token-split text writes "$3 . 4 million" for $3.4 million: it was $3 and a "4 million" of something
    claims = by_text(claims_of("Thieves took $3 . 4 million in gems ( £2 . 9m ) , a $3 . 4 - million haul ; "
                               "prices rose 1 . 5 percent ."))
    assert claims["$3 . 4 million"].value == 3_400_000 and claims["$3 . 4 million"].unit == "USD"
    assert claims["£2 . 9m"].value == 2_900_000 and claims["£2 . 9m"].unit == "GBP"
    assert claims["$3 . 4 - million"].value == 3_400_000
    assert claims["1 . 5 percent"].value == 1.5
    # a sentence's full stop between two numbers stays one
    assert set(by_text(claims_of("The club was founded in 1998 . 12 players signed ."))) == {"12"}


def test_two_numbers_joined_by_or_are_a_range(claims_of):
    # "four or five boats" is four to five boats, not a count of four and a bare "five"
    claims = by_text(claims_of("Four or five boats sank near the pier. One or two divers were hurt. Sales fell 9 or 8 points."))
    boats = claims["Four or five"]
    assert (boats.value, boats.value_max, boats.approx, boats.unit) == (4, 5, "range", "boat")
    divers = claims["One or two"]
    assert (divers.value, divers.value_max, divers.approx) == (1, 2, "range")
    assert "9 or 8" not in claims  # a falling pair is no range


def test_two_numbers_joined_by_or_before_respectively_are_two_figures(claims_of):
    # "respectively" pairs each figure with a thing of its own: two prices, no range of one
    claims = by_text(claims_of("The new van will cost 20k or 30k less than its two rivals respectively. "
                               "Four or five boats sank."))
    assert claims["20k"].value == 20_000 and claims["30k"].value == 30_000
    assert claims["20k"].approx == "exact"
    assert claims["Four or five"].approx == "range"  # the next sentence's range is its own


def test_a_noun_or_a_small_number_is_a_loose_amount(claims_of):
    # "a lap or two" says one or a few, no count of two laps to set against another count
    claims = by_text(claims_of("The rookie may lead a lap or two before the rain comes."))
    loose = claims["a lap or two"]
    assert (loose.value, loose.value_max, loose.approx) == (1, 2, "vague")
    claims = by_text(claims_of("A guard or two officers stood at the gate."))
    assert claims["two"].approx == "exact"


def test_numbers_joined_by_by_name_a_kind_of_thing_not_a_count(claims_of):
    # "a four-by-four car" (text split into tokens: "four - by - four") is an off-road car, no count of four cars
    claims = by_text(claims_of("Three men drove a stolen four - by - four car into the shop and left two-by-four "
                               "planks behind ."))
    assert set(claims) == {"Three"}, sorted(claims)


def test_a_number_after_a_singular_noun_names_one_of_a_series(claims_of):
    # "update 17", "game 7": which one of a series, no count of 17 of something; a count stands before its noun
    claims = by_text(claims_of("The council said in update 17 that the road was shut. The Hawks won game 7 at home. "
                               "We will update 3 systems. He went to jail 10 years ago. It costs dollar 25 a day. "
                               "The champion kept landing 178 of 369 punches."))
    assert "17" not in claims and "7" not in claims, sorted(claims)
    assert claims["3"].value == 3
    assert "10 years" in claims
    assert "25" in claims or "dollar 25" in claims, sorted(claims)
    assert any(text.startswith("178") for text in claims), sorted(claims)


def test_a_noun_or_a_small_measured_number_is_no_loose_amount(claims_of):
    # "a fifth or 3 percent": the same share said twice, not "one or a few" of anything
    claims = by_text(claims_of("The bank cut its stake by a fifth or 3 percent last year."))
    assert claims["3 percent"].approx == "exact" and claims["3 percent"].value == 3, sorted(claims)


def test_two_numbers_of_a_time_unit_joined_are_a_range(claims_of):
    # spaCy tags "three or four days" a DATE: its first number was taken for a date's and lost ("four days" alone)
    claims = by_text(claims_of("The ferry repairs will take three or four days. The crews worked 2-3 weeks on it. "
                               "Talks lasted between six and eight hours."))
    days = claims["three or four days"]
    assert (days.value, days.value_max, days.approx, days.unit) == (3, 4, "range", "day"), sorted(claims)
    assert (claims["2-3 weeks"].value, claims["2-3 weeks"].value_max) == (2, 3)
    assert claims["between six and eight hours"].approx == "range", sorted(claims)


def test_a_number_after_a_heading_word_opening_a_sentence_is_a_label(claims_of):
    # "Update 4:" opening a sentence numbers the update, no count of four; a count after a verb keeps its number
    claims = by_text(claims_of("Update 5: The ferry is now open and 12 cars crossed. Officials counted 9: all safe."))
    assert "5" not in claims, sorted(claims)
    assert "12" in claims and "9" in claims, sorted(claims)


def test_a_number_after_a_participle_or_adjective_opening_a_tally_is_a_count(claims_of):
    # "Killed 5: ..." and "Dead 12: ..." open a tally of a live report: a count, no heading's label ("Update 5:" is)
    claims = by_text(claims_of("Killed 5: the toll rose on Monday. Dead 12: that was the count on Tuesday. "
                               "Update 3: the road is open."))
    assert "5" in claims and "12" in claims, sorted(claims)
    assert "3" not in claims, sorted(claims)


def test_a_count_before_and_a_time_is_no_range_without_between(claims_of):
    # "scored 2 and 3 minutes later": "and" joins a range only after "between"; the count is kept
    claims = by_text(claims_of("The striker scored 2 and 3 minutes later the keeper was sent off."))
    assert "2" in claims and claims["2"].approx == "exact", sorted(claims)
    assert "3 minutes" in claims, sorted(claims)


def test_two_numbers_of_a_time_unit_joined_by_to_are_a_range(claims_of):
    # "six to eight months": the joiner "to" had no range (a number then a unit after "to" read as a change's level),
    # and the first number was dropped; a larger number first is no range ("voted 10 to 2 days after")
    claims = by_text(claims_of("The repairs will take six to eight months. Talks ran 2 through 4 days."))
    months = claims["six to eight months"]
    assert (months.value, months.value_max, months.approx, months.unit) == (6, 8, "range", "month"), sorted(claims)
    assert claims["2 through 4 days"].approx == "range", sorted(claims)
    claims = by_text(claims_of("The jury voted 10 to 2 days after the trial began."))
    assert all(c.approx != "range" for c in claims.values()), sorted(claims)


def test_number_words_read_alike_in_ascii_and_other_texts(claims_of):
    """An ASCII text's number words are found in its lowered copy; a text with other characters as written: the
    same figures either way, whatever the case they are written in."""
    plain = "Twenty-Five boats and FORTY TWO crew left Brannock harbour; a dozen stayed."
    other = plain.replace("harbour;", "harbour –")  # an en dash: not ASCII
    def figures(text):
        return sorted((c.span.start, c.span.text, c.value) for c in claims_of(text))
    found = figures(plain)
    assert [(t, v) for _s, t, v in found] == [(t, v) for _s, t, v in figures(other)]
    assert {v for _s, _t, v in found} >= {25, 42, 12}


def test_a_count_opening_the_report_after_a_datelines_date(claims_of):
    # spaCy tags "June 12 - Five" one DATE and hangs "Five" on "June": the count after the dash is the report's
    claims = by_text(claims_of("DUNMORE, June 12 - Five workers were killed in a fire at the Pellico plant.\n\n"
                               "ORLEY, May 3 - A blast injured nine miners."))
    five = claims["Five"]
    assert (five.value, five.unit, five.kind) == (5, "worker", "count")
    assert claims["nine"].unit == "miner"
    assert "12" not in claims and "3" not in claims  # the filing dates' days are no counts
