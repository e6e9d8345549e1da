"""Who said what in one article: direct quotes and reported speech, from the dependency parse.

A pure function of ``(Article, Doc)``.  An attribution is a *cue* (a verb of saying such
as "said", "told", "urged", or "according to"), a *source* (its subject, or the object of
"according to") and a *content* (what was said).  The content is found by the shape of
the sentence, so quotation marks are a clue, not a requirement:

- a clause complement: "Besson said [he wanted to state clearly that ...]";
- an object and an infinitive: "The U.N. Committee urged [France to try to integrate ...]";
- "describe X as Y": "Besson described [the resolution as 'political diktat']";
- a clause before the cue, with or without quotation marks:
  "[It is a cruel, unacceptable situation], Gueant told reporters";
- what follows a colon, to the end of the paragraph:
  "One Roma told BBC: [If I am expelled, I will definitely return ...]";
- "according to X, [...]".

In an article that marks no statement with quotation marks, unmarked speech before its cue goes on in
the next sentences of the paragraph that are in the speaker's voice ("[It is a cruel situation], Gueant
told reporters. [These children are exploited ...]").

A content that reaches into a quotation extends to the whole quotation, across sentences
("... ramp up the language - ... - we think is extremely dangerous," said Jean Lambert).
Quotation marks are paired within paragraphs; an unbalanced mark runs to the paragraph's
end and never makes an article fail.

Speakers here are spans of this article; :mod:`storylens.align.speakers` links them to the
story's entities (pronouns and titles included).
"""

from __future__ import annotations

import bisect
import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS, TAG
from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from ..models import Article, Quote, Span, Speaker
from ..parse.dateline import dateline_at, dateline_holding, datelines
from ..parse.pipeline import doc_columns, doc_text, sentence_bounds
from ..parse.tree import DepTree
from ..resources import _load

_OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"', "``": "''", "''": "''"}
_MIXED_CLOSERS = {"“": '"', '"': "”"}
_CLOSERS = frozenset({"”", '"', "'", "’", "''", "»", ")", "]"})
#: the first characters of :data:`_OPENERS`: every other character of a paragraph is passed over at once
_OPENER_START = re.compile("[" + re.escape("".join(sorted({k[0] for k in _OPENERS}))) + "]")
_SOURCE_DROP_DEPS = frozenset({"relcl", "appos", "acl", "punct", "advcl", "parataxis"})
_TRIM_CHARS = " \t\n,;:-–—"
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
#: Cues that also introduce speech placed before them or after a colon ("..., Gueant told reporters").
_PLAIN_SPEECH = frozenset(
    {"say", "tell", "add", "warn", "insist", "argue", "explain", "note", "claim", "state", "write",
     "declare", "stress", "conclude", "reply", "respond", "ask", "acknowledge", "admit", "continue",
     "tweet", "post", "predict", "promise", "vow", "caution", "complain", "recall", "report", "announce",
     "confirm", "deny", "concede", "joke", "quip", "exclaim", "observe", "remark", "comment", "urge", "charge"}
)


@dataclass(frozen=True)
class CueLexicon:
    speech_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    source_prepositions: tuple[str, ...]
    document_nouns: frozenset[str]
    stance_verbs: frozenset[str]
    object_verbs: frozenset[str]
    cue_verbs: frozenset[str]
    clause_verbs: frozenset[str]  # verbs whose clause complement is a content
    preposition_cues: frozenset[str]  # "speak about": verb lemma and preposition whose object is a content
    noun_cues: frozenset[str]  # "claim that", "plan to", "concern about": see noun_frames
    passive_cues: frozenset[str]  # "[Trump] is expected [to win]": see passive_frame
    adjective_cues: frozenset[str] = frozenset()  # "confident that", "critical of": see adjective_frames
    #: the lemmas of the frames learnt at a lower rate (``weak`` in ``cue_frames.toml``): a statement found only
    #: through one of them is marked for the learnt filter, which weighs it (see :func:`statement_features`)
    weak_lemmas: frozenset[str] = frozenset()
    with_weak: CueLexicon | None = None  # the same lexicon with the weak frames, read by the first pass alone


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The hand-written lists of ``cues.toml``, amended by the frames learnt in ``cue_frames.toml`` (those of a high
    enough rate, ``add``, those seen too rarely whose lemma is like the learnt ones, ``similar``, and those of a lower
    rate, ``weak``, whose statements the learnt filter weighs apart)."""
    data = _load("cues.toml")
    frames = _load("cue_frames.toml")
    weak = {frame: frozenset(lists.get("weak", ())) for frame, lists in frames.items() if isinstance(lists, dict)}
    strong = _lexicon(data, frames, {})
    if not any(weak.values()):
        return strong
    lemmas = {key.split()[0] for keys in weak.values() for key in keys}
    return CueLexicon(**{**strong.__dict__, "weak_lemmas": frozenset(lemmas), "with_weak": _lexicon(data, frames, weak)})


def _lexicon(data: dict, frames: dict, weak: dict[str, frozenset[str]]) -> CueLexicon:
    """The lexicon of the hand lists ``data`` amended by the learnt ``frames`` and the ``weak`` frames."""

    def amended(names: list[str], frame: str) -> frozenset[str]:
        learnt = frames.get(frame, {})
        return (frozenset(names) | frozenset(learnt.get("add", ())) | frozenset(learnt.get("similar", ()))
                | weak.get(frame, frozenset())) - frozenset(learnt.get("drop", ()))

    clause = amended(data["speech_verbs"], "clause")
    stance = amended(data["stance_verbs"], "infinitive")
    objects = amended(data["object_verbs"], "object")
    prepositions = amended([], "preposition")
    nouns = amended([], "noun")
    return CueLexicon(
        speech_verbs=frozenset(data["speech_verbs"]),
        object_control_verbs=frozenset(data["object_control_verbs"]),
        source_prepositions=tuple(data["source_prepositions"]),
        document_nouns=frozenset(data["document_nouns"]),
        stance_verbs=stance,
        object_verbs=objects,
        cue_verbs=clause | stance | objects | frozenset(data["object_control_verbs"])
        | frozenset(p.split()[0] for p in prepositions),
        clause_verbs=clause,
        preposition_cues=prepositions,
        noun_cues=nouns,
        passive_cues=amended([], "passive"),
        adjective_cues=amended([], "adjective"),
    )


def _speech_lemmas() -> frozenset[str]:
    """The plain verbs of speech and the current lexicon's clause verbs (``_PLAIN_SPEECH |
    cue_lexicon().clause_verbs``), joined once per lexicon."""
    return _joined_speech_lemmas(cue_lexicon())


@lru_cache(maxsize=4)
def _joined_speech_lemmas(lex: CueLexicon) -> frozenset[str]:
    return _PLAIN_SPEECH | lex.clause_verbs


def _speech_forms() -> list[str]:
    """The finite forms of the plain verbs of speech ("said", "says", "added", "replies")."""
    irregular = {"say": ("said", "says"), "tell": ("told", "tells"), "write": ("wrote", "writes"),
                 "admit": ("admitted", "admits"), "quip": ("quipped", "quips")}  # a doubled consonant
    forms = []
    for lemma in sorted(_PLAIN_SPEECH):
        if lemma in irregular:
            forms.extend(irregular[lemma])
        elif lemma.endswith("y") and lemma[-2] not in "aeiou":
            forms.extend((lemma[:-1] + "ied", lemma[:-1] + "ies"))
        elif lemma.endswith("e"):
            forms.extend((lemma + "d", lemma + "s"))
        else:
            forms.extend((lemma + "ed", lemma + "es" if lemma.endswith(("s", "sh", "ch", "x")) else lemma + "s"))
    return forms


#: the finite forms of the plain verbs of speech, in lower case: the words an inverted cue opens with
SPEECH_FORMS = frozenset(_speech_forms())

#: ', Vance said.', ', he added.', ', said Vance.': a cue clause closing a sentence, after the words it attributes
_UNCLOSED_CUE = re.compile(
    r",[ \t\xa0]+(?:(?:(?:[A-Z][\w.'’-]*|he|she|they|we)[ \t\xa0]+){1,4}(?:" + "|".join(_speech_forms())
    + r")|(?:" + "|".join(_speech_forms()) + r")[ \t\xa0]+(?:[A-Z][\w.'’-]*[ \t\xa0]*){1,4})[^.!?\"“”]{0,60}[.!?]")


#: an opening double mark right after the punctuation that ends a quotation and before a space: typed for the closing
#: mark ('“It's unusual,“ said Larry Noble')
_SLIPPED_CLOSER = re.compile(r"[,.?!]“(?=\s|$)")


def quotation_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges ``[open, close+1)`` of quotations, paired within paragraphs.

    A double opening mark closes at the next double closing mark, straight or curly (web text mixes
    them); an opening mark without a closing mark runs to the paragraph's end.
    """
    regions: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start_of_par, par = paragraph.start(), paragraph.group(0)
        i = 0
        while i < len(par):
            mark = _OPENER_START.search(par, i)  # straight to the next character that can open a quotation
            if mark is None:
                break
            i = mark.start()
            ch = par[i:i + 2] if par[i:i + 2] in ("``", "''") else par[i]
            closer = _OPENERS.get(ch)
            if closer is None:
                i += 1
                continue
            j = par.find(closer, i + len(ch))
            if ch in _MIXED_CLOSERS:  # '“Deals are bad," he said': a double mark of the other style also closes
                other = par.find(_MIXED_CLOSERS[ch], i + len(ch))
                if other != -1 and (j == -1 or other < j):
                    j, closer = other, _MIXED_CLOSERS[ch]
            if ch == "“" and (slip := _SLIPPED_CLOSER.search(par, i + 1)) is not None and (j == -1 or slip.end() - 1 < j):
                j, closer = slip.end() - 1, "“"  # '“It's unusual,“ said X': an opening mark typed for the closing one
            if j == -1:
                # unbalanced: to the paragraph's end, or to a cue clause after a comma that shows where the
                # closing mark was left out ('"The ministry knew about this, Vance said.')
                cue = _UNCLOSED_CUE.search(par, i + len(ch))
                end = cue.start() + 1 if cue is not None else len(par)
                regions.append((start_of_par + i, start_of_par + end))
                if cue is None:
                    break
                i = end
                continue
            regions.append((start_of_par + i, start_of_par + j + len(closer)))
            i = j + len(closer)
    return regions


class _Regions(list):
    """An article's quotation regions in order of start, with their starts and the longest one's length, so that the
    regions near a stretch of text are found by bisection, not by a scan of the article's regions."""

    def __init__(self, regions: list[tuple[int, int]]) -> None:
        super().__init__(sorted(regions))
        self.starts = [a for a, _ in self]
        self.longest = max((b - a for a, b in self), default=0)

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """In order, every region ``(a, b)`` with ``b >= start - 1`` and ``a <= end + 1`` (and maybe some others)."""
        return self[bisect_left(self.starts, start - 1 - self.longest):bisect.bisect_right(self.starts, end + 1)]


