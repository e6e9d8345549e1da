"""An extractive multi-document summary of the story, every sentence citing the spans it comes from.

:func:`summarize` picks sentences from the dossier's articles:

1. **Units**: each article's sentences (the dossier's ranges, else the parsed doc's, else a regex split),
   cut again at line breaks (a headline glued to the first paragraph is two units) and trimmed of
   whitespace and of an opening dateline ("WASHINGTON (AP) — ", "THE HAGUE, Nov 7 (Reuters) - ";
   :mod:`storylens.parse.dateline`), so a unit's text is exactly
   ``article.text[start:end]``; a unit that is only a dateline is dropped.  An interview's speaker label
   opening a line ("COLE: ") is trimmed too; a piece the splitter cut off on its line ("Norvik" | "Steel will
   pay ...") is joined to the next, and so is a quotation that runs on into the next sentences of its line
   (:func:`_article_pieces`).  A unit that is not a whole sentence (:func:`_whole`: a byline, no verb in
   it, a line of its own with no full stop over more text (a subheading, a bullet, a caption) or a line
   ending with a colon, quotation marks that do not balance, or speech whose speaker is only a pronoun and no one is named:
   '"Not one," he said.') is scored with the others but never picked, nor is an
   article's headline (:func:`_is_headline`: its title, or a first line of its own with no full stop over
   a body): on NeuS train records with each article's title put before its text as a file gives it,
   headlines as candidates gave ROUGE-L 0.266 / 0.263 / 0.268 (records 0-300, 2000-2300, 2300-2600),
   never picked but scored and counted in the centroid 0.282 / 0.281 / 0.288, left out altogether
   0.284 / 0.278 / 0.283, picked only as the best sentence 0.265 / 0.269 (not run on the third).
2. **Score**: a logistic model over story-relative features (:data:`FEATURES`): centrality (cosine of the
   unit's content lemmas to the story centroid, where a lemma weighs as many sources as use it),
   cross-source support (best cosine to a sentence of each other article), coverage of the story's main
   entities, position in its article, length, form (quotes, a leading pronoun, first person, a question)
   and its article's centrality.  The weights (``data/summary_weights.toml``) were fitted offline by
   ``eval/train_summary.py`` on NeuS train stories, the label being whether a greedy ROUGE-L oracle
   keeps the unit; ``weights`` overrides some of them.  Opt-in (``embeddings``, the setting
   ``summary_embeddings``, 0 by default): the that many best-scored units are encoded by the sentence encoder
   (all-MiniLM-L6-v2, :mod:`storylens.align.embeddings`) and a linear model over each vector and the vector
   minus their mean is added to their logit, the rest ranked after them (``data/summary_embedding_weights.toml``,
   fitted by ``eval/train_summary.py --embeddings`` on the same stories and labels, beside the shipped score):
   what kind of sentence a roundup reuses, which the lemma features do not see.  On NeuS train stories 0-300 and
   2000- it raised ROUGE-L from 0.284 / 0.283 to 0.290 / 0.291 (8 units encoded), on val only from 0.290 to 0.291,
   at a CPU cost of about 0.15 times the parse of a story of eleven reports (2.9 times for NeuS's three short ones):
   see docs/measured.md, "Summary".
3. **Pick**: greedy maximal marginal relevance (``lambda_ * score - (1 - lambda_) * max cosine to the
   picked``, ``lambda_`` 1 by default: the score alone); a unit that says the same as a picked one
   (:func:`near_duplicate`: its content words alike, names weighing more and words of attribution not
   counted; no figure stated differently; the same negation; from the parse, the main verb of one a verb
   of the other, negated alike: "knew nothing", "never saw" and "did not see" all negate; two units reporting
   a statement of one speaker need no common verb) is never picked: when it comes from another source it is
   cited by the picked sentence
   instead, so a statement carried by three outlets is said once with three citations.  A unit whose
   words merely read like a picked one's (:func:`_repeats`: "kills three" after "kills 4") is not picked
   either, nor cited: the disagreement is stated apart (4.).
4. **Conflicts**: each claim group across two sources or more whose relation is ``conflict``,
   ``different-time`` or ``different-scope`` (and holds no vague amount) becomes one statement in plain
   words (one of each wording: two pairs that read alike are said once): a conflict names each figure once
   with the outlets that give it ("'1,200' (Daily Ledger, Wirepost) and '1,500' (Business Mirror)"), a
   difference of time or scope takes the first sentence of the group's ``reason`` with article ids replaced
   by outlet names ("article <id>" when the outlet is unknown), citing the sentence holding each claim (at most
   ``max_conflicts``, and at most half of ``max_sentences``; they count toward it).
5. **Check**: every citation is verified (:func:`check_citations`): the text is at those offsets, and it
   supports the sentence (an extracted sentence *is* its first citation's text, further citations say
   the same, by the test of step 3 with the parse when given, and one source's further citations together
   hold each coordinated clause of the sentence (:func:`_clauses_supported`: "X said A and that B" is not
   supported by a span that says only A; the picking then also cites the next or previous sentence of that
   source when it says B, else the check drops the citation); a conflict statement contains the text of
   a claim lying inside each cited span).  A failing citation is dropped; a sentence left without citations (a conflict statement left
   with fewer than two) is dropped.

Output order is article by article, each article's sentences in their order in it: first the article of
the best-scored pick, then the next (a roundup follows one report's thread, then adds what others say);
a conflict statement follows the sentence that holds its first claim.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LENGTH, LOWER, ORTH, POS, TAG
from spacy.strings import StringStore
from spacy.symbols import AUX, PROPN, VERB
from spacy.tokens import Doc

from ..align.statements import figures_differ
from ..models import ArticleInfo, Claim, ClaimGroup, Dossier, Span, SummarySentence
from ..parse.dateline import dateline_at, only_dateline
from ..parse.layout import PAGE_STAMP, WEB_PATH, address_line_holding
from ..parse.pipeline import doc_columns, doc_text
from ..parse.tree import DepTree
from ..resources import _load

logger = logging.getLogger(__name__)

#: Dice coefficient of content words at or above which two sentences say the same thing.
DUPLICATE_DICE = 0.5
#: How the summary opens the statement of a claim group whose figures do not line up, by its relation.
STATEMENT_PREFIX = {
    "conflict": "The sources disagree on a figure: ",
    "different-time": "The sources give figures of different times: ",
    "different-scope": "The sources give figures that look alike but differ in scope: ",
}

_WORD = re.compile(r"\w+", re.UNICODE)
_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")


def _stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except Exception:  # spaCy is a dependency; this only guards an odd install
        return frozenset()
    return frozenset(STOP_WORDS)


_STOP = _stop_words()

#: Words of attribution: who said it is not what was said, so they never count as shared content.
REPORTING = frozenset({
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
    "according", "report", "reports", "reported", "reporting", "state", "stated", "note", "notes", "noted",
    "explain", "explained", "announce", "announced", "claim", "claimed", "insist", "insisted", "declare",
    "declared", "assert", "asserted", "statement",
})
#: How much more than another content word a proper name weighs in :func:`dice` and :func:`near_duplicate`.
NAME_WEIGHT = 2.0

_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|nowhere)\b|n['’]t\b", re.I)
#: Numbers in words, as the quantity extractor reads them (``data/quantities.toml``): below twenty, and the tens.
_NUMBERS = _load("quantities.toml")["numbers"]
_SMALL = {w: n for w, n in _NUMBERS.items() if n < 20 and w != "dozen"}
_TENS = {w: n for w, n in _NUMBERS.items() if n >= 20}
_SCALE = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
_ORDINAL = {w: n + 1 for n, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())}
#: Capitalised, but not names: the days and months.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december".split())
_VAGUE = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "billions"})
_NUMBER_WORDS = frozenset(_SMALL) | frozenset(_TENS) | frozenset(_ORDINAL) | _VAGUE | frozenset(
    {"hundred", "thousand", "million", "billion", "trillion", "dozen"})
#: Words whose full stop ends no sentence ("Dr. Ruiz", as "U.S. Forest Service" after a one-letter word).
_ABBREVIATIONS = frozenset("mr mrs ms dr prof st gen col lt sgt gov sen rep jr sr co corp inc ltd no vs".split())
#: Those that stand before a name, so never end a sentence ("said Dr. | Priya Raman" is one sentence cut).
_TITLES = frozenset("mr mrs ms dr prof gen col lt sgt gov sen rep jr sr".split())
#: A piece that opens with a comma, a semicolon or a closing bracket goes on from the piece before it (the
#: splitter cut "Tom Reed Jr . | , 49 , escaped Monday").
_CONTINUES = re.compile(r"[ \t]*[,;)\]]")
#: The end of a sentence, and any opening quote or bracket, before a word: the word opens a sentence.
_OPENING = re.compile(r"[.!?:]\s*[\"'“‘(]*\s*$")
#: A figure in digits: "4", "4,000", "1.3m", "$1.2 million", "2nd", "6.2%".
_DIGITS = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:(st|nd|rd|th)\b|\s?(k|m|mn|bn|tn|hundred|thousand|million|"
    r"billion|trillion)\b)?", re.I)


#: Any number word standing as a word of its own (as :data:`_LETTERS` reads words), in casefolded text.
_NUMBER_WORD_GATE = re.compile(
    r"(?<![^\W\d_])(?<![^\W\d_]['’])(?:"
    + "|".join(sorted(_NUMBER_WORDS | {w for w in _SCALE if len(w) > 2}, key=len, reverse=True))
    + r")(?![^\W\d_])(?!['’][^\W\d_])")


def _figures(text: str) -> frozenset[tuple[str, float | str]]:
    """The figures ``text`` states, digits or words: ("n", 4.0) for "4" and "four", ("n", 1.3e6) for "$1.3m",
    ("o", 3) for "third" and "3rd", ("v", "thousands") for a vague "thousands"."""
    found: set[tuple[str, float | str]] = set()
    for m in _DIGITS.finditer(text):
        value = float(m.group(1).replace(",", "") + (f".{m.group(2)}" if m.group(2) else ""))
        if m.group(3):
            found.add(("o", value))
        else:
            found.add(("n", round(value * _SCALE.get((m.group(4) or "").casefold(), 1), 6)))
    if not _NUMBER_WORD_GATE.search(text.casefold()):
        return frozenset(found)  # no number word: the loop below would find nothing
    inside, total, current = False, 0.0, 0.0  # a run of number words: "two hundred and fifty thousand"
    for m in _LETTERS.finditer(_DIGITS.sub(" ", text)):
        for word in m.group().casefold().split("-"):
            if word in _SMALL or word in _TENS:
                current += _SMALL.get(word, 0) + _TENS.get(word, 0)
            elif word == "dozen":
                current = (current or 1) * 12
            elif word == "hundred":
                current = (current or 1) * 100
            elif word in _SCALE and len(word) > 2:
                total, current = total + (current or 1) * _SCALE[word], 0.0
            elif word == "and" and inside:
                continue
            else:
                if inside:
                    found.add(("n", round(total + current, 6)))
                inside, total, current = False, 0.0, 0.0
                if word in _ORDINAL:
                    found.add(("o", float(_ORDINAL[word])))
                elif word in _VAGUE:
                    found.add(("v", word))
                continue
            inside = True
    if inside:
        found.add(("n", round(total + current, 6)))
    return frozenset(found)


@lru_cache(maxsize=8192)
def _read(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, float | str]], bool]:
    """``text``'s content words (lower-cased; no stop words, words of attribution, one-letter fragments such
    as the "u" and "s" of "U.S.", or figures), those of them written as proper names (capitalised inside a
    sentence, unless nearly all are, as in a headline), its figures and whether it negates."""
    words, names, capitalised = set(), set(), 0
    figures = _figures(text)
    previous = None
    for m in _LETTERS.finditer(text):
        written = m.group()
        word = written.casefold().removesuffix("'s").removesuffix("’s")
        before, previous = previous, m
        if len(word) < 2 or word in _STOP or word in REPORTING or word in _NUMBER_WORDS:
            continue
        words.add(word)
        if written[0].isupper():
            capitalised += 1
            # a capital opening the text or a sentence ("... in Paris. Police said") says nothing of a name
            opening = before is None or (bool(_OPENING.search(text, before.end(), m.start()))
                                         and len(before.group()) > 1 and before.group().casefold() not in _ABBREVIATIONS)
            if not opening and word not in _CALENDAR:
                names.add(word)
    if len(words) >= 3 and capitalised >= 0.9 * len(words):
        names = set()  # a headline in title case or capitals: capitals say nothing there
    return frozenset(words), frozenset(names), figures, bool(_NEGATION.search(text))


def content_words(text: str) -> set[str]:
    """Lower-cased content words of ``text`` (the unit of :func:`near_duplicate`): no stop words, words of
    attribution ("said", "according"), one-letter fragments or figures."""
    return set(_read(text or "")[0])


def _weighted_dice(wa: frozenset[str], wb: frozenset[str], names: frozenset[str]) -> float:
    extra = NAME_WEIGHT - 1.0  # each name counts 1 + extra (sums of whole numbers: exact in floating point)
    total = len(wa) + len(wb) + extra * (len(wa & names) + len(wb & names))
    shared = wa & wb
    return 2 * (len(shared) + extra * len(shared & names)) / total if total else 0.0


def dice(a: str, b: str) -> float:
    """Dice coefficient of the content words of two texts, a proper name in either weighing
    :data:`NAME_WEIGHT` (0 when either has none)."""
    # each sentence is compared with many others: it is read once (cached), not per comparison
    (wa, na, _, _), (wb, nb, _, _) = _read(a or ""), _read(b or "")
    if not wa or not wb:
        return 0.0
    return _weighted_dice(wa, wb, na | nb)


@lru_cache(maxsize=8192)
def _plain_words(text: str) -> frozenset[str]:
    return frozenset(w for w in (w.casefold() for w in _WORD.findall(text)) if w not in _STOP)


def _words_alike(a: str, b: str) -> bool:
    """Whether two texts read alike: Dice of their plain words (figures, names and words of attribution
    included, stop words not) at least :data:`DUPLICATE_DICE`.  Two conflict statements that read alike
    are said once; a unit that reads like a picked one is not picked (:func:`_repeats`)."""
    wa, wb = _plain_words(a), _plain_words(b)
    return bool(wa and wb) and 2 * len(wa & wb) / (len(wa) + len(wb)) >= DUPLICATE_DICE


def near_duplicate(a: str, b: str, threshold: float = DUPLICATE_DICE,
                   predicates: tuple[Predicate | None, Predicate | None] = (None, None),
                   speaker_words: frozenset[str] = frozenset()) -> bool:
    """Whether two sentences say the same thing.

    They must share content words (:func:`dice` at least ``threshold``: words of attribution, stop words,
    one-letter fragments and figures left out, proper names weighing more), must not state different
    figures (``"three"`` against ``4``: see :func:`~storylens.align.statements.figures_differ`) and must both negate or both not.
    ``predicates``, when both are known (from a parse, :func:`_predicate`), must also agree
    (:func:`_predicates_agree`: the main verb of one is a verb of the other, negated alike), so the same
    names and nouns around another action are not the same statement (knowing the predicates never turns
    a "no" into a "yes").  ``speaker_words``: the words of the name of a
    speaker whose statement both report (:func:`speaker_words`); they say who spoke, not what was said, and are
    not counted ("Paula Grange said drivers had been offered 3%" is not "Paula Grange of the union said the
    walkout had total support"; the other names both give still count)."""
    (wa, na, fa, nega), (wb, nb, fb, negb) = _read(a or ""), _read(b or "")
    if not wa or not wb or nega != negb or figures_differ(fa, fb):
        return False
    if speaker_words:
        wa, wb = wa - speaker_words, wb - speaker_words
        if not wa or not wb:
            return False
    if _weighted_dice(wa, wb, na | nb) < threshold:
        return False
    return _predicates_agree(*predicates)


def _repeats(a: _Unit, b: _Unit) -> bool:
    """Whether unit ``a`` would mostly repeat ``b``'s words in the summary (:func:`_words_alike`), whether or
    not they say the same thing: one that differs from a picked unit only in a figure or a negation is not
    picked (a disagreement in figures is stated apart), nor is it cited as saying the same."""
    return _words_alike(a.text, b.text)


def speaker_words(dossier: Dossier, entity_ids: Iterable[str]) -> frozenset[str]:
    """The words of the names (name and aliases) of the entities ``entity_ids``, as :func:`_read` reads words."""
    names = {e.id: [e.name, *e.aliases] for e in dossier.entities}
    return frozenset(word for i in entity_ids for name in names.get(i, ()) for word in _read(name)[0])


def _same_statement(a: _Unit, b: _Unit, dossier: Dossier | None = None) -> bool:
    """Whether two units say the same thing (:func:`near_duplicate`, with their predicates when parsed).  Two
    units reporting a statement of the same speaker are one statement paraphrased when their words, the
    speaker's name left out, are alike, whatever verb each report chose ("he knew nothing about the contracts",
    "he had never seen the contracts"): :func:`near_duplicate` without the predicates (still the same negation
    and no figure stated differently; the speakers' names are known from ``dossier``, the eval scripts' units,
    read without statements, have none)."""
    shared = a.speakers & b.speakers
    if shared:
        words = speaker_words(dossier, shared) if dossier is not None else frozenset()
        return near_duplicate(a.text, b.text, speaker_words=words)
    return near_duplicate(a.text, b.text, predicates=(a.predicate, b.predicate))


class Predicate(NamedTuple):
    """A sentence's main predicate as its parse gives it (:func:`_predicate`)."""

    lemma: str
    negated: bool
    verbs: frozenset[str]  # the lemmas of every verb of the sentence but verbs of attribution, the main one's too


def _predicate(doc, start: int, end: int, arrays=None) -> Predicate | None:
    """The main predicate of ``doc``'s text in ``[start, end)`` (a parsed spaCy doc), or None when the span
    holds no verb at its top (or ``doc`` is no parsed doc).

    The predicate is the first verb whose head lies outside the span (the span's root); a verb of
    attribution ("said") gives way to the clause it reports ("the company *was cooperating*"): its clausal
    complement, else the first verb with a subject of its own below it.  ``arrays``: the doc's
    :func:`_token_arrays`, when the caller has them, read instead of a Token per token."""
    if not isinstance(doc, Doc) or not doc.has_annotation("DEP"):
        return None
    arrays = arrays if arrays is not None else _token_arrays(doc)
    if arrays is not None:
        return _predicate_of_arrays(arrays, start, end)
    try:
        span = doc.char_span(start, end, alignment_mode="expand")
    except Exception:  # offsets outside the doc
        return None
    if span is None:
        return None

    def inside(t) -> bool:
        return span.start <= t.i < span.end

    verb = next((t for t in span if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or not inside(t.head))), None)
    for _ in range(3):
        if verb is None or verb.lemma_.casefold() not in REPORTING:
            break
        reporting = verb
        verb = next((c for c in reporting.children if c.dep_ in _REPORTED_DEPS
                     and c.pos_ in ("VERB", "AUX") and inside(c)), None)
        if verb is None:  # "said in a statement that the company's thoughts were...": a clause further down
            verb = next((t for t in reporting.subtree if t.i != reporting.i and inside(t) and t.pos_ in ("VERB", "AUX")
                         and any(c.dep_ in _SUBJECT_DEPS for c in t.children)), None)
    if verb is None or verb.lemma_.casefold() in REPORTING:
        return None
    lemma = verb.lemma_.casefold()
    verbs = {t.lemma_.casefold() for t in span if t.pos_ == "VERB"} - REPORTING
    return Predicate(lemma, _negated(verb), frozenset(verbs | {lemma}))


