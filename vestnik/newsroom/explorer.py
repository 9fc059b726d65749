"""Wagtail's page explorer, made to stay fast on a rubric of hundreds of thousands of
articles (bench/README.md, "Admin at a million articles", measured each change).

Same pages, same columns, same filters; what changes is how they are found:
- Under a page the editor has a direct permission on (or an ancestor of it), every page is
  theirs to explore, so Wagtail's `id IN (every page the editor may explore)` subquery
  removes nothing. It cannot use an index and cost a scan of the whole page table
  twice per listing (the rows and their count); it is left out there.
- The listing without a search or a filter counts its rows from the parent's `numchild`,
  which the page tree keeps, instead of `COUNT(*)` over the rubric.
- A filtered listing counts its rows' ids, not its rows with their annotations, and the
  owner and page-type filters ask for no DISTINCT (they compare the page's own columns).
- Pages of 20 rows instead of 50: the rows' rendering was most of the remaining time.
- Two filters Wagtail lacks: the byline's author and the status (published, draft,
  published with unpublished changes).
- The "owner" and "edited by" filters offer the newsroom's staff (superusers and members
  of groups with page permissions) instead of `DISTINCT` over every page and every edit
  in the log: 1.3–3 s at a million articles, on every render of the listing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelMultipleChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import MultipleContentTypeFilter, MultipleUserFilter
from wagtail.admin.views.pages.listing import EditedByFilter, ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, get_page_content_types
from wagtail.permission_policies.pages import PagePermissionPolicy

from vestnik.news.models import ArticleAuthor, Author

from . import admin_search

# The actions that make a page explorable (Wagtail's PagePermissionPolicy.explorable_instances).
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def newsroom_staff(request):
    """Who may own or edit pages: superusers and members of groups with page permissions."""
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__page_permissions__isnull=False))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class BylineFilter(ModelMultipleChoiceFilter):
    """Articles whose byline has any of the chosen authors (Wagtail's "owner" is the
    account that created the page, not the byline)."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(pk__in=ArticleAuthor.objects.filter(author__in=value).values("page_id"))


class StatusFilter(ChoiceFilter):
    CHOICES = {
        "live": Q(live=True),
        "draft": Q(live=False),
        "changes": Q(live=True, has_unpublished_changes=True),
    }

    def filter(self, qs, value):
        return qs.filter(self.CHOICES[value]) if value in self.CHOICES else qs


class NewsroomPageFilterSet(GenericPageFilterSet):
    author = BylineFilter(
        label=_("Автор материала"),
        queryset=lambda request: Author.objects.order_by("name"),
        widget=CheckboxSelectMultiple,
    )
    status = StatusFilter(
        label=_("Статус"),
        empty_label=_("Любой"),
        choices=[
            ("live", _("Опубликовано")),
            ("draft", _("Черновик")),
            ("changes", _("Опубликовано, есть неопубликованные правки")),
        ],
        widget=RadioSelect,
    )
    # distinct=False: these compare a column of the page itself, so no row can repeat, and
    # DISTINCT made PostgreSQL compute every matching row (with its annotations) before
    # taking the 20 to show.
    owner = MultipleUserFilter(
        label=_("Owner"), queryset=newsroom_staff, widget=CheckboxSelectMultiple, distinct=False
    )
    edited_by = EditedByFilter(label=_("Edited by"), queryset=newsroom_staff, widget=CheckboxSelectMultiple)
    content_type = MultipleContentTypeFilter(
        label=_("Page type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
        widget=CheckboxSelectMultiple,
        distinct=False,
    )


class RecentPagesNoteMixin:
    """Gives the results template ``recent_pages_only`` (newsroom/includes/recent_pages_note.html)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_pages_only"] = recent_pages_only(context)
        return context


class NewsroomExplorerView(RecentPagesNoteMixin, ExplorableIndexView):
    results_template_name = "newsroom/explorer_results.html"
    # Rendering a row (title, status, type, its menu of actions) costs about 5 ms of CPU
    # in Wagtail's templates, whatever the archive: 50 rows made the listing miss 300 ms
    # on its own.
    paginate_by = 20

    @cached_property
    def explores_everything(self) -> bool:
        """Whether every page under the parent is explorable for the user: a superuser,
        or a permission that makes pages explorable on the parent or an ancestor of it."""
        return PagePermissionPolicy().user_has_any_permission_for_instance(
            self.request.user, EXPLORE_ACTIONS, self.parent_page
        )

    def get_base_queryset(self):
        if self.is_searching_whole_tree or not self.explores_everything:
            return super().get_base_queryset()
        if self.is_searching or self.is_filtering:
            pages = Page.objects.descendant_of(self.parent_page)
        else:
            pages = Page.objects.child_of(self.parent_page)
        return self.annotate_queryset(pages)

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        # Paginator.count is a cached_property: set here, it is never counted.
        if self._children_count_is_numchild():
            paginator.count = self.parent_page.numchild
        elif self.is_filtering and not self.is_searching:
            # Counted as is, a filtered listing counts every column and the rows'
            # annotations (two subqueries each): 285 ms for 200,000 articles. The ids alone
            # count the same rows.
            paginator.count = queryset.order_by().values("pk").count()
        return paginator

    def _children_count_is_numchild(self) -> bool:
        # Only the plain listing of children is all of them: a search, a filter or a hook
        # that narrows the explorer's pages needs a real count.
        return (
            not (self.is_searching or self.is_filtering)
            and not hooks.get_hooks("construct_explorer_page_queryset")
            and self.explores_everything
        )


def recent_pages_only(context) -> int | None:
    """admin_search.WINDOW when the listed results are a common word's matches among the
    pages edited last (the results template then says so), else None."""
    paginator = context.get("paginator")
    results = paginator.object_list if paginator is not None else None
    return admin_search.WINDOW if admin_search.searched_recent_pages_only(results) else None


class NewsroomSearchView(RecentPagesNoteMixin, SearchView):
    """Wagtail's page search, saying so when a common word was looked for in recent pages."""

    results_template_name = "newsroom/search_results.html"
    # Wagtail's search view names no model: its row count read "None: 1–20 из 200".
    verbose_name = Page._meta.verbose_name
    verbose_name_plural = Page._meta.verbose_name_plural


class NewsroomPageViewSet(PageViewSet):
    """Every page type's admin views, Wagtail's own but for the explorer listing and the
    search's note on a common word."""

    model = Page
    name = "newsroom_pages"
    index_view_class = NewsroomExplorerView
    search_view_class = NewsroomSearchView
    filterset_class = NewsroomPageFilterSet  # the viewset hands its own to the view
