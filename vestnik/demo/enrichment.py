"""The demo's people, organisations and places: auto-accept on, every article analysed, and
whatever is still only suggested accepted, so that the demo shows entity links, related
articles and timelines at once."""

from __future__ import annotations

from wagtail.models import Site


def enrich_demo() -> str:
    """Run the analysis over the demo's articles; returns a line for the loader to print."""
    from vestnik.entities.models import EntitySettings, Mention
    from vestnik.entities.services import enrich_archive, mention_decide

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        settings = EntitySettings.for_site(site)
        settings.auto_accept = True
        settings.save()
    analysed, total = enrich_archive()
    pending = Mention.objects.filter(status=Mention.Status.SUGGESTED)
    accepted = sum(mention_decide(mention=m, status=Mention.Status.ACCEPTED) for m in pending)
    return (
        f"Entities: {total} articles analysed ({analysed} by this pass, the others when published), "
        f"{accepted} suggestions accepted (auto-accept on)."
    )
