from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "vestnik.caching"
    label = "caching"
    verbose_name = "Кэш страниц"

    def ready(self):
        from . import signals  # noqa: F401
