from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "vestnik.security"
    label = "security"
    verbose_name = "Безопасность"
