from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "vestnik.images"
    label = "images"
    verbose_name = "Изображения"

    def ready(self):
        from . import signals  # noqa: F401
