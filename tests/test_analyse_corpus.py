"""Corpus analysis: cross-document events, event queries, timeline, entity profile, search, dyads, graph,
plots, reprocess, and their commands.

Mechanism tests use a made-up world (甲國 AAA, 乙國 BBB, 丙國 CCC, 丁 a person of 甲國) with events built by
hand, so the expected numbers below are counted by hand. Demo-corpus tests ingest /work/main/demo/corpus
once per module and check the commands against counts read straight from the store's tables.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
import sqlalchemy as sa
import typer
from PIL import Image
from typer.testing import CliRunner

from eastwatch import api
from eastwatch.analyse import corpus
from eastwatch.analyse.cluster import MAX_MERGE_DAYS, Report, cluster, summary
from eastwatch.analyse.dyads import DyadRow, direction, dyad
from eastwatch.analyse.entities import profile
from eastwatch.analyse.events import CorpusEvent, EventFilter, corpus_events
from eastwatch.analyse.network import build, dumps, graph, pairs
from eastwatch.analyse.plots import plot
from eastwatch.analyse.reprocess import reprocess
from eastwatch.analyse.resolve import QueryError
from eastwatch.analyse.search import search
from eastwatch.analyse.tables import corpus_event_sources
from eastwatch.analyse.timeline import timeline
from eastwatch.kb import KB
from eastwatch.model import DocDate, Document, Entity, Event, Meta, OffsetMap, Span, Structure
from eastwatch.present.commands_corpus import register
from eastwatch.store import db, ingest
from eastwatch.store.tables import documents, judgments, mentions
from eastwatch.store.tables import events as events_table

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

KB_TINY = KB(entities={
    "state/AAA": Entity("state/AAA", "state", {"zh-Hant": ("甲國",), "en": ("Aland",)}, country="AAA"),
    "state/BBB": Entity("state/BBB", "state", {"zh-Hant": ("乙國",), "en": ("Bland",)}, country="BBB"),
    "state/CCC": Entity("state/CCC", "state", {"zh-Hant": ("丙國",)}, country="CCC"),
    "person/ding": Entity("person/ding", "person", {"zh-Hant": ("丁",)}, country="AAA"),
})


# ---- the made-up world ------------------------------------------------------------------------------------

def report(doc: str, n: int, start: str | None, end: str | None = None, kind: str = "CONSULT",
           sources: tuple[str, ...] = ("AAA",), targets: tuple[str, ...] = ("BBB",), state: str = "happened",
           value: str | None = None) -> Report:
    first = date.fromisoformat(start) if start else None
    last = date.fromisoformat(end or start) if start else None
    return Report(doc, n, kind, state, frozenset(sources + targets), first, last, value or start,
                  quad=1, score=1.0, sources=sources, targets=targets)


# One line, one event: (sentence, type, quad, score, date, sources, targets, actors, flags)
WORLD = {
    "d1": ("2021-03-10", [
        ("甲國與乙國舉行會談。", "CONSULT", 1, 1.0, "2021-03-05", ("AAA",), ("BBB",), (), {}),
        ("甲國在邊境集結部隊。", "MOBILIZE", 4, -7.2, "2021-03-20", ("AAA",), ("BBB",), (), {}),
        ("乙國同意甲國的提議。", "AGREE", 1, 4.0, "2021-04-02", ("BBB",), ("AAA",), (), {}),
        ("甲國將派員訪問乙國。", "CONSULT", 1, 1.0, "2021-05-01", ("AAA",), ("BBB",), (), {"planned": True}),
    ]),
    "d2": ("2021-03-12", [
        ("本月甲國與乙國會談。", "CONSULT", 1, 1.0, "2021-03", ("AAA",), ("BBB",), (), {}),
        ("甲國宣布制裁乙國。", "SANCTION", 4, -8.0, "2021-06-15", ("AAA",), ("BBB",), (), {}),
        ("兩國舉行磋商。", "CONSULT", 1, 1.0, "2021-04-20", (), ("AAA", "BBB"), (), {}),
        ("甲國援助丙國。", "COOPERATE", 2, 6.0, "2021-03-15", ("AAA",), ("CCC",), (), {}),
    ]),
    "d3": ("2021-07-01", [
        ("甲乙兩國拒絕丙國要求。", "REJECT", 3, -4.0, "2021-06-25", ("AAA", "BBB"), ("CCC",), (), {}),
        ("甲國未與乙國會談。", "CONSULT", 1, 1.0, "2021-06-30", ("AAA",), ("BBB",), (), {"negated": True}),
        ("丁表態支持乙國。", "SUPPORT", 1, 3.0, "2021-06-20", ("AAA",), ("BBB",), ("person/ding",), {}),
    ]),
}


def world_doc(name: str) -> Document:
    written, lines = WORLD[name]
    text = "".join(line[0] for line in lines)
    doc = Document(id=name * 32, text=text, offsets=OffsetMap.identity(len(text)), meta=Meta(f"world/{name}.txt",
                   "txt"), raw=text, structure=Structure(kind="news", title=f"{name} 觀察",
                                                         date=DocDate(written, "metadata")))
    at = 0
    for sentence, kind, quad, score, when, sources, targets, actors, flags in lines:
        span = Span(at, at + len(sentence))
        doc.structure.sentences.append(span)
        recipients = tuple(f"state/{t}" for t in targets)
        doc.events.append(Event(kind, None, None, quad, score, when, actors or tuple(f"state/{s}" for s in sources),
                                recipients, sources, targets, Span(at, at + 2), span, (Span(at, at + 2),), **flags))
        at = span.end
    return doc


def store_docs(url: str, docs: list[Document]) -> None:
    with ingest.Writer(db.engine(url), KB_TINY) as writer:
        for doc in docs:
            writer.store(doc)


@pytest.fixture
def world(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'world.db'}"
    store_docs(url, [world_doc(name) for name in WORLD])
    yield url
    db.dispose(url)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    found = api.ingest([DEMO], db=url)
    assert not found.failures and found.added == len(list(DEMO.iterdir()))
    yield url
    db.dispose(url)


def cli(*args: str) -> typer.testing.Result:
    app = typer.Typer()
    register(app)
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


# ---- clustering ----------------------------------------------------------------------------------------

MERGE_CASES = [  # reports, expected clusters as (doc, n) groups, date kept
    ([report("a", 0, "2021-03-05"), report("b", 0, "2021-03-01", "2021-03-31", value="2021-03")],
     [[("a", 0), ("b", 0)]], "2021-03-05"),  # the narrower date is kept
    ([report("a", 0, "2021-03-05"), report("b", 0, "2021-03-05", sources=("BBB",), targets=("AAA",))],
     [[("a", 0), ("b", 0)]], "2021-03-05"),  # same states, sides swapped by the other outlet
    ([report("a", 0, "2021-03-05", "2021-03-07", value="2021-03-05/2021-03-07"),
      report("b", 0, "2021-03-06", "2021-03-09", value="2021-03-06/2021-03-09")],
     [[("a", 0), ("b", 0)]], "2021-03-06/2021-03-07"),  # partial overlap: the overlap
    ([report("a", 0, "2021-03-05"), report("b", 0, "2021-03-05"), report("c", 0, "2021-03-01", "2021-03-31")],
     [[("a", 0), ("b", 0), ("c", 0)]], "2021-03-05"),
]


@pytest.mark.parametrize("reports, groups, kept", MERGE_CASES)
def test_reports_of_one_event_merge(reports, groups, kept):
    found = cluster(reports)
    assert [sorted((r.doc_id, r.n) for r in c.members) for c in found] == groups
    assert summary(found[0])["date"] == kept
    assert summary(found[0])["documents"] == len(groups[0])


KEPT_APART = [  # pairs of reports that must stay two events
    (report("a", 0, "2021-03-05"), report("b", 0, "2021-03-06")),  # dates do not overlap
    (report("a", 0, "2021-03-05"), report("b", 0, "2021-03-05", kind="AGREE")),  # another type
    (report("a", 0, "2021-03-05"), report("b", 0, "2021-03-05", targets=("CCC",))),  # other states
    (report("a", 0, "2021-03-05"), report("a", 1, "2021-03-05")),  # one document: its events stage decided
    (report("a", 0, "2021-03-05"), report("b", 0, "2021-03-05", state="negated")),  # it did not happen there
    (report("a", 0, "2021-03-05"), report("b", 0, "2021-01-01", "2021-12-31", value="2021")),  # a year is vague
    (report("a", 0, None), report("b", 0, None)),  # undated: nothing says they are the same
]


@pytest.mark.parametrize("first, second", KEPT_APART)
def test_reports_kept_apart(first, second):
    assert len(cluster([first, second])) == 2


def test_merge_window_is_a_month():
    month = report("b", 0, "2021-03-01", "2021-03-31", value="2021-03")
    assert month.width < MAX_MERGE_DAYS
    assert len(cluster([report("a", 0, "2021-03-05"), month])) == 1


def test_vague_report_joins_the_event_with_most_sources():
    reports = [report("a", 0, "2021-03-05"), report("b", 0, "2021-03-20"), report("c", 0, "2021-03-20"),
               report("d", 0, "2021-03-01", "2021-03-31", value="2021-03")]
    groups = sorted(sorted(r.doc_id for r in c.members) for c in cluster(reports))
    assert groups == [["a"], ["b", "c", "d"]]


# ---- the made-up world: events, timeline, dyad, graph ---------------------------------------------------------

def test_world_events_merge_across_documents(world):
    found = corpus_events(world, EventFilter(actor="AAA", recipient="BBB"))
    assert [(e.type, e.date, e.documents) for e in found] == [
        ("CONSULT", "2021-03-05", 2), ("MOBILIZE", "2021-03-20", 1), ("SANCTION", "2021-06-15", 1),
        ("SUPPORT", "2021-06-20", 1)]
    merged = found[0]
    assert [(s.doc_id[:2], s.date, s.evidence) for s in merged.sources] == [
        ("d1", "2021-03-05", "甲國與乙國舉行會談。"), ("d2", "2021-03", "本月甲國與乙國會談。")]
    assert merged.mentions == 2


FILTER_CASES = [  # filters, expected (type, date) in order
    (EventFilter(actor="AAA", recipient="BBB", include_all=True),
     [("CONSULT", "2021-03-05"), ("MOBILIZE", "2021-03-20"), ("CONSULT", "2021-05-01"), ("SANCTION", "2021-06-15"),
      ("SUPPORT", "2021-06-20"), ("CONSULT", "2021-06-30")]),
    (EventFilter(actor="丁"), [("SUPPORT", "2021-06-20")]),  # a name, looked up
    (EventFilter(actor="person/ding"), [("SUPPORT", "2021-06-20")]),
    (EventFilter(recipient="Aland"), [("AGREE", "2021-04-02"), ("CONSULT", "2021-04-20")]),
    (EventFilter(types=("consult",), since="2021-03", until="2021-03"), [("CONSULT", "2021-03-05")]),
    (EventFilter(since="2021-06-16"), [("SUPPORT", "2021-06-20"), ("REJECT", "2021-06-25")]),
    (EventFilter(involving=("CCC",)), [("COOPERATE", "2021-03-15"), ("REJECT", "2021-06-25")]),
    (EventFilter(actor="BBB", recipient="CCC"), [("REJECT", "2021-06-25")]),
    (EventFilter(limit=2), [("CONSULT", "2021-03-05"), ("COOPERATE", "2021-03-15")]),
]


@pytest.mark.parametrize("filters, expected", FILTER_CASES)
def test_world_event_filters(world, filters, expected):
    assert [(e.type, e.date) for e in corpus_events(world, filters)] == expected


@pytest.mark.parametrize("filters, message", [
    (EventFilter(actor="戊"), "no stored entity is named '戊'"),
    (EventFilter(since="March"), "--since 'March' is not a date"),
])
def test_world_bad_filters(world, filters, message):
    with pytest.raises(QueryError, match=message):
        corpus_events(world, filters)


def test_world_timeline(world):
    found = timeline(world, ["CCC"])
    assert [(e.date, e.type, e.source_countries, e.target_countries) for e in found] == [
        ("2021-03-15", "COOPERATE", ("AAA",), ("CCC",)), ("2021-06-25", "REJECT", ("AAA", "BBB"), ("CCC",))]
    assert [s.path for s in found[0].sources] == ["world/d2.txt"]


def test_world_dyad_by_hand(world):
    found = dyad(world, "AAA", "BBB", by="month")
    rows = {(r.period, r.direction): r for r in found.rows}
    assert len(found.rows) == 9  # three months with events, three directions each
    #                                           events vc mc vx mx  sum    mean  net
    assert rows["2021-03", "AAA→BBB"] == DyadRow("2021-03", "AAA→BBB", 2, 1, 0, 0, 1, -6.2, -3.1, 0)
    assert rows["2021-03", "BBB→AAA"] == DyadRow("2021-03", "BBB→AAA", 0, 0, 0, 0, 0, 0.0, None, 0)
    assert rows["2021-04", "BBB→AAA"] == DyadRow("2021-04", "BBB→AAA", 1, 1, 0, 0, 0, 4.0, 4.0, 1)
    assert rows["2021-04", "both"] == DyadRow("2021-04", "both", 1, 1, 0, 0, 0, 1.0, 1.0, 1)
    assert rows["2021-06", "AAA→BBB"] == DyadRow("2021-06", "AAA→BBB", 2, 1, 0, 0, 1, -5.0, -2.5, 0)
    assert "2021-05" not in {r.period for r in found.rows}  # only a planned visit that month
    by_year = dyad(world, "乙國", "AAA", by="year").rows
    assert [(r.direction, r.events, r.net) for r in by_year] == [("BBB→AAA", 1, 1), ("AAA→BBB", 4, 0),
                                                               ("both", 1, 1)]


@pytest.mark.parametrize("sources, targets, expected", [
    (("AAA",), ("BBB",), "AAA→BBB"),
    (("BBB",), ("AAA", "CCC"), "BBB→AAA"),
    ((), ("AAA", "BBB"), "both"),  # talks with no stated initiator
    (("AAA", "BBB"), (), "both"),  # a joint act with no target
    (("AAA", "BBB"), ("CCC",), None),  # the same side against a third state
    (("AAA",), ("CCC",), None),
])
def test_dyad_direction(sources, targets, expected):
    event = CorpusEvent(1, "CONSULT", "happened", None, None, 1, 1.0, None, None, None,
                                                     sources, targets, (), (), None, 1, 1)
    assert direction(event, "AAA", "BBB") == expected


def test_world_graph(world):
    found = graph(world)
    weights = {(s, t): d["weight"] for s, t, d in found.edges(data=True)}
    # AAA→BBB: the merged talks, troops, sanction, 丁's support, and the mutual talks (both ways)
    assert weights == {("AAA", "BBB"): 5, ("BBB", "AAA"): 2, ("AAA", "CCC"): 2, ("BBB", "CCC"): 1}
    assert found.nodes["AAA"]["label"] == "甲國" and found.nodes["AAA"]["start"] == "2021-03-05"
    edge = found.edges["AAA", "BBB"]
    assert (edge["verbal_coop"], edge["material_conflict"], edge["net"]) == (3, 2, 1)
    assert edge["spells"] == [("2021-03-05", "2021-03-05"), ("2021-03-20", "2021-03-20"),
                              ("2021-04-20", "2021-04-20"), ("2021-06-15", "2021-06-15"), ("2021-06-20", "2021-06-20")]
    people = graph(world, level="entity")
    assert ("person/ding", "state/BBB") in people.edges


def test_world_gexf_is_dynamic_and_loads(world, tmp_path):
    text = dumps(graph(world), "gexf")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text and "<spell " in text
    assert 'lastmodifieddate="2021-06-25"' in text  # the data's last day, not today: same input, same file
    path = tmp_path / "g.gexf"
    path.write_text(text, encoding="utf-8")
    loaded = nx.read_gexf(path)
    assert set(loaded.nodes) == {"AAA", "BBB", "CCC"}
    assert loaded.edges["AAA", "BBB"]["weight"] == 5
    assert set(nx.read_graphml(io.BytesIO(dumps(graph(world), "graphml").encode())).nodes) == {"AAA", "BBB", "CCC"}
    data = json.loads(dumps(graph(world), "json"))
    assert {n["id"] for n in data["nodes"]} == {"AAA", "BBB", "CCC"}


def test_pairs_of_a_mutual_event():
    event = CorpusEvent(1, "CONSULT", "happened", None, None, 1, 1.0, None, None, None,
                                                     (), ("AAA", "BBB", "CCC"), (), (), None, 1, 1)
    assert sorted(pairs(event)) == [("AAA", "BBB"), ("AAA", "CCC"), ("BBB", "AAA"), ("BBB", "CCC"),
                                    ("CCC", "AAA"), ("CCC", "BBB")]
    assert build([], {}).number_of_nodes() == 0


# ---- keeping the cross-document tables in step ---------------------------------------------------------

def _membership(url: str) -> list[list[tuple[str, int]]]:
    with db.engine(url).connect() as conn:
        found = conn.execute(sa.select(corpus_event_sources).order_by(corpus_event_sources.c.event_id)).all()
    groups: dict[int, list[tuple[str, int]]] = {}
    for row in found:
        groups.setdefault(row.event_id, []).append((row.doc_id[:2], row.n))
    return sorted(sorted(g) for g in groups.values())


def test_incremental_update_equals_rebuild(tmp_path):
    url = f"sqlite:///{tmp_path / 'inc.db'}"
    store_docs(url, [world_doc("d1"), world_doc("d3")])
    assert len(corpus_events(url, EventFilter(include_all=True))) == 7
    store_docs(url, [world_doc("d2")])
    with db.engine(url).begin() as conn:
        corpus.update(conn, ["d2" * 32])  # what refresh() does for a small addition
    incremental = _membership(url)
    with db.engine(url).begin() as conn:
        corpus.rebuild(conn)
    assert incremental == _membership(url)
    assert [("d1", 0), ("d2", 0)] in incremental
    db.dispose(url)


def test_queries_see_new_documents(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    store_docs(url, [world_doc("d1")])
    assert corpus_events(url, EventFilter(types=("CONSULT",)))[0].documents == 1
    store_docs(url, [world_doc("d2")])
    assert corpus_events(url, EventFilter(types=("CONSULT",)))[0].documents == 2
    db.dispose(url)


def test_facts_changed_in_place_are_seen(world):
    assert corpus_events(world, EventFilter(types=("CONSULT",)))[0].documents == 2
    with db.engine(world).begin() as conn:  # another tool rewrites one document's events
        conn.execute(events_table.delete().where(events_table.c.doc_id == "d2" * 32, events_table.c.n == 0))
    assert corpus_events(world, EventFilter(types=("CONSULT",)))[0].documents == 1


def test_cli_reprocess_one_document(world):
    result = cli("reprocess", "d1d1", "--db", world)
    assert result.exit_code == 0 and "reprocessed 1 of 1 documents; 0 failed" in result.stdout
    unknown = cli("reprocess", "ffff", "--db", world)
    assert unknown.exit_code == 1 and unknown.stderr.startswith("eastwatch: no stored document has an id starting")


# ---- two news reports of one meeting, through the real pipeline ------------------------------------------

NEWS = {  # made-up reports of one meeting, one outlet in each script
    "a.txt": "中日举行外交磋商\n\n新华社东京2021年3月6日电 中国与日本5日在东京举行外交磋商，"
             "双方就海洋事务交换意见。\n",
    "b.txt": "中日外交磋商在東京舉行\n\n中央社東京2021年3月7日電 中國與日本5日在東京舉行外交磋商，"
             "雙方就海洋事務交換意見。\n",
}


def test_two_reports_of_one_meeting(tmp_path):
    for name, text in NEWS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'news.db'}"
    assert api.ingest([tmp_path / name for name in NEWS], db=url).added == 2
    [event] = corpus_events(url, EventFilter(actor="CHN", recipient="JPN", types=("CONSULT",)))
    assert (event.date, event.documents) == ("2021-03-05", 2)
    assert sorted(Path(s.path).name for s in event.sources) == ["a.txt", "b.txt"]
    result = cli("events", "--db", url, "--actor", "CHN", "--format", "json")
    assert json.loads(result.stdout)[0]["documents"] == 2
    db.dispose(url)


# ---- the demo corpus -----------------------------------------------------------------------------------

def test_demo_events_count_each_stored_event_once(demo):
    found = corpus_events(demo, EventFilter(include_all=True))
    with db.engine(demo).connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(events_table)).scalar()
    assert sum(len(e.sources) for e in found) == stored
    assert len({(s.doc_id, s.n) for e in found for s in e.sources}) == stored


def test_demo_dyad_equals_a_count_from_the_events(demo):
    found = dyad(demo, "CHN", "JPN", by="year")
    hand: dict[tuple[str, str], list] = {}
    for event in corpus_events(demo, EventFilter(involving=("CHN", "JPN"))):
        name = direction(event, "CHN", "JPN")
        if name and event.date_start:
            hand.setdefault((str(event.date_start.year), name), []).append(event)
    assert hand, "the demo corpus has China–Japan events"
    for row in found.rows:
        counted = hand.get((row.period, row.direction), [])
        assert row.events == len(counted)
        assert row.verbal_coop == sum(1 for e in counted if e.quad == 1)
        assert row.material_conflict == sum(1 for e in counted if e.quad == 4)
        assert row.score_sum == round(sum(e.score for e in counted), 2)
    assert sum(r.events for r in found.rows) == sum(len(v) for v in hand.values())


def test_demo_plots(demo, tmp_path):
    found = dyad(demo, "CHN", "JPN", by="year")
    png = plot(found, tmp_path / "out" / "dyad.png")
    assert png.read_bytes()[:8] == PNG_MAGIC
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size[0] > 600 and image.size[1] > 400
    html = plot(found, tmp_path / "dyad.html").read_text(encoding="utf-8")
    assert 'id="eastwatch-dyad"' in html and "CHN\\u2192JPN" in html  # the trace names, JSON-escaped
    assert plot(found, tmp_path / "again.html").read_text(encoding="utf-8") == html  # deterministic
    with pytest.raises(QueryError, match=r"name a \.png or \.html file"):
        plot(found, tmp_path / "dyad.svg")


def test_demo_gexf_has_the_states(demo):
    loaded = nx.read_gexf(io.BytesIO(dumps(graph(demo), "gexf").encode("utf-8")))
    assert {"CHN", "JPN", "KOR", "PRK", "USA"} <= set(loaded.nodes)
    assert loaded.nodes["JPN"]["label"] == "日本"
    with db.engine(demo).connect() as conn:
        sides = conn.execute(sa.select(events_table.c.source_countries, events_table.c.target_countries)).all()
    stored = {(s, t) for src, tgt in sides for s in src for t in tgt if s != t}
    stored |= {(s, t) for src, tgt in sides if not src for s in tgt for t in tgt if s != t}  # no initiator
    assert set(loaded.edges) <= stored


def test_demo_search_finds_both_scripts(demo):
    hits = search(demo, "中日韓")
    assert {Path(h.path).name for h in hits} >= {"2020-01-15_chengdu-trilateral-summit.txt",
                                                 "2025-03-22_tokyo-trilateral-fm-meeting.txt"}
    for hit in hits:
        assert hit.match in ("中日韓", "中日韩")
        assert hit.before or hit.after
    with db.engine(demo).connect() as conn:
        texts = dict(conn.execute(sa.select(documents.c.id, documents.c.text)).all())
    for hit in hits:  # the offsets point at the match in the stored text, and the context surrounds it
        text = texts[hit.doc_id]
        assert text[hit.start : hit.end] == hit.match
        assert text[hit.start - len(hit.before) : hit.start].replace("\n", " ") == hit.before
    exact = search(demo, "中日韓", exact=True)
    assert exact and {h.match for h in exact} == {"中日韓"}
    short = search(demo, "日韓")  # two characters: below the trigram index, found by LIKE
    assert short and {h.match for h in short} == {"日韓", "日韩"}


def test_demo_entity_profile(demo):
    found = profile(demo, "王毅", api.knowledge())
    assert found.id == "person/wang-yi" and found.name_en == "Wang Yi"
    assert ("CHN/foreign-minister", "2013-03-16", "2022-12-30") in [(o.post, o.start, o.end) for o in found.offices]
    with db.engine(demo).connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(mentions)
                              .where(mentions.c.entity_id == "person/wang-yi")).scalar()
    assert found.total_mentions == stored == sum(m.count for m in found.mentions)
    assert all("person/wang-yi" in e.actors + e.recipients for e in found.events)
    assert len(found.events) == found.total_events


# ---- the commands ---------------------------------------------------------------------------------------

def test_cli_events_table_csv_json(world):
    table = cli("events", "--db", world, "--actor", "AAA", "--recipient", "BBB")
    assert table.exit_code == 0 and "4 events" in table.stdout and "SANCTION" in table.stdout
    rows = list(csv.DictReader(io.StringIO(cli("events", "--db", world, "--type", "CONSULT", "-f", "csv").stdout)))
    assert [(r["date"], r["documents"], r["sides"]) for r in rows] == [("2021-03-05", "2", "AAA→BBB"),
                                                                      ("2021-04-20", "1", "?→AAA,BBB")]
    data = json.loads(cli("events", "--db", world, "--actor", "丁", "-f", "json").stdout)
    assert [(d["type"], d["actors"], d["sources"][0]["evidence"]) for d in data] == [
        ("SUPPORT", ["person/ding"], "丁表態支持乙國。")]


def test_cli_events_of_a_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(NEWS["a.txt"], encoding="utf-8")
    data = json.loads(cli("events", str(path), "-f", "json").stdout)
    assert [(d["type"], d["date"], d["trigger"], d["sides"]) for d in data] == [
        ("CONSULT", "2021-03-05", "磋商", "CHN→JPN")]
    mixed = cli("events", str(path), "--actor", "CHN")
    assert mixed.exit_code == 2 and "drop PATH" in mixed.stderr


@pytest.mark.parametrize("args, code, line", [
    (["events", "--format", "xml"], 2, "eastwatch: unknown format 'xml'; use table, csv, json"),
    (["events", "--since", "soon"], 1, "eastwatch: --since 'soon' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
    (["entity", "戊"], 1, "eastwatch: no entity is named '戊' in the database or the knowledge base"),
    (["dyad", "AAA", "AAA"], 1, "eastwatch: a dyad needs two different parties"),
    (["dyad", "AAA", "BBB", "--by", "week"], 1, "eastwatch: --by 'week' is not a period; use month, quarter, year"),
    (["graph", "--format", "dot"], 2, "eastwatch: unknown format 'dot'; use gexf, graphml, json"),
    (["search", " "], 1, "eastwatch: empty search; give a word or phrase"),
])
def test_cli_errors_are_one_line(world, args, code, line):
    result = cli(*args, "--db", world)
    assert result.exit_code == code
    assert result.stderr.startswith(line) and result.stderr.count("\n") == 1


def test_cli_missing_database(tmp_path):
    result = cli("timeline", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert result.exit_code == 1 and result.stderr.startswith("eastwatch: no database at ")


def test_cli_timeline_and_dyad(world, tmp_path):
    data = json.loads(cli("timeline", "--db", world, "--actor", "CCC", "-f", "json").stdout)
    assert [(d["date"], d["type"], d["reported_by"]) for d in data] == [
        ("2021-03-15", "COOPERATE", ["d2 觀察 (2021-03-12)"]), ("2021-06-25", "REJECT", ["d3 觀察 (2021-07-01)"])]
    png = tmp_path / "aaa-bbb.png"
    result = cli("dyad", "AAA", "BBB", "--db", world, "--by", "quarter", "-f", "csv", "--plot", str(png))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["period"], r["direction"], r["events"], r["net"]) for r in rows] == [
        ("2021-Q1", "AAA→BBB", "2", "0"), ("2021-Q1", "BBB→AAA", "0", "0"), ("2021-Q1", "both", "0", "0"),
        ("2021-Q2", "AAA→BBB", "2", "0"), ("2021-Q2", "BBB→AAA", "1", "1"), ("2021-Q2", "both", "1", "1")]
    assert png.read_bytes()[:8] == PNG_MAGIC and f"wrote {png}" in result.stderr


def test_cli_graph_to_file(world, tmp_path):
    out = tmp_path / "net.gexf"
    result = cli("graph", "--db", world, "--out", str(out))
    assert result.exit_code == 0 and "3 nodes, 4 edges" in result.stderr
    assert set(nx.read_gexf(out).nodes) == {"AAA", "BBB", "CCC"}
    data = json.loads(cli("graph", "--db", world, "-f", "json", "--level", "entity").stdout)
    assert {"person/ding", "state/BBB"} <= {n["id"] for n in data["nodes"]}


def test_cli_search_and_entity(demo):
    data = json.loads(cli("search", "中日韓", "--db", demo, "-f", "json", "--limit", "2").stdout)
    assert len({d["doc_id"] for d in data}) == 2 and all(d["match"] in ("中日韓", "中日韩") for d in data)
    table = cli("search", "中日韓", "--db", demo)
    assert table.exit_code == 0 and "hits in" in table.stdout
    profile_json = json.loads(cli("entity", "Wang Yi", "--db", demo, "-f", "json").stdout)[0]
    assert profile_json["id"] == "person/wang-yi" and profile_json["total_mentions"] > 0
    rows = list(csv.DictReader(io.StringIO(cli("entity", "王毅", "--db", demo, "-f", "csv").stdout)))
    assert {"record", "office", "document"} <= {r["section"] for r in rows}
    assert "外交部長" in cli("entity", "王毅", "--db", demo).stdout


# ---- reprocess -------------------------------------------------------------------------------------------

EXTRA_ORG = """- id: org/test-haidong-forum
  names: {zh-Hant: [海東論壇], zh-Hans: [海东论坛], en: [Haidong Forum]}
