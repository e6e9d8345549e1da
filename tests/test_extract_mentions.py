"""Mentions and roles read from single sentences with the real English pipeline."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from storylens.extract.mentions import extract_mentions
from storylens.models import Article


def _mentions(nlp, text):
    article = Article(id="t", text=text)
    return extract_mentions(article, nlp(text))


def _person(mentions, name):
    found = [m for m in mentions if m.text == name and m.label == "PERSON"]
    assert found, [(m.text, m.label) for m in mentions]
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "title", "organisation"),
    [
        ("Interior Minister Brice Hortefeux said the camps would go.", "Brice Hortefeux", "Interior Minister", None),
        ("France's Interior Minister Claude Gueant has claimed otherwise.", "Claude Gueant", "Interior Minister", "France"),
        ("Romanian police officer Ana Grigore told the BBC about it.", "Ana Grigore", "police officer", "Romanian"),
        ("Eric Besson, France's immigration minister, said on Friday that it would go on.", "Eric Besson", "immigration minister", "France"),
    ],
)
def test_mentions_roles(nlp, text, name, title, organisation):
    person = _person(_mentions(nlp, text), name)
    assert any(r.title == title and r.organisation == organisation for r in person.roles), person.roles


def test_mentions_affiliation(nlp):
    text = "Mark Lattimer from the London-based Minority Rights Group International says discrimination is rife."
    person = _person(_mentions(nlp, text), "Mark Lattimer")
    assert any(r.organisation == "Minority Rights Group International" for r in person.roles)


def test_mentions_portfolio_word_is_not_an_organisation(nlp):
    mentions = _mentions(nlp, "Interior Minister Brice Hortefeux said the camps would go.")
    assert "Interior" not in {m.text for m in mentions}


def test_mentions_names_trimmed(nlp):
    mentions = _mentions(nlp, "The ministers met the European Commission in Brussels on Tuesday.")
    assert "European Commission" in {m.text for m in mentions}
    assert not any(m.text.lower().startswith("the ") for m in mentions if m.kind == "name")


def test_mentions_title_only(nlp):
    mentions = _mentions(nlp, "France's Immigration Minister said Friday that the policy would continue.")
    titles = [m for m in mentions if m.kind == "title"]
    assert titles and titles[0].title_key == "immigration minister" and titles[0].organisation in ("France", "France's")


def test_mentions_spans_match_text(nlp, example_dir):
    for path in sorted(example_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for mention in _mentions(nlp, text):
            assert text[mention.start:mention.end] == mention.text
            for role in mention.roles:
                assert 0 <= role.start < role.end <= len(text)


def test_an_outlet_the_tagger_missed_before_a_media_noun(nlp):
    from storylens.extract.mentions import extract_mentions
    from storylens.models import Article

    text = "I thought about it, Kouchner told RTL radio Monday. In a radio interview he said no."
    mentions = extract_mentions(Article(id="t", text=text), nlp(text))
    assert [(m.text, m.label) for m in mentions if m.label == "ORG"] == [("RTL", "ORG")]


def test_a_name_does_not_run_across_a_bracket(nlp):
    # the small model tags "Sinti (Travellers" as one name
    texts = {m.text for m in _mentions(nlp, "Police moved hundreds of Sinti (Travellers) out of the camp on Tuesday.")}
    assert {"Sinti", "Travellers"} <= texts, texts
    assert not any("(" in t or ")" in t for t in texts), texts


def test_indices_of_words_read_the_lower_case_ids(nlp):
    from storylens.extract.mentions import _indices_of_words

    doc = nlp("He told RTL Radio and the radio network, not the Radios.")
    assert _indices_of_words(doc, frozenset({"radio", "network"})) == [t.i for t in doc if t.lower_ in {"radio", "network"}]
    assert _indices_of_words(nlp(""), frozenset({"radio"})) == []


def test_title_mentions_without_any_title_word(nlp):
    from storylens.extract.mentions import _title_mentions
    from storylens.resources import lexicon

    text = "The river rose after heavy rain and the bridge was closed."
    assert _title_mentions(Article(id="a", text=text), nlp(text), set(), lexicon()) == []
    text = "The minister said the bridge was closed."
    [found] = _title_mentions(Article(id="b", text=text), nlp(text), set(), lexicon())
    assert found.text == "The minister"


def test_mentions_credit_lines_name_staff_not_story_people(nlp):
    text = (
        "Prime Minister Francois Fillon defended the plan on Tuesday.\n\n"
        "(Reporting by John Irish in Paris; Editing by Michael Roddy)\n"
        "Associated Press writer Jane Doe contributed to this report."
    )
    mentions = _mentions(nlp, text)
    people = {m.text: m for m in mentions if m.label == "PERSON"}
    credited = {name: [(r.title, text[r.start:r.end]) for r in people[name].roles]
                for name in ("John Irish", "Michael Roddy", "Jane Doe") if name in people}
    assert credited == {
        "John Irish": [("reporting credit", "Reporting by John Irish in Paris")],
        "Michael Roddy": [("editing credit", "Editing by Michael Roddy")],
        "Jane Doe": [("contributor credit", "Associated Press writer Jane Doe contributed to this report")],
    }
    assert not people["Francois Fillon"].roles[0].title.endswith("credit")
    others = {m.text for m in mentions if m.label != "PERSON"}
    assert not others & {"Paris", "Associated Press"}, others  # the reporter's city, the agency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Body.\n(Reporting by John Irish; Editing by Michael Roddy)\n", ["(Reporting by John Irish; Editing by Michael Roddy)"]),
        ("Body.\n  Additional reporting by Ana Pop in Bucharest\n", ["Additional reporting by Ana Pop in Bucharest"]),
        ("Body.\nContributing: Jane Doe, USA TODAY", ["Contributing: Jane Doe, USA TODAY"]),
        ("Body.\nAP writer Jo Bloggs contributed to this report.", ["AP writer Jo Bloggs contributed to this report."]),
        ("He said reporting by the BBC showed the camps were cleared. Editing by hand took days.", []),
        ("Editing by hand took days, " + "and more " * 60 + "days.", []),
    ],
)
def test_credit_lines(text, expected):
    from storylens.extract.credits import credit_lines

    assert [text[s:e] for s, e in credit_lines(text)] == expected


def test_mentions_credited_names_are_staff_whatever_the_tagger_typed_them(nlp):
    # the small model leaves "Ana Lopez" untagged and types "Haruto Sato" and "Toby Chopra" as organisations:
    # the credit line's layout says they are people, the outlet's staff
    text = ("MADRID (Reuters) - Spain's farmers blocked roads on Monday, police said.\n"
            "(Reporting by Ana Lopez; Editing by Mark Porter)\n"
            "Reporting by Haruto Sato and Li Wei; additional reporting by Ivo Daalder in Brussels; Editing by Toby Chopra")
    mentions = _mentions(nlp, text)
    staff = {m.text: m.roles[0].title for m in mentions if m.roles and m.roles[0].title.endswith("credit")}
    assert staff == {"Ana Lopez": "reporting credit", "Mark Porter": "editing credit", "Haruto Sato": "reporting credit",
                     "Li Wei": "reporting credit", "Ivo Daalder": "reporting credit", "Toby Chopra": "editing credit"}
    assert all(m.label == "PERSON" for m in mentions if m.text in staff)
    assert "Brussels" not in {m.text for m in mentions}  # the reporter's city


def test_mentions_a_credited_staffs_newsroom_is_no_person(nlp):
    text = ("MADRID (Reuters) - Spain's farmers blocked roads on Monday, police said.\n"
            "(Reporting by Ana Lopez, Madrid newsroom; Editing by Mark Porter, Washington desk)\n")
    mentions = _mentions(nlp, text)
    staff = {m.text: m.roles[0].title for m in mentions if m.roles and m.roles[0].title.endswith("credit")}
    assert staff == {"Ana Lopez": "reporting credit", "Mark Porter": "editing credit"}
    assert not {"Madrid", "Washington"} & {m.text for m in mentions if m.start > text.index("(Reporting")}


def test_mentions_a_reporter_named_bureau_is_a_person_not_a_newsroom(nlp):
    text = ("By Tom Bureau\n\nMADRID (Reuters) - Spain's farmers blocked roads on Monday, police said.\n"
            "(Reporting by Sarah Bureau and Tom Bureau; Editing by Mark Porter)\n"
            "(Reporting by Bangalore Newsroom and Ana Lopez, London Bureau)\n")
    mentions = _mentions(nlp, text)
    people = {m.text for m in mentions if m.label == "PERSON"}
    staff = {(m.text, m.roles[0].title) for m in mentions if m.roles and m.roles[0].title.endswith("credit")}
    assert staff == {("Sarah Bureau", "reporting credit"), ("Tom Bureau", "reporting credit"),
                     ("Mark Porter", "editing credit"), ("Ana Lopez", "reporting credit")}
    assert text.index("Tom Bureau") in {m.start for m in mentions if m.label == "PERSON"}  # the byline's too
    assert not {"Bangalore Newsroom", "London Bureau"} & people  # where the staff work


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Body.\n(Reporting by John Irish in Paris; Editing by Michael Roddy)", ["John Irish", "Michael Roddy"]),
        ("Body.\nReporting by J. van Dam and Li Wei, Writing by Ali bin Talal.", ["J. van Dam", "Li Wei", "Ali bin Talal"]),
        ("Body.\nContributing: Jane Doe, USA TODAY; John Roe, The Arizona Republic", ["Jane Doe", "John Roe"]),
        ("Body.\nAP writer Jo Bloggs contributed to this report.", []),  # no list: the tagger's name is used
        # a place before a newsroom, bureau or desk is where the staff work, not a name
        ("Body.\n(Reporting by Ana Lopez, Madrid newsroom; Editing by Mark Porter)", ["Ana Lopez", "Mark Porter"]),
        ("Body.\nReporting by Ana Lopez, Madrid Newsroom, and John Irish, London bureau", ["Ana Lopez", "John Irish"]),
        ("Body.\nEditing by Mark Porter, Washington desk", ["Mark Porter"]),
        ("Body.\nReporting by Ana Desk", ["Ana Desk"]),  # a capitalised "Desk" may be a surname
    ],
)
def test_credit_lines_names(text, expected):
    from storylens.extract.credits import CreditLines

    assert [text[s:e] for s, e in CreditLines(text).names()] == expected


def test_credit_lines_need_a_name():
    from storylens.extract.credits import credit_lines

    assert credit_lines("Body.\nReporting by the BBC showed the camps were cleared.\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "Commission chief Ursula von der Leyen met farmers in Brussels on Monday.",
        "The talks were led by Ursula von der Leyen and Charles Michel.",
    ],
)
def test_a_name_tagged_up_to_a_surname_particle_takes_the_surname(nlp, text):
    # the small model tags "Ursula von der" a person and "Leyen" a place
    mentions = _mentions(nlp, text)
    _person(mentions, "Ursula von der Leyen")
    assert not {m.text for m in mentions} & {"Ursula von der", "Leyen"}, [(m.text, m.label) for m in mentions]


def test_a_surname_alone_is_not_split_off_a_longer_name(nlp):
    from storylens.extract.mentions import _split_swallowed_person

    doc = nlp("The new chair is Pieter van Dam of Utrecht.")
    name = doc[4:7]
    assert name.text == "Pieter van Dam"
    assert _split_swallowed_person(name, {"van Dam"}) is None
    doc = nlp("The European Parliament Jean Lambert said no.")
    split = _split_swallowed_person(doc[1:5], {"Jean Lambert"})
    assert split is not None and [(s.text, label) for s, label in split] == [("European Parliament", None), ("Jean Lambert", "PERSON")]


@pytest.mark.parametrize(
    ("text", "name", "title", "organisation"),
    [
        ("Tedros Ghebreyesus, director of the World Health Organization (WHO), urged calm.", "Tedros Ghebreyesus",
         "director", "World Health Organization"),
        ("Maria Lopez, a teacher in Madrid, said the school was closed.", "Maria Lopez", "teacher", "Madrid"),
    ],
)
def test_a_role_does_not_end_on_a_bracket_or_a_preposition(nlp, text, name, title, organisation):
    person = _person(_mentions(nlp, text), name)
    assert [(r.title, r.organisation) for r in person.roles] == [(title, organisation)]
    for role in person.roles:
        span = text[role.start:role.end]
        assert span.count("(") == span.count(")"), span


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister, Kenta Mori, said the aid would come.",
        "The Prime Minister, Kenta Mori, said the aid would come.",
        "Kenta Mori, the prime minister, said the aid would come.",
        "President Kenta Mori said the aid would come.",
    ],
)
def test_a_name_next_to_a_personal_title_has_that_evidence(nlp, text):
    assert "personal_title" in _person(_mentions(nlp, text), "Kenta Mori").evidence


@pytest.mark.parametrize(
    "text",
    [
        "Shares of Acme rose after the market leader, Globex Corporation, cut prices.",  # a title firms hold too
        "She lived in Port au Prince, Haiti, for a year.",  # a title word in a place's name
        "He headed the Committee to Re-Elect the President (CREEP) in 1972.",  # a bracket is no apposition
    ],
)
def test_a_name_next_to_no_personal_title_has_no_such_evidence(nlp, text):
    mentions = _mentions(nlp, text)
    assert all("personal_title" not in m.evidence for m in mentions), [(m.text, m.evidence) for m in mentions]


def test_a_name_in_a_dateline_stays_in_its_part(nlp):
    text = "THE HAGUE, Nov 4 (Wire) - Dock workers walked out of the port on Tuesday."
    mentions = _mentions(nlp, text)
    assert not any("Nov" in m.text for m in mentions)
    assert "HAGUE" in [m.text for m in mentions]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_the_agency_of_a_dateline_is_not_a_mention(nlp):
    text = ("LONDON (Reuters) - The Bank of England raised interest rates on Thursday. Reuters reported last week "
            "that the bank was divided.")
    mentions = _mentions(nlp, text)
    agency = [m for m in mentions if m.text == "Reuters"]
    assert [m.start for m in agency] == [text.index("Reuters reported")]  # named in the story, kept there only


def test_a_title_set_off_by_a_comma_before_the_name_is_a_role(nlp):
    text = "The interior secretary, Ken Salazar, said the park would reopen in May."
    [salazar] = [m for m in _mentions(nlp, text) if m.text == "Ken Salazar"]
    assert [r.title for r in salazar.roles] == ["interior secretary"]
    assert text[salazar.roles[0].start:salazar.roles[0].end] == "The interior secretary, Ken Salazar"
    [haiti] = [m for m in _mentions(nlp, "She lived in Port au Prince, Haiti, for a year.") if m.text == "Haiti"]
    assert haiti.roles == []


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("The owner, Greta Holm, said the bakery would close on Friday.", "Greta Holm", "owner"),
        ("Team owner Ray Dunn said the club would move.", "Ray Dunn", "Team owner"),
    ],
)
def test_an_owner_is_a_role(nlp, text, name, title):
    [person] = [m for m in _mentions(nlp, text) if m.text == name]
    assert [r.title for r in person.roles] == [title]


def test_a_title_after_a_possessor_name_or_a_date_keeps_only_its_words(nlp):
    text = "Lindsay Lohan's lawyer Mark Heller said on Friday that the hearing would go ahead."
    [heller] = [m for m in _mentions(nlp, text) if m.text == "Mark Heller"]
    assert [r.title for r in heller.roles] == ["lawyer"]  # not "'s lawyer"


@pytest.mark.parametrize(
    ("text", "name", "title", "organisation"),
    [
        # the small model types these names organisations: the title right before them makes them people
        ("Kestrel Air chief executive Maren Holt said the airline would cut flights.", "Maren Holt", "chief executive",
         "Kestrel Air"),
        ("Union organiser Rosa Lindt said the strike would go on.", "Rosa Lindt", "Union organiser", None),
        # a title set off by commas, and an apposition with a possessor, as before
        ("The prime minister, Haruto Sato, said the talks would resume.", "Haruto Sato", "prime minister", None),
        ("Jana Petrov, Kelmar's boss, told analysts the deal was done.", "Jana Petrov", "boss", "Kelmar"),
        # a title set off by a comma with the place it is of
        ("The former mayor of Belcastle, Peter Kowal, insisted on Monday that he knew nothing.", "Peter Kowal",
         "former mayor of Belcastle", "Belcastle"),
        # a name inside the title that the tagger typed a person modifies it: the title runs on over it
        ("Former Dunmore mayor Peter Kowal told the court he was innocent.", "Peter Kowal", "Former Dunmore mayor", None),
        ("Obama adviser David Axelrod said the plan would work.", "David Axelrod", "Obama adviser", None),
    ],
)
def test_a_name_after_a_title_is_a_person_with_that_role(nlp, text, name, title, organisation):
    person = _person(_mentions(nlp, text), name)
    assert any(r.title == title and r.organisation == organisation for r in person.roles), person.roles


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The emirate, the host Qatar, spent billions on the stadiums.", "Qatar"),
        ("The council's chief executive Kelso Borough Council said nothing.", "Kelso Borough Council"),
    ],
)
def test_a_shared_title_before_a_one_word_or_company_name_does_not_make_a_person(nlp, text, name):
    mentions = _mentions(nlp, text)
    assert not any(m.text == name and m.label == "PERSON" for m in mentions), [(m.text, m.label) for m in mentions]


def test_a_name_an_organisations_name_runs_on_over_is_no_name_of_its_own(nlp):
    # tagged "Dunmore Families" + "Choice": the name runs on over "for Choice", and "Choice" is part of it
    text = "Parents' group Dunmore Families for Choice said in a statement that any mandate would be unlawful."
    assert [(m.text, m.label) for m in _mentions(nlp, text)] == [("Dunmore Families for Choice", "ORG")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("In an interview with the Morning Herald before the trial, the lawyer answered our questions.", "Morning Herald"),
        ("In an interview with the Evening Gazette before the trial, the lawyer answered questions.", "Evening Gazette"),
    ],
)
def test_a_newspapers_name_typed_a_product_or_a_work_is_an_organisation(nlp, text, name):
    assert (name, "ORG") in {(m.text, m.label) for m in _mentions(nlp, text)}


def test_a_one_word_person_its_article_writes_as_a_common_noun_has_that_evidence(nlp):
    # the small model types "Arson" a person here
    text = "Arson is suspected in the burning of the old hall. Police said arson was likely. Young players and Young won."
    found = {m.text: m.evidence for m in _mentions(nlp, text) if m.label == "PERSON"}
    assert "common_noun" in found["Arson"]
    assert "common_noun" not in found.get("Young", set())  # "young" is no noun


def test_mentions_a_portfolio_after_a_title_and_of_is_the_titles(nlp):
    # "State" of "Secretary of State" is part of the title, not an organisation
    text = ("Diplomats sent a cable to Secretary of State Antony Blinken on Monday. John Kerry, a former secretary "
            "of state, said he had never discussed the strikes. The Minister of Health, Jane Doe, said beds were "
            "short. The State Department and the state of Texas were not named.")
    mentions = _mentions(nlp, text)
    names = {m.text for m in mentions if m.kind == "name"}
    assert not {"State", "state", "Health"} & names, names
    roles = {m.text: [(r.title, r.organisation) for r in m.roles] for m in mentions if m.roles}
    assert roles["Antony Blinken"] == [("Secretary of State", None)]
    assert roles["John Kerry"] == [("secretary of state", None)]
    assert {"State Department", "Texas"} <= names


def test_mentions_a_common_nouns_possessive_is_no_part_of_a_name(nlp):
    text = ("Payrolls rose by 943,000 in July, according to the department’s Bureau of Labor Statistics. "
            "The city's Harbour Authority said the port was closed.")
    names = {m.text for m in _mentions(nlp, text) if m.kind == "name"}
    assert {"Bureau of Labor Statistics", "Harbour Authority"} <= names, names
    assert not any("’s" in n or "'s" in n for n in names), names


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Masks do not stop the spread of Zorvex, he said.", "Zorvex", "illness"),
        ("Four patients were infected with Zorvex last week.", "Zorvex", "illness"),
        ("Doctors saw more cases of Zorvex in May.", "Zorvex", "illness"),
        ("The risk of Marlow-Tate Syndrome is low.", "Marlow-Tate Syndrome", "illness"),
        ("The Zorvex pandemic closed the schools.", "Zorvex", "illness_modifier"),
        ("The spokesman of Acme said no.", "Acme", None),  # not a noun of an illness
        ("Voters in Harwick backed the plan.", "Harwick", None),
    ],
)
def test_mentions_words_of_an_illness_around_a_name(nlp, text, name, found):
    from storylens.extract.mentions import _illness

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert _illness(span) == found


def test_mentions_no_break_space_is_no_part_of_a_name(nlp):
    """ "to the\u00a0Harwick Water Board": the no-break space after "the" is a token of its own, not the name's."""
    text = "Acme sent the plan to the\u00a0Harwick Water Board\u00a0on Monday."
    names = [m.text for m in _mentions(nlp, text)]
    assert "Harwick Water Board" in names and not any(n[:1].isspace() or n[-1:].isspace() for n in names), names


