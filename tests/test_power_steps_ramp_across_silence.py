"""A vibratory pump's ramp whose rest a late report leaves settling after the ramp's wait.

A plug reporting every second whose reports stop for a few seconds (Wi-Fi,
a busy Home Assistant) just after the pump's first, partial reading: the
partial level is held by the silence, and the rest of the step settles only
once its second reading came, past the ramp's wait. Its first reading came in
time, so the two parts are one rise: the pump's (the end-to-end guided run).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import Row, run_all

PUMP_W = 55.0
HEATER_ON = 1256.1  # a thermostat's heater on, no voltage reported


def _rows(rest_at: float, rest: list[float]) -> list[Row]:
    """The heater's plateau, the ramp's part at 1.2 s, silence, the rest from ``rest_at``, the stop at 27.1 s."""
    rows: list[Row] = [(float(t), HEATER_ON, None) for t in range(-120, 0)]
    rows.append((1.2, 1285.7, None))
    rows += [(rest_at + i, watts, None) for i, watts in enumerate(rest)]
    rows += [(27.1 + i, 1254.6, None) for i in range(30)]
    return rows


def _on_by(
    det: PumpDetector, rows: list[Row], until: float
) -> tuple[float | None, list[DetectedRun]]:
    """When ``pump_on`` first said so, and the runs decided, fed as the machine feeds."""
    first: float | None = None
    runs: list[DetectedRun] = []
    for row in rows:
        runs += run_all(det, [row])
        if first is None and det.pump_on:
            first = row[0]
    runs += run_all(det, [], until=until)
    return first, runs


@pytest.mark.parametrize(
    ("rest_at", "rest"),
    [
        pytest.param(
            5.4, [1312.7, 1312.8, 1313.9, 1314.1] + [1312.5] * 17, id="settled-next"
        ),
        pytest.param(5.2, [1312.5] * 22, id="repeated"),
    ],
)
def test_a_ramps_rest_read_after_a_silence_is_the_pumps_rise(
    rest_at: float, rest: list[float]
) -> None:
    """The rest's first reading came within the ramp's wait, settled past it: one run, seen running."""
    det = PumpDetector(PUMP_W)
    first, runs = _on_by(det, _rows(rest_at, rest), until=80.0)
    assert first is not None
    assert first <= 8.0
    [run] = runs
    assert run.started == pytest.approx(1.2, abs=1.0)
    assert run.ended == pytest.approx(27.1, abs=1.0)


def test_a_rise_after_the_ramps_wait_stays_apart() -> None:
    """A rest first read past the wait (7 s after the part) is not merged into it.

    The two halves stand apart: neither is the pump's step, and no run is
    made of them (the wait still bounds what a ramp may be).
    """
    det = PumpDetector(PUMP_W)
    first, runs = _on_by(det, _rows(8.2, [1312.5] * 19), until=80.0)
    assert first is None
    assert runs == []
