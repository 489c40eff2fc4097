"""Does the work grow linearly with its input? Asked so that a loaded machine cannot fail it.

Hostile input (ten thousand unclosed brackets, a page of ``(2019 ``) must never
make a scan quadratic or send a pattern backtracking. A fixed bound on the time
the work takes says so only on a quiet machine: at a load average of 11, scans
allowed 2 s, twenty times what they need, failed; and on a fast machine a
quadratic scan of a small input passes. What such a test means is how the cost
grows, so ``assert_linear`` measures that: the work on an input of size n and on
one of size ``FACTOR * n``, and the ratio of the two times.

- Process CPU time (``time.process_time``), not wall time: while other jobs run,
  the time the process waits for a core is not its work. Work done in another
  process or by a server needs another clock (or only a timeout against a hang).
- Interleaved (small, large, small, large...), so that a change in the machine's
  speed touches both sizes alike.
- The fastest of ``ROUNDS`` runs of each: interruptions and cache misses only
  ever add time, so the fastest run is the nearest to the work's own cost.
- Each run repeats the call until it lasts ``MIN_SECONDS`` or more, so that the
  clock's resolution and one interruption are small against it.
- The garbage collector is paused while the sizes are timed: a collection
  costs what the whole heap holds, not what the input does.
- A ratio over the bound is measured again, up to ``ATTEMPTS`` times in all,
  before the test fails: a burst of load does not repeat itself exactly, a
  quadratic scan does every time.

The bound is ``FACTOR ** MAX_EXPONENT`` = 4 ** 1.5 = 8: the time may grow as
n^1.5 at most. Linear work gives a ratio of 4; n log n about 4.6 at n = 10,000
(4 * log 40,000 / log 10,000); quadratic 16; a backtracking pattern far more. So
8 is a factor of 2 from linear on one side and from quadratic on the other.

A cost fixed per call (setting up, a page's boilerplate) pulls the ratio
towards 1, and a quadratic term is caught once it is about a third of the time
at size n or more (a third gives (2 * 4 + 16) / 3 = 8). So choose n where a
blow-up would show: the tests take a quarter of the size their hostile inputs
always had as n, and that size itself as ``FACTOR * n``.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

Input = TypeVar("Input")

FACTOR = 4  # the larger input is this many times the smaller
MAX_EXPONENT = 1.5  # between linear (1) and quadratic (2)
BOUND = FACTOR**MAX_EXPONENT  # 8.0
ROUNDS = 3  # runs of each size in one attempt; the fastest counts
ATTEMPTS = 3  # attempts over the bound before the test fails
MIN_SECONDS = 0.005  # the least a timed run of the smaller input lasts


@dataclass(frozen=True)
class Growth:
    """One attempt: the fastest time of each size (seconds per call) and their ratio."""

    small: float
    large: float

    @property
    def ratio(self) -> float:
        return self.large / self.small

    def __str__(self) -> str:
        return f"{self.small * 1e3:.2f} ms -> {self.large * 1e3:.2f} ms ({self.ratio:.1f}x)"


def assert_linear(
    work: Callable[[Input], object],
    build: Callable[[int], Input],
    n: int,
    *,
    clock: Callable[[], float] = time.process_time,
) -> Growth:
    """Fail unless ``work(build(FACTOR * n))`` costs at most ``BOUND`` times ``work(build(n))``.

    ``build`` makes the input of size n (the hostile text repeated n times, say);
    it is called outside the timing. The growth that passed is returned.
    """
    small, large = build(n), build(FACTOR * n)
    work(large)  # first calls import, compile and fill caches: not the input's cost
    attempts = []
    with _collector_paused():
        repeats = _repeats(work, small, clock)
        for _ in range(ATTEMPTS):
            growth = _measure(work, small, large, repeats, clock)
            if growth.ratio <= BOUND:
                return growth
            attempts.append(str(growth))
    raise AssertionError(
        f"the work grows faster than n^{MAX_EXPONENT}: from n = {n:,} to {FACTOR * n:,} it took"
        f" {', then '.join(attempts)} (linear is {FACTOR}x, quadratic {FACTOR**2}x,"
        f" the bound {BOUND:g}x)"
    )


def _repeats(work: Callable[[Input], object], small: Input, clock: Callable[[], float]) -> int:
    """How many calls make one timed run of the smaller input last ``MIN_SECONDS``."""
    once = _timed(work, small, 1, clock)
    return max(1, math.ceil(MIN_SECONDS / max(once, 1e-9)))


def _measure(
    work: Callable[[Input], object],
    small: Input,
    large: Input,
    repeats: int,
    clock: Callable[[], float],
) -> Growth:
    fastest_small = fastest_large = math.inf
    for _ in range(ROUNDS):
        fastest_small = min(fastest_small, _timed(work, small, repeats, clock))
        fastest_large = min(fastest_large, _timed(work, large, repeats, clock))
    return Growth(fastest_small / repeats, fastest_large / repeats)


def _timed(
    work: Callable[[Input], object], given: Input, repeats: int, clock: Callable[[], float]
) -> float:
    """The time of ``repeats`` calls."""
    started = clock()
    for _ in range(repeats):
        work(given)
    return clock() - started


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection in between, after one that starts from a clean heap."""
    collecting = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