def _near(regions: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The regions that may end at or after ``start - 1`` and start at or before ``end + 1``, in order: a subset
    when ``regions`` is a :class:`_Regions`, else all of them."""
    return regions.near(start, end) if isinstance(regions, _Regions) else regions


def extract_quotes(article: Article, doc: Doc) -> list[Quote]:
    """Every attribution in ``article``; ids are ``{article.id}-q{n}`` in text order."""
    lex = cue_lexicon()
    text = article.text
    regions = _Regions(quotation_regions(text))
    found: dict[tuple[int, int], tuple[int, int, int, int, int, int, str]] = {}
    cues = _cue_token_indices(doc, lex.with_weak or lex)
    if cues:
        table = _tokens(doc)
        strings = doc.vocab.strings
        lemma_ids = table.rows[:, 10].tolist()
    weak: set[int] = set()  # the cue starts of statements found only through a weak frame
    found_weak: list[tuple[int, int, int, int, int, int, str]] = []
    for i in cues:
        token = doc[i]
        pos = table.pos[i]  # token.pos_, token.lemma_.lower() and token.lower_, from the table
        lemma = strings[lemma_ids[i]].lower()
        lower = strings[table.lower[i]]
        result = _attribution(token, lex, pos, lemma, lower)
        if result is None and lemma in lex.weak_lemmas and lex.with_weak is not None:
            # a weak frame adds a statement where the others find none; it does not change one they find
            # ('"...," the mayor told reporters during a briefing': not "told during [a briefing]"), and no other
            # rule reads it (cue_lexicon() is the lexicon without the weak frames)
            result = _attribution(token, lex.with_weak, pos, lemma, lower)
            if result is not None:
                weak.add(result[2][0])
        if result is None or _withheld(token):
            continue
        (c_start, c_end), (s_start, s_end), (q_start, q_end), form = result
        c_start, c_end = _extend_into_quotations(c_start, c_end, regions, text)
        c_start, c_end = _trim(text, c_start, c_end)
        if form == "preceding":
            c_start = _introduced_quotation(text, c_start, c_end, regions)
        if len(_WORDS.findall(text, c_start, c_end)) < 2 and not _named(doc, c_start, c_end) \
                and text[c_start:c_end].lower() not in _ANSWERS:
            continue  # one word: a name ("endorsed Trump"), never a pronoun or a stray word
        if _not_said(doc, token, text, c_start, c_end):
            continue
        if c_end <= q_start and "\n" in text[c_start:c_end]:
            c_start, c_end = _trim(text, text.rfind("\n", c_start, c_end) + 1, c_end)  # not across paragraphs
        if c_start <= q_start < c_end and form not in ("interrupted", "raising") \
                or form == "raising" and any(a <= q_start < b for a, b in _near(regions, q_start, q_start)):
            continue  # the cue is inside what was said: a verb within a quotation, not its attribution
        if q_start in weak:  # added after the others are found and joined, where they leave room
            found_weak.append((c_start, c_end, s_start, s_end, q_start, q_end, form))
            continue
        key = (c_start, c_end)
        if key not in found or found[key][3] <= found[key][2] and s_end > s_start:
            # the same words as a statement of no one named ("[X would be considered Y], Sanders said"): the
            # one with a source is kept
            found[key] = (c_start, c_end, s_start, s_end, q_start, q_end, form)
    _quotations_before_cues(doc, regions, found)
    _labelled_statements(doc, regions, found)
    _inverted_colon_cues(doc, regions, found)
    _introduced_quotations(doc, regions, found)
    _title_case_headline(doc, lex, found)
    entries = _colon_continuations(sorted(found.values()), text)
    entries = _drop_nested(_join_continued_quotations(entries, regions, text), regions)
    entries = _quoted_conjuncts(entries, regions, text)
    entries = _paraphrase_then_quotation(entries, regions, text)
    entries = _continued_unmarked_speech(doc, entries, regions, text)
    entries = _opened_single_quotations(entries, text)
    entries, single = _continued_single_quotations(entries, text)
    if found_weak:
        strong_cues = {e[4] for e in entries}
        entries = _with_weak(entries, found_weak)
        weak = {e[4] for e in entries if e[4] not in strong_cues}
    if single:
        regions = _Regions(sorted([*regions, *single]))
    # the other statements' cues and sources that a content's boundary does not cross: those of the established
    # frames (a weak frame's statement moves no other's boundary)
    tokens = _bound_tokens(doc, [e for e in entries if e[4] not in weak]) if entries and bound_model()[0] else None
    rows = []
    for entry in entries:
        c_start, c_end, s_start, s_end, q_start, q_end, form = entry
        if tokens is not None:
            c_start, c_end = _choose_bounds(doc, entry, regions, tokens)
        c_start, c_end = _tidy(text, c_start, c_end, q_start)
        c_start = _after_dateline(text, c_start, c_end)
        s_start, s_end = _source_on_cue_line(doc, text, s_start, s_end, q_start, q_end)
        kind = _kind(c_start, c_end, regions, form, text, plural_source=_plural(doc, s_start, s_end))
        rows.append((c_start, c_end, s_start, s_end, q_start, q_end, form, kind))
    rows = _drop_unlikely(doc, rows, regions, frozenset(weak))
    quotes = []
    for n, (c_start, c_end, s_start, s_end, q_start, q_end, _form, kind) in enumerate(rows, 1):
        speaker_span = _span(article, s_start, s_end) if s_end > s_start else None
        q_end = _cue_with_preposition(doc, q_start, q_end, c_start)
        quotes.append(
            Quote(
                id=f"{article.id}-q{n}",
                article_id=article.id,
                speaker=Speaker(name=_speaker_name(doc, text, s_start, s_end) if speaker_span else None,
                                span=speaker_span),
                cue=_span(article, _cue_with_negation(doc, q_start, q_end), q_end),
                content=_span(article, c_start, c_end),
                kind=kind,
                content_parts=[_span(article, a, b) for a, b in _content_parts(text, c_start, c_end, s_start, s_end,
                                                                               q_start, q_end, regions)],
            )
        )
    return quotes


def _attribution(token: Token, lex: CueLexicon, pos: str, lemma: str, lower: str):
    """The attribution a rule of :func:`extract_quotes` reads off the cue ``token`` with the lexicon ``lex``
    (``((c_start, c_end), (s_start, s_end), (q_start, q_end), form)``), or None."""
    doc = token.doc
    i = token.i
    result = None
    if pos == "VERB" and _apposed_participle(token):
        return None  # '"...," rower Ann Holt, considered the best of her generation, said': "said" is the cue
    if pos in ("VERB", "AUX") and lemma in lex.cue_verbs:
        result = _verb_attribution(token, lex)
    if result is None and pos == "VERB" and lemma in lex.passive_cues:
        result = _passive_attribution(token)
    elif lower == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
        result = _according_to(token)
    elif pos == "NOUN" and lex.noun_cues:
        result = _noun_attribution(token, lex)
        if result is None and lemma in _FINDING_NOUNS:
            result = _in_finding(token)
    elif pos == "PROPN" and lemma in _FINDING_NOUNS:
        result = _in_finding(token)
    elif pos == "ADJ" and lex.adjective_cues:
        result = _adjective_attribution(token, lex)
    elif lower in _HEARSAY and token.dep_ == "advmod":
        result = _hearsay(token, lex)
    elif lemma == "make" and pos == "VERB":
        result = _made_clear(token)
    elif lemma == "put" and pos == "VERB":
        result = _put_it(token)
    return result


def _cue_with_negation(doc: Doc, q_start: int, q_end: int) -> int:
    """The start of a verb cue with the negation before it and the auxiliary that carries it: "[never asked] the chief
    to drop the inquiry", "[did not say] that the plant would close".  Without them the cue reads as the opposite
    ("asked: the chief to drop the inquiry").  Only words of the verb's own (auxiliaries, the negation, adverbs)
    between them, so the cue stays one run of words."""
    cue = doc.char_span(q_start, q_end, alignment_mode="expand")
    if cue is None:
        return q_start
    verb = cue[0]
    neg = next((c for c in verb.lefts if c.dep_ == "neg"), None)  # (a child before the verb: among its lefts)
    if neg is None:
        return q_start
    first = neg.i
    if first > 0 and doc[first - 1].dep_ == "aux" and doc[first - 1].head.i == verb.i:
        first -= 1  # "did not", "would never"
    if any(t.head.i != verb.i or t.dep_ not in ("aux", "neg", "advmod") for t in doc[first:verb.i]):
        return q_start
    return doc[first].idx


def _cue_with_preposition(doc: Doc, q_start: int, q_end: int, c_start: int) -> int:
    """The end of a verb cue with the preposition that stands between it and its content: "voted against
    [approving the plan]", "accused of [hiding the report]".  Without it the cue can read as its opposite ("voted:
    approving the plan")."""
    cue = doc.char_span(q_start, q_end, alignment_mode="expand")
    if cue is None or cue.end + 1 >= len(doc) or any(t.dep_ != "prt" or t.head.i != cue[0].i for t in cue[1:]):
        return q_end  # a verb alone or with its particles ("came out against [...]")
    verb, prep, first = cue[0], doc[cue.end], doc[cue.end + 1]
    if verb.pos_ in ("VERB", "AUX") and prep.pos_ == "ADP" and prep.head.i == verb.i and first.idx == c_start:
        return _end(prep)
    return q_end


_SPEECH_ACTS = frozenset({"say", "comment", "discuss", "disclose", "reveal", "specify", "elaborate", "confirm",
                          "explain", "detail", "speculate", "answer", "tell", "divulge", "identify", "name"})
_WITHHOLDING = frozenset({"decline", "refuse"})
_OPEN_QUESTION = frozenset({"whether", "if", "what", "which", "who", "whom", "whose", "when", "where", "why", "how"})


def _withheld(cue: Token) -> bool:
    """ "He did not say whether [...]", "declined to say whether [...]", "would not say how much": a speech act
    negated or declined whose complement is a question left open: nothing was said (a negated speech act with a
    that-clause, "did not say that ...", still reports what was not said, and "declined to comment" the refusal)."""
    if cue.pos_ not in ("VERB", "AUX"):
        return False
    lemma = cue.lemma_.lower()
    if lemma in _WITHHOLDING:
        inner = next((c for c in cue.children if c.dep_ == "xcomp" and c.lemma_.lower() in _SPEECH_ACTS), None)
        return inner is not None and _left_open(inner)
    if lemma not in _SPEECH_ACTS:
        return False
    table = _tokens(cue.doc)
    negated = any(table.dep[c] == "neg" for c in table.children(cue.i)) \
        or cue.dep_ == "xcomp" and cue.head.lemma_.lower() in _WITHHOLDING
    return negated and _left_open(cue)


def _left_open(verb: Token) -> bool:
    """Whether what ``verb`` says is a question ("say whether ...", "say how many ...")."""
    complements = [c for c in verb.children if c.i > verb.i and c.dep_ in ("ccomp", "advcl", "dobj", "xcomp", "prep")]
    if not complements:
        return False  # "declined to comment": a refusal reported as such (PolNeAR annotates it)
    clauses = [c for c in complements if c.dep_ in ("ccomp", "advcl")]
    first = (clauses or complements)[0]  # "did not tell reporters [whether ...]": the clause, not the one told
    if first.dep_ == "prep":
        return False
    mark = next((c.lower_ for c in first.children if c.dep_ == "mark"), None)
    return mark in ("whether", "if") or first.left_edge.lower_ in _OPEN_QUESTION


#: who asked not to be named, declined to be identified, spoke on condition of anonymity: a condition of the
#: reporting, not a statement
_ANONYMITY = re.compile(r"(?i)^(?:not\s+)?to\s+be\s+(?:named|identified|quoted|cited)\b|^(?:on\s+)?(?:the\s+)?"
                        r"(?:condition\s+of\s+)?anonymity\b")
#: "answered our questions", "did not respond to requests for comment": the act answered, not what was said
_REQUESTS = re.compile(r"(?i)^(?:to\s+)?(?:[\w’'-]+\s+){0,3}?(?:questions?|quer(?:y|ies)|inquir(?:y|ies)|"
                       r"enquir(?:y|ies)|requests?(?:\s+for\s+(?:comment|an?\s+interview|interviews?))?|calls?|"
                       r"e-?mails?|messages?|letters?)$")
_REPLYING = frozenset({"answer", "respond", "reply", "return"})
_TIMES = frozenset({"DATE", "TIME"})
_TIME_WORDS = frozenset({"on", "in", "at", "last", "next", "this", "early", "late", "the", "of", "until", "since",
                         "by", "during"})


def _not_said(doc: Doc, cue: Token, text: str, start: int, end: int) -> bool:
    """Contents that are no statement: an anonymity formula, the request a reply answers ("answered our
    questions"), a time alone ("The trial continued [on Monday]"), and a bare name or pronoun that a verb of
    (dis)agreement takes with "with" ("disagreed with [Cole]": the one disagreed with, not what was said)."""
    words = text[start:end].strip(" \t\n.,;:\"'“”‘’")
    if _ANONYMITY.match(words):
        return True
    if cue.lemma_.lower() in _REPLYING and _REQUESTS.match(words):
        return True
    table = _tokens(doc)
    span = table.expand(start, end)
    if span is None:
        return False
    punct, space = table.punct, table.space
    tokens = [k for k in range(*span) if not (punct[k] or space[k])]
    types = table.types()
    if tokens and any(types[span[0]:span[1]]):  # (a token outside any entity has no type: not a time)
        strings = doc.vocab.strings
        if any(_name(types[k], strings) in _TIMES for k in tokens) \
                and all(_name(types[k], strings) in _TIMES or strings[table.lower[k]] in _TIME_WORDS for k in tokens):
            return True
    if span[0] > 0 and doc[span[0] - 1].lower_ == "with" and table.heads[span[0] - 1] == cue.i \
            and tokens and (all(table.pos[k] == "PROPN" or table.tag[k] == "POS" for k in tokens)
                            or len(tokens) == 1 and table.pos[tokens[0]] == "PRON"):
        return True
    return False


def _cue_token_indices(doc: Doc, lex: CueLexicon) -> list[int]:
    """The indices of the tokens a rule of :func:`extract_quotes` may fire on, in order, read from spaCy's arrays (no
    Token object made for the others): a verb, auxiliary, noun or adjective whose lower-cased lemma is a cue's
    (or the first word of a learnt noun or adjective frame), and "according" and the hearsay adverbs.  Every rule
    needs one of these, so the rules fire on the same tokens as over the whole doc."""
    if not len(doc):
        return []
    rows = _tokens(doc).rows
    known = _cue_lemma_cache(doc.vocab.strings, lex)
    wanted = _cue_lemmas(lex)
    strings = doc.vocab.strings
    pos, lower = rows[:, 3], rows[:, 6]
    candidates = np.flatnonzero((pos == VERB) | (pos == AUX) | (pos == NOUN) | (pos == ADJ))
    found = []
    for i, h in zip(candidates.tolist(), rows[candidates, 10].tolist(), strict=True):
        keep = known.get(h)
        if keep is None:
            keep = known[h] = strings[h].lower() in wanted
        if keep:
            found.append(i)
    words = np.zeros(len(rows), dtype=bool)
    for word in ("according", *_HEARSAY):
        words |= lower == strings[word]
    for noun in _FINDING_NOUNS:  # "In a USA TODAY/Suffolk University Poll, ...": a poll named in title case
        words |= (lower == strings[noun]) & (pos == PROPN)
    if words.any():
        return sorted(set(found).union(np.flatnonzero(words).tolist()))
    return found


@lru_cache(maxsize=4)
def _cue_lemmas(lex: CueLexicon) -> frozenset[str]:
    """The lower-cased lemmas a rule of :func:`extract_quotes` fires on: the cue verbs, the passive cues, "make" and
    "put", and each word sequence a learnt noun or adjective frame key ("claim that") starts with before a space."""
    frames = {key[:j] for key in lex.noun_cues | lex.adjective_cues for j, ch in enumerate(key) if ch == " "}
    return frozenset(lex.cue_verbs | lex.passive_cues | {"make", "put"} | frames | _FINDING_NOUNS)


@lru_cache(maxsize=4)
def _cue_lemma_cache(strings, lex: CueLexicon) -> dict[int, bool]:
    """Per vocab (its StringStore) and lexicon: lemma id -> whether its lower-cased form is in :func:`_cue_lemmas`,
    filled as lemmas are met."""
    return {}


@dataclass(frozen=True)
class BoundTokens:
    """What the boundary chooser reads of an article's tokens, once: the token indices of every cue and source (no
    content boundary moves into them), each token's head, whether it is punctuation or space, and flags (1: a cue
    verb, 2: a date or time, 4: a place)."""

    blocked: frozenset[int]
    heads: list[int]
    skip: list[bool]
    flags: list[int]


@lru_cache(maxsize=4)
def _bound_hashes(strings) -> tuple[frozenset[int], frozenset[int], frozenset[int], int]:
    """The ids the chooser compares token attributes with, in ``strings`` (a vocab's StringStore: a built-in
    symbol's id, else the string's hash): cue lemmas, date and place entity types, VERB."""
    return (frozenset(strings[lemma] for lemma in cue_lexicon().cue_verbs),
            frozenset(strings[t] for t in ("DATE", "TIME")), frozenset(strings[t] for t in ("GPE", "LOC", "FAC")),
            strings["VERB"])


def _bound_tokens(doc: Doc, entries: list[tuple]) -> BoundTokens:
    found: set[int] = set()
    for entry in entries:
        for start, end in ((entry[2], entry[3]), (entry[4], entry[5])):
            span = _tokens(doc).expand(start, end) if end > start else None
            if span is not None:
                found.update(range(*span))
    cues, dates, places, verb = _bound_hashes(doc.vocab.strings)
    t = _tokens(doc)
    rows = t.rows
    skip = ((rows[:, 7] != 0) | (rows[:, 8] != 0)).tolist()
    flags = [0] * t.n
    lemmas, types = rows[:, 10], rows[:, 9]
    for i in np.flatnonzero(rows[:, 3] == verb).tolist():  # a verb whose lemma is a cue's
        if int(lemmas[i]) in cues:
            flags[i] = 1
    for i in np.flatnonzero(types).tolist():  # in an entity: a date or time, or a place
        kind = int(types[i])
        flags[i] |= 2 if kind in dates else 4 if kind in places else 0
    return BoundTokens(frozenset(found), t.heads, skip, flags)


def _among(values: np.ndarray, ids: frozenset[int]) -> np.ndarray:
    """Whether each of ``values`` (an array of spaCy ids) is one of ``ids``: tested per distinct value."""
    unique, inverse = np.unique(values, return_inverse=True)
    return np.array([v in ids for v in unique.tolist()], dtype=bool)[inverse.reshape(-1)]


_TOKENS_KEY = "storylens.quotes.tokens"
#: the columns of :attr:`_Tokens.rows`
_COLUMNS = (IDX, LENGTH, HEAD, POS, DEP, TAG, LOWER, IS_PUNCT, IS_SPACE, ENT_TYPE, LEMMA)


class _Tokens:
    """A parsed doc's token attributes, read from spaCy's arrays once per doc (one ``to_array``) and kept in
    ``doc.user_data`` (a parsed doc is not changed afterwards), so that the loops over tokens below make no Token
    object per token read: ``rows`` (the array of :data:`_COLUMNS`), and as Python lists character offsets, heads
    (``heads[i] == i`` for a root), parts of speech, dependency labels and fine tags as ``Token`` gives them,
    lower-cased forms (ids), punctuation and space flags.  Left and right edges (which no array holds) are read
    from a Token once per token asked for (the doc is passed in, not kept: no reference cycle through
    ``user_data``), children from the heads once per doc when first asked for."""

    __slots__ = ("n", "rows", "idx", "end", "heads", "pos", "dep", "tag", "lower", "punct", "space", "length",
                 "_left", "_right", "_sent_starts", "_sents", "_tree", "_head_array", "_types")

    def __init__(self, doc: Doc) -> None:
        self.n = n = len(doc)
        self.length = len(doc_text(doc))
        if n:
            rows = self.rows = doc_columns(doc, _COLUMNS)
            idx = rows[:, 0]
            self.idx = idx.tolist()
            self.end = (idx + rows[:, 1]).tolist()
            self._head_array = np.arange(n, dtype=np.int64) + rows.view(np.int64)[:, 2]  # signed offsets
            self.heads = self._head_array.tolist()
            strings = doc.vocab.strings
            self.pos = _names(rows[:, 3], strings)
            self.dep = _names(rows[:, 4], strings)
            self.tag = _names(rows[:, 5], strings)
            self.lower = rows[:, 6].tolist()  # ids: ``strings[t.lower[i]]`` is ``doc[i].lower_``
            self.punct = (rows[:, 7] != 0).tolist()
            self.space = (rows[:, 8] != 0).tolist()
        else:
            self.rows = np.zeros((0, len(_COLUMNS)), dtype=np.uint64)
            self._head_array = np.zeros(0, dtype=np.int64)
            self.idx, self.end, self.heads, self.pos, self.dep, self.tag, self.lower = [], [], [], [], [], [], []
            self.punct, self.space = [], []
        self._left = [-1] * n
        self._right = [-1] * n
        self._sents: list[tuple[int, int]] | None = None
        self._sent_starts: list[int] = []
        self._tree: DepTree | None = None
        self._types: list[int] | None = None

    def types(self) -> list[int]:
        """Each token's entity type (an id; 0 outside an entity), as a list made when first asked for."""
        if self._types is None:
            self._types = self.rows[:, 9].tolist()
        return self._types

    def left(self, doc: Doc, i: int) -> int:
        """``doc[i].left_edge.i``."""
        found = self._left[i]
        if found < 0:
            found = self._left[i] = doc[i].left_edge.i
        return found

    def right(self, doc: Doc, i: int) -> int:
        """``doc[i].right_edge.i``."""
        found = self._right[i]
        if found < 0:
            found = self._right[i] = doc[i].right_edge.i
        return found

    def children(self, i: int) -> list[int]:
        """The indices of ``doc[i].children``, in order (:class:`~storylens.parse.tree.DepTree`, made from the heads
        when first asked for; the caller must not change the list)."""
        if self._tree is None:
            self._tree = DepTree(self._head_array)
        return self._tree.children(i)

    def core(self, first: int, last: int) -> tuple[int, int]:
        """:func:`_core`."""
        punct, space = self.punct, self.space
        while first < last and (punct[first] or space[first]):
            first += 1
        while last > first and (punct[last] or space[last]):
            last -= 1
        return first, last

    def root(self, first: int, last: int, default: int) -> int:
        """The first token of ``first..last`` (inclusive) whose head lies outside that range, or that is a root of
        the parse: the range's syntactic head; ``default`` when none is."""
        heads = self.heads
        return next((i for i in range(first, last + 1) if not first <= heads[i] <= last or heads[i] == i), default)

    def sent(self, doc: Doc, i: int) -> tuple[int, int]:
        """``(doc[i].sent.start, doc[i].sent.end)``."""
        if self._sents is None:
            self._sents = sentence_bounds(doc)
            self._sent_starts = [s for s, _ in self._sents]
        return self._sents[bisect.bisect_right(self._sent_starts, i) - 1]

    def expand(self, start_idx: int, end_idx: int) -> tuple[int, int] | None:
        """``(span.start, span.end)`` of ``doc.char_span(start_idx, end_idx, alignment_mode="expand")``, or None
        where that is None."""
        if not (self.n and 0 <= start_idx < self.length and 0 < end_idx <= self.length):
            return None
        idx = self.idx
        start = bisect.bisect_right(idx, start_idx) - 1
        end = bisect.bisect_right(idx, end_idx - 1)  # the token holding the last character, plus one
        if start_idx == self.end[start]:
            start += 1
        if not start <= end:
            raise IndexError(f"[E035] Error creating span with start {start} and end {end}")
        return start, end


#: id -> string, of parts of speech, dependency labels and tags (a symbol's or a string's hash: the same in every
#: vocab), filled as they are met
_NAMES: dict[int, str] = {}


def _name(label: int, strings) -> str:
    """``strings[label]`` for the id of a label (an entity type, a part of speech, a dependency, a tag)."""
    found = _NAMES.get(label)
    if found is None:
        found = _NAMES[label] = strings[label]
    return found


def _names(column: np.ndarray, strings) -> list[str]:
    """The strings of a column of ids of labels (few distinct ones), as ``Token`` gives them."""
    ids = column.tolist()
    names = _NAMES
    try:
        return list(map(names.__getitem__, ids))
    except KeyError:  # a label not met before
        for h in set(ids).difference(names):
            names[h] = strings[h]
        return list(map(names.__getitem__, ids))


def _tokens(doc: Doc) -> _Tokens:
    """The doc's :class:`_Tokens`, made once."""
    found = doc.user_data.get(_TOKENS_KEY)
    if found is None:
        found = doc.user_data[_TOKENS_KEY] = _Tokens(doc)
    return found


def _introduced_quotation(text: str, start: int, end: int, regions: list[tuple[int, int]]) -> int:
    """ "In her speech, Rhimes declared the need for drive: [“Change the world,”] she said": a content before its
    cue that ends with a quotation introduced by a colon or a dash is the quotation."""
    for r_start, r_end in _near(regions, end - 1, end + 1):
        if start < r_start and end - 1 <= r_end <= end + 1 and re.search(r"(?::|\s[-–—]+|--)\s*$", text[start:r_start]):
            return r_start
    return start


def _colon_continuations(entries: list[tuple], text: str) -> list[tuple]:
    """ "said [that a deal might be possible: 'In business, ...']": an indirect content after its cue that stops at a
    colon goes on with what the colon introduces, to the paragraph's end (the next paragraph when the colon
    closes its own), unless another statement is cued or said there."""
    out = []
    for entry in entries:
        c_start, c_end, s_start, s_end, q_start, q_end, form = entry
        m = re.match(r"[ \t”\"'’]*:", text[c_end:c_end + 5]) if form == "indirect" and c_start > q_start else None
        if m is None:
            out.append(entry)
            continue
        start = c_end + m.end()
        stop = text.find("\n", start)
        stop = len(text) if stop == -1 else stop
        if not text[start:stop].strip():
            start = stop + len(text[stop:]) - len(text[stop:].lstrip())
            stop = text.find("\n", start)
            stop = len(text) if stop == -1 else stop
        if not text[start:stop].strip() or any(c_end <= e[4] < stop or e is not entry and c_end < e[1] and e[0] < stop
                                                for e in entries):
            out.append(entry)
            continue
        out.append((c_start, stop, s_start, s_end, q_start, q_end, form))
    return out


_CLAUSE_OPENERS = ",;—–\"“”'’("
_CLAUSE_CLOSERS = ",.;:—–!?"


def _content_parts(text: str, c_start: int, c_end: int, s_start: int, s_end: int, q_start: int,
                   q_end: int, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces of a content that its cue clause interrupts, without the clause ("[It is a cruel situation],
    Gueant told reporters. [These children are exploited ...]"); none when the content is one piece.  A
    quotation resumed after the clause ('"...," said X, a lawyer who ..., "..."') is cut at its marks."""
    named = s_end > s_start
    clause_start = min(q_start, s_start) if named else q_start
    clause_end = max(q_end, s_end) if named else q_end
    if not c_start < clause_start or not clause_end < c_end:
        return []
    closed = [b for a, b in _near(regions, c_start, clause_start) if c_start <= a and b <= clause_start]
    resumed = [a for a, b in _near(regions, clause_end, c_end) if clause_end <= a < c_end and b <= c_end + 1]
    if closed and resumed:
        return [_trim(text, c_start, closed[-1]), _trim(text, resumed[0], c_end)]
    before = clause_start
    while before > c_start and text[before - 1] not in _CLAUSE_OPENERS and text[before - 1] != "\n":
        before -= 1  # back to the punctuation that opens the cue clause
    if before - c_start < clause_start - before:
        return []  # no punctuation sets the clause off near it: not an interruption
    after = clause_end
    while after < c_end and text[after] not in _CLAUSE_CLOSERS and text[after] != "\n":
        after += 1
    if after < c_end and text[after] in ",.;:!?":
        after += 1  # the clause's own closing comma or full stop
    while after < c_end and text[after] in "\"”’'":
        after += 1
    first, second = _trim(text, c_start, before), _trim(text, after, c_end)
    if first[1] <= first[0] or second[1] <= second[0]:
        return []
    return [first, second]


def _speaker_name(doc: Doc, text: str, start: int, end: int) -> str:
    """The source's words; for a relative pronoun ("who", "which", "that"), the noun phrase it stands for."""
    words = text[start:end]
    if words.lower() in _RELATIVE:
        span = doc.char_span(start, end)
        antecedent = _relative_antecedent(span[0]) if span is not None and len(span) == 1 else None
        if antecedent is not None:
            a_start, a_end = _source_span(antecedent)
            return text[a_start:a_end]
    return words


def _relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of its relative clause ("Sherman, who reported ...",
    "the group, which has argued ...")."""
    clause = pronoun.head
    while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN", "PRON") and clause.head.i < pronoun.i:
        return clause.head
    return None


def _quotations_before_cues(doc: Doc, regions: list[tuple[int, int]], found: dict) -> None:
    """ '"...," he said.' where the parse hung the quotation elsewhere: the quotation is the content."""
    taken = [(v[0], v[1]) for v in found.values()]
    if not regions:
        return
    text = doc_text(doc)
    starts: list[int] | None = None  # token starts, read once a region may end a quotation
    for r_start, r_end in regions:
        if any(a < r_end and r_start < b for a, b in taken):
            continue
        # and a single mark closing a quotation within it ('...?’”', "...Avenue,'  ''")
        inner = text[r_start:r_end].rstrip("”“»\"'’ \t\xa0")  # “: an opening mark typed for the closing one
        if not inner.endswith((",", "?", "!", "—", "-")) and not text.startswith(",", r_end):
            continue  # '"...," he said', and British style: '"...", ex-mayor tells jury'
        if starts is None:
            starts = _token_starts(doc)
        first = bisect_left(starts, r_end)  # the first five tokens starting within 40 characters of the end
        after = [doc[i] for i in range(first, min(first + 5, len(starts))) if starts[i] < r_end + 40]
        for token in after:
            if "\n" in text[r_end:token.idx] and _QUOTE_INTRO.match(text, _end(token)):
                break  # '"... has it not?" / Sanders responded, "It has."': the cue opens a paragraph and its own quotation
            if token.lemma_.lower() in _PLAIN_SPEECH and token.pos_ in ("VERB", "AUX") \
                    or _inverted_speech(token, r_start, r_end, text):
                subject = _subject(token) or _stranded_subject(token)
                if (subject is None or subject.idx < r_end) and token.dep_ == "conj" and token.i > first:
                    subject = _name_before_cue(doc[first:token.i]) or subject
                if subject is not None and subject.idx < r_end:
                    # '"Anybody who attacks him, it's like buyer beware," said Louise Sunshine': the parse took a word
                    # of the quotation for a subject as well; the one after the quotation is the speaker
                    subject = next((c for c in token.children if c.dep_ == "nsubj" and c.idx >= r_end), subject)
                if subject is None or subject.i < token.i - 3 and subject.idx < r_end:
                    continue
                s_start, s_end = _source_span(subject)
                c_start, c_end = _trim(text, r_start, r_end)
                found[(c_start, c_end)] = (c_start, c_end, s_start, s_end, token.idx, _end(token), "quoted")
                break
        else:
            if first < len(doc) and "\n" not in text[r_end:starts[first]] \
                    and not _cue_after_apposition(doc, starts, r_start, r_end, text, found):
                _speaker_after_quotation(doc, doc[first], r_start, r_end, text, found)


#: after a quotation, a name (with a word of title before it) and an apposition set off by commas, up to the word
#: after them: '"...," rower Ann Holt, widely regarded as the best, [told] the panel'
_NAME_AND_APPOSITION = re.compile(r"[ \t\xa0]*((?:[a-z][\w-]*[ \t\xa0]+)?(?:[A-Z][\w.'’-]*[ \t\xa0]+){0,3}[A-Z][\w'’-]*)"
                                  r"[ \t\xa0]*,[^,;:\"“”«»\n]{1,80},[ \t\xa0]*(?=\w)")


def _cue_after_apposition(doc: Doc, starts: list[int], r_start: int, r_end: int, text: str, found: dict) -> bool:
    """ '"...," rower Ann Holt, widely regarded as the best, told the panel': a verb of saying after the name that
    follows the quotation and the apposition set off by commas after the name, beyond the few words the cue is looked
    for in, which the parse hung elsewhere (it may read "rower" as a verb); the name is the speaker.  False when the
    words after the quotation are not of that shape."""
    m = _NAME_AND_APPOSITION.match(text, r_end)
    if m is None:
        return False
    k = bisect_left(starts, m.end())
    if k >= len(doc) or starts[k] != m.end():
        return False
    cue = doc[k]
    if cue.lemma_.lower() not in _PLAIN_SPEECH or cue.tag_ not in ("VBD", "VBZ", "VBP") \
            or any(c.dep_ in ("nsubj", "nsubjpass") and c.i > cue.i for c in cue.children):
        return False
    c_start, c_end = _trim(text, r_start, r_end)
    found[(c_start, c_end)] = (c_start, c_end, m.start(1), m.end(1), cue.idx, _end(cue), "quoted")
    return True


def _name_before_cue(phrase) -> Token | None:
    """ '"...," Ramos, 58, told AFP': the parse joined the name after the quotation and the cue to the quotation's
    verb as conjuncts and gave the cue no subject; a name (or a noun) opening the words between them, with no verb
    among them, is the speaker."""
    if phrase[0].pos_ not in ("PROPN", "NOUN") or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None
    name = phrase[0]
    while name.i + 1 < phrase.end and name.nbor().pos_ == "PROPN":
        name = name.nbor()
    return name


_QUOTE_INTRO = re.compile(r"[ \t\xa0]*[,:][ \t\xa0]*(?:[\"“”«„]|''|``)")


def _opens_sentence(text: str, position: int) -> bool:
    """Nothing but a finished sentence before ``position`` in its paragraph."""
    before = text[text.rfind("\n", 0, position) + 1:position]
    return not before.strip() or re.search(r"[.!?…][\"”'’)]*\s+$", before) is not None


def _title_words(words: list[str]) -> bool:
    """A few words, all capitalised: a title ("Morning Joe", "Make America Great Again"), not a statement."""
    return 1 < len(words) <= 6 and all(w[0].isupper() or w.isdigit() for w in words)


_NAME_PARTS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "punct", "appos"})


def _speaker_after_quotation(doc: Doc, first: Token, r_start: int, r_end: int, text: str, found: dict) -> None:
    """The speaker of a quotation followed by its cue, where the parse gave the cue no subject after the quotation:

    - '"...," a Democratic staffer in the room wondered': the noun phrase after the quotation is the subject of a
      verb of saying (or of how the words were said) further on than the first words;
    - '"...," said the woman, who ...', '"...," added another Republican': a verb of saying right after the
      quotation, whose speaker the parse took for an object or the subject of a later clause.
    """
    if not _opens_sentence(text, r_start) or _title_words(_WORDS.findall(text, r_start, r_end)):
        return  # 'on MSNBC's "Morning Joe," he said': a title within the sentence
    speech = _speech_lemmas()
    subject, verb = None, None
    if first.pos_ in ("VERB", "AUX") and first.lemma_.lower() in _PLAIN_SPEECH:
        k = first.i + 1
        while k < len(doc) and k <= first.i + 3 and doc[k].pos_ not in ("NOUN", "PROPN"):
            k += 1
        if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN") and doc[k].i <= first.i + 3:
            subject = doc[k]
            while subject.dep_ in _NAME_PARTS and subject.head.i > subject.i and subject.head.i <= subject.i + 3 \
                    and subject.head.pos_ in ("NOUN", "PROPN"):
                subject = subject.head
            verb = first
    else:
        head = first
        while head.dep_ in _NAME_PARTS and head.head.i > head.i:
            head = head.head
        if head.dep_ == "nsubj" and head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i \
                and head.head.i - first.i <= 20 and "\n" not in text[r_end:head.head.idx] \
                and (head.head.lemma_.lower() in speech and head.head.pos_ == "VERB"
                     or _inverted_speech(head.head, r_start, r_end, text)) and not _apposed_participle(head.head):
            subject, verb = head, head.head
        elif head.pos_ == "PROPN" and head.i + 1 < len(doc) and doc[head.i + 1].text == ",":
            # '"...," Gene Sperling, a top adviser, said at ...': the parse hung the name on the quotation's clause;
            # the first verb after its apposition is a plain verb of speech with no subject of its own
            # (a participle of the apposition itself is not that verb: "..., considered the best of her generation,
            # said")
            later = next((t for t in doc[head.i + 1:min(len(doc), head.i + 16)] if t.pos_ in ("VERB", "AUX")
                          and not (t.tag_ in ("VBN", "VBG") or t.i == head.i + 2 and t.tag_ == "VBD")), None)
            if later is not None and later.lemma_.lower() in _PLAIN_SPEECH and doc[later.i - 1].text == "," \
                    and _subject(later) is None and "\n" not in text[r_end:later.idx]:
                subject, verb = head, later
    if subject is None:
        return
    s_start, s_end = _source_span(subject)
    s_start = max(s_start, first.idx)  # not the quotation's words the parse hung on the name
    c_start, c_end = _trim(text, r_start, r_end)
    found[(c_start, c_end)] = (c_start, c_end, s_start, s_end, verb.idx, _end(verb), "quoted")


def _inverted_speech(verb: Token, r_start: int, r_end: int, text: str) -> bool:
    """ '"Go back to Univision," Trump barked', '"This is fantastic!" beamed Donald Hartley': any verb right after a
    quotation that ends the quoted words with a comma, a question or an exclamation mark says how they were said,
    when the quotation opens the verb's sentence, in its paragraph, and the verb has no object or clause of its
    own ("Scarborough retweeted the message" is another act; 'played "Hail to the Chief," and the senator walked
    out': the quotation is within another clause)."""
    if verb.pos_ != "VERB" or "\n" in text[r_end:verb.idx]:
        return False
    if not r_start - 1 <= verb.sent.start_char < r_end - 1:
        # '"Power to the people!" the group shouted': the parse may end the sentence at the quotation's mark, but a
        # lower-case word after it goes on with the sentence the quotation opens
        m = re.compile(r"[ \t\xa0]*([a-z])").match(text, r_end)
        if m is None or not r_end - 1 <= verb.sent.start_char <= m.start(1) \
                or text.rfind("\n", 0, r_start) + 1 != r_start and not re.search(r"[.!?]['’\"”]*\s*$", text[:r_start]):
            return False  # the verb opens a sentence of its own, or the quotation is within another clause
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "acomp", "oprd") and c.i > verb.i
                   for c in verb.children)


_WORDS = re.compile(r"\w+")
_LABEL = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][\w.'’&-]*(?:[ \t]+[\w.'’&-]+){0,5})[ \t]*:[ \t]+(?=\S)")
_NOT_SPEAKERS = frozenset(
    {"update", "updated", "note", "editor's note", "editor’s note", "watch", "read", "read more", "related", "video",
     "photo", "photos", "correction", "clarification", "exclusive", "breaking", "q", "a", "question", "answer",
     "source", "sources", "credit", "via", "image", "caption", "warning", "disclosure", "advertisement", "listen",
     "see also", "more", "tags", "topics", "filed under", "subscribe", "sign up", "contact", "email", "follow",
     "background", "context", "key points", "bottom line", "the bottom line", "why", "what", "how", "when", "where",
     "who", "p.s", "ps", "edit", "reporting", "additional reporting", "contributing", "author", "by",
     # a section's or a column's rubric, and a page's time stamp: "OPINION: Why the plan is right", "PUBLISHED: 16:05"
     "opinion", "analysis", "commentary", "editorial", "review", "perspective", "explainer", "factbox", "fact check",
     "reality check", "scoop", "live", "live updates", "published", "posted", "notes", "in pictures", "must see"}
)
_ATTRIBUTION_DASH = re.compile(r"[ \t\xa0]*[―—–][ \t\xa0]*([A-Z][\w.'’-]*(?:[ \t\xa0]+[A-Z][\w.'’-]*){0,4})[ \t\xa0.]*(?=\n|$)")


