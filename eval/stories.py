"""Story grouping on ECB+ (train and dev topics), scored against topic+subtopic stories.

Run: .venv/bin/python eval/stories.py [--split train|dev|train+dev|all] [--evaldata PATH] [--tune | --tune-embeddings]
     .venv/bin/python eval/stories.py --headlines [--headline-split val|train] [--tune | --tune-embeddings]

Gold (``../shared/evaldata/ecbplus/data.jsonl``, never copied here): one line per document; its text is
rebuilt by joining its tokens with spaces (a newline between sentences); its gold story is ``story_id``
(topic plus subtopic: each topic holds two related events, the hard case).  ECB+ documents carry no
publication date, so the date window plays no part here.  All documents of the split are grouped together
(every topic at once), by:

- ``storylens``: :func:`storylens.align.stories.group_stories` with its default settings (chosen on
  train+dev with ``--tune``; the held-out test topics are not in the shared data);
- ``storylens incremental``: :class:`storylens.align.stories.StoryIndex`, the documents added one at a time
  in file order (same settings);
- ``baseline``: scikit-learn TF-IDF (sublinear tf, English stop words) and agglomerative clustering,
  cosine distance, average link, all pairs; its distance threshold is tuned *on the split being scored*
  (best of a grid of 0.05 steps), so it is an optimistic baseline.

Scores: B-cubed precision, recall and F1 (per document, averaged), adjusted Rand index, and the number of
gold and predicted stories, and seconds (storylens: one ``group_stories``; baseline: vectorising, all-pairs
distances and one clustering).  ``--split all`` prints train, dev and train+dev.  ``--tune`` prints, instead,
storylens's B-cubed F1 over a small grid of ``link_threshold`` and ``neighbours`` on the chosen split;
``--tune-embeddings`` the same with sentence embeddings mixed in (they do not help full articles, and encoding
costs far more than grouping: the defaults use none).

``--headlines``: streams of headlines alone, from NeuS (``../shared/evaldata/neus/data.jsonl``): every title
of the val split (307 stories of three articles, left, centre and right outlets; one gold story = one NeuS
story; no dates) grouped in one run, by ``group_stories`` with its default settings, with
:meth:`GroupingSettings.for_headlines` (sentence embeddings included: the titles are encoded once per run, and
the encoding time is printed apart), incrementally with the latter, with the headline settings from before
embeddings, and by the TF-IDF baseline.  The headline settings and the baseline's threshold are chosen on the
*train* split (three samples of 307 train stories, mean B-cubed F1; ``--tune`` prints the lexical grid,
``--tune-embeddings`` the embedding one), never on val; the baseline's best threshold on val itself is
printed too, as an optimistic bound.  ``--headline-split train`` scores the tuning samples instead.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storylens.align.embeddings import embed  # noqa: E402
from storylens.align.stories import GroupingSettings, StoryIndex, group_stories  # noqa: E402
from storylens.models import Article  # noqa: E402

logger = logging.getLogger("eval.stories")
SPLITS = {"train": ("train",), "dev": ("dev",), "train+dev": ("train", "dev")}


def load_ecbplus(path: Path, splits: Sequence[str]) -> tuple[list[Article], list[str]]:
    articles, gold = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["split"] not in splits:
                continue
            text = "\n".join(" ".join(_token(t) for t in sentence) for sentence in doc["sentences"])
            articles.append(Article(id=doc["doc_id"], text=text))
            gold.append(doc["story_id"])
    return articles, gold


NEUS_SAMPLE = 307  # stories per train sample: the size of the val split


def load_neus_headlines(path: Path, split: str) -> tuple[list[Article], list[str]]:
    """Every article title of the NeuS ``split`` as an article of its own; gold: the NeuS story."""
    articles, gold = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if item["split"] != split:
                continue
            for n, article in enumerate(item["articles"]):
                title = (article.get("title") or "").strip()
                if title:
                    articles.append(Article(id=f"neus-{split}-{item['idx']}-{n}", text=title))
                    gold.append(f"{split}-{item['idx']}")
    return articles, gold


def neus_train_samples(path: Path, count: int = 3) -> list[tuple[list[Article], list[str]]]:
    """``count`` disjoint samples of NEUS_SAMPLE train stories each (in file order), for choosing settings."""
    articles, gold = load_neus_headlines(path, "train")
    stories = list(dict.fromkeys(gold))
    samples = []
    for k in range(count):
        chosen = set(stories[k * NEUS_SAMPLE:(k + 1) * NEUS_SAMPLE])
        pairs = [(a, g) for a, g in zip(articles, gold, strict=True) if g in chosen]
        samples.append(([a for a, _ in pairs], [g for _, g in pairs]))
    return samples


def _token(token: object) -> str:
    return token["text"] if isinstance(token, dict) else str(token)


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    gold_members: dict[str, set[int]] = defaultdict(set)
    pred_members: dict[str, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        gold_members[g].add(i)
        pred_members[p].add(i)
    precision = recall = 0.0
    for g, p in zip(gold, predicted, strict=True):
        both = len(gold_members[g] & pred_members[p])
        precision += both / len(pred_members[p])
        recall += both / len(gold_members[g])
    n = len(gold)
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def adjusted_rand(gold: Sequence[str], predicted: Sequence[str]) -> float:
    try:
        from sklearn.metrics import adjusted_rand_score
    except ImportError:  # a few lines of the formula instead
        from collections import Counter
        from math import comb

        pairs = Counter(zip(gold, predicted, strict=True))
        index = sum(comb(c, 2) for c in pairs.values())
        a = sum(comb(c, 2) for c in Counter(gold).values())
        b = sum(comb(c, 2) for c in Counter(predicted).values())
        expected = a * b / comb(len(gold), 2)
        top = (a + b) / 2
        return (index - expected) / (top - expected) if top != expected else 1.0
    return float(adjusted_rand_score(gold, predicted))


def storylens_labels(
    articles: list[Article], settings: GroupingSettings | None = None, vectors: Any = None
) -> list[str]:
    label = {}
    for story in group_stories(articles, settings, vectors=vectors):
        for article_id in story.article_ids:
            label[article_id] = story.id
    return [label[a.id] for a in articles]


def baseline_runs(articles: list[Article]) -> tuple[float, list[tuple[float, float, list[str]]]]:
    """Seconds to vectorise and compute all-pairs cosine distances, and (threshold, seconds, labels) per
    distance threshold of the grid."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    start = time.perf_counter()
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([a.text for a in articles])
    distances = cosine_distances(matrix)
    setup = time.perf_counter() - start
    runs = []
    for step in range(1, 20):
        threshold = step * 0.05
        start = time.perf_counter()
        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
        )
        labels = [str(x) for x in model.fit_predict(distances)]
        runs.append((threshold, time.perf_counter() - start, labels))
    return setup, runs


