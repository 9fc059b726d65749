from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from vestnik.core.templatetags.vestnik_text import reader_language
from vestnik.core.text.dates import format_datetime

from .models import ArticlePage, Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Авторы"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "position", "slug"]
    search_fields = ["name"]


register_snippet(AuthorViewSet)


@hooks.register("after_publish_page")
def explain_embargo(request, page):
    """Wagtail says "scheduled for publishing"; this says why and until when."""
    page = page.specific_deferred
    if isinstance(page, ArticlePage) and page.embargo_until and page.embargo_until > timezone.now():
        when = format_datetime(timezone.localtime(page.embargo_until), reader_language())
        messages.warning(
            request,
            _("«%(title)s» под эмбарго до %(when)s: материал выйдет сам в это время, не раньше.")
            % {"title": page.title, "when": when},
        )