def _labelled_statements(doc: Doc, regions: list[tuple[int, int]], found: dict) -> None:
    """Statements marked by layout rather than a verb.

    - a transcript or headline line: "PENCE: Well, look, ...", "Sanders: Clinton needs to ...": the speaker's
      name (a proper name, or a document such as "Poll") opens the paragraph, before a colon, and the rest of
      the paragraph is what was said;
    - a quotation signed with a dash: '"We deserve better." ― Maria Lopez'.
    """
    text = doc_text(doc)
    taken = [(v[0], v[1]) for v in found.values()]
    documents = cue_lexicon().document_nouns
    for m in _LABEL.finditer(text):
        label_start, label_end = m.span(1)
        if m.group(1).lower() in _NOT_SPEAKERS:
            continue
        span = doc.char_span(label_start, label_end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        named = any(t.pos_ == "PROPN" for t in span) or all(t.is_title or t.is_upper or not t.is_alpha for t in span)
        if not (named or span[-1].lemma_.lower() in documents) \
                or any(t.pos_ in ("VERB", "AUX", "PRON") and not t.is_upper for t in span):
            continue
        if text[:label_start].strip() and not _names_a_speaker(span, documents):
            continue  # below the headline, "Iowa: Tim Albrecht, ...", "A reminder: ...": a subheading or a list
        if len(span) == 1 and not span[0].is_upper and span[0].lemma_.lower() not in documents \
                and re.search(rf"(?<![\w-]){re.escape(span.text.lower())}(?![\w-])", text):
            continue  # "Measles: vaccination rate down" with "measles" in the text: a topic, not a speaker's name
        if span[0].pos_ == "DET" and span[-1].lemma_.lower() not in documents \
                and not any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in span):
            continue  # "The Latest: Sanders wins Minnesota": a rubric, not a speaker (unlike "The poll: ...")
        where = next((t.i for t in span if t.pos_ == "ADP" and t.lower_ in _WHERE_OR_WHEN and not t.ent_type_), None)
        if any(t.like_num and t.ent_type_ not in ("PERSON", "ORG") for t in span) \
                or where is not None and not any(t.ent_type_ == "PERSON" for t in doc[span.start:where]):
            # "US election 2020: ...", "Coronavirus in the White House: ...": a topic, not who speaks (but a person
            # somewhere is: "Former AG Mukasey at RNC: ...")
            continue
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        c_start, c_end = _trim(text, m.end(), end)
        if len(text[c_start:c_end].split()) < 3 or _title_fragment(doc, text, c_start, c_end):
            continue
        if any(c_start <= v[0] <= c_start + 2 and c_start <= v[4] < c_end and v[3] > v[2] for v in found.values()):
            continue  # 'Okafor trial: "I never saw the contracts", ex-mayor tells jury': the line names its speaker
        colon = text.index(":", label_end)
        addressed = next((t for t in span[1:] if t.pos_ == "ADP" and (t.lower_ in _ADDRESSED or t.lower_ in
                                                                       _WHERE_OR_WHEN)), None)
        if addressed is not None and any(t.pos_ == "PROPN" for t in doc[span.start:addressed.i]):
            # "Biles to Congress: ...", "Obama on climate: ...", "Mukasey at RNC: ...": who speaks is before the
            # preposition; to whom, of what, where is after it
            label_end = doc[addressed.i - 1].idx + len(doc[addressed.i - 1].text)
        found[(c_start, c_end)] = (c_start, c_end, label_start, label_end, colon, colon + 1, "colon")
    for r_start, r_end in regions:
        m = _ATTRIBUTION_DASH.match(text, r_end)
        if m is None and (text.rfind("\n", 0, r_start) + 1 == r_start or not text[:r_start].strip()):
            m = _ATTRIBUTION_LINE.match(text, r_end)  # a quoted paragraph signed on the next line
        if m is None or any(a < r_end and r_start < b for a, b in taken):
            continue
        c_start, c_end = _trim(text, r_start, r_end)
        dash = m.start() + re.search("[-―—–]", m.group(0)).start()
        name_end = m.end(1) - 1 if m.group(1).endswith(".") and len(m.group(1).split()[-1]) > 4 else m.end(1)
        found[(c_start, c_end)] = (c_start, c_end, m.start(1), name_end, dash, dash + 1, "quoted")  # "- Sanders."


#: prepositions of place and time, which put a headline's label in a place or at a time: a topic ("Coronavirus in
#: the White House: ..."), not who speaks ("A lesson from Loretta Lynch: ...", "Secretary of State Blinken: ...",
#: "on" of a matter: "Obama on Climate Change: ...", and a person before it: "Former AG Mukasey at RNC: ...")
_WHERE_OR_WHEN = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "amid", "during",
                            "after", "before", "since", "until", "over", "under", "within", "into", "throughout"})
#: prepositions after which a headline's label names whom the speaker addresses or what about ("Biles to
#: Congress: ...", "Obama on Climate Change: ..."), not the speaker
_ADDRESSED = frozenset({"to", "on", "about", "for", "with"})
_ATTRIBUTION_LINE = re.compile(r"[ \t\xa0.]*\n\s*[-―—–]+[ \t\xa0]*([A-Z][\w.'’-]*(?:[ \t\xa0]+[A-Z][\w.'’-]*){0,4})"
                               r"(?:,[^\n]{0,80})?[ \t\xa0]*(?=\n|$)")
_BEFORE_COLON = re.compile(r"\S[ \t\xa0]*:[ \t\xa0]*(?:\n[ \t\xa0]*){0,2}$")
#: a name between a dash and the colon that introduces a quotation ("... - Carl Bialik:", "- More from Jones:")
_DASH_NAME = re.compile(r"\w[ \t\xa0]+[-―—–][ \t\xa0]+(?:More from[ \t\xa0]+)?"
                        r"([A-Z][\w.'’-]*(?:[ \t\xa0]+(?:and[ \t\xa0]+)?[A-Z][\w.'’-]*){0,5})[ \t\xa0]*$")
_BEFORE_COMMA = re.compile(r"\w[ \t\xa0]*,[ \t\xa0]*$")
_SENTENCE_CLOSED = re.compile(r"[.?!…]['’]?[ \t\xa0]*(?:[”\"»]|'')$")
_BEFORE_STOP = re.compile(r"\w[ \t\xa0]*\.[ \t\xa0]+$")
_QUOTE_MARKS = re.compile("[\"“”«»„]|''")  # any double quotation mark, opening or closing
_OWN_OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})
_NOT_SOURCES = frozenset({"there", "it", "this", "that", "here", "what", "which"})


def _token_starts(doc: Doc) -> list[int]:
    """Each token's first character, in order (for ``bisect``): read once from the doc's array (the caller must not
    change the list)."""
    return _tokens(doc).idx


def _introduced_quotations(doc: Doc, regions: list[tuple[int, int]], found: dict) -> None:
    """ 'McConnell delivered a blunt message to Trump: "It's time to quit ..."', 'She went on: "It's like ..."',
    'Hillary shot back, "I suppose I could have ..."': a quotation of whole sentences introduced by a colon, or by
    a comma when the quotation closes its sentence, that no other statement claims, is said by the subject of the
    clause before the mark (whatever its verb); the clause's verb is the cue."""
    if not regions:
        return
    text = doc_text(doc)
    taken = [(v[0], v[1]) for v in found.values()]
    starts: list[int] | None = None
    for r_start, r_end in regions:
        before = text[max(0, r_start - 12):r_start]
        m = _BEFORE_COLON.search(before)
        if m is None and (m := _BEFORE_COMMA.search(before)) is not None \
                and not _SENTENCE_CLOSED.search(text, r_start, r_end):
            continue  # after a comma, only a quotation that ends its sentence ('a memoir, "Gifted Hands," and')
        stop = m is None and (m := _BEFORE_STOP.search(before)) is not None
        words = _WORDS.findall(text, r_start, r_end)
        if m is None or not words or any(a < r_end and r_start < b for a, b in taken):
            continue
        comma = m.group(0).rstrip(" \t\xa0").endswith(",")
        if not words[0][0].isupper() and not comma:
            continue
        if _title_words(words):
            continue  # 'the play, "Eclipsed Again."', 'the slogan, "Make America Great Again."': a title
        mark = r_start - len(before) + m.start() + m.group(0).index(m.group(0)[1:].lstrip(" \t\xa0")[0], 1)
        if any(not text[b:mark].strip(" \t\xa0\"”'’") for _, b in taken if b <= mark):
            continue  # 'said [that she sent them a text]: "..."': the content before the colon goes on after it
        signed = None if comma else _DASH_NAME.search(text[max(0, mark - 80):mark])
        if signed is not None:
            # 'Pollsters agree - Carl Bialik: "One of the biggest ..."': a summary line, a dash and the name of the one
            # quoted before the colon; that name is the speaker, not the summary's subject
            c_start, c_end = _trim(text, r_start, r_end)
            offset = max(0, mark - 80)
            found[(c_start, c_end)] = (c_start, c_end, offset + signed.start(1), offset + signed.end(1), mark, mark + 1,
                                       "quoted")
            continue
        if starts is None:
            starts = _token_starts(doc)
        k = bisect_left(starts, mark) - 1  # the word before the mark
        if k < 0:
            continue
        verb = doc[k]
        while _subject(verb) is None and verb.head.i != verb.i and verb.head.i < verb.i + 20:
            verb = verb.head
        subject = _subject(verb)
        if subject is None or subject.idx >= mark or subject.lower_ in _NOT_SOURCES or subject.dep_ == "expl" \
                or "\n" in text[subject.idx:mark]:
            continue
        speech = verb.pos_ == "VERB" and verb.lemma_.lower() in _speech_lemmas()
        if not words[0][0].isupper() and not speech:
            continue  # 'Clinton said, "as long as we're not ..."': a lower-case quotation only after a verb of saying
        if stop and (not speech or _QUOTE_MARKS.search(text, verb.sent.start_char, mark)
                     or any(c.dep_ in _OWN_OBJECTS and c.i > verb.i for c in verb.children)):
            continue  # 'Bystrom agreed. "Mainstream Republicans are ..."': only after a sentence that is a bare cue
        s_start, s_end = _source_span(subject)
        if any(a < s_end and s_start < b for a, b in _near(regions, s_start, s_end)):
            continue  # 'BEAT—"Matthew Morrison is leaving," by X: "..."': a quoted headline, not a speaker
        c_start, c_end = _trim(text, r_start, r_end)
        found[(c_start, c_end)] = (c_start, c_end, s_start, s_end, verb.idx, _end(verb), "quoted")


#: a verb of plain speech in the past or the third person opening a sentence, words that name the speaker (up to 80
#: characters) and a colon, or a comma before a quotation mark: 'Said the mayor: "..."', 'Said Holt, "..."';
#: a colon between digits is a time's ("Said the mayor at 10:30: ..."), not the cue's
_INVERTED_CUE = re.compile(
    r"(?:(?<=^)|(?<=\n)|(?<=[.!?][ \t\xa0])|(?<=[.!?][\"”’'][ \t\xa0]))[ \t\xa0]*(" + "|".join(
        f.capitalize() for f in _speech_forms()) + r")[ \t\xa0]+((?:[^\n:;\"“”«»()]|(?<=\d):(?=\d)){1,80}?)[ \t\xa0]*"
    r"(?::(?!\d)|(,)(?=[ \t\xa0]*(?:[\"“«„]|``)))[ \t\xa0]*(?=\S|\n)",
    re.MULTILINE)
_WH_OPENING = re.compile(r"(?i)(?:why|how|what|when|where|who|which)\b")
#: a lower-case word of four letters or more, which a line in title case has none of
LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}")
#: up to two line breaks (and the blanks after each) between an inverted cue's colon and its quotation
_LINE_BREAKS = re.compile(r"(?:\n[ \t\xa0]*){0,2}")
#: words that open what follows an inverted verb when it is no speaker: "Asked about the plan, ...", "Said to be ..."
_NOT_INVERTED = frozenset({"PRON", "ADP", "SCONJ", "ADV", "VERB", "AUX", "PART", "NUM", "ADJ", "CCONJ", "PUNCT"})


def _inverted_colon_cues(doc: Doc, regions: list[tuple[int, int]], found: dict) -> None:
    """The statements of :func:`_inverted_cues`. Each replaces what the parse or the label rule found for the same
    verb (the label "Added Smith", or a content that ran on past the quotation) (since 2026-12-07)."""
    for entry in _inverted_cues(doc, regions):
        c_start, _, _, _, q_start, _, _ = entry
        for key, other in list(found.items()):
            if other[4] == q_start or other[2] <= q_start < other[3] or other[0] == c_start:
                del found[key]  # the same cue, the label that holds the verb, or the same content
        found[(entry[0], entry[1])] = entry


def inverted_cue_verbs(doc: Doc) -> frozenset[int]:
    """The indices of the tokens that are the verb of an inverted cue ('Said Holt, "..."', 'Said Ann Holt, the
    mayor: ...'; :func:`_inverted_cues`): words no name holds, though the tagger may run a name over them."""
    text = doc_text(doc)
    if not _INVERTED_CUE.search(text):
        return frozenset()
    verbs = (doc.char_span(e[4], e[5], alignment_mode="expand") for e in _inverted_cues(doc, quotation_regions(text)))
    return frozenset(v.start for v in verbs if v is not None)


def _inverted_cues(doc: Doc, regions: list[tuple[int, int]]) -> Iterator[tuple[int, int, int, int, int, int, str]]:
    """ 'Said the mayor: "We will rebuild."', 'Added Smith: the plan is dead.', 'Said Holt, "We will rebuild."': a
    verb of plain speech that opens its sentence, the speaker after it and a colon, or a comma right before a
    quotation; what was said is the quotation that opens after the colon or the comma, or else (after a colon) the
    rest of the paragraph. The speaker is a name or a noun phrase with a determiner (not "Reported deaths: 12"), with
    no verb, of eight words at most, up to its first comma ("Said Ann Holt, the mayor: ...", "Said Ann Holt, who grew
    up in the town, ..."; no finite verb after the comma outside a relative clause: 'Asked a question, the mayor
    said, "..."', where the sentence's cue comes after it; after a comma, a quotation that ends its sentence or
    that a clause of its own follows, ``_ends_sentence``); not a date ("Posted Monday: ...") nor "no"
    ("Said no one: ..."), and it ends before a preposition that says where, when or how it was said, or a date ("Said
    Holt at a press conference: ...", "Said the mayor Monday: ...": Holt, the mayor). Not on a line in title case
    when no quotation follows ("Added Value: The Hidden Cost Of ...", a rubric), where a speaker without a
    determiner must also name a speaker (``_names_a_speaker``; not a page's label, "Comments Policy: ...")."""
    text = doc_text(doc)
    if ":" not in text and "," not in text:
        return
    for m in _inverted_cue_matches(text):
        phrase = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        verb = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if phrase is None or verb is None or len(verb) != 1 or not len(phrase) or len(phrase) > 16:
            continue
        s_end = next((t.idx for t in phrase if t.text == ","), m.end(2))
        speaker = [t for t in phrase if t.idx < s_end]
        if len(speaker) > 8:
            continue
        if any(t.tag_ in _FINITE and not _in_relative_clause(t, phrase.start, phrase.end)
               for t in phrase if t.idx > s_end):
            continue  # 'Asked a question, Clinton said, "..."': the sentence's cue comes after the comma
        cut = next((k for k, t in enumerate(speaker) if k and (t.ent_type_ in ("DATE", "TIME") and speaker[k - 1]
                    .ent_type_ not in ("DATE", "TIME") or _said_circumstance(t, speaker[k - 1]))), None)
        if cut is not None:
            speaker = speaker[:cut]  # "Said Holt at a press conference: ...", "Said the mayor Monday: ...": Holt
            s_end = _end(speaker[-1])
        if not speaker or speaker[0].ent_type_ in ("DATE", "TIME") or speaker[0].lower_ in ("no", "neither"):
            continue  # a dateline's "Posted Monday: ...", "Continued March 3: ...", and "Said no one: ...": no speaker
        if speaker[0].pos_ in _NOT_INVERTED and speaker[0].lower_ not in ("one", "another") \
                or any(t.pos_ in ("VERB", "AUX") or t.tag_ in ("WP", "WDT", "WRB") for t in speaker) \
                or not (any(t.pos_ == "PROPN" for t in speaker) or speaker[0].pos_ == "DET"
                        or speaker[0].tag_ == "PRP$" or speaker[0].lower_ in ("one", "another")):
            continue
        after = _LINE_BREAKS.match(text, m.end()).end()  # 'Said Ellis:\n\n“...”'
        region = next((r for r in _near(regions, after, after) if r[0] == after), None)
        if region is None and (after > m.end() or m.start(3) != -1):
            continue  # after a comma, only a quotation
        if m.start(3) != -1 and not _ends_sentence(text, region[1]):
            continue  # 'Told the news, the crew, "shocked and angry", walked out.': a participle's clause, no cue
        if region is not None:
            c_start, c_end = _trim(text, *region)
            form = "quoted"
        else:
            end = text.find("\n", m.end())
            c_start, c_end = _trim(text, m.end(), len(text) if end == -1 else end)
            form = "colon"
            if _WH_OPENING.match(text, c_start):
                continue  # "Added Value: Why the plan matters": a headline's rubric and its question
            if not LOWER_WORD.search(text, m.start(), c_end):
                continue  # "Added Value: The Hidden Cost Of ...": a rubric in title case, read as names
            if speaker[0].pos_ != "DET" and speaker[0].tag_ != "PRP$" and speaker[0].lower_ not in ("one", "another") \
                    and not _names_a_speaker(doc[speaker[0].i:speaker[-1].i + 1], frozenset(), after=verb[0].i):
                continue  # "Comments Policy: readers must ...", "Stated Goals: ...": a page's label, not a name
        if len(_WORDS.findall(text, c_start, c_end)) < 3:
            continue
        yield c_start, c_end, m.start(2), s_end, m.start(1), m.end(1), form


def _inverted_cue_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_INVERTED_CUE``, each sentence's opening verb tried even when the match before ran
    over it ('Told to leave, Holt stayed. Said Holt, "..."': the first one's phrase runs on to the second's comma,
    and is refused)."""
    at = 0
    while (m := _INVERTED_CUE.search(text, at)) is not None:
        yield m
        at = m.start(1) + 1


def _in_relative_clause(token: Token, start: int, end: int) -> bool:
    """Whether a word of an inverted cue's speaker phrase (the tokens ``start`` to ``end``) is in a relative clause
    of it, its verb or a word under it ("has" and "knows" of "Ann Holt, who has lived here and knows the port")."""
    return any(t.dep_ == "relcl" and start <= t.i < end for t in (token, *token.ancestors))


#: what opens a clause of its own after an inverted cue's quotation: a conjunction, a dash or a bracket ('Said Holt,
#: "...," before leaving the hall.', '..." and the hall cheered.', '..." (he did not say when).')
_OWN_CLAUSE = re.compile(r"[ \t\xa0]*,?[ \t\xa0]*(?:[—–(-]|(?:and|but|or|so|then|before|after|as|while|when|adding)\b)")


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the quotation that ends at ``end`` ends its sentence ('Said Holt, "We will rebuild." He left.'), or
    a clause of its own follows it (``_OWN_CLAUSE``), not the predicate of a sentence that goes on after it ('...,
    "shocked and angry", walked out.', '..., "Will it reopen?" the mayor said nothing.')."""
    rest = text[end:end + 8].lstrip(" \t\xa0")
    if not rest or rest[0] in "\n.!?…" or _OWN_CLAUSE.match(text, end):
        return True
    inner = text[max(0, end - 8):end].rstrip("”“»\"'’ \t\xa0")
    return inner.endswith((".", "!", "?", "…")) and not rest[0].islower() and rest[0] not in ",;:"


def _said_circumstance(token: Token, before: Token) -> bool:
    """Whether a preposition in an inverted cue's speaker phrase opens where, when or how it was said ("at a press
    conference", "in a statement", "to reporters" after a name), not a part of the speaker's phrase ("the head of the
    union", "a spokesman for the ministry", "an aide to the mayor")."""
    if token.pos_ != "ADP" or token.lower_ in ("of", "for", "from"):
        return False
    return token.lower_ != "to" or before.pos_ == "PROPN"


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


_MINOR_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "and", "or", "but", "with",
                          "as", "from", "into", "over", "vs", "is", "be"})


_HEADLINE_NOT_NAMES = frozenset({"why", "what", "how", "who", "when", "where", "which", "may", "might", "will", "would",
                                 "can", "could", "should", "must", "have", "has", "had", "is", "are", "was", "were",
                                 "do", "does", "did", "not", "if"})
_HEADLINE_ADVERBS = frozenset({"just", "finally", "now", "also", "still", "again", "even", "already", "quietly",
                               "officially", "reportedly", "openly", "publicly", "suddenly", "never", "always", "once"})
_HEADLINE_BREAK = re.compile(r"[.?!;,][ \t\xa0]|[ \t\xa0][-–—―][ \t\xa0]")


def _verb_form_lemmas(word: str) -> list[str]:
    """The base forms a verb ``word`` in the third person or the past may have ("praises", "slams", "denies",
    "dismissed")."""
    found = []
    if word.endswith("ies"):
        found.append(word[:-3] + "y")
    if word.endswith("es"):
        found.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1])
    if word.endswith("ed"):
        found += [word[:-1], word[:-2]]
    return found


def _title_case_headline(doc: Doc, lex: CueLexicon, found: dict) -> None:
    """A headline in title case, which the parse reads as names ("Senator Okafor Slams Harbour Tax Plan"): the
    first title-case word that is a cue verb's third person or past ("Slams", "Endorses", "Dismissed") is the
    cue, the words before it (after a comma or colon) the speaker and the words after it, to the line's end, a
    sentence break or a comma, what was said. Not when a statement was already found in the line, nor when the words before the cue hold
    punctuation, a question word, a modal or an auxiliary ("Why Voters Like ...", "Trump May Not Have ...").
    (PolNeAR train: 61 more statements, 31 of them matched, 29 with their speaker.)"""
    text = doc_text(doc)
    end = text.find("\n")
    if end <= 0:
        return
    line = doc.char_span(0, end, alignment_mode="contract")
    if line is None or len(line) < 3:
        return
    words = [t for t in line if t.is_alpha]
    if not words or any(not (t.is_title or t.is_upper) for t in words if t.lower_ not in _MINOR_WORDS):
        return
    if any(v[0] < end or v[4] < end for v in found.values()):
        return
    for t in line[1:]:
        if not t.is_title or t.lower_ in _MINOR_WORDS:
            continue
        if any(lemma in lex.cue_verbs for lemma in _verb_form_lemmas(t.lower_)):
            before = list(line[:t.i - line.start])
            breaks = [k for k, w in enumerate(before) if w.is_punct and not (
                w.text == "-" and not w.whitespace_ and not doc[w.i - 1].whitespace_)]  # not a hyphen in a word
            if breaks:
                before = before[breaks[-1] + 1:]  # "Railing Against Tax, [Okafor] Vows ...", "EXCLUSIVE: [Okafor] Slams ..."
            after = [w for w in doc[t.i + 1:line.end] if not (w.is_punct and w.i == line.end - 1)]
            if not before or not after or any(w.lower_ in _HEADLINE_NOT_NAMES for w in before):
                return
            while len(before) > 1 and before[-1].lower_ in _HEADLINE_ADVERBS:
                before.pop()  # "Tara Lind Finally Endorses ...": the speaker is "Tara Lind"
            c_end = _end(after[-1])
            stop = _HEADLINE_BREAK.search(text, after[0].idx, c_end)
            c_start, c_end = _trim(text, after[0].idx, stop.start() if stop else c_end)
            if c_end <= c_start:
                return  # "Manager Laughs, Evades ...": the cue ends its clause, and nothing was said
            found[(c_start, c_end)] = (c_start, c_end, before[0].idx, _end(before[-1]), t.idx, _end(t), "headline")
            return