def test_mentions_a_name_before_what_a_person_runs_is_no_thing_modifier(nlp):
    """ "the Okafor administration": a person's name before what a person heads is no evidence that it is not a
    person, as "the Schengen database" is."""
    from storylens.extract.mentions import _evidence, _TaggedTokens
    from storylens.resources import lexicon

    for text, name, thing in [("The Okafor administration announced a new plan.", "Okafor", False),
                              ("The Okafor campaign raised money.", "Okafor", False),
                              ("The Schengen database was updated.", "Schengen", True)]:
        doc = nlp(text)
        start = text.index(name)
        span = doc.char_span(start, start + len(name))
        assert ("modifier_of_thing" in _evidence(span, _TaggedTokens([]), lexicon())) == thing, text


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        ("Mayor Ida Brandt and Deputy Mayor Olof Sand opened the bridge on Monday.", "Olof Sand",
         "Deputy Mayor Olof Sand"),
        ("The plan was signed by Governor Ruth Achebe and Lieutenant Governor Peter Lund.", "Peter Lund",
         "Lieutenant Governor Peter Lund"),
    ],
)
def test_a_role_after_and_is_written_from_its_title(nlp, text, name, written):
    [person] = [m for m in _mentions(nlp, text) if m.text == name]
    assert [text[r.start:r.end] for r in person.roles] == [written], person.roles


