from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from vestnik.news.models import ArticlePage

from .models import Entity, Mention
from .panels import FIELD_PREFIX
from .services import mention_decide, refresh_later


class EntityViewSet(SnippetViewSet):
    model = Entity
    icon = "group"
    menu_label = gettext_lazy("Персоны и места")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(EntityViewSet)


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def apply_entity_decisions(request, page):
    """The editor's accept/reject choices in the article form, saved with the page (whoever
    may edit the article may decide; Wagtail's edit view has checked that already)."""
    if not isinstance(page.specific_deferred, ArticlePage) or request.method != "POST":
        return
    if not page.permissions_for_user(request.user).can_edit():
        return
    choices = {
        int(key[len(FIELD_PREFIX) :]): value
        for key, value in request.POST.items()
        if key.startswith(FIELD_PREFIX) and key[len(FIELD_PREFIX) :].isdigit()
    }
    changed = 0
    for mention in Mention.objects.filter(article_id=page.pk, pk__in=choices):
        if choices[mention.pk] in Mention.Status.values:
            changed += mention_decide(
                mention=mention, status=choices[mention.pk], user=request.user, refresh=False
            )
    if changed:
        refresh_later(page.pk)
        messages.success(
            request, _("Решения о персонах, организациях и местах сохранены: %(n)d.") % {"n": changed}
        )