def score_row(name: str, split: str, gold: list[str], predicted: list[str], seconds: float, note: str = "") -> str:
    precision, recall, f1 = bcubed(gold, predicted)
    ari = adjusted_rand(gold, predicted)
    return (
        f"| {split} | {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {ari:.3f} | {len(set(gold))} | "
        f"{len(set(predicted))} | {seconds:.2f} | {note} |"
    )


def evaluate(split: str, path: Path) -> list[str]:
    articles, gold = load_ecbplus(path, SPLITS[split])
    logger.info("%s: %d documents, %d gold stories", split, len(articles), len(set(gold)))
    start = time.perf_counter()
    predicted = storylens_labels(articles)
    rows = [score_row("storylens", split, gold, predicted, time.perf_counter() - start, "default settings")]
    start = time.perf_counter()
    index = StoryIndex()
    index.add_many(articles)
    predicted = [index.story_of(a.id) for a in articles]
    note = "StoryIndex.add, one at a time in file order"
    rows.append(score_row("storylens incremental", split, gold, predicted, time.perf_counter() - start, note))
    try:
        setup, runs = baseline_runs(articles)
        threshold, seconds, labels = max(runs, key=lambda run: bcubed(gold, run[2])[2])
        note = f"distance threshold {threshold:.2f}, tuned on this split (best of {len(runs)})"
        rows.append(score_row("TF-IDF + agglomerative", split, gold, labels, setup + seconds, note))
    except ImportError:
        logger.warning("scikit-learn is not installed: no baseline")
    return rows