def test_a_speaker_of_a_house_is_a_title(nlp):
    text = "Lawmakers cheered when House Speaker Maria Lindqvist opened the session on Monday."
    [person] = [m for m in _mentions(nlp, text) if m.text == "Maria Lindqvist"]
    assert [(r.title, r.organisation) for r in person.roles] == [("Speaker", "House")], person.roles


@pytest.mark.parametrize(
    ("text", "name", "title", "organisation"),
    [
        ("Harwick Motors on Tuesday named Greta Lund as its new chief executive.", "Greta Lund", "chief executive",
         None),
        ("The board appointed Anna Berg as chief financial officer of the Harwick Bank.", "Anna Berg",
         "chief financial officer", "Harwick Bank"),
        # the body the post is of, not the nationality written in the title
        ("The academy elected Greta Lund as the first African American president of the Harwick Film Academy.",
         "Greta Lund", "first African American president", "Harwick Film Academy"),
    ],
)
def test_mentions_the_post_a_person_is_appointed_to_is_a_role(nlp, text, name, title, organisation):
    # "named X as its new chief executive": X's role, without the word that dates it
    person = _person(_mentions(nlp, text), name)
    assert [(r.title, r.organisation) for r in person.roles] == [(title, organisation)], person.roles


def test_a_post_given_in_one_article_holds_the_title_named_there_not_another_article_s_holder():
    # "its new chief executive" in the appointing sentence is the one appointed, not the chief executive of
    # another report
    from storylens import Pipeline, Settings

    pipeline = Pipeline(Settings.load(use_store=False, progress=False))
    dossier = pipeline.analyze_articles([
        Article(id="a", text="Harwick Motors lost money. Its chief executive, Rolf Dahl, resigned in March."),
        Article(id="b", text="Harwick Motors on Tuesday named Greta Lund as its new chief executive. Lund joined the "
                             "firm in 1990."),
    ])
    holders = {e.name: sorted(m.text for m in e.mentions) for e in dossier.entities if e.type == "PERSON"}
    assert holders == {"Greta Lund": ["Greta Lund", "Lund", "its new chief executive"], "Rolf Dahl": ["Rolf Dahl"]}, \
        holders


