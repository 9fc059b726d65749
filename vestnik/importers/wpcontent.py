"""WordPress post content → Vestnik rich text (Wagtail's stored HTML), safe whatever came in.

WordPress stores three kinds of markup, often mixed in one post: classic-editor text whose
paragraphs are only blank lines (WordPress adds ``<p>`` when it renders, "wpautop"),
Gutenberg blocks (HTML between ``<!-- wp:… -->`` comments) and shortcodes (``[caption]``,
``[gallery]``, ``[embed]``). All of it becomes the few blocks an article body allows
(paragraphs, h2/h3, lists, quotes, rules, images), and the result goes through the site's
rich-text cleaner (nh3 with the editor's allow-list, ``vestnik/core/text/sanitise.py``), so no
script, event handler or ``javascript:`` URL can survive even if a step here misreads something.

Images resolve to imported attachments (by the Gutenberg/classic ``wp-image-N`` class, the
shortcode's IDs or the file's URL); the rest is reported. Embeds (YouTube, Twitter…) become
plain links: an embed would make every reader's browser call a third party.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from vestnik.core.text.sanitise import URL_SCHEMES, clean_rich_text

# Part of each imported post's digest: raise it when a change here should reach posts
# already imported, and the next run of the same export converts them again.
CONVERTER_VERSION = 2

# (attachment ID or None, the image's URL or "") → (Vestnik image ID, its alt text), or None.
ImageResolver = Callable[[int | None, str], tuple[int, str] | None]


_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->", re.S)
_EMBED_BLOCK = re.compile(r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s+(\{.*?\})\s*/?-->", re.S)
_BLOCK_START = re.compile(
    r"^\s*(?:<!--|<(p|div|h[1-6]|ul|ol|li|blockquote|figure|table|pre|hr|iframe|section|dl|address)\b)", re.I
)
_SHORTCODE = re.compile(r"\[(\w[\w-]*)((?:\s+[^\]]*)?)\](?:(.*?)\[/\1\])?", re.S)
_SHORTCODE_ATTR = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+))")
_KNOWN_SHORTCODES = {"caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist"}
_WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
_INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "a": "a", "br": "br"}
_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
_DROP = {"script", "style", "noscript", "template", "object", "svg", "math", "form", "button",
         "input", "select", "textarea", "head", "title", "meta", "link"}  # fmt: skip


@dataclass
class Converted:
    html: str
    warnings: list[str] = field(default_factory=list)


def convert(
    content: str, *, resolve_image: ImageResolver, old_hosts: frozenset[str] = frozenset()
) -> Converted:
    """Convert one post's content. ``old_hosts`` are the old site's host names: links to
    them become root-relative, so they go through the redirects left by the import."""
    warnings: list[str] = []
    text = _embed_blocks_to_links(content or "")
    text = _BLOCK_COMMENT.sub("\n\n", text)
    text = _shortcodes(text, warnings)
    text = autop(text)
    builder = _Builder(resolve_image, old_hosts, warnings)
    builder.blocks(BeautifulSoup(text, "html.parser"))
    # The builder writes only allowed markup; the site's rich-text cleaner checks it anyway.
    return Converted(clean_rich_text("".join(builder.out)), warnings)


def split_lead(body: str) -> tuple[str, str]:
    """The first paragraph's text and the body without it: WordPress shows an excerpt made
    from the text when a post has none, and a Vestnik article shows its lead above the body."""
    match = re.match(r"\s*<p>(.*?)</p>", body, re.S)
    if not match:
        return "", body
    return plain_text(match.group(1)), body[match.end() :]


def plain_text(markup: str) -> str:
    """Text of a title or an excerpt: tags, shortcodes and entities out, spaces collapsed."""
    soup = BeautifulSoup(_SHORTCODE.sub(lambda m: m.group(3) or "", markup or ""), "html.parser")
    for element in soup.find_all(_DROP):
        element.decompose()
    return " ".join(html.unescape(soup.get_text(" ")).split())


def autop(text: str) -> str:
    """WordPress's wpautop, reduced to what matters: text separated by blank lines becomes
    paragraphs, single line breaks inside them become <br>; blocks stay as they are."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def _embed_blocks_to_links(text: str) -> str:
    def link(match):
        try:
            url = json.loads(match.group(1)).get("url", "")
        except (ValueError, AttributeError):
            url = ""
        if not _web_address(url):
            return ""
        return f'\n\n<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>\n\n<!-- skip -->'

    # The block's own figure still follows; "skip" marks it for _Builder to drop.
    return _EMBED_BLOCK.sub(link, text)


