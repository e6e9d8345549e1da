"""The same statement as several sources report it.

Two statements are grouped when they come from different articles, their speakers are not
two different entities (a statement of several speakers, "A and B said", is any of theirs), their contents share at least ``min_shared`` content words (lemmas
of nouns, verbs, adjectives, names and numbers), and either those words are most of the
shorter content's (an overlap coefficient of at least ``min_overlap`` with each word weighed
by its inverse sentence frequency in the story, so the words every report repeats, "Roma",
"France", count for little) or the two contents say it with the same predicate, negated or
alike ("France will not stop its policy of repatriating Roma ..." and "his country will
not stop deporting Roma ...": a content verb other than be, have, do, make or say).  The
same verb or copula negated in one only ("will stop", "will not stop"; "is fair", "is not fair") is never the
same statement, nor is a statement a source says was not made ("did not say that ...") the one another says was,
nor are two statements whose figures differ ("Five workers were killed" and "Seven people died": each gives a count
of its main verb's subject or object that the other does not).  A group joined through a third statement that gives no figure still says that its figures differ.
Each group says how the reports differ: one quotes (in quotation marks) while another
paraphrases, or one names the speaker while another does not.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from spacy.attrs import IS_STOP, LEMMA, POS
from spacy.symbols import ADJ, NOUN, NUM, PROPN, VERB
from spacy.tokens import Doc

from ..models import Quote, StatementGroup
from ..parse.pipeline import doc_columns, doc_text, ids_in, sentence_bounds
from ..resources import _load
from .unionfind import UnionFind


def content_words(quote: Quote, doc: Doc) -> frozenset[str]:
    span = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if span is None:
        return frozenset()
    return _words(span)


def _speaker_entities(quote: Quote) -> frozenset[str]:
    """The entity ids of a statement's speaker and co-speakers ("Manchin and Murkowski said": both)."""
    return frozenset(s.entity_id for s in quote.speakers if s.entity_id)


#: Verbs too light to tell one statement from another by.
_LIGHT_VERBS = frozenset({"be", "have", "do", "make", "say", "get", "go", "take"})


def _main_verb(quote: Quote, doc: Doc) -> tuple[str, bool] | None:
    """The lemma of the content's main verb or copula ("is" of "the toll is fair") and whether it is negated;
    None when the content's root is no verb."""
    span = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    if root.pos_ not in ("VERB", "AUX"):
        # "the toll is (not) fair": the parse roots the clause on its complement, the copula hangs from it
        copulas = [c for c in root.children if c.dep_ == "cop" or c.pos_ == "AUX" and c.lemma_.lower() == "be"]
        if root.pos_ not in ("ADJ", "NOUN", "PROPN") or not copulas:
            return None
        return "be", any(c.dep_ == "neg" for c in root.children)
    return root.lemma_.lower(), any(child.dep_ == "neg" for child in root.children)


#: numbers in words, as the quantity extractor reads them (``data/quantities.toml``); "dozen" is a scale here
_NUMBER_WORDS = {w: n for w, n in _load("quantities.toml")["numbers"].items() if w != "dozen"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "dozen": 12}


