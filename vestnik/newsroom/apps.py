from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "vestnik.newsroom"
    label = "newsroom"
    verbose_name = "Редакция"
