"""Figures lined up across sources, on short texts of our own: agreement between every two figures of a
group, one verdict a pair, counts of different acts or events kept apart, synonymous acts, reporting
verbs, and estimates on the word of different sources."""

from __future__ import annotations

import pytest

from storylens import Pipeline, Settings
from storylens.models import Article


@pytest.fixture(scope="module")
def line_up():
    settings = Settings.load(use_store=False, progress=False)
    pipeline = Pipeline(settings)

    def run(*texts: str, published: str = "2024-04-12"):
        articles = [Article(id=f"s{n}", published=published, text=text) for n, text in enumerate(texts)]
        dossier = pipeline.analyze_articles(articles)
        claims = {c.id: c for c in dossier.claims}
        groups = [(g.relation, {claims[i].span.text for i in g.claim_ids}, g.reason) for g in dossier.claim_groups]
        return groups, dossier

    yield run
    pipeline.close()


def _relations(groups, *texts):
    return [relation for relation, spans, _ in groups if set(texts) <= spans]


def test_two_estimates_a_fifth_apart_do_not_agree(line_up):
    groups, _ = line_up("About 600 people were evacuated from the valley on Monday, officials said.",
                        "About 800 people were evacuated from the valley on Monday, officials said.")
    assert _relations(groups, "About 600", "About 800") == ["conflict"]


def test_agreement_holds_between_every_two_figures_of_a_group(line_up):
    groups, dossier = line_up("Officials said 700 people were evacuated from the valley on Monday.",
                              "Officials said about 800 people were evacuated from the valley on Monday.",
                              "Officials said about 900 people were evacuated from the valley on Monday.")
    assert not any(relation == "agree" and {"700", "about 900"} <= spans for relation, spans, _ in groups)
    # each pair of figures has one verdict
    pairs = [frozenset((a, b)) for g in dossier.claim_groups for a in g.claim_ids for b in g.claim_ids if a < b]
    assert len(pairs) == len(set(pairs))


def test_counts_of_different_acts_or_events_are_not_compared(line_up):
    groups, _ = line_up("The blast on Thursday killed four workers. A fire at the plant in May 2022 injured 12 workers.",
                        "Three workers were killed in the blast on Thursday, officials said.")
    assert _relations(groups, "four", "Three") == ["conflict"]
    assert not any("12" in spans for _, spans, _ in groups)


def test_synonymous_acts_are_compared(line_up):
    groups, _ = line_up("The minister said 120 people were injured in the crash.",
                        "The minister said about 150 people were hurt in the crash.")
    assert _relations(groups, "120", "about 150") == ["conflict"]


def test_a_reporting_verb_does_not_say_what_a_figure_counts(line_up):
    groups, _ = line_up("According to the police, 14 roads were closed after the storm.",
                        "The police said 12 roads were closed after the storm.")
    assert _relations(groups, "14", "12") == ["conflict"]


def test_estimates_of_one_thing_on_the_word_of_two_sources_conflict(line_up):
    groups, _ = line_up("Police estimated that 1,500 tractors took part in the protest, while organisers put the figure at 3,000.")
    [(relation, _, reason)] = [g for g in groups if {"1,500", "3,000"} <= g[1]]
    assert relation == "conflict" and "Police" in reason and "organisers" in reason


def test_others_count_what_their_act_counts(line_up):
    groups, _ = line_up("The explosion killed three workers and injured 27 others, officials said.",
                        "The explosion injured at least 35 people, officials said.")
    assert _relations(groups, "27", "at least 35") == ["conflict"]


def test_a_death_toll_is_compared_with_counts_of_the_killed(line_up):
    groups, _ = line_up("The death toll from the storm that hit the coast rose to 23, police said.",
                        "At least 20 people were killed by the storm on the coast, police said.")
    assert _relations(groups, "23", "At least 20") == ["agree"]


def test_arrests_and_detentions_are_one_count(line_up):
    groups, _ = line_up("Officers detained 15 protesters outside parliament.",
                        "Twelve people were arrested outside parliament.")
    assert _relations(groups, "15", "Twelve") == ["conflict"]


def test_sums_of_one_act_are_compared(line_up):
    groups, _ = line_up("The company was fined $1.3m by regulators in February.",
                        "The company was fined $1.2 million by regulators in February.")
    assert _relations(groups, "$1.3m", "$1.2 million") == ["conflict"]


