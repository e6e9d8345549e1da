"""The parse step's helpers."""

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


def test_a_single_line_break_is_not_a_sentence_start(nlp):
    doc = nlp("The finance minister resigned on\nMonday, officials said.")
    assert len(list(doc.sents)) == 1
