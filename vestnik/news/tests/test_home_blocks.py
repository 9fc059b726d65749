"""The home page's rubric blocks: the editors choose which rubrics, in what order and how many
articles each; without a choice, every rubric in the menu's order, four articles each."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html

from vestnik.caching.middleware import CACHE_HEADER
from vestnik.news.models import HomePage, HomeRubricBlock

from .factories import ArticleFactory, RubricFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rubrics(home):
    """Three rubrics (menu order: Политика, Экономика, Спорт) with six articles each."""
    now = timezone.now()
    made = {}
    for r, title in enumerate(["Политика", "Экономика", "Спорт"]):
        rubric = RubricFactory(parent=home, title=title)
        for i in range(6):
            ArticleFactory(
                parent=rubric, title=f"{title} {i}", first_published_at=now - dt.timedelta(hours=i, minutes=r)
            )
        made[title] = rubric
    return made


def blocks_on(client, path="/") -> list[tuple[str, int]]:
    """(rubric title, number of articles) of each block on the page, top to bottom."""
    tree = lxml_html.fromstring(client.get(path).content)
    return [
        (section.xpath("string(.//h2)").strip(), len(section.xpath('.//*[contains(@class, "card__title")]')))
        for section in tree.xpath('//section[@class="rubric-block"]')
    ]


def choose(home, *blocks, publish=True):
    home = HomePage.objects.get(pk=home.pk)
    home.rubric_blocks = [HomeRubricBlock(rubric=rubric, size=size) for rubric, size in blocks]
    revision = home.save_revision()
    if publish:
        revision.publish()
    return home


def test_without_a_choice_every_rubric_shows_in_menu_order_with_four_articles(client, rubrics):
    assert blocks_on(client) == [("Политика", 4), ("Экономика", 4), ("Спорт", 4)]


def test_chosen_blocks_show_in_the_chosen_order_and_sizes_and_the_others_do_not(client, home, rubrics):
    choose(home, (rubrics["Спорт"], 2), (rubrics["Политика"], 6))
    assert blocks_on(client) == [("Спорт", 2), ("Политика", 6)]


def test_a_chosen_rubric_that_is_not_live_is_left_out(client, home, rubrics):
    choose(home, (rubrics["Экономика"], 3), (rubrics["Спорт"], 3))
    rubrics["Экономика"].unpublish()
    assert blocks_on(client) == [("Спорт", 3)]


def test_a_sub_rubric_chosen_beside_its_parent_does_not_repeat_its_articles(client, home, rubrics):
    almaty = RubricFactory(parent=rubrics["Политика"], title="Алматы")
    ArticleFactory(parent=almaty, title="Новость Алматы", first_published_at=timezone.now())
    choose(home, (rubrics["Политика"], 3), (almaty, 3))
    assert blocks_on(client) == [("Политика", 3), ("Алматы", 1)]
    assert client.get("/").content.decode().count("Новость Алматы") == 2  # the ribbon and its block


def test_publishing_a_new_choice_shows_on_the_cached_home_page_at_once(client, home, rubrics):
    client.get("/")
    assert client.get("/")[CACHE_HEADER] == "hit"
    choose(home, (rubrics["Экономика"], 1))
    assert blocks_on(client) == [("Экономика", 1)]
    choose(home, (rubrics["Экономика"], 1), publish=False)  # a draft changes nothing
    choose(home)  # back to no choice: today's order
    assert blocks_on(client) == [("Политика", 4), ("Экономика", 4), ("Спорт", 4)]


def test_preview_shows_the_drafts_blocks_and_readers_keep_the_live_ones(client, settings, home, rubrics):
    settings.VESTNIK_PAGE_CACHE = False
    everything = [("Политика", 4), ("Экономика", 4), ("Спорт", 4)]
    assert blocks_on(client) == everything  # the live plan (none) is cached now
    draft = HomePage.objects.get(pk=home.pk)
    draft.rubric_blocks = [HomeRubricBlock(rubric=rubrics["Спорт"], size=1, sort_order=0)]
    tree = lxml_html.fromstring(draft.make_preview_request().content)
    previewed = [s.xpath("string(.//h2)").strip() for s in tree.xpath('//section[@class="rubric-block"]')]
    assert previewed == ["Спорт"]
    assert blocks_on(client) == everything


def test_the_home_page_costs_the_same_queries_for_one_block_or_three(client, settings, home, rubrics):
    from django.core.cache import cache

    settings.VESTNIK_PAGE_CACHE = False

    def cold():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get("/")
        return len(ctx.captured_queries)

    choose(home, (rubrics["Спорт"], 2))
    one = cold()
    choose(home, (rubrics["Спорт"], 2), (rubrics["Политика"], 5), (rubrics["Экономика"], 1))
    assert cold() == one
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    assert len(ctx.captured_queries) <= 4  # warm: the plan comes from the cache


def test_editor_chooses_blocks_in_the_home_page_editor(client, home, rubrics):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.com", "pass"))
    edit = client.get(f"/admin/pages/{home.pk}/edit/")
    assert edit.status_code == 200 and "Блоки рубрик" in edit.content.decode()
    form = {
        "title": home.title,
        "slug": home.slug,
        "lead_article": "",
        "rubric_blocks-TOTAL_FORMS": "2",
        "rubric_blocks-INITIAL_FORMS": "0",
        "rubric_blocks-MIN_NUM_FORMS": "0",
        "rubric_blocks-MAX_NUM_FORMS": "1000",
        "rubric_blocks-0-rubric": str(rubrics["Спорт"].pk),
        "rubric_blocks-0-size": "3",
        "rubric_blocks-0-ORDER": "1",
        "rubric_blocks-1-rubric": str(rubrics["Экономика"].pk),
        "rubric_blocks-1-size": "13",  # more than a block may hold
        "rubric_blocks-1-ORDER": "2",
        "action-publish": "action-publish",
    }
    refused = client.post(f"/admin/pages/{home.pk}/edit/", form)
    assert refused.status_code == 200 and not HomeRubricBlock.objects.exists()
    form["rubric_blocks-1-size"] = "2"
    response = client.post(f"/admin/pages/{home.pk}/edit/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert blocks_on(client) == [("Спорт", 3), ("Экономика", 2)]