def test_a_figure_of_a_when_clause_is_of_that_time(line_up):
    _, dossier = line_up("The protest was the largest since last month, when some 800 tractors blocked roads.",
                         published="2025-11-07")
    [claim] = [c for c in dossier.claims if c.span.text == "some 800"]
    assert claim.period is not None and claim.period.start == claim.period.end == "2025-10"


def test_coverage_counts_a_source_giving_another_figure_as_reporting_it(line_up):
    _, dossier = line_up("The blast on Thursday killed four workers, officials said.",
                         "At least three people died in the blast on Thursday, officials said.",
                         "Three workers were killed in the blast on Thursday, officials said.")
    rows = [r for r in dossier.coverage if r.kind == "claim_group"]
    assert rows and all(r.left_out_by == [] for r in rows), [(r.description, r.left_out_by) for r in rows]


def _period(dossier, text):
    [claim] = [c for c in dossier.claims if c.span.text == text]
    return claim.period


def test_from_before_a_figure_does_not_open_a_period(line_up):
    # "from 64%" is the figure's; "in 2018" dates it, a point, not a period up to the article's date
    _, dossier = line_up("The share of homes with solar panels rose to 71% last year from 64% in 2018.",
                         published="2030-05-02")
    period = _period(dossier, "64%")
    assert period is not None and period.start == period.end == "2018"
    # nor does "from" that opens an event of that date: the figure is of the event
    _, dossier = line_up("The conviction stemmed from a 2019 incident in which he stabbed a man 17 times.",
                         published="2030-05-02")
    period = _period(dossier, "17")
    assert period is not None and period.start == period.end == "2019"


def test_since_an_event_at_a_date_opens_a_period(line_up):
    _, dossier = line_up("Almost 400 boats were seized since a blockade of the port at the end of March, officials "
                         "said Monday.", published="2030-05-06")
    period = _period(dossier, "Almost 400")
    assert period is not None and (period.start, period.end) == ("2030-03", "2030-05-06")
    _, dossier = line_up("He has held at least one major belt since beating Byrd for the title in April 2026. He has "
                         "won 16 fights in a row since he lost to Brewster in 2024.", published="2030-01-16")
    assert (_period(dossier, "at least one").start, _period(dossier, "at least one").end) == ("2026-04", "2030-01-16")
    assert (_period(dossier, "16").start, _period(dossier, "16").end) == ("2024", "2030-01-16")


def test_the_day_a_figure_is_reported_is_not_the_day_it_counts(line_up):
    # "said on Friday" dates the statement: the figure is as of that day, a running total like "since March"
    _, dossier = line_up("The fever has so far infected 410 people, the regional health office said on Friday.",
                         published="2030-05-06")
    period = _period(dossier, "410")
    assert period is not None and (period.start, period.end) == (None, "2030-05-03")


def test_one_disputed_figure_is_one_group_with_every_source(line_up):
    groups, dossier = line_up(
        "A fever that has infected 380 people in the valley since March is spreading, according to a report.",
        "In the valley, 380 people have fallen ill since March and three children have died, officials said.",
        "The fever has so far infected 410 people in the valley, the regional health office said on Friday.",
        published="2030-05-06")
    assert [(relation, spans) for relation, spans, _ in groups if spans & {"380", "410"}] == [
        ("conflict", {"380", "410"})]
    [group] = [g for g in dossier.claim_groups if g.relation == "conflict"]
    assert len(group.claim_ids) == 3  # each source's figure, the two agreeing 380s with the 410
    [row] = [r for r in dossier.coverage if r.kind == "claim_group" and r.ref == group.id]
    assert row.left_out_by == []
    # people who fell ill and children who died are counts of different things
    assert not any({"380", "three"} <= spans or {"410", "three"} <= spans for _, spans, _ in groups)


def test_a_share_joins_every_source_that_agrees(line_up):
    # "62%" is closest to one of the two "62 percent" figures; it agrees with both, so it joins their group
    _, dossier = line_up(
        "Only 62 percent of pupils in the district had passed the test in 2029, the inspectors found.",
        "According to the inspectors, the share of pupils passing fell to 62% last year from 70% in 2025.",
        "Just 62 percent of pupils had passed the test in 2029, compared with 70 percent in 2025, the inspectors said.",
        published="2030-05-06")
    claims = {c.id: c for c in dossier.claims}
    groups = [(g.relation, sorted((claims[i].article_id, claims[i].span.text) for i in g.claim_ids))
              for g in dossier.claim_groups]
    assert ("agree", [("s0", "62 percent"), ("s1", "62%"), ("s2", "62 percent")]) in groups
    assert ("agree", [("s1", "70%"), ("s2", "70 percent")]) in groups
    [row] = [r for r in dossier.coverage if r.kind == "claim_group" and "62%" in r.description]
    assert row.left_out_by == []


def test_a_period_never_begins_after_it_ends(line_up):
    # "from next month" opens a period after the article's date: it runs from then on, not back to that date
    _, dossier = line_up("Bus fares will rise to 3 euros from next month, the city said.", published="2030-05-06")
    period = _period(dossier, "3 euros")
    assert period is not None and (period.start, period.end) == ("2030-06", None)
    for claim in dossier.claims:
        if claim.period and claim.period.start and claim.period.end:
            assert claim.period.start <= claim.period.end


def test_a_count_of_a_known_act_is_not_compared_with_another_acts_count(line_up):
    # died (a known act) and stranded (another verb) count different things: no verdict, not even "different time"
    groups, _ = line_up("A storm that has stranded 300 people on the pass since January is the worst in years, the "
                        "police said.",
                        "Two children died on the pass in the storm on Tuesday, the police said.",
                        published="2030-03-16")
    assert not any({"300", "Two"} <= spans for _, spans, _ in groups), groups


def test_a_chain_of_conflicts_is_not_one_fact(line_up):
    # 400 (since May) and 900 (in June) are of different times: each conflicts with 600, but the three are not
    # one disputed figure
    groups, _ = line_up("Since May, floods have damaged 400 homes in the valley, officials said.",
                        "Floods have damaged 600 homes in the valley, officials said.",
                        "In June floods damaged 900 homes in the valley, officials said.", published="2030-09-20")
    assert any(relation == "conflict" for relation, _, _ in groups)
    assert not any(relation == "conflict" and {"400", "900"} <= spans for relation, spans, _ in groups)


def test_ages_are_not_figures_to_line_up(line_up):
    groups, dossier = line_up(
        "Only 81 percent of five-year-olds in the county were vaccinated in 2025, a study found. "
        "A 12-year-old boy died.",
        "The study found that 81% of five-year-olds were vaccinated in 2025. The boy, aged 13, died.")
    ages = {c.span.text for c in dossier.claims if c.unit == "year of age"}
    assert {"five-year-olds", "12-year-old", "13"} <= ages
    assert not any(spans & ages for _, spans, _ in groups)
    assert _relations(groups, "81 percent", "81%") == ["agree"]


def test_a_date_a_superlative_is_compared_with_does_not_date_the_figure(line_up):
    # "the steepest rise since March 2015" says how rare the rise is; it is no period of the 3.1%, and two sources
    # comparing the same rise with different years still report one figure
    groups, dossier = line_up("Harwick rents rose 3.1%, the steepest rise since March 2015, the council said.",
                              "Harwick rents rose 3.1 percent, the largest increase since June 2011, the council said.")
    assert _relations(groups, "3.1%", "3.1 percent") == ["agree"], groups
    assert [c.period for c in dossier.claims if c.span.text in ("3.1%", "3.1 percent")] == [None, None]


def test_a_conflicts_reason_names_a_singular_common_noun_source_with_the(line_up):
    groups, _ = line_up("The new bridge over the Lenne will cost $2 million, the city said on Monday.",
                        "The new bridge over the Lenne will cost $4 million, officials said on Monday.")
    reasons = [reason for relation, spans, reason in groups if relation == "conflict" and {"$2 million", "$4 million"} <= spans]
    assert reasons and "on the word of the city and" in reasons[0]
    assert "on the word of officials" in reasons[0]  # a plural takes no article


def test_a_source_is_named_without_the_dateline_line_before_it(line_up):
    # "May 07 , 2009\nShipping company Norvik Lines said": the parse hung the date's line on the subject
    groups, _ = line_up("Norvik reports big loss\nMay 07 , 2009\nShipping company Norvik Lines said it lost $6 billion "
                        "in the first quarter of 2009.",
                        "Norvik Lines lost $4.2 billion in the first quarter of 2009, analysts said.",
                        published="2009-05-07")
    [(relation, _, reason)] = [g for g in groups if {"$6 billion", "$4.2 billion"} <= g[1]]
    assert relation == "conflict" and "on the word of Shipping company Norvik Lines and" in reason, reason


def test_a_margin_is_not_compared_with_a_total(line_up):
    # "a million votes higher than" his rival, "three million fewer voters": differences, not counts of the votes
    groups, _ = line_up("The mayor said she won 40,000 votes in the city on Tuesday.",
                        "The mayor said she won 30,000 votes more than her rival in the city on Tuesday.",
                        "The mayor said 20,000 fewer votes were cast in the city on Tuesday.")
    assert not [g for g in groups if {"40,000", "30,000"} <= g[1] or {"40,000", "20,000"} <= g[1]], groups
    # two margins of one race are still compared
    groups, _ = line_up("The mayor won by 30,000 votes more than her rival on Tuesday, officials said.",
                        "The mayor won by 35,000 votes more than her rival on Tuesday, officials said.")
    assert _relations(groups, "30,000", "35,000") == ["conflict"], groups


def test_a_forecast_is_not_compared_with_what_came_to_pass(line_up):
    # "Analysts were expecting 870,000 jobs gained" against "The economy added 943,000 jobs": not a conflict;
    # nor "revised higher by 88,000 jobs" (a revision) against the month's total
    groups, _ = line_up("The port added 4,300 jobs in May, the ministry said. May's figure was revised higher by 200 jobs.",
                        "Economists had been expecting 3,900 jobs gained at the port in May.",
                        "Analysts polled by a bank had been looking for 3,600 new jobs at the port in May.")
    assert not [g for g in groups if "4,300" in g[1] and ({"3,900", "3,600", "200"} & g[1])], groups
    # two forecasts are still compared
    groups, _ = line_up("Economists had expected 3,900 jobs at the port in May.",
                        "Economists had expected 3,600 jobs at the port in May.")
    assert _relations(groups, "3,900", "3,600") == ["conflict"], groups


def test_a_plan_of_the_subject_is_no_forecast(line_up):
    groups, _ = line_up("The carmaker expects to cut 500 jobs at the plant this year, officials said.",
                        "The carmaker will cut 650 jobs at the plant this year, officials said.")
    assert _relations(groups, "500", "650") == ["conflict"], groups


def test_counts_of_two_named_groups_are_not_compared(line_up):
    # "Sixty-seven Republicans voted with 218 Democrats": the members of two parties, not two figures of one count
    groups, _ = line_up("In the vote on Tuesday, 218 Liberals voted for the bill.",
                        "In the vote on Tuesday, 67 Conservatives voted for the bill.")
    assert not [g for g in groups if {"218", "67"} <= g[1]], groups
    groups, _ = line_up("In the vote on Tuesday, 218 Liberals voted for the bill.",
                        "In the vote on Tuesday, 212 Liberals voted for the bill.")
    assert _relations(groups, "218", "212") == ["conflict"], groups


def test_a_figure_is_no_contradiction_of_another_its_own_source_also_gives(line_up):
    # "A minority of 67 Republicans joined ..., while 120 voted against it" beside "Sixty-seven Republicans voted
    # with ...": the 120 had made a conflict with the other sources' 67
    groups, _ = line_up("A minority of 67 councillors joined the mayor in support, while 120 voted against it.",
                        "Sixty-seven councillors voted with the mayor in support of the plan.",
                        "Sixty-seven councillors voted with the mayor.")
    assert not [g for g in groups if g[0] == "conflict"], groups
    assert _relations(groups, "67", "Sixty-seven") == ["agree"], groups


def test_a_figure_restating_a_difference_of_its_sentence_is_that_difference(line_up):
    # "I was a million votes higher than Marco, one million votes": the restated margin had conflicted with a count
    groups, _ = line_up("The mayor said she was 4,000 votes higher than her rival, 4,000 votes.",
                        "The mayor said she won 9,000 votes in the city.")
    assert not [g for g in groups if "9,000" in g[1]], groups


def test_a_part_of_a_whole_is_not_compared_with_the_whole(line_up):
    # "nine of the jurors" counts some of them, "seven of its last 12 matches" a part of a stretch of a series
    groups, _ = line_up("Nine of the jurors were women, the court said.",
                        "The court said 12 jurors were on the panel.")
    assert not any({"Nine", "12"} <= spans for _, spans, _ in groups), groups
    groups, _ = line_up("The club has won seven of its last 12 matches, the coach said.",
                        "The coach said the club won 30 matches last season.")
    assert not any("30" in spans for _, spans, _ in groups), groups


def test_parts_of_one_whole_are_still_compared(line_up):
    groups, _ = line_up("Nine of the jurors voted for a life sentence, the court said.",
                        "The court said seven of the jurors voted for a life sentence.")
    assert _relations(groups, "Nine", "seven") == ["conflict"]


def test_a_figure_hyphenated_to_its_noun_counts_what_it_qualifies(line_up):
    # "a 5-match losing streak" is a streak: no count of the matches won, nor the streak of another kind
    groups, _ = line_up("The club, which won 30 matches last season, is now on a 5-match losing streak.",
                        "The club won 30 matches last season and is on a 3-match winning streak.")
    assert not any({"5", "3"} <= spans for _, spans, _ in groups), groups
    assert _relations(groups, "30", "30") == ["agree"]
    groups, _ = line_up("The club, which won 30 matches last season, is now on a 5-match losing streak.",
                        "The club won 30 matches last season and is on a 3-match losing streak.")
    assert _relations(groups, "5", "3") == ["conflict"]


def test_people_of_a_known_act_are_not_people_doing_something_else(line_up):
    # "people" says nothing of what is counted: the injured and the marchers are other people
    groups, _ = line_up("Police said 14 people were injured in the clashes.",
                        "Police said as many as 15 people marched through the square before the clashes.",
                        "Police said 40 people were injured in the clashes.")
    assert not any("as many as 15" in spans for _, spans, _ in groups), groups
    assert _relations(groups, "14", "40") == ["conflict"]


def test_a_gap_in_the_standings_is_a_difference(line_up):
    # "four matches in the table behind the leaders" is a margin, not the matches the club played or won
    groups, _ = line_up("The club is now four matches in the table behind the leaders, the coach said.",
                        "The coach said the club has won nine matches this season.")
    assert not any({"four", "nine"} <= spans for _, spans, _ in groups), groups


def test_counts_of_repetitions_are_not_set_against_each_other(line_up):
    # "three times", "five times": repetitions of whatever the verb says, not one counted thing
    groups, _ = line_up("The singer has hosted the gala three times, the organisers said.",
                        "The organisers said the actor has presented the prize five times.")
    assert not any({"three", "five"} <= spans for _, spans, _ in groups), groups


def test_counts_of_repetitions_can_still_agree(line_up):
    groups, _ = line_up("The singer has hosted the gala three times, the organisers said.",
                        "The organisers said the singer has hosted the gala three times.")
    assert _relations(groups, "three", "three") == ["agree"]


def test_a_part_counted_by_its_act_is_a_count_of_that_act(line_up):
    # "three of the miners" who died are three deaths, whoever they were
    groups, _ = line_up("Police said three of the miners were killed in the blast.",
                        "Police said four miners were killed in the blast.")
    assert _relations(groups, "three", "four") == ["conflict"]


def test_a_count_below_a_mark_is_a_difference(line_up):
    groups, _ = line_up("The club was 12 matches below .500 in March, the coach said.",
                        "The coach said the club won nine matches in March.")
    assert not any({"12", "nine"} <= spans for _, spans, _ in groups), groups


def test_a_count_of_things_added_is_no_contradiction_of_all_of_them(line_up):
    # "a record 36,880 new cases" (one day's) against "2.38 million confirmed cases" (all so far)
    groups, _ = line_up("The army sent an additional 500 troops to the border on Monday, the ministry said.",
                        "The ministry said the army sent 4,000 troops to the border on Monday.")
    assert not any(relation == "conflict" for relation, _, _ in groups), groups
    # two counts of added things are still compared
    groups, _ = line_up("The army sent an additional 500 troops to the border on Monday, the ministry said.",
                        "The ministry said the army sent an additional 800 troops to the border on Monday.")
    assert _relations(groups, "500", "800") == ["conflict"]


def test_two_lower_bounds_never_conflict(line_up):
    # "more than 1,000" and "at least 1,800" both hold if 1,800 or more did: no contradiction
    groups, _ = line_up("More than 1,000 people were evacuated from the valley on Monday, officials said.",
                        "At least 1,800 people were evacuated from the valley on Monday, officials said.")
    assert not any(relation == "conflict" for relation, _, _ in groups), groups
    # a bound and a figure below it still do
    groups, _ = line_up("At least 1,800 people were evacuated from the valley on Monday, officials said.",
                        "Officials said 900 people were evacuated from the valley on Monday.")
    assert _relations(groups, "At least 1,800", "900") == ["conflict"]


def test_two_figures_near_their_values_still_conflict(line_up):
    # "nearly 235,000" is some 230,000, no mere bound: "nearly 300,000" contradicts it
    groups, _ = line_up("Nearly 2,350 people were evacuated from the valley on Monday, officials said.",
                        "Nearly 3,000 people were evacuated from the valley on Monday, officials said.")
    assert _relations(groups, "Nearly 2,350", "Nearly 3,000") == ["conflict"]


def test_margins_from_two_references_do_not_conflict(line_up):
    # "10 games below .500" and "three games behind the fourth seed": two differences, from two marks
    groups, _ = line_up("The Owls lost 14 of their first 20 and were at least 10 games below .500 in March.",
                        "After the slump the Owls are still only three games in the standings behind the fourth seed.")
    assert "conflict" not in _relations(groups, "at least 10", "three"), groups
    # two margins from one mark are compared
    groups, _ = line_up("The Owls lost 14 of their first 20 and were at least 10 games below .500 in March.",
                        "After the slump the Owls are still only three games below .500.")
    assert _relations(groups, "at least 10", "three") == ["conflict"], groups


def test_one_owners_share_of_a_total_does_not_conflict_with_the_total(line_up):
    # "306 electoral votes" (the winner's) and "the state's six electoral votes"
    groups, _ = line_up("Marlow won 306 electoral votes to Hale's 232.",
                        "In Ostland, electors gave Marlow the state's six electoral votes on Monday.")
    assert "conflict" not in _relations(groups, "306", "six"), groups
    groups, _ = line_up("Marlow won 306 electoral votes to Hale's 232.", "Marlow won 296 electoral votes, officials said.")
    assert _relations(groups, "306", "296") == ["conflict"], groups


def test_wins_of_one_kind_are_some_of_the_wins(line_up):
    # "51 wins coming by way of knockout" are some of the boxer's "58 wins"
    groups, _ = line_up("Sand, 31, moves to a career record of 58 wins and three defeats.",
                        "It was Sand's second victory over Mora, and he moves to 58 - 3 with 51 wins coming by way of "
                        "knockout.")
    assert "conflict" not in _relations(groups, "58", "51"), groups


def test_a_rate_or_a_proportion_is_no_count_of_the_total(line_up):
    # "55.8 births per 1,000 women" and "one of every five deaths" do not contradict a count of births or deaths
    groups, _ = line_up("The agency reported 3,605,201 births in 2020, officials said.",
                        "The general fertility rate was 55.8 births per 1,000 women in 2020, officials said.")
    assert "conflict" not in _relations(groups, "3,605,201", "55.8"), groups
    groups, _ = line_up("As of Sunday, more than 417,000 people have died from the virus in Ostland.",
                        "Ostland accounts for one of every five deaths from the virus as of Sunday.")
    assert "conflict" not in _relations(groups, "more than 417,000", "five"), groups
    # two rates over the same thing are compared
    groups, _ = line_up("The general fertility rate was 55.8 births per 1,000 women in 2020, officials said.",
                        "The general fertility rate was 58.3 births per 1,000 women in 2020, officials said.")
    assert _relations(groups, "55.8", "58.3") == ["conflict"], groups


def test_the_part_of_a_proportion_is_no_count_of_the_total(line_up):
    # the "1" of "1 of every 5 deaths" does not contradict a count of the deaths
    groups, _ = line_up("As of Sunday, more than 417,000 people have died from the virus in Ostland.",
                        "Ostland accounts for 1 of every 5 deaths from the virus as of Sunday.")
    assert "conflict" not in _relations(groups, "more than 417,000", "1"), groups
    # two proportions of one thing are compared
    groups, _ = line_up("Ostland accounts for 1 of every 5 deaths from the virus as of Sunday.",
                        "Ostland accounts for 1 of every 3 deaths from the virus as of Sunday.")
    assert "conflict" in _relations(groups, "5", "3"), groups


