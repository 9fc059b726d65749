"""Writes to the page tree that importers and the demo share."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage, RubricPage


@transaction.atomic
def ensure_site() -> HomePage:
    """The site's HomePage, created as the default site's root on a fresh database.

    Wagtail's initial migration leaves a "Welcome" page as the root; it is replaced
    (deleted only when it is that untouched placeholder).
    """
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = HomePage(title=settings.WAGTAIL_SITE_NAME, slug="home")
    placeholder = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
    if placeholder is not None:
        placeholder.slug = "welcome-placeholder"
        placeholder.save(update_fields=["slug"], clean=False)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name=settings.WAGTAIL_SITE_NAME)  # fmt: skip
    else:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    if placeholder is not None:
        placeholder.delete()
    return home


def ensure_rubric(*, home: HomePage, title: str, description: str = "") -> RubricPage:
    """The live rubric of that title under ``home`` (case-insensitive), created if missing."""
    rubric = RubricPage.objects.child_of(home).filter(title__iexact=title.strip()).first()
    if rubric is not None:
        return rubric
    rubric = RubricPage(title=title.strip(), description=description)
    home.add_child(instance=rubric)
    rubric.save_revision().publish()
    return rubric
