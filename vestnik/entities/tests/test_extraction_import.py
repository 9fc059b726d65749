"""Importing the extraction package loads no model: only calling extract_entities does."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json, sys
import vestnik.entities.extraction as extraction
loaded = lambda: sorted(m for m in ("natasha", "slovnet", "navec", "pymorphy3") if m in sys.modules)
before = loaded()
extraction.extract_entities("Михаил Жилин уехал в Казахстан.")
print(json.dumps([before, loaded()]))
"""


def test_import_loads_no_model_and_the_first_call_does():
    output = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, check=True, capture_output=True, text=True
    )
    before, after = json.loads(output.stdout.strip().splitlines()[-1])
    assert before == []
    assert after == ["natasha", "navec", "pymorphy3", "slovnet"]
