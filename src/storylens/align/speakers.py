"""Speakers of a story's statements, linked to its entities.

A statement's source span (from :mod:`storylens.extract.quotes`) becomes a speaker:

- a name or title of an entity that ends the source phrase ("Interior Minister Brice
  Hortefeux", "France's Immigration Minister", "the European Commission") is that entity:
  a person, or an institution for organisations and places; the head of the phrase wins over a
  name in a trailing phrase ("Bosma, of the Farmers Defence Alliance" is Bosma);
- a title set off by a name in apposition ("The minister, Pieter van Dam, said") is that name, also after a
  comma between spaces ("His lawyer , Tom Hale ,") and past the rest of a title the phrase stopped short of ("the
  governor - general of Lorsa province, Ann Ford,"); not the first name of a list ("three groups, Greenpeace, A and
  B"), nor an organisation after a person's words ("A reporter of the agency, Norvel News,"), nor anything after a
  phrase that names its person ("Captain Tom Hale, Chief Officer, Navy Command,"; a name that only modifies a noun
  of the phrase names none: "the head of the Hale campaign, Ann Ford,");
  a title alone ("The CEO said") is the person of the story with that title (a role the entities
  give, its short forms read as in ``titles.toml``), when only one has it;
- a capitalised word that spaCy left untagged but that is the last name of a person of the story
  ("Reinholt said") is that person;
- "he"/"she" (and "his"/"her", the holder of a noun cue) is the person named last before it in the article (by name, by a last name that spaCy typed
  otherwise, or by a title alone that is the person's: "The prosecutor told the jury ... 'Not one,' he said"),
  skipping a person the story shows to be of the other gender and anyone named inside the quotation itself; a
  person named inside what someone named before had said gives way to that speaker ("Coach Reyes said [Hale would
  miss the final]. He also said ...": Reyes; a name, not a title alone, "He loves [being the host]"), and one named
  in an earlier sentence after its main subject gives way to that subject when the subject had spoken before ("Lento
  laid out the case before Judge Pike. He said ...": Lento); a person named inside what one person the story does
  not name had said ("'Tom Hale never lied,' said the witness. He said ..."), or, when not a speaker before, named
  before such a statement ("Tom Hale ran the shop. '...,' the officer said. He said ..."), gives way to that
  speaker, so the pronoun is left as its words (not for a description by someone else's, "Hale's mother", whom
  the story may name);
  "we" outside quotation marks (also one running over paragraphs) and outside what anyone said is the writer's own
  voice ("We just have to say ...") and is left as its words;
  "they", "we" and "their" the organisation or group named last, outside what was said, but no one when that is a
  place or a people named only as a noun's modifier ("a Harwick county subpoena ... they"); "they" after a plural
  noun of people that is the last subject before it ("Residents of Harwick protested. They said") is that group, by
  its words, unless a body or a people is named since.  A person's gender is read from the story itself,
  never guessed from a first name: an honorific before a mention ("Mr Okafor", "Ms", "Mrs", "Miss"), a
  gendered noun or title next to it ("spokeswoman Jane Doe", "Jane Doe, the company's chairman", "his wife
  Ann"), and a he/she/his/her outside quotation marks that the sentence itself ties to the person: the person
  is the only one named before the pronoun in the sentence and is the subject of a clause that holds the pronoun
  as, or inside, the subject of each clause between ("Cole said her client had been made a scapegoat",
  "Okafor insisted that he knew nothing"); the side with more such evidence wins, a tie is unknown;
- "the" and a word for a body ("the ministry", "the union", "the authority", "the company", "the group", "the
  newspaper"), with at most two lower-case words between ("the telecommunications company"; not "the parent
  company"; "the media company" only a news organisation), is the one organisation named earlier in the article that fits the word, or of several, the one
  whose name holds a word of the phrase, else the one named in its sentence or the one before (see ``_named_body``);
  with no organisation typed that fits, a name in capitals ending with the word ("Kestrel Water Authority"), which
  the tagger did not type (see ``_untagged_body``);
- "it" is the organisation named, or the body or document quoted, last before it in the article (within
  ``_IT_REACH`` characters, outside what was said), else the organisation or country that is the subject of what
  was said before it ("[Norvel Industries will cut 400 jobs], it said"; not of a clause inside it: "[Analysts
  expect that China will ...], it said" is no one);
- a relative pronoun ("Mark Sherman, who said ...") is the noun phrase it stands for, which the
  extractor gives as the speaker's name: the entity named at its end, the name it is in apposition
  to ("Rosa Whitfield, a community activist who ..."), or that description;
- anything else is kept with its own words and a kind: a document ("reports", "court records", "a
  resolution"), anonymous ("sources", "One Roma", "a spokesman"), a group ("ministers",
  "critics", "over 300 European Union MPs").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from ..extract.quotes import LOWER_WORD, cue_lexicon, quotation_regions
from ..models import Entity, Quote, Span, Speaker
from ..parse.pipeline import doc_columns, doc_text, sentence_char_ranges
from ..resources import lexicon
from .body_kinds import BUSINESS, CRITICS, MEDIA, NGOS, category_of
from .names import demonym_place, fold, same_body

_PERSONAL = {"he", "she", "him", "her", "his"}  # "his" and "her": the holder of a noun cue ("despite his claim ...")
_COLLECTIVE = {"they", "we", "their"}
_RELATIVE = {"who", "which", "that", "whom"}
_RELATIVE_REACH = 300  # characters between a relative pronoun and the noun it stands for, at most
_ANONYMOUS_HEADS = {"source", "sources", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
                    "aide", "aides", "insider", "insiders", "diplomat", "diplomats", "witness", "witnesses",
                    "someone", "person", "people", "observer", "observers"}
_INSTITUTION_HEADS = {"government", "ministry", "police", "court", "committee", "commission", "administration",
                      "parliament", "army", "military", "company", "party", "union", "council", "agency",
                      "department", "office", "embassy", "campaign", "white house", "kremlin", "cabinet",
                      "prosecutors", "authorities", "authority", "regime", "board", "bank", "organisation",
                      "organization", "navy"}
#: words for a company or a group, and the voice categories (``data/voices.toml``) of an organisation's name that
#: they fit: a business, or a name no category has ("Acme"); "the group" also a campaign ("Greenpeace")
_BUSINESS = frozenset({BUSINESS, None})
_FIRM_HEADS = {"company": _BUSINESS, "firm": _BUSINESS, "carmaker": _BUSINESS, "automaker": _BUSINESS,
               "retailer": _BUSINESS, "airline": _BUSINESS, "lender": _BUSINESS, "insurer": _BUSINESS,
               "manufacturer": _BUSINESS, "chipmaker": _BUSINESS, "conglomerate": _BUSINESS,
               "group": _BUSINESS | {NGOS, CRITICS}}
#: words for a newspaper ("the newspaper reported"), which fit an organisation that the voice categories give to the
#: media and whose name has a word newspapers' names have ("The Standard-Times", "The New York Times Opinion"; not
#: "Reuters", a news agency)
_NEWSPAPER_HEADS = frozenset({"newspaper", "paper", "daily", "tabloid"})
_NEWSPAPER_NAME_WORDS = frozenset({"times", "tribune", "gazette", "herald", "journal", "sentinel", "chronicle",
                                   "inquirer", "telegraph", "post", "guardian", "observer", "courier", "examiner",
                                   "standard", "globe", "mail", "express", "star", "independent", "daily"})
#: words for a study or a scientific paper, before which "the paper" may be one of them, not a newspaper
#: ("a paper", "a new paper"; not "the paper" itself, which may have been the newspaper already)
_STUDY_WORDS = re.compile(r"\b(?:an?\s+(?:[\w-]+\s+)?paper|study|studies|research|researchers?|scientists?)\b",
                          re.IGNORECASE)
_ORG = frozenset({"ORG"})
#: what is recorded or published, a document as a speaker ("court records", "a speech", "the video", "the latest
#: stats"), beside the cue lexicon's document nouns (which the extractor also reads)
_RECORD_HEADS = frozenset({"record", "records", "speech", "speeches", "recording", "recordings", "video", "videos",
                           "footage", "message", "messages", "transcript", "transcripts", "tweet", "tweets", "email",
                           "emails", "stats", "statistics"})
_INDEFINITE = {"a", "an", "one", "some", "several", "another", "many", "two", "three", "other", "others"}


def link_speakers(quotes: Sequence[Quote], entities: Sequence[Entity], texts: Mapping[str, str] | None = None,
                  docs: Mapping[str, Doc] | None = None) -> None:
    """Fill each quote's ``speaker`` (entity, name, kind) and each entity's ``quote_ids``, in place.  ``texts``
    (article id to text) lets a name in apposition to the source phrase be read, and a person's gender and title
    mentions be found for "he"/"she"; ``docs`` (article id to parse) adds the pronouns a sentence ties to a
    person to the gender evidence."""
    found: dict[str, list[tuple[Span, Entity]]] = defaultdict(list)
    for entity in entities:
        for span in entity.mentions:
            found[span.article_id].append((span, entity))
    mentions: dict[str, _Mentions] = defaultdict(lambda: _Mentions([]))
    for article_id, spans in found.items():
        mentions[article_id] = _Mentions(sorted(spans, key=lambda item: (item[0].start, item[0].end)))
    by_id = {e.id: e for e in entities}
    surnames = _surnames(entities)
    people: dict[str, _Mentions] = {}  # per article, mentions of persons: also a last name typed otherwise

    def people_of(article_id: str) -> _Mentions:
        if article_id not in people:
            people[article_id] = _person_mentions(mentions[article_id], surnames)
        return people[article_id]

    genders: dict[str, str] | None = None
    resolved: dict[str, list[tuple[Span, Entity]]] = defaultdict(list)  # title-only and other speakers, by article
    deferred: list[tuple[Quote, str]] = []
    deferred_it: list[Quote] = []
    # per article, the sources that are bodies or documents: (span, entity or None, name, kind)
    bodies: dict[str, list[tuple[Span, Entity | None, str | None, str | None]]] = defaultdict(list)
    quotes_in: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        quotes_in[quote.article_id].append(quote)
    for quote in quotes:
        speaker = quote.speaker
        if speaker.span is None:
            speaker.kind = "unresolved"
            continue
        entity = _entity_of_phrase(speaker.span, mentions[quote.article_id])
        described = speaker.span.text
        words = re.findall(r"[\w'’.-]+", described.lower())
        if entity is not None and entity.type != "PERSON":
            # "Cole said": a last name of a person of the story that spaCy typed a product or an organisation
            entity = _surname(speaker.span, surnames, bare=entity) or entity
        if entity is not None and entity.type != "PERSON" and _person_title(described):
            # "The former mayor of Harwick, Daniel Okafor, said": a title whose place ends the phrase names a person
            entity = (texts is not None and quote.article_id in texts
                      and _apposed(speaker.span, texts[quote.article_id], mentions[quote.article_id])) \
                or _title_holder(speaker.span, entities) or entity
            if entity.type in ("GPE", "LOC"):
                entity = None  # "A police chief in Brooklyn Center outside of Minneapolis said": not Minneapolis
        if entity is None and texts is not None and quote.article_id in texts:
            entity = _apposed(speaker.span, texts[quote.article_id], mentions[quote.article_id])
        if entity is None:
            entity = _surname(speaker.span, surnames)
        if entity is None:
            entity = _title_holder(speaker.span, entities)
        if entity is None:
            entity = _named_body(speaker.span, mentions[quote.article_id], (texts or {}).get(quote.article_id),
                                 (docs or {}).get(quote.article_id))
        if entity is None and docs is not None and quote.article_id in docs:
            untagged = _untagged_body(speaker.span, mentions[quote.article_id], docs[quote.article_id])
            if untagged is not None:
                # "The Harbour Transit Authority raised fares. The authority said ...", the name not tagged
                _fill(quote, None, untagged, re.findall(r"[\w'’.-]+", untagged.lower()), by_id)
                speaker.kind = "institution"
                bodies[quote.article_id].append((speaker.span, None, speaker.name, speaker.kind))
                continue
        if entity is None and len(words) == 1 and words[0] in _RELATIVE and speaker.name \
                and speaker.name.lower() != words[0]:
            # "Sherman, who reported ...": the extractor named the noun phrase the pronoun stands for
            described = speaker.name
            words = re.findall(r"[\w'’.-]+", described.lower())
            entity = _entity_before(speaker.span, described, mentions[quote.article_id])
            if entity is None and texts is not None and quote.article_id in texts:
                # "Rosa Whitfield, a community activist who has campaigned ...": the noun is in apposition to a name
                entity = _apposed_to(speaker.span, described, texts[quote.article_id], mentions[quote.article_id])
            if entity is not None:
                speaker.resolved_from = speaker.span.text
        if entity is None and _PAIR.match(described.strip()) and texts is not None and quote.article_id in texts:
            pair = _pair_before(speaker.span, texts[quote.article_id], people_of(quote.article_id),
                                quote.content_parts or [quote.content])
            if pair is not None:
                # "Laurence Mark and Bill Condon ... '...,' the pair said": the statement is both of theirs
                _fill_pair(quote, pair, described, words, by_id)
                resolved[quote.article_id].append((speaker.span, pair[1]))
                continue
        if entity is None and len(words) == 1 and words[0] in _PERSONAL:
            deferred.append((quote, described))  # once every other speaker of the story is known
            continue
        if entity is None and words == ["it"]:
            deferred_it.append(quote)  # once the article's other speakers are known
            continue
        if entity is None and words == ["we"] and texts is not None and quote.article_id in texts \
                and _writers_we(speaker.span, texts[quote.article_id], quotes_in[quote.article_id]):
            _fill(quote, None, described, words, by_id)  # "We just have to say ...": the writer's own voice
            continue
        if entity is None and len(words) == 1 and words[0] in _COLLECTIVE:
            said_parts = quote.content_parts or [quote.content]
            found = _antecedent_mention(speaker.span, words[0], mentions[quote.article_id], said_parts,
                                        (texts or {}).get(quote.article_id), doc=(docs or {}).get(quote.article_id))
            pair = _pair_before(speaker.span, texts[quote.article_id], people_of(quote.article_id), said_parts) \
                if words[0] == "they" and texts is not None and quote.article_id in texts else None
            body = _antecedent_mention(speaker.span, words[0], mentions[quote.article_id], said_parts,
                                       types=_BODIES) if pair is not None else None
            if pair is not None and (body is None or body[0].end <= _pair_start(speaker.span, pair,
                                                                                people_of(quote.article_id))):
                # "Laurence Mark and Bill Condon ... '...,' they said", no body or people named since (a place is
                # where they were: "... in Oslo"): the statement is theirs
                _fill_pair(quote, pair, described, words, by_id)
                continue
            crowd = _people_subject_before(docs[quote.article_id], speaker.span, found, said_parts) \
                if words[0] == "they" and docs is not None and quote.article_id in docs else None
            if crowd is not None:
                # "Residents of Harwick protested on Monday. They said ...": the people, not the place
                speaker.resolved_from = speaker.span.text
                described = crowd
                words = re.findall(r"[\w'’.-]+", described.lower())
                found = None
            entity = found[1] if found is not None else None
            if entity is not None:
                speaker.resolved_from = speaker.span.text
        if entity is not None and entity.type in ("GPE", "LOC") and words and demonym_place(words[-1], entity.name):
            entity = None  # "Afghans fear ...": the people, a group, not the country's institutions
        if entity is not None and entity.type == "PERSON" and speaker.span is not None:
            resolved[quote.article_id].append((speaker.span, entity))
        _fill(quote, entity, described, words, by_id)
        if entity is not None:
            _fill_co_speakers(quote, entity, mentions[quote.article_id], surnames, by_id)
        if speaker.kind in ("institution", "document"):
            bodies[quote.article_id].append((speaker.span, entity, speaker.name, speaker.kind))
    for quote in deferred_it:
        _fill_it(quote, mentions[quote.article_id], bodies[quote.article_id], by_id, (docs or {}).get(quote.article_id))
    candidates_of: dict[str, _Mentions] = {}
    quotes_of: dict[str, list[Quote]] = defaultdict(list)  # each article's statements, for what others said
    for quote in quotes:
        quotes_of[quote.article_id].append(quote)
    said_of: dict[str, _SaidByPeople] = {}
    # in the order of the text, so that a pronoun's earlier statements have their speakers ("He said ... He added")
    for quote, described in sorted(deferred, key=lambda item: (item[0].article_id, item[0].speaker.span.start)):
        if genders is None:
            genders = _genders(entities, texts or {}, docs or {}, people_of)
        span = quote.speaker.span
        words = [described.lower()]
        if quote.article_id not in candidates_of:
            found_here = [*people_of(quote.article_id), *resolved[quote.article_id],
                          *_title_mentions(quote.article_id, (texts or {}).get(quote.article_id), entities)]
            candidates_of[quote.article_id] = _Mentions(sorted(found_here, key=lambda item: (item[0].start,
                                                                                            item[0].end)))
        candidates = candidates_of[quote.article_id]
        said = quote.content_parts or [quote.content]
        if quote.article_id not in said_of:
            said_of[quote.article_id] = _SaidByPeople(quotes_of[quote.article_id], by_id)
        entity = _personal_antecedent(span, words[0], candidates, genders, said, said_of[quote.article_id],
                                      (docs or {}).get(quote.article_id))
        if entity is not None:
            quote.speaker.resolved_from = span.text
        _fill(quote, entity, described, words, by_id)
        said_of[quote.article_id].note(quote)  # a speaker found for a pronoun is gone on with as well


_IT_REACH = 400  # characters between "it" and the body it stands for, at most
_QUOTE_REACH = 2000  # characters before and after a "we" in which the quotation it may be in is looked for
#: a double quotation mark of the kind that opens one, or that closes one ("``" and "''" in a tokenised text)
_OPENING_MARK = re.compile(r"“|``")
_DOUBLE_MARK = re.compile(r"[“”]|``|''")


def _writers_we(span: Span, text: str, article_quotes: Sequence[Quote]) -> bool:
    """Whether a "we" source is the writer's own voice ("We just have to say the season is over", a columnist's or
    a fan's), not a speaker's: outside quotation marks (``quotation_regions``; nor in a quotation that runs over
    paragraphs: the last curly double mark before it an opening one, the first after it a closing one, or an odd
    number of straight ones before it) and outside
    what any statement of the article says ("Hale said we must act")."""
    if any(a <= span.start < b for a, b in quotation_regions(text)):
        return False
    before = list(_DOUBLE_MARK.finditer(text, max(0, span.start - _QUOTE_REACH), span.start))
    if before and _OPENING_MARK.fullmatch(before[-1].group()):
        return False
    after = _DOUBLE_MARK.search(text, span.end, span.end + _QUOTE_REACH)
    if after is not None and not _OPENING_MARK.fullmatch(after.group()):
        return False
    if text.count('"', 0, span.start) % 2:
        return False  # straight marks: after an odd number of them, inside one
    return not any(part.start <= span.start < part.end for quote in article_quotes
                   for part in quote.content_parts or [quote.content])


def _fill_it(quote: Quote, mentions: _Mentions, bodies: list[tuple[Span, Entity | None, str | None, str | None]],
             by_id: dict[str, Entity], doc: Doc | None) -> None:
    """ "it said": the body named or quoted last before it in the article, within reach, outside what was said: an
    organisation of the story that is the subject of its clause, whose verb has no singular object that "it" may
    stand for ("In a letter, the FDA classified the chances as low. Still, it said ...", not "The Senate passed
    the bill. It says ..."), or the source of an earlier statement that is a body
    or a document, an entity or a description ("The report said ... It said ..."); else "it", unresolved."""
    span = quote.speaker.span
    said = quote.content_parts or [quote.content]
    found: list[tuple[int, Entity | None, str | None, str | None]] = []
    pronoun = doc.char_span(span.start, span.end, alignment_mode="expand") if doc is not None else None
    if pronoun is not None and len(pronoun) and (pronoun.root.dep_ in ("expl", "nsubjpass") or any(
            c.dep_ == "auxpass" for c in pronoun.root.head.children)):
        _fill(quote, None, span.text, ["it"], by_id)  # "It was later revealed that ...": no one's
        return
    for m, e in mentions.of_types(_ORG).starting_in(span.start - _IT_REACH - mentions.longest, span.start):
        named = doc.char_span(m.start, m.end, alignment_mode="expand") if doc is not None else None
        if named is not None and len(named) and named.root.dep_ in ("nsubj", "nsubjpass") \
                and not any(c.dep_ == "dobj" and c.tag_ == "NN" for c in named.root.head.children):
            found.append((m.end, e, None, None))  # not "The Senate passed the bill. It says ...": the bill may say
    for body_span, e, name, kind in bodies:
        found.append((body_span.end, e, name, kind))
    found = [f for f in found if span.start - _IT_REACH <= f[0] <= span.start
             and not any(p.start < f[0] <= p.end for p in said)]
    if not found and doc is not None:
        own = _said_subject(said, span, mentions, doc)
        if own is not None:
            found.append((0, own, None, None))
    if not found:
        _fill(quote, None, span.text, ["it"], by_id)
        return
    _, entity, name, kind = max(found, key=lambda f: f[0])
    quote.speaker.resolved_from = span.text
    if entity is not None:
        _fill(quote, entity, span.text, ["it"], by_id)
    else:
        quote.speaker.name, quote.speaker.kind = name, kind


def _said_subject(said: Sequence[Span], pronoun: Span, mentions: _Mentions, doc: Doc) -> Entity | None:
    """The organisation or country that is the main subject of what was said before an "it" that no body named
    earlier stands for: "[Norvel Industries will cut 400 jobs], it said" (the lead of a news agency's
    report, where the body speaks of itself); none when a document ("the report", "a study") is spoken of within
    ``_IT_REACH`` before what was said, which the "it" may stand for ("The report was published on Monday. [Texas
    saw record floods], it said": not Texas)."""
    before = [part for part in said if part.end <= pronoun.start]
    if before and _document_spoken_of(doc, max(0, before[0].start - _IT_REACH), before[0].start):
        return None
    for part in said:
        if part.end > pronoun.start:
            continue
        for m, e in mentions.of_types(_BODY_OR_COUNTRY).starting_in(part.start, part.end):
            named = doc.char_span(m.start, m.end, alignment_mode="expand") if m.end <= part.end else None
            if named is None or not len(named) or named.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            verb = named.root.head
            # the main verb of what was said: the sentence's, or one whose clause hangs on a verb outside it (the
            # cue's); not a clause inside what was said ("[Analysts expect that China will ...], it said")
            if part.start <= verb.idx < part.end and (verb.dep_ == "ROOT" or (
                    verb.dep_ == "ccomp" and not part.start <= verb.head.idx < part.end)):
                return e
    return None


_BODY_OR_COUNTRY = frozenset({"ORG", "GPE"})


def _document_spoken_of(doc: Doc, start: int, end: int) -> bool:
    """Whether a common noun of a document (the cue lexicon's "report", "study", "statement" ..., or what is recorded:
    "the video", "the transcript") stands between the characters ``start`` and ``end`` of ``doc``."""
    documents = cue_lexicon().document_nouns
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(
        token.pos_ == "NOUN" and (token.lemma_.lower() in documents or token.lower_ in documents
                                  or token.lower_ in _RECORD_HEADS) for token in span)


def _speaker_kind(entity: Entity) -> str:
    """The speaker kind of an entity of the story: a person, a group (NORP) or an institution."""
    return "person" if entity.type == "PERSON" else "group" if entity.type == "NORP" else "institution"


def _fill_pair(quote: Quote, pair: tuple[Entity, Entity], described: str, words: list[str],
               by_id: dict[str, Entity]) -> None:
    """A statement of two people named together ("the two said", "they said"): the second is its speaker, the first
    a co-speaker, both resolved from the source's words."""
    speaker = quote.speaker
    speaker.resolved_from = speaker.span.text
    _fill(quote, pair[1], described, words, by_id)
    quote.co_speakers.append(Speaker(name=pair[0].name, entity_id=pair[0].id, span=speaker.span,
                                     kind=_speaker_kind(pair[0]), resolved_from=speaker.span.text))
    by_id[pair[0].id].quote_ids.append(quote.id)


def _fill(quote: Quote, entity: Entity | None, described: str, words: list[str], by_id: dict[str, Entity]) -> None:
    speaker = quote.speaker
    if entity is not None and entity.type == "NORP" and words and words[0] in _INDEFINITE:
        entity = None  # "One Roma told BBC": an anonymous member of the group, not the group
    if entity is not None:
        speaker.entity_id = entity.id
        speaker.name = entity.name
        speaker.kind = _speaker_kind(entity)
        if entity.type == "PERSON" and speaker.resolved_from is None and speaker.span.text != entity.name:
            speaker.resolved_from = speaker.span.text
        by_id[entity.id].quote_ids.append(quote.id)
    else:
        speaker.name = described
        speaker.kind = _kind_of_phrase(described, words)


#: a source that stands for two persons: "the two", "both", "the pair", "the couple", "the two men", "both leaders"
_PAIR = re.compile(r"(?i)^(?:the\s+(?:two|pair|couple|duo)|both)(?:\s+[a-z]+)?$")
#: what joins the two names such a source stands for: "Mark and Bill Condon", "Senator A and Senator B"
_PAIR_JOIN = re.compile(r"^\s*,?\s*and\s+(?:[A-Z][\w.’'-]*\s+){0,3}$")
_PAIR_REACH = 500  # characters between the second name and the source, at most


def _pair_window(span: Span) -> int:
    """Where the names of a pair before ``span`` are looked for from: the second within reach, the first at most
    400 characters before it."""
    return max(0, span.start - _PAIR_REACH - 400)


def _pair_before(span: Span, text: str, people: _Mentions, said: Sequence[Span]) -> tuple[Entity, Entity] | None:
    """The two persons a "the two"/"both" source stands for: the last two persons named before it outside quotation
    marks and what was said, when they were named together ("A and B", "Senator A and Senator B"), two different
    persons, the second within reach of the source."""
    regions = quotation_regions(text) + [(part.start, part.end) for part in said]

    def quoted(m: Span) -> bool:
        return any(a <= m.start < b for a, b in regions)

    before = [(m, e) for m, e in people.starting_in(_pair_window(span), span.start)
              if m.end <= span.start and not quoted(m)]
    if len(before) < 2:
        return None
    (first, one), (second, other) = before[-2], before[-1]
    if one.id == other.id or span.start - second.end > _PAIR_REACH:
        return None
    if not _PAIR_JOIN.match(text[first.end:second.start]):
        return None
    return one, other


#: what joins the names of a source that names several ("Manchin and Murkowski", "Pfizer, BioNTech and Moderna")
_JOINER = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")


def _fill_co_speakers(quote: Quote, entity: Entity, mentions: _Mentions, surnames: Mapping[str, list[Entity]],
                      by_id: dict[str, Entity]) -> None:
    """ "Manchin and Murkowski said": the source names several, joined by "and" (and commas), outside any one name
    ("Procter & Gamble", "Health and Human Services" stay one); the speaker is the last one named, and each other
    piece that names an entity of the story is a co-speaker, of any kind ("Biden and the White House said"; a place
    only when the piece is its name alone: "Residents of Ohio and ..." is not Ohio), with the span of its words (``surnames``: :func:`_surnames` of the story's entities).  A piece
    that names none ("Smith, the mayor, and Jones": "the mayor") adds no one."""
    span = quote.speaker.span
    text = span.text
    inside = [m for m, _ in mentions.starting_in(span.start, span.end) if m.end <= span.end]
    cuts = [m for m in _JOINER.finditer(text)
            if not any(n.start < span.start + m.start() and span.start + m.end() < n.end for n in inside)]
    if not any(re.search(r"\b(?:and)\b|&", m.group()) for m in cuts):
        return
    pieces, at = [], 0
    for cut in cuts:
        pieces.append((at, cut.start()))
        at = cut.end()
    pieces.append((at, len(text)))
    named = []
    for a, b in pieces:
        if b <= a:
            continue
        piece = Span(article_id=span.article_id, start=span.start + a, end=span.start + b, text=text[a:b])
        found = _entity_of_phrase(piece, mentions) or _surname(piece, surnames)
        named.append((piece, found))
    if not named or named[-1][1] is None or named[-1][1].id != entity.id:
        return  # the speaker is not the last name of the list: not a list of speakers
    seen = {entity.id}
    for piece, other in named[:-1]:
        if other is None or other.id in seen:
            continue
        if other.type in ("GPE", "LOC") and not _only_its_name(piece, other):
            continue  # "Residents of Ohio and the mayor said": not Ohio
        seen.add(other.id)
        quote.co_speakers.append(Speaker(name=other.name, entity_id=other.id, span=piece, kind=_speaker_kind(other),
                                         resolved_from=piece.text if piece.text != other.name else None))
        by_id[other.id].quote_ids.append(quote.id)


def _only_its_name(piece: Span, entity: Entity) -> bool:
    """Whether a piece of a source is nothing but a name of the entity ("the United States", not "residents of
    Ohio")."""
    words = re.sub(r"(?i)^the\s+", "", piece.text.strip(" ,"))
    return fold(words) in {fold(entity.name), *(fold(m.text) for m in entity.mentions)}


_FEMALE = frozenset({
    "she", "her", "hers", "herself", "mrs", "ms", "miss", "madam", "dame", "lady", "woman", "girl", "wife", "widow",
    "mother", "daughter", "sister", "aunt", "niece", "grandmother", "granddaughter", "girlfriend", "fiancee",
    "bride", "queen", "princess", "duchess", "countess", "baroness", "empress", "actress", "waitress", "hostess",
    "heiress", "spokeswoman", "chairwoman", "businesswoman", "congresswoman", "councilwoman", "policewoman",
    "sportswoman", "stepmother", "mum", "mom", "grandma", "nun", "abbess", "headmistress",
})
_MALE = frozenset({
    "he", "him", "his", "himself", "mr", "mister", "sir", "lord", "man", "boy", "husband", "widower", "father",
    "son", "brother", "uncle", "nephew", "grandfather", "grandson", "boyfriend", "fiance", "groom", "king", "prince",
    "duke", "baron", "emperor", "spokesman", "chairman", "businessman", "congressman", "councilman", "policeman",
    "sportsman", "stepfather", "dad", "grandpa", "monk", "abbot", "headmaster",
})
_GENDERED = re.compile(r"(?i)\b(" + "|".join(sorted(_FEMALE | _MALE, key=len, reverse=True)) + r")\b")
_PRONOUN_GENDER = {w: "f" for w in ("she", "her", "hers", "herself")} | {w: "m" for w in ("he", "him", "his", "himself")}
_PRONOUN_WORD = re.compile(r"(?i)\b(?:" + "|".join(sorted(_PRONOUN_GENDER, key=len, reverse=True)) + r")\b")
_HONORIFIC_OPENING = re.compile(r"(?i)(mr|mrs|ms|miss|sir|dame|lady|lord)\.?\s")
_HONORIFIC_BEFORE = re.compile(r"(?i)\b(mr|mrs|ms|miss|mister|sir|dame|lady|lord|madam)\.?\s+$")
#: a gendered noun just before a mention: "spokeswoman Jane Doe", "his wife, Ann", "Okafor's wife Ann"
_NOUN_BEFORE = re.compile(r"(?i)\b([a-z]+)\s*,?\s*$")
#: a gendered noun in apposition after a mention: "Jane Doe, the company's chairwoman," "Ann, his wife."
_NOUN_AFTER = re.compile(r"(?i)^\s*,\s+(?:(?:a|an|the|his|her|their|its|[\w.-]+['’]s)\s+)?((?:[\w-]+\s+){0,3}?)"
                         r"([a-z]+)(?=\s*(?:[,.;:)]|$|\s+(?:of|for|at|to|in|on|from|with)\b))")
_NOT_APPOSED = frozenset({"who", "whose", "which", "that", "and", "or", "but", "said", "says", "told", "when",
                          "while", "after", "before", "as", "because", "if", "had", "has", "was", "is", "were"})


def _word_gender(word: str) -> str | None:
    word = word.lower()
    return "f" if word in _FEMALE else "m" if word in _MALE else None


def _noun_gender(word: str) -> str | None:
    """The gender a noun, title or honorific names; never a pronoun's ("thanked her, Tom Hale said")."""
    return None if word.lower() in _PRONOUN_GENDER else _word_gender(word)


def _genders(entities: Sequence[Entity], texts: Mapping[str, str], docs: Mapping[str, Doc], people_of) -> dict[str, str]:
    """Each person's gender ("f" or "m") as the story shows it (see the module's docstring); people it does not
    show are left out."""
    votes: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def vote(entity: Entity, gender: str | None) -> None:
        if gender is not None:
            votes[entity.id][gender == "m"] += 1

    for entity in entities:
        if entity.type != "PERSON":
            continue
        for role in entity.roles:
            for word in re.findall(r"[A-Za-z]+", role.title):
                vote(entity, _noun_gender(word))  # "her Republican opponent" is not a woman
    article_ids = set(texts) | set(docs)
    for article_id in article_ids:
        text = texts.get(article_id)
        if text is None and article_id in docs:
            text = doc_text(docs[article_id])
        if text is None:
            continue
        for m, entity in people_of(article_id):
            honorific = _HONORIFIC_BEFORE.search(text, max(0, m.start - 12), m.start)
            inside = _HONORIFIC_OPENING.match(m.text)
            if honorific or inside:
                vote(entity, _word_gender((honorific or inside).group(1)))
                continue
            before = _NOUN_BEFORE.search(text, max(0, m.start - 30), m.start)
            if before and _noun_gender(before.group(1)):
                vote(entity, _noun_gender(before.group(1)))
            after = _NOUN_AFTER.match(text[m.end:m.end + 80])
            if after and _noun_gender(after.group(2)) and not (set(after.group(1).lower().split()) & _NOT_APPOSED):
                vote(entity, _noun_gender(after.group(2)))
        if article_id in docs:
            for entity, gender in _pronoun_ties(docs[article_id], people_of(article_id)):
                vote(entity, gender)
    genders = {}
    for entity_id, (female, male) in votes.items():
        if female != male:
            genders[entity_id] = "f" if female > male else "m"
    return genders


def _pronoun_ties(doc: Doc, people: _Mentions):
    """``(entity, gender)`` for each he/she/his/her outside quotation marks that its sentence ties to a person:
    the only person named before it in the sentence, the subject of a clause that holds the pronoun as (or
    inside) the subject of each clause between ("Cole said her client had been made a scapegoat")."""
    if not people:
        return
    text = doc_text(doc)
    hits = [m.start() for m in _PRONOUN_WORD.finditer(text)]  # the pronouns' places, found without a Token each
    if not hits:
        return
    regions = quotation_regions(text)
    starts = doc_columns(doc, [IDX]).tolist()
    sentences = sentence_char_ranges(doc)
    sentence_starts = [a for a, _ in sentences]
    for at in hits:
        index = bisect_right(starts, at) - 1
        if index < 0 or starts[index] != at:
            continue
        token = doc[index]
        gender = _PRONOUN_GENDER.get(token.lower_)
        if gender is None or any(a <= at < b for a, b in regions):
            continue
        sent_start, sent_end = sentences[bisect_right(sentence_starts, at) - 1]
        named = people.starting_in(sent_start, sent_end)
        before = {e.id: (m, e) for m, e in named if m.end <= at}
        if len(before) != 1:
            continue
        (m, entity), = before.values()
        if _someone_elses_before(doc, sent_start, at, m):
            continue  # "the singer's agent Tom Hale confirmed that she ...": she may be the singer
        if _subject_chain(token, m):
            yield entity, gender


def _someone_elses_before(doc: Doc, start: int, end: int, mention: Span) -> bool:
    """Whether a possessive of someone other than ``mention``'s person stands between ``start`` and ``end`` (a
    sentence's start and a pronoun): "the singer's agent", "Reid's representative" name another whom the pronoun
    may be."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(
        tok.tag_ == "POS" and not mention.start <= tok.head.idx < mention.end for tok in span)


_OBJECTS = frozenset({"dobj", "dative", "iobj", "pobj", "attr", "oprd", "agent"})


def _subject_chain(pronoun: Token, mention: Span) -> bool:
    """Whether the clauses above ``pronoun`` lead, each through its subject and as the complement of the next, to
    one whose subject is ``mention``."""
    node = pronoun
    first = True
    while node.head.i != node.i:
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return False
        named = [s for s in subjects if mention.start <= s.idx < mention.end]
        if named:
            # not "McCaskill scolded [him]", "McConnell met with [her]" (an object of the person's own clause is
            # someone else), nor "Trump, [her] opponent, said" (inside the person's own phrase)
            return not (first and pronoun.dep_ in _OBJECTS) \
                and not any(s.left_edge.i <= pronoun.i <= s.right_edge.i for s in named)
        first = False
        if not any(s.left_edge.i <= pronoun.i <= s.right_edge.i for s in subjects) or node.dep_ not in ("ccomp", "xcomp"):
            return False  # up only from a clause said or meant, not from a conjunct ("X was ... and he was ...")
    return False


def _person_mentions(mentions: _Mentions, surnames: Mapping[str, list[Entity]]) -> _Mentions:
    """An article's mentions of persons: those of PERSON entities, and a bare last name of one person of the
    story that spaCy typed otherwise ("Cole" as a product), as that person's (``surnames``: :func:`_surnames`)."""
    pairs = []
    for m, e in mentions:
        if e.type == "PERSON":
            pairs.append((m, e))
        elif e.type != "NORP":
            person = _surname(m, surnames, bare=e)
            if person is not None:
                pairs.append((m, person))
    return _Mentions(pairs)


def _title_mentions(article_id: str, text: str | None, entities: Sequence[Entity]) -> list[tuple[Span, Entity]]:
    """The article's "the <title>" phrases that name one person of the story by a title alone ("The prosecutor
    told the jury"), as that person's mentions."""
    if not text:
        return []
    words = {_title_key(r.title).split()[-1] for e in entities if e.type == "PERSON" for r in e.roles
             if _title_key(r.title)}
    if not words:
        return []
    pattern = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(map(re.escape, sorted(words))) + r")\b",
                         re.IGNORECASE)
    found = []
    for match in pattern.finditer(text):
        span = Span(article_id=article_id, start=match.start(), end=match.end(), text=match.group(0))
        person = _title_holder(span, entities)
        if person is not None:
            found.append((span, person))
    return found


