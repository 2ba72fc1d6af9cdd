"""Build the demo corpus's .pdf, .docx and .html documents from the clean texts in demo/sources/.

Run from anywhere:  python demo/make_formats.py
Needs reportlab (dev extra) and python-docx. The PDF is built in reportlab's invariant mode and
the DOCX core properties carry the writing date, so rebuilding changes little besides zip timestamps.

Source format (UTF-8): line 1 title or headline; report sources have the author line on line 2,
key points as "- " lines and section headings starting with "（"; every other non-empty line
is one paragraph.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path

DEMO = Path(__file__).resolve().parent
SOURCES = DEMO / "sources"
CORPUS = DEMO / "corpus"

PDF_SOURCE = "2019-09-16_japan-rok-export-controls-gsomia"
DOCX_SOURCE = "2024-06-12_seoul-trilateral-summit"
HTML_SOURCE = "2023-08-19_camp-david-summit"

PDF_FONT = "STSong-Light"  # built-in Adobe CID font (Adobe-GB1 also covers Traditional forms): no font file
PDF_RUNNING_HEAD = "東北亞情勢評估報告"
PDF_BODY_SIZE = 11
PDF_LEADING = 18
HTML_PUBLISHED = "2023-08-19T08:35:00+08:00"
MAX_OUTPUT_BYTES = 200_000  # keep generated files small enough to commit


@dataclass
class Report:
    """A report chapter parsed from a source file."""

    title: str
    author: str
    key_points: list[str] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("heading" | "para", text)


@dataclass
class News:
    """A news item parsed from a source file: headline and paragraphs (dateline in the first)."""

    headline: str
    paragraphs: list[str]


def read_lines(stem: str) -> list[str]:
    text = (SOURCES / f"{stem}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_report(stem: str) -> Report:
    lines = read_lines(stem)
    report = Report(title=lines[0], author=lines[1])
    for line in lines[2:]:
        if line.startswith("- "):
            report.key_points.append(line[2:])
        elif line.startswith("（"):
            report.blocks.append(("heading", line))
        else:
            report.blocks.append(("para", line))
    return report


def parse_news(stem: str) -> News:
    lines = read_lines(stem)
    return News(headline=lines[0], paragraphs=lines[1:])


def writing_date(stem: str) -> dt.datetime:
    return dt.datetime.strptime(stem[:10], "%Y-%m-%d")


def author_name(author_line: str) -> str:
    """The analyst's name for document metadata: the 3 characters before 主稿/撰稿/執筆."""
    for verb in ("主稿", "撰稿", "執筆"):
        if author_line.endswith(verb):
            return author_line[: -len(verb)][-3:]
    return author_line


# ---------------------------------------------------------------- PDF


