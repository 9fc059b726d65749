"""Every environment variable the settings read is documented, with its default."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def variables_read_by_settings() -> set[str]:
    names = set()
    for path in (ROOT / "vestnik" / "settings").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r'(?:environ\.get|env_bool|env_list|setdefault)\(\s*"([A-Z_]+)"', text))
        names |= set(re.findall(r'os\.environ\["([A-Z_]+)"\]', text))
    return names - {"DJANGO_SETTINGS_MODULE", "VESTNIK_TEST_ON_POSTGRES"}


def test_every_setting_variable_is_in_env_example_and_deploy_docs():
    variables = variables_read_by_settings()
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"} <= variables
    env_example = (ROOT / ".env.example").read_text(encoding="utf-8")
    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for name in sorted(variables):
        assert re.search(rf"^{name}=", env_example, re.M), f"{name} missing from .env.example"
        assert f"`{name}`" in deploy, f"{name} missing from docs/deploy.md"


def test_readme_names_the_two_commands_and_ci_runs_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_import_capture_option_is_documented():
    from vestnik.importers.management.commands.import_capture import Command

    parser = Command().create_parser("manage.py", "import_capture")
    options = {o for action in parser._actions for o in action.option_strings if o.startswith("--")}
    documented = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    for option in sorted(options - {"--help", "--version", "--verbosity", "--settings", "--pythonpath",
                                    "--traceback", "--no-color", "--force-color", "--skip-checks"}):  # fmt: skip
        assert option in documented, f"{option} is not in docs/import.md"


def test_setup_newsroom_command_exists_and_is_documented():
    from django.core.management import get_commands

    assert get_commands()["setup_newsroom"] == "vestnik.newsroom"
    editorial = (ROOT / "docs" / "editorial.md").read_text(encoding="utf-8")
    assert "setup-newsroom" in editorial and "### `setup_newsroom`" in editorial
    assert "setup_newsroom" in (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "(docs/editorial.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    for picture in ("admin-article-editor.png", "admin-review.png"):
        assert f"screenshots/{picture}" in editorial
        assert (ROOT / "docs" / "screenshots" / picture).exists()