class _SaidByPeople:
    """One article's statements whose speaker is a person of the story, for a pronoun speaker after them: which of
    them hold a mention in what was said (:meth:`speakers_of`) and whether a person had spoken before a position
    (:meth:`spoke_before`).  Looked up by bisecting the statements' pieces by start and by each person's first
    statement, not by scanning every statement of the article for each pronoun; a statement whose speaker is found
    later (a pronoun's, in the order of the text) is added with :meth:`note`."""

    def __init__(self, article_quotes: Sequence[Quote], by_id: Mapping[str, Entity]) -> None:
        self.by_id = by_id
        self.parts = sorted(((part.start, part.end, index, quote) for index, quote in enumerate(article_quotes)
                             if quote.speaker.span is not None
                             for part in quote.content_parts or [quote.content]), key=lambda item: item[:3])
        self.starts = [start for start, *_ in self.parts]
        self.longest = max((end - start for start, end, *_ in self.parts), default=0)
        self.first_end: dict[str, int] = {}  # a person's id: where the source of the first statement they made ends
        for quote in article_quotes:
            self.note(quote)
        # the statements of one person the story does not name ("the officer", "a witness"): their source, what
        # they said and the gender their words show, in the order of their sources
        self.described = sorted(((quote.speaker.span, quote.content_parts or [quote.content], gender)
                                 for quote in article_quotes if quote.speaker.span is not None
                                 and quote.speaker.entity_id is None
                                 for gender in [_described_person(quote.speaker.span.text)] if gender is not None),
                                key=lambda item: item[0].start)

    def person(self, quote: Quote) -> Entity | None:
        """The person of the story who made ``quote``, if its speaker is one."""
        if quote.speaker.span is None or quote.speaker.entity_id is None:
            return None
        entity = self.by_id.get(quote.speaker.entity_id)
        return entity if entity is not None and entity.type == "PERSON" else None

    def note(self, quote: Quote) -> None:
        """Count ``quote``, whose speaker may have been found since."""
        person = self.person(quote)
        if person is not None and quote.speaker.span.end < self.first_end.get(person.id, quote.speaker.span.end + 1):
            self.first_end[person.id] = quote.speaker.span.end

    def spoke_before(self, entity_id: str | None, position: int) -> bool:
        """Whether a statement of the person ``entity_id`` (any person when None) has its source end by ``position``."""
        if entity_id is None:
            return any(end <= position for end in self.first_end.values())
        return self.first_end.get(entity_id, position + 1) <= position

    def unnamed_speaker_after(self, mention: Span, position: int, gender: str | None, entity: Entity) -> bool:
        """Whether one person the story does not name, who may be of ``gender``, made a statement with a source
        ending by ``position`` that holds ``mention`` in what was said ("'Tom Hale never lied,' the witness said.
        He said ...": the witness's, not Hale's) or, when ``entity`` had not spoken before ``position``, whose source
        comes after ``mention`` ("Tom Hale ran the shop. '...,' the officer said. He said": the officer's); not when
        the words of that source are a title of ``entity``'s ("the mayor" when the story gives Hale that title)."""
        spoke = self.spoke_before(entity.id, position)
        titles = {_title_key(r.title).split()[-1] for r in entity.roles if _title_key(r.title)}
        for source, parts, said_gender in self.described:
            if source.end > position:
                break
            if gender is not None and said_gender and said_gender != gender:
                continue
            key = _title_key(" ".join(_head_phrase(source.text))).split()
            if key and key[-1] in titles:
                continue
            if (source.start >= mention.end and not spoke) or any(p.start <= mention.start and mention.end <= p.end for p in parts):
                return True
        return False

    def speakers_of(self, mention: Span, position: int) -> list[Entity]:
        """The persons whose statements, with a source ending by ``position``, hold ``mention`` in what was said, in
        the order of the statements."""
        found: dict[int, Entity] = {}
        at = bisect_right(self.starts, mention.start)
        while at > 0 and self.parts[at - 1][0] >= mention.start - self.longest:
            at -= 1
            _, end, index, quote = self.parts[at]
            if mention.end <= end and quote.speaker.span.end <= position:
                person = self.person(quote)
                if person is not None:
                    found[index] = person
        return [found[index] for index in sorted(found)]


