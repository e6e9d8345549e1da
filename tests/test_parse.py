"""The parse step's helpers."""

from pathlib import Path

import pytest

from storylens.parse import doc_text


def test_doc_text_is_the_docs_text_built_once(nlp):
    doc = nlp("Critics attacked the plan,  but Besson praised\nthe officers. ")
    text = doc_text(doc)
    assert text == doc.text == "Critics attacked the plan,  but Besson praised\nthe officers. "
    assert doc_text(doc) is text  # kept, not joined from the tokens again
    assert doc_text(nlp("")) == ""


def test_a_blank_line_ends_a_sentence(nlp):
    doc = nlp("Minister Quits Over Budget Row\n\nThe finance minister resigned on Monday, officials said.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Minister Quits Over Budget Row"
    assert sentences[1].startswith("The finance minister")


def test_a_paragraphs_first_sentence_does_not_end_on_its_first_word(nlp):
    # the small model's parser reads "... as Orvena buys" | "Sennet" | "Orvena" | "Steel will pay ..." here
    text = ("Steel deal: 1,500 jobs at risk as Orvena buys Sennet\n\n"
            "Orvena Steel will pay 2.6 billion dollars for Sennet Metals, the companies announced on Tuesday, and up "
            "to 1,500 jobs are at risk.\n\nYes. The deal closes in May.")
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences[:2] == ["Steel deal: 1,500 jobs at risk as Orvena buys Sennet", text.split("\n\n")[1]]
    assert sentences[2:] == ["Yes.", "The deal closes in May."]


def test_a_single_line_break_is_not_a_sentence_start(nlp):
    doc = nlp("The finance minister resigned on\nMonday, officials said.")
    assert len(list(doc.sents)) == 1


def test_parse_articles_raises_the_pipelines_max_length_to_the_admitted_texts():
    """max_article_chars may be set above spaCy's nlp.max_length: the parse must not fail with E088."""
    import spacy

    from storylens.models import Article
    from storylens.parse import parse_articles

    blank = spacy.blank("en")
    blank.max_length = 50
    text = "The council met on Tuesday. " * 5
    [doc] = parse_articles(blank, [Article(id="a", text=text)], progress=False)
    assert doc.text == text and blank.max_length >= len(text)


def test_analyze_articles_skips_a_text_over_max_article_chars_given_to_the_python_api():
    from storylens.models import Article
    from storylens.pipeline import Pipeline
    from storylens.settings import Settings

    short = "The city council voted on Tuesday to approve a new bridge across the river, officials said."
    settings = Settings.load(use_store=False, progress=False, max_article_chars=200)
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles([Article(id="short", text=short),
                                             Article(id="long", text=short * 5)])
    assert [a.id for a in dossier.articles] == ["short"]
    [skip] = dossier.skipped
    assert skip.source == "long" and "max_article_chars" in skip.reason


def test_analyze_articles_applies_ingests_id_and_duplicate_rules():
    from storylens.models import Article
    from storylens.pipeline import Pipeline
    from storylens.settings import Settings

    bridge = "The city council voted on Tuesday to approve a new bridge across the river, officials said."
    market = "The central bank cut its main interest rate by half a point on Thursday, the governor said."
    given = [Article(id="x", text=bridge), Article(id="x", text=market),
             Article(id="y", text=bridge.upper(), outlet="The Courier")]
    with Pipeline(Settings.load(use_store=False, progress=False)) as pipeline:
        dossier = pipeline.analyze_articles(given)
    assert sorted(a.id for a in dossier.articles) == ["x", "x-2"]  # unique ids: the report's anchors too
    assert dossier.article("x").outlet == "The Courier"  # the duplicate's metadata merged into the kept copy
    stages = {(s.source, s.stage) for s in dossier.skipped}
    assert ("y", "duplicate") in stages and ("x", "warning") in stages  # listed under the id the caller gave
    [renamed] = [s for s in dossier.skipped if s.stage == "warning"]
    assert "'x-2'" in renamed.reason  # and naming the id it was analysed under
    assert [a.id for a in given] == ["x", "x", "y"] and given[0].outlet is None  # the caller's objects unchanged


def test_pipeline_analyze_reads_one_path_given_alone_as_that_path(tmp_path, monkeypatch):
    """Pipeline.analyze("a.txt"), as storylens.analyze("a.txt"): the file, not the characters of its name (whose "."
    would read the working folder)."""
    from storylens.models import Article
    from storylens.pipeline import Pipeline
    from storylens.settings import Settings

    bridge = "The city council voted on Tuesday to approve a new bridge across the river, officials said."
    market = "The central bank cut its main interest rate by half a point on Thursday, the governor said."
    (tmp_path / "a.txt").write_text(bridge, encoding="utf-8")
    (tmp_path / "other.txt").write_text(market, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with Pipeline(Settings.load(use_store=False, progress=False)) as pipeline:
        for given in ("a.txt", Path("a.txt")):
            dossier = pipeline.analyze(given)
            assert [a.id for a in dossier.articles] == ["a"] and dossier.skipped == []
        assert [a.text for a in pipeline.ingest("a.txt").articles] == [bridge]
        one = pipeline.analyze_articles(Article(id="m", text=market))
        assert [a.id for a in one.articles] == ["m"]


def test_dependency_tree_gives_spacys_children_and_subtrees(nlp):
    from spacy.tokens import Doc

    from storylens.parse.tree import DepTree

    parsed = nlp("The minister, who had resigned, said on Thursday that the camps would be closed. Critics objected.")
    # a tree spaCy's parser would not give: crossing arcs (non-projective) and a deep chain
    words = ["A", "hearing", "was", "scheduled", "today", "on", "the", "issue", "x", "y", "z"]
    crossing = Doc(nlp.vocab, words=words, heads=[1, 3, 3, 3, 1, 3, 7, 5, 7, 8, 9],
                   deps=["det", "nsubj", "aux", "ROOT", "npadvmod", "prep", "det", "pobj", "dep", "dep", "dep"])
    for doc in (parsed, crossing):
        tree = DepTree([t.head.i for t in doc])
        for token in doc:
            assert tree.children(token.i) == [c.i for c in token.children]
            assert tree.subtree(token.i) == [t.i for t in token.subtree]


def test_sentence_bounds_and_ranges_are_spacys_sentences(nlp):
    from storylens.parse.pipeline import sentence_bounds, sentence_char_ranges

    text = ("PARIS (Reuters) - France began expelling Roma on Thursday.\n\nBesson said the camps would go. "
            "\"It is a cruel, unacceptable situation,\" Gueant told reporters.  The U.N. objected")
    for doc in (nlp(text), nlp("One."), nlp("")):
        sents = list(doc.sents) if len(doc) else []
        assert sentence_bounds(doc) == [(s.start, s.end) for s in sents]
        assert sentence_char_ranges(doc) == [(s.start_char, s.end_char) for s in sents]


def test_the_loaded_objects_are_frozen_once_and_only_when_the_setting_asks(monkeypatch):
    import gc

    from storylens import Pipeline, Settings
    from storylens.parse import pipeline as parse_pipeline

    calls = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(parse_pipeline, "_frozen", False)
    assert Pipeline(Settings.load(use_store=False, freeze_loaded_objects=False)).nlp is not None
    assert calls == []
    pipeline = Pipeline(Settings.load(use_store=False))
    assert pipeline.nlp is pipeline.nlp
    assert Pipeline(Settings.load(use_store=False)).nlp is not None
    assert calls == ["freeze"]  # once per process, after the model is loaded


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("He said,“Look at this.”", ["He", "said", ",", "“", "Look", "at", "this", ".", "”"]),
        ('The mayor said:"We will win."', ["The", "mayor", "said", ":", '"', "We", "will", "win", ".", '"']),
        ("“It is over,”she said.", ["“", "It", "is", "over", ",", "”", "she", "said", "."]),
        ("“It is over.”She left.", ["“", "It", "is", "over", ".", "”", "She", "left", "."]),
        # guillemets and the low opening mark, as the other double marks (since 2026-12-07)
        ("He said,«Look at this.»She left.", ["He", "said", ",", "«", "Look", "at", "this", ".", "»", "She", "left",
                                              "."]),
        ("«It is over,»she said.", ["«", "It", "is", "over", ",", "»", "she", "said", "."]),
        ("She wrote:„We will win.“", ["She", "wrote", ":", "„", "We", "will", "win", ".", "“"]),
        # a comma between letters or in a number, and an abbreviation before a closing mark, as before
        ("A,b and 1,000 in the U.S.”", ["A", ",", "b", "and", "1,000", "in", "the", "U.S.", "”"]),
    ],
)
def test_punctuation_glued_to_a_quotation_mark_is_split_from_it_and_from_the_word(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


def test_a_quotation_glued_to_its_cues_comma_is_found(nlp):
    from storylens.extract.quotes import extract_quotes
    from storylens.models import Article

    text = "The harbour master said,“The ferry will not sail before Friday.”"
    quotes = extract_quotes(Article(id="t", text=text), nlp(text))
    assert [(q.speaker.span.text, q.content.text) for q in quotes] == [
        ("The harbour master", "“The ferry will not sail before Friday.”")
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("The harbour master said,«The ferry will not sail before Friday.»", "The harbour master",
         "«The ferry will not sail before Friday.»"),
        ("«The ferry will not sail before Friday,»the harbour master said.", "the harbour master",
         "«The ferry will not sail before Friday,»"),
        ("The harbour master said: « The ferry will not sail before Friday. »", "The harbour master",
         "« The ferry will not sail before Friday. »"),
    ],
)
def test_a_quotation_in_guillemets_is_direct_and_has_its_speaker(nlp, text, speaker, content):
    from storylens.extract.quotes import extract_quotes
    from storylens.models import Article

    quotes = extract_quotes(Article(id="t", text=text), nlp(text))
    assert [(q.speaker.span.text, q.content.text, q.kind) for q in quotes] == [(speaker, content, "direct")]


