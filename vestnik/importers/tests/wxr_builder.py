"""Write small WordPress exports for the tests, shaped like WordPress 6 writes them."""

from __future__ import annotations

from xml.sax.saxutils import escape

SITE = "https://old-news.kz"


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def author(login: str, display: str, email: str = "") -> str:
    return (f"<wp:author><wp:author_id>1</wp:author_id><wp:author_login>{_cdata(login)}</wp:author_login>"
            f"<wp:author_email>{_cdata(email)}</wp:author_email>"
            f"<wp:author_display_name>{_cdata(display)}</wp:author_display_name>"
            "<wp:author_first_name><![CDATA[]]></wp:author_first_name>"
            "<wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>")  # fmt: skip


def category(term_id: int, slug: str, name: str, parent: str = "") -> str:
    return (f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{_cdata(slug)}"
            f"</wp:category_nicename><wp:category_parent>{_cdata(parent)}</wp:category_parent>"
            f"<wp:cat_name>{_cdata(name)}</wp:cat_name></wp:category>")  # fmt: skip


def tag(term_id: int, slug: str, name: str) -> str:
    return (f"<wp:tag><wp:term_id>{term_id}</wp:term_id><wp:tag_slug>{_cdata(slug)}</wp:tag_slug>"
            f"<wp:tag_name>{_cdata(name)}</wp:tag_name></wp:tag>")  # fmt: skip


def item(
    post_id: int,
    title: str,
    content: str = "",
    *,
    post_type: str = "post",
    status: str = "publish",
    slug: str = "",
    date: str = "2024-05-14 10:30:00",
    date_gmt: str | None = None,
    creator: str = "anurpeisov",
    excerpt: str = "",
    categories: list[tuple[str, str]] = (),
    tags: list[tuple[str, str]] = (),
    meta: dict[str, str] | None = None,
    parent: int = 0,
    sticky: bool = False,
    attachment_url: str = "",
    comments: int = 0,
    link: str | None = None,
) -> str:
    if date_gmt is None:
        date_gmt = "0000-00-00 00:00:00" if status == "draft" else _minus_five(date)
    link = link if link is not None else f"{SITE}/{date[:10].replace('-', '/')}/{slug}/"
    terms = "".join(
        f'<category domain="category" nicename="{escape(s)}">{_cdata(n)}</category>' for s, n in categories
    )
    terms += "".join(
        f'<category domain="post_tag" nicename="{escape(s)}">{_cdata(n)}</category>' for s, n in tags
    )
    metas = "".join(f"<wp:postmeta><wp:meta_key>{_cdata(k)}</wp:meta_key><wp:meta_value>{_cdata(v)}"
                    "</wp:meta_value></wp:postmeta>" for k, v in (meta or {}).items())  # fmt: skip
    comment_xml = "".join(f"<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_content>"
                          f"{_cdata('Комментарий')}</wp:comment_content></wp:comment>" for n in range(comments))  # fmt: skip
    return f"""
<item>
  <title>{_cdata(title)}</title>
  <link>{escape(link)}</link>
  <pubDate>Tue, 14 May 2024 05:30:00 +0000</pubDate>
  <dc:creator>{_cdata(creator)}</dc:creator>
  <guid isPermaLink="false">{SITE}/?p={post_id}</guid>
  <description></description>
  <content:encoded>{_cdata(content)}</content:encoded>
  <excerpt:encoded>{_cdata(excerpt)}</excerpt:encoded>
  <wp:post_id>{post_id}</wp:post_id>
  <wp:post_date>{_cdata(date)}</wp:post_date>
  <wp:post_date_gmt>{_cdata(date_gmt)}</wp:post_date_gmt>
  <wp:post_modified_gmt>{_cdata(date_gmt)}</wp:post_modified_gmt>
  <wp:comment_status><![CDATA[open]]></wp:comment_status>
  <wp:post_name>{_cdata(slug)}</wp:post_name>
  <wp:status>{_cdata(status)}</wp:status>
  <wp:post_parent>{parent}</wp:post_parent>
  <wp:menu_order>0</wp:menu_order>
  <wp:post_type>{_cdata(post_type)}</wp:post_type>
  <wp:is_sticky>{int(sticky)}</wp:is_sticky>
  {f"<wp:attachment_url>{_cdata(attachment_url)}</wp:attachment_url>" if attachment_url else ""}
  {terms}{metas}{comment_xml}
</item>"""


def _minus_five(local: str) -> str:
    """The GMT time of an Almaty (UTC+5) local time, as WordPress writes it."""
    import datetime as dt

    value = dt.datetime.strptime(local, "%Y-%m-%d %H:%M:%S") - dt.timedelta(hours=5)
    return value.strftime("%Y-%m-%d %H:%M:%S")


def export(*parts: str, version: str = "1.2", site: str = SITE) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
  <title>Старые новости</title>
  <link>{site}</link>
  <description>Новости Казахстана</description>
  <language>ru-RU</language>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>{site}</wp:base_site_url>
  <wp:base_blog_url>{site}</wp:base_blog_url>
  {"".join(parts)}
</channel>
</rss>
"""
