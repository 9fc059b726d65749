"""Import a WordPress export (WXR): authors, categories, tags, media, posts and pages.

The export is read three times as a stream (``wxr.read_wxr``), never held whole:

1. a read-only scan checks the XML to its end and counts the items, so a truncated or
   broken file is refused before anything is written;
2. authors, categories and tags (the channel lists them, a few thousand at most) and then
   the attachments;
3. posts and pages, in batches.

Each batch is one transaction and each item inside it a savepoint: an interrupted run
(Ctrl-C, kill, crash) leaves whole items or nothing, and the next run resumes, because
every item is keyed by the export's site and WordPress ID (``ImportRecord``) with a digest
of what was imported: an unchanged item is skipped, a changed one updated. An article an
editor has changed in Vestnik since it was imported is not overwritten (a warning says so).

``dry_run`` runs the same code in one transaction that is rolled back at the end, without
storing media files, and reports what would happen.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import zoneinfo
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from vestnik.core.text.excerpt import cut_excerpt, html_to_text
from vestnik.core.text.translit import make_slug
from vestnik.news.models import ArticlePage, Author, HomePage, InfoPage, NewsSiteSettings, RubricPage, Tag
from vestnik.news.models.pages import RESERVED_SLUGS
from vestnik.news.services import ensure_site

from . import wpcontent
from .exceptions import SourceError, VestnikImportError
from .models import ImportRecord
from .wxr import Channel, WxrAuthor, WxrItem, WxrTerm, read_wxr
from .wxr_media import MediaMissing, find_media, original_path, store_media, uploads_path

DEFAULT_RUBRIC = "Новости"
LEAD_LIMIT = 600
IMPORTED_TYPES = ("post", "page")
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
FEED_REDIRECTS = {"/feed/": "/feeds/rss/", "/feed/rss/": "/feeds/rss/", "/feed/rss2/": "/feeds/rss/",
                  "/feed/atom/": "/feeds/atom/", "/?feed=rss2": "/feeds/rss/"}  # fmt: skip
Progress = Callable[[int, int], None]


@dataclass
class WxrReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        def line(label, counter):
            parts = ", ".join(f"{kind} {n}" for kind, n in sorted(counter.items()))
            return f"{label}: {sum(counter.values())}" + (f" ({parts})" if parts else "")

        head = "Dry run, nothing was written. " if self.dry_run else ""
        return head + "; ".join(
            [
                line("created", self.created),
                line("updated", self.updated),
                line("unchanged", self.unchanged),
                line("skipped", self.skipped),
                f"warnings: {len(self.warnings)}",
            ]  # fmt: skip
        )


class _DryRunRollback(Exception):
    pass


class ItemFailed(VestnikImportError):
    """An item failed in a way the importer does not expect; its batch was rolled back."""


def _digest(*values) -> str:
    return hashlib.sha256(json.dumps(values, ensure_ascii=False, default=str).encode()).hexdigest()


def import_wxr(
    path: str | Path,
    *,
    media_dir: Path | None = None,
    fetch_media: bool = True,
    dry_run: bool = False,
    batch_size: int = 100,
    time_zone: str | None = None,
    progress: Progress | None = None,
) -> WxrReport:
    """Import the export at ``path``; see the module's docstring for the guarantees."""
    source = str(path)
    if media_dir is not None and not Path(media_dir).is_dir():
        raise SourceError(str(media_dir), "the media directory does not exist")
    scan = _scan(source)
    report = WxrReport(dry_run=dry_run)
    # A real run commits batch by batch; a dry run is one transaction, rolled back.
    try:
        with transaction.atomic() if dry_run else contextlib.nullcontext():
            importer = _Importer(
                scan=scan,
                report=report,
                media_dir=Path(media_dir) if media_dir else None,
                fetch_media=fetch_media,
                zone=zoneinfo.ZoneInfo(time_zone or settings.TIME_ZONE),
                dry_run=dry_run,
            )
            importer.run(source, batch_size, progress)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return report


@dataclass
class _Scan:
    channel: Channel
    authors: list[WxrAuthor]
    terms: list[WxrTerm]
    counts: Counter