#: The dependencies of the clause a verb of attribution reports, and of a clause's own subject.
_REPORTED_DEPS = ("ccomp", "xcomp", "parataxis")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl")


def _predicate_of_arrays(arrays: _TokenArrays, start: int, end: int) -> Predicate | None:
    """:func:`_predicate` read off a doc's :class:`_TokenArrays`: the same walk, over token indices."""
    first, last = arrays.covering(start, end)
    if first >= last:
        return None
    lemmas, pos, heads = arrays.lemmas, arrays.pos_ids, arrays.head_ids
    verb = next((i for i in range(first, last) if (pos[i] == VERB or pos[i] == AUX)
                 and (heads[i] == i or not first <= heads[i] < last)), None)
    if verb is None:
        return None
    for _ in range(3):
        if verb is None or lemmas[verb] not in REPORTING:
            break
        reporting = verb
        deps = arrays.deps
        verb = next((c for c in arrays.children(reporting) if deps[c] in arrays.reported_deps
                     and arrays.is_verb_pos(c) and first <= c < last), None)
        if verb is None:  # "said in a statement that the company's thoughts were...": a clause further down
            verb = next((t for t in arrays.subtree(reporting) if t != reporting and first <= t < last
                         and arrays.is_verb_pos(t) and any(deps[c] in arrays.subject_deps for c in arrays.children(t))),
                        None)
    if verb is None or lemmas[verb] in REPORTING:
        return None
    lemma = lemmas[verb]
    verbs = {lemmas[i] for i in range(first, last) if pos[i] == VERB} - REPORTING
    return Predicate(lemma, arrays.negated(verb), frozenset(verbs | {lemma}))