def _shortcode_attrs(raw: str) -> dict[str, str]:
    return {
        m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
        for m in _SHORTCODE_ATTR.finditer(raw)
    }


def _shortcodes(text: str, warnings: list[str]) -> str:
    def replace(match):
        name, raw_attrs, inner = match.group(1).lower(), match.group(2) or "", match.group(3)
        if name not in _KNOWN_SHORTCODES and not raw_attrs.strip() and inner is None:
            return match.group(0)  # "[sic]", "[1]": text in brackets, not a shortcode
        attrs = _shortcode_attrs(raw_attrs)
        if name in ("caption", "wp_caption"):
            body = inner or ""
            caption = (
                attrs.get("caption") or re.sub(r"<a\b[^>]*>\s*<img[^>]*>\s*</a>|<img[^>]*>", "", body).strip()
            )
            images = re.findall(r"<img[^>]*>", body)
            return f"\n\n<figure>{''.join(images)}<figcaption>{caption}</figcaption></figure>\n\n"
        if name == "gallery":
            ids = [i for i in re.split(r"[,\s]+", attrs.get("ids", "")) if i.isdigit()]
            if not ids:
                warnings.append("[gallery] without ids= (a gallery of a post's attached images) was left out")
            imgs = "".join(f'<img class="wp-image-{i}">' for i in ids)
            return f"\n\n<figure>{imgs}</figure>\n\n"
        if name in ("embed", "video", "audio"):
            url = (inner or "").strip() or attrs.get("src") or attrs.get("mp4") or attrs.get("mp3") or ""
            if not _web_address(url):
                warnings.append(f"[{name}] without a web address was left out")
                return ""
            return f'\n\n<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>\n\n'
        warnings.append(f"shortcode [{name}] is not supported; its text was kept, the shortcode removed")
        return inner or ""

    return _SHORTCODE.sub(replace, text)


