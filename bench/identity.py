"""Identity check: the dossiers of a fixed set of stories, dumped to one JSON file to compare byte for byte.

Run: .venv/bin/python bench/identity.py OUT.json [--compare BEFORE.json] [--evaldata PATH]

Dumps the dossiers (creation time removed) of (a) ``examples/roma-2010``, (b) the stories of the 200 ECB+
documents of ``bench/batch.py`` and (c) the first 40 NeuS stories, each analysed with no store, one JSON
object ``{story label: dossier}`` with sorted keys.  With ``--compare`` the file is compared with an earlier
dump, and the stories that differ are printed (exit status 1 if any).  A speed change must leave the dump
identical.  Not part of the tests; prints its results.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from batch import ecbplus_stories, neus_stories, take  # noqa: E402

from storylens import Pipeline, Settings  # noqa: E402


def dossier_json(dossier) -> object:
    """The dossier as plain JSON data, its creation time removed."""
    data = json.loads(dossier.to_json(indent=None))
    data.get("run", {}).pop("created", None)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier dump to compare with, byte for byte")
    parser.add_argument("--evaldata", type=Path, default=ROOT.parent / "shared" / "evaldata")
    parser.add_argument("--neus", type=int, default=40, help="NeuS stories to include")
    args = parser.parse_args()

    settings = Settings.load(use_store=False, progress=False)
    pipeline = Pipeline(settings)
    dump: dict[str, object] = {}
    example = pipeline.ingest([str(ROOT / "examples" / "roma-2010")]).articles
    dump["example/roma-2010"] = dossier_json(pipeline.analyze_articles(example))
    ecb = args.evaldata / "ecbplus" / "data.jsonl"
    if ecb.is_file():
        for n, story in enumerate(take(ecbplus_stories(ecb), 200)):
            dump[f"ecbplus/{n:02d}"] = dossier_json(pipeline.analyze_articles(story))
    neus = args.evaldata / "neus" / "data.jsonl"
    if neus.is_file():
        for n, story in enumerate(neus_stories(neus)[: args.neus]):
            dump[f"neus/{n:02d}"] = dossier_json(pipeline.analyze_articles(story))
    text = json.dumps(dump, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(dump)} dossiers written to {args.out} ({len(text):,} characters)")
    if args.compare:
        before = args.compare.read_text(encoding="utf-8")
        if before == text:
            print(f"identical to {args.compare}, byte for byte")
            return
        old = json.loads(before)
        differ = [k for k in sorted(set(old) | set(dump)) if old.get(k) != dump.get(k)]
        print(f"DIFFERENT from {args.compare}: {len(differ)} dossiers differ: {', '.join(differ[:20])}")
        sys.exit(1)


if __name__ == "__main__":
    main()