#: Words that negate the verb they depend on as well as "not" does: "knew *nothing*", "*never* saw", "*no one* came".
_NEGATING = frozenset({"not", "n't", "never", "none", "nothing", "nobody", "neither", "nor", "nowhere"})


def _negated(verb) -> bool:
    """Whether a parsed verb is negated: a negation among its dependents ("did *not* see", "*never* saw"), a
    negative word as its subject, object or complement ("knew *nothing*", "*nobody* saw"), or "no" determining
    one ("had *no* employees"): "nothing", "never", "no" and "not" count alike."""
    for child in verb.children:
        word = child.lower_
        if child.dep_ == "neg" or word in _NEGATING:
            return True
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod") and any(
                c.dep_ == "det" and c.lower_ == "no" for c in child.children):
            return True
    return False


def _predicates_agree(pa: Predicate | None, pb: Predicate | None) -> bool:
    """Whether two sentences' main predicates allow them to say the same thing: unknown (no parse), or the
    main verb of one is a verb of the other ("the river *burst* its banks and flooded the town", "floods
    hit the town after the river *burst* its banks"), negated alike when it is the same verb."""
    if pa is None or pb is None:
        return True
    if pa.lemma == pb.lemma:
        return pa.negated == pb.negated
    return pa.lemma in pb.verbs or pb.lemma in pa.verbs


@dataclass
class _Unit:
    article_index: int
    article_id: str
    position: int
    start: int
    end: int
    text: str
    terms: list[str] = field(default_factory=list)
    n_words: int = 0
    predicate: Predicate | None = None  # from the parse, when there is one
    whole: bool = True  # a whole sentence (:func:`_whole`): only such a unit is picked
    speakers: frozenset[str] = frozenset()  # the entities whose statements the unit reports (:func:`_speakers_in`)
    headline: bool = False  # the article's headline (:func:`_is_headline`)


# ---------------------------------------------------------------------------------------------- units


def _text_of(doc) -> str | None:
    """A doc's text: a spaCy doc's built once (:func:`doc_text`), else its ``text`` attribute if any."""
    if isinstance(doc, Doc):
        return doc_text(doc)
    return getattr(doc, "text", None)


def _sentence_ranges(info: ArticleInfo, doc) -> list[tuple[int, int]]:
    n = len(info.text)
    ranges = [(s, e) for s, e in (info.sentences or []) if 0 <= s < e <= n]
    if not ranges and doc is not None and _text_of(doc) == info.text:
        try:
            ranges = [(s.start_char, s.end_char) for s in doc.sents]
        except Exception:  # a doc without sentence boundaries
            ranges = []
    if not ranges and info.text.strip():
        ranges, start = [], 0
        for match in _SENT_SPLIT.finditer(info.text):
            ranges.append((start, match.start()))
            start = match.end()
        ranges.append((start, n))
    return ranges


_LINE_BREAK_KEPT = re.compile(r"(\n)")
_DIGIT = re.compile(r"\d")


def _pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """``[start, end)`` cut at line breaks and trimmed of whitespace."""
    pos = start
    for line in _LINE_BREAK_KEPT.split(text[start:end]):
        s, e = pos, pos + len(line)
        pos = e
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def _terms(doc, start: int, end: int, text: str, arrays=None) -> list[str]:
    """The unit's terms: the lemmas of its words but stop words (plain words without a parse).  ``arrays``: the
    doc's :func:`_token_arrays`, when the caller has them."""
    if arrays is not None:
        first, last = arrays.covering(start, end)
        if first < last:
            return [term for term in arrays.terms[first:last] if term is not None]
    if doc is not None:
        try:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                return [
                    (t.lemma_ or t.text).casefold()
                    for t in span
                    if not (t.is_stop or t.is_punct or t.is_space) and _WORD.search(t.text)
                ]
        except Exception:  # fall back to plain words
            pass
    return [w for w in (w.casefold() for w in _WORD.findall(text)) if w not in _STOP]


#: A speaker label opening a line of an interview's layout ("COLE: ", "Q: "): a name in capitals and a colon.
_SPEAKER_LABEL = re.compile(r"(?:[A-Z][A-Z'’.-]*(?:[ \t]+[A-Z][A-Z'’.-]*){0,3}|Q|A)[ \t]*:(?:[ \t]+|$)")
#: The interviewer's line of an interview's layout ("Q: Will he give evidence?"): a question, not the story.
_INTERVIEWER = re.compile(r"[ \t]*Q[ \t]*:")
#: A byline ("By Ines Calloway", "By Jane Doe and John Roe, Staff Writers"): the line is the credit, no sentence.
_BYLINE = re.compile(r"By[ \t]+[A-Z][\w'’.-]*(?:,?[ \t]+(?:and[ \t]+|&[ \t]+)?[A-Z][\w'’.-]*)*[ \t]*(?:,[^\n.!?]*)?$")
#: The end of a sentence: a full stop, question or exclamation mark (or a colon), then any closing quote or bracket.
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]]*$")
_DOUBLE_QUOTES = "\"“”"
_CLOSING = "\"”’')]"
#: The most sentences a quotation that runs on is joined across (a longer run is left as its pieces, not whole).
QUOTE_JOIN = 4


def _quote_depth(text: str) -> tuple[int, int]:
    """How ``text``'s double quotation marks fall: (closing marks with no opening before them, opening marks left
    without their closing).  A curly mark says which it is; a straight one opens before a word (at the start or
    after a space or bracket) and closes otherwise."""
    unopened = depth = 0
    for _, opening in _quote_marks(text):
        if opening:
            depth += 1
        elif depth:
            depth -= 1
        else:
            unopened += 1
    return unopened, depth