def test_mentions_ex_before_a_body_is_no_part_of_its_name_but_stays_in_the_role(nlp):
    # "ex-FBI Director": the body is the FBI, and the role says its holder left it
    mentions = _mentions(nlp, "Lawyers for ex-FBI Director Tom Hale filed the motion.")
    assert [m.text for m in mentions if m.label == "ORG"] == ["FBI"], [(m.text, m.label) for m in mentions]
    person = _person(mentions, "Tom Hale")
    assert [(r.title, r.organisation) for r in person.roles] == [("ex-FBI Director", "FBI")], person.roles


def test_mentions_a_plural_title_before_a_name_is_not_its_role(nlp):
    # "Lawyers for former mayor Greta Lund": the lawyers hold that title, she is the former mayor
    person = _person(_mentions(nlp, "Lawyers for former mayor Greta Lund filed the motion."), "Greta Lund")
    assert [r.title for r in person.roles] == ["former mayor"], person.roles


@pytest.mark.parametrize("headline", ["Envoy Sternly Reminds the U.N. General Assembly of U.S. Strength.",
                                      "Mara Lind Firmly Reminds the U.N. General Assembly of American Resolve."])
def test_a_headlines_name_does_not_run_on_over_of_when_the_text_names_it_alone(nlp, headline):
    text = headline + "\nThe envoy spoke to the U.N. General Assembly on Tuesday about trade and aid."
    names = [m.text for m in _mentions(nlp, text) if m.label == "ORG"]
    assert "U.N. General Assembly" in names and not any(" of " in n for n in names), names


def test_a_headlines_name_with_of_written_whole_elsewhere_is_kept_whole(nlp):
    text = ("Students Protest at University Of Carvale.\nThe University of Carvale said on Tuesday that classes "
            "would go on, and the University of Carvale board met.")
    names = [m.text for m in _mentions(nlp, text) if m.label == "ORG"]
    assert "University" not in names, names


def test_a_headlines_name_with_of_is_not_cut_at_a_common_noun(nlp):
    text = ("Director Still in Negotiations for MOON RIVER Sequel\nThe director is in negotiations for the sequel, "
            "officials said, and negotiations would go on.")
    names = [m.text for m in _mentions(nlp, text) if m.label == "ORG"]
    assert "Negotiations" not in names, names


def test_a_name_with_of_in_running_text_is_kept_whole(nlp):
    text = "Tom Hale Warns the Bank of England.\nThe Bank of England said on Tuesday that the Bank would wait."
    names = [m.text for m in _mentions(nlp, text) if m.label == "ORG"]
    assert names.count("Bank of England") == 2, names


def test_no_role_joined_to_its_name_by_of(nlp):
    # "Judge Delays Sentencing of [Tom Hale]": the words before "of" are no title of the name after it
    from storylens.parse.pipeline import word_classes

    text = "Judge Delays Sentencing of Tom Hale in Fraud Case."
    person = _person(extract_mentions(Article(id="t", text=text), nlp(text), words=word_classes(nlp)), "Tom Hale")
    assert person.roles == [], [(r.title, r.organisation) for r in person.roles]


@pytest.mark.parametrize(("headline", "name"), [
    ("Greta Lund Needs To Resign, Harbour Workers Say\nHarbour workers said on Monday that Greta Lund should resign.",
     "Greta Lund"),
    ("Tamsin Holt Calls for Change at the Harbour Board\nTamsin Holt asked for new leaders.", "Tamsin Holt"),
])
def test_a_title_case_headline_name_ends_before_a_verb_that_is_a_plural_too(nlp, headline, name):
    # "Needs", "Calls": a verb's third person and a noun's plural; the text writes the name alone
    from storylens.parse.pipeline import word_classes

    found = [m.text for m in extract_mentions(Article(id="t", text=headline), nlp(headline), words=word_classes(nlp))]
    assert found.count(name) == 2 and not any(n.startswith(name + " ") for n in found), found


def test_mentions_apposition_belongs_to_the_last_person_named_before_it(nlp):
    # "Sen. A of X and Rep. B of Y, the chair of ...": the chair is B's, also where the parse hangs the apposition
    # on the first name (as en_core_web_sm does for some names); the first keeps only its own title ("Sen.")
    text = "The proposal is led by Sen. Dana Whitlock of Kansas and Rep. Carl Ambrose of Ohio, the chair of the Ethics Panel."
    doc = nlp(text)
    chair = next(t for t in doc if t.text == "chair")
    first = next(t for t in doc if t.text == "Whitlock")
    for hung_on in (chair.head, first):
        chair.head = hung_on
        chair.dep_ = "appos"
        mentions = extract_mentions(Article(id="t", text=text), doc)
        assert [r.title for r in _person(mentions, "Carl Ambrose").roles] == ["Representative", "chair"], hung_on
        assert [r.title for r in _person(mentions, "Dana Whitlock").roles] == ["Senator"], hung_on