def load_ecbplus_leads(path: Path, split: str) -> tuple[list[Article], list[str]]:
    """ECB+ documents of ``split`` reduced to their first line (the title, in most of them; at most 200
    characters): a headline stream whose stories are bigger (about 12 texts) than NeuS's (3)."""
    articles, gold = load_ecbplus(path, (split,))
    return [Article(id=a.id, text=a.text.split("\n", 1)[0][:200]) for a in articles], gold


def evaluate_headlines(path: Path, split: str) -> list[str]:
    train = neus_train_samples(path)
    if split == "train":
        scored = [("NeuS headlines train samples", a, g) for a, g in train]
    else:
        scored = [(f"NeuS headlines {split}", *load_neus_headlines(path, split))]
    ecbplus = path.parent.parent / "ecbplus" / "data.jsonl"
    if ecbplus.exists():
        ecb_split = "train" if split == "train" else "dev"
        scored.append((f"ECB+ {ecb_split} first lines", *load_ecbplus_leads(ecbplus, ecb_split)))
    headline_settings = GroupingSettings.for_headlines()
    baseline_threshold = None
    try:
        train_runs = [baseline_runs(articles)[1] for articles, _ in train]
        grid = [run[0] for run in train_runs[0]]
        mean_f1 = [sum(bcubed(g, runs[k][2])[2] for runs, (_, g) in zip(train_runs, train, strict=True)) / len(train)
                   for k, runs in enumerate(zip(*train_runs, strict=True))]
        baseline_threshold = grid[max(range(len(grid)), key=mean_f1.__getitem__)]
    except ImportError:
        logger.warning("scikit-learn is not installed: no baseline")
    rows = []
    for label, articles, gold in scored:
        logger.info("%s: %d headlines, %d gold stories", label, len(articles), len(set(gold)))
        start = time.perf_counter()
        predicted = storylens_labels(articles)
        rows.append(score_row("storylens, default settings", label, gold, predicted, time.perf_counter() - start,
                              "the settings chosen on ECB+ full texts"))
        start = time.perf_counter()
        vectors = embed([a.text for a in articles])
        encoding = time.perf_counter() - start
        start = time.perf_counter()
        predicted = storylens_labels(articles, headline_settings, vectors)
        rows.append(score_row("storylens, headline settings", label, gold, predicted, time.perf_counter() - start,
                              f"GroupingSettings.for_headlines(), chosen on NeuS train and ECB+ train first lines; plus {encoding:.1f} s "
                              f"encoding ({len(articles) / encoding:.0f} headlines/s)"))
        start = time.perf_counter()
        index = StoryIndex(headline_settings)
        for article, vector in zip(articles, vectors, strict=True):
            index.add(article, vector)
        predicted = [index.story_of(a.id) for a in articles]
        rows.append(score_row("storylens incremental, headline settings", label, gold, predicted,
                              time.perf_counter() - start, "StoryIndex.add, one at a time in file order (same vectors)"))
        start = time.perf_counter()
        before = GroupingSettings.for_headlines(embedding_weight=0, link_threshold=0.15, neighbours=3, max_candidates=40)
        predicted = storylens_labels(articles, before)
        rows.append(score_row("storylens, headline settings without embeddings", label, gold, predicted,
                              time.perf_counter() - start, "for_headlines(embedding_weight=0, link_threshold=0.15, "
                              "neighbours=3, max_candidates=40): the settings before embeddings"))
        start = time.perf_counter()
        earlier = GroupingSettings.for_headlines(neighbours=3, link_threshold=0.2, max_candidates=40)
        predicted = storylens_labels(articles, earlier, vectors)
        rows.append(score_row("storylens, earlier headline settings", label, gold, predicted,
                              time.perf_counter() - start, "for_headlines(neighbours=3, link_threshold=0.2, "
                              "max_candidates=40): chosen on NeuS train alone, before the ECB+ first lines"))
        if baseline_threshold is not None:
            setup, runs = baseline_runs(articles)
            threshold, seconds, labels = next(run for run in runs if run[0] == baseline_threshold)
            rows.append(score_row("TF-IDF + agglomerative", label, gold, labels, setup + seconds,
                                  f"distance threshold {threshold:.2f}, chosen on NeuS train"))
            threshold, seconds, labels = max(runs, key=lambda run: bcubed(gold, run[2])[2])
            rows.append(score_row("TF-IDF + agglomerative, oracle", label, gold, labels, setup + seconds,
                                  f"distance threshold {threshold:.2f}, the best on the scored headlines"))
    return rows