def _personal_antecedent(span: Span, pronoun: str, candidates: _Mentions, genders: Mapping[str, str],
                         said: Sequence[Span], said_by_people: _SaidByPeople | None = None,
                         doc: Doc | None = None) -> Entity | None:
    """The person of the last candidate mention before ``span`` that is not inside what was said and not known to
    be of the other gender than ``pronoun``; a mention inside what a person said earlier (``said_by_people``: see
    :class:`_SaidByPeople`) gives way to that speaker when the speaker may be the pronoun ("Reyes said [Hale
    would rest]. He also said ...": Reyes), when the mention is a name (not a title alone, "the host"); with the
    parse, a mention in an earlier sentence that is not its main clause's subject gives way to that subject when
    the subject is one of those earlier speakers ("Lento laid out the case before Judge Pike. He said ...":
    Lento, who had spoken; not "Anna Baker spoke to Peter Quinn later. 'Yes,' he said", where Baker had not)."""
    gender = _PRONOUN_GENDER.get(pronoun)

    def fits(e: Entity) -> bool:
        return gender is None or genders.get(e.id, gender) == gender

    for m, e in reversed(candidates.starting_in(-1, span.start)):
        if m.end > span.start or any(p.start <= m.start and m.end <= p.end for p in said):
            continue
        if not fits(e):
            continue
        # a name only: a title the story gives someone ("He loves [being the host]") may be what was said of another
        speakers = said_by_people.speakers_of(m, span.start) \
            if said_by_people is not None and not re.match(r"(?i)the\s", m.text) else []
        if speakers and speakers[-1].id != e.id and fits(speakers[-1]):
            return speakers[-1]
        if not speakers and said_by_people is not None and said_by_people.unnamed_speaker_after(m, span.start,
                                                                                                 gender, e):
            return None  # the pronoun goes on with a speaker the story does not name
        if doc is not None and said_by_people is not None and said_by_people.spoke_before(None, span.start):
            subject = _speaking_subject_before(doc, m, span, candidates, said_by_people)
            if subject is not None and subject.id != e.id and fits(subject):
                return subject
        return e
    return None


