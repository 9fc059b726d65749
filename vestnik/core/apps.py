from django.apps import AppConfig

from vestnik.core import unmounted_api

# Before any app's ready(): this app is the first in INSTALLED_APPS, and Django imports
# every app's configuration before it calls the first ready().
unmounted_api.install()


class CoreConfig(AppConfig):
    name = "vestnik.core"
    label = "core"
    verbose_name = "Общее"
