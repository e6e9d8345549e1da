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

A content that reaches into a quotation extends to the whole quotation, across sentences
("... ramp up the language - ... - we think is extremely dangerous," said Jean Lambert).
Quotation marks are paired within paragraphs; an unbalanced mark runs to the paragraph's
end and never makes an article fail.

Speakers here are spans of this article; :mod:`storylens.align.speakers` links them to the
story's entities (pronouns and titles included).
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..models import Article, Quote, Span, Speaker
from ..parse.pipeline import doc_text
from ..resources import _load

_OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"', "``": "''", "''": "''"}
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


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    data = _load("cues.toml")
    return CueLexicon(
        speech_verbs=frozenset(data["speech_verbs"]),
        object_control_verbs=frozenset(data["object_control_verbs"]),
        source_prepositions=tuple(data["source_prepositions"]),
        document_nouns=frozenset(data["document_nouns"]),
        stance_verbs=frozenset(data["stance_verbs"]),
        object_verbs=frozenset(data["object_verbs"]),
        cue_verbs=frozenset(data["speech_verbs"]) | frozenset(data["stance_verbs"]) | frozenset(data["object_verbs"]),
    )


def quotation_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges ``[open, close+1)`` of quotations, paired within paragraphs."""
    regions: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start_of_par, par = paragraph.start(), paragraph.group(0)
        i = 0
        while i < len(par):
            ch = par[i:i + 2] if par[i:i + 2] in ("``", "''") else par[i]
            closer = _OPENERS.get(ch)
            if closer is None:
                i += 1
                continue
            j = par.find(closer, i + len(ch))
            if j == -1:
                regions.append((start_of_par + i, start_of_par + len(par)))  # unbalanced: to the paragraph's end
                break
            regions.append((start_of_par + i, start_of_par + j + len(closer)))
            i = j + len(closer)
    return regions


def extract_quotes(article: Article, doc: Doc) -> list[Quote]:
    """Every attribution in ``article``; ids are ``{article.id}-q{n}`` in text order."""
    lex = cue_lexicon()
    text = article.text
    regions = quotation_regions(text)
    found: dict[tuple[int, int], tuple[int, int, int, int, int, int, str]] = {}
    for token in doc:
        result = None
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lex.cue_verbs:
            result = _verb_attribution(token, lex)
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            result = _according_to(token)
        if result is None:
            continue
        (c_start, c_end), (s_start, s_end), (q_start, q_end), form = result
        c_start, c_end = _extend_into_quotations(c_start, c_end, regions, text)
        c_start, c_end = _trim(text, c_start, c_end)
        if c_end - c_start < 3 or len(text[c_start:c_end].split()) < 2:
            continue
        if c_start <= q_start < c_end:
            continue  # the cue is inside what was said: a verb within a quotation, not its attribution
        key = (c_start, c_end)
        if key not in found:
            found[key] = (c_start, c_end, s_start, s_end, q_start, q_end, form)
    _quotations_before_cues(doc, regions, found)
    entries = _join_continued_quotations(sorted(found.values()), regions, text)
    quotes = []
    for n, (c_start, c_end, s_start, s_end, q_start, q_end, form) in enumerate(entries, 1):
        kind = _kind(c_start, c_end, regions, form, text)
        speaker_span = _span(article, s_start, s_end) if s_end > s_start else None
        quotes.append(
            Quote(
                id=f"{article.id}-q{n}",
                article_id=article.id,
                speaker=Speaker(name=speaker_span.text if speaker_span else None, span=speaker_span),
                cue=_span(article, q_start, q_end),
                content=_span(article, c_start, c_end),
                kind=kind,
            )
        )
    return quotes


def _quotations_before_cues(doc: Doc, regions: list[tuple[int, int]], found: dict) -> None:
    """ '"...," he said.' where the parse hung the quotation elsewhere: the quotation is the content."""
    taken = [(v[0], v[1]) for v in found.values()]
    if not regions:
        return
    text = doc_text(doc)
    starts = [t.idx for t in doc]
    for r_start, r_end in regions:
        if any(a < r_end and r_start < b for a, b in taken):
            continue
        inner = text[r_start:r_end].rstrip("”\"'")
        if not inner.rstrip().endswith((",", "?", "!", "—", "-")):
            continue
        first = bisect_left(starts, r_end)  # the first five tokens starting within 40 characters of the end
        after = [doc[i] for i in range(first, min(first + 5, len(starts))) if starts[i] < r_end + 40]
        for token in after:
            if token.lemma_.lower() in _PLAIN_SPEECH and token.pos_ in ("VERB", "AUX"):
                subject = _subject(token)
                if subject is None or subject.i < token.i - 3 and subject.idx < r_end:
                    continue
                s_start, s_end = _source_span(subject)
                c_start, c_end = _trim(text, r_start, r_end)
                found[(c_start, c_end)] = (c_start, c_end, s_start, s_end, token.idx, _end(token), "quoted")
                break


def _join_continued_quotations(entries: list[tuple], regions: list[tuple[int, int]], text: str) -> list[tuple]:
    """ '"We are on our fourth secretary," he said. "There is a reason."': one statement in two parts.

    A quotation that opens the sentence after a quoted statement's cue, with no cue of its
    own, continues that statement; the content runs to its end (the cue stays inside).
    """
    cue_starts = sorted(e[4] for e in entries)
    joined = []
    for entry in entries:
        c_start, c_end, s_start, s_end, q_start, q_end, form = entry
        quoted_before_cue = c_end <= q_start and text[c_start:c_start + 1] in "“\"'`"
        if quoted_before_cue:
            sentence_end = _sentence_end(text, q_end)
            nxt = next((r for r in regions if r[0] >= sentence_end and text[sentence_end:r[0]].strip() == ""), None)
            if nxt is not None and not any(nxt[0] <= c < nxt[1] for c in cue_starts):
                c_end = nxt[1]
                form = "joined"
        joined.append((c_start, c_end, s_start, s_end, q_start, q_end, form))
    return joined


def _sentence_end(text: str, position: int) -> int:
    """The position just after the full stop that ends the sentence holding ``position``."""
    for i in range(position, min(len(text), position + 200)):
        if text[i] in ".!?\n":
            return i + 1
    return position


# --- cues ----------------------------------------------------------------------------------


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if child.dep_ == "nsubjpass":
                agent = _agent(verb)
                return agent
            return child
    agent = _agent(verb)
    if agent is not None:
        return agent
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "listeners who said ...": the noun the clause modifies
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)  # "..., saying [...]", "went on to say [...]"
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _verb_attribution(verb: Token, lex: CueLexicon):
    subject = _subject(verb)
    if subject is None or subject.lower_ in ("it", "there") and not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    if subject.lower_ in ("what", "which", "that", "who", "whom"):
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            subject = verb.head
        else:
            return None
    doc = verb.doc
    if subject.tag_ == "VBG":  # "Speaking on French radio Besson said": the parse took the participle
        previous = doc[verb.i - 1] if verb.i > 0 else None
        if previous is None or previous.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        subject = previous
    content = None
    form = "indirect"
    children = list(verb.children)
    ccomps = [c for c in children if c.dep_ == "ccomp" and c.i > verb.i]
    before = [c for c in children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
    dobj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
    colon = next((t for t in doc[verb.i + 1:min(len(doc), verb.i + 6)] if t.text == ":"), None)
    options: list[tuple[int, tuple[int, int], str]] = []
    if colon is not None and colon.sent == verb.sent and verb.lemma_.lower() in _PLAIN_SPEECH:
        text = doc_text(doc)
        paragraph_end = text.find("\n", colon.idx)
        paragraph_end = paragraph_end if paragraph_end != -1 else len(text)
        closing = text.find("”", colon.idx, paragraph_end)
        if closing != -1 and "“" not in text[colon.idx:closing]:
            paragraph_end = closing + 1  # a closing mark without an opener ends the speech
        options.append((colon.i, (colon.idx + 1, paragraph_end), "colon"))
    if ccomps:
        node = ccomps[0]
        options.append((node.left_edge.i, (node.left_edge.idx, _clause_end(verb, node)), "indirect"))
    lemma = verb.lemma_.lower()
    if lemma in lex.stance_verbs and xcomp is not None and dobj is None:
        options.append((xcomp.left_edge.i, (xcomp.left_edge.idx, _end(xcomp.right_edge)), "indirect"))
    if lemma in lex.object_verbs and dobj is not None and dobj.i > verb.i and not ccomps:
        oprd = next((c for c in children if c.dep_ in ("oprd", "xcomp") and c.i > dobj.i), None)
        end_tok = oprd.right_edge if oprd is not None else dobj.right_edge
        options.append((dobj.left_edge.i + 1, (dobj.left_edge.idx, _end(end_tok)), "indirect"))
    if lemma == "call":
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("on", "for") and c.i == verb.i + 1), None)
        if prep is not None and list(prep.children):
            options.append((prep.i + 1, (doc[prep.i + 1].idx, _end(prep.right_edge)), "indirect"))
    if verb.lemma_.lower() in lex.object_control_verbs and dobj is not None and xcomp is not None:
        options.append((dobj.left_edge.i, (dobj.left_edge.idx, _end(xcomp.right_edge)), "indirect"))
    if verb.lemma_.lower() == "describe" and dobj is not None:
        as_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"), None)
        if as_prep is not None:
            options.append((dobj.left_edge.i, (dobj.left_edge.idx, _end(as_prep.right_edge)), "indirect"))
    if options:
        _, content, form = min(options)
    plain = verb.lemma_.lower() in _PLAIN_SPEECH
    if content is None and before and plain:
        node = before[0]
        content = (node.left_edge.idx, _end(node.right_edge))
        form = "preceding"
    if content is None and plain and verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        head = verb.head
        start = head.left_edge
        end_tok = doc[min(t.i for t in verb.subtree) - 1] if min(t.i for t in verb.subtree) > start.i else None
        if end_tok is not None:
            content = (start.idx, _end(end_tok))
            form = "preceding"
    if content is None and dobj is not None and verb.lemma_.lower() in ("say", "write", "tweet", "add", "post"):
        content = (dobj.left_edge.idx, _end(dobj.right_edge))
    if content is None:
        return None
    source = _source_span(subject)
    if source[0] < content[1] and content[0] < source[1]:
        return None  # the "source" is inside what was said: a parse error, not an attribution
    cue_end = max([_end(verb)] + [_end(c) for c in children if c.dep_ == "prt"])
    return content, source, (verb.idx, cue_end), form


def _according_to(token: Token):
    doc = token.doc
    to = doc[token.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    phrase_start = token.i
    phrase_end = max(t.i for t in obj.subtree) + 1
    sent = token.sent
    if phrase_start - sent.start <= 2:
        rest = [t for t in doc[phrase_end:sent.end] if not t.is_punct or t.text in ("'", '"')]
        if not rest:
            return None
        content = (rest[0].idx, _end(doc[sent.end - 1]))
    else:
        content = (sent[0].idx, doc[phrase_start].idx)
    source = _source_span(obj)
    return content, source, (token.idx, _end(to)), "indirect"


def _source_span(head: Token) -> tuple[int, int]:
    """The source phrase without relative clauses, appositions and trailing punctuation."""
    keep = [head]
    stack = [c for c in head.children]
    while stack:
        node = stack.pop()
        if node.dep_ in _SOURCE_DROP_DEPS and not (node.dep_ == "appos" and node.pos_ == "PROPN" and node.i == head.i + 1):
            continue
        if node.dep_ == "prep" and node.i > head.i and node.lower_ not in ("of", "for"):
            continue
        keep.append(node)
        stack.extend(node.children)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep)
    doc = head.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return doc[start].idx, _end(doc[end])


# --- content boundaries ---------------------------------------------------------------------


def _clause_end(verb: Token, node: Token) -> int:
    """End of a clause complement; "said X and Y" keeps Y when the parse hung it on the verb."""
    last = node.right_edge
    if last.dep_ == "cc" or last.pos_ == "CCONJ":
        conj = next((c for c in verb.children if c.dep_ == "conj" and c.i > last.i), None)
        if conj is not None and conj.lemma_.lower() not in cue_lexicon().speech_verbs:
            return _end(conj.right_edge)
        return last.idx
    return _end(last)


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


def _kind(start: int, end: int, regions: list[tuple[int, int]], form: str, text: str) -> str:
    quoted = 0
    for r_start, r_end in regions:
        lo, hi = max(start, r_start), min(end, r_end)
        if hi > lo:
            quoted += hi - lo
    length = max(1, end - start)
    if quoted >= 0.9 * length or form == "joined":
        return "direct"
    inner_single = re.search(r"(?:^|\s)['‘][^'‘’]{2,80}(?:['’](?:\s|[,.;:]|$)|$)", text[start:end])
    if quoted > 0 or inner_single:
        return "mixed"
    if form in ("preceding", "colon") and not re.match(r"(?i)that\b", text[start:end]):
        return "direct"  # direct speech without quotation marks
    return "indirect"


def _span(article: Article, start: int, end: int) -> Span:
    return Span(article_id=article.id, start=start, end=end, text=article.text[start:end])
