"""Hostile content for the XSS tests: the corpus, a site filled with it, and the checks
that a page, a feed or a JSON-LD block holds nothing a browser would run.

Many vectors share one object (packed up to each field's length), so a few dozen articles,
authors and tags carry the whole corpus in every field a newsroom fills.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from django.utils import timezone
from lxml import etree

CORPUS = Path(__file__).with_name("xss_vectors.txt")


def vectors() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line.strip() and not line.startswith("#")]


def pack(items: list[str], limit: int, sep: str = " ") -> list[str]:
    """Join items into strings of at most ``limit`` characters; an item longer than the
    limit gets a string of its own, cut to the limit."""
    out: list[str] = []
    current = ""
    for item in items:
        item = item[:limit]
        if current and len(current) + len(sep) + len(item) <= limit:
            current += sep + item
        else:
            if current:
                out.append(current)
            current = item
    if current:
        out.append(current)
    return out


def as_paragraphs(items: list[str]) -> str:
    """Vectors as stored rich text, each in a paragraph of its own, unescaped: what code that
    writes ``body`` directly (a script, an importer with a bug) could leave in the database."""
    return "".join(f"<p>{item}</p>" for item in items)


def spread(items: list, n: int) -> list[list]:
    """``items`` dealt into ``n`` hands, in turn."""
    return [items[i::n] for i in range(n)]


# ---------------------------------------------------------------------------------------
# A site full of hostile text


@dataclass
class HostileSite:
    rubric: object
    articles: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    image: object = None

    def page_urls(self) -> list[str]:
        """Every reader page that shows the hostile text."""
        urls = ["/", self.rubric.url, "/kk/", "/en" + self.rubric.url]
        urls += [a.url for a in self.articles]
        urls += [a.get_absolute_url() for a in self.authors]
        urls += [t.get_absolute_url() for t in self.tags]
        return urls

    def feed_urls(self) -> list[str]:
        urls = ["/feeds/rss/", "/feeds/atom/", "/feeds/yandex/"]
        urls += [f"/feeds/rubric/{self.rubric.slug}/rss/", f"/feeds/rubric/{self.rubric.slug}/atom/"]
        urls += [f"/feeds/author/{a.slug}/rss/" for a in self.authors]
        urls += [f"/feeds/tag/{t.slug}/atom/" for t in self.tags]
        return urls


def hostile_image(*, alt_text: str, credit: str, title: str):
    from wagtail.images.tests.utils import get_test_image_file

    from vestnik.images.models import NewsImage

    return NewsImage.objects.create(
        title=title[:255],
        alt_text=alt_text[:255],
        credit=credit[:255],
        file=get_test_image_file(size=(1600, 900)),
    )


def build_hostile_site(home, corpus: list[str] | None = None) -> HostileSite:
    """A rubric, articles, authors, tags and images whose every text field holds vectors;
    every vector reaches every field at least once. The bodies and corrections are then
    written over in the database, raw, past the page's own cleaning: what a script, a
    migration or an old database could hold."""
    from vestnik.news.models import ArticlePage, Author, CorrectionNote, Tag
    from vestnik.news.tests.factories import RubricFactory, article_with

    corpus = corpus if corpus is not None else vectors()
    rubric = RubricFactory(parent=home, title=pack(corpus, 255)[0], description=pack(corpus, 500)[0])
    titles, leads = pack(corpus, 255), pack(corpus, 600)
    captions, credits, alts = pack(corpus, 300), pack(corpus, 255), pack(corpus, 255)
    author_names, bios, tag_names = pack(corpus, 150), pack(corpus, 1000), pack(corpus, 100)
    n = max(len(titles), len(leads), len(captions), len(alts))
    images = [hostile_image(alt_text=alts[i % len(alts)], credit=credits[i % len(credits)], title=titles[i % len(titles)])
              for i in range(min(n, 4))]  # fmt: skip
    authors = [Author.objects.create(name=name, bio=bios[i % len(bios)], position=name[:150])
               for i, name in enumerate(author_names)]  # fmt: skip
    tags = [Tag.objects.create(name=name) for name in tag_names]
    bodies, corrections = spread(corpus, n), spread(list(reversed(corpus)), n)
    author_hands, tag_hands = spread(authors, n), spread(tags, n)
    now = timezone.now()
    articles = []
    for i in range(n):
        articles.append(
            article_with(
                rubric=rubric,
                authors=author_hands[i],
                tags=tag_hands[i],
                title=titles[i % len(titles)],
                lead=leads[i % len(leads)],
                body=as_paragraphs(bodies[i]),
                hero_image=images[i % len(images)],
                hero_caption=captions[i % len(captions)],
                search_description=leads[(i + 1) % len(leads)][:255],
                first_published_at=now - dt.timedelta(hours=i + 1),
            )
        )
    for i, (article, body, correction) in enumerate(zip(articles, bodies, corrections, strict=True)):
        noted = now - dt.timedelta(minutes=i)
        ArticlePage.objects.filter(pk=article.pk).update(body=as_paragraphs(body), updated_at=noted)
        CorrectionNote.objects.create(page=article, noted_at=noted, text=as_paragraphs(correction))
    return HostileSite(rubric=rubric, articles=articles, authors=authors, tags=tags, image=images[0])


# ---------------------------------------------------------------------------------------
# The checks

# What a reader page may run: its own script file and JSON-LD data blocks.
OWN_SCRIPT = re.compile(r"^/static/js/[\w.-]+\.js$")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href",
                  "{http://www.w3.org/1999/xlink}href", "srcset", "codebase", "cite", "longdesc"}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
# Elements no reader page has of its own and no text may bring in.
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "svg", "math",
             "template", "xmp", "noscript", "marquee", "video", "audio",
             "source", "portal", "isindex"}  # fmt: skip
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
# Belt and braces, on the raw text: a script tag that the parser might have read otherwise.
_RAW_SCRIPT = re.compile(r"<script\b(?![^>]*\b(?:type=\"application/ld\+json\"|src=\"/static/js/))", re.I)


def dangerous_url(value: str) -> bool:
    """Whether a browser would read the URL with a script-running scheme. As the WHATWG URL
    parser does: C0 controls and spaces around it and tabs and newlines inside it do not
    count; anything else (a zero-width space, fullwidth letters) makes it a relative path."""
    value = _TAB_OR_NEWLINE.sub("", (value or "").strip("".join(map(chr, range(0x21))))).lower()
    return value.startswith(BAD_SCHEMES)


def ld_json_problems(text: str, where: str) -> list[str]:
    problems = []
    if re.search(r"</script|<!--|<script", text, re.I):
        problems.append(f"{where}: JSON-LD holds a raw '</script', '<script' or '<!--'")
    try:
        json.loads(text)
    except ValueError as exc:
        problems.append(f"{where}: JSON-LD does not parse: {exc}")
    return problems


def own_picture_source(element) -> bool:
    """A <source> of a <picture> the site drew itself: renditions under /media/, nothing else
    (lxml's HTML parser nests a <picture>'s sources in one another, hence any ancestor)."""
    urls = re.findall(r"(\S+)(?:\s+\d+[wx])?(?:,|$)", element.get("srcset", ""))
    return (
        element.tag == "source"
        and next(element.iterancestors("picture"), None) is not None
        and set(element.attrib) <= {"srcset", "sizes", "type"}
        and bool(urls)
        and all(url.startswith("/media/images/") for url in urls)
    )


def html_problems(markup: str, where: str, *, document: bool = True) -> list[str]:
    """What in this HTML could run a script: script elements other than the page's own file
    and JSON-LD, event-handler attributes, javascript:/vbscript:/data: URLs, inline styles,
    frames, plugins, SVG, MathML and the like."""
    problems = []
    for match in _RAW_SCRIPT.finditer(markup):
        problems.append(
            f"{where}: a raw <script> tag: {markup[max(0, match.start() - 20) : match.end() + 40]!r}"
        )
    if not markup.strip():
        return problems
    root = (
        lxml.html.document_fromstring(markup)
        if document
        else lxml.html.fragment_fromstring(markup, create_parent="div")
    )
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        tag = element.tag.lower()
        if tag == "script":
            kind = (element.get("type") or "").lower()
            if kind == "application/ld+json":
                problems += ld_json_problems(element.text or "", where)
            elif (
                not (element.get("src") and OWN_SCRIPT.match(element.get("src")))
                or (element.text or "").strip()
            ):
                problems.append(f"{where}: a script element: {etree.tostring(element)[:120]!r}")
        elif tag in FORBIDDEN and not own_picture_source(element):
            problems.append(f"{where}: a <{tag}> element")
        elif tag == "meta" and element.get("http-equiv"):
            problems.append(f"{where}: <meta http-equiv={element.get('http-equiv')!r}>")
        elif tag == "link" and dangerous_url(element.get("href", "")):
            problems.append(f"{where}: <link href={element.get('href')!r}>")
        elif tag == "form" and (element.get("action") or "/search/").split("?")[0] not in (
            "/search/",
            "/kk/search/",
            "/en/search/",
        ):
            problems.append(f"{where}: a form posting to {element.get('action')!r}")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                problems.append(f"{where}: <{tag} {name}={value!r}>")
            elif name == "style" or name == "srcdoc":
                problems.append(f"{where}: <{tag} {name}={value!r}>")
            elif name in URL_ATTRIBUTES and dangerous_url(value):
                problems.append(f"{where}: <{tag} {name}={value!r}>")
            elif (
                name == "href"
                and tag == "a"
                and urlsplit(value.strip()).scheme not in ("", "http", "https", "mailto", "tel")
            ):
                problems.append(f"{where}: <a href={value!r}> with an unexpected scheme")
    return problems


FEED_HTML = {"description", "{http://purl.org/rss/1.0/modules/content/}encoded",
             "{http://www.w3.org/2005/Atom}summary", "{http://www.w3.org/2005/Atom}content"}  # fmt: skip


def feed_problems(xml: bytes, where: str) -> list[str]:
    """A feed must be well-formed XML without markup of its own in the items, and the HTML
    it carries as text (an item's description, an Atom summary of type html) must hold
    nothing a feed reader would run."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        return [f"{where}: not well-formed XML: {exc}"]
    problems = []
    allowed_ns = {"http://www.w3.org/2005/Atom", "http://news.yandex.ru", "http://purl.org/dc/elements/1.1/",
                  "http://www.sitemaps.org/schemas/sitemap/0.9", "http://www.google.com/schemas/sitemap-news/0.9",
                  "http://www.google.com/schemas/sitemap-image/1.1", "http://www.w3.org/1999/xhtml"}  # fmt: skip
    for element in root.iter():
        if not isinstance(element.tag, str):
            problems.append(f"{where}: a comment or processing instruction in the feed: {element!r}")
            continue
        namespace = etree.QName(element).namespace
        if namespace and namespace not in allowed_ns:
            problems.append(f"{where}: an element in namespace {namespace!r}")
        if etree.QName(element).localname.lower() == "script" or (
            namespace == "http://www.w3.org/1999/xhtml" and etree.QName(element).localname != "link"
        ):
            problems.append(f"{where}: markup inside the feed: <{element.tag}>")
        if element.tag in FEED_HTML and element.text and element.get("type", "html") in ("html", "xhtml"):
            problems += html_problems(
                element.text, f"{where} {etree.QName(element).localname}", document=False
            )
    return problems