def _scan(source: str) -> _Scan:
    channel, authors, terms, counts = None, [], [], Counter()
    for record in read_wxr(source):
        if isinstance(record, Channel):
            channel = record
        elif isinstance(record, WxrAuthor):
            authors.append(record)
        elif isinstance(record, WxrTerm):
            terms.append(record)
        else:
            counts[record.post_type] += 1
            counts["comments"] += record.comments
    if not channel.base_site_url:
        raise SourceError(source, "the export names no site (<wp:base_site_url> and <link> are empty)")
    return _Scan(channel, authors, terms, counts)


class _Importer:
    def __init__(self, *, scan: _Scan, report: WxrReport, media_dir, fetch_media, zone, dry_run):
        self.scan, self.report, self.media_dir = scan, report, media_dir
        self.fetch_media, self.zone, self.dry_run = fetch_media, zone, dry_run
        site_url = urlsplit(scan.channel.base_site_url)
        self.source = f"wxr:{site_url.netloc.lower()}{site_url.path.rstrip('/')}"
        hosts = {urlsplit(u).hostname for u in (scan.channel.base_site_url, scan.channel.base_blog_url)}
        self.old_hosts = frozenset(h.lower() for h in hosts if h)
        self.home = ensure_site()
        self.site = Site.objects.filter(root_page=self.home).first() or Site.objects.first()
        self.slug_table = NewsSiteSettings.for_site(self.site).slug_table
        self.category_ids = {t.term_id: t.slug for t in scan.terms if t.kind == "category"}
        self.deferred_pages: list[tuple[int, str]] = []  # (Vestnik page, WordPress parent ID)

    # The run ----------------------------------------------------------------------------
    def run(self, source: str, batch_size: int, progress: Progress | None) -> None:
        with transaction.atomic():
            for author in self.scan.authors:
                self.author(author)
            self.terms()
            for old, new in FEED_REDIRECTS.items():
                self.redirect(old, new)
        attachments = self.scan.counts["attachment"]
        self._in_batches(source, {"attachment"}, self.attachment, batch_size, None, attachments)
        total = sum(self.scan.counts[t] for t in IMPORTED_TYPES)
        self._in_batches(source, set(IMPORTED_TYPES), self.item, batch_size, progress, total)
        with transaction.atomic():
            self.place_deferred_pages()
        for post_type, count in self.scan.counts.items():
            if post_type not in (*IMPORTED_TYPES, "attachment", "comments"):
                self.report.skipped[post_type] += count
        if self.scan.counts["comments"]:
            # Vestnik has no reader comments (docs/import.md); say how many were left behind.
            self.report.skipped["comments"] += self.scan.counts["comments"]

    def _in_batches(self, source, types, handle, batch_size, progress, total) -> None:
        batch: list[WxrItem] = []
        done = 0

        def flush():
            nonlocal done
            with transaction.atomic():
                for item in batch:
                    self._one(item, handle)
            done += len(batch)
            batch.clear()
            if progress:
                progress(done, total)

        for record in read_wxr(source):
            if isinstance(record, WxrItem) and record.post_type in types:
                batch.append(record)
                if len(batch) >= batch_size:
                    flush()
        flush()

    def _one(self, item: WxrItem, handle) -> None:
        try:
            with transaction.atomic():
                handle(item)
        except (ValueError, ValidationError) as exc:  # wxr.BadItem is a ValueError
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            label = item.label()
            self.warn(message if message.startswith(label) else f"{label}: {message}")
            self.report.skipped[item.post_type] += 1
        except Exception as exc:
            # Unexpected: stop, with the batch rolled back, and say which item it was.
            raise ItemFailed(f"{item.label()}: {type(exc).__name__}: {exc}") from exc

    def warn(self, message: str) -> None:
        self.report.warnings.append(message)

    # Records ----------------------------------------------------------------------------
    def record(self, kind: str, key: str) -> ImportRecord | None:
        return ImportRecord.objects.filter(source=self.source, kind=kind, key=key).first()

    def target(self, kind: str, key: str):
        record = self.record(kind, key)
        return record.target if record else None

    def remember(self, kind, key, obj, digest, **extra) -> None:
        ImportRecord.objects.update_or_create(
            source=self.source, kind=kind, key=key,
            defaults={"content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
                      "object_id": obj.pk, "digest": digest, **extra},
        )  # fmt: skip

    def count(self, created: bool, kind: str) -> None:
        (self.report.created if created else self.report.updated)[kind] += 1

    # Authors and terms ------------------------------------------------------------------
    def author(self, wp: WxrAuthor) -> None:
        if not wp.login:
            return self.warn("an author without a login was skipped")
        digest = _digest(wp.name)
        record = self.record("author", wp.login)
        if record is not None and record.digest == digest and record.target is not None:
            self.report.unchanged["author"] += 1
            return None
        author = record.target if record else None
        if author is None:
            author = Author.objects.filter(name=wp.name).first() or Author(name=wp.name)
        author.name = wp.name
        author.save()
        self.remember("author", wp.login, author, digest)
        self.count(record is None, "author")
        self.redirect(f"/author/{wp.login}/", author.get_absolute_url())
        self.redirect(f"/author/{wp.login}/feed/", f"/feeds/author/{author.slug}/rss/")
        return None

    def terms(self) -> None:
        categories = [t for t in self.scan.terms if t.kind == "category"]
        done: dict[str, RubricPage] = {}
        # Parents before children, whatever order the export lists them in.
        while categories:
            ready = [t for t in categories if not t.parent_slug or t.parent_slug in done
                     or t.parent_slug not in {c.slug for c in categories}] or categories  # fmt: skip
            for term in ready:
                if term.parent_slug and term.parent_slug not in done:
                    self.warn(f"category {term.slug!r}: its parent {term.parent_slug!r} is missing from the "
                              "export or part of a loop; imported at the top level")  # fmt: skip
                done[term.slug] = self.category(term, done.get(term.parent_slug))
            categories = [t for t in categories if t not in ready]
        for term in self.scan.terms:
            if term.kind == "post_tag":
                self.tag(term)
            elif term.kind != "category":
                self.report.skipped[f"term:{term.kind}"] += 1

    def category(self, term: WxrTerm, parent: RubricPage | None) -> RubricPage:
        parent_page = parent or self.home
        digest = _digest(term.name, term.description, term.parent_slug)
        record = self.record("category", term.slug)
        rubric = record.target.specific if record and record.target else None
        if rubric is not None and record.digest == digest:
            self.report.unchanged["category"] += 1
            return rubric
        created = rubric is None
        if created:
            rubric = RubricPage.objects.child_of(parent_page).filter(title__iexact=term.name).first()
        if rubric is None:
            rubric = RubricPage(title=term.name[:255], slug=self.unique_rubric_slug(term.slug or term.name),
                                description=wpcontent.plain_text(term.description)[:500])  # fmt: skip
            parent_page.add_child(instance=rubric)
        else:
            rubric.title = term.name[:255]
            rubric.description = wpcontent.plain_text(term.description)[:500] or rubric.description
            if rubric.get_parent().pk != parent_page.pk:
                rubric.move(parent_page, pos="last-child")
                rubric.refresh_from_db()
        rubric.save_revision().publish()
        self.remember("category", term.slug, rubric, digest)
        self.count(created, "category")
        path = "/".join(self.category_path(term))
        self.redirect(f"/category/{path}/", rubric.url, page=rubric)
        if term.term_id.isdigit():
            self.redirect(f"/?cat={term.term_id}", rubric.url, page=rubric)
        self.redirect(f"/category/{path}/feed/", f"/feeds/rubric/{rubric.slug}/rss/")
        return rubric

    def category_path(self, term: WxrTerm) -> list[str]:
        by_slug = {t.slug: t for t in self.scan.terms if t.kind == "category"}
        chain, seen = [term.slug], {term.slug}
        while term.parent_slug in by_slug and term.parent_slug not in seen:
            term = by_slug[term.parent_slug]
            chain.insert(0, term.slug)
            seen.add(term.slug)
        return chain

    def free_slug(self, text: str, *, fallback: str, among, reserved: bool) -> str:
        """``text`` as a Latin slug that none of ``among`` (pages) has, nor a reserved path when
        ``reserved``: "politika", else "politika-2", "politika-3"…"""
        base = make_slug(text, self.slug_table) or fallback
        taken = set(among.filter(slug__startswith=base).values_list("slug", flat=True))
        if reserved:
            taken |= RESERVED_SLUGS
        candidates = itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
        return next(slug for slug in candidates if slug not in taken)

    def unique_rubric_slug(self, text: str) -> str:
        # Unique among all rubrics, not only siblings: feeds find a rubric by its slug.
        return self.free_slug(text, fallback="rubric", among=RubricPage.objects.all(), reserved=True)

    def tag(self, term: WxrTerm) -> None:
        digest = _digest(term.name)
        record = self.record("post_tag", term.slug)
        if record is not None and record.digest == digest and record.target is not None:
            self.report.unchanged["tag"] += 1
            return
        tag = record.target if record else None
        if tag is None:
            tag = Tag.objects.filter(name__iexact=term.name).first() or Tag(name=term.name[:100])
        else:
            tag.name = term.name[:100]
        tag.save()
        self.remember("post_tag", term.slug, tag, digest)
        self.count(record is None, "tag")
        self.redirect(f"/tag/{term.slug}/", tag.get_absolute_url())
        self.redirect(f"/tag/{term.slug}/feed/", f"/feeds/tag/{tag.slug}/rss/")

    # Attachments ------------------------------------------------------------------------
    def attachment(self, item: WxrItem) -> None:
        attached = item.meta.get("_wp_attached_file", "")
        alt = item.meta.get("_wp_attachment_image_alt", "")
        caption = wpcontent.plain_text(item.excerpt)
        digest = _digest(item.attachment_url, attached, item.title, alt, caption)
        record = self.record("attachment", item.post_id)
        if record is not None and record.digest == digest and record.target is not None:
            self.report.unchanged["attachment"] += 1
            return
        try:
            # A dry run downloads nothing: it counts what it would try to download.
            media = find_media(url=item.attachment_url, attached_file=attached, media_dir=self.media_dir,
                               fetch=self.fetch_media and not self.dry_run)  # fmt: skip
        except MediaMissing as exc:
            if self.dry_run and self.fetch_media and "not fetched" in str(exc):
                self.report.created["attachment (to download)"] += 1
                return
            self.warn(f"{item.label()}: {exc}")
            self.report.skipped["attachment"] += 1
            return
        if self.dry_run:
            self.count(record is None, "attachment")
            return
        title = wpcontent.plain_text(item.title)
        obj = record.target if record else None
        if obj is None:
            obj = store_media(media, title=title, alt=alt)
        elif hasattr(obj, "alt_text"):
            obj.title, obj.alt_text = title[:255] or obj.title, alt[:255]
            obj.save()
        media_path = original_path(attached or uploads_path(item.attachment_url))
        self.remember(
            "attachment", item.post_id, obj, digest, media_path=media_path[:500], caption=caption[:300]
        )
        self.count(record is None, "image" if media.kind == "image" else "document")

    def image(self, attachment_id: int | None, url: str) -> tuple[int, str] | None:
        record = self.image_record(attachment_id, url)
        if record is None:
            return None
        image = record.target
        return (record.object_id, image.alt_text) if image is not None else None

    def image_record(self, attachment_id: int | None, url: str) -> ImportRecord | None:
        from wagtail.images import get_image_model

        image_type = ContentType.objects.get_for_model(get_image_model())
        records = ImportRecord.objects.filter(source=self.source, kind="attachment", content_type=image_type)
        found = records.filter(key=str(attachment_id)).first() if attachment_id is not None else None
        path = original_path(uploads_path(url)) if url else ""
        return found or (records.filter(media_path=path).first() if path else None)

    # Posts and pages --------------------------------------------------------------------
    def item(self, item: WxrItem) -> None:
        if item.status in SKIPPED_STATUSES:
            self.report.skipped[f"{item.post_type}:{item.status}"] += 1
            return
        digest = _digest(wpcontent.CONVERTER_VERSION, item.title, item.content, item.excerpt, item.status, item.slug, item.post_date_gmt,
                         item.post_date, item.creator, item.categories, item.sticky, item.parent_id,
                         item.meta.get("_thumbnail_id"), item.meta.get("_yoast_wpseo_primary_category"))  # fmt: skip
        record = self.record(item.post_type, item.post_id)
        page = record.target.specific if record and record.target else None
        if page is not None and record.digest == digest:
            self.report.unchanged[item.post_type] += 1
            self.defer_if_misplaced(item, page)  # a run stopped before it moved the page
            return
        if page is not None and record.revision_id and page.latest_revision_id != record.revision_id:
            self.warn(f"{item.label()}: changed in WordPress and edited in Vestnik since the last import; "
                      "Vestnik's version was kept")  # fmt: skip
            self.report.unchanged[item.post_type] += 1
            return
        # A dry run stores no media: every image counts as found rather than warn about each.
        resolve = (lambda attachment, url: (0, "")) if self.dry_run else self.image
        converted = wpcontent.convert(item.content, resolve_image=resolve, old_hosts=self.old_hosts)
        for warning in dict.fromkeys(converted.warnings):
            self.warn(f"{item.label()}: {warning}")
        title = wpcontent.plain_text(item.title)[:255]
        if not title:
            title = cut_excerpt(html_to_text(converted.html), 80) or f"{item.post_type} {item.post_id}"
            self.warn(f"{item.label()}: no title; titled {title!r}")
        published_at = item.published_at(self.zone)
        if item.status in ("publish", "future") and published_at is None:
            raise ValueError(f"{item.label()}: status {item.status!r} without a date")
        if item.post_type == "page":
            page = self.info_page(item, page, title, converted.html)
        else:
            page = self.article(item, page, title, converted.html, published_at)
        revision = self.save(item, page, published_at)
        self.remember(item.post_type, item.post_id, page, digest, revision_id=revision.pk)
        self.count(record is None, item.post_type)
        if page.live:
            self.post_redirects(item, page, published_at)
            if item.sticky and item.post_type == "post":
                self.pin(page)

    def article(self, item, page, title, body, published_at) -> ArticlePage:
        primary, extra = self.rubrics(item)
        lead = wpcontent.plain_text(item.excerpt)
        if not lead:
            lead, rest = wpcontent.split_lead(body)
            body = rest if lead else body
        lead = cut_excerpt(lead or html_to_text(body) or title, LEAD_LIMIT)
        fields = {"title": title, "lead": lead, "body": body}
        if page is None:
            page = ArticlePage(slug=self.child_slug(primary, item.slug or title), live=False,
                               source_id=f"{self.source}#{item.post_id}"[:255], **fields)  # fmt: skip
            if item.status in ("publish", "future") and published_at <= timezone.now():
                page.first_published_at = published_at  # publishing keeps it: the original date
            primary.add_child(instance=page)
        else:
            if page.get_parent().pk != primary.pk:
                page.move(primary, pos="last-child")  # leaves a redirect from the old URL
            page = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
            for name, value in fields.items():
                setattr(page, name, value)
        page.set_byline(self.byline(item))
        page.extra_rubrics.set(extra)
        page.tags.set(self.tags(item))
        thumbnail = item.meta.get("_thumbnail_id", "")
        if thumbnail and not self.dry_run:
            image = self.image_record(int(thumbnail) if thumbnail.isdigit() else None, "")
            if image is None:
                self.warn(f"{item.label()}: its featured image (attachment {thumbnail}) was not imported")
            else:
                page.hero_image_id, page.hero_caption = image.object_id, image.caption
        return page

    def info_page(self, item, page, title, body) -> InfoPage:
        parent = self.home
        parent_id = item.parent_id if item.parent_id not in ("", "0") else ""
        if parent_id:
            parent = self.target("page", parent_id) or self.home
        if page is None:
            page = InfoPage(title=title, body=body, slug=self.child_slug(parent, item.slug or title), live=False,
                            source_id=f"{self.source}#{item.post_id}"[:255])  # fmt: skip
            parent.specific.add_child(instance=page)
            if parent_id and parent == self.home:
                self.deferred_pages.append((page.pk, parent_id))
        else:
            page = page.get_latest_revision_as_object()
            page.title, page.body = title, body
        return page

    def save(self, item: WxrItem, page: Page, published_at):
        if item.status == "future" and published_at and published_at > timezone.now():
            page.go_live_at = published_at
        revision = page.save_revision(log_action=True)
        if item.status in ("publish", "future"):
            revision.publish()  # a future go_live_at makes this a scheduled publication
            page.refresh_from_db(fields=["live"])
        elif page.live:
            page.unpublish()
        if item.status == "private":
            self.warn(f"{item.label()}: a private post; imported as an unpublished draft")
        return revision

    def pin(self, page: ArticlePage) -> None:
        home = HomePage.objects.get(pk=self.home.pk)
        if home.lead_article_id is None:
            home.lead_article = page
            home.save_revision().publish()
        elif home.lead_article_id != page.pk:
            self.warn(f"post {page.title!r} is sticky, but the home page already has a lead story")

    def defer_if_misplaced(self, item: WxrItem, page: Page) -> None:
        if item.post_type == "page" and item.parent_id not in ("", "0"):
            parent = self.target("page", item.parent_id)
            if parent is None or page.get_parent().pk != parent.pk:
                self.deferred_pages.append((page.pk, item.parent_id))

    def place_deferred_pages(self) -> None:
        for page_id, parent_id in self.deferred_pages:
            parent = self.target("page", parent_id)
            page = InfoPage.objects.filter(pk=page_id).first()
            if parent is None or page is None:
                self.warn(
                    f"page {page_id}: its parent page {parent_id} is not in the export; kept at the top level"
                )
                continue
            page.move(parent.specific, pos="last-child")
            # Its redirects were made while it stood at the top level: none may point from
            # the address it has now.
            Redirect.objects.filter(old_path=Redirect.normalise_path(page.get_url())).delete()

    def rubrics(self, item: WxrItem) -> tuple[RubricPage, list[RubricPage]]:
        found = []
        primary_id = item.meta.get("_yoast_wpseo_primary_category", "")
        slugs = [slug for slug, _ in item.terms("category")]
        if primary_id in self.category_ids and self.category_ids[primary_id] in slugs:
            slugs.remove(self.category_ids[primary_id])
            slugs.insert(0, self.category_ids[primary_id])
        for slug in slugs:
            rubric = self.target("category", slug)
            if rubric is None:
                self.warn(f"{item.label()}: category {slug!r} is not among the export's categories")
            else:
                found.append(rubric.specific)
        if not found:
            found = [self.default_rubric()]
        primary = found[0]
        # WordPress lists a post in its categories' parents too: so does Vestnik.
        extra = {r.pk: r for r in found[1:]}
        for rubric in found:
            for ancestor in RubricPage.objects.ancestor_of(rubric):
                extra.setdefault(ancestor.pk, ancestor)
        extra.pop(primary.pk, None)
        return primary, list(extra.values())

    def default_rubric(self) -> RubricPage:
        rubric = RubricPage.objects.child_of(self.home).filter(title__iexact=DEFAULT_RUBRIC).first()
        if rubric is None:
            rubric = RubricPage(title=DEFAULT_RUBRIC, slug=self.unique_rubric_slug(DEFAULT_RUBRIC))
            self.home.add_child(instance=rubric)
            rubric.save_revision().publish()
        return rubric

    def byline(self, item: WxrItem) -> list[Author]:
        author = self.target("author", item.creator) if item.creator else None
        if author is None and item.creator:
            self.warn(f"{item.label()}: author {item.creator!r} is not among the export's authors")
        return [author] if author else []

    def tags(self, item: WxrItem) -> list[Tag]:
        tags = []
        for slug, name in item.terms("post_tag"):
            tag = self.target("post_tag", slug)
            if tag is None and name:
                tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name[:100])
            if tag is not None:
                tags.append(tag)
        return tags

    def child_slug(self, parent: Page, text: str) -> str:
        return self.free_slug(text, fallback="material", among=parent.get_children(),
                              reserved=parent.pk == self.home.pk)  # fmt: skip

    # Redirects --------------------------------------------------------------------------
    def post_redirects(self, item: WxrItem, page: Page, published_at) -> None:
        target = page.url
        paths = [f"/?p={item.post_id}"]
        if item.post_type == "page":
            paths.append(f"/?page_id={item.post_id}")
        if item.link:
            paths.append(urlsplit(item.link).path or "/")
        if item.slug and item.post_type == "post":
            paths.append(f"/{item.slug}/")
            if published_at:
                local = published_at.astimezone(self.zone)
                paths.append(f"/{local:%Y/%m/%d}/{item.slug}/")
        for old in dict.fromkeys(paths):
            self.redirect(old, target, page=page)

    def redirect(self, old: str, new: str, *, page: Page | None = None) -> None:
        old_path = Redirect.normalise_path(old)
        if old_path in ("", "/") or old_path == Redirect.normalise_path(new or "/"):
            return
        defaults = {"redirect_page": page, "redirect_link": "" if page else new, "is_permanent": True}
        Redirect.objects.update_or_create(old_path=old_path, site=self.site, defaults=defaults)