"""
DEMO_FILES = ("2015-11-01_cjk-summit-resumes.txt", "2020-01-15_chengdu-trilateral-summit.txt")


def test_reprocess_twice_changes_nothing_and_keeps_resolutions(tmp_path):
    url = f"sqlite:///{tmp_path / 'again.db'}"
    api.ingest([DEMO / name for name in DEMO_FILES], db=url)
    eng = db.engine(url)
    with eng.begin() as conn:
        first = conn.execute(sa.select(judgments.c.doc_id, judgments.c.n, judgments.c.text)
                             .order_by(judgments.c.doc_id, judgments.c.n)).first()
        conn.execute(judgments.update().where(judgments.c.doc_id == first.doc_id, judgments.c.n == first.n)
                     .values(resolution="yes", note="checked by hand"))
    before = corpus_events(url, EventFilter(include_all=True))
    kb = api.knowledge()
    once = reprocess(url, kb)
    twice = reprocess(url, kb)
    assert once.done == twice.done == len(DEMO_FILES) and not once.failures
    assert once.before == once.after == twice.after
    assert (once.resolutions_kept, once.resolutions_lost) == (1, [])
    with eng.connect() as conn:
        kept = conn.execute(sa.select(judgments.c.resolution, judgments.c.note)
                            .where(judgments.c.text == first.text)).one()
    assert tuple(kept) == ("yes", "checked by hand")
    after = corpus_events(url, EventFilter(include_all=True))
    assert [(e.type, e.date, e.documents) for e in after] == [(e.type, e.date, e.documents) for e in before]
    db.dispose(url)


def test_reprocess_picks_up_a_knowledge_base_change(tmp_path):
    text = "海東論壇年會在首爾舉行\n\n中央社首爾2021年5月3日電 海東論壇3日在首爾舉行年會。\n"
    (tmp_path / "forum.txt").write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    api.ingest([tmp_path / "forum.txt"], db=url)
    (tmp_path / "kb" / "entities").mkdir(parents=True)
    (tmp_path / "kb" / "entities" / "forums.yaml").write_text(EXTRA_ORG, encoding="utf-8")
    result = cli("reprocess", "--db", url, "--kb", str(tmp_path / "kb"))
    assert result.exit_code == 0 and "reprocessed 1 of 1 documents; 0 failed" in result.stdout
    with db.engine(url).connect() as conn:
        found = conn.execute(sa.select(mentions.c.text).where(mentions.c.entity_id == "org/test-haidong-forum")
                             ).scalars().all()
    assert found == ["海東論壇", "海東論壇"]
    assert profile(url, "海東論壇", api.knowledge([tmp_path / "kb"])).total_mentions == 2
    db.dispose(url)


def test_reprocess_leaves_no_stale_corpus_event(world):
    """The hand-made events are replaced by what the pipeline finds; the merged events follow them."""
    assert corpus_events(world, EventFilter(include_all=True))
    found = reprocess(world, KB_TINY)
    assert (found.done, found.text_changed) == (3, 0)
    with db.engine(world).connect() as conn:
        stored = set(map(tuple, conn.execute(sa.select(events_table.c.doc_id, events_table.c.n))))
        merged = set(map(tuple, conn.execute(sa.select(corpus_event_sources.c.doc_id, corpus_event_sources.c.n))))
    assert merged == stored
