"""eval/timeline.py: its matching and scores on a tiny hand-made gold timeline (no shared data)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from storylens.models import Dossier, Entity, Span, TimelineEntry

_PATH = Path(__file__).resolve().parent.parent / "eval" / "timeline.py"
_SPEC = importlib.util.spec_from_file_location("eval_timeline", _PATH)
T = sys.modules["eval_timeline"] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(T)


def test_scores_on_a_hand_made_timeline():
    G, P = T.GoldMention, T.Predicted
    gold = [
        G("d1", 2, "founded", 1, "1976-04-01"),
        G("d1", 3, "step_down", 2, "2011-08"),
        G("d2", 1, "launched", 3, "2011"),
        G("d2", 4, "said", 0, "XXXX-XX-XX"),
        G("d2", 5, "sued", 4, "2012-03-XX"),
    ]
    preds = [
        P("d1", 2, "founded", "found", "1976-04-01", "day"),  # right event, right date
        P("d1", 3, "stepped", "step", "2011-08-24", "day"),  # lemma matches step_down's first word; finer date is right
        P("d2", 1, "launched", "launch", "2010", "year"),  # right event, wrong year
        P("d2", 4, "said", "say", "2011-10-06", "day"),  # right event, gold undated
        P("d2", 5, "sued", "sue", "2012", "year"),  # right event, date coarser than the gold's month: wrong
        P("d2", 2, "launched", "launch", "2011", "year"),  # wrong sentence: unmatched
    ]
    s = T.score(gold, preds)
    assert (s.gold, s.pred, s.matched) == (5, 6, 5)
    assert (s.dated_pairs, s.date_ok, s.undated_matched) == (4, 2, 1)
    # cross-document pairs of ranked gold: (d1 r1, d2 r3), (d1 r1, d2 r4), (d1 r2, d2 r3), (d1 r2, d2 r4)
    # predicted: 1976 < 2010 yes; 1976 < 2012 yes; 2011-08 vs 2010: wrong; 2011-08 vs 2012: yes
    assert (s.order_pairs, s.order_ok) == (4, 3)
    assert T.prf(s.matched, s.pred, s.gold)[0] == pytest.approx(5 / 6)


def test_one_prediction_matches_one_gold_mention_and_the_right_date_is_preferred():
    G, P = T.GoldMention, T.Predicted
    gold = [G("d", 1, "won", 1, "2010-05"), G("d", 1, "won", 1, "2010-05")]
    preds = [P("d", 1, "won", "win", "2009", "year"), P("d", 1, "won", "win", "2010-05", "month")]
    pairs = T.match(gold[:1], preds)
    assert pairs[0][1].date == "2010-05"
    s = T.score(gold, preds)
    assert (s.matched, s.date_ok) == (2, 1)


def test_dates_compare_at_the_precision_they_share():
    P = T.Predicted
    a = P("d", 1, "x", "x", "2010-W10", "week")  # its Thursday is 2010-03-11
    assert T.date_correct(a, "2010-03") and not T.date_correct(a, "2010-03-11")
    assert T.gold_known("2008-03-XX") == ("2008-03", "month") and T.gold_known("XXX-XX-XX") is None
    assert T.compare_dates(P("d", 1, "x", "x", "2010", "year"), P("d", 1, "x", "x", "2010-05-02", "day")) == 0
    assert T.compare_dates(P("d", 1, "x", "x", "2010-04", "month"), P("d", 1, "x", "x", "2010-05-02", "day")) == -1


def test_storylens_entries_about_the_target_map_back_to_gold_sentences():
    doc = T.make_document({"doc_id": "d", "dct": "2011-08-25", "title": "Jobs resigns",
                           "sentences": ["August 25 , 2011", "Steve Jobs resigned on Wednesday .", "Shares fell today ."]})
    assert doc.text == "Jobs resigns\n\nAugust 25 , 2011\n\nSteve Jobs resigned on Wednesday . Shares fell today ."
    assert doc.text[doc.starts[2]:doc.ends[2]] == "Steve Jobs resigned on Wednesday ."
    resigned, fell = doc.text.index("resigned"), doc.text.index("fell")
    assert doc.sentence_at(resigned) == 2 and doc.sentence_at(fell) == 3 and doc.sentence_at(0) == 0

    def span(start, text):
        return Span(article_id="d", start=start, end=start + len(text), text=text)

    jobs = doc.text.index("Steve Jobs")
    dossier = Dossier(
        entities=[Entity(id="e1", name="Steve Jobs", type="PERSON", aliases=["Jobs"], mentions=[span(jobs, "Steve Jobs")]),
                  Entity(id="e2", name="Steve", type="PERSON", mentions=[span(jobs, "Steve")] * 5)],
        timeline=[
            TimelineEntry(date="2011-08-24", precision="day", event="Steve Jobs resigned",
                          sources=[span(doc.starts[2], "Steve Jobs resigned on Wednesday .")],
                          anchors=[span(resigned, "resigned")]),
            TimelineEntry(date="2011-08-25", precision="day", event="Shares fell",
                          sources=[span(doc.starts[3], "Shares fell today .")], anchors=[span(fell, "fell")]),
        ],
    )
    preds, note = T.storylens_predictions(dossier, {"d": doc}, "Steve Jobs")
    assert "'Steve Jobs'" in note  # the full name beats the entity with more mentions but half the words
    assert preds == [T.Predicted("d", 2, "resigned", "resigned", "2011-08-24", "day")]


def test_baseline_takes_sentences_naming_the_target_with_their_root_and_first_date(nlp):
    doc = T.make_document({"doc_id": "d", "dct": "2011-08-25", "title": "Board meets",
                           "sentences": ["August 25 , 2011", "Jobs resigned on August 24 , 2011 .",
                                         "The board met today .", "Shares of Apple fell after Jobs left ."]})
    parsed = {"d": nlp(doc.text)}
    preds = T.baseline_predictions(parsed, {"d": doc}, "Steve Jobs")
    assert [(p.sent, p.date) for p in preds] == [(2, "2011-08-24"), (4, "2011-08-25")]
    assert preds[0].verb == "resigned"
    # a last word shorter than 3 characters is no name of its own: the whole name is looked for
    assert T.baseline_predictions(parsed, {"d": doc}, "iPhone 4") == []
