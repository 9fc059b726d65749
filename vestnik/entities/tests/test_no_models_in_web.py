"""The web process never loads the extraction models: serving pages, the URL conf and the
admin's editor import no natasha (only the worker's task and the command do)."""

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ["DJANGO_SETTINGS_MODULE"] = "vestnik.settings.test"
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from django.test import Client
    from django.urls import resolve
    import vestnik.urls, vestnik.entities.wagtail_hooks, vestnik.entities.tasks, vestnik.entities.services
    from vestnik.news.tests.factories import RubricFactory, article_with
    from vestnik.news.services import ensure_site
    rubric = RubricFactory(title="Политика", parent=ensure_site())
    article = article_with(rubric=rubric, title="Жилин", body="<p>Жилин.</p>")
    assert Client().get(article.url).status_code == 200
    assert Client().get("/").status_code == 200
    loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("natasha", "slovnet", "navec"))
    print("LOADED:" + ",".join(loaded))
    """
)


@pytest.mark.once
def test_serving_pages_does_not_import_natasha(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "LOADED:\n" in result.stdout, result.stdout


def test_the_extraction_is_imported_only_inside_the_task_function():
    import ast
    import pathlib

    app = pathlib.Path(__file__).resolve().parents[1]
    for path in app.rglob("*.py"):
        if "extraction" in path.parts or "tests" in path.parts:
            continue
        for node in ast.parse(path.read_text()).body:  # module level only
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = [getattr(node, "module", None) or ""] + [a.name for a in node.names]
                assert not any("extraction" in n or "natasha" in n for n in names), (
                    f"{path}: {ast.dump(node)}"
                )