def test_mentions_plural_apposition_belongs_to_each_name_before_it(nlp):
    # "A and B, the new producers": both are producers, whichever name the parse hangs the apposition on
    text = "The show is run by Dana Whitlock and Carl Ambrose, the new producers of the festival."
    doc = nlp(text)
    producers = next(t for t in doc if t.text == "producers")
    for name in ("Whitlock", "Ambrose"):
        producers.head = next(t for t in doc if t.text == name)
        producers.dep_ = "appos"
        mentions = extract_mentions(Article(id="t", text=text), doc)
        for person in ("Dana Whitlock", "Carl Ambrose"):
            assert any(r.title.startswith("producers") for r in _person(mentions, person).roles), (name, person)


@pytest.mark.parametrize("text", [
    "Many voters want to elect the first female president in November.",
    "Whoever wins will face the eventual president of the union in court.",
    "Analysts said the potential governor would inherit a deficit.",
])
def test_a_post_someone_may_come_to_hold_is_no_title_mention(nlp, text):
    # "the first female president" named no holder of the story: it had been made President Obama
    from storylens.extract.mentions import _title_mentions
    from storylens.resources import lexicon

    assert [m.text for m in _title_mentions(Article(id="a", text=text), nlp(text), set(), lexicon())] == []


def test_a_capitalised_ordinal_of_a_title_is_kept(nlp):
    from storylens.extract.mentions import _title_mentions
    from storylens.resources import lexicon

    text = "The First Minister said the budget would pass. The minister left."
    found = [m.text for m in _title_mentions(Article(id="a", text=text), nlp(text), set(), lexicon())]
    assert "The minister" in found and len(found) == 2, found


@pytest.mark.parametrize(
    ("text", "name", "title", "organisation"),
    [
        ("Ohio Gov. Dale Merrow received a warm welcome on Friday.", "Dale Merrow", "Governor", "Ohio"),
        ("Sen. Ada Brook, R-Ky., spoke in Kentucky on Monday.", "Ada Brook", "Senator", None),
    ],
)
def test_a_title_written_short_before_a_name_is_a_role_written_out(nlp, text, name, title, organisation):
    # "Ohio Gov. John Kasich", "Sen. Ted Cruz": the abbreviated title had given no role at all
    person = _person(_mentions(nlp, text), name)
    assert [(r.title, r.organisation) for r in person.roles] == [(title, organisation)]
    assert "personal_title" in person.evidence


def test_a_time_written_short_is_no_title(nlp):
    person = _person(_mentions(nlp, "At 5 p.m. Jane Doe left the court."), "Jane Doe")
    assert person.roles == []


@pytest.mark.parametrize(("text", "name"), [
    ("Beneath Clinton's wins, signs of trouble.\n\nHillary Clinton won five states.", "Clinton"),
    ("Despite Harwell's Wins, Rivals Gain Ground\n\nDana Harwell won.", "Harwell"),
])
def test_a_person_name_does_not_begin_with_a_preposition(nlp, text, name):
    # "Beneath Clinton" had been a person of the story, from a title-case headline
    found = [m.text for m in _mentions(nlp, text) if m.label == "PERSON"]
    assert name in found and not any(f.split()[0] in ("Beneath", "Despite") for f in found), found


def test_a_title_for_an_honorific_and_a_name_is_another_persons(nlp):
    # "Brian Fallon, a spokesman for Mrs. Clinton": "spokesman for Mrs." had been made a role of Clinton
    mentions = _mentions(nlp, "Tom Reyes, a spokesman for Mrs. Harwell, said the count was wrong.")
    assert _person(mentions, "Harwell").roles == [], _person(mentions, "Harwell").roles


@pytest.mark.parametrize(("text", "words"), [
    ("Mayor linked to meth overdose incident in harbour hotel, police say.", "meth overdose"),
    ("Officers found bags of crystal meth and cocaine in the flat on Tuesday.", "meth"),
])
def test_mentions_a_name_written_without_a_capital_is_no_name(nlp, text, words):
    # the tagger typed these common nouns an organisation and a place
    assert nlp(text).ents and any(e.text == words for e in nlp(text).ents), "the tagger no longer tags it"
    assert words not in {m.text for m in _mentions(nlp, text)}


def test_mentions_a_text_all_in_lower_case_keeps_the_taggers_names(nlp):
    text = "officers in paris found bags of meth at the louvre on tuesday, said jean dupont."
    tagged = {e.text for e in nlp(text).ents if e.label_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")}
    assert "jean dupont" in tagged
    assert tagged <= {m.text for m in _mentions(nlp, text)}


def test_mentions_words_before_of_a_title_are_no_part_of_it(nlp):
    # "question the health of President Trump": the role is "President", not "health of President"
    person = _person(_mentions(nlp, "The memo warned of efforts to question the health of President Hal Brenner."),
                     "Hal Brenner")
    assert [r.title for r in person.roles] == ["President"]
    person = _person(_mentions(nlp, "Officials met the Secretary of State Mara Quill on Monday."), "Mara Quill")
    assert [r.title for r in person.roles] == ["Secretary of State"]


@pytest.mark.parametrize(("text", "tagged", "name"), [
    # the tagger ran the name into the weekday after it ("President Trump Thursday")
    ("Marla Venn had lunch with President Brenner Thursday, but first spoke to reporters.", "Brenner Thursday",
     "Brenner"),
    # and in a headline in title case, into a participle or an adverb ("Kennedy Retiring", "Kanye West Just Delivered")
    ("Justice Kessler Retiring, Giving Senate Chance To Reshape Court", "Kessler Retiring", "Kessler"),
    ("Marla Venn Just Delivered the Strangest Press Conference of All Time", "Marla Venn Just Delivered",
     "Marla Venn"),
])
def test_mentions_a_persons_name_ends_before_a_weekday_participle_or_adverb(nlp, text, tagged, name):
    from spacy.tokens import Span

    from storylens.parse.pipeline import word_classes

    doc = nlp(text)
    start = text.index(tagged)
    span = doc.char_span(start, start + len(tagged))
    doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [Span(doc, span.start, span.end,
                                                                                           label="PERSON")]
    names = {m.text for m in extract_mentions(Article(id="t", text=text), doc, words=word_classes(nlp))
             if m.label == "PERSON"}
    assert name in names and tagged not in names, names


def test_mentions_a_partys_initial_in_brackets_is_no_name(nlp):
    # "(D., Calif.)": the tagger typed "D." a group
    mentions = _mentions(nlp, "Sen. Mara Quill (D., Calif.) said the bill would pass.")
    assert "D." not in {m.text for m in mentions}
    assert "Mara Quill" in {m.text for m in mentions}


def test_a_name_listed_with_peoples_names_has_that_evidence(nlp):
    text = "Gymnasts Simone Bale, Maggie Nickel, Aly Rayburn, and McKenna Marony shocked the panel on Wednesday."
    mentions = {m.text: m for m in _mentions(nlp, text)}
    assert "conj_person" in mentions["McKenna Marony"].evidence, {t: m.evidence for t, m in mentions.items()}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a person's role that some organisations also are: no evidence against the person
        ("Veteran broadcaster Ann Holt presented the show on Monday.", "Ann Holt"),
        ("Defence contractor Mark Ridley was arrested in June.", "Mark Ridley"),
        # what a person may own or earn
        ("Elon Musk's shares rose on Monday.", "Elon Musk"),
        ("Kim Kardashian's brand grew.", "Kim Kardashian"),
    ],
)
def test_a_persons_role_or_belonging_is_no_organisation_context(nlp, text, name):
    mentions = {m.text: m for m in _mentions(nlp, text)}
    assert name in mentions and "organisation_context" not in mentions[name].evidence, \
        {t: m.evidence for t, m in mentions.items()}


