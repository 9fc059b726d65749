"""Wagtail's v3 API stays unloaded unless a project installs it.

Wagtail 8's images, documents, snippets, locales and redirects apps import the v3 API
(django-ninja and pydantic) in their ``ready()``, and the redirects app its v2 API too
(Django REST framework, PyYAML, requests), whether or not a project mounts the API.
Wagtail itself treats the API as optional (``apps.is_installed("wagtail.api.v3")`` in
``wagtail.users``). Vestnik does not mount it, and those imports cost every web worker
about 16 MB of its memory (docs/performance.md, "Worker memory").

So while ``"wagtail.api.v3"`` is not in INSTALLED_APPS, the modules those ``ready()``
methods import are placeholders: an API that takes routers without effect and whose
``urls`` raise an error saying how to mount the real one, and routers and registries
that register nothing. Adding the app to INSTALLED_APPS brings the real modules back.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import re
import sys
import types

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# What the apps' ready() import: wagtail.api.v3.api, each app's api.v3 package and its
# modules, and the redirects app's api package, whose __init__ imports the v2 API.
PLACEHOLDERS = re.compile(
    r"wagtail\.api\.v3\.api|wagtail\.(?:contrib\.)?\w+\.api\.v3(?:\..+)?|wagtail\.contrib\.redirects\.api"
)


class UnmountedAPI:
    """Stands for ``wagtail.api.v3.api.api``: the apps add their routers to it for nothing."""

    def add_router(self, prefix, router, **kwargs) -> None:
        pass

    @property
    def urls(self):
        raise ImproperlyConfigured(
            "Wagtail's v3 API is not installed in Vestnik: add 'wagtail.api.v3' to "
            "INSTALLED_APPS to mount it (vestnik/core/unmounted_api.py)."
        )


def _register_nothing() -> None:
    pass


class PlaceholderFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if not PLACEHOLDERS.fullmatch(name) or "wagtail.api.v3" in settings.INSTALLED_APPS:
            return None
        real = importlib.machinery.PathFinder.find_spec(name, path)
        spec = importlib.machinery.ModuleSpec(name, self, is_package=True)
        # A package keeps its real directory, so its other modules (the redirects app's
        # v2 API, say) still import as themselves when something asks for them.
        spec.submodule_search_locations = list(real.submodule_search_locations or []) if real else []
        return spec

    def create_module(self, spec):
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        module.api = UnmountedAPI()
        module.router = None
        module.register_content_types = _register_nothing


def install() -> None:
    if not any(isinstance(finder, PlaceholderFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, PlaceholderFinder())