def tune_headlines(path: Path) -> None:
    """Mean B-cubed F1 on the NeuS train samples over a grid of the lexical settings, without embeddings
    (how stem_words, name_weight were chosen)."""
    samples = neus_train_samples(path)
    print(f"storylens mean B-cubed F1 on {len(samples)} NeuS train samples of {NEUS_SAMPLE} stories (headlines)")
    print("| stem_words | name_weight | neighbours | link_threshold | B3 F1 |")
    print("|---|---|---|---|---|")
    for stem_words in (False, True):
        for name_weight in (0.0, 0.5, 1.0):
            for neighbours in (1, 2, 3, 4, 8):
                for threshold in (0.08, 0.12, 0.15, 0.2, 0.25):
                    settings = GroupingSettings(stem_words=stem_words, name_weight=name_weight,
                                                neighbours=neighbours, link_threshold=threshold)
                    f1 = sum(bcubed(g, storylens_labels(a, settings))[2] for a, g in samples) / len(samples)
                    print(f"| {stem_words} | {name_weight} | {neighbours} | {threshold} | {f1:.3f} |")


def tune_headline_embeddings(path: Path) -> None:
    """Mean B-cubed F1 and P/R on the NeuS train samples over the embedding settings of
    :meth:`GroupingSettings.for_headlines` (its lexical settings kept); each sample encoded once."""
    samples = neus_train_samples(path)
    vectors = [embed([a.text for a in articles]) for articles, _ in samples]

    def row(settings: GroupingSettings, *cells: object) -> None:
        runs = [bcubed(g, storylens_labels(a, settings, v)) for (a, g), v in zip(samples, vectors, strict=True)]
        p, r, f1 = (sum(run[k] for run in runs) / len(runs) for k in range(3))
        print("| " + " | ".join(str(c) for c in cells) + f" | {p:.3f} | {r:.3f} | {f1:.3f} |", flush=True)

    print(f"storylens mean B-cubed scores on {len(samples)} NeuS train samples of {NEUS_SAMPLE} stories (headlines)")
    print("| embedding_weight | embedding_floor | neighbours | link_threshold | B3 P | B3 R | B3 F1 |")
    print("|---|---|---|---|---|---|---|")
    row(GroupingSettings.for_headlines(embedding_weight=0, link_threshold=0.15), 0, "-", 3, 0.15)
    for weight in (0.3, 0.4, 0.5, 0.6, 0.8, 1.0):
        for floor in (0.25, 0.3, 0.35):
            for threshold in (0.17, 0.2, 0.23):
                settings = GroupingSettings.for_headlines(
                    embedding_weight=weight, embedding_floor=floor, link_threshold=threshold
                )
                row(settings, weight, floor, 3, threshold)
    for threshold in (0.15, 0.2, 0.25):
        row(GroupingSettings.for_headlines(neighbours=5, link_threshold=threshold), 0.5, 0.3, 5, threshold)
    print()
    print("| embedding_neighbours | B3 P | B3 R | B3 F1 |")
    print("|---|---|---|---|")
    for count in (0, 3, 5, 10, 20, 40):
        row(GroupingSettings.for_headlines(embedding_neighbours=count), count)