class _Builder:
    """Walks parsed HTML and writes Wagtail's rich-text blocks, escaping every text and value."""

    def __init__(self, resolve_image: ImageResolver, old_hosts: frozenset[str], warnings: list[str]):
        self.resolve_image = resolve_image
        self.old_hosts = old_hosts
        self.warnings = warnings
        self.out: list[str] = []
        self.inline: list[str] = []  # inline content waiting for its paragraph
        self.skip_next_figure = False

    # Blocks -----------------------------------------------------------------------------
    def blocks(self, parent) -> None:
        for node in list(parent.children):
            self.block(node)
        self.flush()

    def block(self, node) -> None:
        if isinstance(node, Comment):
            if node.strip() == "skip":
                self.skip_next_figure = True
            return
        if isinstance(node, NavigableString):
            if node.strip():
                self.inline.append(html.escape(str(node)))
            return
        name = node.name.lower()
        if name in _DROP:
            return
        if name in _INLINE or name not in _BLOCK_NAMES:
            if name == "img":
                self.flush()
                self.image(node)
                return
            self.inline.extend(self.inlines(node) if name not in _INLINE else [self.inline_element(node)])
            for image in node.find_all("img"):  # a linked image, an image in a <span>
                self.flush()
                self.image(image)
            return
        self.flush()
        if name == "figure" and self.skip_next_figure:
            self.skip_next_figure = False
            return
        getattr(self, "block_" + name, self.block_container)(node)

    def flush(self) -> None:
        text = "".join(self.inline).strip()
        self.inline = []
        if _visible(text):
            self.out.append(f"<p>{_trim_breaks(text)}</p>")

    def paragraph(self, tag: str, node) -> None:
        text = "".join(self.inlines(node)).strip()
        images = node.find_all("img")
        if _visible(text):
            self.out.append(f"<{tag}>{_trim_breaks(text)}</{tag}>")
        for image in images:
            self.image(image)

    def block_p(self, node):
        self.paragraph("p", node)

    def block_heading(self, node):
        self.paragraph(_HEADINGS[node.name.lower()], node)

    def block_blockquote(self, node):
        parts = [("".join(self.inlines(child)) if isinstance(child, Tag) else html.escape(str(child))).strip()
                 for child in node.children]  # fmt: skip
        text = "<br>".join(p for p in parts if _visible(p))
        if text:
            self.out.append(f"<blockquote>{text}</blockquote>")

    def block_list(self, node):
        tag = node.name.lower()
        items = []
        for li in node.find_all("li", recursive=False):
            text = "".join(self.inlines(li)).strip()
            if _visible(text):
                items.append(f"<li>{text}</li>")
        if items:
            self.out.append(f"<{tag}>{''.join(items)}</{tag}>")

    def block_hr(self, node):
        self.out.append("<hr>")

    def block_figure(self, node):
        images = node.find_all("img")
        iframe = node.find("iframe")
        caption = node.find("figcaption")
        caption_text = "".join(self.inlines(caption)).strip() if caption else ""
        if images:
            for image in images:
                self.image(image)
        elif iframe is not None:
            self.block_iframe(iframe)
        else:  # a Gutenberg embed figure whose comment was lost: its URL is its text
            url = node.get_text(" ").strip().split()
            if url and url[0].startswith("http"):
                self.link_paragraph(url[0])
        if _visible(caption_text):
            self.out.append(f"<p><i>{caption_text}</i></p>")

    def block_iframe(self, node):
        src = node.get("src", "")
        if src.startswith("//"):
            src = "https:" + src
        if src.startswith("http"):
            self.link_paragraph(src)

    def block_table(self, node):
        rows = node.find_all("tr")
        for row in rows:
            cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["td", "th"])]
            if any(cells):
                self.out.append("<p>" + html.escape(" | ".join(cells)) + "</p>")
        if rows:
            self.warnings.append("a table was converted to one paragraph per row (articles have no tables)")

    def block_pre(self, node):
        text = html.escape(node.get_text()).strip().replace("\n", "<br>")
        if text:
            self.out.append(f"<p>{text}</p>")

    def block_container(self, node):
        """div, section and other wrappers: their content, block by block."""
        for child in list(node.children):
            self.block(child)
        self.flush()

    def link_paragraph(self, url: str) -> None:
        href = self.href(url)
        if href:
            self.out.append(f'<p><a href="{html.escape(href)}">{html.escape(url)}</a></p>')

    def image(self, node) -> None:
        match = _WP_IMAGE_CLASS.search(" ".join(node.get("class") or []))
        attachment = int(match.group(1)) if match else None
        src = node.get("src", "")
        found = self.resolve_image(attachment, src)
        if found is None:
            name = src or f"wp-image-{attachment}"
            self.warnings.append(f"image {name} is not among the imported media; left out")
            return
        image_id, default_alt = found
        alt = html.escape(node.get("alt", "").strip() or default_alt, quote=True)
        self.out.append(f'<embed embedtype="image" id="{image_id}" format="fullwidth" alt="{alt}">')

    # Inline -----------------------------------------------------------------------------
    def inlines(self, node) -> list[str]:
        parts = []
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                parts.append(html.escape(str(child), quote=False))
            elif child.name.lower() in _DROP or child.name.lower() == "img":
                continue
            elif child.name.lower() in _INLINE:
                parts.append(self.inline_element(child))
            else:
                parts.extend(self.inlines(child))
        return parts

    def inline_element(self, node) -> str:
        tag = _INLINE[node.name.lower()]
        if tag == "br":
            return "<br>"
        inner = "".join(self.inlines(node))
        if tag != "a":
            return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
        href = self.href(node.get("href", ""))
        return f'<a href="{html.escape(href)}">{inner}</a>' if href and inner.strip() else inner

    def href(self, url: str) -> str:
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme and parts.scheme.lower() not in URL_SCHEMES:
            return ""  # javascript:, data:, vbscript:… — dropped here and again by nh3
        if parts.hostname and parts.hostname.lower() in self.old_hosts:
            return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
        return url


_BLOCK_NAMES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "hr", "figure",
                "iframe", "table", "pre", "div", "section", "article", "aside", "header", "footer",
                "main", "center", "dl", "address", "details", "nav"}  # fmt: skip
for _name in _HEADINGS:
    setattr(_Builder, "block_" + _name, _Builder.block_heading)
_Builder.block_ul = _Builder.block_ol = _Builder.block_list


def _web_address(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _visible(text: str) -> bool:
    return bool(re.sub(r"<br>|&nbsp;|\xa0|\s", "", text))


def _trim_breaks(text: str) -> str:
    return re.sub(r"^(?:<br>\s*)+|(?:\s*<br>)+$", "", text)