def _title_fragment(doc: Doc, text: str, start: int, end: int) -> bool:
    """A few words after a label with no finite verb, no quotation and no question ("Christie: A closing surge",
    "Sanders: Win in a walk"): a section title, not what the one named said."""
    words = text[start:end]
    # a quotation opens with a mark; a closing ’ alone is an apostrophe ("Trump’s"), as is ' inside a word
    if len(_WORDS.findall(words)) > 5 or "?" in words or re.search("[\"“”‘«»]|(?:^|\\s)'|''", words):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not any(t.tag_ in _FINITE for t in span)


def _names_a_speaker(label, documents: frozenset[str], after: int = -1) -> bool:
    """A label that names who speaks: a person, organisation or group the parse recognised, a name in capitals
    (a transcript's "PENCE"), a document ("Poll"), or words of a person or organisation named in the article
    ("Matthews" after "Chris Matthews"). With ``after``, a token's index, an entity that holds that token does not
    count ("Reports Archive" typed a person, "Reports" the verb of an inverted cue)."""
    words = [t for t in label if t.is_alpha]
    if not words:
        return False
    # the entity that holds token ``after``, read only when one is asked for (the label rule asks for none)
    held = next(((e.start, e.end) for e in label.doc.ents if e.start <= after < e.end), None) if after >= 0 else None
    if any(t.ent_type_ in ("PERSON", "ORG", "NORP") and not (held and held[0] <= t.i < held[1]) for t in label) \
            or all(t.is_upper for t in words) or label[-1].lemma_.lower() in documents:
        return True
    known = {t.lower_ for e in label.doc.ents if e.label_ in ("PERSON", "ORG") and (e.start, e.end) != held for t in e}
    return all(t.lower_ in known for t in words)


def _join_continued_quotations(entries: list[tuple], regions: list[tuple[int, int]], text: str) -> list[tuple]:
    """A quotation that goes on after its cue, or in the quotations that follow, is one statement.

    - '"My hope," he said, "is that ..."': the quotation resumes after the cue in the same sentence;
    - '"We are on our fourth secretary," he said. "There is a reason."': it opens the next sentence;
    - a quotation followed by whole quoted sentences or paragraphs with no attribution of their own.

    The content runs to the last quotation's end (a cue in between stays inside).  A quotation
    that holds another statement's cue or content, or is followed by words of its own ('"...", she
    said'), is not a continuation.
    """
    starts = [r[0] for r in regions]

    def free(region: tuple[int, int], me: tuple) -> bool:
        """No other statement claims the quotation (a cue quoted inside it is part of the speech; the same
        cue taking the resumed part for its own content is this statement)."""
        return not any(e is not me and e[4] != me[4] and e[0] < region[1] and region[0] < e[1]
                       and not region[0] <= e[4] < region[1] for e in entries)

    def complete(region: tuple[int, int]) -> bool:
        """Nothing but punctuation after the quotation, up to the paragraph's end or the next quotation."""
        stop = text.find("\n", region[1])
        stop = len(text) if stop == -1 else stop
        k = bisect.bisect_left(starts, region[1])
        if k < len(regions):
            stop = min(stop, regions[k][0])
        return not re.search(r"\w", text[region[1]:stop])

    joined = []
    for entry in entries:
        c_start, c_end, s_start, s_end, q_start, q_end, form = entry
        k = bisect.bisect_left(starts, max(c_end, q_end) if c_end <= q_start else c_end)
        last = c_end
        # a quotation opens the content, or closes it ('Trump is a "change agent," Cole said. "That's ..."')
        quote_edge = text[c_start:c_start + 1] in "“\"'`«»„" \
            or any(r[1] == c_end and c_start < r[0] for r in regions[max(0, k - 1):k])
        n = k
        if c_end <= q_start and quote_edge:
            # a title quoted in the cue's clause ('he said on CNN's "State of the Union." "We ...'): passed over
            while n < len(regions) and _quoted_title(text, q_end, regions[n]):
                n += 1
        if c_end <= q_start and quote_edge and n < len(regions):
            nxt = regions[n]
            gap = text[q_end:nxt[0]]
            inline = gap.rstrip().endswith(",") and "\n" not in gap
            next_sentence = bool(re.fullmatch(r"[^\n]*[.!?]\s*", gap))
            # another statement cued in between, unless it lies within the cue clause ("said X, who introduced ...")
            others = any(q_end <= e[4] < nxt[0] and not (q_end <= e[0] and e[1] <= nxt[0]) for e in entries)
            if len(gap) < 250 and (inline or next_sentence) and not others and free(nxt, entry):
                last = nxt[1]
                k = n + 1
        if last != c_end or any(r[1] == c_end for r in regions[max(0, k - 1):k]):
            while k < len(regions) and not text[last:regions[k][0]].strip() and free(regions[k], entry) \
                    and complete(regions[k]):
                last = regions[k][1]
                k += 1
        first = c_start
        if c_end <= q_start and (b := bisect.bisect_left(starts, c_start)) < len(regions) and starts[b] == c_start:
            # '"Para one." / "Para two," said X': whole quoted paragraphs just before, with no cue of their own
            while b > 0 and not text[regions[b - 1][1]:first].strip() and free(regions[b - 1], entry) \
                    and not _WORDS.search(text, text.rfind("\n", 0, regions[b - 1][0]) + 1, regions[b - 1][0]):
                b -= 1
                first = regions[b][0]
        if first != c_start:
            c_start, form = first, "joined"
        if last != c_end:
            c_end, form = last, "joined"
        joined.append((c_start, c_end, s_start, s_end, q_start, q_end, form))
    return joined


_SENTENCE_GAP = re.compile(r"[”\"'’]*[.!?][ \t\xa0]+")


def _paraphrase_then_quotation(entries: list[tuple], regions: list[tuple[int, int]], text: str) -> list[tuple]:
    """ 'He said [that the Fed wants to move before the election. "They don't like to talk about it ..."]': a
    reported statement after its cue, followed in the next sentence by a quotation that closes the paragraph
    and that no statement claims, goes on with it."""
    starts = [r[0] for r in regions]
    out = []
    for entry in entries:
        c_start, c_end, s_start, s_end, q_start, q_end, form = entry
        k = bisect.bisect_left(starts, c_end)
        if form != "indirect" or c_start < q_end or k >= len(regions) \
                or any(a <= c_start < b for a, b in regions[max(0, k - 1):k]):
            out.append(entry)
            continue
        r_start, r_end = regions[k]
        stop = text.find("\n", r_end)
        stop = len(text) if stop == -1 else stop
        if not _SENTENCE_GAP.fullmatch(text, c_end, r_start) or re.search(r"\w", text[r_end:stop]) \
                or any(e is not entry and (e[0] < r_end and r_start < e[1] or c_end <= e[4] < r_end) for e in entries):
            out.append(entry)
            continue
        out.append((c_start, r_end, s_start, s_end, q_start, q_end, "joined"))
    return out


_CONJUNCT_GAP = re.compile(r"[ \t\xa0]*[,;]?[ \t\xa0]*(?:and|but|or|yet)?[ \t\xa0]*")


def _quoted_conjuncts(entries: list[tuple], regions: list[tuple[int, int]], text: str) -> list[tuple]:
    """ 'said [he had received offers for the gun, but "the offers were to use it in a fashion I did not like."]': a
    content after its cue goes on with a quotation that follows it after a comma or a conjunction and closes the
    sentence, when no other statement claims the quotation."""
    if not regions:
        return entries
    starts = [r[0] for r in regions]
    out = []
    for entry in entries:
        c_start, c_end = entry[0], entry[1]
        k = bisect.bisect_left(starts, c_end)
        if c_start < entry[4] or k == len(regions):
            out.append(entry)
            continue
        r_start, r_end = regions[k]
        gap = _CONJUNCT_GAP.match(text, c_end, r_start)
        if gap.end() != r_start or r_start - c_end > 12 or not _SENTENCE_CLOSED.search(text, r_start, r_end) \
                or _title_words(_WORDS.findall(text, r_start, r_end)) \
                or any(e is not entry and e[0] < r_end and r_start < max(e[1], e[5]) for e in entries):
            out.append(entry)
            continue
        out.append((c_start, r_end, *entry[2:]))
    return out


def _quoted_title(text: str, after: int, region: tuple[int, int]) -> bool:
    """A short capitalised quotation inside the clause that begins at ``after``, with words before it: a title
    ('on ABC's "This Week"', 'a host of "Shark Tank"'), not speech resumed after the cue."""
    gap = text[after:region[0]]
    words = _WORDS.findall(text, *region)
    return (bool(words) and len(words) <= 5 and words[0][0].isupper() and _WORDS.search(gap) is not None
            and not re.search(r"[.!?,;:\n]", gap) and not re.search(r"[.!?,]\W*$", text[region[0]:region[1]]))


_FIRST_SECOND = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"})
_THIRD_PERSON = frozenset({"he", "she", "him", "her", "his", "hers"})
_PRESENT = frozenset({"VBP", "VBZ"})
_PRESENT_MODALS = frozenset({"can", "ca", "cannot", "will", "wo", "may", "must", "shall"})


def _continued_unmarked_speech(doc: Doc, entries: list[tuple], regions: list[tuple[int, int]], text: str) -> list:
    """Unmarked direct speech that goes on in the next sentences of its paragraph is one statement, in an
    article that marks no statement with quotation marks (they were lost, or the outlet does not use them).

    "It is a cruel situation, Gueant told reporters. [These children are exploited by ...]": after a sentence
    of the form "<speech>, <speaker> <cue> ...", with no quotation marks, a following sentence of the same
    paragraph continues the speech when it is in the speaker's voice (a first or second person, a question, or
    the present tense) and is no one else's: no quotation, no cue, no other statement, no "he"/"she" and no
    mention of the speaker's name.  The first sentence that fails ends the speech.
    """
    if not entries or any(a < e[1] and e[0] < b for e in entries for a, b in _near(regions, e[0], e[1])):
        return entries  # the article marks speech with quotation marks: unmarked words are the writer's
    speech = _speech_lemmas()
    starts = _token_starts(doc)
    out = []
    for entry in entries:
        c_start, c_end, s_start, s_end, q_start, q_end, form = entry
        if form != "preceding" or not c_end <= s_start or not c_end <= q_start \
                or any(a < c_end and c_start < b for a, b in _near(regions, c_start, c_end)) or re.match(r"(?i)that\b", text[c_start:c_end]):
            out.append(entry)
            continue
        cue = doc[bisect_left(starts, q_start)]
        sent = cue.sent
        if sent[0].idx != c_start and text[sent[0].idx:c_start].strip(" \t\"“”'‘’(") != "":
            out.append(entry)
            continue
        names = {w.lower() for w in _WORDS.findall(text, s_start, s_end) if w[:1].isupper()}
        end = c_end
        nxt = sent.end
        while nxt < len(doc):
            following = doc[nxt].sent
            words = [t for t in following if not (t.is_punct or t.is_space)]
            if not words:
                break
            f_start, f_end = _trim(text, following[0].idx, _end(following[-1]))
            if "\n" in text[end:words[0].idx] or "\n" in text[f_start:f_end]:
                break  # not across paragraphs
            lowered = {t.lower_ for t in words}
            if any(a < f_end and f_start < b for a, b in _near(regions, f_start, f_end)) \
                    or any(e is not entry and e[0] < f_end and f_start < max(e[1], e[5]) for e in entries) \
                    or lowered & _THIRD_PERSON or lowered & names \
                    or any(t.lemma_.lower() in speech and t.pos_ == "VERB" and not _own_voice(t) for t in words):
                break
            root = following.root
            present = root.tag_ in _PRESENT or any(
                c.dep_ in ("aux", "auxpass") and (c.tag_ in _PRESENT or c.lower_ in _PRESENT_MODALS)
                for c in root.children)
            if not (lowered & _FIRST_SECOND or following.text.rstrip().endswith("?") or present):
                break
            end = f_end
            nxt = following.end
        out.append(entry if end == c_end else (c_start, end, s_start, s_end, q_start, q_end, "joined"))
    return out


_SINGLE_OPENED = re.compile(r"[‘'][ \t\xa0]*$")
_SINGLE_CLOSED = re.compile(r"[,.!?]?[ \t\xa0]*[’']")
#: the next sentence of the paragraph, wholly in single quotation marks: " 'Absolute chaos.'"
_SINGLE_NEXT = re.compile(r"[ \t\xa0]+[‘']((?:[^\n‘’']|(?<=\w)['’](?=\w)){1,400}?[.!?,])[’'](?=\s|$)")


#: a single closing mark at a content's end, after the punctuation that hands over to the cue: "... infection,'"
_SINGLE_CLOSING_END = re.compile(r"[,.!?][’']\Z")
#: a single opening mark: at the paragraph's start or after a space, before a letter or a digit ("'Most ...")
_SINGLE_OPENER = re.compile(r"(?:(?<=^)|(?<=[\s\xa0]))[‘'](?=[^\W_])", re.MULTILINE)
#: a single closing mark: after a word or punctuation, not inside a word ("don't" is no closing mark)
_SINGLE_CLOSER = re.compile(r"(?<=[\w.,!?])[’'](?![\w])")


def _opened_single_quotations(entries: list[tuple], text: str) -> list[tuple]:
    """ "'Most of the masks ... don't work. They don't prevent infection,' Paul said": an unmarked content before its
    cue that ends with a single closing mark starts at the single opening mark that opens the quotation in its
    paragraph, across sentences (single marks are not paired as quotations, so the clause before the cue was all
    that was taken)."""
    out = []
    for entry in entries:
        c_start, c_end, s_start, s_end, q_start, q_end, form = entry
        closed = _SINGLE_CLOSING_END.search(text, c_start, c_end) or _SINGLE_CLOSED.match(text, c_end)
        if c_end > q_start or not closed or text[c_start] in "'‘":
            out.append(entry)
            continue
        paragraph = text.rfind("\n", 0, c_start) + 1
        openers = [m.start() for m in _SINGLE_OPENER.finditer(text, paragraph, c_start)]
        opener = openers[-1] if openers else None
        if opener is None or _SINGLE_CLOSER.search(text, opener + 1, c_start) \
                or any(e is not entry and opener <= e[4] < c_start for e in entries):
            out.append(entry)
            continue
        out.append((opener, c_end, s_start, s_end, q_start, q_end, form))
    return out


def _continued_single_quotations(entries: list[tuple], text: str) -> tuple[list[tuple], list[tuple[int, int]]]:
    """A quotation in single marks whose cue clause is followed, in its paragraph, by a sentence wholly in single
    marks and with no cue of its own ("‘It will be chaos,’ said a taxi driver, John Mercer. 'Absolute chaos.'")
    is one statement, as with double marks; the two quotations are given as regions, so that the content is cut
    into its pieces around the cue clause."""
    out, regions = [], []
    for entry in entries:
        c_start, c_end, s_start, s_end, q_start, q_end, form = entry
        opened = _SINGLE_OPENED.search(text, max(0, c_start - 3), c_start)
        closed = _SINGLE_CLOSED.match(text, c_end)
        if opened is None or closed is None or not c_end <= min(q_start, s_start if s_end > s_start else q_start):
            out.append(entry)
            continue
        clause_end = _sentence_end(text, max(q_end, s_end))
        nxt = _SINGLE_NEXT.match(text, clause_end)
        if nxt is None or "\n" in text[c_end:clause_end] \
                or any(e is not entry and e[0] < nxt.end() and nxt.start() < max(e[1], e[5]) for e in entries):
            out.append(entry)
            continue
        regions += [(opened.start(), closed.end()), (nxt.start() + len(nxt.group(0)) - len(nxt.group(0).lstrip()),
                                                     nxt.end())]
        out.append((opened.start(), nxt.end(), s_start, s_end, q_start, q_end, "joined"))
    return out, regions


def _own_voice(verb: Token) -> bool:
    """A verb of saying in the speaker's voice: its subject is the first or second person ("I think", "you
    know"), or it has none ("cannot be allowed to continue")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is None or subject.lower_ in _FIRST_SECOND


def _named(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ == "PROPN" for t in span)


def _with_weak(entries: list[tuple], weak_entries: list[tuple]) -> list[tuple]:
    """``entries`` with the statements of weak frames that leave them as they are: a frame learnt at a lower rate
    adds a statement where the others leave room, one whose content and cue lie outside every other statement's
    content and hold no other statement's cue ("released [a statement in which he declared that ...]" is not
    added: the declaration stays), whose cue is no other statement's, and the first of those that overlap one
    another."""
    added: list[tuple] = []
    for entry in sorted(weak_entries):
        c_start, c_end, q_start = entry[0], entry[1], entry[4]
        if any(c_start < o[1] and o[0] < c_end or o[0] <= q_start < o[1] or c_start <= o[4] < c_end or o[4] == q_start
               for o in (*entries, *added)):
            continue
        added.append(entry)
    return sorted([*entries, *added])


def _drop_nested(entries: list[tuple], regions: list[tuple[int, int]]) -> list[tuple]:
    """An attribution whose cue lies inside another's content is part of what was said, not a statement.

    "Flynn said [Trump wants to ...]": the statement is Flynn's; "wants" is its content's verb.  A quotation
    resumed after its cue holds the cue's clause, which is the writer's, not the speaker's: an attribution cued
    there is kept ('"...," said X, who said he would not vote. "..."').
    """
    ordered = regions if isinstance(regions, _Regions) else _Regions(regions)

    def cue_clause(o: tuple) -> tuple[int, int]:
        """The words between the quoted parts around the cue of a content that holds its own cue."""
        if not o[0] <= o[4] < o[1]:
            return (0, 0)
        window = ordered.near(min(o[0], o[5]), o[1])  # a region either test below holds starts in there
        before = max((b for a, b in window if o[0] <= a and b <= o[4]), default=None)
        after = min((a for a, b in window if o[5] <= a and b <= o[1]), default=None)
        return (0, 0) if before is None or after is None else (before, after)

    kept: list[tuple] = []
    # the kept contents by start, each with its cue clause: a content holding a cue at p starts in (p - longest, p]
    kept_starts: list[int] = []
    kept_by_start: list[tuple[tuple, tuple[int, int]]] = []
    longest = 0
    for entry in sorted(entries, key=lambda e: e[0] - e[1]):  # the longest content first
        p = entry[4]
        lo, hi = bisect.bisect_right(kept_starts, p - longest), bisect.bisect_right(kept_starts, p)
        if not any(o[0] <= p < o[1] and not (c[0] <= p and entry[1] <= c[1]) for o, c in kept_by_start[lo:hi]):
            kept.append(entry)
            at = bisect.bisect_right(kept_starts, entry[0])
            kept_starts.insert(at, entry[0])
            kept_by_start.insert(at, (entry, cue_clause(entry)))
            longest = max(longest, entry[1] - entry[0])
    return sorted(kept)


def _sentence_end(text: str, position: int) -> int:
    """The position just after the full stop that ends the sentence holding ``position``."""
    for i in range(position, min(len(text), position + 200)):
        if text[i] in ".!?\n":
            return i + 1
    return position


# --- cues ----------------------------------------------------------------------------------


def _in_dateline(token: Token) -> bool:
    """ "LONDON (Reuters) - Donald Trump said ...", "MYRTLE BEACH, S.C. - Sen. Ted Cruz ...": the place and agency
    that open the paragraph (:mod:`storylens.parse.dateline`), which the parse may take for the subject."""
    doc = token.doc
    text = doc_text(doc)
    if not datelines(text):
        return False  # no dateline in the article
    return dateline_holding(text, token.idx) is not None


def _said_after_clause(verb: Token, subjects: list[Token]) -> bool:
    """ "[Couple exposure with a divisive candidate and residents get nervous], said Christine Link": a plain verb of
    speech after a comma whose parse gave it two subjects, one before it and one after it; the one before is the
    clause that was said, the one after the speaker."""
    if not (len(subjects) == 2 and subjects[0].dep_ == "nsubj" and subjects[1].dep_ == "nsubj"
            and subjects[0].i < verb.i < subjects[1].i and verb.i > 0 and verb.doc[verb.i - 1].text == ","
            and verb.lemma_.lower() in _PLAIN_SPEECH):
        return False
    # the name ends the sentence: not "The Academy, which ..., said [Jackman, 40, ... will host the ceremony]", where
    # what follows the cue is what was said
    speaker = subjects[1]
    return not any(t.pos_ in ("VERB", "AUX") and not speaker.left_edge.i <= t.i <= speaker.right_edge.i
                   for t in verb.doc[verb.i + 1:verb.sent.end])


def _subject(verb: Token) -> Token | None:
    doc = verb.doc
    table = _tokens(doc)
    deps = table.dep
    subjects = [doc[c] for c in table.children(verb.i) if deps[c] in ("nsubj", "nsubjpass", "csubj")]
    if subjects and _in_dateline(subjects[0]):
        # "LONDON (Reuters) - [Donald Trump] said": the place is not the subject; the parse may have made the
        # name its apposition ("CLEVELAND, July 19 (UPI) - [Michael Mukasey] told")
        name = next((c for c in subjects[0].children if c.dep_ == "appos" and not _in_dateline(c)), None)
        if len(subjects) > 1:
            subjects = subjects[1:]
        elif name is not None:
            subjects = [name]
    if len(subjects) > 1 and subjects[0].lower_ in _WH and subjects[1].lower_ not in _WH:
        subjects = subjects[1:]  # "the drawdown, which they say [left a vacuum]": the parse made both subjects
    if _said_after_clause(verb, subjects):
        subjects = subjects[1:]  # "[Exposure ... and voters get nervous], said Christine Link": the name after the cue
    before = [c for c in subjects if c.dep_ == "nsubj" and c.i < verb.i]
    if len(before) > 1 and before[-1].left_edge.i > 0 and verb.doc[before[-1].left_edge.i - 1].is_punct:
        subjects = [before[-1]]  # 'His verdict: "It is not good enough," he said': the subject set off nearest the verb
    for child in subjects:
        if child.dep_ == "appos":
            return child
    for child in subjects:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if child.dep_ == "nsubjpass" and not _has_said(verb, child):
                agent = _agent(verb)
                return agent
            return child
    agent = _agent(verb)
    if agent is not None:
        return agent
    if any(deps[c] == "auxpass" for c in table.children(verb.i)):
        return None  # "Roma ... are believed to have come from India": believed by someone unnamed
    if verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "Clinton found ways [to cast herself as ...]", "Grijalva was the first Democrat [to endorse Sanders]": an
        # infinitive on the object or predicate noun is done by the subject of the verb that noun depends on
        noun = verb.head
        governor = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
        if noun.dep_ in ("dobj", "attr", "pobj") and governor.pos_ in ("VERB", "AUX") and governor.i != noun.i:
            owner = _subject(governor)
            if owner is not None:
                return owner
    modifier = verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ == "VBG"
    if modifier and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        noun = verb.head
        owner = _object_owner(noun) if verb.dep_ == "acl" else None
        if owner is not None:
            # "Trump's campaign released a statement saying [...]", "took turns rebutting [...]": the one who
            # put out the object (or the verb the parse hung the participle under) says it
            return owner
        return noun  # "listeners who said ...", "a group backing Trump": the noun the clause modifies
    head = verb.head
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.lemma_.lower() in cue_lexicon().cue_verbs:
        return _subject(head.head)  # "May said [the country would leave] and suggested ...": May suggested
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.i > head.head.i \
            and head.lemma_.lower() in _PLAIN_SPEECH and not any(c.dep_ == "nsubj" for c in verb.children):
        # '"...," the source recalled, adding that ...': the parse hung a cue set after the quotation under the
        # quoted clause; the participle goes with that cue's own subject
        speaker = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if speaker is not None:
            return speaker
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" \
            and head.head.lemma_.lower() in cue_lexicon().cue_verbs:
        # "Carson said [he plans to preview a strategy], insisting that ...": the parse hung the participle
        # on the clause that was said; it goes with the one who said it
        return _subject(head.head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ in _EMBEDDED and verb.left_edge.i > 0 \
            and verb.doc[verb.left_edge.i - 1].text in _ASIDE_MARKS:
        # "Bennett denied the notion [that a shakeup is coming], explaining that ...": a participle set off by a
        # comma after an embedded clause goes with the main clause's subject
        while head.dep_ in _EMBEDDED + ("prep", "pobj", "dobj", "attr") and head.head.i < head.i \
                and not (head.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ not in _RELATIVE
                                                       for c in head.children)):
            head = head.head  # not past a clause before its verb, nor a relative clause with a subject of its own
        owner = _subject(head) if head.pos_ in ("VERB", "AUX") else None
        if owner is not None and owner.lower_ not in ("it", "there"):
            return owner
        head = verb.head
    controller = _caused_subject(verb) or _across_a_dashed_cue(verb)
    if controller is not None:
        return controller
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        owner = _subject(verb.head)  # "..., saying [...]", "went on to say [...]"
        if owner is None and verb.dep_ == "conj" and verb.lemma_.lower() in cue_lexicon().speech_verbs \
                and any(c.dep_ == "ccomp" for c in verb.children) and not any(c.dep_ == "auxpass" for c in verb.children):
            # "the mayor was forced into a retreat and said [that ...]": the passive's subject says the clause of an
            # active conjunct
            owner = next((c for c in verb.head.children if c.dep_ == "nsubjpass" and c.i < verb.head.i), None)
        return owner
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head.head)  # "Cruz was reluctant to endorse [Trump]": the subject of "was"
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head.head)  # "she began by saying [...]", "After saying [...], she left"
    return None


_EMBEDDED = ("ccomp", "acl", "relcl")


#: verbs that make their object do the next verb: "led [Republicans] to say", "left [many] wondering"
_CAUSATIVES = frozenset({"lead", "leave", "drive", "prompt", "force", "cause", "inspire", "spur", "compel",
                         "encourage", "push"})


def _caused_subject(verb: Token) -> Token | None:
    """ "The timing led [Republicans] to say that ...", "leaving [many] to wonder whether ...": an infinitive (or a
    participle right after the object) under a causative verb is done by that verb's object."""
    head = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or head.i == verb.i or head.lemma_.lower() not in _CAUSATIVES:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not (
            verb.tag_ == "VBG" and verb.left_edge.i > 0 and not verb.doc[verb.left_edge.i - 1].is_punct):
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)