def tune(split: str, path: Path) -> None:
    articles, gold = load_ecbplus(path, SPLITS[split])
    print(f"storylens B-cubed F1 on {split} ({len(articles)} documents): link_threshold x neighbours")
    weights = (3, 5, 8, 12)
    thresholds = (0.04, 0.06, 0.08, 0.1, 0.125, 0.15)
    print("| link_threshold | " + " | ".join(f"neighbours {w}" for w in weights) + " |")
    print("|---" * (len(weights) + 1) + "|")
    for threshold in thresholds:
        cells = []
        for weight in weights:
            settings = GroupingSettings(link_threshold=threshold, neighbours=weight)
            cells.append(f"{bcubed(gold, storylens_labels(articles, settings))[2]:.3f}")
            logger.info("threshold %s neighbours %s: %s", threshold, weight, cells[-1])
        print(f"| {threshold} | " + " | ".join(cells) + " |")


def tune_embeddings(split: str, path: Path) -> None:
    """ECB+ B-cubed F1 with sentence embeddings mixed into the default settings (encoded once; slow)."""
    from storylens.align.stories import _embedding_text

    articles, gold = load_ecbplus(path, SPLITS[split])
    start, cpu = time.perf_counter(), time.process_time()
    vectors = embed([_embedding_text(a.text, a.title) for a in articles])
    print(f"{len(articles)} documents of {split} encoded in {time.perf_counter() - start:.0f} s "
          f"({time.process_time() - cpu:.0f} CPU s); without embeddings: "
          f"B3 F1 {bcubed(gold, storylens_labels(articles))[2]:.3f}")
    print("| embedding_weight | embedding_floor | link_threshold | B3 P | B3 R | B3 F1 |")
    print("|---|---|---|---|---|---|")
    for weight in (0.2, 0.35, 0.5):
        for floor in (0.3, 0.5):
            for threshold in (0.08, 0.12, 0.16):
                settings = GroupingSettings(embedding_weight=weight, embedding_floor=floor, link_threshold=threshold)
                p, r, f1 = bcubed(gold, storylens_labels(articles, settings, vectors))
                print(f"| {weight} | {floor} | {threshold} | {p:.3f} | {r:.3f} | {f1:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--tune", action="store_true", help="grid of storylens settings instead of the table")
    parser.add_argument("--tune-embeddings", action="store_true",
                        help="grid of sentence-embedding settings (ECB+: over the defaults, encoding every "
                        "document; with --headlines: over for_headlines() on the NeuS train samples)")
    parser.add_argument("--headlines", action="store_true", help="NeuS headlines alone instead of ECB+ documents")
    parser.add_argument("--headline-split", choices=["val", "train"], default="val",
                        help="with --headlines: the split scored (train: the samples the settings were chosen on)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")

    if args.headlines:
        neus = args.evaldata / "neus" / "data.jsonl"
        if not neus.is_file():
            print(f"NeuS data not found at {neus}: nothing to evaluate (pass --evaldata PATH)")
            return
        if args.tune:
            tune_headlines(neus)
            return
        if args.tune_embeddings:
            tune_headline_embeddings(neus)
            return
        print("| data | method | B3 P | B3 R | B3 F1 | ARI | gold stories | predicted | seconds | note |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for row in evaluate_headlines(neus, args.headline_split):
            print(row)
        return

    path = args.evaldata / "ecbplus" / "data.jsonl"
    if not path.is_file():
        print(f"ECB+ data not found at {path}: nothing to evaluate (pass --evaldata PATH)")
        return
    if args.tune:
        tune("train+dev" if args.split == "all" else args.split, path)
        return
    if args.tune_embeddings:
        tune_embeddings("train+dev" if args.split == "all" else args.split, path)
        return
    splits = list(SPLITS) if args.split == "all" else [args.split]
    print("| split | method | B3 P | B3 R | B3 F1 | ARI | gold stories | predicted | seconds | note |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for split in splits:
        for row in evaluate(split, path):
            print(row)


if __name__ == "__main__":
    main()
