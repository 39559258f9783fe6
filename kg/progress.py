"""Progress of a build on stderr: a bar on a terminal, plain lines elsewhere.

Nothing is shown for a build that ends within a moment.
"""
from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from typing import IO, Iterator

from kg.document import Document


class Progress:
    """Called with each finished document; shows documents, characters per second and an ETA."""

    def __init__(self, documents: int, characters: int, stream: IO[str] | None = None,
                 delay: float = 1.0, every: float = 10.0, label: str = "extracting"):
        self.stream = stream or sys.stderr
        self.documents, self.characters = documents, characters
        self.done_docs = self.done_chars = 0
        self.t0 = time.perf_counter()
        self.delay, self.every, self.label = delay, every, label
        self._last_line = None
        self._bar = None
        if self.stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=characters, unit="char", unit_scale=True, delay=delay, file=self.stream,
                             desc=label, dynamic_ncols=True, leave=False,
                             bar_format="{desc} {percentage:3.0f}%|{bar}| {postfix} "
                                        "{rate_fmt} [{elapsed}<{remaining}]")
            self._bar.set_postfix_str(f"0/{documents} docs", refresh=False)

    def __call__(self, doc: Document) -> None:
        self.done_docs += 1
        self.done_chars += len(doc.text)
        if self._bar is not None:
            self._bar.set_postfix_str(f"{self.done_docs}/{self.documents} docs", refresh=False)
            self._bar.update(len(doc.text))
            return
        now = time.perf_counter()
        elapsed = now - self.t0
        if elapsed < self.delay:
            return
        if self._last_line is None or now - self._last_line >= self.every:
            self._last_line = now
            self.stream.write(self.line(elapsed) + "\n")
            self.stream.flush()

    def line(self, elapsed: float) -> str:
        rate = self.done_chars / elapsed if elapsed > 0 else 0.0
        left = (self.characters - self.done_chars) / rate if rate else 0.0
        return (f"kg build: {self.label} {self.done_docs}/{self.documents} documents, "
                f"{self.done_chars / 1e6:.2f}/{self.characters / 1e6:.2f} M chars, "
                f"{rate / 1e3:.0f} k chars/s, ETA {left:.0f} s")

    def close(self) -> None:
        """End the bar, or write the last line; once, however often it is called."""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        if self._bar is not None:
            self._bar.close()
        elif self._last_line is not None and self.done_docs:
            self.stream.write(self.line(time.perf_counter() - self.t0) + "\n")
            self.stream.flush()


@contextmanager
def stage(label: str, stream: IO[str] | None = None, delay: float = 1.0, every: float = 10.0) -> Iterator[None]:
    """Show that a stage without countable steps (writing the graph, the store and the page) is
    still running: its elapsed time, on one refreshed line on a terminal, else a line every
    ``every`` seconds, and how long it took; nothing if it ends within ``delay``."""
    stream = stream or sys.stderr
    tty = stream.isatty()
    t0 = time.perf_counter()
    done = threading.Event()
    shown = False

    def tick() -> None:
        nonlocal shown
        wait = delay
        while not done.wait(wait):
            elapsed = time.perf_counter() - t0
            stream.write(f"\rkg build: {label}, {elapsed:.0f} s\x1b[K" if tty else f"kg build: {label}, {elapsed:.0f} s\n")
            stream.flush()
            shown, wait = True, (1.0 if tty else every)

    ticker = threading.Thread(target=tick, name="kg-progress", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()
        if shown:
            line = f"kg build: {label}: done in {time.perf_counter() - t0:.1f} s"
            stream.write(f"\r{line}\x1b[K\n" if tty else line + "\n")
            stream.flush()
