"""Outages waited out and costs told apart, in the client alone (no QGIS, no server)."""

import threading
import time

import pytest

from beod.credits import CostWindow, judge, submission_lock
from beod.errors import (
    AuthenticationError,
    CancelledError,
    DownloadError,
    NetworkError,
    ScenarioFailedError,
    ServerError,
)
from beod.outage import Outage, OutageTooLongError, is_transient, outage_text, wait_out


def test_outage_text_reads_like_the_jobs_list():
    assert outage_text(5) == "Server unreachable for 5 s, still trying"
    assert outage_text(130) == "Server unreachable for 2 min, still trying"
    assert outage_text(3 * 3600 + 300) == "Server unreachable for 3 h 05 min, still trying"


def test_only_outages_are_transient():
    assert is_transient(NetworkError("refused")) and is_transient(ServerError("503", status=503))
    assert is_transient(DownloadError("cut"))
    assert not is_transient(DownloadError("gone", status=404))
    assert not is_transient(AuthenticationError("no")) and not is_transient(ScenarioFailedError("no"))
    assert not is_transient(OutageTooLongError("too long"))


def test_back_off_grows_to_its_cap_and_ends_after_the_limit():
    now = [0.0]
    outage = Outage(min_interval=1.0, max_interval=8.0, max_outage=100.0, clock=lambda: now[0])
    pauses = []
    for _ in range(6):
        pauses.append(outage.failed(NetworkError("refused")))
        now[0] += pauses[-1]
    assert pauses == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert outage.seconds == pytest.approx(sum(pauses[:-1]) + pauses[-1])
    now[0] = 100.0
    with pytest.raises(OutageTooLongError):
        outage.failed(NetworkError("refused"))
    outage.recovered()
    assert not outage.active and outage.failed(NetworkError("refused")) == 1.0


def test_wait_out_retries_outages_and_raises_the_rest():
    calls, reported = [], []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise NetworkError("refused")
        return "done"

    assert wait_out(flaky, min_interval=0.01, max_interval=0.02, on_outage=reported.append) == "done"
    assert len(calls) == 3 and len(reported) == 2
    with pytest.raises(AuthenticationError):
        wait_out(lambda: (_ for _ in ()).throw(AuthenticationError("wrong password")), min_interval=0.01)
    with pytest.raises(CancelledError):
        wait_out(lambda: (_ for _ in ()).throw(NetworkError("down")), min_interval=5.0,
                 is_cancelled=lambda: True)
    with pytest.raises(OutageTooLongError):
        wait_out(lambda: (_ for _ in ()).throw(NetworkError("down")), min_interval=0.01, max_interval=0.01,
                 max_outage=0.05)


def test_a_cost_is_claimed_only_when_no_other_project_appeared():
    alone = judge(CostWindow(before=100.0, after=96.41), {1, 2}, {1, 2, 3}, own_project=3)
    assert alone.cost == 3.59 and alone.status == "attributed"
    shared = judge(CostWindow(before=100.0, after=92.82), {1, 2}, {1, 2, 3, 4}, own_project=3)
    assert shared.cost is None and shared.status == "shared"
    unknown = judge(CostWindow(before=100.0, after=None), {1}, {1, 3}, own_project=3)
    assert unknown.cost is None and unknown.status == "unknown"
    unlisted = judge(CostWindow(before=100.0, after=99.0), None, {1, 3}, own_project=3)
    assert unlisted.cost is None and unlisted.status == "shared"


def test_submissions_of_one_account_take_turns():
    order = []
    inside = threading.Event()

    def first():
        with submission_lock("http://test", "user-1") as got:
            order.append(("first in", got))
            inside.set()
            time.sleep(0.5)
            order.append(("first out", got))

    thread = threading.Thread(target=first)
    thread.start()
    assert inside.wait(5)
    with submission_lock("http://test", "user-1") as got:
        order.append(("second in", got))
    thread.join()
    assert [step for step, _ in order] == ["first in", "first out", "second in"]
    assert all(got for _, got in order)
    with submission_lock("http://test", "another-user", timeout=0.2) as got:  # other accounts do not wait
        assert got