#: words for one person that a source may be, beside the titles of ``titles.toml`` ("the officer", "a witness")
_ONE_PERSON = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "source", "aide", "insider",
                         "diplomat", "witness", "person", "observer", "man", "woman", "boy", "girl", "friend",
                         "resident", "neighbour", "neighbor", "victim", "suspect", "teenager", "relative"}) \
    | (_FEMALE | _MALE) - set(_PRONOUN_GENDER)


def _described_person(words: str) -> str | None:
    """For a source that describes one person without naming them ("the officer", "a police spokeswoman"), the
    gender its words show ("f", "m", or "" when none); None for any other source, and for one that describes the
    person by someone else's ("his lawyer", "Hale's mother"), whom the story may have named ("Hale's mother, Ann,
    ...")."""
    head = _head_phrase(words)
    if not head or re.search(r"(?i)\b(?:his|her|their|its|our|my)\s|\w\s*['’]\s*s?\s", words):
        return None
    last = head[-1]
    if last in _INSTITUTION_HEADS or (last not in _ONE_PERSON and last not in lexicon().title_heads):
        return None
    gendered = {_noun_gender(w) for w in head} - {None}  # not "his lawyer": "his" is the client's
    return gendered.pop() if len(gendered) == 1 else ""


def _speaking_subject_before(doc: Doc, mention: Span, pronoun: Span, candidates: _Mentions,
                             speakers: _SaidByPeople) -> Entity | None:
    """The person named as the main clause's subject of ``mention``'s sentence, when that sentence ends before
    ``pronoun``, ``mention`` is no subject there and the person had spoken before ``pronoun`` (``speakers``); else
    None."""
    named = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if named is None or not len(named) or named.root.dep_ in ("nsubj", "nsubjpass"):
        return None
    sentence = named[0].sent
    if sentence.end_char > pronoun.start:
        return None
    for m, e in candidates.starting_in(sentence.start_char, mention.start):
        if m.end > mention.start or not speakers.spoke_before(e.id, pronoun.start):
            continue
        subject = doc.char_span(m.start, m.end, alignment_mode="expand")
        if subject is not None and len(subject) and subject.root.dep_ in ("nsubj", "nsubjpass") \
                and subject.root.head.i == sentence.root.i:
            return e
    return None