def _figure_value(words: list[str]) -> float | None:
    """The value of a run of number tokens ("five", "1,200", "2.5 million", "twenty - five"); None if a token is
    none of digits, a cardinal word or a scale."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        word = word.lower().replace(",", "")
        if word in ("-", "and"):
            continue
        if word in _SCALES:
            current = (current or 1.0) * _SCALES[word]
            if _SCALES[word] >= 1_000:
                total, current = total + current, 0.0
        elif word in _NUMBER_WORDS:
            current += _NUMBER_WORDS[word]
        else:
            try:
                current += float(word)
            except ValueError:
                return None
        seen = True
    return total + current if seen else None


#: the arguments of a content's main verb whose count is the statement's figure
_COUNTED_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})


def figures(quote: Quote, doc: Doc) -> frozenset[float]:
    """The counts a statement gives of what its main verb is about: the number of its subject or object ("Five
    workers were killed": 5; "Seven died": 7; "2.5 million people", "2,500,000 people": one figure).  Other numbers
    (a date's day, a clock time, an age, "for three weeks") are not its figures."""
    span = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if span is None:
        return frozenset()
    root = span.root
    found: set[float] = set()
    for argument in root.children:
        if argument.dep_ not in _COUNTED_ARGUMENTS or not span.start <= argument.i < span.end:
            continue
        if argument.like_num:
            heads = [argument]
        elif argument.pos_ == "NOUN":  # "five workers"; not a name ("Calif. 20")
            heads = [c for c in argument.children if c.dep_ == "nummod"]
        else:
            heads = []
        for head in heads:
            # the number's own words, next to it ("2.5 million", "twenty - five"); not a date's ("05 / 02 / 2013")
            run = [t for t in head.subtree if t.like_num or t.lower_ in _SCALES or t.text == "-"]
            if not head.like_num or run[-1].i - run[0].i != len(run) - 1 or not span.start <= run[0].i <= run[-1].i \
                    < span.end or any(doc[i].text in ("/", ":") for i in (run[0].i - 1, run[-1].i + 1)
                                      if 0 <= i < len(doc)):
                continue
            value = _figure_value([t.text for t in run])
            if value is not None:
                found.add(value)
    return frozenset(found)


def figures_differ(a: frozenset, b: frozenset) -> bool:
    """Whether two sets of figures state different numbers: each holds a figure the other lacks (one stating fewer
    of the same figures is not a difference).  Statements' counts here; sentences' figures in the summary."""
    return bool(a and b and not (a <= b or b <= a))


def negated_cue(quote: Quote, doc: Doc) -> bool:
    """Whether the verb that gives a statement is negated ("did not say", "never claimed"): the source reports
    that the speaker did not say it."""
    span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return span is not None and any(t.dep_ == "neg" or any(c.dep_ == "neg" for c in t.children) for t in span)


def _words(span) -> frozenset[str]:
    """The lower-cased lemmas of the content words (nouns, verbs, adjectives, names, numbers; no stop word) of a
    span or sentence of a doc."""
    table = _content_lemmas(span.doc)
    return frozenset(w for w in table[span.start:span.end] if w is not None)


_TABLE_KEY = "storylens.statements.lemmas"
_CONTENT_POS_IDS = np.array([NOUN, VERB, ADJ, PROPN, NUM], dtype=np.uint64)


def _content_lemmas(doc: Doc) -> list[str | None]:
    """Per token of ``doc``, its lower-cased lemma if it is a content word, else None; read from spaCy's arrays
    (no Token objects) once per doc and kept in its ``user_data`` (a parsed doc is not changed afterwards)."""
    table = doc.user_data.get(_TABLE_KEY)
    if table is None:
        strings = doc.vocab.strings
        rows = doc_columns(doc, [LEMMA, POS, IS_STOP])
        content = (ids_in(rows[:, 1], _CONTENT_POS_IDS) & (rows[:, 2] == 0)).tolist()
        lowered: dict[int, str] = {}
        table = [
            (lowered.get(h) or lowered.setdefault(h, strings[h].lower())) if keep else None
            for h, keep in zip(rows[:, 0].tolist(), content, strict=True)
        ]
        doc.user_data[_TABLE_KEY] = table
    return table


def story_weights(docs: dict[str, Doc]) -> dict[str, float]:
    """Each content word's inverse sentence frequency over the story's articles: log((N + 1) / df)."""
    frequency: Counter[str] = Counter()
    sentences = 0
    for doc in docs.values():
        table = _content_lemmas(doc)
        for start, end in sentence_bounds(doc):
            sentences += 1
            frequency.update(frozenset(w for w in table[start:end] if w is not None))  # _words of the sentence
    return {word: math.log((sentences + 1) / df) for word, df in frequency.items()}


def group_statements(
    quotes: Sequence[Quote], docs: dict[str, Doc], *, min_overlap: float = 0.6, min_shared: int = 4
) -> list[StatementGroup]:
    words = {q.id: content_words(q, docs[q.article_id]) for q in quotes}
    weights: dict[str, float] = {}

    def weight(found: frozenset[str]) -> float:
        if not weights:  # the story's word weights, once a pair shares enough words to need them
            weights.update(story_weights({a: docs[a] for a in {q.article_id for q in quotes}}) or {"": 0.0})
        return sum(weights.get(w, 1.0) for w in found)

    predicates: dict[str, tuple[str, bool] | None] = {}
    denied = {q.id: negated_cue(q, docs[q.article_id]) for q in quotes}
    given = {q.id: figures(q, docs[q.article_id]) for q in quotes}

    def _same_predicate(a: Quote, b: Quote) -> bool | None:
        """True: one main verb (not a light one), negated alike; False: one main verb or copula, negated in one
        only; None: otherwise."""
        for q in (a, b):
            if q.id not in predicates:
                predicates[q.id] = _main_verb(q, docs[q.article_id])
        pa, pb = predicates[a.id], predicates[b.id]
        if pa is None or pb is None or pa[0] != pb[0]:
            return None
        if pa[1] != pb[1]:
            return False
        return None if pa[0] in _LIGHT_VERBS else True

    sets = UnionFind(q.id for q in quotes)
    find = sets.find

    speakers = [_speaker_entities(q) for q in quotes]  # read once, not once per pair
    for i, a in enumerate(quotes):
        ea, wa = speakers[i], words[a.id]
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if a.article_id == b.article_id:
                continue
            eb = speakers[j]
            if ea and eb and not ea & eb:
                continue  # two different entities ("A and B said" and "B said" share B)
            wb = words[b.id]
            shared = wa & wb
            if len(shared) < min_shared:
                continue
            same = _same_predicate(a, b)
            if same is False or denied[a.id] != denied[b.id]:
                continue  # "will stop" and "will not stop", "said" and "did not say": the opposite, not the same
            if figures_differ(given[a.id], given[b.id]):
                continue  # "Five workers were killed" and "Seven people died": different figures, not the same
            if same or weight(shared) >= min_overlap * min(weight(wa), weight(wb)):
                sets.union(a.id, b.id)
    clusters: dict[str, list[Quote]] = {}
    for quote in quotes:
        clusters.setdefault(find(quote.id), []).append(quote)
    groups = []
    for members in clusters.values():
        if len({q.article_id for q in members}) < 2:
            continue
        groups.append(
            StatementGroup(
                id=f"s{len(groups) + 1}",
                quote_ids=[q.id for q in members],
                speakers=sorted({s.entity_id or s.name or "?" for q in members for s in q.speakers}),
                differences=_differences(members, docs) + figure_notes(members, given),
            )
        )
    return groups


#: how a group's note that its statements give different figures begins
FIGURES_DIFFER = "the figures differ"


def figure_notes(members: Sequence[Quote], given: dict[str, frozenset[float]]) -> list[str]:
    """A note, "the figures differ: 5 (article a), 7 (article b)", when two of a group's statements give different
    figures (joined through a third that gives none), so that the group is never shown as reported alike; each
    figure with the articles whose statements give it."""
    if not any(figures_differ(given[a.id], given[b.id]) for i, a in enumerate(members) for b in members[i + 1:]):
        return []
    by_value: dict[float, set[str]] = {}
    for quote in members:
        for value in given[quote.id]:
            by_value.setdefault(value, set()).add(quote.article_id)
    said = (f"{v:g} (article {', '.join(sorted(by_value[v]))})" for v in sorted(by_value))
    return [f"{FIGURES_DIFFER}: {', '.join(said)}"]


def _differences(members: list[Quote], docs: dict[str, Doc]) -> list[str]:
    return statement_differences(members, {q.article_id: doc_text(docs[q.article_id]) for q in members})


#: Opening quotation marks.
_OPENING_MARKS = frozenset("\"“‘«„'")


def in_quotation_marks(quote: Quote, text: str) -> bool:
    """Whether the source put ``quote`` in quotation marks, its article's text being ``text``: a direct statement
    whose every piece opens with a mark or follows one.  A paraphrase, a mixed statement (its own marks show
    what is quoted) and unmarked direct speech ("It is a cruel situation, Gueant told reporters") are not."""
    if quote.kind != "direct":
        return False
    for piece in quote.content_parts or [quote.content]:
        if piece.text[:1] in _OPENING_MARKS:
            continue
        if text[max(0, piece.start - 3): piece.start].rstrip()[-1:] not in _OPENING_MARKS:
            return False
    return True


def statement_differences(members: Sequence[Quote], texts: dict[str, str],
                          name: Callable[[str], str] = str) -> list[str]:
    """How the sources of one statement report it differently (``texts``: each article's text by id; sources
    said by ``name``, an article id by default): one quotes it, in quotation marks or partly (mixed), while
    another paraphrases it or gives it without marks; one names the speaker while another does not."""
    notes = []
    quoting, paraphrasing, unmarked = set(), set(), set()
    for q in members:
        if q.kind == "mixed" or in_quotation_marks(q, texts[q.article_id]):
            quoting.add(q.article_id)
        elif q.kind == "indirect":
            paraphrasing.add(q.article_id)
        else:  # speech without quotation marks ("Savings would reach 180 million euros, she said.")
            unmarked.add(q.article_id)
    paraphrasing -= quoting
    unmarked -= quoting | paraphrasing
    if quoting and (paraphrasing or unmarked):
        parts = [f"quoted by {', '.join(sorted(map(name, quoting)))}"]
        if paraphrasing:
            parts.append(f"paraphrased by {', '.join(sorted(map(name, paraphrasing)))}")
        if unmarked:
            parts.append(f"given without quotation marks by {', '.join(sorted(map(name, unmarked)))}")
        notes.append("; ".join(parts))
    named = sorted({name(q.article_id) for q in members if q.speaker.entity_id})
    unnamed = sorted({name(q.article_id) for q in members if not q.speaker.entity_id})
    if named and unnamed:
        descriptions = "; ".join(f"{name(q.article_id)}: {q.speaker.name!r}" for q in members
                                 if not q.speaker.entity_id)
        notes.append(f"speaker named by {', '.join(named)}; not named by {', '.join(unnamed)} ({descriptions})")
    return notes