_DOUBLE_QUOTE_MARK = re.compile(f"[{_DOUBLE_QUOTES}]")


def _quote_marks(text: str) -> Iterable[tuple[int, bool]]:
    """Each double quotation mark of ``text``: its offset and whether it opens (see :func:`_quote_depth`)."""
    for found in _DOUBLE_QUOTE_MARK.finditer(text):  # a jump to each mark, not a look at every character
        i, ch = found.start(), found.group()
        if ch == "\"":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            yield i, (before.isspace() or before in "([{—–-") and not after.isspace()
        else:
            yield i, ch == "“"


#: How far back (in characters) a unit's line is read for an interviewer's label or an attributed quotation.
_LOOK_BACK = 400


def _line_start(text: str, position: int, within: int) -> int | None:
    """Where the line holding ``position`` starts, when it starts at most ``within`` characters back (None when it
    starts further back: a long line's beginning says nothing about a sentence so far from it)."""
    floor = max(0, position - within)
    found = text.rfind("\n", floor, position)
    return found + 1 if found >= 0 else (0 if floor == 0 else None)


def _opens_line(text: str, position: int) -> bool:
    """Whether only spaces or tabs lie between the start of ``position``'s line and it."""
    k = position
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k == 0 or text[k - 1] == "\n"


def _has_verb(doc, start: int, end: int, arrays=None) -> bool | None:
    """Whether ``doc``'s text in ``[start, end)`` holds a verb (an auxiliary counts), None when ``doc`` has no tags.
    ``arrays``: the doc's :func:`_token_arrays`, when the caller has them."""
    arrays = arrays if arrays is not None else _token_arrays(doc)
    if arrays is None:
        return None
    first, last = arrays.covering(start, end)
    if first >= last:
        return None
    return bool(arrays.is_verb[first:last].any())


#: The tags of verbs (every VB* tag of the Penn Treebank set) and modals.
_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD")


class _TokenArrays(NamedTuple):
    """One doc's tokens as lists read from spaCy's arrays, once per doc by :func:`_token_arrays`, for the tests
    made of each of its sentences (:func:`_has_verb`, :func:`_predicate`, :func:`_terms`,
    :func:`_speaker_unnamed`) instead of a Token per token."""

    starts: list[int]  # character offsets
    ends: list[int]
    is_verb: np.ndarray  # a VERB or AUX, a VB* tag or MD
    lemmas: list[str]  # case-folded
    pos_ids: list[int]  # coarse parts of speech
    head_ids: list[int]  # token indices (meaningful when the doc is parsed)
    tree: DepTree  # children and subtrees
    deps: list[int]  # dependency label ids
    lowers: list[int]  # lower-case form ids
    strings: StringStore  # the doc's, for the ids above
    reported_deps: frozenset[int]  # the ids of :data:`_REPORTED_DEPS`
    subject_deps: frozenset[int]  # the ids of :data:`_SUBJECT_DEPS`
    terms: list[str | None]  # each token's term for :func:`_terms` (None: a stop word, punctuation or space)

    def covering(self, start: int, end: int) -> tuple[int, int]:
        """The tokens ``[first, last)`` that ``char_span(start, end, alignment_mode="expand")`` would hold."""
        return bisect_right(self.ends, start), bisect_left(self.starts, end)

    def is_verb_pos(self, i: int) -> bool:
        return self.pos_ids[i] == VERB or self.pos_ids[i] == AUX

    def children(self, i: int) -> list[int]:
        return self.tree.children(i)

    def subtree(self, i: int) -> list[int]:
        return self.tree.subtree(i)

    def negated(self, i: int) -> bool:
        """:func:`_negated` of token ``i``."""
        strings, deps, lowers = self.strings, self.deps, self.lowers
        for c in self.children(i):
            dep = strings[deps[c]]
            if dep == "neg" or strings[lowers[c]] in _NEGATING:
                return True
            if dep in ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod") and any(
                    strings[deps[g]] == "det" and strings[lowers[g]] == "no" for g in self.children(c)):
                return True
        return False


#: (ORTH, LEMMA) ids to the term :func:`_terms` takes from such a token (None: none), kept between docs
_TERMS: dict[tuple[int, int], str | None] = {}
_TERMS_KEPT = 200_000
#: LEMMA ids to their case-folded text, kept between docs (the same bound)
_FOLDED_LEMMAS: dict[int, str] = {}


_ARRAYS_KEY = "storylens.summary.arrays"


def _token_arrays(doc) -> _TokenArrays | None:
    """``doc``'s :class:`_TokenArrays` (None when ``doc`` has no tags), built once per doc and kept in its
    ``user_data`` (a parsed doc is not changed afterwards)."""
    if not isinstance(doc, Doc) or not (doc.has_annotation("POS") or doc.has_annotation("TAG")) or not len(doc):
        return None
    arrays = doc.user_data.get(_ARRAYS_KEY)
    if arrays is None:
        arrays = doc.user_data[_ARRAYS_KEY] = _read_token_arrays(doc)
    return arrays


def _read_token_arrays(doc: Doc) -> _TokenArrays:
    strings = doc.vocab.strings
    rows = doc_columns(doc, [IDX, LENGTH, POS, TAG, HEAD, LEMMA, DEP, LOWER, ORTH, IS_STOP, IS_PUNCT, IS_SPACE])
    pos, tags = rows[:, 2], rows[:, 3]
    is_verb = (pos == VERB) | (pos == AUX)
    for tag in _VERB_TAGS:
        is_verb |= tags == strings[tag]
    starts = rows[:, 0].tolist()
    heads = np.arange(len(rows), dtype=np.int64) + rows[:, 4].astype(np.int64)  # HEAD is an offset
    folded = _FOLDED_LEMMAS
    if len(folded) >= _TERMS_KEPT:
        folded.clear()
    lemmas = [folded.get(h) or folded.setdefault(h, strings[h].casefold()) for h in rows[:, 5].tolist()]
    terms: list[str | None] = [None] * len(rows)
    plain = (rows[:, 9] | rows[:, 10] | rows[:, 11]) == 0  # no stop word, punctuation or space
    for i, key in zip(np.flatnonzero(plain).tolist(), map(tuple, rows[plain][:, [8, 5]].tolist()), strict=True):
        term = _TERMS.get(key, False)
        if term is False:
            text = strings[key[0]]
            term = (lemmas[i] or text.casefold()) if _WORD.search(text) else None
            if len(_TERMS) >= _TERMS_KEPT:
                _TERMS.clear()
            _TERMS[key] = term
        terms[i] = term
    return _TokenArrays(
        starts=starts,
        ends=[a + b for a, b in zip(starts, rows[:, 1].tolist(), strict=True)],
        is_verb=is_verb,
        pos_ids=pos.tolist(),
        head_ids=heads.tolist(),
        tree=DepTree(heads),
        lemmas=lemmas,
        deps=rows[:, 6].tolist(),
        lowers=rows[:, 7].tolist(),
        strings=strings,
        reported_deps=frozenset(strings.add(d) for d in _REPORTED_DEPS),
        subject_deps=frozenset(strings.add(d) for d in _SUBJECT_DEPS),
        terms=terms,
    )


#: The pronouns that stand for a speaker named elsewhere ("'Not one,' he said."), and the verbs of speaking they
#: are the subject of (the lemmas of :data:`REPORTING` and a few more).
_SPEAKER_PRONOUNS = frozenset({"he", "she", "they"})
_SPEAKING = REPORTING | frozenset({"ask", "reply", "warn", "write", "argue", "admit", "acknowledge", "conclude"})


_SPEAKER_PRONOUN = re.compile(r"(?i)\b(?:he|she|they)\b")
#: The written forms of :data:`_SPEAKING`'s verbs, to leave out a sentence with none before reading its parse.
_SPEAKING_WORD = re.compile(r"(?i)\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|add|adds|added|adding|according|"
                            r"report(?:s|ed|ing)?|stat(?:e|es|ed|ing|ement)|not(?:e|es|ed|ing)|explain(?:s|ed|ing)?|"
                            r"announc(?:e|es|ed|ing)|claim(?:s|ed|ing)?|insist(?:s|ed|ing)?|declar(?:e|es|ed|ing)|"
                            r"assert(?:s|ed|ing)?|ask(?:s|ed|ing)?|repl(?:y|ies|ied|ying)|warn(?:s|ed|ing)?|"
                            r"wr(?:ite|ites|ote|iting|itten)|argu(?:e|es|ed|ing)|admit(?:s|ted|ting)?|"
                            r"acknowledg(?:e|es|ed|ing)|conclud(?:e|es|ed|ing))\b")