class _Mentions(list):
    """One article's ``(mention, entity)`` pairs sorted by start and end, with their starts, so that a look-up near a
    position bisects instead of scanning the article's mentions."""

    def __init__(self, items: list[tuple[Span, Entity]]) -> None:
        super().__init__(items)
        self.starts = [m.start for m, _ in self]
        self.longest = max((m.end - m.start for m, _ in self), default=0)
        self._typed: dict[frozenset[str], _Mentions] = {}

    def starting_in(self, low: int, high: int) -> list[tuple[Span, Entity]]:
        """The pairs whose mention starts in ``[low, high]``, in order."""
        return self[bisect_left(self.starts, low):bisect_right(self.starts, high)]

    def of_types(self, types: frozenset[str]) -> _Mentions:
        """The pairs whose entity is of one of ``types``, in order (kept)."""
        if types not in self._typed:
            self._typed[types] = _Mentions([(m, e) for m, e in self if e.type in types])
        return self._typed[types]


def _entity_of_phrase(span: Span, mentions: _Mentions) -> Entity | None:
    """The entity named at the end of the phrase (English noun phrases end with their head)."""
    inside = [(m, e) for m, e in mentions.starting_in(span.start, span.end)
              if span.start <= m.start and m.end <= span.end]
    if not inside:
        return None
    tail = span.text.rstrip(" .,'’s")
    phrase_end = span.start + len(tail)
    text = span.text
    final = []
    for m, e in inside:
        # "Minister Brice Hortefeux of France", "Bosma, of the Farmers Defence Alliance": the name before a trailing
        # phrase is the head, and wins over the name inside the phrase
        # (and "Representative Anna Berg (D., N.Y.": the name before a bracketed note, not the place in it)
        trailed = re.match(r",?\s+(of|for|on|in|from|at)\s|\s*\(", text[m.end - span.start:]) is not None
        if m.end >= phrase_end or trailed:
            final.append((m, e, trailed))
    if final:
        return max(final, key=lambda item: (item[1].type == "PERSON", item[2], item[0].end - item[0].start))[1]
    return None


#: what joins a source phrase to a name in apposition: a comma, spaced or not ("His lawyer , Tom Hale ," in a
#: tokenised text)
_APPOSITION_COMMA = re.compile(r"\s*,\s*")
#: the rest of a person's title that the source phrase may stop short of before that comma: a hyphenated title
#: written with spaces ("the governor - general") and a phrase of its place or body ("of Lorsa province")
_TITLE_REST = re.compile(r"(?:\s*-\s*[a-z]+)?(?:\s+(?:of|for|at|in)\s+[\w'’.-]+(?:\s+[\w'’.-]+){0,3}?)?\s*,\s*")


#: after a name, more names of a list that it starts ("three groups, Greenpeace, Acme Watch and Bolt Trust, said")
_LIST_GOES_ON = re.compile(r"\s*,\s*[A-Z][^,.;:]*?\s(?:and|&)\s+[A-Z]")


