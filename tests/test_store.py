"""The store: schema round trip, idempotent batch ingest, per-document transactions, queries, search."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DataError

from eastwatch.dates import iso_bounds
from eastwatch.errors import InputError, StoreError
from eastwatch.kb import KB
from eastwatch.load import load
from eastwatch.model import (
    Author,
    DocDate,
    Document,
    Entity,
    Event,
    Judgment,
    Mention,
    Meta,
    OffsetMap,
    Quantity,
    Section,
    Span,
    Structure,
    TextItem,
    TimeExpr,
)
from eastwatch.repair import repair
from eastwatch.store import db, ingest, queries
from eastwatch.store.rows import pack_offsets, unpack_offsets
from eastwatch.store.tables import SCHEMA_VERSION, judgments, mentions, metadata, schema_version

# A scratch PostgreSQL database (emptied by these tests), e.g. postgresql+psycopg://postgres@127.0.0.1/scratch
PG_URL = os.environ.get("EASTWATCH_TEST_PG")

# A made-up world, so knowledge-base edits never break these tests.
KB_TINY = KB(entities={
    "state/AAA": Entity("state/AAA", "state", {"zh-Hant": ("甲國",), "en": ("Aland",)}, country="AAA"),
    "state/BBB": Entity("state/BBB", "state", {"zh-Hant": ("乙國",)}, country="BBB", wikidata=None),
    "person/bing": Entity("person/bing", "person", {"zh-Hant": ("丙",)}, country="AAA"),
})

TEXT = "甲國外長丙於2021年3月5日訪問乙國，雙方簽署合作備忘錄。分析認為兩國關係可能持續改善。"


def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'east.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    """A new, empty database: a SQLite file, and PostgreSQL when EASTWATCH_TEST_PG names one."""
    if request.param == "sqlite":
        yield db_url(tmp_path)
        return
    if not PG_URL:
        pytest.skip("set EASTWATCH_TEST_PG to a scratch PostgreSQL database URL")
    db.dispose(PG_URL)
    scratch = sa.create_engine(PG_URL)
    metadata.drop_all(scratch)
    scratch.dispose()
    yield PG_URL
    db.dispose(PG_URL)


def at(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def plain_doc(doc_id: str, text: str, date_value: str | None, title: str, path: str) -> Document:
    """A document with a title and a date and no facts."""
    st = Structure(title=title, date=DocDate(date_value, "metadata") if date_value else None)
    return Document(id=doc_id, text=text, offsets=OffsetMap.identity(len(text)), meta=Meta(path, "txt"), raw=text,
                    structure=st)


def made_doc(doc_id: str = "a" * 64, date_value: str | None = "2021-03-06", title: str | None = "甲乙關係觀察",
             path: str = "notes/a.txt") -> Document:
    """A document with one fact of every kind, built by hand (no pipeline)."""
    text = TEXT
    sent = Span(0, text.index("。") + 1)
    st = Structure(kind="report", number="二", title=title, title_span=None,
                   authors=[Author("丁一", "某研究院", "研究員", "作者", None)],
                   key_points=[TextItem("雙方簽署合作備忘錄", at(text, "雙方簽署合作備忘錄"))],
                   sections=[Section("前言", "一、", 1, Span(0, 2), Span(2, len(text)), (Span(2, 10),))],
                   paragraphs=[Span(0, len(text))], sentences=[sent, Span(sent.end, len(text))],
                   dateline=TextItem("甲國", Span(0, 2)),
                   date=DocDate(date_value, "text", Span(6, 15)) if date_value else None)
    doc = Document(id=doc_id, text=text, offsets=OffsetMap([*range(10), *range(11, len(text) + 2)]),
                   meta=Meta(path, "txt", "utf-8", url="https://example.org/a"), raw=text + "\n",
                   structure=st)
    doc.mentions = [Mention(at(text, "甲國"), "甲國", "state/AAA", "state"),
                    Mention(at(text, "丙"), "丙", "person/bing", "person", via="title", title="外長"),
                    Mention(at(text, "乙國"), "乙國", "state/BBB", "state"),
                    Mention(Span(0, 1), "甲", None, "organization", via="pattern", country="AAA")]
    doc.times = [TimeExpr(at(text, "2021年3月5日"), "2021年3月5日", "2021-03-05", "date", "2021-03-06", "document"),
                 TimeExpr(Span(1, 3), "x", None, "date")]
    doc.quantities = [Quantity(Span(6, 10), "2021", 2021.0, None)]
    doc.events = [Event("CONSULT", "visit", "042", 1, 1.9, "2021-03", ("person/bing", "person/ghost"),
                        ("state/BBB",), ("AAA",), ("BBB",), at(text, "訪問"), sent,
                        mentions=(at(text, "訪問"),), location="state/BBB", planned=True)]
    doc.judgments = [Judgment(at(text, "兩國關係可能持續改善"), "兩國關係可能持續改善", "likely", True, "可能",
                              ("AAA", "BBB"), key_point=False)]
    return doc


def stored(url: str, doc: Document) -> bool:
    with ingest.Writer(db.engine(url), KB_TINY) as writer:
        return writer.store(doc)


def write_files(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in texts]


def quick_extract(path: Path, kb: KB) -> Document:
    """The real loader and repair, and one mention by hand: ingest mechanics without the other stages."""
    doc = repair(load(path))
    doc.mentions = [Mention(Span(0, 2), doc.text[:2], "state/AAA", "state")]
    return doc


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(ingest, "extract", quick_extract)


FILES = {"a.txt": "甲國與乙國外長舉行會談。\n雙方同意加強合作。\n",
         "b.txt": "乙國宣布將於明年舉行大選。\n",
         "c.txt": "專家認為甲國經濟可能放緩。\n"}


# ---- dates and offsets ------------------------------------------------------------------------------

BOUNDS = [  # value                       first             last
    ("2020", (date(2020, 1, 1), date(2020, 12, 31))),
    ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
    ("2021-02-28", (date(2021, 2, 28), date(2021, 2, 28))),
    ("2020-11-24/2020-11-25", (date(2020, 11, 24), date(2020, 11, 25))),
    ("2019-12/2020", (date(2019, 12, 1), date(2020, 12, 31))),
    ("2021-Q3", (date(2021, 7, 1), date(2021, 9, 30))),
    ("2021-H1", (date(2021, 1, 1), date(2021, 6, 30))),
    ("2021-W01", (date(2021, 1, 4), date(2021, 1, 10))),
    ("201X", (date(2010, 1, 1), date(2019, 12, 31))),
    ("2021-03-05T10:00", (date(2021, 3, 5), date(2021, 3, 5))),
    ("P3Y", (None, None)),  # durations have no place on the calendar
    ("2021-02-30", (None, None)),  # impossible day
    (None, (None, None)),
    ("下週", (None, None)),
]


@pytest.mark.parametrize("value, bounds", BOUNDS)
def test_iso_bounds(value, bounds):
    assert iso_bounds(value) == bounds


def test_offsets_pack_small_and_round_trip():
    assert pack_offsets(OffsetMap.identity(50)) is None
    assert list(unpack_offsets(None, 3).positions) == [0, 1, 2, 3]
    positions = [0, 1, 2, *range(4, 20_000)]
    packed = pack_offsets(OffsetMap(positions))
    assert len(packed) < 1000  # from 80 KB
    assert list(unpack_offsets(packed, len(positions) - 1).positions) == positions


# ---- schema round trip ----------------------------------------------------------------------------------


def test_document_reads_back_as_written(url):
    doc = made_doc()
    assert stored(url, doc) is True
    back = queries.load_document(url, doc.id[:6])
    assert list(back.offsets.positions) == list(doc.offsets.positions)
    for name in ("id", "text", "raw", "meta", "structure", "mentions", "times", "quantities", "events", "judgments"):
        assert getattr(back, name) == getattr(doc, name), name


def test_stored_columns_for_queries(tmp_path):
    url = db_url(tmp_path)
    stored(url, made_doc())
    with db.engine(url).connect() as conn:
        ev = conn.execute(sa.text("SELECT type, date_start, date_end, actors FROM events")).one()
        ents = conn.execute(sa.text("SELECT id, name, name_en, country FROM entities ORDER BY id")).all()
        doc = conn.execute(sa.text("SELECT date_start, date_end, offsets IS NULL, raw_text FROM documents")).one()
    assert ev == ("CONSULT", "2021-03-01", "2021-03-31", '["person/bing","person/ghost"]')  # readable CJK JSON
    # Only the entities the document names, and only those the KB holds (person/ghost is not).
    assert ents == [("person/bing", "丙", None, "AAA"), ("state/AAA", "甲國", "Aland", "AAA"),
                    ("state/BBB", "乙國", None, "BBB")]
    assert doc == ("2021-03-06", "2021-03-06", 0, TEXT + "\n")


def test_sqlite_pragmas_and_schema_version(tmp_path):
    url = db_url(tmp_path)
    with db.engine(url).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.execute(sa.select(schema_version.c.version)).scalar() == SCHEMA_VERSION
    assert (tmp_path / "data" / "east.db").exists()  # the parent folder was created


def test_other_schema_version_is_refused(tmp_path):
    url = db_url(tmp_path)
    with db.engine(url).begin() as conn:
        conn.execute(schema_version.update().values(version=SCHEMA_VERSION + 1))
    db.dispose(url)
    with pytest.raises(StoreError, match=rf"has schema version {SCHEMA_VERSION + 1}, this eastwatch uses"):
        queries.list_documents(url)


def test_reading_a_missing_database_does_not_create_it(tmp_path):
    with pytest.raises(StoreError, match=r"^no database at .*east\.db; `eastwatch ingest FILES` creates it$"):
        queries.list_documents(db_url(tmp_path))
    assert not (tmp_path / "data").exists()


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "east.db").write_bytes(b"not a database, just some words " * 10)
    with pytest.raises(StoreError, match=r"^cannot open database sqlite:///.*east\.db: file is not a database$"):
        queries.list_documents(db_url(tmp_path))


def test_bad_url_is_one_line(tmp_path):
    with pytest.raises(StoreError, match=r"^not a database URL: 'nonsense'"):
        queries.list_documents("nonsense")


# ---- batch ingest -------------------------------------------------------------------------------------------


class FakeProgress:
    def __init__(self):
        self.tasks, self.advanced = [], 0

    def add_task(self, description, total):
        self.tasks.append((description, total))
        return 0

    def advance(self, task):
        self.advanced += 1


def test_ingest_twice_adds_nothing_and_does_not_extract(quick, tmp_path, monkeypatch):
    url, paths = db_url(tmp_path), write_files(tmp_path / "in", FILES)
    bar = FakeProgress()
    first = ingest.ingest(paths, url, KB_TINY, progress=bar)
    assert (first.seen, first.added, first.skipped, first.failures) == (3, 3, 0, [])
    assert bar.tasks == [("ingesting", 3)] and bar.advanced == 3
    assert sorted(first.added_ids) == sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in paths)

    def no_extraction(path, kb):
        raise AssertionError(f"{path} was extracted again")

    monkeypatch.setattr(ingest, "extract", no_extraction)
    second = ingest.ingest(paths, url, KB_TINY)
    assert (second.seen, second.added, second.skipped, second.failures) == (3, 0, 3, [])
    assert second.totals == first.totals and first.totals["documents"] == 3


def test_same_bytes_under_two_names_are_one_document(quick, tmp_path):
    paths = write_files(tmp_path / "in", {"a.txt": FILES["a.txt"], "copy.txt": FILES["a.txt"]})
    report = ingest.ingest(paths, db_url(tmp_path), KB_TINY)
    assert (report.added, report.skipped, report.totals["documents"]) == (1, 1, 1)


def test_failures_are_reported_and_the_batch_goes_on(quick, tmp_path):
    url = db_url(tmp_path)
    a, b = write_files(tmp_path / "in", {"a.txt": FILES["a.txt"], "b.txt": FILES["b.txt"]})
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    from_expand = InputError("gone/*.txt", "missing", "no file matches this pattern")
    items = [a, tmp_path / "in" / "vanished.txt", empty, from_expand, tmp_path / "in", b]
    report = ingest.ingest(items, url, KB_TINY)
    assert [(Path(f.path).name, f.reason) for f in report.failures] == [
        ("vanished.txt", "missing"), ("empty.txt", "empty"), ("*.txt", "missing"), ("in", "not-a-file")]
    assert (report.seen, report.added, report.skipped) == (6, 2, 0)
    assert [d["path"] for d in queries.list_documents(url)] == [str(a), str(b)]


def test_real_pipeline_output_reads_back_unchanged(tmp_path):
    from eastwatch import api

    [path] = write_files(tmp_path / "in", {"n.txt": "（本報訊）日本外相與韓國外長於2023年3月16日在東京會談，"
                                                    "雙方同意恢復安全對話。分析人士認為兩國關係可能進一步改善。\n"})
    kb = api.knowledge()
    report = ingest.ingest([path], db_url(tmp_path), kb)
    assert (report.added, report.failures) == (1, [])
    doc, back = api.extract(path, kb=kb), queries.load_document(db_url(tmp_path), report.added_ids[0])
    for name in ("id", "text", "raw", "meta", "structure", "mentions", "times", "quantities", "events", "judgments"):
        assert getattr(back, name) == getattr(doc, name), name
    assert report.totals["mentions"] == len(doc.mentions) > 0


def test_fact_writing_that_raises_leaves_no_partial_rows(quick, url, tmp_path, monkeypatch):
    paths = write_files(tmp_path / "in", FILES)
    real = ingest.upsert_entities

    def broken(conn, batch):  # runs after the documents row and every fact row were inserted
        if conn.execute(sa.text("SELECT count(*) FROM documents")).scalar() == 2:
            raise RuntimeError("disk on fire")
        real(conn, batch)

    monkeypatch.setattr(ingest, "upsert_entities", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        ingest.ingest(paths, url, KB_TINY)
    # The first document, finished before the error, is kept whole; nothing of the second remains.
    assert queries.totals(db.engine(url)) == {"documents": 1, "mentions": 1, "times": 0, "quantities": 0,
                                              "events": 0, "judgments": 0, "entities": 1}
    assert [d["path"] for d in queries.list_documents(url)] == [str(paths[0])]
    assert [r["path"] for r in queries.search(url, "外長舉行")] == [str(paths[0])]
    assert queries.search(url, "明年舉行") == []  # nor a full-text entry


def test_a_refused_document_is_a_failure_and_the_batch_goes_on(quick, url, tmp_path, monkeypatch):
    paths = write_files(tmp_path / "in", FILES)
    real = ingest.write_facts

    def refuse_b(conn, doc, kb, resolutions=None, known_entities=()):
        real(conn, doc, kb, resolutions, known_entities)
        if doc.path.endswith("a.txt"):  # the first: its entity upsert is rolled back too
            raise DataError("INSERT INTO mentions ...", {}, ValueError("value too long"))
        return set()

    monkeypatch.setattr(ingest, "write_facts", refuse_b)
    report = ingest.ingest(paths, url, KB_TINY)
    assert [(Path(f.path).name, f.reason, f.detail) for f in report.failures] == [
        ("a.txt", "unstorable", "the database refused it (value too long)")]
    assert (report.added, report.totals["documents"], report.totals["entities"]) == (2, 2, 1)
    with db.engine(url).connect() as conn:
        a_id = hashlib.sha256(paths[0].read_bytes()).hexdigest()
        assert conn.execute(sa.select(sa.func.count()).select_from(mentions)
                            .where(mentions.c.doc_id == a_id)).scalar() == 0


def test_facts_rebuild_keeps_document_row_and_resolutions(url):
    doc = made_doc()
    stored(url, doc)
    eng = db.engine(url)
    with eng.begin() as conn:
        conn.execute(judgments.update().values(resolution="came-true", note="checked"))
        row_before = conn.execute(sa.text("SELECT * FROM documents")).one()
    with eng.begin() as conn:
        kept = ingest.delete_facts(conn, doc.id)
        assert queries.count_rows(conn)["mentions"] == 0
        ingest.write_facts(conn, doc, KB_TINY, resolutions=kept)
    with eng.connect() as conn:
        assert conn.execute(sa.text("SELECT * FROM documents")).one() == row_before
        assert conn.execute(sa.select(judgments.c.text, judgments.c.resolution, judgments.c.note)).all() == [
            ("兩國關係可能持續改善", "came-true", "checked")]
    assert queries.load_document(url, doc.id).mentions == doc.mentions


# ---- docs, show, search ------------------------------------------------------------------------------------


@pytest.fixture
def three_docs(url) -> str:
    stored(url, made_doc("ab12" + "0" * 60, date_value="2022-05", title="後", path="b.txt"))
    stored(url, made_doc("ab34" + "0" * 60, date_value=None, title="無日期", path="c.txt"))
    stored(url, plain_doc("cd56" + "0" * 60, "日本與南韓簽署軍事情報保護協定，美國表示歡迎。", "2021-01-02", "前",
                          "a.txt"))
    return url


def test_list_documents_oldest_first_undated_last(three_docs):
    listed = queries.list_documents(three_docs)
    assert [(d["id"][:4], d["date"], d["title"]) for d in listed] == [
        ("cd56", "2021-01-02", "前"), ("ab12", "2022-05", "後"), ("ab34", None, "無日期")]
    assert listed[0] == {"id": "cd56" + "0" * 60, "path": "a.txt", "format": "txt", "date": "2021-01-02",
                         "title": "前", "authors": "", "kind": "other"}
    assert listed[1]["authors"] == "丁一" and listed[1]["kind"] == "report"


def test_get_document_by_unique_prefix(three_docs):
    got = queries.get_document(three_docs, "AB1")
    assert (got["id"][:4], got["title"], got["number"], got["text"]) == ("ab12", "後", "二", TEXT)
    assert got["key_points"] == ["雙方簽署合作備忘錄"] and got["sections"] == ["一、 前言"]
    assert got["counts"] == {"mentions": 4, "times": 2, "quantities": 1, "events": 1, "judgments": 1}


ID_ERRORS = [  # prefix   message
    ("ab", r"^id prefix 'ab' matches 2 documents \(ab1200000000, ab3400000000\); give more characters$"),
    ("ef", r"^no stored document has an id starting 'ef'; `eastwatch docs` lists them$"),
    ("xyz", r"^'xyz' is not a document id: give hex digits as `eastwatch docs` lists them$"),
    ("", r"^'' is not a document id"),
]


@pytest.mark.parametrize("prefix, message", ID_ERRORS)
def test_get_document_errors(three_docs, prefix, message):
    with pytest.raises(StoreError, match=message):
        queries.get_document(three_docs, prefix)


SEARCHES = [  # query          ids found (best first)
    ("軍事情報保護", ["cd56"]),  # a Chinese substring across word boundaries, via the trigram index
    ("簽署", ["ab12", "ab34", "cd56"]),  # two characters: below the trigram size, found by LIKE
    ("合作備忘錄", ["ab12", "ab34"]),
    ("兩國關係", ["ab12", "ab34"]),
    ("情報保護協議", []),  # must not: near miss
    ("100%", []),  # LIKE wildcards are escaped
]


@pytest.mark.parametrize("query, found", SEARCHES)
def test_search(three_docs, query, found):
    assert sorted(r["id"][:4] for r in queries.search(three_docs, query)) == found


def test_deleting_a_document_deletes_its_facts_and_index_entry(three_docs):
    with db.engine(three_docs).begin() as conn:
        conn.execute(sa.text("DELETE FROM documents WHERE id LIKE 'ab12%'"))
        assert queries.count_rows(conn)["mentions"] == 4  # the other report's; ab12's went with it
    assert [r["id"][:4] for r in queries.search(three_docs, "合作備忘錄")] == ["ab34"]


def test_search_gives_a_snippet(three_docs):
    with db.engine(three_docs).connect() as conn:
        assert db.has_fts(conn) == (conn.dialect.name == "sqlite")  # elsewhere LIKE does it
    [hit] = queries.search(three_docs, "保護協定")
    assert hit["snippet"] == "日本與南韓簽署軍事情報保護協定，美國表示歡迎。"


def test_parallel_ingest_stores_what_one_process_stores(tmp_path):
    """Extraction in worker processes gives the same rows, in the same order, as one process."""
    src = tmp_path / "in"
    paths = write_files(src, {f"{i:02d}.txt": f"第{i}號報告：甲國與乙國外長{i}日會晤，雙方同意加強合作。\n"
                              for i in range(1, ingest.PARALLEL_MIN + 4)})
    items = [*paths, paths[0], InputError("gone.txt", "missing", "no such file or folder")]
    reports, contents = [], []
    for workers in (1, 2):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        reports.append(ingest.ingest(items, url, KB_TINY, workers=workers))
        with db.engine(url).connect() as conn:
            contents.append([tuple(r) for r in conn.execute(sa.select(mentions.c.doc_id, mentions.c.n,
                                                                    mentions.c.text, mentions.c.entity_id)
                                                          .order_by(mentions.c.doc_id, mentions.c.n))])
    one, two = reports
    assert (two.added, two.skipped, [f.reason for f in two.failures]) == (len(paths), 1, ["missing"])
    assert (one.added, one.skipped, one.totals) == (two.added, two.skipped, two.totals)
    assert one.added_ids == two.added_ids and contents[0] == contents[1] and contents[0]
    hits = [[h["id"] for h in queries.search(f"sqlite:///{tmp_path / f'w{w}.db'}", "第3號報告")] for w in (1, 2)]
    assert hits[0] == hits[1] and len(hits[1]) == 1  # the full-text index is filled in both


def test_an_input_error_survives_pickling():
    import pickle

    err = InputError("a.pdf", "truncated-pdf", "truncated PDF", hint="re-save it")
    back = pickle.loads(pickle.dumps(err))
    assert (back.path, back.reason, back.detail, back.hint, str(back)) == (
        "a.pdf", "truncated-pdf", "truncated PDF", "re-save it", str(err))