_DASHES = frozenset({"-", "--", "—", "–"})


def _across_a_dashed_cue(verb: Token) -> Token | None:
    """ 'Clinton suggested that ... - "Again, ...," she said - and charged that ...': a conjunct the parse hung on
    a cue set between dashes goes on the sentence before the dashes; its first verb with a subject says it."""
    head = verb.head
    if verb.dep_ != "conj" or head.lemma_.lower() not in _PLAIN_SPEECH \
            or not any(t.text in _DASHES for t in verb.doc[head.i + 1:verb.i]):
        return None
    sent = verb.sent
    dash = next((t for t in verb.doc[sent.start:head.i] if t.text in _DASHES), None)
    if dash is None:
        return None
    first = next((t for t in verb.doc[sent.start:dash.i] if t.pos_ == "VERB"
                  and any(c.dep_ == "nsubj" for c in t.children)), None)
    return _subject(first) if first is not None else None


def _has_said(verb: Token, subject: Token) -> bool:
    """ "He's said [he will fight]": "'s" is "has" before a participle with a clause, which the parse took for a
    passive ("it's said [that ...]" stays one)."""
    return subject.lower_ not in ("it", "there") and any(c.dep_ == "ccomp" for c in verb.children) \
        and any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in verb.children)


_QUOTE_MARK = re.compile("[”\"]|''")


def _after_quotation(verb: Token) -> bool:
    """The cue comes right after a closing quotation mark (and a comma): '"...," said X', '"...", wrote X'."""
    doc = verb.doc
    before = [doc[k].text for k in range(max(0, verb.i - 2), verb.i)]
    return bool(before) and (before[-1] in _CLOSING_QUOTES
                             or len(before) == 2 and before[-1] == "," and before[0] in _CLOSING_QUOTES)


def _object_owner(noun: Token) -> Token | None:
    """The subject of the active verb whose object ``noun`` is: the one who put it out ("Sanders released an ad
    ...")."""
    if noun.dep_ != "dobj" or noun.head.pos_ not in ("VERB", "AUX") \
            or any(c.dep_ == "auxpass" for c in noun.head.children):
        return None
    owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return owner if owner is not None and owner.lower_ not in ("it", "there") else None


def _agent(verb: Token) -> Token | None:
    doc = verb.doc
    table = _tokens(doc)
    deps = table.dep
    for child in table.children(verb.i):
        if deps[child] == "agent":
            for obj in table.children(child):
                if deps[obj] == "pobj":
                    return doc[obj]
    return None


def _lost_main_subject(verb: Token) -> Token | None:
    """ "Officer Ana Grigore who is helping ... the railways where Roma congregate, told BBC: ...": the parse
    hung the cue, after a comma, on a relative clause and left the sentence without a main verb; the
    sentence's root noun is the speaker."""
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("PROPN", "NOUN") \
            and verb.head.i < verb.i and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        # "A Quinnipiac poll found last week [that ...]": the parse took the cue for a participle on the noun and
        # left the sentence without a main verb
        return verb.head
    if verb.dep_ != "relcl" or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None  # tested first: the sentence's root is the costly part
    root = verb.sent.root
    if root.pos_ not in ("PROPN", "NOUN") or root.i >= verb.i:
        return None
    return root


def _stranded_subject(verb: Token) -> Token | None:
    """ "Alarmed by the unrest, Senator Harry Reid, the minority leader, said ...": the parse hung the name
    before a main cue verb elsewhere (a conjunct, an apposition) and gave the verb no subject; the noun
    right before the verb (over an apposition, a comma and adverbs) is the speaker."""
    if verb.dep_ != "ROOT" or any(c.dep_ in ("auxpass", "expl") for c in verb.children):
        return None
    doc = verb.doc
    earlier = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if earlier is not None and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children) \
            and not re.search(r"[\n\"“”]|''|``", doc_text(doc)[earlier.left_edge.idx:verb.idx]):
        # "The mayor offered the man a job, then says [he will ...]": the parse made the first predicate a clause of
        # the cue; the cue shares its subject (not a quotation's: '"I feel ...," said X', nor across a paragraph)
        subject = next((c for c in earlier.children if c.dep_ == "nsubj" and c.i < earlier.i), None)
        if subject is not None and subject.lower_ not in _WH and subject.lower_ not in ("it", "there"):
            return subject
    k = verb.i + 1
    before = doc[verb.i - 1] if not doc[verb.i - 1].is_space or verb.i < 2 else doc[verb.i - 2]  # over a '\xa0' token
    if k < len(doc) and before.is_punct and (doc[k].pos_ == "PROPN" or doc[k].is_title and doc[k].pos_ in (
            "ADV", "NOUN", "ADJ") and not doc[k].ent_type_ and (k + 1 == len(doc) or doc[k + 1].is_punct)):
        # a name the tagger took for an adverb or a noun ('"...," said Skelly, explaining ...') is one too
        # '"...," said David Brock, a confidant who ...': the name right after the cue
        while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN":
            k += 1
        return doc[k]
    k = verb.i - 1
    while k >= verb.sent.start and (doc[k].text == "," or doc[k].dep_ in ("advmod", "aux", "neg")):
        k -= 1
    if k < verb.sent.start or doc[k].pos_ not in ("PROPN", "NOUN", "NUM") or doc[k].ent_type_ in ("DATE", "TIME", "MONEY") \
            or doc[k].pos_ == "NUM" and doc[k].head.i != verb.i:
        return None  # but "About 4 in 10 say [...]": a count of people the parse hung on the cue
    noun = doc[k]
    while noun.dep_ == "appos" and noun.head.i < noun.i and noun.head.dep_ != "pobj":
        # not into a phrase of a preposition ("In a statement to the Gazette, [her adviser, Tom Hale], said"): the
        # parse made the speaker an apposition of its noun
        noun = noun.head
    return noun


def _restrictive(verb: Token) -> bool:
    """ "Roma who agree [to leave] receive 300 euros": a relative clause with no comma before it says which
    people are meant, not what they said or want."""
    if verb.dep_ != "relcl":
        return False
    first = verb.left_edge
    return first.i > 0 and verb.doc[first.i - 1].text != ","


def _apposed_participle(verb: Token) -> bool:
    """Whether ``verb`` follows its subject's name after a comma and heads no subject of its own under a verb of
    speech that has none either: '"...," rower Ann Holt, considered the best of her generation, said': the parse read
    the participle of the apposition as a finite verb taking the quotation; a finite verb is never cut from its
    subject by one comma."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "," or verb.tag_ not in ("VBD", "VBN"):
        return False
    subject = _subject(verb)
    if subject is None or subject.i >= verb.i:
        return False
    name_end = subject.i
    while name_end + 1 < verb.i - 1 and doc[name_end + 1].dep_ in _NAME_PARTS:
        name_end += 1
    head = verb.head
    return name_end == verb.i - 2 and head.i > verb.i and head.lemma_.lower() in _PLAIN_SPEECH \
        and _subject(head) is None


def _verb_attribution(verb: Token, lex: CueLexicon):
    subject = _lost_main_subject(verb) or _subject(verb) or _stranded_subject(verb) or _naming_subject(verb, lex)
    doc = verb.doc
    table = _tokens(doc)
    deps = table.dep
    if subject is None or subject.lower_ in ("it", "there") \
            and not any(deps[c] == "ccomp" for c in table.children(verb.i)) \
            and not (subject.lower_ == "it" and subject.dep_ == "nsubj" and subject.head.i == verb.i):
        # "there" never speaks, nor an "it" the parse did not make the cue's own subject; the cue's subject "it" (an
        # ad, a report, a body named before) does: "It slams [the university for ...]", "It plans [to raise rates]"
        # (train: 57 more predictions, 35 of them matched)
        return None
    if any(deps[c] == "aux" and doc[c].lower_ in _OBLIGATION for c in table.children(verb.i)):
        return None  # "Roma must demonstrate that they have work": a duty put on them, not their statement
    if _forecast(verb):
        return None
    if subject.lower_ == "you" and verb.sent.text.rstrip(" \n\"'”’").endswith("?"):
        return None  # "Do you support Donald Trump?": a question put to the reader, not a view reported
    if subject.head.i == verb.i and subject.i < verb.i and verb.lemma_.lower() in _PLAIN_SPEECH and _after_quotation(verb) \
            and _QUOTE_MARK.search(doc_text(verb.doc), subject.idx, verb.idx):
        # '"... the foundation, all the old trust stuff," said a person close to them': the parse took a word of
        # the quotation for the subject; the one named after the cue is the speaker
        subject = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("nsubj", "dobj", "attr")
                        and c.pos_ in ("NOUN", "PROPN", "PRON")), subject)
    if subject.lower_ in ("that", "which") and verb.dep_ == "relcl" and subject.i > 0 \
            and not verb.doc[subject.i - 1].is_punct and _object_owner(verb.head) is not None:
        # "Sanders is releasing an ad that urges [voters to ...]": a restrictive relative clause on the object is
        # said by the one who put it out, as with "a statement saying [...]"
        subject = _object_owner(verb.head)
    if subject.lower_ in _WH:
        if subject.lower_ in _RELATIVE and _relative_antecedent(subject) is not None:
            pass  # "Sherman, who reported [that ...]": the pronoun is the source as written; its noun names it
        elif verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            subject = verb.head
        else:
            return None
    doc = verb.doc
    name_only = False
    if subject.tag_ == "VBG":  # "Speaking on French radio Besson said": the parse took the participle
        previous = doc[verb.i - 1] if verb.i > 0 else None
        if previous is None or previous.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        subject, name_only = previous, previous.pos_ == "PROPN"
    content = None
    form = "indirect"
    v = verb.i
    child_ids = table.children(v)
    children = [doc[c] for c in child_ids]
    # (index, dependency, token) of each child, read from the token table
    labelled = list(zip(child_ids, [deps[c] for c in child_ids], children, strict=True))
    ccomps = [t for c, d, t in labelled if (d == "ccomp" and c > v or d == "advcl" and c > v
              and _asked_question(verb, t)) and not _relative_after_a_noun(verb, t)]
    before = [t for c, d, t in labelled if d in ("ccomp", "parataxis") and c < v]
    subjects = [t for c, d, t in labelled if d in ("nsubj", "nsubjpass", "csubj")]
    if not before and _said_after_clause(verb, subjects):
        before = subjects[:1]
    dobj = next((t for c, d, t in labelled if d in ("dobj", "dative")), None)
    if dobj is None and verb.lemma_.lower() in lex.object_verbs:
        dobj = next((t for c, d, t in labelled if d == "oprd" and c > v), None)  # "called [Trump] a liar"
    xcomp = next((t for c, d, t in labelled if d == "xcomp" and c > v), None)
    colon = next((doc[k] for k in range(verb.i + 1, min(len(doc), verb.i + 6))
                  if table.idx[k] + 1 == table.end[k] and doc_text(doc)[table.idx[k]] == ":"), None)
    options: list[tuple[int, tuple[int, int], str]] = []
    if colon is not None and colon.sent == verb.sent and verb.lemma_.lower() in _PLAIN_SPEECH:
        text = doc_text(doc)
        start = colon.idx + 1
        paragraph_end = text.find("\n", colon.idx)
        paragraph_end = paragraph_end if paragraph_end != -1 else len(text)
        if not text[start:paragraph_end].strip():  # "He said:" closing its paragraph: the next one is the speech
            start = paragraph_end + len(text[paragraph_end:]) - len(text[paragraph_end:].lstrip())
            paragraph_end = text.find("\n", start)
            paragraph_end = paragraph_end if paragraph_end != -1 else len(text)
        closing = text.find("”", colon.idx, paragraph_end)
        if closing != -1 and "“" not in text[colon.idx:closing]:
            paragraph_end = closing + 1  # a closing mark without an opener ends the speech
        options.append((colon.i, (start, paragraph_end), "colon"))
    lemma = verb.lemma_.lower()
    if ccomps and lemma in lex.clause_verbs:
        node = ccomps[0]
        first = node.left_edge
        if first.i < verb.i:  # "changes, which officials said [will take effect]": the pronoun is before the cue
            first = next(t for t in node.subtree if t.i > verb.i)
        elif dobj is not None and dobj.dep_ == "dobj" and verb.i < dobj.left_edge.i and dobj.i < node.i \
                and not any(c.dep_ in _CLAUSE_SUBJECTS for c in node.children) \
                and all(t.is_punct for t in doc[dobj.right_edge.i + 1:first.i]):
            # "said [production at the plant, which employs 850 people, had been halted]": the parse took the
            # clause's subject, cut off by a relative clause, for the cue's object
            first = dobj.left_edge
        options.append((first.i, (first.idx, _clause_tail(verb, _clause_end(verb, node))), "indirect"))
    elif lemma in lex.clause_verbs and (dobj is not None or any(c.dep_ == "prep" and c.i > verb.i for c in children)):
        # "told a meeting of leaders [that few people understood ...]", "told analysts on a conference call [that
        # the deal ...]": the parse made the clause relative to the object or to a phrase of the cue
        attached = [dobj] if dobj is not None else []
        attached += [c for c in children if c.dep_ == "prep" and c.i > verb.i]
        for node in (t for a in attached for t in a.subtree):
            if node.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children):
                options.append((node.left_edge.i, (node.left_edge.idx, _end(node.right_edge)), "indirect"))
                break
    passive = next((t for c, d, t in labelled if d == "nsubjpass"), None)
    if passive is not None and lemma in lex.object_verbs and _agent(verb) is not None and dobj is None and not ccomps:
        # "[The plan] was criticized by economists": the object of the view is the passive subject
        options.append((passive.left_edge.i, (passive.left_edge.idx, _end(passive.right_edge)), "indirect"))
    if lemma in lex.stance_verbs and xcomp is not None and dobj is None and not _restrictive(verb):
        end_tok = xcomp.right_edge
        for child in children:  # "wants [to triple X, grow Y and create Z]": bare verbs the parse hung on the cue
            if child.dep_ == "conj" and child.i > end_tok.i and child.tag_ == "VB" and child.left_edge.i <= end_tok.i + 2:
                end_tok = child.right_edge
        options.append((xcomp.left_edge.i, (xcomp.left_edge.idx, _end(end_tok)), "indirect"))
    if lemma in _GERUND_OBJECT_VERBS and xcomp is not None and xcomp.tag_ == "VBG" and dobj is None and not ccomps:
        # "denied [asking the chief to drop the inquiry]": a gerund is the object of a verb of saying that takes one,
        # and the statement is that verb's (its content holds the gerund, so the gerund's own cue is dropped as
        # nested: what was denied is not reported as said); not a verb of weighing ("is considering allowing ..."),
        # nor "said" before a gerund that is its clause's subject ("said [using a private server was improper]")
        options.append((xcomp.left_edge.i, (xcomp.left_edge.idx, _end(xcomp.right_edge)), "indirect"))
    if lemma in lex.object_verbs and dobj is not None and dobj.i < verb.i and dobj.lower_ in _WH:
        # "what he called [''our arguments this year'']": the name given, after the cue
        oprd = next((c for c in children if c.dep_ == "oprd" and c.i > verb.i), None)
        as_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i), None)
        if oprd is not None:
            options.append((oprd.left_edge.i, (oprd.left_edge.idx, _end(_attached_after(verb, oprd.right_edge))),
                            "indirect"))
        elif as_prep is not None and as_prep.n_rights and (
                f"{lemma} as" not in lex.preposition_cues
                or sum(not t.is_punct for t in as_prep.subtree) == 2):
            # "the marchers, whom he described [as 'peaceful']": the characterisation of the relative pronoun, with
            # "as" (a one-word characterisation, or a verb without the learnt "as" frame)
            options.append((as_prep.i, (as_prep.idx, _end(_as_phrase_end(as_prep))), "indirect"))
    # "A recent survey found [90 percent support for background checks]": what a document found is its finding, though
    # "found" with an object is no cue elsewhere ("police found the car")
    finding = lemma in _FINDING_VERBS and subject.lemma_.lower() in lex.document_nouns | _FINDING_NOUNS
    if (lemma in lex.object_verbs or finding) and dobj is not None and dobj.i > verb.i and not ccomps:
        # "calling [him 'a disgrace']": the parse may make the name given a second object
        oprd = next((c for c in children if c.i > dobj.i and (
            c.dep_ in ("oprd", "xcomp") or c.dep_ == "dobj" and _next_to(dobj.right_edge, c.left_edge)
            # 'called it ["a terrible night"]': a quoted name given, which the parse took for an adverb of the cue
            or c.dep_ == "npadvmod" and c.left_edge.i > dobj.right_edge.i + 1 and _next_to(dobj.right_edge, c.left_edge))),
            None)
        end_tok = oprd.right_edge if oprd is not None else dobj.right_edge
        # "condemned [the test as 'provocative']", "blasted [the media for being dishonest]"
        end_tok = _attached_after(verb, end_tok)
        as_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > end_tok.i), None)
        if as_prep is None and f"{lemma} as" in lex.preposition_cues:
            as_prep = _nested_as(verb, end_tok)
        if as_prep is not None and as_prep.n_rights:
            # "denounced [the move at the political level as a ploy ...]": the characterisation is what was said
            end_tok = _as_phrase_end(as_prep)
        if end_tok.i == dobj.right_edge.i and _noun_cue_object(dobj, lex):
            pass  # "sounded a cautious note about [the jobs report]": the noun's own attribution
        elif not (end_tok.i == dobj.right_edge.i and (any(c.dep_ == "neg" for c in children) or _allowed_act(verb))):
            # but "has not seen [the cable]", "didn't name [the bill]": a thing not seen or not named is no view held
            options.append((dobj.left_edge.i + 1, (dobj.left_edge.idx, _end(end_tok)), "indirect"))
    for prep in children:
        if prep.dep_ == "prep" and prep.i > verb.i and prep.n_rights and f"{lemma} {prep.lower_}" in lex.preposition_cues:
            first = next(prep.rights)
            if first.ent_type_ in _TIMES:
                continue  # "agreed on Tuesday [to buy ...]": a date, not what was agreed on
            end_tok = _attached_after(verb, prep.right_edge)
            if prep.lower_ == "as" and dobj is not None and verb.i < dobj.i < prep.i \
                    and dobj.right_edge.i + 1 == prep.i:
                # "cast [her victory as a sign that ...]": the object with what it was cast as
                options.append((dobj.left_edge.i, (dobj.left_edge.idx, _end(end_tok)), "indirect"))
            else:
                options.append((first.left_edge.i, (first.left_edge.idx, _end(end_tok)), "indirect"))
            break
    if lemma == "call":
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("on", "for") and c.i == verb.i + 1), None)
        if prep is not None and list(prep.children):
            # "called on [tech companies to do more]": an infinitive the parse hung on the cue goes with them
            options.append((prep.i + 1, (doc[prep.i + 1].idx, _end(_attached_after(verb, prep.right_edge))), "indirect"))
    if lemma in lex.object_control_verbs and dobj is None:
        clause = next((c for c in children if c.dep_ == "advcl" and c.i > verb.i and _for_infinitive(c, verb)), None)
        if clause is not None:
            # "called for [the party to respond ...]": the parse made the subject and infinitive a clause of "for"
            first = doc[next(m.i for m in clause.children if m.dep_ == "mark") + 1]
            options.append((first.i, (first.idx, _end(clause.right_edge)), "indirect"))
    if verb.lemma_.lower() in lex.object_control_verbs and dobj is not None and xcomp is not None:
        options.append((dobj.left_edge.i, (dobj.left_edge.idx, _end(xcomp.right_edge)), "indirect"))
    if verb.lemma_.lower() == "describe" and dobj is not None and dobj.i > verb.i:
        as_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"), None) \
            or _nested_as(verb, dobj.right_edge)
        if as_prep is not None:
            options.append((dobj.left_edge.i, (dobj.left_edge.idx, _end(as_prep.right_edge)), "indirect"))
    if options:
        _, content, form = min(options)
    if content is None and lemma in _ANSWERING:
        answer = next((c for c in children if c.lower_ in _ANSWERS and c.i > verb.i and not c.n_lefts and not c.n_rights
                       and all(t.dep_ in ("dative", "dobj") and t.pos_ in ("PRON", "PROPN") for t in doc[verb.i + 1:c.i])),
                      None)
        if answer is not None:
            # "46 percent said [yes]", "half said [so]", "told him [no]": the answer given, one word; "said [no to the
            # war]" with what it refused
            last = next((c for c in children if c.dep_ == "prep" and c.lower_ == "to" and c.i == answer.i + 1), answer)
            content = (answer.idx, _end(last.right_edge))
    # "..., as the wave continues [to spread]": a verb of speech with an infinitive of its own says nothing
    own_infinitive = any(c.dep_ == "xcomp" and c.i > verb.i for c in children)
    plain = verb.lemma_.lower() in _PLAIN_SPEECH and not own_infinitive
    # "[...], the Gazette revealed", "[...], he said, [...]": the plain verbs of speech and the others of the hand list,
    # but not a verb of knowing or thinking ("[...], he believes": far less often a statement in PolNeAR train), nor
    # one with an object or a subordinating conjunction ("[...], after the club notified him"), which is no aside
    spoken = plain or lemma in lex.speech_verbs and lemma not in _KNOWING and dobj is None \
        and not own_infinitive and not any(c.dep_ == "mark" and c.lower_ != "as" for c in children)
    if content is None and before and spoken:
        node = before[0]
        content = (node.left_edge.idx, _end(node.right_edge))
        form = "preceding"
    if content is None and spoken and verb.dep_ == "advcl" \
            and verb.head.i > verb.i \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in children) and verb.head.right_edge.i > verb.i:
        # "As The Daily Caller reported, [the star gave $5,000 to the Clintons]": the clause the cue opens (any verb
        # of saying of the hand list: "As POLITICO revealed, ...", "As the mayor pointed out, ..."; not one of knowing or
        # thinking: "as anyone who saw it knows, ..." is the writer's aside)
        after = [t for t in doc[max(t.i for t in verb.subtree) + 1:verb.head.right_edge.i + 1]
                 if not (t.is_punct or t.is_space)]
        if after and verb.left_edge.i == verb.head.left_edge.i:
            content = (after[0].idx, _end(after[-1]))
    stranded_conj = verb.dep_ == "conj" and any(c.dep_ == "nsubj" for c in children)
    if content is None and spoken and (verb.dep_ in ("parataxis", "ccomp", "advcl") or stranded_conj) \
            and verb.head.i != verb.i:
        # "[The plan], he said, [will fail]": the clause the cue interrupts, on both sides of the cue
        head = verb.head
        if head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
            head = head.head  # "Even then, he said, he['s] learned ...": the parse hung the cue on an auxiliary
        first = min(t.i for t in verb.subtree)
        last = max(t.i for t in verb.subtree)
        said_by = next((c for c in children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if verb.dep_ == "parataxis" and said_by is not None and first < said_by.left_edge.i - 1 \
                and doc[said_by.left_edge.i - 1].text == ",":
            # "[At times last year], aides said, [the mere mention of her name ...]": words the parse hung on the
            # cue before its subject and a comma open what was said; the cue clause starts at that comma
            first = said_by.left_edge.i - 1
        going_on = next((c for c in children if verb.dep_ == "parataxis" and c.dep_ == "conj" and c.i > verb.i
                         and c.lemma_.lower() not in lex.cue_verbs
                         and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
        if going_on is not None and doc[going_on.left_edge.i - 1].dep_ == "cc" \
                and doc[going_on.left_edge.i - 2].text == ",":
            # "[The contracts were handled by officials], he said, [and he trusted them]": the parse hung the
            # clause that goes on after the cue on the cue; it is the rest of what was said
            last = going_on.left_edge.i - 2
        start = head.left_edge
        if verb.tag_ == "VBN" and _agent(verb) is not None and head.lemma_.lower() in lex.cue_verbs \
                and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in children):
            # "The minister said in the recording, reported by The Times on Sunday, that ...": a participle with its
            # agent set off inside another cue's clause is said of the noun before it ("the recording"), not a
            # statement that cuts the minister's in two (which is his, after "that")
            return None
        if start.i < first and (doc[first - 1].is_punct or verb.dep_ == "parataxis"):
            end_tok = doc[first - 1]
            text = doc_text(doc)
            if verb.dep_ == "parataxis" and head.right_edge.i > last and not (
                    text[start.idx:min(t.idx for t in verb.subtree if not t.is_punct)].rstrip(" ,").endswith(
                        ("”", '"', "''"))
                    and not re.search("[“”\"]|''", text[_end(doc[last]):_end(head.right_edge)])):
                # '"Follow us," Ms. Gil said, and the boys trailed behind': a quotation before the cue and none after
                # it, the words after the cue are the writer's
                end_tok = head.right_edge
                while end_tok.i > last + 1 and (end_tok.is_punct or end_tok.is_space):
                    end_tok = doc[end_tok.i - 1]
            content = (start.idx, _end(end_tok))
            form = "interrupted" if end_tok.i > last else "preceding"
    if content is None and dobj is not None and verb.lemma_.lower() in ("say", "write", "tweet", "post"):
        content = (dobj.left_edge.idx, _end(dobj.right_edge))
    if content is None:
        return None
    if form == "indirect":
        content = _drop_trailing_aside(doc, content)
    content = _drop_leading_day(doc, verb, content)
    source = _source_span(subject)
    if name_only:  # the name before the cue, not the participle phrase's words ("French radio Besson")
        first = subject
        while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].ent_type_ == subject.ent_type_:
            first = doc[first.i - 1]
        source = (first.idx, _end(subject))
    if lemma in _RAISING and xcomp is not None and xcomp.lemma_.lower() in lex.speech_verbs \
            and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in xcomp.children) \
            and subject.head.i == verb.i and subject.dep_ == "nsubj" and subject.lower_ not in ("it", "there", "this"):
        pass  # "Rubio seemed [to confirm] ...": a verb of saying under "seem" is the subject's act, said by it (not
        # "he seems to have found ...": the writer's inference about what happened)
    elif lemma in _RAISING or _unnamed_passive(verb) and _naming_subject(verb, lex) is None:
        source = (0, 0)  # "the plan seems [to work]": the subject is not who holds the view
        if lemma in _RAISING and subject.head.i == verb.i and subject.i < verb.i \
                and subject.dep_ in ("nsubj", "nsubjpass") and subject.lower_ not in ("it", "there") \
                and subject.idx < content[0] \
                and (xcomp is None or xcomp.lemma_.lower() not in lex.cue_verbs):
            # what seems so is "[the plan] ... [to work]": the subject with the complement, over the cue (not
            # "he seemed to mock [X]", where the inner verb is the cue)
            content, form = (subject.left_edge.idx, content[1]), "raising"
    elif verb.dep_ == "xcomp" and subject.lower_ in ("it", "this") and subject.head.i != verb.i:
        source = (0, 0)  # "it is hard [to imagine ...]", "it means [admitting that ...]": the writer's view
    if form != "interrupted" and source[0] < content[1] and content[0] < source[1]:
        return None  # the "source" is inside what was said: a parse error, not an attribution
    cue_end = max([_end(verb)] + [_end(c) for c in children if c.dep_ == "prt"])
    return content, source, (verb.idx, cue_end), form


#: verbs of saying whose object may be a gerund, which is then what was said ("denied asking ...", "admitted
#: taking ...", "recalled seeing ...")
_GERUND_OBJECT_VERBS = frozenset({"deny", "admit", "acknowledge", "concede", "confirm", "recall", "report", "mention",
                                  "describe", "suggest", "propose", "recommend", "defend", "urge", "advocate"})


def _noun_cue_object(dobj: Token, lex: CueLexicon) -> bool:
    """Whether an object is a noun cue of the subject's own view with its preposition ("sounded a cautious note
    about [the jobs report]", "showed limited enthusiasm for [Mr. Trump]"): what the view is about is the content,
    as the noun's own attribution finds it, not the whole object. Not a noun with a possessor or a name before it
    ("blasted [Trump's call for a ban]", "rejected [a Fox News proposal for a debate]"): someone else's view,
    which the object names whole."""
    if dobj.pos_ != "NOUN" or any(c.dep_ in ("poss", "compound") for c in dobj.children):
        return False
    return any(key in lex.noun_cues for key, _, _ in noun_frames(dobj) if not key.endswith((" that", " to")))


_RELATIVE_OPENERS = frozenset({"which", "who", "whom", "whose"})
_ALLOWING = frozenset({"allow", "let", "enable", "permit", "help", "force", "require", "compel", "oblige"})


def _allowed_act(verb: Token) -> bool:
    """ "allowing more immigrants [to claim] asylum", "forced them to answer the questions": an infinitive under a
    verb that allows, enables or forces it is an act that may or must happen, not one that was done."""
    head = verb.head
    return verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp") and head.i != verb.i \
        and head.lemma_.lower() in _ALLOWING and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _relative_after_a_noun(verb: Token, clause: Token) -> bool:
    """ "..., Paul said in the video [which has been taken down]": a clause the parse made a complement of the cue
    that opens with a relative pronoun right after a noun of the cue's phrases is a relative clause on that noun,
    not what was said ("said which bills would pass", the pronoun right after the cue, is)."""
    first = clause.left_edge
    if first.lower_ not in _RELATIVE_OPENERS or first.i - 1 <= verb.i:
        return False
    before = verb.doc[first.i - 1]
    return before.pos_ in ("NOUN", "PROPN") and before.head.i != clause.i


def _for_infinitive(clause: Token, verb: Token) -> bool:
    """ "called for [him to resign]": a clause opened by "for" within two words of the cue, with a subject and
    "to"."""
    mark = next((c for c in clause.children if c.dep_ == "mark"), None)
    return mark is not None and mark.lower_ == "for" and verb.i < mark.i <= verb.i + 3 \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _naming_subject(verb: Token, lex: CueLexicon) -> Token | None:
    """ "one lawmaker called Trump 'the orange prince'": the parse took the verb for a participle on the noun
    ("a group called X"); with both an object and a name after it, the noun is the one who called."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.lemma_.lower() not in lex.object_verbs \
            or verb.head.i > verb.i or verb.head.pos_ not in ("NOUN", "PROPN") \
            or any(c.dep_ in ("auxpass", "agent") for c in verb.children):
        return None
    complements = [c for c in verb.children if c.dep_ in ("oprd", "dobj") and c.i > verb.i]
    if len(complements) < 2:
        return None
    noun = verb.head
    while noun.dep_ in ("dobj", "pobj", "prep", "relcl") and noun.head.i < noun.i:
        noun = noun.head  # "[One of the docs] who sent the letter called ...": the noun phrase the clause opens with
    return noun if noun.pos_ in ("NOUN", "PROPN", "NUM", "PRON") else None


