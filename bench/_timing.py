"""The timing every page benchmark shares: the median server time of a page."""

import statistics
import time

from django.test import Client


def median_ms(client: Client, url: str, runs: int) -> float:
    """Median wall time (ms) of `runs` GETs of url, after one warm-up; streams are read."""
    client.get(url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        if getattr(response, "streaming", False):
            for _chunk in response.streaming_content:
                pass
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings)
