"""load: every format, every encoding, every bad input (reason slug and exact message line)."""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pypdf
import pytest
from reportlab.pdfbase import cidfonts, pdfmetrics
from reportlab.pdfgen import canvas

from eastwatch.errors import InputError
from eastwatch.load import SUFFIXES, load
from eastwatch.load.encoding import detect_cjk
from eastwatch.load.html import declared_charset, drop_clutter
from eastwatch.load.metadata import clean
from eastwatch.load.pdf import pdf_date

FIXTURES = Path(__file__).parent / "fixtures" / "load"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Our own sentences, one per script.
TRAD = "日本與南韓外長昨日在首爾會談，雙方同意恢復中斷多年的安全對話，並就北韓飛彈問題交換意見。\n"
SIMP = "中国外交部发言人表示，北京愿意与东京和首尔加强沟通，共同维护地区的和平与稳定。\n"
HK = "港府發言人表示，呢個決定嘅影響仲未清楚，當局會繼續留意事態發展。\n"  # 嘅 is only in Big5-HKSCS
ETEN = "他們在研討會上討論了碁盤與恒常合作機制的構想，各方反應熱烈。\n"  # 碁 and 恒 are cp950 additions
KOREAN = "한국 외교부는 오늘 일본과의 회담 결과를 발표했다. 양국은 협력을 강화하기로 합의했다. 정부는 입장을 밝혔다.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def failure(path: Path, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        load(path, **kwargs)
    return caught.value


# ---- plain text: encodings -----------------------------------------------------------------------

ENCODING_CASES = [  # text          bytes                                              Meta.encoding
    (TRAD * 3, (TRAD * 3).encode("utf-8"), "utf-8"),
    (TRAD, TRAD.encode("utf-8-sig"), "utf-8-sig"),
    (TRAD, TRAD.encode("utf-16"), "utf-16"),  # Python writes a BOM
    (TRAD, b"\xfe\xff" + TRAD.encode("utf-16-be"), "utf-16"),
    (TRAD, TRAD.encode("utf-32"), "utf-32"),
    (TRAD * 3, (TRAD * 3).encode("big5"), "big5"),  # a Taiwanese archive file
    (TRAD, TRAD.encode("big5"), "big5"),
    ("臺灣外交部今日表示\n", "臺灣外交部今日表示\n".encode("big5"), "big5"),  # short: decided on common characters
    (ETEN, ETEN.encode("cp950"), "cp950"),
    (HK, HK.encode("big5hkscs"), "big5hkscs"),
    (SIMP * 3, (SIMP * 3).encode("gb18030"), "gb18030"),
    (SIMP, SIMP.encode("gb18030"), "gb18030"),
    ("国际关系研究\n", "国际关系研究\n".encode("gb18030"), "gb18030"),  # also valid Big5 (as mojibake)
    (TRAD, TRAD.encode("gb18030"), "gb18030"),  # Traditional characters written in GBK
]


@pytest.mark.parametrize("text, data, encoding", ENCODING_CASES)
def test_txt_encoding(tmp_path, text, data, encoding):
    doc = load(write(tmp_path, "note.txt", data))
    assert (doc.text, doc.meta.encoding, doc.meta.format) == (text, encoding, "txt")
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("text", [TRAD * 2, SIMP * 2, TRAD[:12], SIMP[:12]])
def test_big5_and_gb_come_back_as_written(text):
    for encoding in ("big5", "gb18030"):
        if encoding == "big5" and text.startswith(SIMP[:3]):
            continue  # Simplified characters have no Big5 code
        assert detect_cjk(text.encode(encoding)) == (text, encoding)


def test_encoding_option_overrides_detection(tmp_path):
    data = "國際關係\n".encode("big5")  # detection would say big5 too; the option decides, not detection
    doc = load(write(tmp_path, "note.txt", data), encoding="cp950")
    assert (doc.text, doc.meta.encoding) == ("國際關係\n", "cp950")
    path = write(tmp_path, "plain.txt", TRAD.encode("utf-16-le"))  # no BOM: NUL bytes would say "binary"
    assert load(path, encoding="utf-16-le").text == TRAD


