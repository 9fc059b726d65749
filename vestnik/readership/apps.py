from django.apps import AppConfig


class ReadershipConfig(AppConfig):
    name = "vestnik.readership"
    label = "readership"
    verbose_name = "Читаемость"
