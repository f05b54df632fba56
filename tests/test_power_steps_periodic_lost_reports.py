"""A periodic plug's reports lost just after an edge's first, partial reading.

A plug reporting every second whose reports stop for a few seconds (Wi-Fi,
a busy Home Assistant) right after a switching was first read: the one
reading of the new level is no level held by silence (on a periodic plug a
dropped report is no silence), and when the next reading goes on the same
way, the two are one edge (``_settle_wait``, ``_continues_edge``).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import Row, run_all

PUMP_W = 124.5  # a rotary pump, read with its inrush
STANDBY_W = 3.0


def _rows(first: list[float], lost_s: float, rest: float) -> list[Row]:
    """The standby each second, the start's first readings, ``lost_s`` of nothing, the rest, the stop."""
    rows: list[Row] = [
        (float(t), STANDBY_W + 0.1 * (t % 3), None) for t in range(-120, 0)
    ]
    rows += [(float(i), watts, None) for i, watts in enumerate(first)]
    start = len(first) - 1 + lost_s
    rows += [(start + i, rest + 0.2 * (i % 2), None) for i in range(int(26 - start))]
    rows += [(26.0 + i, STANDBY_W, None) for i in range(40)]
    return rows


@pytest.mark.parametrize(
    ("first", "lost_s"),
    [
        pytest.param([51.0, 169.2], 3.0, id="inrush-then-lost"),
        pytest.param([51.0], 3.2, id="partial-then-lost"),
    ],
)
def test_an_edge_read_across_lost_reports_is_one_start(
    first: list[float], lost_s: float
) -> None:
    """Dev thermostat 20,000,001 at 2,475.8 s: 51, 169.2 W, 3 s lost, 128.9 W: one run from 0 s."""
    det = PumpDetector(PUMP_W)
    runs = run_all(det, _rows(first, lost_s, 128.9), until=120.0)
    [run] = runs
    assert run.started == pytest.approx(0.0, abs=1.0)
    assert run.ended == pytest.approx(26.0, abs=1.0)


def test_a_level_read_once_then_silent_for_long_still_holds() -> None:
    """Past the lost reports' bound, one reading's level held: its edge is decided then."""
    det = PumpDetector(PUMP_W)
    rows: list[Row] = [(float(t), STANDBY_W, None) for t in range(-120, 0)]
    rows.append((0.0, 128.9, None))
    run_all(det, rows, until=30.0)
    assert det.pump_on
