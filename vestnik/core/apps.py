from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vestnik.core"
    label = "core"
    verbose_name = "Общее"