def _speaker_unnamed(doc, start: int, end: int) -> bool:
    """Whether ``doc``'s sentence in ``[start, end)`` reports speech by a pronoun and names no one: out of its
    article, '"Not one," he said.' or "The contracts were handled by officials, he said." does not say who
    spoke (False when ``doc`` has no parse)."""
    if not isinstance(doc, Doc):
        return False
    text = doc_text(doc)
    if not _SPEAKER_PRONOUN.search(text, start, end) or not _SPEAKING_WORD.search(text, start, end) \
            or not doc.has_annotation("DEP"):
        return False
    arrays = _token_arrays(doc)
    if arrays is not None:
        first, last = arrays.covering(start, end)
        strings, pos = arrays.strings, arrays.pos_ids
        if any(pos[i] == PROPN for i in range(first, last)):
            return False
        return any(strings[arrays.deps[i]] == "nsubj" and strings[arrays.lowers[i]] in _SPEAKER_PRONOUNS
                   and arrays.lemmas[arrays.head_ids[i]] in _SPEAKING for i in range(first, last))
    try:
        span = doc.char_span(start, end, alignment_mode="expand")
    except Exception:  # offsets outside the doc
        return False
    if span is None or any(t.pos_ == "PROPN" for t in span):
        return False
    return any(t.dep_ == "nsubj" and t.lower_ in _SPEAKER_PRONOUNS and t.head.lemma_.casefold() in _SPEAKING
               for t in span)


#: How a sentence ends when it ends with a full stop, a question or exclamation mark (no colon), then any
#: closing quote or bracket.
_FULL_STOP = re.compile(r"[.!?…][\"'”’)\]]*$")


def _layout_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a line of its own over more text that ends with no full stop, question or
    exclamation mark: a heading, a subheading, a bullet or a caption ("Fallout continues after the escape",
    "• Two departments agree"), the page's layout rather than a sentence; or a piece ending its line with a
    colon, which only opens what follows it ("According to a local newspaper:")."""
    piece = text[start:end].rstrip()
    line_end = text.find("\n", end)
    if line_end < 0 or text[end:line_end].strip() or not text[line_end:].strip():
        return False  # not the end of a line over more text
    return piece.endswith(":") or (not _FULL_STOP.search(piece) and _opens_line(text, start))


def _whole(text: str, doc, start: int, end: int, arrays=None) -> bool:
    """Whether ``text[start:end]`` is a whole sentence a summary may give: not a byline nor an interviewer's
    question ("Q: ..."), nor a page's stamp or a web address's path, nor a layout line or a lead-in
    (:func:`_layout_line`), its double quotation marks balanced, not a
    quotation that only goes on from an attributed one (:func:`_continues_quotation`), and a verb in it (when
    ``doc`` tells the parts of speech)."""
    piece = text[start:end]
    line = _line_start(text, start, _LOOK_BACK)
    if _BYLINE.fullmatch(piece) or (line is not None and _INTERVIEWER.match(text, line, start)):
        return False
    if PAGE_STAMP.fullmatch(piece.strip()) or WEB_PATH.search(piece) or _layout_line(text, start, end):
        return False
    if _quote_depth(piece) != (0, 0):
        return False
    if _continues_quotation(text, start, end) or _speaker_unnamed(doc, start, end):
        return False
    return _has_verb(doc, start, end, arrays) is not False


def _all_quoted(piece: str) -> bool:
    """Whether ``piece`` is one quotation and nothing else: its opening mark first, its closing mark last."""
    body = piece.strip()
    depth = 0
    for i, opening in _quote_marks(body):
        if depth == 0 and (i != 0 or not opening):
            return False  # no quotation opening the piece
        depth = depth + 1 if opening else depth - 1
        if depth <= 0:
            return i == len(body) - 1  # the first mark's quotation closes at the very end
    return False


def _continues_quotation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a quotation alone that goes on from an attributed one before it on its line
    ('"Measles is not a mild illness," said Raman. |"It kills."'): who says it is in the sentence before."""
    if not _all_quoted(text[start:end]):
        return False
    line = _line_start(text, start, _LOOK_BACK)
    before = text[max(0, start - _LOOK_BACK) if line is None else line:start]
    return any(q in before for q in _DOUBLE_QUOTES)


