from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "vestnik.security"
    label = "security"
    verbose_name = "Безопасность"

    def ready(self):
        from .admin_scripts import write_chooser_scripts_as_data

        write_chooser_scripts_as_data()
