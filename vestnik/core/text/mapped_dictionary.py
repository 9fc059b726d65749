"""pymorphy3's dictionary read through mmap instead of copied into each process.

dawg_python reads each DAWG file (words.dawg, the prediction suffixes, the probability
table: 15 MB of the 24 MB a MorphAnalyzer costs) into an array of its own. Mapped
instead, every process reads the one copy in the operating system's page cache, and a web
worker that only lemmatizes a reader's query holds in its memory just the few pages its
lookups touched (docs/performance.md §2). The arrays are read-only after loading, so a
memoryview over the mapped file answers the same indexing as the array did.
"""

from __future__ import annotations

import mmap
import struct

_installed = False


def _mapped(fp, count: int, fmt: str) -> memoryview:
    start = fp.tell()
    itemsize = struct.calcsize(fmt)
    mapped = mmap.mmap(fp.fileno(), 0, access=mmap.ACCESS_READ)
    mapped.madvise(mmap.MADV_RANDOM)
    end = start + count * itemsize
    if end > len(mapped):
        raise ValueError(
            f"{fp.name}: {count} units announced at byte {start}, the file has {len(mapped)} bytes"
        )
    fp.seek(end)
    return memoryview(mapped)[start:end].cast(fmt)


def install() -> None:
    """Make dawg_python map the files it loads from then on (idempotent)."""
    global _installed
    if _installed:
        return
    from dawg_python import wrapper

    def read_dictionary(self, fp) -> None:
        (size,) = struct.unpack("=I", fp.read(4))
        self._units = _mapped(fp, size, "I")

    def read_guide(self, fp) -> None:
        (size,) = struct.unpack("=I", fp.read(4))
        self._units = _mapped(fp, size * 2, "B")

    wrapper.Dictionary.read = read_dictionary
    wrapper.Guide.read = read_guide
    _installed = True
