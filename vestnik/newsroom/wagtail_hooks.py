"""The newsroom in Wagtail's admin: a top-level rubric created, renamed or moved there gets its
desk at once, a home page created there the chief editor's permissions; the site history
shows deleted pages to whoever may see them (models.DeletedPageLogEntry); only a superuser
makes or changes superusers.

Pages made elsewhere (importers, the demo, the shell) get theirs from `manage.py setup_newsroom`."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages

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


# Wagtail lets anyone who may add or edit users tick "superuser" and edit a superuser's account
# (its password included): the Администратор would be one click from every right there is.
@hooks.register("before_create_user")
def only_a_superuser_creates_a_superuser(request):
    if not request.user.is_superuser and request.POST.get("is_superuser"):
        return _superusers_only(request)


@hooks.register("before_edit_user")
def only_a_superuser_edits_a_superuser(request, user):
    if not request.user.is_superuser and (user.is_superuser or request.POST.get("is_superuser")):
        return _superusers_only(request)


def _superusers_only(request):
    messages.error(
        request, _("Создавать суперпользователей и менять их учётные записи может только суперпользователь.")
    )
    return redirect("wagtailusers_users:index")


@hooks.register("register_admin_viewset")
def register_newsroom_explorer():
    # Registered after Wagtail's own base page viewset (order -1), so it takes its place.
    from .explorer import NewsroomPageViewSet

    return NewsroomPageViewSet()
