"""Voices, labels, loaded terms, coverage and independence."""

from __future__ import annotations

import pytest

from storylens import Pipeline
from storylens.analyse.coverage import independent_sources, shared_passages
from storylens.models import Article, ArticleInfo


def test_voices_categories_of_the_example(roma_dossier):
    by = {(v.article_id, v.category): v for v in roma_dossier.voices}
    assert by[("002", "government and officials")].share_of_words > 0.5  # ministers dominate this report
    assert ("000", "NGOs and experts") in by  # Minority Rights Group International
    assert ("001", "affected people") in by  # "One Roma told BBC"
    for article_id in {v.article_id for v in roma_dossier.voices}:
        total = sum(v.share_of_words for v in roma_dossier.voices if v.article_id == article_id)
        assert abs(total - 1) < 0.01


def test_labels_for_a_group_across_outlets(roma_dossier):
    [roma] = [row for row in roma_dossier.labels if row.name == "Roma"]
    assert "gangs of Roma" in roma.by_article["001"]
    assert any("beggars" in label for label in roma.by_article["001"])
    texts = {a.id: a.text for a in roma_dossier.articles}
    for span in roma.spans:
        assert texts[span.article_id][span.start:span.end] == span.text


def test_loaded_terms_flagged_with_voice(roma_dossier):
    terms = {(t.span.article_id, t.term): t for t in roma_dossier.loaded_terms}
    assert terms[("001", "gypsies")].quoted is True  # 'popularly known as “Gypsies”': in the outlet's marks
    assert terms[("001", "beggars and thieves")].quoted is False
    assert terms[("000", "diktat")].quoted is True  # Besson's word, not the outlet's
    assert terms[("000", "gypsy")].quoted is False  # "Roma (Gypsy) people" in the writer's paraphrase
    assert all(t.source for t in roma_dossier.loaded_terms)


def test_coverage_rows_name_who_left_out(roma_dossier):
    sources = {a.id for a in roma_dossier.articles}
    assert roma_dossier.coverage
    for row in roma_dossier.coverage:
        assert set(row.reported_by) | set(row.left_out_by) == sources
        assert not set(row.reported_by) & set(row.left_out_by)


def test_independence_wire_copy_counts_once():
    wire = ("The central bank raised its main interest rate by half a point on Tuesday, the third rise this year, "
            "saying inflation had stayed well above its target for too long and that further increases were likely.")
    a = ArticleInfo(id="a", text="LONDON (Wire) - " + wire + " Markets fell.")
    b = ArticleInfo(id="b", text=wire + " Economists had expected a smaller move.")
    c = ArticleInfo(id="c", text="A reporter's own account of the bank's decision, with different words entirely, "
                    "quoting two traders who were surprised by the size of the move.")
    passages = shared_passages([a, b, c])
    assert passages and passages[0].words >= 30
    assert passages[0].spans[0].text == passages[0].spans[1].text
    assert independent_sources([a, b, c], passages) == 2


def test_analyse_views_in_a_fresh_dossier(settings):
    settings.use_store = False
    text = "Officials said the swarm of migrants was an invasion, according to a report published on Monday."
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles([Article(id="x", text=text)])
    assert {t.term for t in dossier.loaded_terms} >= {"swarm", "invasion"}
    assert dossier.independent_sources == 1


def test_repeated_shingles_are_those_a_plain_index_finds():
    from storylens.analyse.coverage import SHINGLE, _repeated_shingles

    line = "the minister said the plan would be put to a vote on friday next week".split()
    texts = [("a", line + ["and", "more"] + line), ("b", ["so"] + line[:10]), ("c", ["nothing", "alike"] * 9),
             ("d", line[:5]), ("e", ["nothing", "alike"] * 5 + line[3:])]
    plain: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for key, words in texts:
        for i in range(len(words) - SHINGLE + 1):
            plain.setdefault(tuple(words[i:i + SHINGLE]), []).append((key, i))
    expected = [places for places in plain.values() if len(places) > 1]
    assert expected and _repeated_shingles(texts) == expected
    assert _repeated_shingles([("x", ["a"] * 3)]) == []


