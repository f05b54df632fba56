"""A real Home Assistant core in real time, simulated relays, and machine entries.

The core is the test harness's (``async_test_home_assistant``), but nothing
is frozen or mocked in time: timers fire when the event loop's monotonic
clock reaches them, as in production. Stored data goes to a temporary
config directory, written to disk for real.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
import contextlib
import gc
import logging
import random
import statistics
import tempfile
import time
from typing import Any

from homeassistant import loader
from homeassistant.components.switch import SwitchEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import async_get_platforms
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_test_home_assistant,
    setup_test_component_platform,
)

DOMAIN = "espresso_care"
PLUG = "switch.bench_plug"


class ErrorCounter(logging.Handler):
    """Counts (and keeps) every error logged while the benchmark runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record."""
        self.records.append(record)


class SimRelaySwitch(SwitchEntity):
    """A relay as a switch entity: each command takes ``latency`` seconds to act.

    It keeps two timelines on the event loop's monotonic clock (the one the
    program runner schedules on): when a command arrived, and when the relay
    actually switched (and reported its new state).
    """

    _attr_should_poll = False

    def __init__(self, object_id: str, *, on: bool = False, latency: float = 0.0):
        self.entity_id = f"switch.{object_id}"
        self._attr_name = object_id.replace("_", " ")
        self._attr_unique_id = f"bench_{object_id}"
        self._attr_is_on = on
        self.latency = latency
        self.jitter = 0.0
        self.rng = random.Random(object_id)
        self.received: list[tuple[float, bool]] = []
        self.switched: list[tuple[float, bool]] = []
        self._waiters: list[tuple[bool, asyncio.Future[float]]] = []

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on after the relay's latency."""
        await self._switch(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off after the relay's latency."""
        await self._switch(False)

    async def _switch(self, on: bool) -> None:
        loop = asyncio.get_running_loop()
        self.received.append((loop.time(), on))
        latency = self.latency
        if self.jitter:
            latency += self.rng.uniform(-self.jitter, self.jitter)
        if latency > 0:
            await asyncio.sleep(latency)
        now = loop.time()
        if self._attr_is_on != on:
            self.switched.append((now, on))
        self._attr_is_on = on
        self.async_write_ha_state()
        for wanted, waiter in list(self._waiters):
            if wanted == on and not waiter.done():
                waiter.set_result(now)

    async def wait_for(self, on: bool) -> float:
        """Wait until the relay switches to ``on``; return when it did (loop time)."""
        waiter: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        entry = (on, waiter)
        self._waiters.append(entry)
        try:
            return await asyncio.wait_for(waiter, 30)
        finally:
            self._waiters.remove(entry)

    def clear(self) -> None:
        """Forget both timelines."""
        self.received.clear()
        self.switched.clear()


@contextlib.asynccontextmanager
async def bench_hass(errors: ErrorCounter) -> AsyncIterator[HomeAssistant]:
    """A running Home Assistant core with the custom integrations enabled."""
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger().addHandler(errors)
    with tempfile.TemporaryDirectory(prefix="espresso-bench-") as config_dir:
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            hass.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
            try:
                yield hass
            finally:
                await hass.async_stop(force=True)
    logging.getLogger().removeHandler(errors)


async def add_relays(hass: HomeAssistant, relays: Iterable[SimRelaySwitch]) -> None:
    """Make the relays real switch entities of a ``test`` switch platform."""
    platforms = [p for p in async_get_platforms(hass, "test") if p.domain == "switch"]
    if platforms:
        await platforms[0].async_add_entities(list(relays))
    else:
        setup_test_component_platform(hass, "switch", list(relays))
        assert await async_setup_component(
            hass, "switch", {"switch": [{"platform": "test"}]}
        )
    await hass.async_block_till_done()


def machine_entry(
    pump: str, *, power: str = PLUG, title: str | None = None, **options: Any
) -> MockConfigEntry:
    """A config entry wrapping two switch entities."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=title or f"Bench {pump.split('.', 1)[1]}",
        unique_id=pump,
        data={
            "backend": "entity",
            "power_entity": power,
            "pump_entity": pump,
            "three_way_valve": True,
        },
        options=options,
    )


async def add_machine(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add and set up one machine."""
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


class GcPauses:
    """Garbage collections that stop the process for more than ``threshold`` s.

    Use as a context manager; ``pauses`` holds (perf_counter at the start,
    duration) of each.
    """

    def __init__(self, threshold: float = 0.005) -> None:
        self.threshold = threshold
        self.pauses: list[tuple[float, float]] = []
        self._started = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        elif (pause := time.perf_counter() - self._started) > self.threshold:
            self.pauses.append((self._started, pause))

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def durations_ms(self) -> list[float]:
        """Each pause in ms, shortest first."""
        return sorted(round(pause * 1000, 1) for _, pause in self.pauses)


async def sleep_until(deadline: float) -> None:
    """Sleep until the loop's clock reaches ``deadline``."""
    delay = deadline - asyncio.get_running_loop().time()
    if delay > 0:
        await asyncio.sleep(delay)


def summary(values: list[float]) -> dict[str, float]:
    """Median, smallest and largest of repeated figures."""
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }
