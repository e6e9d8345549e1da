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