def test_a_loaded_term_in_a_paraphrase_is_the_outlets_own_word(settings):
    settings.use_store = False
    text = ('The mayor said the swarm of migrants had to be stopped. "This is an invasion," a councillor said. '
            "A resident described the camp as 'a regime of fear'.")
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze_articles([Article(id="x", text=text)])
    quoted = {t.term: t.quoted for t in dossier.loaded_terms}
    assert quoted["swarm"] is False  # indirect: the writer's wording
    assert quoted["invasion"] is True  # inside quotation marks
    assert quoted.get("regime") is True, dossier.loaded_terms  # the quoted fragment of a mixed statement


def test_a_label_is_the_whole_compound_and_never_a_clause(nlp):
    from storylens.analyse.labels import _label_phrase
    from storylens.models import Span
    from storylens.parse.pipeline import verb_only_words

    verbs = verb_only_words(nlp)

    def label(text, name="Roma", nth=0):
        start = [i for i in range(len(text)) if text.startswith(name, i)][nth]
        return _label_phrase(Span(article_id="a", start=start, end=start + len(name), text=name), nlp(text),
                             verbs).text

    assert label("Police dismantled dozens of makeshift Roma staging posts on Monday.") == "Roma staging posts"
    assert label("Officers patrol the railways where Roma congregate.") == "Roma"
    assert label("The Roma children were sent home.") == "Roma children"
    assert label("France would help returned Roma integrate within Romania.") == "Roma"  # parsed as a noun
    assert {"congregate", "integrate"} <= verbs and "camp" not in verbs


def test_voice_words_acronyms_match_as_written_and_plurals_count():
    from storylens.analyse.voices import categories

    def category(text):
        return next((name for name, pattern in categories() if pattern.search(text)), None)

    assert category("a community activist who has campaigned for years") == "opposition and critics"  # not WHO
    assert category("the WHO") == "international bodies"
    assert category("Environmental groups") == "NGOs and experts"
    assert category("a union official") == "government and officials"  # "un" is not in "union"


def test_independence_a_shared_quotation_is_not_copying():
    said = ("We will rebuild every home that was lost and we will not rest until every family is back under its "
            "own roof")
    a = ArticleInfo(id="a", text=f'The mayor spoke at the town hall. "{said}," she said, to applause.')
    b = ArticleInfo(id="b", text=f'Residents gathered outside. “{said},” the mayor told them on Friday.')
    passages = shared_passages([a, b])
    assert passages  # the shared words are still listed
    assert independent_sources([a, b], passages) == 2  # but two reporters quoting one speaker are independent
    copied = ArticleInfo(id="c", text=f"The mayor spoke at the town hall. {said}, she said, to applause.")
    assert independent_sources([a, copied], shared_passages([a, copied])) == 1  # copy without the marks


def _said(n: int, description: str, kind: str, entity=None):
    from storylens.models import Quote, Span, Speaker

    span = Span(article_id="a", start=0, end=len(description), text=description)
    content = Span(article_id="a", start=0, end=11, text="words words")
    return Quote(id=f"q{n}", article_id="a", content=content, kind="indirect",
                 speaker=Speaker(name=entity.name if entity else description, span=span, kind=kind,
                                 entity_id=entity.id if entity else None))


def _entity(n: int, name: str, type_: str, roles=()):
    from storylens.models import Entity, Role, Span

    return Entity(id=f"e{n}", name=name, type=type_, roles=[
        Role(title=t, organisation=o, article_id="a", span=Span(article_id="a", start=0, end=len(t), text=t))
        for t, o in roles])


@pytest.mark.parametrize(("words", "category"), [
    ("chief executive (Norvik)", "business"),
    ("Baltara Metals", "business"),
    ("United Metalworkers Union", "trade unions"),
    ("Union leader", "trade unions"),
    ("European Union", "international bodies"),  # the longer phrase
    ("central bank governor", "government and officials"),  # not a bank of the business kind
    ("Water Standards Board", None),
])
def test_voices_companies_and_unions_have_their_own_categories(words, category):
    # a company story's voices were "other" for the companies and their executives, and the union with them
    from storylens.analyse.voices import category_of

    assert category_of(words) == category


