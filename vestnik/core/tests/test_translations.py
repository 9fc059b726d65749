"""The committed .mo files are compiled from the committed .po files, and complete for the public site."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PACKAGE = Path(__file__).resolve().parents[2]
# The site's own templates and the public templates of its apps (search results…).
PUBLIC_TEMPLATES = [PACKAGE / "templates", *PACKAGE.glob("*/templates")]


def po_entries(po: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file, joining the continuation lines gettext wraps long strings into."""
    entries, key, current = {}, None, None
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgid ", "msgstr ")):
            current = line.split(" ", 1)[0]
            value = line.split(" ", 1)[1].strip('"')
            if current == "msgid":
                key = value
            else:
                entries[key] = value
        elif line.startswith('"') and current:
            if current == "msgid":
                key += line.strip('"')
            else:
                entries[key] += line.strip('"')
        else:
            current = None
    return entries


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_every_public_template_string_is_translated(lang):
    entries = po_entries(LOCALE / lang / "LC_MESSAGES" / "django.po")
    used = set()
    for template in (t for folder in PUBLIC_TEMPLATES for t in folder.rglob("*.html")):
        used |= set(re.findall(r'\{% translate "([^"]+)"', template.read_text(encoding="utf-8")))
    missing = sorted(s for s in used if not entries.get(s))
    assert not missing, f"{lang}: untranslated public strings {missing}"


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_compiled_catalogue_matches_the_po_file(lang, tmp_path):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    fresh = tmp_path / "fresh.mo"
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (Debian package gettext) is not installed; .ci/run installs it")
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(fresh), str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert fresh.read_bytes() == mo.read_bytes(), f"run `make messages`: {mo} is older than {po}"