def test_a_source_repeating_its_vague_figures_gives_each_once(line_up):
    # an article repeating "hundreds ... in 2019" and "thousands ... this year" made each copy of a vague figure a
    # figure of its own, and every copy of one against every copy of the other a group: 6,562 groups of 324 figures
    # in 20,000 characters (a 27 MB dossier at 200,000); each copy is now the same figure, repeated
    paragraph = ("Hundreds of households were evacuated from the river valley in 2019, officials said. This year "
                 "thousands of households were evacuated from the river valley, the agency said on Monday. ")
    groups, dossier = line_up(paragraph * 12, published="2026-03-02")
    assert len(dossier.claims) >= 24
    assert len(groups) <= 2, [(relation, reason) for relation, _, reason in groups][:3]
    assert len(_relations(groups, "Hundreds", "thousands")) == 1


def test_a_source_repeating_its_counts_of_times_gives_each_once(line_up):
    # counts of "times" are compared as repetitions, never as one quantity: each copy of "three times" and of "five
    # times" in an article repeating both was a figure of its own, every copy of one against every copy of the
    # other a group (3,844 groups in 8,000 characters)
    paragraph = ("The ferry committee has met three times this year, the clerk said. The ferry committee met five "
                 "times in 2019, the minutes show. ")
    groups, dossier = line_up(paragraph * 10, published="2026-03-02")
    assert len(dossier.claims) >= 20
    assert len(groups) <= 1, [(relation, reason) for relation, _, reason in groups][:3]


def test_a_passage_written_again_pairs_its_figures_once(line_up, monkeypatch):
    # each copy of a figure of a repeated passage was paired with every other copy and every copy of the other
    # figures (2.4 million pairs of 2,173 figures in a 200,000-character article, most of its minute): a copy joins
    # its first copy, as one figure repeated, and only the first is paired with the rest; the groups are as they were
    from storylens.align import claims as claims_module

    calls = []
    same_quantity = claims_module._same_quantity

    def counted(a, b, settings):
        calls.append(1)
        return same_quantity(a, b, settings)

    monkeypatch.setattr(claims_module, "_same_quantity", counted)
    passage = ("About 300 ferry passengers were stranded at Osterby on Friday, the port said. Dozens of ferry "
               "passengers were stranded at Osterby again on Sunday, the operator said. ")
    copies = 40
    groups, dossier = line_up(passage * copies, "About 300 ferry passengers were stranded at Osterby on Friday.")
    stranded = [c for c in dossier.claims if c.span.text == "About 300"]
    assert len(stranded) == copies + 1
    assert len(calls) < 10 * copies, len(calls)  # not every copy against every other (about copies² / 2 before)
    assert len([spans for relation, spans, _ in groups if relation == "agree" and "About 300" in spans]) == 1
    group = next(g for g in dossier.claim_groups if g.relation == "agree"
                 and {c.id for c in stranded} <= set(g.claim_ids))
    assert {c.article_id for c in dossier.claims if c.id in group.claim_ids} == {"s0", "s1"}


def test_a_passage_written_again_gives_the_groups_it_gives_once(line_up):
    # figures side by side in one sentence are different figures, and not compared; written again, each was compared
    # with the other's copy in the other sentence, which made a "different-scope" row of a sentence given twice
    passage = ("About 300 ferry passengers were stranded at Osterby on Friday and 120 ferry passengers were stranded "
               "at Osterby on Sunday, the port said. ")
    once, _ = line_up(passage)
    thrice, dossier = line_up(passage * 3)
    assert len([c for c in dossier.claims if c.span.text == "120"]) == 3
    assert _relations(once, "About 300", "120") == _relations(thrice, "About 300", "120") == []


def test_figures_of_different_times_are_two_facts_in_the_coverage(line_up):
    # the day's figure and the year's are compared (different time), but a source giving the day's figure has
    # not reported the year's: the year's is a row of its own, not part of one row reported by both sources
    _, dossier = line_up("The storm destroyed 40 homes on Monday. Since January, storms have destroyed more than 900 "
                         "homes in the region.",
                         "The storm destroyed 40 homes on Monday, officials said.",
                         published="2030-08-30")
    claims = {c.id: c for c in dossier.claims}
    assert [g.relation for g in dossier.claim_groups] == ["agree", "different-time"]
    rows = [r for r in dossier.coverage if r.kind in ("claim", "claim_group")]
    [year] = [r for r in rows if "900" in r.description]
    assert year.kind == "claim" and claims[year.ref].span.text == "more than 900"
    assert year.reported_by == ["s0"] and year.left_out_by == ["s1"]
    [day] = [r for r in rows if "900" not in r.description]  # the day's figure, given once: its agreeing group
    assert day.kind == "claim_group" and day.reported_by == ["s0", "s1"]