def build_pdf(stem: str) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    report = parse_report(stem)
    out = CORPUS / f"{stem}.pdf"
    base = ParagraphStyle(
        "body",
        fontName=PDF_FONT,
        fontSize=PDF_BODY_SIZE,
        leading=PDF_LEADING,
        wordWrap="CJK",
        firstLineIndent=2 * PDF_BODY_SIZE,
        spaceAfter=6,
    )
    styles = {
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=24, firstLineIndent=0, spaceAfter=4),
        "author": ParagraphStyle("author", parent=base, firstLineIndent=0, spaceAfter=12),
        "point": ParagraphStyle("point", parent=base, firstLineIndent=0, leftIndent=14, bulletIndent=0),
        "heading": ParagraphStyle("heading", parent=base, fontSize=13, firstLineIndent=0, spaceBefore=8),
        "para": base,
    }
    story = [
        Paragraph(html.escape(report.title), styles["title"]),
        Paragraph(html.escape(report.author), styles["author"]),
    ]
    story += [Paragraph(html.escape(p), styles["point"], bulletText="■") for p in report.key_points]
    story.append(Spacer(1, 8))
    story += [Paragraph(html.escape(text), styles[kind]) for kind, text in report.blocks]

    def decorate(canvas, doc) -> None:  # running head and page number, as real reports have
        canvas.saveState()
        canvas.setFont(PDF_FONT, 9)
        width, height = A4
        canvas.drawString(doc.leftMargin, height - 40, PDF_RUNNING_HEAD)
        canvas.drawCentredString(width / 2, 30, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        title=report.title,
        author=author_name(report.author),
        subject="中日韓關係",
        creator="eastwatch demo",
        invariant=1,
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return out


# ---------------------------------------------------------------- DOCX


def build_docx(stem: str) -> Path:
    import docx

    report = parse_report(stem)
    out = CORPUS / f"{stem}.docx"
    document = docx.Document()
    document.add_heading(report.title, level=1)
    document.add_paragraph(report.author)
    for point in report.key_points:
        document.add_paragraph(point, style="List Bullet")
    for kind, text in report.blocks:
        if kind == "heading":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    props = document.core_properties
    props.title = report.title
    props.author = author_name(report.author)
    props.subject = "中日韓關係"
    props.keywords = "中日韓領導人會議; 首爾; 北韓衛星"
    props.language = "zh-TW"
    props.created = props.modified = writing_date(stem)
    props.last_modified_by = props.author
    document.save(str(out))
    return out


# ---------------------------------------------------------------- HTML

NAV_ITEMS = ("首頁", "即時", "政治", "國際", "兩岸", "產經", "證券", "科技", "生活", "社會", "地方", "文化", "運動")
SHARE_BUTTONS = ("Facebook", "LINE", "X", "複製連結")
RELATED = (
    ("岸田：20日視察福島核電廠 處理水排放決策進入最後階段", "/news/aopl/202308180012"),
    ("美日韓領袖5月曾在廣島G7峰會期間會面", "/news/aopl/202305210007"),
    ("外交部感謝美日韓三國關切臺海情勢", "/news/aipl/202308190031"),
)
PHOTO_CAPTION = "南韓總統尹錫悅（左起）、美國總統拜登、日相岸田文雄18日在大衛營舉行聯合記者會。（中央社）"

HTML_HEAD = """<!DOCTYPE html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | 國際 | 中央社 CNA</title>
<meta name="description" content="{description}">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="中央社 CNA">
<meta property="article:published_time" content="{published}">
<meta property="article:section" content="國際">
<meta name="author" content="{byline}">
<link rel="stylesheet" href="/css/main.css">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "{published}", "author": {{"@type": "Person", "name": "{byline}"}}}}</script>
</head>
"""

HTML_CHROME_TOP = """<body>
<a class="skip-main" href="#main-content" tabindex="1">按Enter到主內容區</a>
<header class="site-header">
  <div class="logo"><a href="/">中央社 CNA</a></div>
  <nav class="main-menu"><ul>
{nav}
  </ul></nav>
  <div class="search"><form action="/search"><input type="text" name="q" placeholder="搜尋"></form></div>
</header>
<div class="ad ad-top">廣告</div>
<div class="breadcrumb"><a href="/">首頁</a> &gt; <a href="/list/aopl.aspx">國際</a></div>
"""

HTML_CHROME_BOTTOM = """<aside class="sidebar">
  <h2>熱門新聞</h2>
  <ol><li><a href="/news/ahel/202308190002">週末天氣晴朗炎熱 午後留意局部陣雨</a></li>
  <li><a href="/news/ait/202308190005">電子書展週末登場 現場人潮湧入</a></li></ol>
  <div class="subscribe">訂閱電子報 <input type="email" placeholder="請輸入Email"><button>訂閱</button></div>
</aside>
<footer class="site-footer">
  <ul><li><a href="/about">關於我們</a></li><li><a href="/privacy">隱私權政策</a></li>
  <li><a href="/contact">聯絡我們</a></li></ul>
  <p>本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。</p>
  <p>© 2023 中央通訊社 版權所有</p>
</footer>
<script src="/js/main.js"></script>
</body>
</html>
"""


def byline_of(dateline_paragraph: str) -> str:
    """'（中央社記者張志豪華盛頓18日專電）…' -> '張志豪' (the 3 characters after 記者)."""
    start = dateline_paragraph.find("記者")
    return dateline_paragraph[start + 2 : start + 5] if start >= 0 else "中央社"


def html_article(news: News) -> str:
    esc = html.escape
    paragraphs = "\n".join(f"    <p>{esc(p)}</p>" for p in news.paragraphs)
    shares = "".join(f'<button class="share" data-site="{esc(s)}">{esc(s)}</button>' for s in SHARE_BUTTONS)
    related = "\n".join(f'      <li><a href="{href}">{esc(t)}</a></li>' for t, href in RELATED)
    return f"""<main id="main-content">
  <article class="news-article">
    <h1>{esc(news.headline)}</h1>
    <div class="updatetime"><span>2023/08/19 08:35</span></div>
    <div class="share-bar">{shares}</div>
    <figure class="main-photo"><img src="/photos/20230819/camp-david.jpg" alt="{esc(news.headline)}">
      <figcaption>{esc(PHOTO_CAPTION)}</figcaption></figure>
    <div class="paragraph">
{paragraphs}
    </div>
    <div class="article-end">（編輯：吳佳蓉）1120819</div>
  </article>
  <section class="related"><h2>延伸閱讀</h2>
    <ul>
{related}
    </ul>
  </section>
</main>
"""


def build_html(stem: str) -> Path:
    news = parse_news(stem)
    out = CORPUS / f"{stem}.html"
    nav = "\n".join(
        f'    <li><a href="/list/{i}.aspx">{html.escape(item)}</a></li>' for i, item in enumerate(NAV_ITEMS)
    )
    head = HTML_HEAD.format(
        title=html.escape(news.headline),
        description=html.escape(news.paragraphs[0][:80]),
        published=HTML_PUBLISHED,
        byline=html.escape(byline_of(news.paragraphs[0])),
    )
    page = head + HTML_CHROME_TOP.format(nav=nav) + html_article(news) + HTML_CHROME_BOTTOM
    out.write_text(page, encoding="utf-8")
    return out


def main() -> None:
    for path in (build_pdf(PDF_SOURCE), build_docx(DOCX_SOURCE), build_html(HTML_SOURCE)):
        size = path.stat().st_size
        if size > MAX_OUTPUT_BYTES:
            raise SystemExit(f"{path.name} is {size} bytes, over the {MAX_OUTPUT_BYTES} limit")
        print(f"wrote {path.relative_to(DEMO.parent)} ({size} bytes)")


if __name__ == "__main__":
    main()
