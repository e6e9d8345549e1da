"""The parse step's helpers."""

from storylens.parse import doc_text


def test_doc_text_is_the_docs_text_built_once(nlp):
    doc = nlp("Critics attacked the plan,  but Besson praised\nthe officers. ")
    text = doc_text(doc)
    assert text == doc.text == "Critics attacked the plan,  but Besson praised\nthe officers. "
    assert doc_text(doc) is text  # kept, not joined from the tokens again
    assert doc_text(nlp("")) == ""