@pytest.mark.parametrize("raw, text", [
    ("第一行\r\n第二行\r\n", "第一行\n第二行\n"),
    ("第一行\r第二行\r", "第一行\n第二行\n"),  # old Mac line ends
    ("  縮排保留\n\n\n空行保留  \n", "  縮排保留\n\n\n空行保留  \n"),  # nothing else changes
])
def test_txt_newlines(tmp_path, raw, text):
    assert load(write(tmp_path, "note.txt", raw.encode("utf-8"))).text == text


def test_markdown(tmp_path):
    doc = load(write(tmp_path, "Note.MD", "# 標題\n\n內文。\n".encode()))
    assert (doc.text, doc.meta.format, doc.meta.encoding) == ("# 標題\n\n內文。\n", "md", "utf-8")


# ---- bad inputs: reason slug and the exact line ---------------------------------------------------

def make_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "reports.txt"
    folder.mkdir()
    return folder


BAD_INPUTS = [  # file name, bytes (None: make nothing), encoding, reason, message after "<path>: "
    ("gone.txt", None, None, "missing", "no such file"),
    ("notes.csv", b"a,b\n", None, "unsupported-type",
     "unsupported file type '.csv'; eastwatch reads .txt, .md, .pdf, .docx, .html, .htm"),
    ("README", b"text\n", None, "unsupported-type",
     "unsupported file type '(no suffix)'; eastwatch reads .txt, .md, .pdf, .docx, .html, .htm"),
    ("zero.txt", b"", None, "empty", "empty file (0 bytes)"),
    ("zero.pdf", b"", None, "empty", "empty file (0 bytes)"),
    ("blank.txt", b" \n\t\r\n\n", None, "empty", "holds only whitespace"),
    ("bom-only.txt", b"\xff\xfe", None, "empty", "holds only whitespace"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", None, "binary",
     "binary data (NUL or control bytes), not text; is it really a text file?"),
    ("controls.txt", b"abc\x01\x02\x03\x04def" * 10, None, "binary",
     "binary data (NUL or control bytes), not text; is it really a text file?"),
    ("latin1.txt", "Le café est français.\n".encode("latin-1"), None, "undecodable",
     "not UTF-8, UTF-16, Big5 or GB18030; pass --encoding if you know it"),
    ("korean.txt", (KOREAN * 2).encode("euc-kr"), None, "undecodable",  # valid GB18030, but reads as mojibake
     "not UTF-8, UTF-16, Big5 or GB18030; pass --encoding if you know it"),
    ("forced.txt", "國際".encode(), "ascii", "undecodable",
     "not valid ascii (byte 0xe5 at offset 0); check --encoding ascii, or leave it out to detect"),
    ("unknown.txt", b"abc", "klingon", "undecodable",
     "unknown encoding 'klingon'; use a Python codec name such as big5, gb18030 or utf-16-le"),
    ("broken16.txt", b"\xff\xfe\x00\xd8", None, "undecodable",  # a lone surrogate after the mark
     "not valid utf-16 (byte 0x00 at offset 2); it starts with a utf-16 byte-order mark but is damaged"),
]


@pytest.mark.parametrize("name, data, encoding, reason, message", BAD_INPUTS)
def test_bad_input(tmp_path, name, data, encoding, reason, message):
    path = tmp_path / name if data is None else write(tmp_path, name, data)
    err = failure(path, encoding=encoding)
    assert (err.reason, str(err)) == (reason, f"{path}: {message}")


def test_folder_is_not_a_file(tmp_path):
    folder = make_dir(tmp_path)
    err = failure(folder)
    assert (err.reason, str(err)) == ("not-a-file", f"{folder}: not a file (a folder?); name a file, or pass "
                                                     "the folder to ingest")