def _article_pieces(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An article's sentence pieces: its sentences cut at line breaks (a line opening with a web address left out),
    trimmed of whitespace, of an opening dateline and of an interview's speaker label ("COLE: "), then joined again
    where the sentence splitter cut one sentence (a piece on the line of the next that ends with no full stop, or
    with an abbreviation's, or a piece opening with a comma: "Norvik | Steel will pay", "said Dr. | Priya Raman",
    "Reed Jr. | , 49, escaped"), and where a quotation runs on into the next piece of its line ('"We will
    keep both brands. | We will keep the plants open."'), so a piece's quotation marks balance when its line
    lets them."""
    pieces: list[tuple[int, int]] = []
    for s, e in ranges:
        for ps, pe in _pieces(text, s, e):
            if address_line_holding(text, ps) is not None:
                continue  # a line that is a web address (a saved page's source line): no unit, nor the headline
            # an opening dateline ("THE HAGUE, Nov 7 (Reuters) - ") is left out of the unit, which stays an
            # exact span of the text, starting after it; a unit that is only a dateline is no unit
            if only_dateline(text, ps, pe):
                continue
            dateline = dateline_at(text, ps, pe)
            if dateline and len(_WORD.findall(text, dateline.end, pe)) >= 4:
                ps = dateline.end
            if _opens_line(text, ps):
                label = _SPEAKER_LABEL.match(text, ps, pe)
                if label and (label.end() == pe or _WORD.search(text, label.end(), pe)):
                    ps = label.end()  # a speaker label opening the line is the layout, not the sentence
            if ps < pe and _WORD.search(text, ps, pe):
                pieces.append((ps, pe))
    # a closing quotation mark or bracket the sentence ranges left out ('... open.|"') belongs to its sentence
    for n, (ps, pe) in enumerate(pieces):
        limit = pieces[n + 1][0] if n + 1 < len(pieces) else len(text)
        end = pe
        while end < limit and text[end] in _CLOSING:
            end += 1
        if end > pe and (end == len(text) or text[end].isspace()):
            pieces[n] = (ps, end)
    # the splitter's cuts first: a piece on the line of the next that ends with no full stop is one sentence with it
    sentences: list[tuple[int, int]] = []
    for ps, pe in pieces:
        if sentences and "\n" not in text[sentences[-1][1]:ps]:
            last = text[max(sentences[-1][0], sentences[-1][1] - 24):sentences[-1][1]]  # its end is enough
            words = _LETTERS.findall(last)
            if not _SENTENCE_END.search(last) or _CONTINUES.match(text, ps) or (
                    last.endswith(".") and bool(words) and words[-1].casefold() in _TITLES):
                sentences[-1] = (sentences[-1][0], pe)
                continue
        sentences.append((ps, pe))
    # then a quotation that runs on: joined with the next sentences of its line (at most QUOTE_JOIN in all)
    # when they close it, else left as it is (and not whole)
    joined: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        start, end = sentences[i]
        j = i
        if _quote_depth(text[start:end])[1] > 0:
            k = i
            while k + 1 < len(sentences) and k + 1 - i < QUOTE_JOIN and "\n" not in text[sentences[k][1]:sentences[k + 1][0]]:
                k += 1
                if _quote_depth(text[start:sentences[k][1]]) == (0, 0):
                    j = k
                    break
        joined.append((start, sentences[j][1]))
        i = j + 1
    return joined


def _speakers_in(dossier: Dossier, article_id: str, start: int, end: int,
                 quotes: Iterable | None = None) -> frozenset[str]:
    """The entities whose statements (the dossier's quotes, or ``quotes`` of the article) ``[start, end)`` of an
    article reports: a quote whose content lies inside the range."""
    return frozenset(
        q.speaker.entity_id for q in (dossier.quotes if quotes is None else quotes)
        if q.speaker.entity_id and q.article_id == article_id and start <= q.content.start and q.content.end <= end)


def _starting_in(quotes: list, starts: list[int], start: int, end: int) -> list:
    """The quotes (ordered by their content's start, ``starts``) whose content starts in ``[start, end)``."""
    return quotes[bisect_left(starts, start):bisect_left(starts, end)]


def _is_headline(info: ArticleInfo, start: int, end: int) -> bool:
    """Whether the article's first piece ``[start, end)`` is its headline: its title, or a line of its own
    that ends with no full stop, question or exclamation mark."""
    text = info.text
    if not text[end:].strip():
        return False  # the article's only text: no headline over a body
    piece = text[start:end]
    title = " ".join((info.title or "").split()).casefold()
    if title and " ".join(piece.split()).casefold() == title:
        return True
    line_end = text.find("\n", end)
    alone = (_opens_line(text, start)
             and line_end >= 0 and not text[end:line_end].strip())
    return alone and not _FULL_STOP.search(piece)


def _units(dossier: Dossier, docs: Mapping[str, object]) -> list[_Unit]:
    units: list[_Unit] = []
    quotes: dict[str, list] = {}
    for q in sorted(dossier.quotes, key=lambda q: q.content.start):
        quotes.setdefault(q.article_id, []).append(q)
    content_starts = {article_id: [q.content.start for q in found] for article_id, found in quotes.items()}
    for index, info in enumerate(dossier.articles):
        doc = docs.get(info.id) if isinstance(docs, Mapping) else None
        if doc is not None and _text_of(doc) != info.text:
            logger.warning("the doc given for article %s is not its text: ignored", info.id)
            doc = None
        position = 0
        arrays = _token_arrays(doc)  # once per article, for every sentence's tests
        for ps, pe in _article_pieces(info.text, _sentence_ranges(info, doc)):
            text = info.text[ps:pe]
            n_words = len(_WORD.findall(text))
            if n_words == 0:
                continue
            headline = position == 0 and _is_headline(info, ps, pe)
            units.append(_Unit(index, info.id, position, ps, pe, text, _terms(doc, ps, pe, text, arrays), n_words,
                               _predicate(doc, ps, pe, arrays), _whole(info.text, doc, ps, pe, arrays),
                               _speakers_in(dossier, info.id, ps, pe, _starting_in(quotes.get(info.id, []),
                                                                                   content_starts.get(info.id, []),
                                                                                   ps, pe)), headline))
            position += 1
    return units


# ---------------------------------------------------------------------------------------------- scoring


def _matrix(units: list[_Unit], n_articles: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors (rows, L2-normalised, binary terms weighted by log idf over units) and the centroid."""
    vocab: dict[str, int] = {}
    for unit in units:
        for term in unit.terms:
            vocab.setdefault(term, len(vocab))
    x = np.zeros((len(units), max(1, len(vocab))))
    sources = np.zeros(max(1, len(vocab)))
    seen: dict[int, set[int]] = {}
    for row, unit in enumerate(units):
        for term in set(unit.terms):
            col = vocab[term]
            x[row, col] = 1.0
            seen.setdefault(col, set()).add(unit.article_index)
    for col, arts in seen.items():
        sources[col] = len(arts)
    df = x.sum(axis=0)
    idf = np.log((1 + len(units)) / (1 + df)) + 1.0
    x = x * idf
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    # the story's centroid: a lemma weighs as many sources as use it (shared words are the story)
    centroid = (sources ** 2) * idf if n_articles > 1 else df * idf
    norm = np.linalg.norm(centroid)
    return x, (centroid / norm if norm > 0 else centroid)


def _scaled(values: np.ndarray) -> np.ndarray:
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def _main_entities(dossier: Dossier, docs: Mapping[str, object]) -> list[list[tuple[str, int, int]]]:
    """The story's main entities, each as its mentions (article id, start, end)."""
    entities = [e for e in dossier.entities if e.mentions]
    if entities:
        shared = [e for e in entities if len({m.article_id for m in e.mentions}) >= 2]
        chosen = shared or sorted(entities, key=lambda e: -len(e.mentions))[:5]
        return [[(m.article_id, m.start, m.end) for m in e.mentions] for e in chosen]
    by_name: dict[str, list[tuple[str, int, int]]] = {}
    for article_id, doc in docs.items() if isinstance(docs, Mapping) else ():
        for ent in getattr(doc, "ents", ()):
            if ent.label_ in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"}:
                by_name.setdefault(ent.text.casefold(), []).append((article_id, ent.start_char, ent.end_char))
    shared = [m for m in by_name.values() if len({a for a, _, _ in m}) >= 2]
    return shared or sorted(by_name.values(), key=len, reverse=True)[:5]


def _entity_coverage(units: list[_Unit], entities: list[list[tuple[str, int, int]]]) -> np.ndarray:
    cover = np.zeros(len(units))
    if not entities:
        return cover
    # each entity's mention starts per article, sorted: a unit holds a mention when one starts in it
    starts: list[dict[str, list[int]]] = []
    for mentions in entities:
        by_article: dict[str, list[int]] = {}
        for a, s, _ in mentions:
            by_article.setdefault(a, []).append(s)
        starts.append({a: sorted(found) for a, found in by_article.items()})
    for row, unit in enumerate(units):
        held = 0
        for by_article in starts:
            found = by_article.get(unit.article_id)
            if found:
                k = bisect_left(found, unit.start)
                held += k < len(found) and found[k] < unit.end
        cover[row] = held / len(entities)
    return cover


#: The unit features the sentence scorer weighs, in this order (see :func:`_features`).
FEATURES = (
    "central", "support", "support_max", "entities", "inv_position", "first", "second", "relative_position",
    "length", "short8", "short15", "quote", "pronoun_start", "first_person", "question", "digit", "said",
    "no_final_punct", "article_central", "single_unit_article", "article_units", "central_first", "support_first",
)
_PRONOUN_START = frozenset({"he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "their", "its"})
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us"})
_QUOTES = ('"', "\u201c", "\u201d")
_FINAL = (".", "!", "?", '"', "\u201d", "'")


@lru_cache(maxsize=1)
def sentence_model() -> tuple[dict[str, float], float]:
    """The learned sentence scorer: a weight per feature and an intercept (``data/summary_weights.toml``)."""

    table = _load("summary_weights.toml")
    weights = {name: float(table["weights"].get(name, 0.0)) for name in FEATURES}
    return weights, float(table.get("intercept", 0.0))


def _features(units: list[_Unit], x: np.ndarray, centroid: np.ndarray, coverage: np.ndarray,
              n_articles: int, sims: np.ndarray | None = None) -> np.ndarray:
    """One row per unit, the columns of :data:`FEATURES` (story-relative scores, position, form).

    ``sims`` is ``x @ x.T`` when the caller has it already (the product is the costly part)."""
    if sims is None:
        sims = x @ x.T
    central = _scaled(np.clip(x @ centroid, 0, None))
    article = np.array([u.article_index for u in units])
    support = np.zeros(len(units))
    support_max = np.zeros(len(units))
    if n_articles > 1:
        others = set(article.tolist())
        # the best cosine of each unit to each article's units: one column per article
        best_in = {other: sims[:, article == other].max(axis=1).tolist() for other in others}
        for row, own in enumerate(article.tolist()):
            best = [best_in[other][row] for other in others if other != own]
            support[row] = sum(best) / (n_articles - 1) if best else 0.0
            support_max[row] = max(best) if best else 0.0
    support = _scaled(support)
    coverage = _scaled(coverage)
    per_article: dict[int, int] = {}
    for unit in units:
        per_article[unit.article_index] = per_article.get(unit.article_index, 0) + 1
    article_central = {a: float(central[article == a].mean()) for a in per_article}
    rows = []
    for i, unit in enumerate(units):
        words = [w.casefold() for w in _WORD.findall(unit.text)]
        n, count = len(words), per_article[unit.article_index]
        rows.append([
            central[i], support[i], support_max[i], coverage[i],
            1.0 / (1 + unit.position), float(unit.position == 0), float(unit.position == 1),
            unit.position / (count - 1) if count > 1 else 0.0,
            min(n, 60) / 60, float(n < 8), float(n < 15),
            float(any(q in unit.text for q in _QUOTES)), float(bool(words) and words[0] in _PRONOUN_START),
            float(any(w in _FIRST_PERSON for w in words)), float("?" in unit.text),
            float(bool(_DIGIT.search(unit.text))), float(" said" in unit.text or " says" in unit.text),
            float(not unit.text.rstrip().endswith(_FINAL)),
            article_central[unit.article_index], float(count == 1), min(count, 10) / 10,
            central[i] * (unit.position == 0), support[i] * (unit.position == 0),
        ])
    return np.array(rows, dtype=float).reshape(len(units), len(FEATURES))


def _scores(features: np.ndarray, weights: Mapping[str, float], intercept: float) -> np.ndarray:
    """Each unit's probability of belonging in the summary under the learned logistic model."""
    w = np.array([weights.get(name, 0.0) for name in FEATURES])
    return 1.0 / (1.0 + np.exp(-(features @ w + intercept)))


#: The summary's embedding re-ranking (opt-in, ``summary_embeddings``): its weights' file and the model they fit.
EMBEDDING_WEIGHTS = "summary_embedding_weights.toml"


@lru_cache(maxsize=1)
def embedding_model() -> tuple[np.ndarray, float]:
    """The re-ranking's weights (one per column of :func:`_embedding_columns`: a unit's all-MiniLM-L6-v2 vector,
    then that vector minus the mean of the encoded units' vectors) and their scale, the factor turning the dense
    part into the shipped score's logit units (``data/summary_embedding_weights.toml``, written by
    ``eval/train_summary.py --embeddings``)."""
    table = _load(EMBEDDING_WEIGHTS)
    return np.array(table["weights"], dtype=float), float(table["scale"])


def _embedding_columns(vectors: np.ndarray) -> np.ndarray:
    """The re-ranking's columns for unit-length sentence vectors (rows): each vector, and it minus their mean
    (what sets a sentence apart from the rest of its story)."""
    e = np.asarray(vectors, dtype=float)
    return np.hstack([e, e - e.mean(axis=0)])


def _embedding_offsets(units: list[_Unit], logit: np.ndarray, top_k: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The ``top_k`` units best scored by the shipped scorer (``logit``, its logits) and what their sentence
    embeddings add to their logits (None when the encoder or its weights cannot be had, so the shipped score
    stands).  Only those units are encoded: the encoder costs more than the parse per word, and the picking
    rarely goes past the first few."""
    from ..align.embeddings import embed  # NumPy BERT: loaded only when the setting asks for it
    from ..errors import ModelNotFound

    top = np.argsort(-logit, kind="stable")[:top_k]
    try:
        weights, scale = embedding_model()
        vectors = embed([units[i].text for i in top])
    except (ModelNotFound, OSError, KeyError, ValueError) as exc:
        logger.warning("summary embeddings unavailable (%s): the sentences are ranked without them", exc)
        return None
    if vectors.shape[1] * 2 != len(weights):
        logger.warning("summary embeddings of width %d do not fit the weights (%d columns): not used",
                       vectors.shape[1], len(weights))
        return None
    return top, scale * (_embedding_columns(vectors) @ weights)


# ---------------------------------------------------------------------------------------------- checks


def _span_of(dossier: Dossier, article_id: str, start: int, end: int) -> Span:
    return Span(article_id=article_id, start=start, end=end, text=dossier.article(article_id).text[start:end])


def _claims_within(dossier: Dossier, citation: Span) -> list[Claim]:
    return [
        c for c in dossier.claims
        if c.span.article_id == citation.article_id and citation.start <= c.span.start and c.span.end <= citation.end
    ]


def _parsed(docs: Mapping[str, object] | None, texts: Mapping[str, str]) -> dict[str, Doc]:
    """The docs of ``docs`` that are parses of their article's text (others are not read)."""
    if not isinstance(docs, Mapping):
        return {}
    return {a: d for a, d in docs.items() if isinstance(d, Doc) and a in texts and doc_text(d) == texts[a]}


#: Where a sentence's coordinated clauses part: a semicolon, ", and" / ", but", or "and that" / "but that".
_CLAUSE_BREAK = re.compile(r"\s*;\s+|,\s+(?:and|but)\s+|\s+(?:and|but)\s+that\s+")
#: The share of a clause's content words that the cited spans of one source must hold for them to support it.
CLAUSE_SUPPORT = 0.5


def _clauses(text: str) -> list[frozenset[str]]:
    """The content words (:func:`content_words`) of each coordinated clause of ``text`` ("the evidence was
    overwhelming | and that Okafor had lied to the council"), clauses without content words left out."""
    return [w for w in (_read(part)[0] for part in _CLAUSE_BREAK.split(text)) if w]


def _clauses_supported(text: str, cited: Iterable[str]) -> bool:
    """Whether the cited texts of one source, together, hold at least :data:`CLAUSE_SUPPORT` of the content words
    of each coordinated clause of ``text`` (a sentence of one clause: always)."""
    clauses = _clauses(text)
    if len(clauses) < 2:
        return True
    held = frozenset().union(*(_read(t)[0] for t in cited))
    return all(len(c & held) >= CLAUSE_SUPPORT * len(c) for c in clauses)


def _says_same(sentence: SummarySentence, citation: Span, dossier: Dossier,
               parsed: Mapping[str, Doc]) -> bool:
    """Whether ``citation`` (another source) says what the extracted ``sentence`` says (:func:`near_duplicate`,
    with the parse's predicates unless both report a statement of one speaker)."""
    first = sentence.citations[0]
    predicates = tuple(_predicate(parsed.get(c.article_id), c.start, c.end) for c in (first, citation))
    shared = _speakers_in(dossier, first.article_id, first.start, first.end) & _speakers_in(
        dossier, citation.article_id, citation.start, citation.end)
    if shared:  # one speaker's statement, paraphrased: see _same_statement
        return near_duplicate(sentence.text, citation.text, speaker_words=speaker_words(dossier, shared))
    return near_duplicate(sentence.text, citation.text, predicates=predicates)


def _citation_problem(sentence: SummarySentence, index: int, dossier: Dossier, texts: Mapping[str, str],
                      parsed: Mapping[str, Doc] | None = None) -> str | None:
    citation = sentence.citations[index]
    where = f"citation {index} ({citation.article_id} {citation.start}:{citation.end})"
    text = texts.get(citation.article_id)
    if text is None:
        return f"{where}: no such article"
    if not (0 <= citation.start < citation.end <= len(text)):
        return f"{where}: offsets outside the article's text"
    if text[citation.start:citation.end] != citation.text:
        return f"{where}: the cited text is not the article's text at those offsets"
    if citation.text == sentence.text:
        return None
    first = sentence.citations[0]
    if index > 0 and first.text == sentence.text:
        # another source's citations of an extracted sentence, taken together: one of them says the same, and
        # together they hold each of its coordinated clauses (not only "the evidence was overwhelming" of
        # "... said the evidence was overwhelming and that Okafor had lied"); each shares some of its words
        parsed = parsed or {}
        same = [c for c in sentence.citations[1:] if c.article_id == citation.article_id]
        if (content_words(citation.text) & content_words(sentence.text)
                and any(_says_same(sentence, c, dossier, parsed) for c in same)):
            if _clauses_supported(sentence.text, [c.text for c in same]):
                return None
            return f"{where}: the cited text supports only part of the sentence's clauses"
    claims = _claims_within(dossier, citation)
    if claims and any(c.span.text and c.span.text in sentence.text for c in claims):
        if not any(sentence.text in t for t in texts.values()):
            return None
    return f"{where}: the cited text does not support the sentence"


def check_citations(summary: list[SummarySentence], dossier: Dossier,
                    docs: Mapping[str, object] | None = None) -> list[str]:
    """The problems of ``summary``'s citations (empty when every one checks).

    A citation checks when its article exists, its text is the article's text at its offsets, and it
    supports its sentence: the sentence is the cited text, or (after a first citation that is the
    sentence) a near-duplicate of it in another source (:func:`near_duplicate`: the same content words, no
    different figures, the same negation; with ``docs``, the articles' parsed docs, the same main
    predicate weighs too), or (a statement written by storylens, not
    found in any article) a claim lying inside the cited span has its text in the sentence.
    """
    problems: list[str] = []
    try:
        texts = {a.id: a.text for a in dossier.articles}
        parsed = _parsed(docs, texts)
        for n, sentence in enumerate(summary):
            if not sentence.citations:
                problems.append(f"sentence {n}: no citation")
            for i in range(len(sentence.citations)):
                problem = _citation_problem(sentence, i, dossier, texts, parsed)
                if problem:
                    problems.append(f"sentence {n}: {problem}")
    except Exception as exc:  # a malformed summary is a problem to report, not a crash
        problems.append(f"the check failed: {type(exc).__name__}: {exc}")
    return problems


def _checked(sentence: SummarySentence, dossier: Dossier, texts: Mapping[str, str], minimum: int,
             parsed: Mapping[str, Doc] | None = None) -> SummarySentence | None:
    kept = []
    for i in range(len(sentence.citations)):
        problem = _citation_problem(sentence, i, dossier, texts, parsed)
        if problem:
            logger.debug("summary citation dropped: %s", problem)  # the check at work, not a fault
        else:
            kept.append(sentence.citations[i])
    if len(kept) < minimum:
        return None
    return SummarySentence(text=sentence.text, citations=kept)


# ---------------------------------------------------------------------------------------------- statements


def _outlet_names(dossier: Dossier) -> dict[str, str]:
    names: dict[str, str] = {}
    for info in dossier.articles:
        name = (info.outlet or "").strip()
        names[info.id] = f"{name}, article {info.id}" if not name or name in names.values() else name
        if not name:
            names[info.id] = f"article {info.id}"
    return names


def _figures_said(group: ClaimGroup, members: list, names: Mapping[str, str]) -> str:
    """What a disagreement is, in one sentence.  A conflict lists each figure once with the sources that give it
    ("'1,200' (Daily Ledger, Wirepost) and '1,500' (Business Mirror)"): a group holds every source's figure, and
    its reason, which walks through every pair (agreements and repeats included), is for the figures table.  A
    difference of time or scope keeps the reason's first sentence, the pair whose periods or scopes differ."""
    if group.relation != "conflict":
        reason = group.reason.strip()
        first = _SENT_SPLIT.split(reason, maxsplit=1)[0] if reason.count("' (") > 2 else reason
        for article_id in {c.article_id for c in members}:
            first = first.replace(f"({article_id})", f"({names.get(article_id, article_id)})")
        return first
    said: dict[tuple, tuple[str, list[str]]] = {}
    for claim in members:
        # a count's unit is the noun it counts: "Five workers" and "five people" of one toll are one figure
        key = (claim.value, claim.value_max, None if claim.kind == "count" else claim.unit)
        text, outlets = said.setdefault(key, (claim.span.text, []))
        outlet = names.get(claim.article_id, claim.article_id)
        if outlet not in outlets:
            outlets.append(outlet)
    figures = [f"'{text}' ({', '.join(outlets)})" for text, outlets in said.values()]
    return (", ".join(figures[:-1]) + " and " + figures[-1] if len(figures) > 1 else figures[0]) + "."


def _statement(group: ClaimGroup, dossier: Dossier, units: list[_Unit]) -> tuple[SummarySentence, list[int]] | None:
    claims = {c.id: c for c in dossier.claims}
    members = [claims[i] for i in group.claim_ids if i in claims]
    if len(members) < 2 or not group.reason.strip():
        return None
    names = _outlet_names(dossier)
    text = STATEMENT_PREFIX.get(group.relation, "") + _figures_said(group, members, names)
    citations, holders = [], []
    for claim in members:
        index = next(
            (i for i, u in enumerate(units) if u.article_id == claim.article_id and u.start <= claim.span.start
             and claim.span.end <= u.end),
            None,
        )
        if index is None:
            return None
        unit = units[index]
        span = _span_of(dossier, unit.article_id, unit.start, unit.end)
        if span not in citations:
            citations.append(span)
            holders.append(index)
    return SummarySentence(text=text, citations=citations), holders


# ---------------------------------------------------------------------------------------------- summary


def summarize(
    dossier: Dossier,
    docs: Mapping[str, object] | None = None,
    *,
    max_sentences: int = 8,
    max_conflicts: int = 3,
    max_words: int | None = None,
    lambda_: float = 1.0,
    weights: Mapping[str, float] | None = None,
    embeddings: int = 0,
) -> list[SummarySentence]:
    """An extractive summary of ``dossier``'s articles, at most ``max_sentences`` sentences, all cited.

    ``docs`` maps article ids to their parsed spaCy ``Doc`` (lemmas, stop words, entities); an article
    without one is read with plain words.  ``max_words``, when given, also stops the picking once the
    summary has that many words (the sentence that reaches it is kept whole).  ``embeddings`` (opt-in, 0: off)
    re-ranks the that many best-scored units by their sentence embeddings (:func:`_embedding_offsets`); the other
    units come after them.  Never raises: odd input gives a shorter (or empty) summary.
    """
    try:
        with _one_blas_thread():
            return _summarize(dossier, docs or {}, max_sentences, max_conflicts, max_words, lambda_, weights,
                              embeddings)
    except Exception:
        logger.exception("the summary failed; no summary is given")
        return []


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # optional: without it the products run as numpy's BLAS is set up
        return None
    return ThreadpoolController()


def _one_blas_thread():
    """A context in which numpy's BLAS runs on one thread (through ``threadpoolctl`` when installed).

    The summary's products are small (a few hundred units by a few thousand lemmas): waking BLAS threads
    costs more than it saves, measured at 5-7 times the CPU seconds of one thread on a 2-core machine with
    other work running.  Each product's entries are computed the same way on one thread or several (BLAS
    splits the output, not the sums), so the figures are the same.
    """
    controller = _blas_controller()
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


def _summarize(dossier: Dossier, docs: Mapping[str, object], max_sentences: int, max_conflicts: int,
               max_words: int | None, lambda_: float, weights: Mapping[str, float] | None,
               embeddings: int = 0) -> list[SummarySentence]:
    if max_sentences < 1 or not dossier.articles:
        return []
    units = _units(dossier, docs)
    if not units:
        return []
    texts = {a.id: a.text for a in dossier.articles}
    parsed = _parsed(docs, texts)
    n_articles = len({u.article_index for u in units})

    claim_article = {c.id: c.article_id for c in dossier.claims}
    vague = {c.id for c in dossier.claims if c.approx == "vague"}
    statements: list[tuple[SummarySentence, list[int]]] = []
    budget = min(max(0, max_conflicts), max_sentences // 2)
    for group in dossier.claim_groups:
        if len(statements) >= budget:
            break
        if (group.relation not in STATEMENT_PREFIX or len({claim_article[i] for i in group.claim_ids}) < 2
                or any(i in vague for i in group.claim_ids)):
            continue  # one source's own figures, or a vague "thousands", are not the sources disagreeing
        made = _statement(group, dossier, units)
        if made is None or any(_words_alike(made[0].text, said.text) for said, _ in statements):
            continue  # two pairs of one kind of disagreement read alike: the first one says it
        checked = _checked(made[0], dossier, texts, minimum=2)
        if checked is not None:
            statements.append((checked, made[1]))

    x, centroid = _matrix(units, n_articles)
    coverage = _entity_coverage(units, _main_entities(dossier, docs))
    model_weights, intercept = sentence_model()
    if weights is not None:
        model_weights, intercept = {**model_weights, **weights}, float(weights.get("intercept", intercept))
    sims = x @ x.T  # one product for the features and the picking
    features = _features(units, x, centroid, coverage, n_articles, sims)
    score = _scores(features, model_weights, intercept)
    if embeddings > 0:
        logit = features @ np.array([model_weights.get(name, 0.0) for name in FEATURES]) + intercept
        found = _embedding_offsets(units, logit, embeddings)
        if found is not None:  # the encoded units first, by their new score; the rest after, in the shipped order
            top, offsets = found
            score = score - 1.0
            score[top] = 1.0 / (1.0 + np.exp(-(logit[top] + offsets)))

    picked: list[tuple[SummarySentence, int]] = []
    chosen: list[int] = []
    used: set[int] = set()
    want = max_sentences - len(statements)
    words = sum(len(s.text.split()) for s, _ in statements)
    sharing: dict[str, list[int]] = {}  # the units holding each content word (as :func:`near_duplicate` reads them)
    for j, other in enumerate(units):
        for word in _read(other.text)[0]:
            sharing.setdefault(word, []).append(j)
    redundancy = np.zeros(len(units))  # each unit's greatest cosine to a chosen unit (0 before the first)
    open_ = np.array([u.whole and not u.headline for u in units], dtype=bool)  # not yet used, nor to leave out
    while len(picked) < want and (max_words is None or words < max_words):
        if not open_.any():
            break
        values = lambda_ * score - (1 - lambda_) * redundancy
        best = int(np.flatnonzero(open_)[np.argmax(values[open_])])  # the first of the best, as a scan would
        used.add(best)
        open_[best] = False
        unit = units[best]
        if any(_repeats(unit, units[j]) for j in chosen):
            continue
        redundancy = sims[:, best].copy() if not chosen else np.maximum(redundancy, sims[:, best])
        chosen.append(best)
        citations = [_span_of(dossier, unit.article_id, unit.start, unit.end)]
        same: dict[str, list[int]] = {}  # another article's units that say the same, in order
        for j in sorted({k for word in _read(unit.text)[0] for k in sharing[word]}):  # no shared word: not the same
            other = units[j]
            if j in used or not _same_statement(unit, other, dossier):
                continue
            used.add(j)  # said once: a near-duplicate is cited, never picked again
            open_[j] = False
            if other.article_id != unit.article_id:
                same.setdefault(other.article_id, []).append(j)
        for found in same.values():
            # the one to cite: the same words, else one that holds every clause of the unit, a body's sentence
            # before a headline; else the first, with the next (or previous) sentence of its article when that
            # says the rest ('"The evidence is overwhelming," X said. | "... He lied to the council."')
            j = min(found, key=lambda k: (units[k].text != unit.text,
                                          not _clauses_supported(unit.text, [units[k].text]),
                                          units[k].headline, k))
            other = units[j]
            citations.append(_span_of(dossier, other.article_id, other.start, other.end))
            if not _clauses_supported(unit.text, [other.text]):
                for k in (j + 1, j - 1):  # else the check drops the citation
                    if (0 <= k < len(units) and units[k].article_id == other.article_id
                            and _clauses_supported(unit.text, [other.text, units[k].text])):
                        citations.append(_span_of(dossier, units[k].article_id, units[k].start, units[k].end))
                        used.add(k)
                        open_[k] = False
                        break
        checked = _checked(SummarySentence(text=unit.text, citations=citations), dossier, texts, minimum=1, parsed=parsed)
        if checked is not None and checked.citations[0].text == unit.text:
            picked.append((checked, best))
            words += len(unit.text.split())

    # article by article (the article of the best-scored pick first), each in its own order: a roundup
    # follows one report's thread before the next; a conflict statement follows its first claim's sentence
    best_score: dict[int, float] = {}
    for _, i in picked:
        a = units[i].article_index
        best_score[a] = max(best_score.get(a, -math.inf), float(score[i]))
    rank = {a: r for r, a in enumerate(sorted(best_score, key=lambda a: (-best_score[a], a)))}

    def key(i: int, kind: int) -> tuple:
        unit = units[i]
        return rank.get(unit.article_index, len(rank) + unit.article_index), unit.position, kind

    keyed = [(s, key(i, 0)) for s, i in picked] + [(s, min(key(i, 1) for i in holders)) for s, holders in statements]
    ordered = [s for s, _ in sorted(keyed, key=lambda item: item[1])][:max_sentences]
    return [s for s in ordered if not check_citations([s], dossier, parsed)]
