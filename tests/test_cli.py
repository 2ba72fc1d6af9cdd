"""The `eastwatch` command as a user meets it: exact lines on stdout and stderr, exit statuses, the README's claims.

Bad input (issue 2): each bad file gives one line `eastwatch: <path>: <reason>` on stderr, the batch goes on,
the summary counts failures by reason, the exit status is 1 and nothing already stored changes.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from typer.main import get_command
from typer.testing import CliRunner, Result

from eastwatch.present.cli import app

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "demo" / "corpus"
README = REPO / "README.md"
CI_RUN = REPO / ".ci" / "run"
DEMO_FILES = sorted(p for p in DEMO.iterdir() if p.is_file())
NEWS = DEMO / "2023-11-16_xi-kishida-apec.txt"
NEWS_TITLE = "习近平在旧金山会见日本首相岸田文雄"
REPORT = DEMO / "2017-04-12_thaad-china-rok-relations.txt"
CONTRACT_KEYS = {"document", "entities", "times", "events", "judgments"}
# Rich sizes tables to the terminal; a pipe and an unresized terminal get 80 columns, so that is the default here.
NARROW = {"COLUMNS": "80"}
WIDE = {"COLUMNS": "200"}

SUFFIXES = ".txt, .md, .pdf, .docx, .html, .htm"
UNDECODABLE = "not UTF-8, UTF-16, Big5 or GB18030; pass --encoding if you know it"
OK_SUMMARY = "ingested {} new of {} files; {} already stored; 0 failed; nothing already stored changed"

runner = CliRunner()


def run(*args: object, env: dict[str, str] | None = None) -> Result:
    """Invoke `eastwatch ARGS`; a crash (not a clean exit) fails the test with its traceback."""
    result = runner.invoke(app, [str(a) for a in args], env={**NARROW, **(env or {})},
                           prog_name="eastwatch")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def small_pdf() -> bytes:
    buf = io.BytesIO()
    page = canvas.Canvas(buf, invariant=1)  # invariant: no timestamp or random id, the same bytes every run
    page.drawString(72, 720, "Trilateral summit in Seoul, 27 May 2024.")
    page.showPage()
    page.save()
    return buf.getvalue()


# ---- bad input --------------------------------------------------------------------------------------------

# name -> (bytes to write; None: nothing is created, "dir": an empty folder), reason slug, message after the path
BAD: dict[str, tuple[bytes | str | None, str, str]] = {
    "empty.txt": (b"", "empty", "empty file (0 bytes)"),
    "blank.md": (b"  \n\n\t\n", "empty", "holds only whitespace"),
    "junk.txt": (bytes([0, 1, 2, 0xDE, 0xAD, 0xBE, 0xEF, 0, 0x7F]) * 40, "binary",
                 "binary data (NUL or control bytes), not text; is it really a text file?"),
    "junk.html": (bytes([0, 0x1B, 0xFF, 3]) * 50, "binary",
                  "binary data (NUL or control bytes), not text; is it really a text file?"),
    "notes.rtf": (b"{\\rtf1\\ansi Seoul}", "unsupported-type",
                  f"unsupported file type '.rtf'; eastwatch reads {SUFFIXES}"),
    "README": (b"no suffix at all\n", "unsupported-type",
               f"unsupported file type '(no suffix)'; eastwatch reads {SUFFIXES}"),
    "high-bytes.txt": (bytes(range(0x80, 0x100)) * 2, "undecodable", UNDECODABLE),
    "latin1.txt": ("Menu: café au lait, crème brûlée.\n".encode("latin-1"), "undecodable", UNDECODABLE),
    "korean.txt": ("북한은 오늘 새벽 탄도미사일을 발사했다고 합동참모본부가 밝혔다.\n".encode("euc-kr") * 4,
                   "undecodable", UNDECODABLE),
    "cut.pdf": (small_pdf()[:600], "truncated-pdf", "truncated PDF (no end-of-file marker); re-save or re-download it"),
    "fake.pdf": (b"<html>a saved error page</html>\n" * 20, "bad-pdf",
                 "not a PDF (no %PDF- header); check that the file really is a PDF"),
    "fake.docx": (b"PK\x03\x04 not really a zip" * 20, "bad-docx",
                  "not a .docx (not a zip archive); re-save it from Word as .docx (old .doc files are not supported)"),
    "gone.txt": (None, "missing", "no such file or folder"),
    "empty-folder": ("dir", "no-documents", f"folder holds no documents ({SUFFIXES})"),
}


def make_bad(folder: Path, name: str) -> Path:
    data = BAD[name][0]
    path = folder / name
    if data == "dir":
        path.mkdir(parents=True)
    elif isinstance(data, bytes):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def error_line(path: Path | str, name: str) -> str:
    return f"eastwatch: {path}: {BAD[name][2]}"


def test_the_truncated_pdf_was_whole_before_the_cut(tmp_path):
    whole = tmp_path / "whole.pdf"
    whole.write_bytes(small_pdf())
    result = run("extract", whole)
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["document"]["format"] == "pdf"


@pytest.mark.parametrize("name", BAD)
def test_extract_bad_input(tmp_path, name):
    path = make_bad(tmp_path, name)
    result = run("extract", path)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", error_line(path, name) + "\n")


@pytest.mark.parametrize("name", BAD)
def test_ingest_bad_input(tmp_path, name):
    path = make_bad(tmp_path / "in", name)
    result = run("ingest", path, "--db", f"sqlite:///{tmp_path / 'east.db'}")
    assert (result.exit_code, result.stderr) == (1, error_line(path, name) + "\n")
    assert result.stdout.splitlines()[0] == (f"ingested 0 new of 1 files; 0 already stored; 1 failed "
                                             f"(1 {BAD[name][1]}); nothing already stored changed")


@pytest.mark.parametrize(("pattern", "message"), [
    ("*.nothing", "no file matches this pattern"),
    ("sub/**/*.txt", "no file matches this pattern"),
])
def test_glob_matching_nothing(tmp_path, pattern, message):
    result = run("extract", tmp_path / pattern)
    assert (result.exit_code, result.stderr) == (1, f"eastwatch: {tmp_path / pattern}: {message}\n")


def test_folder_of_non_documents_holds_no_documents(tmp_path):
    folder = tmp_path / "attachments"
    make_bad(folder, "notes.rtf")
    (folder / ".draft.txt").write_text("中日韓三國外長在東京會談。\n", encoding="utf-8")  # hidden: skipped
    result = run("ingest", folder, "--db", f"sqlite:///{tmp_path / 'east.db'}")
    assert (result.exit_code, result.stderr) == (1, f"eastwatch: {folder}: folder holds no documents ({SUFFIXES})\n")


def test_ingest_batch_goes_on_past_bad_files(tmp_path):
    bad = [make_bad(tmp_path / "in", name) for name in BAD]
    result = run("ingest", NEWS, *bad, REPORT, "--db", f"sqlite:///{tmp_path / 'east.db'}")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [error_line(path, name) for path, name in zip(bad, BAD, strict=True)]
    assert result.stdout.splitlines()[0] == (
        "ingested 2 new of 16 files; 0 already stored; 14 failed (3 undecodable, 2 empty, 2 binary, "
        "2 unsupported-type, 1 truncated-pdf, 1 bad-pdf, 1 bad-docx, 1 missing, 1 no-documents); "
        "nothing already stored changed")
    docs = run("docs", "--db", f"sqlite:///{tmp_path / 'east.db'}")
    assert docs.stdout.splitlines()[-1] == "2 documents"
    assert sha(NEWS)[:12] in docs.stdout and sha(REPORT)[:12] in docs.stdout


def test_bad_batch_changes_nothing_stored(tmp_path):
    db = ("--db", f"sqlite:///{tmp_path / 'east.db'}")
    first = run("ingest", NEWS, *db)
    assert first.exit_code == 0
    before = [run(*args, *db, env=WIDE).stdout for args in (("docs",), ("show", sha(NEWS)[:8]))]
    bad = [make_bad(tmp_path / "in", name) for name in BAD]
    again = run("ingest", *bad, NEWS, *db)
    assert again.exit_code == 1
    assert again.stdout.splitlines()[0].startswith("ingested 0 new of 15 files; 1 already stored; 14 failed (")
    assert again.stdout.splitlines()[1] == first.stdout.splitlines()[1]  # "stored: N documents, N mentions ..."
    assert [run(*args, *db, env=WIDE).stdout for args in (("docs",), ("show", sha(NEWS)[:8]))] == before


def test_extract_goes_on_past_bad_files(tmp_path):
    gone, empty = tmp_path / "gone.txt", make_bad(tmp_path, "empty.txt")
    result = run("extract", "--format", "jsonl", gone, NEWS, empty)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [error_line(gone, "gone.txt"), error_line(empty, "empty.txt")]
    assert [json.loads(line)["document"]["title"] for line in result.stdout.splitlines()] == [NEWS_TITLE]


@pytest.mark.parametrize(("name", "encoding", "expected"), [
    ("latin1.txt", "latin-1", "café au lait"),
    ("korean.txt", "euc-kr", "합동참모본부"),
])
def test_encoding_hint_works(tmp_path, name, encoding, expected):
    """The undecodable message says "pass --encoding if you know it": doing so reads the file."""
    result = run("extract", make_bad(tmp_path, name), "--encoding", encoding)
    assert (result.exit_code, result.stderr) == (0, "")
    assert expected in json.loads(result.stdout)["document"]["text"]


def test_existing_file_with_brackets_is_read(tmp_path):
    path = tmp_path / "[draft] 峰會報告.txt"
    path.write_bytes(NEWS.read_bytes())
    result = run("extract", path)
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize("command", ["docs", "extract"])
def test_paths_with_brackets_are_shown_whole(tmp_path, command):
    path = tmp_path / "[draft] notes" / "峰會.txt"
    path.parent.mkdir()
    path.write_bytes(NEWS.read_bytes())
    db = ("--db", f"sqlite:///{tmp_path / 'east.db'}")
    if command == "docs":
        assert run("ingest", tmp_path, *db).exit_code == 0
        result = run("docs", *db, env=WIDE)
    else:
        result = run("extract", "--format", "text", tmp_path, env=WIDE)
    assert str(path) in result.stdout


# ---- extract ----------------------------------------------------------------------------------------------


def test_extract_json_one_file():
    result = run("extract", "--format", "json", NEWS)
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert set(data) >= CONTRACT_KEYS
    doc = data["document"]
    assert (doc["title"], doc["id"], doc["kind"], doc["date"]) == (NEWS_TITLE, sha(NEWS), "news", "2023-11-16")
    # README: "Every fact points to the characters it came from" (offsets into document.text)
    spans = [m for ent in data["entities"] for m in ent["mentions"]] + data["times"]
    assert spans and all(doc["text"][s["start"]:s["end"]] == s["text"] for s in spans)


def test_extract_no_text_leaves_out_only_the_text():
    full = json.loads(run("extract", NEWS).stdout)
    lean = json.loads(run("extract", NEWS, "--no-text").stdout)
    assert "text" not in lean["document"]
    del full["document"]["text"]
    assert lean == full


def test_extract_jsonl_on_the_demo_folder():
    result = run("extract", "--format", "jsonl", DEMO)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert len(lines) == len(DEMO_FILES) == 14
    objects = [json.loads(line) for line in lines]
    assert all(set(obj) >= CONTRACT_KEYS for obj in objects)
    assert [obj["document"]["id"] for obj in objects] == [sha(p) for p in DEMO_FILES]


def test_extract_text_shows_the_title():
    result = run("extract", "--format", "text", NEWS)
    assert (result.exit_code, result.stderr) == (0, "")
    assert NEWS_TITLE in result.stdout.splitlines()[0]


@pytest.mark.parametrize(("args", "line"), [
    ((NEWS, REPORT), "eastwatch: 2 files given; --format json prints one document, use --format jsonl for many"),
    ((DEMO,), "eastwatch: 14 files given; --format json prints one document, use --format jsonl for many"),
    ((NEWS, "--format", "xml"), "eastwatch: unknown format 'xml'; use json, jsonl or text"),
])
def test_extract_usage_errors(args, line):
    result = run("extract", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line + "\n")


# ---- ingest, docs, show -------------------------------------------------------------------------------------


def readme_blocks() -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.M | re.S)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[str, Result]:
    """The README's main command, run as written from a checkout (demo/ beside it), once for the module."""
    command = readme_blocks()[0].strip().split(" && ")[-1]
    program, *args = shlex.split(command)
    assert program == ".venv/bin/eastwatch" and args[:2] == ["ingest", "demo/corpus"], command
    url = args[args.index("--db") + 1]
    assert url.startswith("sqlite:///") and not url.startswith("sqlite:////"), "expected a relative SQLite file"
    checkout = tmp_path_factory.mktemp("checkout")
    (checkout / "demo").symlink_to(REPO / "demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(checkout)
        result = run(*args)
    return f"sqlite:///{checkout / url.removeprefix('sqlite:///')}", result


def test_readme_main_command_ingests_the_demo(demo_db):
    _, result = demo_db
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == OK_SUMMARY.format(14, 14, 0)
    assert re.fullmatch(r"stored: 14 documents, \d+ mentions, .*", result.stdout.splitlines()[1])


def test_ingest_again_adds_nothing(demo_db):
    url, first = demo_db
    again = run("ingest", DEMO, "--db", url)
    assert (again.exit_code, again.stderr) == (0, "")
    assert again.stdout.splitlines() == [OK_SUMMARY.format(0, 14, 14), first.stdout.splitlines()[1]]


def test_docs_lists_the_demo(demo_db):
    result = run("docs", "--db", demo_db[0])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == "14 documents"
    ids = [line.split()[0] for line in result.stdout.splitlines()[1:-1] if re.match(r" ?[0-9a-f]{12} ", line)]
    assert sorted(ids) == sorted(sha(p)[:12] for p in DEMO_FILES)


def test_docs_reads_eastwatch_db(demo_db, monkeypatch):
    monkeypatch.setenv("EASTWATCH_DB", demo_db[0])
    assert run("docs").stdout.splitlines()[-1] == "14 documents"


def test_default_database_is_documented_file(tmp_path, monkeypatch):
    """README: by default ~/.local/share/eastwatch/eastwatch.db."""
    for name in ("EASTWATCH_DB", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert run("ingest", NEWS).exit_code == 0
    assert (tmp_path / ".local" / "share" / "eastwatch" / "eastwatch.db").is_file()
    assert run("docs").stdout.splitlines()[-1] == "1 documents"


def test_show_by_id_prefix(demo_db):
    result = run("show", sha(NEWS)[:6], "--db", demo_db[0])
    assert (result.exit_code, result.stderr) == (0, "")
    assert NEWS_TITLE in result.stdout.splitlines()[0]
    assert f"id: {sha(NEWS)}" in result.stdout.splitlines()  # README: the id is the SHA-256 of the bytes


def shared_prefix() -> tuple[str, int]:
    """The first hex digit that starts two or more demo ids, and how many."""
    firsts = [sha(p)[0] for p in DEMO_FILES]
    digit = next(d for d in firsts if firsts.count(d) > 1)
    return digit, firsts.count(digit)


@pytest.mark.parametrize(("prefix", "line"), [
    ("00000000", "eastwatch: no stored document has an id starting '00000000'; `eastwatch docs` lists them"),
    ("zzzz", "eastwatch: 'zzzz' is not a document id: give hex digits as `eastwatch docs` lists them"),
    (shared_prefix()[0], f"eastwatch: id prefix '{shared_prefix()[0]}' matches {shared_prefix()[1]} documents ("),
])
def test_show_unknown_or_ambiguous_id(demo_db, prefix, line):
    assert not any(sha(p).startswith("00000000") for p in DEMO_FILES)
    result = run("show", prefix, "--db", demo_db[0])
    assert (result.exit_code, result.stdout) == (1, "")
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(line)


def test_docs_without_a_database(tmp_path):
    result = run("docs", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"eastwatch: no database at {tmp_path / 'none.db'}; `eastwatch ingest FILES` creates it\n"


# ---- kb -----------------------------------------------------------------------------------------------------

KB_OK = re.compile(r"knowledge base OK: (\d+) entities \(\d+ state, .*\), \d+ posts, \d+ terms of office, "
                   r"\d+ lexicons")
USER_RECORDS = """\
- id: org/example-institute
  names: {zh-Hant: [範例研究院], zh-Hans: [范例研究院], en: [Example Institute]}
  country: TWN
"""
BAD_RECORD = """\
- id: org/sample-forum
  names: {zh-Hant: [樣本論壇]}
  wikidata: Q-12
"""


def user_kb(tmp_path: Path, bad: bool) -> Path:
    folder = tmp_path / "my-kb"
    (folder / "entities").mkdir(parents=True)
    (folder / "entities" / "thinktanks.yaml").write_text(USER_RECORDS + (BAD_RECORD if bad else ""), "utf-8")
    return folder


def test_kb_check():
    result = run("kb", "check")
    assert (result.exit_code, result.stderr) == (0, "")
    assert KB_OK.fullmatch(result.stdout.strip())


def test_kb_validate_reports_the_bad_record(tmp_path):
    folder = user_kb(tmp_path, bad=True)
    result = run("kb", "validate", folder)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"eastwatch: {folder}/entities/thinktanks.yaml: org/sample-forum: wikidata: "
                             "not a Wikidata id (Q and digits): 'Q-12'\n")


def test_kb_validate_adds_good_records(tmp_path):
    bundled = int(KB_OK.fullmatch(run("kb", "check").stdout.strip()).group(1))
    result = run("kb", "validate", user_kb(tmp_path, bad=False))
    assert (result.exit_code, result.stderr) == (0, "")
    assert int(KB_OK.fullmatch(result.stdout.strip()).group(1)) == bundled + 1


@pytest.mark.parametrize(("name", "entity_id", "english"), [
    ("尹錫悅", "person/yoon-suk-yeol", "Yoon Suk Yeol"),
    ("尹锡悦", "person/yoon-suk-yeol", "Yoon Suk Yeol"),
    ("特朗普", "person/donald-trump", "Donald Trump"),
    ("川普", "person/donald-trump", "Donald Trump"),
])
def test_kb_search(name, entity_id, english):
    result = run("kb", "search", name, env=WIDE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert any(line.split()[:2] == [entity_id, "person"] and english in line for line in result.stdout.splitlines())


def test_kb_search_in_a_user_folder(tmp_path):
    result = run("kb", "search", "範例研究院", "--kb", user_kb(tmp_path, bad=False), env=WIDE)
    assert [line.split()[:2] for line in result.stdout.splitlines()[1:]] == [["org/example-institute",
                                                                              "organization"]]


def test_kb_search_shows_whole_ids_at_80_columns():
    assert "person/yoon-suk-yeol" in run("kb", "search", "尹錫悅", env=NARROW).stdout


def test_kb_search_says_when_nothing_matches():
    result = run("kb", "search", "查無此人名")
    assert "查無此人名" in result.stdout + result.stderr


# ---- help and the README ----------------------------------------------------------------------------------

GROUP = get_command(app)
COMMANDS = [name for name, cmd in GROUP.commands.items() if not cmd.hidden]
LEAVES = [f"{name} {sub}" if sub else name for name in COMMANDS
          for sub in (getattr(GROUP.commands[name], "commands", None) or [None])]
# Commands `eastwatch --help` lists that the README does not mention yet (remove one once the README does).
README_LACKS: set[str] = set()


def test_main_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    assert all(re.search(rf"\b{name}\b", result.stdout) for name in COMMANDS)


@pytest.mark.parametrize("command", LEAVES)
def test_help_of_every_command(command):
    result = run(*command.split(), "--help")
    assert (result.exit_code, result.stderr) == (0, "")
    assert f"Usage: eastwatch {command}" in " ".join(result.stdout.split())


@pytest.mark.parametrize("command", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason="not in README.md")) if c.split()[0] in README_LACKS
    else c for c in LEAVES])
