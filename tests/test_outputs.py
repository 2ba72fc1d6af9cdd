"""Outputs (issue 6, parts 6–8): the forecast registry and calibration, the brief, the exports.

A small corpus built by hand (three documents, written through the store) gives exact facts to assert;
the demo corpus, ingested once per module, checks the same commands end to end.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from eastwatch import api
from eastwatch.analyse import forecasts
from eastwatch.analyse.forecasts import LIKELIHOOD_PROBABILITY, brier_score, calibrate
from eastwatch.errors import EastwatchError, StoreError
from eastwatch.kb import KB
from eastwatch.model import (
    Author,
    DocDate,
    Document,
    Entity,
    Event,
    Judgment,
    Meta,
    OffsetMap,
    Span,
    Structure,
    TextItem,
)
from eastwatch.present import briefing, exports
from eastwatch.present.commands_outputs import register
from eastwatch.present.exports import csv as csv_export
from eastwatch.present.exports import plover, timelinejs
from eastwatch.present.exports.layouts import ENTITY_COLUMNS, EVENT_COLUMNS, JUDGMENT_COLUMNS
from eastwatch.store import db, ingest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None

A, B, C = "a" * 64, "b" * 64, "c" * 64

# ---- a corpus made by hand --------------------------------------------------------------------------------

TEXT_A = ("中日關係近況\n"
          "北京與東京的互動短期內很可能維持冷淡。\n"
          "（一）前言\n"
          "2023年11月16日，中國國家主席與日本首相在舊金山舉行會談。雙方同意推動互惠關係。\n"
          "（二）展望\n"
          "日本強烈抗議中國禁止進口日本水產品。日本政府恐怕難以在短期內讓步。兩國關係明年可能出現轉機。\n")
TEXT_B = ("中日領導人16日在舊金山會面。\n"
          "兩國能否重建互信仍有待觀察。\n"
          "北韓恐將在年底前再度發射偵察衛星。\n")
TEXT_C = ("日韓關係展望\n"
          "2020年5月，中國宣布暫停自日本進口部分農產品。\n"
          "日韓關係不太可能在年內改善。\n")


def at(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def sentences(text: str, paragraphs: list[Span]) -> list[Span]:
    out = []
    for para in paragraphs:
        start = para.start
        for m in re.finditer("。", text[para.start : para.end]):
            out.append(Span(start, para.start + m.end()))
            start = para.start + m.end()
    return out


def event(text: str, kind: str, quad: int, score: float, day: str, src: tuple[str, ...], tgt: tuple[str, ...],
          trigger: str, sentence: str, mode: str | None = None) -> Event:
    return Event(kind, mode, None, quad, score, day, tuple(f"state/{c}" for c in src), tuple(f"state/{c}" for c in tgt),
                 src, tgt, at(text, trigger), at(text, sentence), mentions=(at(text, trigger),))


def judgment(text: str, part: str, likelihood: str | None, subjects: tuple[str, ...], key_point: bool = False,
             forecast: bool = True) -> Judgment:
    return Judgment(at(text, part), part, likelihood, forecast, None, subjects, key_point)


def made(doc_id: str, text: str, day: str, kind: str, author: str, paragraphs: list[str],
         meta: Meta, key_points: tuple[str, ...] = ()) -> Document:
    paras = [at(text, p) for p in paragraphs]
    st = Structure(kind=kind, title=text.split("\n")[0], authors=[Author(author)],
                   key_points=[TextItem(k, at(text, k)) for k in key_points], paragraphs=paras,
                   sentences=sentences(text, paras), date=DocDate(day, "metadata"))
    return Document(doc_id, text, OffsetMap.identity(len(text)), meta, text, st)


def doc_a() -> Document:
    t = TEXT_A
    doc = made(A, t, "2023-11-20", "report", "王大同",
               ["2023年11月16日，中國國家主席與日本首相在舊金山舉行會談。雙方同意推動互惠關係。",
                "日本強烈抗議中國禁止進口日本水產品。日本政府恐怕難以在短期內讓步。兩國關係明年可能出現轉機。"],
               Meta("notes/a.txt", "txt"), key_points=("北京與東京的互動短期內很可能維持冷淡。",))
    doc.events = [
        event(t, "CONSULT", 1, 1.0, "2023-11-16", ("CHN",), ("JPN",), "會談",
              "2023年11月16日，中國國家主席與日本首相在舊金山舉行會談。", "meet"),
        event(t, "AGREE", 1, 4.0, "2023-11-16", ("CHN", "JPN"), (), "同意", "雙方同意推動互惠關係。"),
        event(t, "ACCUSE", 3, -2.0, "2023-11-18", ("JPN",), ("CHN",), "抗議", "日本強烈抗議中國禁止進口日本水產品。"),
    ]
    doc.judgments = [
        judgment(t, "北京與東京的互動短期內很可能維持冷淡", "very likely", ("CHN", "JPN"), key_point=True),
        judgment(t, "兩國關係明年可能出現轉機", "roughly even chance", ("CHN", "JPN")),
        judgment(t, "日本政府恐怕難以在短期內讓步", "unlikely", ("JPN",)),
    ]
    return doc


def doc_b() -> Document:
    t = TEXT_B
    doc = made(B, t, "2023-11-17", "news", "李小華", t.strip().split("\n"),
               Meta("news/b.html", "html", site="東亞日報", url="https://www.news.example.org/b"))
    doc.events = [event(t, "CONSULT", 1, 1.0, "2023-11-16", ("CHN",), ("JPN",), "會面", "中日領導人16日在舊金山會面。")]
    doc.judgments = [judgment(t, "兩國能否重建互信仍有待觀察", "uncertain", ("CHN", "JPN")),
                     judgment(t, "北韓恐將在年底前再度發射偵察衛星", "likely", ("PRK",))]
    return doc


def doc_c() -> Document:
    t = TEXT_C
    doc = made(C, t, "2020-05-10", "report", "王大同", t.strip().split("\n")[1:], Meta("notes/c.txt", "txt"))
    doc.events = [event(t, "SANCTION", 4, -8.0, "2020-05", ("CHN",), ("JPN",), "暫停",
                        "2020年5月，中國宣布暫停自日本進口部分農產品。", "restrict")]
    doc.judgments = [judgment(t, "日韓關係不太可能在年內改善", "unlikely", ("JPN", "KOR"))]
    return doc


@pytest.fixture(scope="module")
def kb() -> KB:
    return api.knowledge()


@pytest.fixture
def url(tmp_path, kb) -> str:
    """A database holding the three hand-made documents."""
    found = f"sqlite:///{tmp_path / 'made.db'}"
    with ingest.Writer(db.engine(found), kb) as writer:
        assert all(writer.store(doc) for doc in (doc_a(), doc_b(), doc_c()))
    yield found
    db.dispose(found)


def cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def run(*args: str) -> object:
    return CliRunner().invoke(cli(), list(args))


# ---- the registry -------------------------------------------------------------------------------------------


def test_judgment_ids_and_records(url):
    recs = forecasts.list_judgments(url)
    # Oldest document first, then by place in the document.
    assert [(r.id, r.likelihood, r.probability, r.author, r.outlet) for r in recs] == [
        ("cccccccccccc:0", "unlikely", 0.325, "王大同", "(report)"),
        ("bbbbbbbbbbbb:0", "uncertain", None, "李小華", "東亞日報"),
        ("bbbbbbbbbbbb:1", "likely", 0.675, "李小華", "東亞日報"),
        ("aaaaaaaaaaaa:0", "very likely", 0.875, "王大同", "(report)"),
        ("aaaaaaaaaaaa:1", "roughly even chance", 0.5, "王大同", "(report)"),
        ("aaaaaaaaaaaa:2", "unlikely", 0.325, "王大同", "(report)"),
    ]
    recent = forecasts.list_judgments(url, since=datetime(2023, 1, 1).date())
    assert [r.id for r in recent][:1] == ["bbbbbbbbbbbb:0"]


def test_midpoints_of_the_icd203_ranges():
    assert LIKELIHOOD_PROBABILITY == {"almost no chance": 0.03, "very unlikely": 0.125, "unlikely": 0.325,
                                      "roughly even chance": 0.5, "likely": 0.675, "very likely": 0.875,
                                      "almost certain": 0.97}
    assert forecasts.probability("uncertain") is None
    assert forecasts.probability(None) is None


def test_a_resolved_forecast_changes_the_brier_score_as_computed_by_hand(url):
    assert forecasts.calibration(url).brier is None
    forecasts.resolve(url, "aaaaaaaaaaaa:0", "yes")  # very likely (0.875), came true
    assert forecasts.calibration(url).brier == (0.875 - 1) ** 2 == 0.015625
    forecasts.resolve(url, "aaaaaaaaaaaa:1", "no")  # roughly even chance (0.5), did not
    assert forecasts.calibration(url).brier == (0.015625 + 0.25) / 2
    forecasts.resolve(url, "cccccccccccc:0", "yes", note="they did not improve")  # unlikely (0.325), came true
    cal = forecasts.calibration(url)
    assert cal.brier == pytest.approx((0.015625 + 0.25 + 0.675**2) / 3, abs=1e-12)
    assert (cal.scored, cal.unscored, cal.unresolved_forecasts) == (3, 0, 3)
    rows = {row.term: (row.resolved, row.came_true, row.observed, row.brier) for row in cal.table}
    assert rows["unlikely"] == (1, 1, 1.0, 0.675**2)
    assert rows["very likely"] == (1, 1, 1.0, 0.015625)
    assert rows["likely"] == (0, 0, None, None)


def test_uncertain_is_counted_apart_and_resolving_again_overwrites(url):
    forecasts.resolve(url, "bbbbbbbbbbbb:0", "yes")  # uncertain: no probability to score
    forecasts.resolve(url, "bbbbbbbbbbbb:1", "yes")
    forecasts.resolve(url, "bbbbbbbbbbbb:1", "no", note="no launch")
    cal = forecasts.calibration(url)
    assert (cal.brier, cal.scored, cal.unscored) == (0.675**2, 1, 1)
    rec = forecasts.get_judgment(url, "bbbbbbbbbbbb:1")
    assert (rec.resolution, rec.note, rec.resolved_at is not None) == ("no", "no launch", True)


def test_calibration_per_author_and_outlet(url):
    for jid, outcome in (("aaaaaaaaaaaa:0", "yes"), ("cccccccccccc:0", "no"), ("bbbbbbbbbbbb:1", "yes")):
        forecasts.resolve(url, jid, outcome)
    by_author = forecasts.calibration(url, by="author").groups
    assert [(g.name, g.scored, g.came_true, g.brier) for g in by_author] == [
        ("王大同", 2, 1, pytest.approx((0.015625 + 0.325**2) / 2)), ("李小華", 1, 1, pytest.approx(0.325**2))]
    by_outlet = forecasts.calibration(url, by="outlet").groups
    assert [g.name for g in by_outlet] == ["(report)", "東亞日報"]


RECORD = forecasts.JudgmentRecord  # a pure calibration needs no database


def rec(likelihood: str | None, resolution: str | None, forecast: bool = True) -> forecasts.JudgmentRecord:
    return RECORD("x:0", "x", 0, "", likelihood, forecast, None, (), False, None, resolution, None, None, None,
                  "(report)", None, "", 0, 1)


@pytest.mark.parametrize("records, brier, scored, unscored", [
    ([], None, 0, 0),
    ([rec("likely", "yes")], 0.325**2, 1, 0),
    ([rec("likely", "yes"), rec("almost certain", "no")], (0.325**2 + 0.97**2) / 2, 2, 0),
    ([rec("likely", None), rec(None, "yes"), rec("uncertain", "no")], None, 0, 2),  # open, no likelihood, uncertain
])
def test_calibrate_by_hand(records, brier, scored, unscored):
    cal = calibrate(records)
    assert (cal.brier, cal.scored, cal.unscored) == (pytest.approx(brier) if brier else brier, scored, unscored)


def test_brier_score():
    assert brier_score([]) is None
    assert brier_score([(1.0, 1), (0.0, 0)]) == 0.0
    assert brier_score([(0.5, 1), (0.5, 0)]) == 0.25


@pytest.mark.parametrize("jid, message", [
    ("zzz", "'zzz' is not a judgment id; give it as `eastwatch judgments` lists it (e.g. 3fa9c2b1d0e4:7)"),
    ("dddd:0", "no stored document has an id starting 'dddd'; `eastwatch docs` lists them"),
    ("aaaaaaaaaaaa:9", "document aaaaaaaaaaaa has no judgment 9; `eastwatch judgments` lists them"),
])
def test_resolve_errors(url, jid, message):
    with pytest.raises(StoreError) as caught:
        forecasts.resolve(url, jid, "yes")
    assert str(caught.value) == message


def test_cli_registry_round_trip(url):
    listed = run("judgments", "--forecasts", "--db", url)
    assert listed.exit_code == 0
    assert "aaaaaaaaaaaa:0" in listed.stdout and "6 judgments, 6 forecasts, 0 resolved" in listed.stdout
    done = run("resolve", "aaaaaaaaaaaa:0", "--outcome", "yes", "--note", "still cold", "--db", url)
    assert done.stdout.startswith("resolved aaaaaaaaaaaa:0 as yes: 北京與東京")
    cal = run("calibration", "--by", "author", "--db", url)
    assert cal.stdout.startswith("Brier score 0.0156 over 1 resolved judgments with a likelihood; 0 resolved "
                                 "without one (uncertain or none) not scored; 5 forecasts open")
    assert "王大同" in cal.stdout
    opened = run("judgments", "--open", "--format", "csv", "--db", url)
    rows = list(csv.DictReader(opened.stdout.splitlines()))
    assert [r["Judgment ID"] for r in rows] == ["cccccccccccc:0", "bbbbbbbbbbbb:0", "bbbbbbbbbbbb:1",
                                                "aaaaaaaaaaaa:1", "aaaaaaaaaaaa:2"]
    as_json = json.loads(run("calibration", "--format", "json", "--db", url).stdout)
    assert (as_json["brier"], as_json["scored"]) == (0.015625, 1)


@pytest.mark.parametrize("args, code, line", [
    (["resolve", "aaaaaaaaaaaa:0", "--outcome", "maybe"], 2, "eastwatch: --outcome 'maybe': use yes, no"),
    (["resolve", "zz:0", "--outcome", "yes"], 1,
     "eastwatch: 'zz:0' is not a judgment id; give it as `eastwatch judgments` lists it (e.g. 3fa9c2b1d0e4:7)"),
    (["calibration", "--by", "country"], 2, "eastwatch: --by 'country': use author, outlet"),
    (["judgments", "--format", "xml"], 2, "eastwatch: --format 'xml': use table, csv, json"),
    (["judgments", "--since", "May"], 1, "eastwatch: --since 'May' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_cli_errors_are_one_line(url, args, code, line):
    result = run(*args, "--db", url)
    assert (result.exit_code, result.stderr.strip()) == (code, line)


def test_judgments_of_a_file_have_the_ids_ingest_gives(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("筆者認為，兩國關係明年很可能持續改善。\n", encoding="utf-8")
    result = run("judgments", str(path))
    prefix = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert result.exit_code == 0
    assert f"{prefix}:0" in result.stdout and "0.875" in result.stdout  # very likely


def test_judgments_of_a_missing_file_is_one_line(tmp_path):
    result = run("judgments", str(tmp_path / "none.txt"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"eastwatch: {tmp_path / 'none.txt'}: ") and result.stderr.count("\n") == 1


# ---- the brief ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, pair", [("CHN-JPN", ("CHN", "JPN")), ("usa prk", ("USA", "PRK")),
                                        ("KOR,JPN", ("KOR", "JPN"))])
def test_parse_pair(kb, text, pair):
    assert briefing.parse_pair(text, kb) == pair


@pytest.mark.parametrize("text, message", [
    ("CHN", "--dyad 'CHN': give two different ISO3 state codes, e.g. CHN-JPN"),
    ("CHN-CHN", "--dyad 'CHN-CHN': give two different ISO3 state codes, e.g. CHN-JPN"),
    ("CHN-XYZ",
     "--dyad 'CHN-XYZ': XYZ is not a state in the knowledge base; `eastwatch kb search NAME` finds its code"),
])
def test_parse_pair_errors(kb, text, message):
    with pytest.raises(briefing.BriefError) as caught:
        briefing.parse_pair(text, kb)
    assert str(caught.value) == message


def test_titles(kb):
    assert briefing.title(("CHN", "JPN"), kb) == "近期中日關係觀察"
    assert briefing.title(("USA", "PRK"), kb) == "近期美朝關係觀察"
    tiny = KB(entities={"state/AAA": Entity("state/AAA", "state", {"zh-Hant": ("甲國",)}, country="AAA"),
                        "state/BBB": Entity("state/BBB", "state", {"zh-Hant": ("乙國",)}, country="BBB")})
    assert briefing.title(("AAA", "BBB"), tiny) == "近期甲國與乙國關係觀察"  # no one-character forms


@pytest.mark.parametrize("ids, labels", [
    (["abcdef01", "123456ff"], ["abcdef", "123456"]),
    (["abcdef01", "abcdef02", "99999999"], ["abcdef01", "abcdef02", "99999999"]),  # grown until they differ
    (["abcdef71", "abcdef82"], ["abcdef7", "abcdef8"]),
])
def test_labels_grow_until_unique(ids, labels):
    assert list(briefing._labels(ids).values()) == labels


def flat(b: briefing.Brief) -> list[tuple[str, str, str | None]]:
    return [(c.text, c.doc_id[:1], c.where) for c in b.key_points]


def test_brief_from_the_made_corpus(url, kb):
    b = briefing.brief(url, ("CHN", "JPN"), kb, since="2023", until="2023")
    assert b.title == "近期中日關係觀察"
    # Judgments about both states: the source's key point first, then the graded forecast, then "uncertain".
    assert flat(b) == [("北京與東京的互動短期內很可能維持冷淡。", "a", "重點"),
                       ("兩國關係明年可能出現轉機。", "a", "第2段"),
                       ("兩國能否重建互信仍有待觀察。", "b", "第2段")]
    assert [(h, [(c.text, c.doc_id[:1], c.where) for c in items]) for h, items in b.sections] == [
        ("（一）合作與交流", [("中日領導人16日在舊金山會面。", "b", "第1段"),  # two documents report it: the oldest
                         ("雙方同意推動互惠關係。", "a", "第1段")]),
        ("（二）分歧與摩擦", [("日本強烈抗議中國禁止進口日本水產品。", "a", "第2段")]),
        ("（三）研判與展望", [("日本政府恐怕難以在短期內讓步。", "a", "第2段")]),  # Japan alone, in a chapter on both
    ]
    assert [c.date for c in b.timeline] == ["2023-11-16", "2023-11-16", "2023-11-18"]  # 2020 is outside
    assert [(r.label, r.title, r.author, r.date, r.path) for r in b.references] == [
        ("aaaaaa", "中日關係近況", "王大同", "2023-11-20", "notes/a.txt"),
        ("bbbbbb", "中日領導人16日在舊金山會面。", "李小華", "2023-11-17", "news/b.html")]


def test_every_sentence_of_the_brief_is_in_its_source(url, kb):
    b = briefing.brief(url, ("JPN", "CHN"), kb)
    texts = {A: TEXT_A, B: TEXT_B, C: TEXT_C}
    cited = b.key_points + [c for _, items in b.sections for c in items] + b.timeline
    assert cited and all(c.text in texts[c.doc_id].replace("\n", "") for c in cited)
    assert any(c.doc_id == C for c in b.timeline)  # no period: 2020 too


def test_brief_renders_deterministically(url, kb):
    md = briefing.render(briefing.brief(url, ("CHN", "JPN"), kb, "2023", "2023"), "md")
    assert md == briefing.render(briefing.brief(url, ("CHN", "JPN"), kb, "2023", "2023"), "md")
    assert md.startswith("# 近期中日關係觀察\n\neastwatch 摘編｜2023-01-01 至 2023-12-31｜2 份文件\n\n"
                         "- 北京與東京的互動短期內很可能維持冷淡。〔文件 aaaaaa · 重點〕\n")
    assert "## （二）分歧與摩擦\n\n日本強烈抗議中國禁止進口日本水產品。〔文件 aaaaaa · 第2段〕\n" in md
    assert "- **2023-11-18**　日本強烈抗議中國禁止進口日本水產品。〔文件 aaaaaa · 第2段〕\n" in md
    assert "2. 〔文件 bbbbbb〕中日領導人16日在舊金山會面。｜李小華｜2023-11-17｜`news/b.html`\n" in md
    page = briefing.render(briefing.brief(url, ("CHN", "JPN"), kb, "2023", "2023"), "html")
    assert "<h2>（一）合作與交流</h2>" in page and "<cite>〔文件 bbbbbb · 第1段〕</cite>" in page


def test_brief_with_nothing_stored_is_one_line(url, kb):
    with pytest.raises(briefing.BriefError) as caught:
        briefing.brief(url, ("KOR", "RUS"), kb)
    assert str(caught.value) == ("nothing stored about KOR and RUS between the start and now; ingest documents "
                                 "about them or widen --since/--until")


def test_cli_brief_writes_a_file(url, tmp_path):
    out = tmp_path / "brief.html"
    result = run("brief", "--dyad", "CHN-JPN", "--since", "2023", "--format", "html", "--out", str(out), "--db", url)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: 近期中日關係觀察, 3 key points, 3 sections, 3 timeline entries")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = run("brief", "--dyad", "CHN-JPN", "--format", "pdf", "--db", url)
    assert (bad.exit_code, bad.stderr.strip()) == (2, "eastwatch: --format 'pdf': use md, html")


# ---- exports ------------------------------------------------------------------------------------------------


def test_csv_export_reads_back_with_the_same_rows(url, tmp_path):
    report = exports.export(url, "csv", "events", tmp_path)
    assert (report.rows, report.path) == (5, tmp_path / "events.csv")
    with report.path.open(encoding="utf-8", newline="") as f:
        back = list(csv.DictReader(f))
    table = exports.load(url, "events").table
    assert back == [{c: csv_export.cell(row[c]) for c in EVENT_COLUMNS} for row in table.rows]
    first = back[0]  # the oldest: the 2020 sanction
    assert {k: first[k] for k in ("Event ID", "Event Date", "Source Name", "Source Country", "Event Text", "Intensity",
                                  "Target Name", "Target Country", "Sentence Number", "Quad Class", "Date Value")} == {
        "Event ID": "cccccccccccc:0", "Event Date": "2020-05-01", "Source Name": "China", "Source Country": "CHN",
        "Event Text": "SANCTION: restrict", "Intensity": "-8.0", "Target Name": "Japan", "Target Country": "JPN",
        "Sentence Number": "1", "Quad Class": "4", "Date Value": "2020-05"}
    merged = [r for r in back if r["PLOVER Type"] == "CONSULT"]
    assert [(r["Event ID"], r["Num Sources"], r["Publisher"]) for r in merged] == [
        ("bbbbbbbbbbbb:0", "2", "東亞日報"), ("aaaaaaaaaaaa:0", "2", "")]  # same day: by path
    assert len({r["Corpus Event ID"] for r in merged}) == 1  # one real event, two reports


def test_export_period_and_other_kinds(url, tmp_path):
    since = datetime(2023, 1, 1, tzinfo=UTC).date()
    assert exports.export(url, "csv", "events", tmp_path / "recent.csv", since=since).rows == 4
    ents = exports.export(url, "csv", "entities", tmp_path)
    with ents.path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(ENTITY_COLUMNS)
    assert {r["Entity ID"] for r in rows} == {"state/CHN", "state/JPN"}
    report = exports.export(url, "jsonl", "judgments", tmp_path / "j.jsonl")
    back = [json.loads(line) for line in report.path.read_text(encoding="utf-8").splitlines()]
    assert [list(r) for r in back] == [list(JUDGMENT_COLUMNS)] * 6
    assert back[0]["Subjects"] == ["JPN", "KOR"] and back[0]["Probability"] == 0.325


def test_plover_records_have_the_spec_fields(url, tmp_path):
    report = exports.export(url, "plover", "events", tmp_path)
    assert report.path == tmp_path / "events.plover.jsonl"
    recs = [json.loads(line) for line in report.path.read_text(encoding="utf-8").splitlines()]
    for rec in recs:
        assert set(plover.REQUIRED) | {"recipient", "mode", "context", "text"} <= set(rec)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["date"])
    sanction = recs[0]
    assert (sanction["id"], sanction["date"], sanction["enddate"], sanction["event"], sanction["mode"]) == (
        "cccccccccccc:0", "2020-05-01", "2020-05-31", ["SANCTION"], ["restrict"])
    assert [a["code"] for a in sanction["source"]] == ["CHN"] and sanction["source"][0]["identifier_id"] == "Q148"
    assert [a["code"] for a in sanction["recipient"]] == ["JPN"]
    assert sanction["text"] == "2020年5月，中國宣布暫停自日本進口部分農產品。"
    assert sanction["text_info"] == {"sequence": 1, "start": 7, "end": 32}
    agree = next(r for r in recs if r["event"] == ["AGREE"])
    assert [a["code"] for a in agree["source"]] == ["CHN", "JPN"] and agree["recipient"] == []


def valid_timeline(data: dict) -> None:
    """The structure TimelineJS 3 reads: events of slides, each with a start_date holding an integer year."""
    assert isinstance(data["events"], list)
    ids = [slide["unique_id"] for slide in data["events"]]
    assert len(ids) == len(set(ids))
    for slide in data["events"]:
        for key in ("start_date", "end_date"):
            if key in slide:
                day = slide[key]
                assert set(day) <= {"year", "month", "day"} and isinstance(day["year"], int)
                assert 1 <= day.get("month", 1) <= 12 and 1 <= day.get("day", 1) <= 31
        assert isinstance(slide["text"]["headline"], str) and isinstance(slide["text"]["text"], str)


def test_timelinejs_is_structurally_valid(url, tmp_path):
    report = exports.export(url, "timelinejs", "events", tmp_path / "t.json")
    data = json.loads(report.path.read_text(encoding="utf-8"))
    valid_timeline(data)
    assert data["events"][0]["start_date"] == {"year": 2020, "month": 5}  # as precise as the text
    assert data["events"][1]["start_date"] == {"year": 2023, "month": 11, "day": 16}
    assert data["events"][0]["text"]["headline"] == "中國 → 日本：SANCTION"


@pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow is not installed")
def test_parquet_round_trips(url, tmp_path):
    import pyarrow.parquet as pq

    for what in exports.KINDS:
        report = exports.export(url, "parquet", what, tmp_path)
        assert pq.read_table(report.path).to_pylist() == exports.load(url, what).table.rows


def test_parquet_without_pyarrow_is_one_line(url, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    result = run("export", "--format", "parquet", "--out", str(tmp_path), "--db", url)
    assert (result.exit_code, result.stderr.strip()) == (
        1, "eastwatch: parquet export needs pyarrow; install it with: pip install 'eastwatch[parquet]' "
           "(or pip install pyarrow)")
    assert not (tmp_path / "events.parquet").exists()


@pytest.mark.parametrize("args, code, line", [
    (["--format", "plover", "--what", "judgments"], 1,
     "eastwatch: plover exports events only, not judgments; use csv, jsonl or parquet"),
    (["--format", "parquet"], 1, "eastwatch: parquet is a binary format; give a file or folder with --out"),
    (["--format", "xlsx"], 2, "eastwatch: --format 'xlsx': use csv, jsonl, parquet, plover, timelinejs"),
    (["--format", "csv", "--what", "mentions"], 2, "eastwatch: --what 'mentions': use events, entities, judgments"),
])
def test_export_errors_are_one_line(url, args, code, line):
    result = run("export", *args, "--db", url)
    assert (result.exit_code, result.stderr.strip()) == (code, line)


def test_cli_export_to_stdout_and_file(url, tmp_path):
    result = run("export", "--format", "csv", "--what", "judgments", "--db", url)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(JUDGMENT_COLUMNS)
    assert result.stderr.strip() == "exported 6 judgments to standard output (csv)"
    written = run("export", "--format", "jsonl", "--out", str(tmp_path / "x" / "ev.jsonl"), "--db", url)
    assert written.stdout.strip() == f"exported 5 events to {tmp_path / 'x' / 'ev.jsonl'} (jsonl)"


# ---- the demo corpus, end to end ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    if not DEMO.exists():
        pytest.skip("demo corpus absent")
    found = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    report = api.ingest([DEMO], db=found)
    assert not report.failures
    yield found
    db.dispose(found)


def test_demo_exports(demo, tmp_path):
    stored = api.ingest([DEMO], db=demo).totals
    report = exports.export(demo, "csv", "events", tmp_path)
    with report.path.open(encoding="utf-8", newline="") as f:
        back = list(csv.DictReader(f))
    assert len(back) == report.rows == stored["events"]
    table = exports.load(demo, "events").table
    assert back == [{c: csv_export.cell(row[c]) for c in EVENT_COLUMNS} for row in table.rows]
    recs = [plover.record(ev, {}) for ev in exports.load(demo, "events").events]
    assert all(set(plover.REQUIRED) <= set(r) for r in recs) and len({r["id"] for r in recs}) == len(recs)
    valid_timeline(timelinejs.timeline(exports.load(demo, "events")))
    assert exports.export(demo, "jsonl", "judgments", tmp_path).rows == stored["judgments"]


def test_demo_brief_cites_stored_sentences(demo, kb):
    b = briefing.brief(demo, ("CHN", "JPN"), kb)
    assert b.title == "近期中日關係觀察"
    assert briefing.KEY_POINTS_MIN <= len(b.key_points) <= briefing.KEY_POINTS_MAX and b.sections and b.timeline
    from eastwatch.store import queries

    texts = {d: queries.load_document(demo, d).text.replace("\n", "") for d in {r.doc_id for r in b.references}}
    for c in b.key_points + [c for _, items in b.sections for c in items] + b.timeline:
        assert c.text in texts[c.doc_id]
    assert [h[:3] for h, _ in b.sections] == [f"（{n}）" for n in "一二三"[: len(b.sections)]]


def test_demo_registry(demo):
    recs = forecasts.list_judgments(demo, forecasts=True)
    assert recs and all(re.fullmatch(r"[0-9a-f]{12}:\d+", r.id) for r in recs)
    before = forecasts.calibration(demo)
    target = next(r for r in recs if r.probability is not None and r.resolution is None)
    forecasts.resolve(demo, target.id, "no")
    after = forecasts.calibration(demo)
    assert after.scored == before.scored + 1
    if before.brier is None:
        assert after.brier == target.probability**2


def test_store_errors_are_eastwatch_errors(tmp_path):
    with pytest.raises(EastwatchError):
        forecasts.list_judgments(f"sqlite:///{tmp_path / 'none.db'}")