def _apposed(span: Span, text: str, mentions: _Mentions) -> Entity | None:
    """The entity a name in apposition after the source phrase names: "The minister, [Pieter van Dam], has said"
    (the name set off by commas on both sides, or by a comma and the end of the sentence; a comma may stand
    between spaces; not the first name of a list set off so); after a person's title, past the rest of the title that the phrase stopped short of ("the
    governor - general of Lorsa province, [Ann Ford], told")."""
    joined = _APPOSITION_COMMA.match(text, span.end)
    if joined is None and _person_title(span.text):
        joined = _TITLE_REST.match(text, span.end)
    if joined is None or any(e.type == "PERSON" and span.start <= m.start and m.end <= span.end
                             and not re.match(r"\s*['’]", text[m.end:m.end + 3])
                             and not re.match(r"\s+(?!(?:of|for|at|in|from|with)\b)[a-z]", text[m.end:span.end])
                             and not (m.end < span.end and text[m.end] == "-")
                             for m, e in mentions.starting_in(span.start, span.end)):
        # "Captain Tom Hale, Chief Officer, Navy, said": a name of its own, not the body after it (but "Hale's
        # lawyer, Ray Dunn, said": the lawyer; nor a name that modifies a noun after it, "the head of the Hale
        # campaign, Ann Ford, said": she)
        return None
    after = joined.end()
    head = _head_phrase(span.text)
    one_person = bool(head) and (head[-1] in _ONE_PERSON or head[-1] in lexicon().title_heads)
    for m, e in mentions.starting_in(after, after):
        if m.start == after and e.type in ("PERSON", "ORG") and re.match(r"\s*([,;.]|$)", text[m.end:]) \
                and not _LIST_GOES_ON.match(text, m.end) and not (e.type == "ORG" and one_person):
            return e  # not a body after a person's words ("A reporter of the news agency, Norvel News, said")
    return None


def _apposed_to(pronoun: Span, phrase: str, text: str, mentions: _Mentions) -> Entity | None:
    """The entity named just before ``phrase`` (the noun a relative pronoun stands for), when the phrase is in
    apposition to it: "[Rosa Whitfield], a community activist who ..."."""
    at = text.rfind(phrase, max(0, pronoun.start - _RELATIVE_REACH), pronoun.start)
    if at == -1:
        return None
    # a mention ending a comma and spaces before the phrase starts at most the longest mention's length earlier
    for m, e in mentions.starting_in(at - mentions.longest - _RELATIVE_REACH, at):
        if m.end <= at and re.fullmatch(r",\s*", text[m.end:at]) and e.type in ("PERSON", "ORG"):
            return e
    return None


def _surnames(entities: Sequence[Entity]) -> dict[str, list[Entity]]:
    """The story's persons named in more than one word, by their folded last word, in the order of ``entities``
    (made once per story for :func:`_surname`)."""
    found: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        words = e.name.split()
        if e.type == "PERSON" and len(words) > 1:
            found[fold(words[-1])].append(e)
    return found


def _surname(span: Span, surnames: Mapping[str, list[Entity]], bare: Entity | None = None) -> Entity | None:
    """The person of the story whose last name is the source phrase: "Reinholt said", where spaCy did not tag
    the name (a title before it is allowed: "Chief Reinholt").  Only when one person has that last name
    (``surnames``: :func:`_surnames` of the story's entities).  With ``bare``, the entity spaCy made of the phrase
    instead, only when the phrase is that entity's whole name and one word ("Cole" typed a product)."""
    last = span.text.strip(" .,").split()
    if bare is not None and (len(last) != 1 or fold(bare.name) != fold(last[0])):
        return None
    if not last or not all(w[:1].isupper() for w in last) or not last[-1].isalpha() \
            or last[0].lower() in ("the", "a", "an") or last[-1].lower() in _PERSONAL | _COLLECTIVE | _RELATIVE:
        return None  # not "Since the publication of Bettie Page": a name, with a title at most
    found = surnames.get(fold(last[-1]), ())
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each short form of a title (``titles.toml``), longest first, as a whole-word pattern and its long form."""
    short = lexicon().title_abbreviations
    return tuple((re.compile(rf"\b{re.escape(word)}\b"), long)
                 for word, long in sorted(short.items(), key=lambda item: -len(item[0])))


@lru_cache(maxsize=4096)
def _title_key(words: str) -> str:
    """A title as compared: folded, without hyphens and full stops, short forms written out ("CEO" -> "chief
    executive"); kept, as every role of the story is compared with each title-only source."""
    key = " ".join(fold(words).replace("-", " ").replace(".", "").split())
    key = re.sub(r"\bex\b", "former", key)  # "ex-mayor" is the former mayor
    for pattern, long in _abbreviations():
        key = pattern.sub(long, key)
    return key


def _person_title(described: str) -> bool:
    """Whether a description's head, before a trailing phrase, is a person's title ("The former mayor of X")."""
    head = _head_phrase(described)
    key = _title_key(" ".join(head)) if head else ""
    return bool(key) and key.split()[-1] in lexicon().title_heads and key.split()[-1] not in _INSTITUTION_HEADS


#: words before a company's or a group's word that make it a news organisation ("the newspaper group", "the media
#: company"), which fits only an organisation the voice categories give to the media, not any business
_NEWS_MODIFIERS = _NEWSPAPER_HEADS | {"media", "news", "publishing", "broadcasting", "broadcast"}

#: words before a body's word that make it another body than the one named ("the parent company", "a rival firm")
_OTHER_BODY = frozenset({"other", "another", "rival", "parent", "sister", "new", "former", "second", "third", "first",
                         "last", "previous", "next", "holding", "subsidiary", "joint", "partner", "competing", "merged"})


def _named_body(span: Span, mentions: _Mentions, text: str | None = None, doc: Doc | None = None) -> Entity | None:
    """The organisation that "the <body>" names ("the union said" when the article has named one union, the
    United Metalworkers Union, before): the phrase is "the", at most two lower-case words, and one word for a body,
    and exactly one organisation named earlier in the article fits it, or (with the parse) exactly one of those that
    fit is named in the phrase's sentence or the one before ("Traffic was heavy, according to Norvel. Bolt said ...
    The company said": Bolt), or first the one of those whose name holds a word of the phrase ("the small energy
    company": Bolt Energy; since 2026-12-07), or last the one named before at least twice as often as any other
    that fits, a name that only modifies a noun not counted ("Acme Corp workers"; since 2026-12-07).  An institution word fits an organisation whose name ends with it
    ("Union", "Ministry"), starts with it ("Ministry of Health") or has it before its first "of" or "for" ("Lorsa
    Court of Appeals"; since 2026-12-07), the words before it only when the name holds them ("the
    health ministry"); a word for a company or a group ("the company", "the firm", "the carmaker", "the group",
    "the telecommunications company"; not "the parent company", another one) fits one whose name says so ("Ford
    Motor Company") or whose words (``data/voices.toml``) name no other kind of body than a business (or, for
    "group", a campaign): "Acme Corp" and "Greenpeace" fit "the group", the Ministry of Health and the United
    Metalworkers Union do not; with a news word before it ("the newspaper group", "the media company") only a news
    organisation fits; a word for a newspaper ("the newspaper", "the paper", "the daily") fits a news
    organisation with a newspaper's word in its name ("The Eastport Herald", not "Reuters"); "the paper" none when
    the article's ``text`` speaks of a study or a paper before it ("A paper in the Harwick Medical Journal ... The
    paper found": the study's)."""
    words = span.text.strip().split()
    if not 2 <= len(words) <= 4 or words[0].lower() != "the":
        return None
    head, modifiers = words[-1].lower(), words[1:-1]
    if head not in _INSTITUTION_HEADS and head not in _FIRM_HEADS and head not in _NEWSPAPER_HEADS:
        return None
    if any(not re.fullmatch(r"[a-z][a-z-]*", w) or w in _OTHER_BODY for w in modifiers):
        return None
    if head == "paper" and text is not None and _STUDY_WORDS.search(text, 0, span.start):
        return None  # "the paper" is the study or the paper spoken of, not a newspaper

    def fits(e: Entity) -> bool:
        name = fold(e.name).split()
        if _named_by_head(name, head):
            return all(fold(w) in name for w in modifiers)
        if head in _FIRM_HEADS and any(w.lower() in _NEWS_MODIFIERS for w in modifiers):
            return category_of(e.name) == MEDIA  # "the newspaper group", "the media company": a news organisation's
        return (head in _FIRM_HEADS and category_of(e.name) in _FIRM_HEADS[head]) \
            or (head in _NEWSPAPER_HEADS and not modifiers and category_of(e.name) == MEDIA
                and bool(_NEWSPAPER_NAME_WORDS & set(re.split(r"[\s-]+", fold(e.name)))))

    before = [(m, e) for m, e in mentions.of_types(_ORG).starting_in(-1, span.start) if m.end <= span.start]
    fitting = {e.id: e for _, e in before if fits(e)}
    if len(fitting) == 1:
        return next(iter(fitting.values()))
    if len(fitting) > 1 and modifiers:
        # "Bolt Energy ... Acme Corp ... The small energy company said": the one whose name holds a word of the
        # phrase, wherever it was named (since 2026-12-07; the one named near had been taken, or none)
        holding = [e for e in fitting.values() if any(fold(w) in fold(e.name).split() for w in modifiers)]
        if len(holding) == 1:
            return holding[0]
    if len(fitting) > 1 and doc is not None:
        near = _previous_sentence_start(doc, span.start)
        if near is not None:
            # not one that only modifies a noun ("50 Harwick Council members"): the noun's phrase is no body
            close = {e.id: e for m, e in before if m.start >= near and e.id in fitting and not _modifier_only(doc, m)}
            if len(close) == 1:
                return next(iter(close.values()))
    if len(fitting) > 1:
        # none named near alone: the one the article is about, named before at least twice as often as any other
        # that fits and at least twice (since 2026-12-07), not counting a name that only modifies a noun ("Acme Corp
        # workers")
        counts = Counter(e.id for m, e in before if e.id in fitting
                         and (doc is None or not _modifier_only(doc, m))).most_common(2)
        if counts and counts[0][1] >= 2 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
            return fitting[counts[0][0]]
    return None


#: entity types of a name that the tagger read as a place: "the bank" is not the West Bank
_PLACES = frozenset({"GPE", "LOC", "FAC"})
#: entity types of words that end a name read back from its body's word: a place's, a date's, a number's
_NOT_IN_A_BODYS_NAME = _PLACES | {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_NOT_A_NAME = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
                         "every", "each", "another", "no", "any", "one"})