def test_readme_mentions_every_command(command):
    assert re.search(rf"\beastwatch {command}\b", README.read_text(encoding="utf-8")), f"no `eastwatch {command}`"


def test_readme_tour_uses_real_options():
    """Every `eastwatch ...` line of the README's code blocks names a real command and real options."""
    lines = [line.split("#")[0] for block in readme_blocks() for line in block.splitlines()]
    tours = [shlex.split(line)[1:] for line in lines if line.startswith("eastwatch ")]
    assert tours
    for args in tours:
        cmd = GROUP.commands[args[0]]
        if args[0] == "kb":
            cmd = cmd.commands[args[1]]
        options = {opt for param in cmd.params for opt in param.opts}
        assert {a for a in args if a.startswith("-")} <= options, args


def test_readme_error_example_is_what_ingest_prints(tmp_path, monkeypatch):
    """README: 12 files, one undecodable -> the failure line and the summary exactly as shown."""
    example = next(b for b in readme_blocks() if b.startswith("eastwatch: ")).splitlines()
    bad = Path(example[0].split(": ")[1])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    for path in DEMO_FILES[:11]:
        (tmp_path / "reports" / path.name).symlink_to(path)
    make_bad(tmp_path / bad.parent, "high-bytes.txt").rename(bad)
    result = run("ingest", "reports", bad.parent, "--db", f"sqlite:///{tmp_path / 'east.db'}")
    assert (result.exit_code, result.stderr.splitlines(), result.stdout.splitlines()[0]) == (1, example[:1], example[1])


def test_readme_test_command_is_what_ci_runs():
    test_command = readme_blocks()[1].strip()
    ci = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    assert [line for line in ci if "pytest" in line] == [test_command]
    setup = readme_blocks()[0].strip().split(" && ")[:-1]  # what the README's first command installs with
    assert all(step in ci for step in setup), setup