def test_voices_a_spokesperson_speaks_for_a_body_and_an_unnamed_speaker_is_anonymous():
    from storylens.analyse.voices import voices

    ward = _entity(1, "Tessa Ward", "PERSON", [("spokeswoman", "Riverside Residents Group")])
    residents = _entity(2, "Riverside Residents Group", "ORG")
    board = _entity(3, "Water Standards Board", "ORG")
    lund = _entity(4, "Ola Lund", "PERSON", [("report's co-author", None)])
    water = _entity(5, "regional water department", "ORG")
    quotes = [
        _said(1, "Tessa Ward", "person", ward),                                  # a residents' group
        _said(2, "a spokesman for the Water Standards Board", "institution", board),
        _said(3, "A town hall spokesman", "anonymous"),                          # the town hall: government
        _said(4, "Ola Lund", "person", lund),                                    # an author, not a report
        _said(5, "the regional water department", "institution", water),
        _said(6, "A senior water official", "anonymous"),                        # unnamed: anonymous
        _said(7, "An engineer", "anonymous"),
        _said(8, "the Reuters news agency", "group"),
        _said(9, "a spokeswoman", "anonymous"),                                  # for a body not said
    ]
    by_speaker = {}
    for row in voices(quotes, [ward, residents, board, lund, water]):
        for speaker in row.speakers:
            by_speaker[speaker] = row.category
    assert by_speaker["Tessa Ward"] == "NGOs and experts"  # "Residents Group", not "spokeswoman": government
    assert by_speaker["Water Standards Board"] == "other"  # a body of no category, not government
    assert by_speaker["A town hall spokesman"] == "government and officials"
    assert by_speaker["Ola Lund"] == "NGOs and experts"
    assert by_speaker["regional water department"] == "government and officials"
    assert by_speaker["A senior water official"] == by_speaker["An engineer"] == "anonymous"
    assert by_speaker["a spokeswoman"] == "anonymous"
    assert by_speaker["the Reuters news agency"] == "media and documents"


def test_labels_of_a_person_hold_each_outlets_titles_and_descriptions():
    from storylens.analyse.labels import labels
    from storylens.models import Entity, Role, Span

    texts = {
        "a": "Kestrel Air chief executive Maren Holt said flights would go. The chief executive said no more.",
        "b": "Maren Holt, Kestrel's boss, told analysts the deal was done. The former head of Orla, Maren Holt, left.",
        "c": "Reporting by Maren Holt. The President's Maren Holt left.",
    }

    def span(article_id, words, start_at=0):
        start = texts[article_id].index(words, start_at)
        return Span(article_id=article_id, start=start, end=start + len(words), text=words)

    mentions = [span("a", "Maren Holt"), span("a", "The chief executive"), span("b", "Maren Holt"), span("c", "Maren Holt"),
                span("c", "Maren Holt", 20), span("b", "The former head"), span("b", "Maren Holt", 10)]
    roles = [
        Role(title="chief executive", organisation="Kestrel Air", article_id="a",
             span=span("a", "Kestrel Air chief executive Maren Holt")),
        Role(title="boss", organisation="Kestrel", article_id="b", span=span("b", "Maren Holt, Kestrel's boss")),
        Role(title="former head of Orla", organisation="Orla", article_id="b",
             span=span("b", "The former head of Orla, Maren Holt")),
        Role(title="reporting credit", article_id="c", span=span("c", "Reporting by Maren Holt")),
        Role(title="President", article_id="c", span=span("c", "President's Maren Holt")),
    ]
    entity = Entity(id="maren-holt", name="Maren Holt", type="PERSON", roles=roles, mentions=mentions,
                    aliases=[], articles=["a", "b", "c"])
    [row] = labels([entity], {})
    assert row.by_article == {"a": ["Kestrel Air chief executive", "Maren Holt", "The chief executive"],
                              "b": ["Maren Holt", "Kestrel's boss", "The former head of Orla"],
                              "c": ["Maren Holt", "President"]}
    for label in row.spans:
        assert texts[label.article_id][label.start:label.end] == label.text


@pytest.mark.parametrize(("words", "category"), [
    # a body's kind is told by its modifiers and complement, not by the bare noun "council"
    ("Norwegian Refugee Council", "NGOs and experts"),          # a cause before the head
    ("the Muslim Council of Britain", "NGOs and experts"),      # a people's group
    ("Council on Foreign Relations", "NGOs and experts"),       # a body about a matter
    ("National Council for Voluntary Organisations", "NGOs and experts"),  # its kind before its level
    ("the Scottish Charity Committee", "NGOs and experts"),
    ("National Council of Voluntary Organisations", "NGOs and experts"),
    ("National Council on Disability", "government and officials"),  # a cause does not outweigh a level
    ("Refugee Committee", "NGOs and experts"),                  # a head of no category of its own
    ("city council", "government and officials"),
    ("Carvale County Council", "government and officials"),
    ("Council of Ministers", "government and officials"),
    ("a council", "government and officials"),                  # nothing said: the head's own category
    ("Federal Trade Commission", "government and officials"),
    ("Security Council", "international bodies"),
    ("Council of Europe", "international bodies"),
    ("works council", "trade unions"),
    ("Olympic Committee", None),
])
def test_voices_a_council_is_what_its_modifiers_make_it(words, category):
    from storylens.analyse.voices import _head_category, category_of

    assert category_of(words) == category
    assert _head_category(words) == category