_ASKING = frozenset({"ask", "wonder"})


def _asked_question(verb: Token, clause: Token) -> bool:
    """ "asked [the senator] if he was ready", "asked whether ...": the parse made the question an adverbial clause;
    "whether" after a verb of saying, or "if" after a verb of asking, opens what was asked."""
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark"), None)
    return mark == "whether" or mark == "if" and verb.lemma_.lower() in _ASKING


_DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                        "today", "tonight"})


def _drop_leading_day(doc: Doc, verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """ "Besson said Friday [France would help ...]": a day right after the cue dates the saying (news style),
    not what was said."""
    idx = _tokens(doc).idx
    first = next((doc[k] for k in range(verb.i + 1, min(verb.i + 3, len(doc))) if idx[k] >= content[0]), None)
    if (first is None or first.idx != content[0] or first.lower_ not in _DAY_WORDS or first.i + 1 >= len(doc)
            or doc[first.i + 1].is_punct or any(not t.is_space for t in doc[verb.i + 1:first.i])):
        return content
    return doc[first.i + 1].idx, content[1]


_RAISING = frozenset({"seem", "appear"})


def _unnamed_passive(verb: Token) -> bool:
    """ "Asked whether ..., Mrs. Clinton said no": a passive participle that modifies the clause, with no agent;
    the one who asked is not named (the clause's subject is the one asked).  "Cruz, when asked ..., said": the
    parse may hang it on the name as a relative clause."""
    doc = verb.doc
    table = _tokens(doc)
    children, deps = table.children(verb.i), table.dep
    opened = any(deps[c] in ("mark", "advmod") and doc[c].lower_ in ("when", "if", "once") for c in children)
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and any(deps[c] == "ccomp" and c > verb.i for c in children):
        return False  # "A Quinnipiac poll found [that ...]": the sentence's lost main verb (see _lost_main_subject)
    if verb.dep_ not in ("advcl", "acl") and not (verb.dep_ == "relcl" and opened) or _agent(verb) is not None \
            or any(deps[c] in ("nsubj", "nsubjpass", "expl") or deps[c] == "aux" and doc[c].lemma_ == "have"
                   for c in children):
        return False
    if verb.tag_ == "VBN":
        return True
    # "Asked whether ...", "When asked ...": a participle the tagger took for a past tense
    return verb.tag_ == "VBD" and (verb.i == verb.sent.start or opened or any(deps[c] == "mark" for c in children))


_ATTACHED = frozenset({"prep", "oprd", "npadvmod", "advmod", "dobj", "dative", "xcomp"})
_ATTACHED_CLAUSES = frozenset({"advcl", "ccomp"})
_ATTACHED_ANY = _ATTACHED | _ATTACHED_CLAUSES
_CONTENT_PREPOSITIONS = frozenset({"for", "of", "about"})  # a date in their phrase is part of what was said
_TIME_PREPOSITIONS = frozenset({"after", "before", "since", "until"})  # a phrase of these is when, never what


def _circumstance(clause: Token) -> bool:
    """An adverbial clause of time, reason or condition ("while she was ...", "as unrest roiled ...", "when ..."),
    not a characterisation ("described [the country as beset by ...]": "as" and no subject)."""
    children = list(clause.children)
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in children) \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in children):
        return False
    return any(c.dep_ == "mark" or c.tag_ in ("WRB", "WDT") for c in children)


def _attached_after(verb: Token, end_tok: Token) -> Token:
    """The content's last token, over phrases the parse hung on the cue right after the object.

    "cited [her work on the attacks]", "condemned [the test as 'provocative']", "agreed with [him that ...]",
    "praised [the efforts of Kerry to find a solution]"; a comma, a clause of time or reason ("while ...",
    "as ..."), a phrase of time ("after the debate", "before the vote") or a clause with a cue of its own ends the
    content.
    """
    for child in verb.rights:
        if child.i <= end_tok.i:
            continue
        if child.left_edge.i != end_tok.i + 1 or child.dep_ not in _ATTACHED_ANY:
            break
        cue_verbs = cue_lexicon().cue_verbs
        if child.dep_ in _ATTACHED_CLAUSES and any(t.lemma_.lower() in cue_verbs and t.pos_ == "VERB"
                                                   for t in child.subtree):
            break  # "thanked [them] saying ...": a statement of its own
        if child.dep_ == "advcl" and (child.left_edge.is_punct or _circumstance(child)):
            break  # "[X] while she was secretary", "[X] as unrest roiled the city": when, not what
        if child.dep_ in ("prep", "npadvmod", "advmod") and child.lower_ not in _CONTENT_PREPOSITIONS \
                and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            break  # "endorsed [Trump] on Friday": when, not what ("blamed [her for the past decade of ...]" is what)
        if child.dep_ == "prep" and child.lower_ in _TIME_PREPOSITIONS:
            break  # "often attacked [Clinton] after the debate", "backing [Rubio] since 2010": when, not what
        end_tok = child.right_edge
    return end_tok


def _next_to(last: Token, first: Token) -> bool:
    """Whether ``first`` follows ``last`` with nothing but quotation marks between them."""
    return all(t.text in _QUOTATION_TOKENS for t in last.doc[last.i + 1:first.i])


_QUOTATION_TOKENS = frozenset({'"', "“", "”", "''", "``", "‘", "’", "'"})


def _nested_as(verb: Token, end_tok: Token) -> Token | None:
    """ "described the DLC [during a Tuesday interview] as 'a remnant'": an "as" the parse hung inside a phrase
    that follows the object on the cue, with no comma before it; None if there is none."""
    phrase = next((c for c in verb.rights if c.i > end_tok.i), None)
    if phrase is None or phrase.dep_ not in ("prep", "npadvmod") or phrase.left_edge.i != end_tok.i + 1:
        return None
    for token in phrase.subtree:
        if token.is_punct and token.text in ",;:":
            return None
        if token.lower_ == "as" and token.dep_ == "prep" and token.i != phrase.i and token.n_rights:
            return token
    return None


def _as_phrase_end(as_prep: Token) -> Token:
    """The last token of a characterising "as" phrase, before a date the parse hung on its noun ("as a
    'disgrace' [Wednesday on the show]": when and where it was said)."""
    doc = as_prep.doc
    end_tok = as_prep.right_edge
    for obj in as_prep.rights:
        for child in obj.rights:
            if child.dep_ in ("appos", "npadvmod", "prep", "advmod") and any(
                    t.ent_type_ in ("DATE", "TIME") for t in (child, *child.children)):
                end_tok = doc[child.left_edge.i - 1]
                while end_tok.i > obj.i and end_tok.is_punct and end_tok.text not in _CLOSERS:
                    end_tok = doc[end_tok.i - 1]
                return end_tok
    return end_tok


def noun_frames(noun: Token):
    """``(key, first, last)`` of each content a noun may introduce, after it.

    Keys: "claim that" (a clause: "his claim [that ...]"), "plan to" (an infinitive: "a plan [to ...]"),
    "concern about" (a preposition's object: "concern about [the deficit]").
    """
    lemma = noun.lemma_.lower()
    for child in noun.rights:
        if child.dep_ in ("ccomp", "acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            yield f"{lemma} that", child.left_edge, child.right_edge
        elif child.dep_ in ("acl", "xcomp") and any(m.dep_ == "aux" and m.lower_ == "to" for m in child.children):
            yield f"{lemma} to", child.left_edge, child.right_edge
        elif child.dep_ == "prep" and child.n_rights:
            yield f"{lemma} {child.lower_}", next(child.rights).left_edge, child.right_edge


def _noun_attribution(noun: Token, lex: CueLexicon):
    """ "Trump's claim [that ...]", "the party's plan [to ...]": the holder is the possessor, or the one a
    preposition names ("criticism from rivals [that ...]"), or the subject of the verb the noun is the object of
    ("she voiced concern about [...]", "persisted in arguments that [...]", not "resigned after claims [that
    ...]", nor the subject of a verb that meets the view: "is facing calls for [...]", "rejected claims that
    [...]"), or no one."""
    frame = next(((first, last) for key, first, last in noun_frames(noun) if key in lex.noun_cues), None)
    if frame is None:
        return _reaction_drawn(noun)
    first, last = frame
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "persisted in [arguments that ...]"
    author = _author_phrase(noun, verb)
    if author is None and noun.lemma_.lower() in _REPUTE_NOUNS:
        # "has established a reputation as [a tough gatekeeper]", "his reputation as [a fixer]": how unnamed others
        # see the subject, not a statement of the subject nor of anyone the text names
        return None
    if author is not None and (holder is None or holder.lower_ in _POSSESSIVE_PRONOUNS):
        holder = author  # "Trump faced criticism from rivals [that ...]", "a sense among some [that ...]"
    elif holder is None and noun.dep_ == "dobj" and verb.lemma_.lower() in _RECEIVING_VERBS:
        pass  # "Kerry is facing calls for [his resignation]", "rejected claims [that ...]": someone else's
    elif (holder is None or holder.lower_ in _POSSESSIVE_PRONOUNS) and noun.dep_ in ("dobj", "attr", "pobj") \
            and verb.pos_ in ("VERB", "AUX") and not (noun.dep_ == "pobj" and noun.head.lower_ in _ADJUNCT_PREPOSITIONS):
        # "Trump laid out his concerns [that ...]": the one who voices them, the possessive's antecedent; not
        # "resigned because of reports [about ...]", where the noun is a circumstance of the verb, nor "despite his
        # claim [that ...], the mayor closed it", where the possessive names the holder and the verb's subject need
        # not be the same one
        holder = _subject(verb) or holder
    source = _source_span(holder) if holder is not None and holder.lower_ not in ("it", "there") else (0, 0)
    return _drop_trailing_aside(noun.doc, (first.idx, _end(last))), source, (noun.idx, _end(noun)), "indirect"


#: nouns of others' judgement that the subject of a receiving verb is the object of ("The plan drew [criticism]")
_REACTION_NOUNS = frozenset({"criticism", "praise", "condemnation", "backlash", "ridicule", "scorn", "rebuke"})


def _reaction_drawn(noun: Token):
    """ "[The proposal] has drawn harsh criticism from rivals", "[He] has faced criticism [for his comments]": what a
    reaction received is about is the subject of the verb that receives it; whose reaction it is, the one "from" or
    "by" names, or no one."""
    verb = noun.head
    if noun.lemma_.lower() not in _REACTION_NOUNS or noun.dep_ != "dobj" \
            or verb.lemma_.lower() not in _RECEIVING_VERBS | _EARNING_VERBS or verb.i > noun.i:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.lower_ in _WH or subject.pos_ == "PRON" and subject.lower_ in ("it", "this", "that"):
        return None
    content = (subject.left_edge.idx, _end(subject.right_edge))
    reason = next((c for c in [*noun.children, *verb.children] if c.dep_ == "prep" and c.lower_ == "for"
                   and c.i > noun.i and c.n_rights), None)
    if reason is not None:
        content = (content[0], _end(reason.right_edge))  # "[He] has faced criticism [for his comments]"
    author = _author_phrase(noun, verb)
    source = _source_span(author) if author is not None else (0, 0)
    if source[0] < content[1] and content[0] < source[1]:
        return None
    return content, source, (noun.idx, _end(noun)), "interrupted"


_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "my", "our", "your"})
#: nouns of how others regard someone: the one who has it ("earned a reputation as ...") is not who holds the view
_REPUTE_NOUNS = frozenset({"reputation", "image", "renown", "standing"})
#: verbs whose subject meets or answers a view rather than voices it: the subject of "faced calls for [...]" or
#: "rejected claims that [...]" is not whose calls or claims they are
_RECEIVING_VERBS = frozenset({"face", "receive", "draw", "attract", "reject", "dismiss", "deny", "rebuff", "ignore",
                              "dispute", "refute", "rebut", "counter", "weather", "field", "shrug"})
_EARNING_VERBS = frozenset({"endure", "earn", "garner", "provoke", "spark", "invite", "win"})
_AUTHOR_PREPOSITIONS = frozenset({"from", "by", "among"})
_ADJUNCT_PREPOSITIONS = frozenset({"after", "because", "despite", "for", "from", "than", "during", "before", "since",
                                   "amid", "following", "over"})


def _author_phrase(noun: Token, verb: Token) -> Token | None:
    """ "criticism [from rivals] that ...", "the suggestion [by a potential president] that ...", "there is a sense
    [among some] that ...": a preposition on the noun, or on its verb after it, that names whose view it is."""
    preps = [c for c in noun.children if c.dep_ == "prep"]
    if noun.dep_ in ("dobj", "attr", "pobj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
        preps += [c for c in verb.children if c.dep_ == "prep" and c.i > noun.i]
    for prep in preps:
        if prep.lower_ in _AUTHOR_PREPOSITIONS:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None
_COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "feel", "sound", "look", "grow", "stay"})


def adjective_frames(adj: Token):
    """``(key, first, last)`` of each content a predicate adjective may introduce, after it.

    "is confident [(that) ...]" (key "confident that", with or without "that"), "was eager [to ...]"
    ("eager to"), "was critical of [the plan]" ("critical of"): the adjective complements a copula ("be",
    "seem", "remain", ...).
    """
    if adj.dep_ != "acomp" or adj.head.lemma_.lower() not in _COPULAS:
        return
    lemma = adj.lemma_.lower()
    for child in adj.rights:
        if child.dep_ == "ccomp":
            yield f"{lemma} that", child.left_edge, child.right_edge
        elif child.dep_ == "xcomp" and any(m.dep_ == "aux" and m.lower_ == "to" for m in child.children):
            yield f"{lemma} to", child.left_edge, child.right_edge
        elif child.dep_ == "prep" and child.n_rights:
            yield f"{lemma} {child.lower_}", next(child.rights).left_edge, child.right_edge


def _adjective_attribution(adj: Token, lex: CueLexicon):
    """ "Clinton is confident [that she will win]", "Sanders was critical of [the deal]": the holder is the
    copula's subject ("It is clear [that ...]": no one)."""
    frame = next(((first, last) for key, first, last in adjective_frames(adj) if key in lex.adjective_cues), None)
    if frame is None:
        return None
    first, last = frame
    holder = _subject(adj.head)
    source = _source_span(holder) if holder is not None and holder.lower_ not in ("it", "there", "this", "that") \
        else (0, 0)
    return (first.idx, _end(last)), source, (adj.idx, _end(adj)), "indirect"


_OBLIGATION = frozenset({"must", "should"})
_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_HEDGES = frozenset({"likely", "probably", "perhaps", "possibly", "maybe"})


def _forecast(verb: Token) -> bool:
    """ "the government will likely seek [to appease ...]": a modal and a hedge put on the verb make it the
    writer's guess at what the subject will do or think, not a statement of theirs."""
    doc = verb.doc
    table = _tokens(doc)
    children, deps = table.children(verb.i), table.dep
    return any(deps[c] == "aux" and table.tag[c] == "MD" for c in children) and \
        any(deps[c] == "advmod" and doc[c].lower_ in _HEDGES for c in children)
_WH = frozenset({"what", "which", "that", "who", "whom"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})


def passive_frame(verb: Token) -> tuple[Token, Token] | None:
    """``(first, last)`` of a view held by no one named: "[Trump] is expected [to win the state]",
    "[Reagan] will be remembered [for his devotion]", "[the deal] was seen [as a setback]", "[Clinton] was
    asked [about the border]".

    A passive verb without an agent ("by ..."), its passive subject before it and an infinitive, a predicate
    or an "as"/"for"/"about" phrase after it: the content runs from the subject to the complement's end; or a
    clause after it, which is the content alone ("he was asked [what happened]", "it is said [that ...]").
    """
    subject = None
    complement = None
    passive = False
    for child in verb.children:
        if child.dep_ == "auxpass":
            passive = True
        elif child.dep_ == "agent":
            return None
        elif child.dep_ == "nsubjpass" and child.i < verb.i:
            subject = child
        elif complement is None and child.i > verb.i and (
                child.dep_ in ("xcomp", "oprd", "ccomp") or child.dep_ == "prep" and child.lower_ in ("as", "for", "about")):
            complement = child
    if not passive or subject is None or complement is None or subject.lower_ in _WH or _has_said(verb, subject):
        return None
    if complement.dep_ == "ccomp":
        return complement.left_edge, complement.right_edge  # "he was asked [what happened]", "it is said [that ...]"
    return subject.left_edge, complement.right_edge


#: one-word answers that a verb of answering takes as what was said ("said [yes]", "would not say [so]")
_ANSWERS = frozenset({"yes", "no", "so"})
_ANSWERING = frozenset({"say", "tell", "answer", "reply", "respond"})
# verbs of knowing and thinking: "As anyone knows, [...]" gives no one's statement
_KNOWING = frozenset({"know", "learn", "think", "believe", "feel", "figure", "guess", "reckon", "mean", "doubt",
                      "suspect", "surmise", "expect", "hope", "fear", "worry", "decide"})
_HEARSAY = frozenset({"reportedly", "allegedly"})


