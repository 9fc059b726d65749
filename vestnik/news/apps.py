from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "vestnik.news"
    label = "news"
    verbose_name = "Новости"

    def ready(self):
        from . import routing, signals  # noqa: F401  (their signal handlers keep caches right)
