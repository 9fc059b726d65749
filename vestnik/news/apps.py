from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "vestnik.news"
    label = "news"
    verbose_name = "Новости"

    def ready(self):
        from . import signals  # noqa: F401  (cache generation bump on publish)
