"""A rotary pump's own fall is learnt only from falls within ``_OWN_STEP`` of it.

With volts, a pump's step beside a heater that strays more than
``_OWN_STEP`` from the pump's own fall may be a dual boiler's heaters
handing over, and is never counted (``_off_step``). That own fall is
learnt from clean runs' falls to the standby; a flush shorter than two
readings reads its step only in part, and taken as the pump's own fall it
pulled the learnt step 11 % low at the second sample, so a long shot's
stop beside the brew heater, read at the pump's true step, strayed from it
and the shot was lost (dev seed 21,000,051 every 2 s: a 2.2 s flush read
109.1 and 106.4 W beside a 136 W step; later a 98.2 s shot, 137 W alone,
then the brew heater's 995 W with it, both off in one interval).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import Row, dual_boiler_heaters, periodic, run_all

ROTARY = 136.0
BREW = 1000.0
STEAM = 1390.0
SHOT = (1100.0, 1190.0)  # the pump; the brew heater comes on 10 s in, off with it


def readings(flush: tuple[float, float] | None) -> list[Row]:
    """Both heaters learnt, perhaps a flush read only in part, then a 90 s shot."""
    pieces = [
        *dual_boiler_heaters(STEAM, BREW),
        (SHOT[0], SHOT[1], ROTARY),
        (SHOT[0] + 10.0, SHOT[1], BREW),
    ]
    if flush is not None:
        pieces.append((flush[0], flush[1], ROTARY))
    return periodic(sorted(pieces), 1300.0, every=2.0, noise=0.3, volts=230.0)


def test_the_shot_counts_with_no_flush_before_it() -> None:
    runs = run_all(PumpDetector(ROTARY), readings(None), until=1300.0)
    assert len(runs) == 1, runs
    assert runs[0].started == pytest.approx(SHOT[0], abs=2.0)
    assert runs[0].ended == pytest.approx(SHOT[1], abs=2.0)


def test_a_flush_read_in_part_teaches_no_step() -> None:
    # 3.1 s across two readings, about 1.5 s of each: 107 and 114 W.
    rows = readings((1000.45, 1003.55))
    flush = [w for t, w, _ in rows if w is not None and 1001.0 < t < 1005.0]
    assert len(flush) == 2
    assert all(100.0 < w < 0.9 * ROTARY for w in flush), flush
    runs = run_all(PumpDetector(ROTARY), rows, until=1300.0)
    assert len(runs) == 2, runs  # the flush, then the shot
    assert runs[0].duration < 5.0
    assert runs[1].started == pytest.approx(SHOT[0], abs=2.0)
    assert runs[1].ended == pytest.approx(SHOT[1], abs=2.0)
