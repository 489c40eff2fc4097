"""Page work in a forked child: the same results, in the caller's order, whatever goes wrong."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest

from evidence_guides import workers
from evidence_guides.workers import Ahead, split_map

needs_fork = pytest.mark.skipif(
    not workers.available(), reason="needs fork and a second core (the work is done here then)"
)


def square(key: int) -> int:
    return key * key


class Boom(Exception):
    pass


def test_results_come_back_in_any_order_asked() -> None:
    ahead = Ahead(square, list(range(40)))
    try:
        assert [ahead.get(key) for key in (5, 0, 39, 6, 1)] == [25, 0, 1521, 36, 1]
        assert [ahead.get(key) for key in range(40)] == [key * key for key in range(40)]
    finally:
        ahead.close()


def test_a_key_the_child_was_not_given_is_computed_here() -> None:
    ahead = Ahead(square, [1, 2])
    try:
        assert ahead.get(7) == 49
        assert ahead.get(2) == 4
    finally:
        ahead.close()


@needs_fork
def test_work_is_done_in_the_child() -> None:
    parent = os.getpid()
    ahead = Ahead(lambda key: os.getpid(), [1, 2, 3])
    try:
        assert {ahead.get(key) for key in (1, 2, 3)} - {parent}
    finally:
        ahead.close()


def test_a_failure_in_the_child_is_raised_here() -> None:
    def work(key: int) -> int:
        if key == 3:
            raise Boom(f"page {key}")
        return key

    ahead = Ahead(work, list(range(6)))
    try:
        assert [ahead.get(key) for key in range(3)] == [0, 1, 2]
        with pytest.raises(Boom, match="page 3"):
            ahead.get(3)
        assert [ahead.get(key) for key in range(4, 6)] == [4, 5]
    finally:
        ahead.close()


def test_an_unpicklable_result_is_computed_here() -> None:
    ahead = Ahead(lambda key: lambda: key, [1, 2])
    try:
        assert ahead.get(2)() == 2
    finally:
        ahead.close()


@needs_fork
def test_if_the_child_dies_the_rest_is_done_here() -> None:
    parent = os.getpid()

    def work(key: int) -> int:
        if key == 2 and os.getpid() != parent:
            os._exit(3)  # the child dies without a word
        return key * 10

    ahead = Ahead(work, list(range(5)))
    try:
        assert [ahead.get(key) for key in range(5)] == [0, 10, 20, 30, 40]
    finally:
        ahead.close()


def test_close_twice_and_after_everything() -> None:
    ahead = Ahead(square, [1])
    assert ahead.get(1) == 1
    ahead.close()
    ahead.close()
    assert ahead.get(1) == 1  # computed here


def test_split_map_is_a_map() -> None:
    items = list(range(workers.MINIMUM * 3))
    assert split_map(square, items) == [item * item for item in items]
    assert split_map(square, []) == []
    assert split_map(square, [3]) == [9]


def test_split_map_raises_the_first_failure_in_order() -> None:
    def work(item: int) -> int:
        if item in (workers.MINIMUM + 1, workers.MINIMUM * 2 - 1):
            raise Boom(str(item))
        return item

    with pytest.raises(Boom, match=f"^{workers.MINIMUM + 1}$"):
        split_map(work, range(workers.MINIMUM * 2))


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers.available() is False
    finally:
        stop.set()
        thread.join()


def test_ready_says_whether_get_would_wait() -> None:
    ahead = Ahead(lambda key: key, [1, 2])
    try:
        deadline = time.monotonic() + 10
        while not ahead.ready(2) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert ahead.ready(2) and ahead.ready(1)
        assert ahead.get(2) == 2 and ahead.get(1) == 1
    finally:
        ahead.close()


@needs_fork
def test_ready_is_false_while_the_child_works() -> None:
    go = os.pipe()

    def work(key: int) -> int:
        os.read(go[0], 1)  # the child waits until the test lets it go
        return key

    ahead = Ahead(work, [7])
    try:
        assert ahead.ready(7) is False
        os.write(go[1], b"x")
        assert ahead.get(7) == 7
    finally:
        ahead.close()
        os.close(go[0])
        os.close(go[1])


def test_split_map_splits_by_cost() -> None:
    items = list(range(workers.MINIMUM * 2))
    heavy = 8
    costs = [float(len(items) - heavy) / heavy] * heavy + [1.0] * (len(items) - heavy)
    where = split_map(lambda item: os.getpid(), items, costs)
    assert where[:heavy] == [os.getpid()] * heavy  # half the cost: done here
    if workers.available():
        assert os.getpid() not in where[heavy:]  # the other half: in the child


@pytest.mark.parametrize(
    ("costs", "middle"),
    [([1.0] * 4, 2), ([3.0, 1.0, 1.0, 1.0], 1), ([1.0, 1.0, 1.0, 3.0], 3), ([], 0)],
)
def test_the_middle_halves_the_cost(costs: list[float], middle: int) -> None:
    assert workers._middle(costs) == middle


def _pipe_limit() -> int:
    try:
        return int(Path("/proc/sys/fs/pipe-max-size").read_text())
    except (OSError, ValueError):
        return 0


@pytest.mark.skipif(
    not hasattr(fcntl, "F_GETPIPE_SZ") or _pipe_limit() < 1 << 20,
    reason="sizing a pipe is Linux's (F_SETPIPE_SZ), up to its pipe-max-size",
)
def test_the_results_pipe_holds_a_megabyte() -> None:
    """Dozens of results wait in it, so the caller never waits for the child's sending thread."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    try:
        assert fcntl.fcntl(receiver.fileno(), fcntl.F_GETPIPE_SZ) < 1 << 20
        workers._widen(sender)
        assert fcntl.fcntl(receiver.fileno(), fcntl.F_GETPIPE_SZ) == 1 << 20
    finally:
        receiver.close()
        sender.close()