def test_voices_an_ngo_named_council_and_a_council_spokesman_both_ways():
    from storylens.analyse.voices import voices

    nrc = _entity(1, "Norwegian Refugee Council", "ORG")
    egeland = _entity(2, "Jan Egeland", "PERSON", [("secretary general", "Norwegian Refugee Council")])
    city = _entity(3, "Lisbon City Council", "ORG")
    quotes = [
        _said(1, "the Norwegian Refugee Council", "institution", nrc),
        _said(2, "Jan Egeland", "person", egeland),   # "secretary" alone would be government
        _said(3, "Lisbon City Council", "institution", city),
        _said(4, "A council spokesman", "anonymous"),
    ]
    by_speaker = {s: row.category for row in voices(quotes, [nrc, egeland, city]) for s in row.speakers}
    assert by_speaker["Norwegian Refugee Council"] == "NGOs and experts"
    assert by_speaker["Lisbon City Council"] == "government and officials"
    assert by_speaker["A council spokesman"] == "government and officials"


def test_voices_a_title_any_body_has_takes_its_organisations_category():
    from storylens.analyse.voices import voices

    egeland = _entity(1, "Jan Egeland", "PERSON", [("secretary general", "Norwegian Refugee Council")])
    holt = _entity(2, "Mary Holt", "PERSON", [("president", "Carvale Families Association")])
    marsh = _entity(3, "Helena Marsh", "PERSON", [("chairwoman", "Norvik Steel")])
    ward = _entity(4, "Tom Ward", "PERSON", [("Foreign Secretary", "Britain")])  # no category: the title decides
    # a charity has a chief executive as a company does
    elliott = _entity(5, "Sarah Elliott", "PERSON", [("chief executive", "National Council for Voluntary Organisations")])
    reed = _entity(6, "Ian Reed", "PERSON", [("CEO", "Norvik Steel")])
    people = (egeland, holt, marsh, ward, elliott, reed)
    quotes = [_said(n, e.name, "person", e) for n, e in enumerate(people, 1)]
    by_speaker = {s: row.category for row in voices(quotes, list(people)) for s in row.speakers}
    assert by_speaker == {"Jan Egeland": "NGOs and experts", "Mary Holt": "NGOs and experts",
                          "Helena Marsh": "business", "Tom Ward": "government and officials",
                          "Sarah Elliott": "NGOs and experts", "Ian Reed": "business"}


def test_voices_a_speaker_that_is_one_of_the_storys_outlets_is_media():
    from storylens.analyse.voices import voices

    politico = _entity(1, "Politico", "ORG")
    acme = _entity(2, "Acme Corp", "ORG")
    quotes = [_said(1, "Politico", "institution", politico), _said(2, "Acme Corp", "institution", acme)]
    by_speaker = {s: row.category for row in voices(quotes, [politico, acme], ["Politico (Online News)", "CNBC"])
                  for s in row.speakers}
    assert by_speaker == {"Politico": "media and documents", "Acme Corp": "business"}
    assert {s: row.category for row in voices(quotes, [politico, acme]) for s in row.speakers}["Politico"] == "other"


@pytest.mark.parametrize(("words", "category"), [
    ("Associated Press", "media and documents"),
    ("Harwick Sentinel", "media and documents"),
    ("Norvik Valley News", "media and documents"),
    ("CNN", "media and documents"),
    ("a columnist (Harwick Tribune)", "media and documents"),
    ("press secretary (White House)", "government and officials"),  # the head noun decides
    ("the press", None),
    ("news conference", None),
])
def test_voices_a_news_organisation_is_media(words, category):
    # "Associated Press", "Orlando Sentinel", "CNN" had been speakers of no category ("other")
    from storylens.analyse.voices import category_of

    assert category_of(words) == category


