"""The benchmark corpus: paragraphs of the demo documents (and the shared seeds, when present), dealt into
unique report-sized texts.

Every text is made unique (a numbered title line, its own paragraph order and a numbered sentence with a
date), so an ingest benchmark never skips a document as already stored and no stage can profit from having
seen the same text before. Deterministic: report `n` is always the same text.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from eastwatch.load import SUFFIXES, load
from eastwatch.repair import repair_text

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "demo" / "corpus"
SEEDS = REPO.parent / "shared" / "seeds"  # optional: ../shared is not shipped with the repository

# Characters of body per report: the seed chapters hold 2.7k-3.3k characters, the demo news items 0.3k-1.3k.
# A think-tank chapter of this size is the unit the ingest goal (10,000 documents) is stated in.
REPORT_CHARS = 3000
# Shorter lines are titles, author lines and headings of the sources: kept out of the body pool so a
# generated report is mostly running text, like a real one.
MIN_PARAGRAPH_CHARS = 20
RANDOM_SEED = 20240612
SECTIONS_PER_REPORT = 3

# The benchmark's own framing lines (not taken from any source).
TITLE = "東北亞情勢基準報告第{n}號"
UNIQUE_SENTENCE = "本文為第{n}號基準文件，完成於{year}年{month}月{day}日，引用資料共{refs}份。"
SECTION_HEADINGS = ("一、近期動態", "二、各方立場", "三、後續觀察")
FIRST_YEAR, YEARS, MONTHS, DAYS = 2015, 10, 12, 28


def source_paths() -> list[Path]:
    """The demo documents, then the seeds if ../shared is there; every format the loader reads."""
    if not DEMO.is_dir():
        raise SystemExit(f"benchmarks: no demo corpus at {DEMO}; it is the benchmark's input")
    paths = sorted(p for p in DEMO.iterdir() if p.suffix.lower() in SUFFIXES)
    if SEEDS.is_dir():
        paths += sorted(SEEDS.glob("*.txt"))
    return paths


@lru_cache(maxsize=1)
def paragraphs() -> tuple[str, ...]:
    """Every body-length paragraph of the sources, repaired (one paragraph per line, PDF breaks joined)."""
    found: list[str] = []
    for path in source_paths():
        text, _ = repair_text(load(path).text)
        found += [line for line in text.split("\n") if len(line) >= MIN_PARAGRAPH_CHARS]
    if not found:
        raise SystemExit(f"benchmarks: the sources under {DEMO} hold no paragraphs")
    return tuple(found)


def unique_phrase(n: int) -> str:
    """A substring only report `n` contains (for a search benchmark)."""
    return f"第{n}號基準文件"


def make_report(n: int) -> str:
    """Report `n`: a numbered title, a unique dated sentence, then shuffled source paragraphs in sections."""
    rng = random.Random(RANDOM_SEED + n)
    pool = list(paragraphs())
    rng.shuffle(pool)
    body: list[str] = []
    size = 0
    while size < REPORT_CHARS:  # the pool may be smaller than a report: deal it again
        para = pool[len(body) % len(pool)]
        body.append(para)
        size += len(para)
    sentence = UNIQUE_SENTENCE.format(n=n, year=FIRST_YEAR + n % YEARS, month=1 + n % MONTHS, day=1 + n % DAYS,
                                      refs=rng.randint(3, 60))
    lines = [TITLE.format(n=n), sentence]
    per_section = -(-len(body) // SECTIONS_PER_REPORT)
    for i, heading in enumerate(SECTION_HEADINGS):
        chunk = body[i * per_section : (i + 1) * per_section]
        if chunk:
            lines += [heading, *chunk]
    return "\n\n".join(lines) + "\n"


def make_texts(n_bytes: int) -> list[str]:
    """Unique report texts, in order, until together they hold at least `n_bytes` bytes of UTF-8."""
    texts: list[str] = []
    total = 0
    while total < n_bytes:
        texts.append(make_report(len(texts)))
        total += len(texts[-1].encode("utf-8"))
    return texts


def write_documents(texts: list[str], out_dir: Path) -> list[Path]:
    """Each text as its own UTF-8 .txt file in `out_dir`; returns the paths in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    width = len(str(max(len(texts) - 1, 0)))
    paths = []
    for i, text in enumerate(texts):
        path = out_dir / f"report-{i:0{width}d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def make_documents(n: int, out_dir: Path) -> list[Path]:
    """`n` unique report-sized .txt documents in `out_dir` (for the ingest benchmark)."""
    return write_documents([make_report(i) for i in range(n)], out_dir)