def test_ids_in_gives_numpys_isin():
    """The doc columns' membership test reads as ``np.isin`` does, for a few ids and for many."""
    import numpy as np

    from storylens.parse.pipeline import ids_in

    column = np.array([5, 2**63 + 7, 9, 5, 11, 0], dtype=np.uint64)
    for ids in ([5], [9, 11, 2**63 + 7], list(range(40)), []):
        wanted = np.array(ids, dtype=np.uint64)
        assert ids_in(column, wanted).tolist() == np.isin(column, wanted).tolist()


def test_sentence_of_a_token_is_spacys_sentence_of_it(nlp):
    from storylens.parse.pipeline import sentence_of

    doc = nlp("Harbour Dredge Starts Monday\n\nThe Velmor council approved the plan. Mayor Ilsa Brandt said it "
              "would end by June. Critics disagreed.")
    for token in doc:
        sent = token.sent
        assert sentence_of(doc, token.i) == (sent.start, sent.end)
        assert sentence_of(doc, token.i) == (doc[token.i:token.i + 1].sent.start, doc[token.i:token.i + 1].sent.end)


def test_column_list_is_the_docs_column_kept_once(nlp):
    from spacy.attrs import DEP

    from storylens.parse.pipeline import column_list

    doc = nlp("Tomas Wendt, the harbour master, closed the pier.")
    deps = column_list(doc, DEP)
    assert deps == [t.dep for t in doc]
    assert column_list(doc, DEP) is deps


def test_a_quotation_in_guillemets_goes_on_in_the_next_sentence(nlp):
    # '«...,» the mayor said. «...»': the quotation after the cue is the same statement, as with English marks
    from storylens.extract.quotes import extract_quotes
    from storylens.models import Article

    text = "«We will rebuild the port,» the mayor said. «Nobody will stop us.»"
    quotes = extract_quotes(Article(id="t", text=text), nlp(text))
    assert [(q.speaker.span.text, q.content.text) for q in quotes] == [("the mayor", text)]