def _hearsay(adverb: Token, lex: CueLexicon):
    """ "Bloomberg is [reportedly] considering a run": the clause is a statement of no named source.  Not when
    the clause is itself a cue's ("he reportedly said ...": the verb's attribution), nor outside a verb's clause."""
    verb = adverb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == adverb.i or verb.lemma_.lower() in lex.speech_verbs:
        return None
    first, last = verb.left_edge, verb.right_edge
    while last.i > first.i and (last.is_punct or last.is_space):
        last = last.doc[last.i - 1]
    return (first.idx, _end(last)), (0, 0), (adverb.idx, _end(adverb)), "interrupted"


def _made_clear(verb: Token):
    """ "He made (it) clear [that he would run]": the parse hangs the clause on "clear", or on "made" after it."""
    clear = next((c for c in verb.children if c.lower_ == "clear" and c.i > verb.i), None)
    if clear is None:
        clear = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("npadvmod", "dobj")
                      and any(g.lower_ == "clear" and g.dep_ == "amod" for g in c.children)), None)
    subject = _subject(verb)
    if clear is None or subject is None:
        return None
    clause = next((c for c in list(clear.children) + list(verb.children) if c.i > clear.i
                   and c.dep_ in ("ccomp", "csubj", "advcl") and c.pos_ in ("VERB", "AUX")), None)
    if clause is None:
        return None
    first, last = clause.left_edge, clause.right_edge
    while last.i > first.i and (last.is_punct or last.is_space):
        last = last.doc[last.i - 1]
    cue_end = max(clear.i, max((c.i for c in verb.children if c.lower_ == "it" and c.i < clear.i), default=verb.i))
    return ((first.idx, _end(last)), _source_span(subject), (verb.idx, _end(verb.doc[cue_end])), "indirect")


def _put_it(verb: Token):
    """ "As X put it, [...]", "[...], as X put it", "X put it: [...]": the words so put are the content."""
    doc = verb.doc
    it = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
    subject = _subject(verb)
    if it is None or subject is None or subject.lower_ in _FIRST_SECOND \
            or any(c.lower_ == "way" for c in verb.children):  # "let me put it this way": not a statement
        return None
    source, cue = _source_span(subject), (verb.idx, _end(it))
    if any(c.lower_ == "as" and c.dep_ in ("mark", "advmod") for c in verb.children) and verb.dep_ == "advcl":
        head = verb.head
        if verb.right_edge.i < head.i:
            first, last = doc[verb.right_edge.i + 1], head.right_edge
        else:
            first, last = head.left_edge, doc[max(head.left_edge.i, verb.left_edge.i - 1)]
    else:
        after = it.right_edge.i + 1
        while after < len(doc) and doc[after].dep_ in ("prep", "pobj", "det", "amod", "compound", "poss"):
            after = doc[after].right_edge.i + 1  # "put it in her memoir:"
        if after >= len(doc) or doc[after].text not in (":", ","):
            return None
        first, last = doc[min(after + 1, len(doc) - 1)], doc[after].sent[-1]
    while first.i < last.i and (first.is_punct or first.is_space):
        first = doc[first.i + 1]
    while last.i > first.i and (last.is_punct and last.text not in _CLOSING_QUOTES or last.is_space):
        last = doc[last.i - 1]
    if first.i >= last.i:
        return None
    return (first.idx, _end(last)), source, cue, "preceding" if last.i < verb.i else "indirect"


_CLOSING_QUOTES = frozenset({"”", '"', "''", "’"})


def _passive_attribution(verb: Token):
    frame = passive_frame(verb)
    if frame is None:
        return None
    first, last = frame
    last = _attached_after(verb, last)
    return (first.idx, _end(last)), (0, 0), (verb.idx, _end(verb)), "interrupted"


_FINDING_VERBS = frozenset({"find"})
#: Nouns of a finding that "In [a poll], [the clause]" attributes its clause to (PolNeAR's cue is the "in"; on
#: its train split 8 of the 12 such clauses that no other rule takes are gold contents; other nouns there, such
#: as "statement" or "interview", are not: "In an interview, Trump did not rule out ...").
_FINDING_NOUNS = frozenset({"poll", "survey"})


def _in_finding(noun: Token):
    """ "In an NBC News poll released Monday, [50 percent of respondents chose Clinton]": the clause that a phrase of
    "in" and a poll opens is the poll's finding.  Only a phrase before the clause's subject, hung on its main verb,
    and the sentence's main one."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.dep_ != "ROOT" or verb.pos_ not in ("VERB", "AUX") or prep.i > verb.i:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.i < prep.i:
        return None
    doc = noun.doc
    first = prep.right_edge.i + 1
    while first < verb.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    last = verb.right_edge
    while last.i > first and (last.is_punct or last.is_space):
        last = doc[last.i - 1]
    return (doc[first].idx, _end(last)), _source_span(noun), (prep.idx, _end(prep)), "indirect"


def _according_to(token: Token):
    doc = token.doc
    to = doc[token.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None:
        obj = next(to.rights, None)  # "according to show insiders": the parse took a noun for a verb
        if obj is None:
            return None
        source = (doc[to.i + 1].idx, _end(obj.right_edge))
    else:
        source = _source_span(obj)
    phrase_start = token.i
    phrase_end = max(t.i for t in obj.subtree) + 1
    sent = token.sent
    if phrase_start - sent.start <= 2:
        rest = [t for t in doc[phrase_end:sent.end] if not (t.is_punct or t.is_space) or t.text in ("'", '"')]
        if not rest:
            # "According to X, the move reeks of fear": the parse hung the statement on X as an apposition
            rest = [t for t in doc[phrase_start:sent.end] if t.idx >= source[1] and not (t.is_punct or t.is_space)]
            if not rest or "," not in doc_text(doc)[source[1]:rest[0].idx]:
                return None
        content = (rest[0].idx, _end(doc[sent.end - 1]))
    else:
        content = (sent[0].idx, doc[phrase_start].idx)
        rest = [t for t in doc[phrase_end + 1:sent.end] if not (t.is_punct or t.is_space)]
        cues = cue_lexicon().speech_verbs
        if phrase_end < sent.end and doc[phrase_end].text in (",", "—", "–", "--") and rest \
                and rest[0].pos_ != "CCONJ" and not any(t.lemma_.lower() in cues and t.pos_ == "VERB"
                                                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
                                                        for t in (*rest, *doc[sent.start:phrase_start])):
            # "[X], according to Y, [Z]": what was said runs on after the aside; the one span covers both sides
            # when that overlaps X and Z better than X alone
            text = doc_text(doc)
            said = len(_WORDS.findall(text, content[0], content[1]))
            both = said + len(_WORDS.findall(text, rest[0].idx, _end(rest[-1])))
            aside = len(_WORDS.findall(text, doc[phrase_start].idx, _end(doc[phrase_end])))
            if both / (both + aside) > said / both:
                content = (sent[0].idx, _end(rest[-1]))
                return content, source, (token.idx, _end(to)), "interrupted"
    return content, source, (token.idx, _end(to)), "indirect"


#: a line break that opens a new line of text (a capital, a digit, a quotation mark or a bracket after it), not a
#: line wrapped within a sentence ("a hate \ncrime")
_NEW_LINE = re.compile("\n[ \t\xa0]*(?=[A-Z0-9\"“‘'(\\[])")


def _source_on_cue_line(doc: Doc, text: str, s_start: int, s_end: int, q_start: int, q_end: int) -> tuple[int, int]:
    """The source kept to the cue's line: the parse reads a headline or a date line without a full stop into the next
    line's sentence ("GM posts first annual loss since 1992\nJanuary 27, 2006\nGeneral Motors Corporation (GM) has
    posted ..."), and may take its subject from there.  A source across a line break keeps its words on the cue's side;
    one wholly on another line gives way to the noun phrase that opens the cue's line before it ("General Motors
    Corporation (GM)"), or to none."""
    if s_end <= s_start:
        return s_start, s_end
    if s_end <= q_start:
        breaks = list(_NEW_LINE.finditer(text, s_start, q_start))
        if not breaks or _hard_wrapped(text):
            return s_start, s_end
        line_start = breaks[-1].end()
        if line_start < s_end and _WORDS.search(text, line_start, s_end):
            return line_start, s_end
        return _line_opening_phrase(doc, text, line_start, q_start)
    if s_start >= q_end:
        first = _NEW_LINE.search(text, s_start, s_end)
        if first is not None and _WORDS.search(text, s_start, first.start()) and not _hard_wrapped(text):
            return s_start, len(text[:first.start()].rstrip())
    return s_start, s_end


_LINE_END = re.compile(r"[.!?:;\"”’')\]]\s*$")


def _hard_wrapped(text: str) -> bool:
    """Lines of a text wrapped at a fixed width: most of its lines of 40 characters or more end within a sentence (no
    closing punctuation), so a line break says nothing of where a paragraph ends."""
    lines = [line for line in text.split("\n") if len(line) >= 40]
    return sum(1 for line in lines if not _LINE_END.search(line)) * 2 > len(lines)


def _line_opening_phrase(doc: Doc, text: str, line_start: int, q_start: int) -> tuple[int, int]:
    """The noun phrase from ``line_start`` to the cue at ``q_start`` (its auxiliaries, negation, adverbs and commas
    left out, and what a preposition adds: "The Government Accountability Office [on June 18] called for"), when no
    verb is among its words; else an empty span (no source)."""
    starts = _token_starts(doc)
    first, cue = bisect_left(starts, line_start), bisect_left(starts, q_start)
    words = [t for t in doc[first:cue] if not t.is_space and not _in_dateline(t)]
    verb = next((k for k, t in enumerate(words) if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")), None)
    if verb is not None:
        # "The GAO on June 18 called for a re-run, citing [...]": a participle on the line's first verb shares its
        # subject; "The main town still has power and officials say": a clause, not a speaker's name
        if cue >= len(doc) or doc[cue].tag_ != "VBG" or doc[cue].dep_ != "advcl" or doc[cue].head.i != words[verb].i:
            return q_start, q_start
        words = words[:verb]
    for k, token in enumerate(words):
        if token.pos_ == "ADP" and k > 0:
            words = words[:k]
            break
    while words and (words[-1].is_punct and words[-1].text not in ")]" or words[-1].ent_type_ in ("DATE", "TIME")
                     or words[-1].dep_ in ("aux", "auxpass", "neg", "advmod", "npadvmod")):
        words.pop()
    if not words or words[0].pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "PRON") \
            or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
        return q_start, q_start
    return words[0].idx, _end(words[-1])


def _source_span(head: Token) -> tuple[int, int]:
    """The source phrase without relative clauses, appositions and trailing punctuation."""
    keep = [head]
    stack = [c for c in head.children]
    # "The study, by [researchers at the University of Westbrook]": the author phrase keeps its own phrases
    author = {t.i for p in head.children if p.dep_ == "prep" and p.lower_ in ("by", "from") and p.i > head.i
              and head.pos_ == "NOUN" for t in p.subtree}
    while stack:
        node = stack.pop()
        # a name right after its title is kept ("border guard Luis Ortega"), other appositions are not
        # (also after a conjoined one: "Merck and its partner Ridgeback Biotherapeutics")
        name_after_title = node.dep_ == "appos" and node.pos_ == "PROPN" and node.left_edge.i == node.head.i + 1
        if node.dep_ in _SOURCE_DROP_DEPS and not name_after_title:
            continue
        if node.dep_ == "prep" and node.i > head.i and node.lower_ not in ("of", "for") and node.i not in author \
                and not (node.lower_ in ("by", "from") and node.head.i == head.i and head.pos_ == "NOUN") \
                and not (node.head.dep_ == "amod" and node.head.i > head.i and node.head.head.i == head.i):
            # but "a report [by the Pew Research Center]", "a post [from Arianna Huffington]": the author; "sources
            # close [to the talks]", "people familiar [with the matter]": the adjective's complement
            continue
        keep.append(node)
        stack.extend(node.children)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep)
    doc = head.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or _in_dateline(doc[start])):
        start += 1  # "MYRTLE BEACH, S.C. - [Sen. Ted Cruz]": not the dateline
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return doc[start].idx, _end(doc[end])


# --- content boundaries ---------------------------------------------------------------------


def _clause_end(verb: Token, node: Token) -> int:
    """End of a clause complement; "said X and Y" keeps Y when the parse hung it on the verb."""
    last = node.right_edge
    lexicon = cue_lexicon().cue_verbs
    for child in node.children:
        if child.dep_ == "conj" and child.i > node.i and child.lemma_.lower() in lexicon \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) \
                and any(c.dep_ == "ccomp" for c in child.children):
            # "said [it would leave] and suggested that ...": a second statement of the same speaker;
            # "said [he posed a threat and refused to drop the gun]" stays whole
            cc = child.left_edge.i
            while cc > node.i and verb.doc[cc - 1].dep_ in ("cc", "punct"):
                cc -= 1
            return _end(verb.doc[cc - 1])
        if child.dep_ == "conj" and child.i > node.i and child.pos_ in ("VERB", "AUX") \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children) \
                and _finite(child) in _TENSED and _finite(child) == _finite(_governing(verb)) != _finite(node):
            # "said [she admires his resolve] and highlighted their goals": a second predicate with the cue's
            # tense, not the complement's, is another thing the speaker did
            cc = child.left_edge.i
            while cc > node.i and verb.doc[cc - 1].dep_ in ("cc", "punct"):
                cc -= 1
            return _end(verb.doc[cc - 1])
    following = _coordinated_ccomp(verb, last)
    if following is not None:
        # "said [979 Roma had been repatriated and two more planes would leave]": the parse made each
        # conjoined clause a complement of the cue; what was said runs to the last one
        return _clause_end(verb, following)
    if last.dep_ == "cc" or last.pos_ == "CCONJ":
        conj = next((c for c in verb.children if c.dep_ == "conj" and c.i > last.i), None)
        if conj is not None and conj.lemma_.lower() not in cue_lexicon().speech_verbs:
            return _end(conj.right_edge)
        return last.idx
    orphan = _orphan_predicate(last)
    if orphan is not None:
        return _end(orphan.right_edge)
    return _end(last)


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _orphan_predicate(last: Token) -> Token | None:
    """ "said it had not established [the vaccine] could cause the syndrome, it noted ...": a verb group that starts
    right after the complement's last word, a noun, with a finite auxiliary ("could", "had", "was") and no subject
    of its own, that the parse hung on a verb after it (and the cue clause on it): the noun is its subject, and
    the complement runs to its end."""
    doc = last.doc
    if last.pos_ not in ("NOUN", "PROPN") or last.i + 1 >= len(doc):
        return None
    aux = doc[last.i + 1]
    predicate = aux.head
    if aux.dep_ not in ("aux", "auxpass") or aux.tag_ not in ("MD", "VBD", "VBZ", "VBP") \
            or predicate.pos_ != "VERB" or predicate.i <= aux.i or predicate.head.i <= predicate.right_edge.i \
            or predicate.dep_ not in ("ccomp", "advcl", "conj", "parataxis") \
            or any(c.dep_ in _SUBJECT_DEPS for c in predicate.children):
        return None
    return predicate


_TENSED = frozenset({"VBD", "VBZ", "VBP"})


def _finite(verb: Token) -> str:
    """The tag of a verb group's finite word: its first auxiliary, or the verb itself."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return min(aux, key=lambda t: t.i).tag_ if aux else verb.tag_


def _governing(verb: Token) -> Token:
    """The finite verb over a cue in a chain of complements ("continues to insist" -> "continues")."""
    while verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    return verb


_TAIL_DEPS = frozenset({"ccomp", "advcl"})


def _clause_tail(verb: Token, end: int) -> int:
    """ "said [X], [Y]": a second clause the parse hung on the cue after the complement, with no cue of its own,
    goes on with what was said."""
    cues = cue_lexicon().cue_verbs
    for child in verb.rights:
        if child.idx < end or child.is_punct or child.dep_ == "cc":
            continue
        if child.dep_ not in _TAIL_DEPS or child.sent != verb.sent \
                or any(t.lemma_.lower() in cues and t.pos_ == "VERB" for t in child.subtree) \
                or "\n" in doc_text(verb.doc)[end:child.left_edge.idx]:
            break
        end = _end(child.right_edge)
    return end


def _coordinated_ccomp(verb: Token, last: Token) -> Token | None:
    """Another clause complement of ``verb`` that a coordinating conjunction joins to a complement ending at
    ``last`` ("X and Y", "X, and Y"; the conjunction ending the first complement or hung on the cue)."""
    doc = verb.doc
    k = last.i
    if not (last.dep_ == "cc" or last.pos_ == "CCONJ"):
        k += 1
        while k < len(doc) and doc[k].text == "," and doc[k].head.i == verb.i:
            k += 1
        if k >= len(doc) or doc[k].pos_ != "CCONJ" or doc[k].head.i != verb.i:
            return None
    following = next((c for c in verb.children if c.dep_ == "ccomp" and c.left_edge.i == k + 1), None)
    if following is None or following.lemma_.lower() in cue_lexicon().clause_verbs:
        return None  # "said [X], and three-quarters said [Y]": a statement of its own
    first = next((c for c in verb.children if c.dep_ == "ccomp" and c.right_edge.i <= k), None)
    if first is None or _that(first) != _that(following):
        return None  # "declared [that X] and Obama expanded Y": the second clause is the writer's
    return following


def _that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


_ASIDE_DEPS = frozenset({"appos", "relcl", "advcl", "acl"})


def _drop_trailing_aside(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    """Without a comma-set aside that ends the content: an apposition, a relative or participle clause.

    "critics say [resources could be spent with NATO], the existing military alliance that ...";
    "he said [he didn't believe it], arguing that ...".  An adverbial clause without a cue of its own goes on
    with what was said: "said [he will resign, because the party lost]".  Whether a trailing phrase of a kind
    is cut or kept is learnt (``aside_cuts.toml``, by ``eval/derive_asides.py``): a comma-set aside is cut
    unless its kind is listed to keep, any other trailing phrase is kept unless its kind is listed to cut;
    the content ends before the first phrase cut.
    """
    keep, cut = aside_keeps(), aside_cuts()
    for token, before in trailing_asides(doc, content):
        key = aside_key(token)
        if (key not in keep) if _is_aside(token, before) else (key in cut):
            return (content[0], before.idx) if before.idx > content[0] else content
    return content


_ASIDE_MARKS = (",", "--", "-", "—", "–")


def _aside_mark(token: Token) -> str:
    """How the phrase after ``token`` is set off: "," (a comma or a dash), "”" (a quotation closed after its comma:
    '... the words "radical Islam," [another moment seized upon ...]', the writer's words after the speaker's) or
    "_" (not set off)."""
    if token.text in _ASIDE_MARKS:
        return ","
    if token.text in _CLOSING_QUOTES and token.i > 0 and token.whitespace_ and token.doc[token.i - 1].text == "," \
            and not token.doc[token.i - 1].whitespace_:
        return "”"
    return "_"


def _is_aside(token: Token, before: Token) -> bool:
    """A comma-set apposition, relative or participle clause, or an adverbial clause with a cue of its own."""
    if token.dep_ not in _ASIDE_DEPS or _aside_mark(before) == "_":
        return False
    if token.dep_ != "advcl":
        return True
    cue_verbs = cue_lexicon().cue_verbs
    return any(t.lemma_.lower() in cue_verbs and t.pos_ in ("VERB", "AUX") for t in token.subtree)


def trailing_asides(doc: Doc, content: tuple[int, int]) -> list[tuple[Token, Token]]:
    """The phrases that end ``content`` after their head, in token order: (the phrase's head, the token before
    it)."""
    start, end = content
    t = _tokens(doc)
    span = t.expand(start, end)
    if span is None:
        return []
    first = span[0]
    heads, end_of = t.heads, t.end
    found = []
    for k in range(*span):
        left = t.left(doc, k)
        if left > first and end_of[t.right(doc, k)] >= end - 1 and first <= heads[k] < left:
            before = left - 1
            if before > heads[k] or _aside_mark(doc[before]) != "_":
                found.append((doc[k], doc[before]))
    return found


def aside_key(token: Token) -> str:
    """The kind of a trailing phrase, as ``aside_cuts.toml`` lists it: its dependency label, its head's part of
    speech, what sets it off (a comma or dash ",", a quotation closed after its comma "”", nothing "_") and whether
    it holds a cue verb of its own ("appos NOUN ,", "prep VERB _", "relcl NOUN , cue", "appos NOUN ”")."""
    mark = _aside_mark(token.doc[token.left_edge.i - 1])
    cue_verbs = cue_lexicon().cue_verbs
    cue = any(t.lemma_.lower() in cue_verbs and t.pos_ in ("VERB", "AUX") for t in token.subtree)
    return f"{token.dep_} {token.head.pos_} {mark}{' cue' if cue else ''}"


@lru_cache(maxsize=1)
def _aside_table() -> dict:
    """``aside_cuts.toml``, learnt on PolNeAR train by ``eval/derive_asides.py``; without it every aside is cut."""
    try:
        return _load("aside_cuts.toml")
    except FileNotFoundError:
        return {}


@lru_cache(maxsize=1)
def aside_keeps() -> frozenset[str]:
    """The kinds of aside kept in a content."""
    return frozenset(_aside_table().get("keep", []))


@lru_cache(maxsize=1)
def aside_cuts() -> frozenset[str]:
    """The kinds of trailing phrase (not comma-set asides) cut from a content."""
    return frozenset(_aside_table().get("cut", []))


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def _extend_into_quotations(start: int, end: int, regions: list[tuple[int, int]], text: str) -> tuple[int, int]:
    """A content that starts or ends inside a quotation covers the whole quotation."""
    if not regions:
        return start, end
    starts = [r[0] for r in regions]
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and regions[i][0] <= start < regions[i][1]:
        start = regions[i][0]
    j = bisect.bisect_right(starts, max(start, end - 1)) - 1
    if j >= 0 and regions[j][0] < end <= regions[j][1]:
        end = max(end, regions[j][1])
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS + ".":
        end -= 1
    # a quotation closed right after the trimmed end stays whole: '..." said X' keeps its marks
    if end < len(text):
        inside = text[start:end]
        closer = text[end]
        if (
            (closer == '"' and inside.count('"') % 2 == 1)
            or (closer == "”" and inside.count("“") > inside.count("”"))
            or (closer == "’" and inside.count("‘") > inside.count("’"))
            or (closer == "'" and re.search(r"(?:^|\s)'\w[^']*$", inside))
        ):
            end += 1
    return start, end


_BRACKETS = {"(": ")", "[": "]"}
_BRACKET_REACH = 40  # characters after a content's end where its bracket may close


def _tidy(text: str, start: int, end: int, cue: int) -> tuple[int, int]:
    """No orphan closing quotation mark or trailing punctuation at the end, no bracket pair cut in two.

    "Sarkozy warned: [We cannot sustain unlimited social immigration]," (the opening mark was lost);
    "claimed [that ... is committed by Roma (principally by children)]": an opening bracket inside the
    content takes its closing bracket when it follows shortly, in the same paragraph and before the cue
    (``cue``, a character offset); otherwise the content ends before it.  A content that opens with a bracket
    closed after it ("([The French are big fans of it], Mr. Madden said.)") starts after the bracket.
    """
    start, end = _trim(text, start, end)
    for opener, closer in _BRACKETS.items():
        if opener not in text[start:end] and closer not in text[start:end]:
            continue
        depth, first_open = 0, None
        for i in range(start, end):
            if text[i] == opener:
                if depth == 0:
                    first_open = i
                depth += 1
            elif text[i] == closer:
                if depth:
                    depth -= 1
                elif i == end - 1:
                    end = i  # a closing bracket that ends the content without its opening one
        if not depth:
            continue
        if first_open == start:
            start = first_open + 1
            continue
        stop = text.find("\n", end)
        stop = min(len(text) if stop == -1 else stop, end + _BRACKET_REACH)
        if start < cue:
            stop = min(stop, cue)
        close = text.find(closer, end, stop)
        if depth == 1 and close != -1 and opener not in text[end:close]:
            end = close + 1
        else:
            end = first_open
    while True:
        start, end = _trim(text, start, end)
        if end - start < 2 or text[end - 1] not in "”\"":
            break
        inner = text[start:end - 1]
        if inner.count("“") > inner.count("”") or inner.count('"') % 2 == 1:
            break  # it closes a quotation the content opens
        end -= 1  # an orphan closing mark: its opening mark was lost
    return start, end


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where a content that opens a paragraph starts when a dateline opens it ("PORT ARTHUR, Texas (AP) — [A fiery
    explosion tore through a chemical plant], authorities said"): the dateline is not what was said."""
    line = text.rfind("\n", 0, start) + 1
    if text[line:start].strip(" \t"):
        return start
    dateline = dateline_at(text, line, end)
    return dateline.end if dateline is not None and dateline.end < end else start


