from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Авторы"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "position", "slug"]
    search_fields = ["name"]


register_snippet(AuthorViewSet)
