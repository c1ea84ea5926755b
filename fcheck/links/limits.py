"""Politeness: at most ``per_host`` requests in flight to one host, started no faster
than ``rate`` per second."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class HostLimits:
    def __init__(
        self,
        per_host: int,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._per_host = per_host
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self._per_host))
        with semaphore:
            with self._lock:
                now = self._clock()
                start = max(now, self._next.get(host, now))
                self._next[host] = start + self._interval
            if start > now:
                self._sleep(start - now)
            yield