def test_a_metaphor_or_label_for_people_is_not_flagged_when_said_of_things():
    # "a flood of class-action lawsuits", "the 2003 invasion of Iraq", "radical change" had been flagged as
    # dehumanising metaphors and contested labels for people
    from storylens.analyse.labels import loaded_terms
    from storylens.models import ArticleInfo

    def flagged(text):
        return [t.term for t in loaded_terms([ArticleInfo(id="a", text=text)], [])]

    assert flagged("The ruling would bring a flood of lawsuits and an influx of cash to the courts.") == []
    assert flagged("He backed the 2003 invasion of Harwick and the U.S.-led invasion that followed.") == []
    assert flagged("She promised radical change and a radical budget.") == []
    assert sorted(flagged("He warned of a flood of migrants and hordes of desperate refugees.")) == ["flood of", "hordes"]
    assert flagged("It is an invasion of our towns, he said.") == ["invasion"]
    assert sorted(flagged("The radicals and radical environmentalists met.")) == ["radical", "radicals"]


def test_voices_a_role_the_speaker_no_longer_holds_does_not_decide():
    # "Tara Reid, a former travel reporter" had made the actress a voice of the media
    from storylens.analyse.voices import voices

    vale = _entity(1, "Nora Vale", "PERSON", [("former travel reporter", None)])
    marsh = _entity(2, "Helena Marsh", "PERSON", [("former minister", None), ("chief executive", "Norvik Steel")])
    quotes = [_said(1, "Nora Vale", "person", vale), _said(2, "Helena Marsh", "person", marsh)]
    by_speaker = {s: row.category for row in voices(quotes, [vale, marsh]) for s in row.speakers}
    assert by_speaker == {"Nora Vale": "other", "Helena Marsh": "business"}, by_speaker


def test_a_groups_label_names_its_people_not_a_thing_of_theirs(nlp):
    # "Republican nomination", "Republican race" had been listed as the names an outlet gives Republicans
    from storylens.analyse.labels import _label_phrase
    from storylens.models import Span

    def label(text, name):
        start = text.index(name)
        return _label_phrase(Span(article_id="a", start=start, end=start + len(name), text=name), nlp(text)).text

    assert label("He won the Harwish nomination on Tuesday.", "Harwish") == "Harwish"
    assert label("Officers ordered the expulsion of Roma from the town.", "Roma") == "Roma"
    assert label("Police moved Roma beggars and thieves out of the park.", "Roma") == "Roma beggars and thieves"
    assert label("Police broke up gangs of Roma in the park.", "Roma") == "gangs of Roma"
    assert label("The Roma community protested.", "Roma") == "Roma community"


def test_voices_a_legislature_its_leaders_and_a_country_speak_for_government():
    # "Senate Majority Leader Dana Wolk", "the Senate" and "Iran said" had been "other"
    from storylens.analyse.voices import voices

    wolk = _entity(1, "Dana Wolk", "PERSON", [("Majority Leader", "Senate")])
    senate = _entity(2, "Senate", "ORG")
    iran = _entity(3, "Iran", "GPE")
    parliament = _entity(4, "Ostland Parliament", "ORG")
    fable = _entity(5, "Silver Fable", "GPE")  # a film the tagger took for a place: no government's
    speakers = (wolk, senate, iran, parliament, fable)
    quotes = [_said(n, e.name, "person" if e.type == "PERSON" else "institution", e) for n, e in enumerate(speakers, 1)]
    by_speaker = {s: row.category for row in voices(quotes, list(speakers)) for s in row.speakers}
    assert by_speaker == {**dict.fromkeys(("Dana Wolk", "Senate", "Iran", "Ostland Parliament"),
                                          "government and officials"), "Silver Fable": "other"}, by_speaker


def test_voices_a_union_of_states_typed_a_place_is_no_government():
    # "the EU said", "the United Nations warned" typed places: international bodies, not a country's government
    from storylens.analyse.voices import voices

    speakers = (_entity(1, "European Union", "GPE"), _entity(2, "U.N.", "GPE"), _entity(3, "U.S.", "GPE"),
                _entity(4, "New York", "GPE"), _entity(5, "Calif.", "GPE"))
    quotes = [_said(n, e.name, "institution", e) for n, e in enumerate(speakers, 1)]
    by_speaker = {s: row.category for row in voices(quotes, list(speakers)) for s in row.speakers}
    assert by_speaker == {"European Union": "international bodies", "U.N.": "international bodies",
                          **dict.fromkeys(("U.S.", "New York", "Calif."), "government and officials")}, by_speaker