def _plural(doc: Doc, start: int, end: int) -> bool:
    """Whether the source written at ``[start, end)`` is plural ("ministers", "police", "officials")."""
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    return span is not None and span.root.tag_ in ("NNS", "NNPS")


def _kind(start: int, end: int, regions: list[tuple[int, int]], form: str, text: str, *,
          plural_source: bool = False) -> str:
    quoted = 0
    for r_start, r_end in _near(regions, start, end):
        lo, hi = max(start, r_start), min(end, r_end)
        if hi > lo:
            quoted += hi - lo
    length = max(1, end - start)
    if quoted >= 0.9 * length or form == "joined":
        return "direct"
    inner_single = re.search(r"(?:^|\s)['‘][^'‘’]{2,80}(?:['’](?:\s|[,.;:]|$)|$)", text[start:end])
    if quoted > 0 or inner_single:
        return "mixed"
    if form in ("preceding", "colon") and not re.match(r"(?i)that\b", text[start:end]) and not plural_source:
        return "direct"  # direct speech without quotation marks; "..., ministers said": several speakers, no
        # one's exact words, so a paraphrase
    return "indirect"


def _span(article: Article, start: int, end: int) -> Span:
    return Span(article_id=article.id, start=start, end=end, text=article.text[start:end])


# --- learnt content boundaries -------------------------------------------------------------


_BOUND_REACH = 3  # tokens after a content's end (before its start) where a phrase that extends it may begin
_BOUND_WORDS = frozenset({"ADP", "SCONJ", "CCONJ", "PART"})  # a phrase's first word named in its features
_BOUND_WH = frozenset({"WDT", "WP", "WP$", "WRB"})
_BOUND_DANGLING = frozenset({"ADP", "SCONJ", "DET", "CCONJ", "PART", "AUX"})  # never the last word kept
_BOUND_KEEP_FIRST = frozenset({"nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "neg"})  # never cut at the start
_BOUND_MARKS = frozenset({",", "-", "--", "—", "–", "(", ":", ";"})


@lru_cache(maxsize=1)
def bound_model() -> tuple[dict[str, float], float]:
    """``bound_weights.toml``, learnt on PolNeAR train by ``eval/derive_bounds.py``: a weight per feature of a change
    of a content's boundaries, and the margin a change must score; without it no boundary moves."""
    try:
        data = _load("bound_weights.toml")
    except FileNotFoundError:
        return {}, 0.0
    return dict(data.get("weights", {})), float(data.get("margin", 0.0))


def _core(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """The first and last tokens of ``doc[first:last + 1]`` that are not punctuation or space."""
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return first, last


def _region_features(doc: Doc, side: str, lo: int, hi: int, boundary: int, regions, features: dict,
                     context: tuple) -> None:
    """Add the features of the tokens ``doc[lo:hi + 1]`` that a candidate adds to (``side`` "E+", "S+") or removes
    from ("E-", "S-") a content at its end or start; ``boundary`` is the candidate's new edge character;
    ``context``: the cue's first and last token, the content's first and last token and its root."""
    cue_first, cue_last, a, b, root, form, sent_last, info = context
    skip, heads = info.skip, info.heads
    words = [i for i in range(lo, hi + 1) if not skip[i]]
    if not words:
        return
    t = _tokens(doc)
    text = doc_text(doc)
    deps, pos, tags, idx, end_of = t.dep, t.pos, t.tag, t.idx, t.end

    # each feature set to 1.0 (or its value): whether the region has it, however many of its phrases do
    features[f"{side} any"] = 1.0
    features[f"{side} len"] = min(len(words), 40) / 10
    edge = lo if side[0] == "E" else hi  # the punctuation between the content and the region
    while (lo <= edge <= hi) and skip[edge] and text[idx[edge]:end_of[edge]] not in _BOUND_MARKS:
        edge += 1 if side[0] == "E" else -1
    if not (lo <= edge <= hi and text[idx[edge]:end_of[edge]] in _BOUND_MARKS):
        edge = lo - 1 if side[0] == "E" else hi + 1
    mark = text[idx[edge]:end_of[edge]] if 0 <= edge < t.n and text[idx[edge]:end_of[edge]] in _BOUND_MARKS else "_"
    features[f"{side} frac"] = len(words) / max(1, b - a + 1)
    for i in words:
        h = heads[i]
        if not lo <= h <= hi or h == i:  # a phrase head of the region
            dep = deps[i]
            attach = "cue" if cue_first <= h <= cue_last else "root" if h == root else \
                "inner" if a <= h <= b else "out"
            features[f"{side} dep={dep} attach={attach}"] = 1.0
            features[f"{side} dep={dep} mark={mark}"] = 1.0
            features[f"{side} attach={attach}"] = 1.0
            features[f"{side} dep={dep}"] = 1.0
            features[f"{side} dep={dep} head={pos[h]}"] = 1.0
            features[f"{side} pos={pos[i]}"] = 1.0
            features[f"{side} dep={dep} attach={attach} mark={mark}"] = 1.0
            features[f"{side} dep={dep} {form}"] = 1.0
            first = t.left(doc, i)
            if first < lo:
                first = i
            tag = tags[first]
            word = doc.vocab.strings[t.lower[first]] if pos[first] in _BOUND_WORDS or tag in _BOUND_WH else \
                tag if tag in ("VBG", "VBN", "TO") else None
            if word is not None:
                features[f"{side} first={word}"] = 1.0
                features[f"{side} first={word} attach={attach}"] = 1.0
                features[f"{side} first={word} mark={mark}"] = 1.0
    features[f"{side} mark={mark}"] = 1.0
    flags = 0
    for i in words:
        flags |= info.flags[i]
    if flags & 1:
        features[f"{side} cue"] = 1.0
    if flags & 2:
        features[f"{side} date"] = 1.0
    if flags & 4:
        features[f"{side} place"] = 1.0
    first_char, last_char = idx[words[0]], end_of[words[-1]]
    if any(r0 <= first_char and last_char <= r1
           for r0, r1 in _near(regions, min(first_char, last_char), max(first_char, last_char))):
        features[f"{side} quoted"] = 1.0
    if any(r0 < boundary < r1 - 1 for r0, r1 in _near(regions, boundary, boundary)):
        features[f"{side} splits quotation"] = 1.0
    if _QUOTE_MARKS.search(text, first_char, last_char):  # a quotation within the words
        features[f"{side} quote mark"] = 1.0
    if side[0] == "E" and words[-1] == sent_last:
        features[f"{side} sentence end" if side == "E+" else f"{side} from sentence end"] = 1.0


def bound_options(doc: Doc, entry: tuple, regions: list[tuple[int, int]], info: BoundTokens) -> tuple[list, list]:
    """Other starts and ends for a content: ``([(start, features)], [(end, features)])``, each list led by the
    content's own boundary (no features).

    Ends after each phrase that follows the content's end in its sentence (up to the sentence's end) and before
    each phrase that ends it; starts before a phrase that precedes it and after one that opens it.  A content that
    its cue interrupts is left alone; no candidate reaches into the words of a cue or a source (``info.blocked``)
    or across a paragraph break.  (Read from the doc's :class:`_Tokens`, as over spaCy's Tokens.)"""
    c_start, c_end, s_start, s_end, q_start, q_end, form = entry
    found = [(c_start, {})], [(c_end, {})]
    if c_start <= q_start < c_end or form == "interrupted":
        return found
    t = _tokens(doc)
    span = t.expand(c_start, c_end)
    if span is None or span[1] - span[0] < 2:
        return found
    text = doc_text(doc)
    blocked = info.blocked
    heads, pos, punct, space, idx, end_of = t.heads, t.pos, t.punct, t.space, t.idx, t.end
    core = t.core

    def left(i: int) -> int:
        return t.left(doc, i)

    def right(i: int) -> int:
        return t.right(doc, i)

    a, b = core(span[0], span[1] - 1)
    quoted = any(r0 <= c_start and c_end <= r1 + 1
                 for r0, r1 in _near(regions, min(c_start, c_end), max(c_start, c_end)))
    base = {f"form={form}": 1.0, "quoted content": float(quoted)}
    cue = t.expand(q_start, q_end)
    root = t.root(a, b, a)
    sent_start, sent_end = t.sent(doc, b)
    sent_last = core(sent_start, sent_end - 1)[1]
    context = (cue[0] if cue is not None else -1, cue[1] - 1 if cue is not None else -1, a, b, root, form, sent_last,
               info)

    ends: dict[int, dict] = {}
    # longer: phrases after the end, hung on a word of the content or before it (past a quotation mark that
    # closes the content, or before one that opens it: a feature of their own)
    marked = {"E+": bool(_QUOTE_MARKS.search(text, end_of[b], end_of[b] + 3)),
              "S+": bool(_QUOTE_MARKS.search(text, max(0, idx[a] - 3), idx[a]))}
    # a closing mark with no opening one in the content ends what was said ("warned: We cannot ...,” in a bid to")
    extend = not (marked["E+"] and not _QUOTE_MARKS.search(text, c_start, end_of[b]))
    frontier = [b] if extend else []
    for _ in range(2):
        reached = []
        for e in frontier:
            for k in range(e + 1, min(e + 1 + _BOUND_REACH, sent_last + 1)):
                if k in blocked or text.find("\n", idx[k], end_of[k]) != -1:  # (nor is a token's trailing
                    # whitespace ever a newline: it is one space or none)
                    break
                phrase = k
                while left(heads[phrase]) == k and heads[phrase] != phrase and heads[phrase] >= k:
                    phrase = heads[phrase]
                last = core(k, right(phrase))[1]
                if heads[phrase] < k and last > e and last not in ends and last <= sent_last \
                        and pos[last] not in _BOUND_DANGLING and (phrase != k or not (punct[k] or pos[k] == "CCONJ")) \
                        and not any(i in blocked for i in range(e + 1, last + 1)) \
                        and "\n" not in text[end_of[b]:idx[last]]:
                    ends[last] = {}
                    reached.append(last)
                if not (punct[k] or pos[k] == "CCONJ"):
                    break
        frontier = reached
    if extend and sent_last > b and sent_last not in ends and not any(i in blocked for i in range(b + 1, sent_last + 1)) \
            and pos[sent_last] not in _BOUND_DANGLING and "\n" not in text[end_of[b]:idx[sent_last]]:
        ends[sent_last] = {}
    # shorter: before each phrase that ends the content
    for k in range(max(a + 1, sent_start), b + 1):  # a phrase that ends the content lies in its last sentence
        first = left(k)
        if first > a + 1 and right(k) >= b and heads[k] < first:
            last = first - 1
            while last > a and (punct[last] or space[last] or pos[last] == "CCONJ"):
                last -= 1
            if last > a and last not in ends and pos[last] not in _BOUND_DANGLING:
                ends[last] = {}
    for last in ends:
        feats = ends[last]
        if last > b:
            _region_features(doc, "E+", b + 1, last, end_of[last], regions, feats, context)
        else:
            _region_features(doc, "E-", last + 1, b, end_of[last], regions, feats, context)

    starts: dict[int, dict] = {}
    first_sent_start, first_sent_end = t.sent(doc, a) if a < sent_start else (sent_start, sent_end)
    sent_first = core(first_sent_start, first_sent_end - 1)[0]
    for k in range(a - 1, max(sent_first, a - 1 - _BOUND_REACH) - 1, -1):  # longer: a phrase before the start
        if k in blocked or text.find("\n", idx[k], end_of[k]) != -1:
            break
        phrase = k
        while right(heads[phrase]) == k and heads[phrase] != phrase and heads[phrase] <= k:
            phrase = heads[phrase]
        first = core(left(phrase), k)[0]
        if heads[phrase] > k and first < a and first >= sent_first \
                and not any(i in blocked for i in range(first, a)) \
                and "\n" not in text[idx[first]:idx[a]]:
            starts[first] = {}
        if not (punct[k] or pos[k] == "CCONJ"):
            break
    dep = t.dep
    for k in range(a, min(b, first_sent_end)):  # shorter: after a phrase that opens the content
        last = right(k)
        if left(k) <= a and last < b - 1 and last < heads[k] <= b \
                and pos[heads[k]] in ("VERB", "AUX") and dep[k] not in _BOUND_KEEP_FIRST:
            first = core(last + 1, b)[0]
            if first < b and first not in starts:
                starts[first] = {}
    for k in range(max(a + 1, sent_start), b):  # shorter: only the phrase that ends the content ("about [X]")
        first = left(k)
        if first > a and right(k) >= b and a <= heads[k] < first \
                and pos[heads[k]] in ("NOUN", "PROPN", "PRON", "VERB"):
            if pos[k] == "ADP" and first == k:
                token = doc[k]
                if token.n_rights:
                    first = next(token.rights).left_edge.i  # "about [X]": the preposition's object
            first = core(first, b)[0]
            if a < first < b and first not in starts:
                starts[first] = {}
    for first in starts:
        if first < a:
            _region_features(doc, "S+", first, a - 1, idx[first], regions, starts[first], context)
        else:
            _region_features(doc, "S-", a, first - 1, idx[first], regions, starts[first], context)

    for options in (starts, ends):
        for feats in options.values():
            for side in ("S+", "S-", "E+", "E-"):
                if f"{side} any" in feats:
                    feats.update({f"{side} {key}": value for key, value in base.items() if value})
                    if marked.get(side):
                        feats[f"{side} past quotation mark"] = 1.0
    return [(c_start, {})] + [(idx[i], f) for i, f in starts.items() if f], \
        [(c_end, {})] + [(end_of[i], f) for i, f in ends.items() if f]


def bound_movable(entry: tuple, regions: list[tuple[int, int]]) -> bool:
    """Whether the chooser may move a content: only one found by its clause, not inside quotation marks.  One set
    by quotation marks, a colon or a join keeps its edges (on PolNeAR train the chooser moved 1 of those 6,000,
    against 473 of 11,900 indirect ones), and is not read at all, which saves a third of the chooser's time."""
    c_start, c_end, form = entry[0], entry[1], entry[6]
    return form == "indirect" and not any(a <= c_start and c_end <= b + 1
                                          for a, b in _near(regions, min(c_start, c_end), max(c_start, c_end)))


def bound_candidates(doc: Doc, entry: tuple, regions: list[tuple[int, int]], info: BoundTokens) -> list:
    """Other boundaries for a content: ``[(start, end, features)]``, the content as found first (no features), then
    each start and end of :func:`bound_options` together (the features of both)."""
    starts, ends = bound_options(doc, entry, regions, info)
    return [(start, end, {**s_feats, **e_feats}) for start, s_feats in starts for end, e_feats in ends
            if end > start]


def _choose_bounds(doc: Doc, entry: tuple, regions: list[tuple[int, int]], info: BoundTokens) -> tuple[int, int]:
    """The content's boundaries: the candidate of :func:`bound_candidates` that the learnt weights score highest,
    if it beats the content as found by the learnt margin."""
    weights, margin = bound_model()
    if not weights or not bound_movable(entry, regions):
        return entry[0], entry[1]
    starts, ends = bound_options(doc, entry, regions, info)
    if len(starts) + len(ends) == 2:
        return entry[0], entry[1]
    # (sums of lists, in the same order: the same floats)
    starts = [(start, sum([weights.get(name, 0.0) * x for name, x in feats.items()])) for start, feats in starts]
    ends = [(end, sum([weights.get(name, 0.0) * x for name, x in feats.items()])) for end, feats in ends]
    best, best_score = (entry[0], entry[1]), margin
    for start, s_score in starts:  # the scores add up: a start's and an end's features never share a name
        for end, e_score in ends:
            if end > start and s_score + e_score > best_score:
                best, best_score = (start, end), s_score + e_score
    return best


# --- learnt statement filter -----------------------------------------------------------------


_FILTER_FIRST = frozenset({"ADP", "SCONJ", "CCONJ", "PART", "DET", "PRON", "AUX"})  # a content's first word named
_FILTER_LENGTHS = (1, 2, 3, 5, 8, 13, 21, 34)  # word counts a content's length is bucketed by


@lru_cache(maxsize=1)
def filter_model() -> tuple[dict[str, float], float, float]:
    """``statement_filter.toml``, learnt on PolNeAR train by ``eval/derive_filter.py``: a logistic model of whether a
    statement found is one a reader would mark (a weight per feature of :func:`statement_features`, an intercept) and
    the threshold under which a statement is dropped; without it every statement is kept."""
    try:
        data = _load("statement_filter.toml")
    except FileNotFoundError:
        return {}, 0.0, 0.0
    return dict(data.get("weights", {})), float(data.get("intercept", 0.0)), float(data.get("threshold", 0.0))


@lru_cache(maxsize=1)
def weak_filter_model() -> tuple[dict[str, float], float, float] | None:
    """The model of ``statement_filter.toml``'s ``[weak]`` table for the statements found only through a weak cue
    frame (weights, intercept, threshold: fitted apart by ``eval/derive_filter.py``), or None: such statements are
    then dropped."""
    try:
        data = _load("statement_filter.toml").get("weak")
    except FileNotFoundError:
        return None
    if not data:
        return None
    return dict(data.get("weights", {})), float(data.get("intercept", 0.0)), float(data.get("threshold", 1.0))


def _length_bucket(n: int) -> int:
    return next((size for size in _FILTER_LENGTHS if n <= size), _FILTER_LENGTHS[-1] + 1)


def statement_features(doc: Doc, rows: list[tuple], k: int, regions: list[tuple[int, int]],
                       weak: frozenset[int] = frozenset()) -> dict[str, float]:
    """The features of the ``k``-th statement of ``rows`` (``(c_start, c_end, s_start, s_end, q_start, q_end, form,
    kind)`` as :func:`extract_quotes` found them) that the learnt filter reads: how it was found (the rule, the kind),
    its cue (part of speech, tag, lemma with the content's relation to it, a negation or a modal on it, in the
    headline), its source (none, a pronoun, a name, a common noun ...), its content (length, quotation marks, first
    word, root, sentences) and the other statements around it (nested in one, holding a cue of one); a statement
    whose cue start is in ``weak`` (found only through a frame learnt at a lower rate) has its own intercept and its
    own weights of the cue's relation, the source's kind and the content's length.  Nothing of an article or a
    name."""
    c_start, c_end, s_start, s_end, q_start, q_end, form, kind = rows[k]
    t = _tokens(doc)
    text = doc_text(doc)
    strings = doc.vocab.strings
    features = {f"form={form}": 1.0, f"kind={kind}": 1.0, f"form={form} kind={kind}": 1.0}
    words = len(_WORDS.findall(text, c_start, c_end))
    features[f"length<={_length_bucket(words)}"] = 1.0
    features["log length"] = float(np.log1p(words))
    if _QUOTE_MARKS.search(text, c_start, c_end):
        features["quote mark"] = 1.0
    if any(r0 <= c_start and c_end <= r1 + 1 for r0, r1 in _near(regions, c_start, c_end)):
        features["inside quotation"] = 1.0
    if "\n" in text[c_start:c_end]:
        features["paragraphs"] = 1.0
    first_line = text.find("\n")
    if 0 <= q_start < first_line or first_line < 0:
        features["headline"] = 1.0
    features["cue " + ("before" if q_end <= c_start else "after" if q_start >= c_end else "inside")] = 1.0
    span = t.expand(c_start, c_end)
    cue = t.expand(q_start, q_end)
    cue_i = -1
    if cue is not None and cue[1] > cue[0]:
        cue_i = next((i for i in range(cue[0], cue[1]) if t.pos[i] in ("VERB", "NOUN", "ADJ", "AUX")), cue[0])
        lemma = strings[int(t.rows[cue_i, 10])].lower()
        features[f"cue pos={t.pos[cue_i]}"] = 1.0
        features[f"cue tag={t.tag[cue_i]}"] = 1.0
        features[f"cue lemma={lemma}"] = 1.0
        for child in t.children(cue_i):
            if t.dep[child] == "neg":
                features["cue negated"] = 1.0
            elif t.dep[child] == "aux" and t.tag[child] == "MD":
                features["cue modal"] = 1.0
        if t.dep[cue_i] in ("relcl", "acl", "advcl", "xcomp", "ccomp", "conj", "pcomp"):
            features[f"cue dep={t.dep[cue_i]}"] = 1.0
        if span is not None:
            relation = next((t.dep[i] for i in range(*span) if t.heads[i] == cue_i and i != cue_i), "none")
            features[f"relation={relation}"] = 1.0
            features[f"cue lemma={lemma} relation={relation}"] = 1.0
    if span is not None and span[1] > span[0]:
        a, b = t.core(span[0], span[1] - 1)
        root = t.root(a, b, a)
        features[f"root pos={t.pos[root]}"] = 1.0
        features[f"root dep={t.dep[root]}"] = 1.0
        first = strings[t.lower[a]] if t.pos[a] in _FILTER_FIRST else t.pos[a]
        features[f"first={first}"] = 1.0
        sentences = len({t.sent(doc, i) for i in (a, b)})
        if sentences > 1:
            features["sentences"] = 1.0
        sent_start, _ = t.sent(doc, a)
        if t.core(sent_start, b)[0] == a:
            features["opens sentence"] = 1.0
    if s_end <= s_start:
        features["source=none"] = 1.0
    else:
        source = t.expand(s_start, s_end)
        if source is not None and source[1] > source[0]:
            lo, hi = t.core(source[0], source[1] - 1)
            head = t.root(lo, hi, hi)
            types = t.types()
            entity = strings[types[head]] if types[head] else ""
            kind_of = f"ent={entity}" if entity else f"pos={t.pos[head]}"
            features[f"source {kind_of}"] = 1.0
            if t.pos[head] == "PRON":
                features[f"source={strings[t.lower[head]]}"] = 1.0
            if t.tag[head] in ("NNS", "NNPS"):
                features["source plural"] = 1.0
            if hi - lo >= 4:
                features["source long"] = 1.0
    for j, other in enumerate(rows):
        if j == k or other[4] in weak and q_start not in weak:
            continue  # the statements of the established frames are weighed as if no weak frame were there
        o_start, o_end, o_q = other[0], other[1], other[4]
        if c_start <= o_q < c_end:
            features["holds a cue"] = 1.0
        if o_start <= q_start < o_end:
            features["cue in a content"] = 1.0
        if o_start <= c_start and c_end <= o_end:
            features["nested"] = 1.0
        elif c_start < o_end and o_start < c_end:
            features["overlaps"] = 1.0
        if other[4:6] == rows[k][4:6]:
            features["shares cue"] = 1.0
    if q_start in weak:
        features["weak frame"] = 1.0
        for name in [n for n in features if n.startswith(("relation=", "source ", "length<=", "cue pos="))]:
            features["weak " + name] = 1.0
    return features


def _log_odds(probability: float) -> float:
    if probability <= 0.0:
        return -math.inf
    return math.log(probability / (1.0 - probability)) if probability < 1.0 else math.inf


def _name_given_to_what(doc: Doc, row: tuple) -> bool:
    """Whether a statement is the name its speaker gives to a "what" before the cue ("what the council calls [a
    temporary measure]"): kept whatever the learnt filter says, as such names are the speaker's own label, which a
    reader of how each outlet tells the story wants (on PolNeAR train 10 of the 17 the rules find match a gold
    content, and the filter dropped one of them, a match)."""
    c_start, q_start, q_end = row[0], row[4], row[5]
    if not 0 <= q_start < q_end <= c_start:
        return False
    span = _tokens(doc).expand(q_start, q_end)
    if span is None:
        return False
    cue = doc[span[0]]
    return any(c.dep_ == "dobj" and c.lower_ == "what" and c.i < cue.i for c in cue.children)


def _drop_unlikely(doc: Doc, rows: list[tuple], regions: list[tuple[int, int]],
                   weak: frozenset[int] = frozenset()) -> list[tuple]:
    """The statements of ``rows`` that the learnt filter (:func:`filter_model`) keeps: those whose probability of
    being right is at least its threshold; those whose cue start is in ``weak`` (found only through a weak frame) by
    the model fitted apart for them (:func:`weak_filter_model`), and none of them without it."""
    weights, intercept, threshold = filter_model()
    if not weak and (not weights or not rows or threshold <= 0.0):
        return rows
    models = {False: (weights, intercept, _log_odds(threshold) if weights else -math.inf)}
    weak_model = weak_filter_model() if weak else None
    if weak_model is not None:
        models[True] = (weak_model[0], weak_model[1], _log_odds(weak_model[2]))
    kept = []
    for k, row in enumerate(rows):
        is_weak = row[4] in weak
        if is_weak and weak_model is None:
            continue
        model_weights, model_intercept, cutoff = models[is_weak]
        if cutoff == -math.inf or _name_given_to_what(doc, row):
            kept.append(row)
            continue
        features = statement_features(doc, rows, k, regions, weak)
        if model_intercept + sum([model_weights.get(name, 0.0) * x for name, x in features.items()]) >= cutoff:
            kept.append(row)
    return kept