#: words of a court of justice's name before its last word, "Court" ("Supreme Court", "Harwick District Court",
#: "Preston Crown Court"); a name that ends with "Court" without one is a venue's or a street's ("Centre Court",
#: "Food Court", "Earls Court")
_COURT_KINDS = frozenset({
    "supreme", "high", "district", "appeals", "appeal", "appellate", "circuit", "county", "crown", "federal",
    "constitutional", "magistrates", "magistrates'", "magistrate's", "family", "superior", "criminal", "civil",
    "juvenile", "youth", "tax", "bankruptcy", "claims", "municipal", "sheriff", "sheriff's", "administrative",
    "regional", "provincial", "state", "trial", "military", "international", "arbitration", "electoral", "election",
    "special", "commercial", "labour", "labor", "employment", "land", "probate", "surrogate's", "housing", "sessions",
    "cassation", "chancery", "coroner's", "coroners", "tribal", "divisional", "industrial", "competition", "patent",
    "sharia", "islamic", "revolutionary", "people's", "immigration", "traffic", "drug", "disciplinary", "city",
    "justice", "intermediate", "world", "national", "european", "rights", "commonwealth", "u.s.", "us"})
#: words before "Party" that make it a gathering, not a political party ("Christmas Party", "Boston Tea Party"; a
#: "Tea Party" movement is no party either)
_OCCASIONS = frozenset({
    "tea", "christmas", "birthday", "garden", "dinner", "cocktail", "pool", "block", "launch", "office", "costume",
    "wedding", "engagement", "bachelor", "bachelorette", "hen", "stag", "farewell", "holiday", "watch", "slumber",
    "pajama", "pyjama", "halloween", "dance", "toga", "surprise", "retirement", "graduation", "tailgate", "house",
    "street", "beach", "boat", "yacht", "search", "welcome", "release", "listening", "picnic", "pizza", "disco",
    "rave", "frat", "fraternity", "sorority", "prom"})


def _named_by_head(name: list[str], head: str) -> bool:
    """Whether a body's word (``head``) names a body of these (folded) words: its last word ("union" of "united
    metalworkers union"), its first ("ministry" of "ministry of health"), or the one before its first "of" or "for"
    ("court" of "u.s. court of appeals"). "Court" as the last word names a court of justice only after a word of
    one's kind ("supreme court", not the venue "centre court"), and "Party" no gathering ("boston tea party") (since
    2026-12-07)."""
    at = next((i for i, w in enumerate(name) if w in ("of", "for")), 0)
    if name[:1] == [head] or at > 0 and name[at - 1] == head:
        return True
    if name[-1:] != [head]:
        return False
    before = [w for w in name[:-1] if w != "the"]
    if head == "court":
        return not before or any(w in _COURT_KINDS for w in before)
    return head != "party" or not before or before[-1] not in _OCCASIONS


def _untagged_body(span: Span, mentions: _Mentions, doc: Doc) -> str | None:
    """The name of the one body that "the <body>" names when the tagger typed no organisation that fits before it:
    a name in capitals that ends with the body's word ("The Harbour Transit Authority raised fares. The authority
    said ...": Harbour Transit Authority), earlier in the article, not typed a place ("the bank": not the West
    Bank), nor on a line in title case (a headline's "Fans Question Group Decision"), holding the words between
    "the" and that word ("the transit authority"); none when two such names, or an organisation that fits, come
    before it (since 2026-12-07). A date or a number before the name is no word of it ("In March Kestrel Water
    Authority staff ...": Kestrel Water Authority), and a venue's or a gathering's name no body's (``_named_by_head``:
    "Food Court", "Garden Party")."""
    words = span.text.strip().split()
    if not 2 <= len(words) <= 4 or words[0].lower() != "the":
        return None
    head, modifiers = words[-1].lower(), [fold(w) for w in words[1:-1]]
    if head not in _INSTITUTION_HEADS and head not in _FIRM_HEADS or " " in head:
        return None
    if any(not re.fullmatch(r"[a-z][a-z-]*", w) or w in _OTHER_BODY for w in words[1:-1]):
        return None
    before = [e for m, e in mentions.of_types(_ORG).starting_in(-1, span.start) if m.end <= span.start]
    if any(_named_by_head(fold(e.name).split(), head) for e in before):
        return None  # a tagged one fits: _named_body's to choose
    names = set()
    for token in doc:
        if token.idx >= span.start:
            break
        if token.lower_ != head or not token.is_title or token.i == 0 or token.ent_type_ in _PLACES \
                or token.ent_type_ == "ORG":
            continue  # not a place's word, nor one of a name the tagger typed ("The Lorsa Court of Appeals")
        if token.i + 2 < len(doc) and doc[token.i + 1].lower_ in ("of", "for") and doc[token.i + 2].is_title:
            continue  # the name goes on ("Harbour Court of Appeal"): not one that ends with the word
        first = token.i
        while first > 0 and doc[first - 1].is_title and doc[first - 1].lower_ not in _NOT_A_NAME \
                and not doc[first - 1].is_sent_start and doc[first - 1].ent_type_ not in _NOT_IN_A_BODYS_NAME:
            first -= 1  # not a place's word, nor a date's ("In March Kestrel Water Authority staff ...")
        opening = doc[first - 1] if first > 0 else None
        if opening is not None and opening.is_title and opening.is_sent_start and opening.pos_ == "PROPN" \
                and opening.lower_ not in _NOT_A_NAME and opening.ent_type_ not in _NOT_IN_A_BODYS_NAME:
            first -= 1  # the name opens the sentence ("Harbour Transit Authority raised ...", not "Some ...")
        if first == token.i:
            continue  # no name before the word ("... the Authority")
        if any(t.ent_type_ in _PLACES for t in doc[first:token.i + 1]) or _on_title_case_line(doc, token):
            continue
        name = doc[first:token.i + 1].text
        if not _named_by_head(fold(name).split(), head):
            continue  # a venue's or a gathering's name ("Food Court", "Garden Party"): no body of the word's
        if all(w in fold(name).split() for w in modifiers):
            names.add(fold(name))
            found = name
    return found if len(names) == 1 else None


def _on_title_case_line(doc: Doc, token: Token) -> bool:
    """Whether the line of ``token`` has no lower-case word of four letters or more (a headline in title case)."""
    text = doc.text
    start, end = text.rfind("\n", 0, token.idx) + 1, text.find("\n", token.idx)
    return LOWER_WORD.search(text, start, end if end != -1 else len(text)) is None


def _previous_sentence_start(doc: Doc, position: int) -> int | None:
    """Where the sentence before the one holding the character ``position`` of ``doc`` starts (that sentence's own
    start when it is the first)."""
    at = doc.char_span(position, position + 1, alignment_mode="expand")
    if at is None or not len(at):
        return None
    sentence = at[0].sent
    return doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char


def _title_holder(span: Span, entities: Sequence[Entity]) -> Entity | None:
    """The person the story gives the title the source phrase names alone: "The CEO said" is the story's chief
    executive.  The phrase is "the" or a possessive and a title; the person is the one holding it in the
    story, when only one person holds it (exactly, else as the end of a longer title)."""
    phrase = re.sub(r"^.*['’]s?\s+", "", span.text.strip())  # "The company's chief executive": the title
    if phrase == span.text.strip() and not re.match(r"(?i)the\s", phrase) and not phrase.islower():
        return None  # but a bare title, as headlines write it: "..., ex-mayor tells jury"
    phrase = re.sub(r"(?i)^the\s+", "", phrase)
    key = _title_key(phrase)
    heads = lexicon().title_heads
    if not key or key.split()[-1] not in heads or key.split()[-1] in _INSTITUTION_HEADS:
        return None

    people = [e for e in entities if e.type == "PERSON"]
    exact = [e for e in people if any(_title_key(r.title) == key or _title_key(r.title).startswith(key + " of ")
                                      for r in e.roles if r.title)]
    if exact:
        return exact[0] if len(exact) == 1 else None
    # "the judge" is the "county judge"; but "the minister" is no one when the story has two ministers
    wider = [e for e in people if any(_title_key(r.title).endswith(" " + key) for r in e.roles)]
    if wider:
        return wider[0] if len(wider) == 1 else None
    # "The German Chancellor": a title after a name of a country or body is the one person holding the title for it;
    # so is one after a word that ends the body's name ("the city's police chief": Chief of Brooklyn Center Police)
    qualifier, _, rest = phrase.partition(" ")
    rest_key = _title_key(rest)
    if not rest_key or rest_key.split()[-1] not in heads or fold(qualifier) in _TITLE_MODIFIERS:
        return None
    qualified = [e for e in people if any(_title_key(r.title) == rest_key and r.organisation
                                          and same_body(qualifier, r.organisation) for r in e.roles if r.title)]
    return qualified[0] if len(qualified) == 1 else None


#: words that qualify a title, not the body it is held in ("former chief", "acting director")
_TITLE_MODIFIERS = frozenset({"former", "acting", "deputy", "vice", "assistant", "interim", "then", "ex", "new",
                              "senior", "top", "chief", "lead", "associate", "executive"})


def _entity_before(pronoun: Span, phrase: str, mentions: _Mentions) -> Entity | None:
    """The entity named at the end of ``phrase``, the noun phrase a relative pronoun stands for: the phrase is
    placed at the nearest mention before the pronoun that it contains."""
    # a mention ending within reach before the pronoun starts at most the longest mention's length earlier
    for m, _ in reversed(mentions.starting_in(pronoun.start - _RELATIVE_REACH - mentions.longest, pronoun.start)):
        if m.end > pronoun.start or pronoun.start - m.end > _RELATIVE_REACH:
            continue
        at = phrase.rfind(m.text)
        if at != -1:
            start = m.start - at
            return _entity_of_phrase(Span(article_id=pronoun.article_id, start=start, end=start + len(phrase),
                                          text=phrase), mentions)
    return None


def _antecedent(span: Span, pronoun: str, mentions: _Mentions, said: Sequence[Span] = (),
                text: str | None = None) -> Entity | None:
    """The entity of :func:`_antecedent_mention`, or None."""
    found = _antecedent_mention(span, pronoun, mentions, said, text)
    return found[1] if found is not None else None


