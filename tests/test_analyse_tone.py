"""Tone toward entities: the clause around each mention is scored, per outlet, by voice."""

from __future__ import annotations

from storylens.align.entities import merge_entities
from storylens.analyse.tone import clause_of, label_of, polarity, tone
from storylens.extract.mentions import extract_mentions
from storylens.extract.quotes import extract_quotes
from storylens.models import Article


def _story(nlp, texts: dict[str, str]):
    articles = [Article(id=k, text=v, published="2024-03-01", outlet=k) for k, v in texts.items()]
    docs = {a.id: nlp(a.text) for a in articles}
    entities = merge_entities(articles, [extract_mentions(a, docs[a.id]) for a in articles])
    quotes = [q for a in articles for q in extract_quotes(a, docs[a.id])]
    return entities, quotes, docs


def test_polarity_and_labels():
    assert polarity("a brilliant, generous and admired leader") > 0.5
    assert polarity("a corrupt, cruel and disgraceful liar") < -0.5
    assert polarity("") == 0.0
    assert (label_of(0.3), label_of(0.0), label_of(-0.3)) == ("positive", "neutral", "negative")


def test_clause_keeps_one_sentence_apart_for_two_entities(nlp):
    text = "Critics attacked the corrupt and disastrous plan, but Maria Lopez praised the brave officers."
    doc = nlp(text)
    start = text.index("Maria Lopez")
    found = clause_of(doc, start, start + len("Maria Lopez"))
    assert found is not None
    c_start, c_end, clause = found
    assert "praised" in clause and "corrupt" not in clause
    assert text[c_start:c_end].rstrip(".").endswith("brave officers")
    assert polarity(clause) > 0 > polarity(text[: text.index(",")])


def test_tone_rows_per_outlet_with_cited_clauses(nlp):
    entities, quotes, docs = _story(nlp, {
        "kind": "Governor Anna Berg opened the new hospital on Monday. "
                "Anna Berg was praised for her generous and brilliant leadership.",
        "harsh": "Governor Anna Berg was accused of corruption and lies on Monday. "
                 "Anna Berg faces a disgraceful scandal that outraged voters.",
    })
    rows = {t.article_id: t for t in tone(entities, quotes, docs) if t.name == "Anna Berg"}
    assert set(rows) == {"kind", "harsh"}
    assert rows["kind"].label == "positive" and rows["harsh"].label == "negative"
    assert rows["kind"].score > 0 > rows["harsh"].score
    negative = rows["harsh"].most_negative
    assert negative is not None and rows["harsh"].most_positive is None
    assert docs["harsh"].text[negative.start:negative.end] == negative.text
    assert rows["harsh"].quoted_score is None and rows["harsh"].own_words_score == rows["harsh"].score


def test_tone_separates_quoted_from_own_words(nlp):
    entities, quotes, docs = _story(nlp, {
        "a": 'Mayor Tom Reed opened the bridge on Friday. "Tom Reed is a liar and a disgrace," said one resident.',
    })
    assert quotes, "the resident's statement is attributed"
    row = next(t for t in tone(entities, quotes, docs) if t.name == "Tom Reed")
    assert row.quoted_score is not None and row.quoted_score < 0
    assert row.own_words_score is not None and row.own_words_score > row.quoted_score


def test_tone_in_the_example_dossier(roma_dossier):
    assert roma_dossier.tone
    texts = {a.id: a.text for a in roma_dossier.articles}
    for row in roma_dossier.tone:
        assert -1.0 <= row.score <= 1.0 and row.clauses >= 1
        for span in (row.most_negative, row.most_positive):
            if span is not None:
                assert texts[span.article_id][span.start:span.end] == span.text


def test_clause_text_is_the_tokens_text_with_their_spaces(nlp):
    text = "Critics  attacked the plan,\nbut Maria Lopez praised  the officers \n\nwho stayed"
    doc = nlp(text)
    for token in doc:
        found = clause_of(doc, token.idx, token.idx + len(token.text))
        if found is None:
            continue
        c_start, c_end, clause = found
        assert clause == clause.strip() and clause  # no edge space, and the last token's text is kept
        words = [w for w in clause.split() if w]
        assert all(w in text[c_start:c_end] for w in words)
        assert text[c_start:c_end].startswith(words[0]) and text[c_start:c_end].endswith(words[-1])
    start = text.index("who")
    assert clause_of(doc, start, start + 3)[2].endswith("stayed")