def test_an_organisations_kind_or_belonging_is_organisation_context(nlp):
    mentions = {m.text: m for m in _mentions(nlp, "Irish low cost airline, Dunmore, said the Dunmore CEO left.")}
    assert "organisation_context" in mentions["Dunmore"].evidence, {t: m.evidence for t, m in mentions.items()}


def test_a_name_typed_an_organisation_that_opens_with_a_persons_title_is_that_persons(nlp):
    # the tagger typed "Spokeswoman Mia Tollen" an organisation (it does so for some names after a firm's sentence):
    # a title only a person holds opens no organisation's name; the person is named without it
    from spacy.tokens import Span

    from storylens.extract.mentions import _entity_spans
    from storylens.resources import lexicon

    doc = nlp("Ostra Lines delayed the ferry . Spokeswoman Mia Tollen said the team had been merged .")
    start = next(t.i for t in doc if t.text == "Spokeswoman")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, start, start + 3, label="ORG")]
    found = {(span.text, label) for span, label in _entity_spans(doc, lexicon())}
    assert ("Mia Tollen", "PERSON") in found, found
    assert ("Ostra Lines", "ORG") in found, found


def test_a_title_that_opens_an_organisations_name_leaves_it_an_organisation(nlp):
    # "Sheriff", "Senator" open some organisations' names too: a name that goes on with a word of an organisation's
    # name ("Club", "Ltd") is not a titled person's
    from spacy.tokens import Span

    from storylens.extract.mentions import _entity_spans
    from storylens.resources import lexicon

    doc = nlp("Sheriff Varna Football Club won the cup . Senator Lines Ltd cut two routes .")
    first = next(t.i for t in doc if t.text == "Sheriff")
    second = next(t.i for t in doc if t.text == "Senator")
    doc.ents = [Span(doc, first, first + 4, label="ORG"), Span(doc, second, second + 3, label="ORG")]
    found = {(span.text, label) for span, label in _entity_spans(doc, lexicon())}
    assert not {label for _, label in found} & {"PERSON"}, found


def test_a_name_listed_with_an_organisation_says_so(nlp):
    # the story-level vote reads "conj_organisation" to type a one-word "person" listed with companies
    mentions = {m.text: m for m in _mentions(nlp, "The deal was blocked by Siemens and Kolvar .")}
    assert "conj_organisation" in mentions["Kolvar"].evidence, {t: m.evidence for t, m in mentions.items()}


def test_a_time_zone_is_no_name(nlp):
    # the tagger types "UTC", "GMT" an organisation; a clock's zone names no one and no body
    mentions = _mentions(nlp, "Shares in Norvik were down 2.6 % at 16:08 UTC . Filed 1020 GMT ( 1820 HKT ) .")
    assert not {"UTC", "GMT", "HKT"} & {m.text for m in mentions}, [(m.text, m.label) for m in mentions]


def test_a_time_zones_letters_not_after_a_clock_may_be_a_name(nlp):
    # "GST" (a tax), "CAT" (a ticker) are the letters of a zone, but name something where no clock time comes before
    mentions = _mentions(nlp, "The GST rose to 10 percent in July . Shares of CAT fell . Filed 1020 GMT .")
    found = {m.text for m in mentions}
    assert {"GST", "CAT"} <= found and "GMT" not in found, [(m.text, m.label) for m in mentions]


def test_a_name_in_quotation_marks_or_after_a_kind_of_work_is_written_as_a_title(nlp):
    # "a recurring role on `` Nightjar ''", "television sitcom Nightjar": a work's title; "`` Harbor Weekly ''
    # magazine" is a publication's name, and a name in running text no title
    text = ("Mia Lund had a recurring role on `` Nightjar , '' the show . She later joined the television sitcom "
            "Nightjar . Ida Berg told `` Harbor Weekly '' magazine that Mia Lund is in Oslo .")
    article = Article(id="t", text=text)
    evidence = {}
    for mention in extract_mentions(article, nlp(text)):
        evidence.setdefault(mention.text.strip("` "), []).append("work_title" in mention.evidence)
    assert evidence.get("Nightjar") and all(evidence["Nightjar"]), evidence
    assert not any(evidence.get("Harbor Weekly", [])), evidence
    assert not any(evidence.get("Mia Lund", [])) and not any(evidence.get("Oslo", [])), evidence


def test_a_headline_verb_the_tagger_ran_into_a_persons_name_before_it_is_no_word_of_it(nlp):
    # "Nurses Condemn Mia Lund's Clinic Plan" typed "Condemn Mia Lund's Clinic" a person: the name is "Mia Lund"
    from spacy.tokens import Span

    from storylens.parse.pipeline import word_classes

    text = "Nurses Condemn Mia Lund’s Clinic Funding Freeze Over Costs\nMia Lund froze the funds on Tuesday ."
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Condemn")
    doc.ents = [Span(doc, start, start + 5, label="PERSON")]  # "Condemn Mia Lund ’s Clinic", as the tagger may
    names = [(m.text, m.label) for m in extract_mentions(Article(id="t", text=text), doc, words=word_classes(nlp))]
    assert names[0] == ("Mia Lund", "PERSON"), names
    # a name whose first word is no verb keeps it ("Reed Hale" in a headline)
    text = "Voters Back Reed Hale Ahead Of Vote\nReed Hale spoke on Tuesday ."
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Reed")
    doc.ents = [Span(doc, start, start + 2, label="PERSON")]
    names = [m.text for m in extract_mentions(Article(id="t", text=text), doc, words=word_classes(nlp))]
    assert names[0] == "Reed Hale", names


def test_a_name_after_a_noun_of_a_ship_is_marked_a_vessels(nlp):
    text = "The cruise ship Nordic Gale lost power off Crete , and the tanker Baltic Dawn came to help , Ann Holt said ."
    article = Article(id="t", text=text)
    marked = {m.text: "vessel" in m.evidence for m in extract_mentions(article, nlp(text))}
    assert marked.get("Nordic Gale") is True, marked
    assert not marked.get("Ann Holt") and not marked.get("Crete"), marked


def test_a_quotation_that_opens_on_a_name_is_no_title(nlp):
    # '"Norway," he said, "will pay."': a speaker's words that open on a name, not a work's title in its own marks;
    # a title set off mid-sentence ("a role on "Nightjar," the show") still is one
    text = ('"Norway," the minister said, "will pay its share." Asked who would pay, he said: "Norway." '
            'Mia Lund had a role on "Nightjar," the show.')
    marked = {}
    for mention in extract_mentions(Article(id="t", text=text), nlp(text)):
        marked.setdefault(mention.text, []).append("work_title" in mention.evidence)
    assert marked.get("Norway") and not any(marked["Norway"]), marked
    assert marked.get("Nightjar") == [True], marked


def test_a_name_that_is_the_subject_of_a_clause_on_a_noun_is_not_named_by_it(nlp):
    # "the warship Norway sent", "the film Spielberg directed": the name does something to the ship or the film,
    # it is not the ship's or the film's name
    text = ("He praised the ship Norway built . He praised the film Spielberg made . "
            "She joined the television sitcom Nightjar . The cruise ship Nordic Gale lost power .")
    marked = {m.text: sorted(m.evidence & {"vessel", "work_title"})
              for m in extract_mentions(Article(id="t", text=text), nlp(text))}
    assert marked.get("Norway") == [] and marked.get("Spielberg") == [], marked
    assert marked.get("Nightjar") == ["work_title"] and marked.get("Nordic Gale") == ["vessel"], marked


def _parsed(nlp, words, spaces, tags, pos, deps, heads, ents):
    doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos, deps=deps, heads=heads)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


