"""The newsroom in Wagtail's admin: a top-level rubric created, renamed or moved there gets its
desk at once, a home page created there the chief editor's permissions; the site history
shows deleted pages to whoever may see them (models.DeletedPageLogEntry).

Pages made elsewhere (importers, the demo, the shell) get theirs from `manage.py setup_newsroom`."""

from wagtail import hooks

from vestnik.news.models import HomePage, RubricPage

from .models import DeletedPageLogEntry
from .services import newsroom_setup, rubric_desk_setup


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
@hooks.register("after_move_page")
def set_up_rubric_desk(request, page):
    if isinstance(page.specific_deferred, RubricPage):
        rubric_desk_setup(rubric=page)


@hooks.register("after_create_page")
def set_up_newsroom_on_a_new_home_page(request, page):
    if isinstance(page.specific_deferred, HomePage):
        newsroom_setup()


@hooks.register("register_log_actions")
def register_deleted_page_log(actions):
    actions.register_model(DeletedPageLogEntry, DeletedPageLogEntry)
