"""A progress bar for long management commands."""

from __future__ import annotations

import time


class Progress:
    """One line that redraws itself on a terminal, or a line per 10% elsewhere."""

    def __init__(self, stream, label: str, *, per_second: str = "/с", left: str = "осталось"):
        self.stream, self.label = stream, label  # a command's OutputWrapper
        self.per_second, self.left = per_second, left
        self.started = time.monotonic()
        self.tty = stream.isatty()
        self.last_decile = -1

    def __call__(self, done: int, total: int) -> None:
        total = max(total, done, 1)
        share = done / total
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        bar = "#" * int(share * 30)
        line = (
            f"{self.label} [{bar:<30}] {share:6.1%}  {done:,}/{total:,}  "
            f"{rate:,.0f}{self.per_second}  {self.left} {int(left // 60)}:{int(left % 60):02d}"
        ).replace(",", " ")
        if self.tty:
            self.stream.write("\r" + line, ending="")
            self.stream.flush()
        elif int(share * 10) != self.last_decile:
            self.last_decile = int(share * 10)
            self.stream.write(line)

    def finish(self):
        if self.tty:
            self.stream.write("")
