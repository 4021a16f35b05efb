"""Run booking attempts at the same moment from many threads, each on its own connection."""

import threading
from collections.abc import Callable

from django.db import connection

from appointments import services


def outcomes_at_once(count: int, attempt: Callable[[int], object]) -> list[str]:
    """Call `attempt(n)` for n in range(count) in threads released together; return the
    sorted outcomes: "booked", or the refusal's code."""
    barrier = threading.Barrier(count)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(number):
        try:
            barrier.wait()
            try:
                attempt(number)
                outcome = "booked"
            except services.BookingRefused as refused:
                outcome = refused.code
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)