def _pair_start(span: Span, pair: tuple[Entity, Entity], people: _Mentions) -> int:
    """Where the first name of a pair found by :func:`_pair_before` for ``span`` starts."""
    before = [m for m, e in people.starting_in(_pair_window(span), span.start)
              if m.end <= span.start and e.id == pair[0].id]
    return before[-1].start if before else span.start


def _antecedent_mention(span: Span, pronoun: str, mentions: _Mentions, said: Sequence[Span] = (),
                        text: str | None = None, types: frozenset[str] | None = None,
                        doc: Doc | None = None) -> tuple[Span, Entity] | None:
    """The entity of the last mention (in order of start) of a wanted type that ends before ``span``, not one inside
    what was said ('"Protecting Americans' access ...," they wrote': not the Americans); none when that mention is
    what a relative pronoun right after it stands for ("blasting the FBI, which they say failed to act": what they
    say is about the FBI, so "they" are others, named further back); with the parse, none when that mention is a
    place or a people that only modifies a noun, whose phrase is what the pronoun stands for if anything ("The
    judges upheld a [Harwick] county subpoena. But they said ...": not Harwick; "[Ohio] state
    inspectors closed the plant, and they said ...": the inspectors); an organisation so placed is still the one
    ("[Norvel] managers say they need ...": the company's)."""
    wanted = mentions.of_types(types or (_PERSON if pronoun in _PERSONAL else _GROUPS))
    for m, e in reversed(wanted.starting_in(-1, span.start)):  # one ending before the span starts before it too
        if m.end <= span.start and not any(p.start <= m.start and m.end <= p.end for p in said):
            if text is not None and _RELATIVE_AFTER.fullmatch(text, m.end, span.start):
                return None
            if doc is not None and e.type != "ORG" and _modifier_only(doc, m):
                return None  # the noun it modifies, or its phrase, is what the pronoun stands for
            return m, e
    return None


#: endings of a plural noun of people that does something ("farmers", "activists", "historians")
#: people nouns of groups.toml that name where or whence people are, not people who speak ("the camps", "of Roma
#: descent")
_NOT_SPEAKING = frozenset({"camps", "camp", "settlements", "villages", "origin", "descent", "diaspora"})


def _people_noun(token: Token) -> bool:
    """Whether a token is a plural common noun of people ("residents", "farmers", "officials"): one of the people
    nouns, the speaking people or the titles' heads of the lexicon, or an anonymous head; not a place of the people
    nouns ("camps"), a document's noun ("orders", "letters") or a thing of an agent's ending ("containers"). A word
    closed on one of those plurals of five letters or more is one too ("dockworkers", "schoolteachers", not "screws"
    of "crews"), and a plural in "-men" of a lemma in "-man" ("policemen", not "specimens"; since 2026-12-07)."""
    if token.tag_ != "NNS" or token.ent_type_ or not (token.is_lower or token.is_sent_start and token.text[1:].islower()):
        return False
    lemma = token.lemma_.lower()
    if lemma in cue_lexicon().document_nouns or token.lower_ in cue_lexicon().document_nouns:
        return False
    if token.lower_ in _NOT_SPEAKING or lemma in _NOT_SPEAKING:
        return False
    words = lexicon()
    if any(form in words.people_nouns or form in words.speaking_people or form in words.title_heads
           for form in (lemma, token.lower_)) or token.lower_ in _ANONYMOUS_HEADS:
        return True
    lower = token.lower_
    if lower in _NOT_PEOPLE_COMPOUNDS:
        return False
    if len(lower) > 5 and lower.endswith("men") and lemma.endswith("man"):
        return True
    return _people_heads_pattern().fullmatch(lower) is not None


#: compounds on a people plural, or plurals in "-men", that name things, not people ("safeguards", "autopilots",
#: "snowmen")
_NOT_PEOPLE_COMPOUNDS = frozenset({"safeguards", "mudguards", "fireguards", "autopilots", "stagecoaches", "motorcoaches",
                                   "screwdrivers", "icebreakers", "snowmen", "strawmen"})


@lru_cache(maxsize=1)
def _people_heads_pattern() -> re.Pattern[str]:
    """A word closed on a plural of people of the lexicon of five letters or more ("dock" + "workers")."""
    words = lexicon()
    heads = sorted({w for w in (*words.people_nouns, *words.speaking_people, *words.title_heads)
                    if len(w) >= 5 and w.endswith("s") and w.isalpha() and w not in _NOT_SPEAKING},
                   key=len, reverse=True)
    return re.compile(rf"[a-z]{{3,}}?-?(?:{'|'.join(heads)})")  # (_NOT_PEOPLE_COMPOUNDS are refused before)


def _people_subject_before(doc: Doc, pronoun: Span, found: tuple[Span, Entity] | None,
                           said: Sequence[Span]) -> str | None:
    """The words of a plural noun of people that is the last subject before a "they" in its sentence or the one
    before, outside what was said ("Residents of Harwick protested on Monday. They said ...", "Farmers near Harwick
    blocked the road. They said ..."): what "they" stands for, unless the body found for it is an organisation or
    a people named after that subject, outside its phrase ("Residents met Norvel. They said ...": left as it was).
    A subject that counts such a noun stands for it ("Hundreds of dockworkers walked out. They said ..."; since
    2026-12-07)."""
    at = doc.char_span(pronoun.start, pronoun.end, alignment_mode="expand")
    if at is None or len(at) == 0:
        return None
    sentence = at[0].sent
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    subject = None
    for token in doc[start:at.start]:
        if token.dep_ in ("nsubj", "nsubjpass") and not any(p.start <= token.idx < p.end for p in said):
            subject = token
    if subject is None:
        return None
    left = subject.left_edge
    if not _people_noun(subject):
        subject = _quantity_of(subject)  # "Hundreds of dockworkers walked out.": the dockworkers
        if subject is None or not _people_noun(subject):
            return None
    right = subject
    for child in subject.rights:  # the noun and its modifiers after it, up to a comma or a clause
        if child.dep_ in ("prep", "amod", "compound", "nummod"):
            right = child.right_edge
        else:
            break
    phrase = doc[left.i:right.i + 1]
    if found is not None and found[1].type in ("ORG", "NORP") and found[0].start >= phrase.end_char:
        return None  # a body named since the people ("Residents met Norvel. They said ...")
    words = [t for t in phrase if t.lower_ not in ("the", "a", "an") or t.i != phrase.start]
    return doc[words[0].i:phrase.end].text if words else None


#: a head that counts the people its "of" names ("Hundreds of nurses", "some of the workers"); not "none" ("None of
#: the dockworkers walked out. They said ...": no one of them did, and "they" is not that no one)
_QUANTITY_HEADS = frozenset({"hundreds", "thousands", "dozens", "scores", "millions", "tens", "some", "many", "most",
                             "all", "several", "few", "both", "majority", "number", "handful", "group", "crowd",
                             "team"})


def _quantity_of(subject: Token) -> Token | None:
    """The plural noun a quantity that is a subject counts ("Hundreds of dockworkers": "dockworkers"), or None."""
    if not (subject.lower_ in _QUANTITY_HEADS or subject.like_num) or subject.lower_ in ("one", "1"):
        return None  # "One of the dockworkers walked out": one of them, not the group
    of = next((c for c in subject.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return noun if noun is not None and noun.tag_ == "NNS" else None


def _modifier_only(doc: Doc, mention: Span) -> bool:
    """Whether a mention is a name that modifies a noun ("a Harwick prosecutor", "the Ohio plant"), not a noun
    phrase of its own."""
    named = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return named is not None and len(named) > 0 and named.root.dep_ in ("compound", "amod", "nmod") \
        and named.root.head.pos_ in ("NOUN", "PROPN") and not named.root.head.ent_type_


#: between a noun and a pronoun speaker: a relative pronoun standing for the noun ("the FBI, which they say ...")
_RELATIVE_AFTER = re.compile(rf"[\s,]*(?:{'|'.join(sorted(_RELATIVE))})\s+", re.IGNORECASE)


_PERSON = frozenset({"PERSON"})
_GROUPS = frozenset({"ORG", "NORP", "GPE"})
#: the groups "they" may stand for rather than two people named before them (a place is where they were)
_BODIES = frozenset({"ORG", "NORP"})


#: where a noun phrase's head ends: a comma, a preposition or a post-nominal adjective ("The study, by researchers at
#: ...", "Sources close to the talks", "people familiar with the matter", "An analyst at a London bank")
_AFTER_HEAD = re.compile(r"(?i),|\s(?:of|by|at|from|in|for|with|on|to|close|familiar|near|who|which|that)\s")


def _head_phrase(described: str) -> list[str]:
    """The words of a description up to its head: without a phrase after the head noun."""
    cut = _AFTER_HEAD.search(described)
    return re.findall(r"[\w'’.-]+", (described[:cut.start()] if cut else described).lower())


def _kind_of_phrase(described: str, words: list[str]) -> str:
    """The kind of a description by its head noun ("The study, by researchers at X" is a document, "Sources close
    to the talks" anonymous), else by its last word ("the University of Westbrook study")."""
    by_head = _kind_of_description(_head_phrase(described), records=True)
    if by_head in ("document", "anonymous", "institution"):
        return by_head
    by_end = _kind_of_description(words)  # not a record at the end: "Supporters who watched the speech" are people
    return by_end if by_end != "unresolved" else by_head


def _kind_of_description(words: list[str], records: bool = False) -> str:
    """The kind of a description by its last word; what is recorded (``_RECORD_HEADS``) is a document only with
    ``records``, when that word is the phrase's head."""
    if not words:
        return "unresolved"
    head = words[-1]
    documents = cue_lexicon().document_nouns
    if head in documents or head.rstrip("s") in documents or (records and head in _RECORD_HEADS):
        return "document"
    if head in _ANONYMOUS_HEADS or words[0] in _INDEFINITE:
        return "anonymous"
    if head in _INSTITUTION_HEADS:
        return "institution"
    if head in _PERSONAL | _COLLECTIVE | {"it", "i", "you"}:
        return "unresolved"
    if head.endswith("s") or head.endswith("men"):  # "workers", "policemen" (since 2026-12-07)
        return "group"
    return "unresolved"
