"""The article editor's list of found people, organisations and places, with a choice for
each: accept (it becomes a link on the article and the article joins its page), reject
(never suggested again for this article) or leave for later.

The choices are plain form inputs (``entity-mention-<id>``) outside the page's model form:
suggestions are not part of a revision, and wagtail_hooks.py applies them when the editor
saves or publishes. No script is needed (the admin's CSP allows only script files).
"""

from __future__ import annotations

from wagtail.admin.panels import Panel

FIELD_PREFIX = "entity-mention-"


class EntitySuggestionsPanel(Panel):
    def id_for_label(self):
        return "entity-suggestions"

    class BoundPanel(Panel.BoundPanel):
        template_name = "entities/admin/suggestions_panel.html"
        read_only = True  # the heading labels a group of choices, not one input

        def get_context_data(self, parent_context=None):
            from .models import Mention

            context = super().get_context_data(parent_context)
            mentions = list(Mention.objects.filter(article_id=self.instance.pk)) if self.instance.pk else []
            posted = self.request.POST if self.request is not None and self.request.method == "POST" else {}
            for mention in mentions:
                # A form sent back with errors shows what the editor chose, not what is stored.
                mention.choice = posted.get(f"{FIELD_PREFIX}{mention.pk}", mention.status)
                mention.field_name = f"{FIELD_PREFIX}{mention.pk}"
            context["mentions"] = mentions
            context["statuses"] = Mention.Status.choices
            return context