@pytest.mark.parametrize(
    ("gerund_tag", "name", "noun"),
    [
        # "Holt, Quade drafting plan" (a headline's list of two names) parsed with "plan" in apposition to "Holt" and
        # "Quade" typed a body: no role "drafting plan" of the body "Quade"; "Lee, Acme CEO" keeps its title
        ("VBG", "Lee", "CEO"),
        # the same with "drafting" parsed a noun (as the parse reads "Graham, Booker writing bill"): a word in "-ing"
        # is a clause's, no role's; "Reed, Acme striker" keeps the noun's role
        ("NN", "Reed", "striker"),
    ],
)
def test_mentions_a_list_of_two_names_before_a_gerund_gives_no_role(nlp, gerund_tag, name, noun):
    words = ["Holt", ",", "Quade", "drafting", "plan", ".", name, ",", "Acme", noun, ",", "agreed", "."]
    spaces = [False, True, True, True, False, True, False, True, True, False, True, False, False]
    tags = ["NNP", ",", "NNP", gerund_tag, "NN", ".", "NNP", ",", "NNP", "NN", ",", "VBD", "."]
    pos = ["PROPN", "PUNCT", "PROPN", "VERB" if gerund_tag == "VBG" else "NOUN", "NOUN", "PUNCT", "PROPN", "PUNCT",
           "PROPN", "NOUN", "PUNCT", "VERB", "PUNCT"]
    deps = ["ROOT", "punct", "compound", "compound", "appos", "punct", "nsubj", "punct", "compound", "appos", "punct",
            "ROOT", "punct"]
    heads = [0, 0, 3, 4, 0, 0, 11, 6, 9, 6, 6, 11, 11]
    doc = _parsed(nlp, words, spaces, tags, pos, deps, heads, [(0, 1, "PERSON"), (2, 3, "ORG"), (6, 7, "PERSON"),
                                                               (8, 9, "ORG")])
    mentions = {m.text: m for m in extract_mentions(Article(id="t", text=doc.text), doc)}
    assert not mentions["Holt"].roles, mentions["Holt"].roles
    assert [r.title for r in mentions[name].roles] == [noun], mentions[name].roles


def test_mentions_a_place_or_body_of_no_letter_is_no_name(nlp):
    # "Corp. ACME, +0.54% shares": the tagger typed "+0.54" a place
    doc = _parsed(nlp, ["Acme", ",", "+0.54", "%", "shares", "rose", "."],
                  [False, True, False, True, True, False, False],
                  ["NNP", ",", "CD", "NN", "NNS", "VBD", "."], ["PROPN", "PUNCT", "NUM", "NOUN", "NOUN", "VERB", "PUNCT"],
                  ["nsubj", "punct", "nummod", "compound", "appos", "ROOT", "punct"], [5, 0, 3, 4, 0, 5, 5],
                  [(0, 1, "ORG"), (2, 3, "GPE")])
    texts = [m.text for m in extract_mentions(Article(id="t", text=doc.text), doc)]
    assert texts == ["Acme"], texts


def test_mentions_a_titled_person_the_tagger_ran_into_a_bodys_name_is_that_person(nlp):
    # "a letter to Flood Relief Task Force Coordinator Nell Barrow" typed one organisation: the body, then the person
    text = "Farm unions sent a letter to Flood Relief Task Force Coordinator Nell Barrow on Friday."
    doc = nlp(text)
    doc.ents = [Span(doc, 6, 13, label="ORG"), *[e for e in doc.ents if e.start >= 13]]
    mentions = {m.text: m for m in extract_mentions(Article(id="t", text=text), doc)}
    assert mentions["Nell Barrow"].label == "PERSON", sorted(mentions)
    assert mentions["Flood Relief Task Force"].label == "ORG", sorted(mentions)
    assert [r.title for r in mentions["Nell Barrow"].roles] == ["Coordinator"], mentions["Nell Barrow"].roles


def test_mentions_a_name_opening_an_apposition_after_a_determiner_keeps_its_role(nlp):
    # "Holt, a Lisbon native": the apposition's name after "a" is the body or place of the role, as before
    text = "Ann Holt, a Lisbon native, won the race."
    mentions = {m.text: m for m in extract_mentions(Article(id="t", text=text), nlp(text))}
    assert [r.title for r in mentions["Ann Holt"].roles] == ["native"], mentions["Ann Holt"].roles


def test_mentions_an_event_or_product_in_digits_stays_a_name(nlp):
    doc = _parsed(nlp, ["After", "9/11", ",", "the", "747", "and", ".500", "returned", "."],
                  [True, False, True, True, True, True, True, False, False],
                  ["IN", "CD", ",", "DT", "CD", "CC", "CD", "VBD", "."],
                  ["ADP", "NUM", "PUNCT", "DET", "NUM", "CCONJ", "NUM", "VERB", "PUNCT"],
                  ["prep", "pobj", "punct", "det", "nsubj", "cc", "conj", "ROOT", "punct"], [7, 0, 7, 4, 7, 4, 4, 7, 7],
                  [(1, 2, "EVENT"), (4, 5, "PRODUCT"), (6, 7, "PRODUCT")])
    texts = [m.text for m in extract_mentions(Article(id="t", text=doc.text), doc)]
    assert texts == ["9/11", "747"], texts


def test_mentions_a_title_of_several_words_inside_a_bodys_name_is_left_out_whole(nlp):
    # "Holt Brothers Chief Executive Nell Barrow" typed one organisation: the body is "Holt Brothers", not "Holt
    # Brothers Chief" (a title's words before its head are the title's too)
    text = "Farm unions sent a letter to Holt Brothers Chief Executive Nell Barrow on Friday."
    doc = nlp(text)
    doc.ents = [Span(doc, 6, 12, label="ORG"), *[e for e in doc.ents if e.start >= 12]]
    mentions = {m.text: m for m in extract_mentions(Article(id="t", text=text), doc)}
    assert mentions["Nell Barrow"].label == "PERSON", sorted(mentions)
    assert "Holt Brothers" in mentions and mentions["Holt Brothers"].label == "ORG", sorted(mentions)


def test_mentions_a_name_opening_an_apposition_before_a_noun_keeps_the_role(nlp):
    # "Bob Reed, Chelsea striker": a body's name then the person's noun is a role though no title's head ("striker",
    # "quarterback", "graduate"); only a clause's words after a name ("Quade drafting plan") are none
    for text, role in (("Bob Reed, Chelsea striker, was injured on Friday.", "striker"),
                       ("Sam Lee, Ohio State quarterback, threw two touchdowns.", "quarterback")):
        mentions = {m.text: m for m in extract_mentions(Article(id="t", text=text), nlp(text))}
        name = text.split(",")[0]
        assert [r.title for r in mentions[name].roles] == [role], (text, mentions[name].roles)


@pytest.mark.parametrize(("text", "body_end", "person", "title", "body"), [
    # the tagger's body ends inside a title of two words ("Inspector" of "Inspector General") before the person
    ("Department of Justice Inspector General Dana Vorn said the review was over.", 4, (5, 7), "Inspector General",
     "Department of Justice"),
    ("Brightco Chief Executive Officer Lena Marsh said sales rose.", 3, (4, 6), "Chief Executive Officer", "Brightco"),
])
def test_mentions_a_bodys_name_ending_inside_a_title_before_a_person_ends_before_the_title(
        nlp, text, body_end, person, title, body):
    doc = nlp(text)
    doc.ents = [Span(doc, 0, body_end, label="ORG"), Span(doc, *person, label="PERSON")]
    mentions = {m.text: m for m in extract_mentions(Article(id="t", text=text), doc)}
    name = doc[person[0]:person[1]].text
    assert sorted(mentions) == sorted([body, name]), sorted(mentions)
    assert [(r.title, r.organisation) for r in mentions[name].roles] == [(title, body)], mentions[name].roles


