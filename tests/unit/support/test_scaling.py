"""The scaling check itself: it passes linear and n log n work and fails quadratic work."""

from __future__ import annotations

import random

import pytest

from tests.support.scaling import BOUND, assert_linear


def items(n: int) -> list[int]:
    numbers = list(range(n))
    random.Random(n).shuffle(numbers)
    return numbers


def quadratic(numbers: list[int]) -> int:
    """What a scan restarted at every opening does: each item walks the rest again."""
    return sum(1 for index in range(len(numbers)) for _ in numbers[index:])


def test_linear_work_passes_at_about_the_factor() -> None:
    # A scan of text, like the checks this guards: not a walk over scattered objects,
    # whose cost past the processor's cache grows faster than n on a busy machine.
    growth = assert_linear(lambda text: text.count("(n.d.)"), lambda n: "Smith (n.d.) " * n, 20_000)
    assert 1 < growth.ratio <= BOUND  # four times the work never costs less (best of runs)


def test_n_log_n_work_passes() -> None:
    assert assert_linear(sorted, items, 20_000).ratio <= BOUND


def test_quadratic_work_fails_and_says_how_it_grew() -> None:
    with pytest.raises(AssertionError, match=r"from n = 300 to 1,200 it took .* ms -> .* ms"):
        assert_linear(quadratic, items, 300)


def test_a_cost_fixed_per_call_does_not_fail_it() -> None:
    assert assert_linear(lambda numbers: sum(range(50_000)) + len(numbers), items, 10).ratio < 2