def test_suffixes():
    assert SUFFIXES == (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


# ---- PDF ----------------------------------------------------------------------------------------

PAGE_ONE = ["第一章 東北亞安全情勢", "日本與南韓在今年春季恢復了外長層級的定期會談，", "雙方同意擴大經濟與安全合作。"]
PAGE_TWO = ["美國國務院表示樂見兩國改善關係。"]


def cns_font() -> str:
    """MSung-Light with the CMap Traditional Chinese needs (ReportLab 5.1 declares the GB one; see pdf.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(cidfonts.defaultUnicodeEncodings, "MSung-Light", ("cht", "UniCNS-UCS2-H"))
        pdfmetrics.registerFont(cidfonts.UnicodeCIDFont("MSung-Light"))
    return "MSung-Light"


def make_pdf(pages: list[list[str]], font: str | None = None, info: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=True)
    for lines in pages:
        pdf.setFont(font or cns_font(), 12)
        for number, line in enumerate(lines):
            pdf.drawString(72, 750 - 18 * number, line)
        if not lines:
            pdf.rect(72, 400, 300, 300, fill=1)  # an image-only page stands in for a scan
        pdf.showPage()
    pdf.save()
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(buffer.getvalue())))
    writer.add_metadata(info or {})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_INFO = {"/Title": "東北亞情勢評估", "/Author": "王小明", "/CreationDate": "D:20230115103000+08'00'"}


def test_pdf_text_and_metadata(tmp_path):
    data = make_pdf([PAGE_ONE, PAGE_TWO], info=PDF_INFO)
    doc = load(write(tmp_path, "report.pdf", data))
    assert doc.text == "\n".join(PAGE_ONE) + "\n" + "\n".join(PAGE_TWO)  # page lines kept, pages joined by \n
    assert (doc.meta.format, doc.meta.title, doc.meta.author, doc.meta.date) == (
        "pdf", "東北亞情勢評估", "王小明", "2023-01-15")
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_pdf_with_wrong_cmap_still_reads(tmp_path):
    """ReportLab's stock MSung-Light declares UniGB-UCS2-H: pdfminer reads mojibake, pypdf the right text."""
    pdfmetrics.registerFont(cidfonts.UnicodeCIDFont("MSung-Light"))
    data = make_pdf([PAGE_ONE], font="MSung-Light")
    assert load(write(tmp_path, "stock.pdf", data)).text == "\n".join(PAGE_ONE)


def test_pdf_simplified(tmp_path):
    pdfmetrics.registerFont(cidfonts.UnicodeCIDFont("STSong-Light"))
    data = make_pdf([["中国外交部发言人表示，北京愿意加强沟通。"]], font="STSong-Light")
    assert load(write(tmp_path, "cn.pdf", data)).text == "中国外交部发言人表示，北京愿意加强沟通。"


def test_pdf_office_title(tmp_path):
    info = {"/Title": "Microsoft Word - 東北亞評估初稿.docx", "/Author": "Administrator", "/CreationDate": "D:2021"}
    doc = load(write(tmp_path, "word.pdf", make_pdf([PAGE_TWO], info=info)))
    assert (doc.meta.title, doc.meta.author, doc.meta.date) == ("東北亞評估初稿", None, "2021")  # placeholder: no one


@pytest.mark.parametrize("value, iso", [
    ("D:20230115103000+08'00'", "2023-01-15"),  # the day as written, no shift to UTC
    ("D:20230115", "2023-01-15"),
    ("D:202301", "2023-01"),
    ("20230115", "2023-01-15"),
    ("D:2023", "2023"),
    ("D:20231345", None),  # month 13
    ("D:20230230", None),  # 30 February
    ("yesterday", None),
    (None, None),
])
def test_pdf_date(value, iso):
    assert pdf_date(value) == iso


def encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([PAGE_TWO]))))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    data = make_pdf([PAGE_ONE, PAGE_TWO])
    return data[: len(data) // 2]


BAD_PDFS = [  # name, bytes factory, reason, message after "<path>: "
    ("half.pdf", truncated_pdf, "truncated-pdf", "truncated PDF (no end-of-file marker); re-save or re-download it"),
    ("page.pdf", lambda: b"<html><body>Not found</body></html>\n%%EOF", "bad-pdf",
     "not a PDF (no %PDF- header); check that the file really is a PDF"),
    ("locked.pdf", encrypted_pdf, "bad-pdf",
     "encrypted PDF (needs a password); remove the password (print it to a new PDF) and try again"),
    ("scan.pdf", lambda: make_pdf([[], []]), "no-text",
     "PDF has no text layer; it looks scanned (pages are images); run OCR on it first (e.g. ocrmypdf) and load "
     "the result"),
]


@pytest.mark.parametrize("name, make, reason, message", BAD_PDFS)
def test_bad_pdf(tmp_path, name, make, reason, message):
    path = write(tmp_path, name, make())
    err = failure(path)
    assert (err.reason, str(err)) == (reason, f"{path}: {message}")


def test_damaged_pdf(tmp_path):
    path = write(tmp_path, "junk.pdf", b"%PDF-1.4\nnothing here is a PDF object\n%%EOF\n")
    err = failure(path)
    assert err.reason == "bad-pdf"
    assert str(err).startswith(f"{path}: unreadable PDF (")  # names what pdfminer could not parse
    assert str(err).endswith("); re-save it from a PDF viewer, or re-download it")
    assert "\n" not in str(err)


# ---- DOCX ---------------------------------------------------------------------------------------

def make_docx(fill=None) -> bytes:
    document = docx.Document()
    if fill:
        fill(document)
    props = document.core_properties
    props.title, props.author, props.created = "日韓關係觀察", "陳美玲", datetime(2022, 11, 3, 9, 30)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report(document) -> None:
    document.add_heading("一、前言", level=1)
    document.add_paragraph("南韓新政府上任後，積極尋求改善與日本的關係。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "國家", "國防預算"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "資料來源：各國政府公開資料"
    document.add_heading("二、雙邊互動", level=2)
    paragraph = document.add_paragraph("兩國領袖今年兩度會面。")
    paragraph.add_run().add_break()
    paragraph.add_run("雙方同意恢復穿梭外交。")


def test_docx_text_and_metadata(tmp_path):
    doc = load(write(tmp_path, "brief.docx", make_docx(report)))
    assert doc.text.split("\n") == [
        "一、前言",  # a heading keeps its own line
        "南韓新政府上任後，積極尋求改善與日本的關係。",
        "國家", "國防預算", "資料來源：各國政府公開資料",  # table cells where the table is; merged cell once
        "二、雙邊互動",
        "兩國領袖今年兩度會面。", "雙方同意恢復穿梭外交。",  # a line break inside a paragraph
    ]
    assert (doc.meta.format, doc.meta.title, doc.meta.author, doc.meta.date) == (
        "docx", "日韓關係觀察", "陳美玲", "2022-11-03")


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def without_body() -> bytes:
    with zipfile.ZipFile(io.BytesIO(make_docx(report))) as archive:
        return zip_of({name: archive.read(name) for name in archive.namelist() if name != "word/document.xml"})


BAD_DOCX = [  # name, bytes factory, reason, message after "<path>: "
    ("old.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "bad-docx",
     "not a .docx (not a zip archive); re-save it from Word as .docx (old .doc files are not supported)"),
    ("cut.docx", lambda: make_docx(report)[:2000], "bad-docx",
     "not a .docx (not a zip archive); re-save it from Word as .docx (old .doc files are not supported)"),
    ("other.docx", lambda: zip_of({"hello.txt": b"hi"}), "bad-docx",
     "not a Word document (no [Content_Types].xml inside); re-save it from Word as .docx"),
    ("hollow.docx", without_body, "bad-docx",
     "not a Word document (no word/document.xml inside); re-save it from Word as .docx"),
    ("blank.docx", make_docx, "no-text",
     "the document holds no text; if it is a scanned image pasted into Word, run OCR on it first"),
]


@pytest.mark.parametrize("name, make, reason, message", BAD_DOCX)
def test_bad_docx(tmp_path, name, make, reason, message):
    path = write(tmp_path, name, make())
    err = failure(path)
    assert (err.reason, str(err)) == (reason, f"{path}: {message}")


# ---- HTML ---------------------------------------------------------------------------------------

NEWS_TEXT = [
    "日韓外長會談 同意恢復安全對話機制",  # the headline, from the metadata, as the first line
    "日本與南韓外交部長二十日在首爾舉行會談，雙方同意恢復已中斷多年的副部長級安全對話，並就區域情勢交換意見。",
    "南韓外交部在會後發表的新聞稿中指出，兩國將在今年下半年召開首次對話，議題涵蓋海上安全、供應鏈韌性與北韓飛彈發射等問題。",
    "日本外務省官員表示，東京樂見首爾在改善雙邊關係上所做的努力，並期待三邊合作能在美國協調下進一步深化。",
    "學者：對話能否延續仍待觀察",
    "國立政治大學一名研究日韓關係的學者分析，雙方近年在歷史議題上的分歧並未消失，對話機制能否長期運作，仍取決於兩國國內政治氣氛的變化。",
    "這名學者也提醒，中國大陸對美日韓安全合作的態度，將是影響東北亞局勢的另一項關鍵因素。",
]
NEWS_CLUTTER = [  # on the page, never in the text
    "按Enter到主內容區", "本網站使用Cookie", "我知道了", "首頁", "兩岸", "財經", "搜尋", "分享至Facebook", "分享至LINE",
    "複製連結", "（圖／路透社）", "兩國外長在會談前握手致意", "（中央社記者陳大文攝）", "請繼續往下閱讀", "Twitter",
    "延伸閱讀", "北韓再度試射短程飛彈", "熱門新聞", "颱風動態", "版權所有", "隱私權政策", "客服電話",
    "window.dataLayer",
]
NEWS_PAGE = (FIXTURES / "news.html").read_bytes()


def test_html_news_page(tmp_path):
    doc = load(write(tmp_path, "news.html", NEWS_PAGE))
    assert doc.text.split("\n") == NEWS_TEXT
    assert doc.meta == doc.meta.__class__(
        path=str(tmp_path / "news.html"), format="html", encoding="utf-8", title="日韓外長會談 同意恢復安全對話機制",
        author="記者林美華／台北報導", date="2024-05-20", url="https://news.example.com.tw/world/20240520/12345",
        site="東海新聞網")


@pytest.mark.parametrize("clutter", NEWS_CLUTTER)
def test_html_clutter_is_gone(tmp_path, clutter):
    assert clutter not in load(write(tmp_path, "news.htm", NEWS_PAGE)).text


def as_charset(page: bytes, label: str | None, codec: str) -> bytes:
    head = b'<meta charset="utf-8">'
    declared = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'.encode() if label else b""
    return page.replace(head, declared).decode("utf-8").encode(codec, errors="xmlcharrefreplace")  # © -> &#169;


@pytest.mark.parametrize("label, codec, used", [
    ("big5", "cp950", "cp950"),  # declared Big5: read with the Microsoft superset, as browsers do
    (None, "big5", "big5"),  # nothing declared: detected
    ("big5", "utf-8", "utf-8"),  # re-saved as UTF-8 but still declaring Big5: detection wins
    ("gb2312", "gb18030", "gb18030"),  # a GBK page with Traditional text
])
def test_html_charsets(tmp_path, label, codec, used):
    doc = load(write(tmp_path, "page.html", as_charset(NEWS_PAGE, label, codec)))
    assert (doc.text.split("\n"), doc.meta.encoding) == (NEWS_TEXT, used)


SIMPLIFIED_PAGE = """<html><head><meta charset="gb2312"><title>中日韩合作</title></head><body>
<nav><a href="/">首页</a></nav><article><h1>中日韩合作</h1>
<p>三国外长在会议上同意加强经济合作，并就区域安全问题交换了意见。</p>
<p>分析人士认为，这次会议为恢复领导人会晤奠定了基础。</p>
<p>（新华社记者李明摄）</p></article><footer>版权所有 © 某某网</footer></body></html>"""


def test_html_simplified_gb(tmp_path):
    doc = load(write(tmp_path, "cn.html", SIMPLIFIED_PAGE.encode("gb18030")))
    assert doc.text.split("\n") == ["中日韩合作", "三国外长在会议上同意加强经济合作，并就区域安全问题交换了意见。",
                                    "分析人士认为，这次会议为恢复领导人会晤奠定了基础。"]
    assert (doc.meta.encoding, doc.meta.title) == ("gb18030", "中日韩合作")


@pytest.mark.parametrize("page, charset", [
    (b'<meta charset="Big5">', "big5"),
    (b"<meta http-equiv='content-type' content='text/html;charset=GB2312'>", "gb2312"),
    (b'<?xml version="1.0" encoding="UTF-8"?><html>', "utf-8"),
    (b"<html><body>no declaration</body></html>", None),
])
def test_declared_charset(page, charset):
    assert declared_charset(page) == charset


def test_html_damaged_bytes_use_declared_charset(tmp_path):
    """One broken pair in a Big5 page defeats strict decoding and detection; the declared charset reads the rest."""
    page = as_charset(NEWS_PAGE, "big5", "cp950").replace("首爾舉行".encode("cp950"), b"\xa4\x0a", 1)
    doc = load(write(tmp_path, "page.html", page))
    assert doc.meta.encoding == "cp950"
    damaged = NEWS_TEXT[1].replace("首爾舉行", "\ufffd ")  # the bad pair, and its \n byte as HTML space
    assert doc.text.split("\n") == [NEWS_TEXT[0], damaged, *NEWS_TEXT[2:]]


def test_html_without_text(tmp_path):
    page = b"<html><head><title>x</title></head><body><script>render()</script></body></html>"
    path = write(tmp_path, "app.html", page)
    err = failure(path)
    assert (err.reason, str(err)) == ("no-text", f"{path}: no article text found in the page; save the article "
                                                  "page itself (not an index page, or one drawn by JavaScript)")


DROPPED = [
    "按Enter到主內容區", "跳到主要內容區", ":::", "（圖／中央社）", "圖／路透", "(圖/美聯社)", "（中央社記者陳大文攝）",
    "（新华社记者李明摄）", "（翻攝自臉書）", "分享至Facebook", "LINE", "複製連結", "加入LINE好友", "請繼續往下閱讀...",
    "延伸閱讀", "下一篇", "首頁", "本網站使用Cookie以提供更好的瀏覽體驗，繼續瀏覽即表示您同意。", "我知道了",
    "© 2024 某某新聞網", "東海新聞網 版權所有 © 2024 Donghai News. All Rights Reserved.",
]
KEPT = [
    "（中央社記者陳大文台北20日電）日韓外長今天在首爾會談。",  # a dateline, not a credit
    "外交部長表示，兩國將繼續分享情報。",
    "出版社表示，該書版權所有人已同意授權。",
    "歐盟要求網站使用Cookie前須取得同意。",
    "圖們江出海口的開發計畫再度受到關注。",
    "更多國家表態支持這項倡議。",
]


@pytest.mark.parametrize("line", DROPPED)
def test_clutter_line_dropped(line):
    assert drop_clutter(f"第一段。\n{line}\n第二段。") == "第一段。\n第二段。"


@pytest.mark.parametrize("line", KEPT)
def test_body_line_kept(line):
    assert drop_clutter(line) == line


@pytest.mark.parametrize("value, cleaned", [
    ("  陳美玲 ", "陳美玲"), ("Administrator", None), ("USER", None), ("Windows 使用者", None), ("python-docx", None),
    ("", None), (None, None), (b"\xfe\xff", None),
])
def test_metadata_placeholders(value, cleaned):
    assert clean(value) == cleaned


# ---- speed and the seeds -------------------------------------------------------------------------

TXT_FILES = 1000
TXT_BUDGET_SECONDS = 3.0  # measured ~0.1 s on the lead's machine; 10,000 documents must ingest in 2 minutes


def test_txt_is_fast(tmp_path):
    paths = [write(tmp_path, f"{n}.txt", (TRAD * 60).encode("utf-8")) for n in range(TXT_FILES // 2)]
    paths += [write(tmp_path, f"{n}.big5.txt", (TRAD * 60).encode("big5")) for n in range(TXT_FILES // 2)]
    start = time.perf_counter()
    for path in paths:
        load(path)
    assert time.perf_counter() - start < TXT_BUDGET_SECONDS


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared (the seeds)")
@pytest.mark.parametrize("seed", sorted((SHARED / "seeds").glob("*.txt")) if SHARED.exists() else [])
def test_seed_loads_unchanged(seed):
    doc = load(seed)
    raw = seed.read_bytes()
    assert (doc.text, doc.meta.encoding, doc.sha256) == (
        raw.decode("utf-8").replace("\r\n", "\n"), "utf-8", hashlib.sha256(raw).hexdigest())
