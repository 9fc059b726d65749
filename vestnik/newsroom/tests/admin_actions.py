"""What the tests post to Wagtail's admin, as its page editor and workflow buttons do."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import slugify

from vestnik.news.models import ArticlePage
from vestnik.news.tests.factories import admin_article_form


def article_form(action: str | None, **fields) -> dict:
    """The article editor's form with one of its buttons: "action-publish", "action-submit" or
    None (save draft)."""
    form = admin_article_form(**fields)
    del form["action-publish"]
    if action:
        form[action] = action
    return form


def create_article(client, rubric, *, title: str, action: str | None = None, **fields):
    """Post the "new article" form under ``rubric``; the response and the article (None if refused)."""
    slug = fields.pop("slug", slugify(title, allow_unicode=True))
    response = client.post(
        f"/admin/pages/add/news/articlepage/{rubric.pk}/",
        article_form(action, title=title, slug=slug, lead=fields.pop("lead", "Лид материала."), **fields),
    )
    return response, ArticlePage.objects.filter(title=title).first()


def edit_article(client, article, *, action: str | None = None, **fields):
    fields = {"title": article.title, "slug": article.slug, "lead": article.lead, **fields}
    return client.post(f"/admin/pages/{article.pk}/edit/", article_form(action, **fields))


def workflow_action(client, article, action: str, comment: str = ""):
    """Press "Approve", "Approve with comment" or "Request changes" on the article's current task."""
    task_state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def refused(response) -> bool:
    """Wagtail's answer to an action the user has no permission for: back to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def fresh(article) -> ArticlePage:
    return ArticlePage.objects.get(pk=article.pk)
