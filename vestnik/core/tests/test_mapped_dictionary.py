"""pymorphy3's DAWG files are read through mmap (vestnik/core/text/mapped_dictionary.py):
the units a lookup reads must be the very ones dawg_python would have copied."""

import array
import struct
from pathlib import Path

import pymorphy3_dicts_ru
import pytest

from vestnik.core.text.lemmas import _morph, lemmas
from vestnik.core.text.mapped_dictionary import _mapped

DICTIONARY = Path(pymorphy3_dicts_ru.get_path())


def copied_units(path: Path) -> tuple[array.array, array.array]:
    """What dawg_python's own reader keeps: the dictionary's units, then the guide's."""
    with path.open("rb") as fp:
        (size,) = struct.unpack("=I", fp.read(4))
        units = array.array("I")
        units.fromfile(fp, size)
        guide = array.array("B")
        if fp.read(4):
            fp.seek(-4, 1)
            (size,) = struct.unpack("=I", fp.read(4))
            guide.fromfile(fp, size * 2)
        return units, guide


@pytest.mark.parametrize("name", ["words.dawg", "prediction-suffixes-0.dawg", "p_t_given_w.intdawg"])
def test_mapped_units_are_the_files_units(name):
    units, guide = copied_units(DICTIONARY / name)
    with (DICTIONARY / name).open("rb") as fp:
        (size,) = struct.unpack("=I", fp.read(4))
        mapped = _mapped(fp, size, "I")
        assert mapped.tolist() == units.tolist()
        if guide:
            (size,) = struct.unpack("=I", fp.read(4))
            assert _mapped(fp, size * 2, "B").tolist() == guide.tolist()


def test_the_projects_analyser_reads_mapped_files():
    words = _morph().dictionary.words
    assert isinstance(words.dct._units, memoryview)
    assert lemmas("стали") == ("стать", "сталь")
    assert lemmas("люди") == ("человек",)


def test_a_file_shorter_than_it_announces_is_named(tmp_path):
    broken = tmp_path / "words.dawg"
    broken.write_bytes(struct.pack("=I", 1000) + b"\0" * 40)
    with broken.open("rb") as fp:
        fp.read(4)
        with pytest.raises(
            ValueError, match=r"words\.dawg: 1000 units announced at byte 4, the file has 44 bytes"
        ):
            _mapped(fp, 1000, "I")