def test_mentions_a_body_ending_on_a_title_word_before_no_person_is_kept(nlp):
    # no person's name after the title's words: the body's name stays as the tagger gave it
    text = "The Harwick Inspector General office said the review was over."
    doc = nlp(text)
    doc.ents = [Span(doc, 1, 3, label="ORG")]
    assert [m.text for m in extract_mentions(Article(id="t", text=text), doc)] == ["Harwick Inspector"]


def test_mentions_a_hashtag_is_no_name(nlp):
    # "#saveHarwick" typed a person (then a product, by its brand's shape), "#Harwick" a person: labels of posts
    text = "Fans rallied online under #saveHarwick and #Harwick after the club said it would close."
    doc = nlp(text)
    hashes = [t.i + 1 for t in doc if t.text == "#"]
    doc.ents = [Span(doc, i, i + 1, label="PERSON") for i in hashes]
    assert extract_mentions(Article(id="t", text=text), doc) == []


def test_mentions_a_name_with_a_control_character_is_none(nlp):
    # a control character left in a text (a bell, a stray escape) is in no name
    text = "Ann Ford ran the tool.\nBrightco\x07Group said the build failed."
    doc = nlp(text)
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 7, 8, label="ORG")]  # "Brightco\x07Group", one token
    texts = [m.text for m in extract_mentions(Article(id="t", text=text), doc)]
    assert texts == ["Ann Ford"], texts


def test_mentions_a_quoted_name_loses_its_quotation_marks_not_its_article(nlp):
    # "the `` The Harbor Show ''": two backquotes open a quotation in some texts ("`" is no punctuation to spaCy)
    text = "Ann Ford joined the cast of `` The Harbor Show '' on Monday."
    doc = nlp(text)
    start = [t.i for t in doc if t.text == "`"][0]
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, start, start + 5, label="WORK_OF_ART")]
    texts = [m.text for m in extract_mentions(Article(id="t", text=text), doc)]
    assert texts == ["Ann Ford", "The Harbor Show"], texts


@pytest.mark.parametrize(("text", "tagged", "expected"), [
    # a title written short, alone, typed a person ("Deputy Sgt. Hoyt Teasley" gave "Sgt")
    ("Deputy Sgt. Dana Vorn said the road was shut.", [(1, 2, "PERSON"), (3, 5, "PERSON")], ["Dana Vorn"]),
    # a weekday written short typed an organisation
    ("Ann Ford Checks Into Clinic Fri., May 3, 2013", [(0, 2, "PERSON"), (5, 6, "ORG")], ["Ann Ford"]),
    # a name of two words or more tagged up to a preposition ends before it
    ("He was held at the Harwick Correctional Complex at Harwick, Ohio.", [(4, 9, "ORG")],
     ["Harwick Correctional Complex"]),
])
def test_mentions_no_name_of_a_short_title_or_weekday_nor_ending_on_a_preposition(nlp, text, tagged, expected):
    doc = nlp(text)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in tagged]
    assert [m.text for m in extract_mentions(Article(id="t", text=text), doc)] == expected


def test_mentions_a_storms_word_alone_is_no_name(nlp):
    # "Hurricane Varga spent years in prison" (a boxer's nickname, no full name) gave a place "Hurricane" and a person
    # "Varga": the storm's word alone names nothing; a storm named in full stays a name
    text = "Hurricane Varga spent years in prison. Typhoon Kiri hit the coast."
    doc = nlp(text)
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 1, 2, label="PERSON"), Span(doc, 7, 9, label="EVENT")]
    assert [m.text for m in extract_mentions(Article(id="t", text=text), doc)] == ["Varga", "Typhoon Kiri"]


def test_mentions_a_name_before_a_street_noun_is_the_streets(nlp):
    # "at the end of Velmora street" with "Velmora" typed a product: the street's name with its noun, a building or
    # structure as OntoNotes types streets (one entity with "Velmora Street"); a town before "road" stays the town
    text = "Clashes broke out at the end of Velmora street on Monday, near the Harwick road."
    doc = nlp(text)
    doc.ents = [Span(doc, 7, 8, label="PRODUCT"), Span(doc, 14, 15, label="GPE")]
    found = [(m.text, m.label) for m in extract_mentions(Article(id="t", text=text), doc)]
    assert found == [("Velmora street", "FAC"), ("Harwick", "GPE")], found


def test_mentions_a_name_written_as_a_short_weekday_without_its_full_stop_is_kept(nlp):
    # "Fri" with no full stop and no date after it is a name ("Fri Lund" called "Fri"); "Fri, May 3" and "Fri." are
    # weekdays
    text = "Fri Lund opened a show on Monday. Fri said it would run. Ann Ford Checks Into Clinic Fri, May 3"
    doc = nlp(text)
    fri = [t.i for t in doc if t.text == "Fri"]
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, fri[1], fri[1] + 1, label="PERSON"),
                Span(doc, fri[1] + 6, fri[1] + 8, label="PERSON"), Span(doc, fri[2], fri[2] + 1, label="ORG")]
    assert [m.text for m in extract_mentions(Article(id="t", text=text), doc)] == ["Fri Lund", "Fri", "Ann Ford"]


def test_mentions_a_name_opening_with_another_keeps_it(nlp):
    # "Another Round", "Another Brick in the Wall": a title that opens with "Another" keeps it; "another" in lower case
    # before a name is no part of it ("another Ford film")
    text = "Fans watched Another Round and Another Brick in the Wall, then another Ford film."
    doc = nlp(text)
    another = [t.i for t in doc if t.lower_ == "another"]
    doc.ents = [Span(doc, another[0], another[0] + 2, label="WORK_OF_ART"),
                Span(doc, another[1], another[1] + 5, label="WORK_OF_ART"),
                Span(doc, another[2], another[2] + 2, label="ORG")]
    texts = [m.text for m in extract_mentions(Article(id="t", text=text), doc)]
    assert texts == ["Another Round", "Another Brick in the Wall", "Ford"], texts


def test_an_organisations_name_runs_on_over_a_plurals_apostrophe(nlp):
    # the tagger typed "the Harlow Workers'" and "Pension Fund": one fund, not two organisations
    names = {(m.text, m.label) for m in _mentions(
        nlp, "A former manager of the Harlow Workers' Pension Fund will face a jury. "
             "The Rangers' Tuesday game was called off.")}
    assert ("Harlow Workers' Pension Fund", "ORG") in names
    assert not {"Harlow Workers", "Pension Fund"} & {text for text, _ in names}
    assert not any("Tuesday" in text for text, _ in names)  # a day after the apostrophe is no word of a name


def test_a_datelines_place_is_a_place_whatever_the_tagger_typed(nlp):
    # the small model typed "DUNMORE" of the dateline an organisation
    text = "DUNMORE, June 12 - Five workers were killed when a fire swept through the Pellico Plastics factory."
    doc = nlp(text)
    assert any(e.text == "DUNMORE" and e.label_ not in ("GPE", "LOC") for e in doc.ents)  # the premise
    labels = {m.text: m.label for m in extract_mentions(Article(id="t", text=text), doc)}
    assert labels["DUNMORE"] == "GPE"
