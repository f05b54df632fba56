"""A slow PID pulsing every other reading after its full output: the pump read alone twice.

A window of two readings leaves the pump seldom read alone between the
PID's pulses, and the standby's share was then judged over the whole idle
window, the heater's full output in it (``_after_full_output``): a step
paired among such pulses may be a pulse's partial reading (dev 21000000
every 1 s, 201.5 W for a 60.9 W pump, read at it once). Where two readings
of the run read the pump alone at the step, it showed between the pulses
after all: dev 26000001 (pid_slow, rotary 141.6 W, every 1 s) read 146 W
twice over a 5 W standby and was refused too noisy, though it reads 7 of
10 shots at the step it finds now, 140.9 W (regression 5000035 every 2 s,
179.9 W for 179.5 W, 10 of 10).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.calibration import calibrate
from custom_components.espresso_care.signals.power.calibration.pulsed_run import (
    _read_alone_twice,
)
from custom_components.espresso_care.signals.power.readings import Reading

_VOLTS = 230.7
_SAGGED = 227.3  # the mains under the heater at its full output
_HEATER_W = 1345.0
_STANDBY_W = 5.0
_PARTIALS = (175.0, 187.0, 47.0, 158.0, 210.0, 90.0, 310.0, 221.0, 177.0, 234.0)
# Dev 26000001's second try from its click (0 s), in watts and volts: the
# pump from 2.6 s to 10.7 s, read alone at 146 W at 4.6 and 6.6 s, among
# the heater's pulses.
_RUN = (
    (-0.4, 5.0, 230.8), (1.6, 5.0, 230.8), (2.6, 422.0, 230.8), (3.6, 187.0, 230.7),
    (4.6, 146.0, 230.7), (5.6, 1301.0, 230.6), (6.6, 146.0, 230.5), (7.6, 994.0, 228.4),
    (8.6, 939.0, 230.6), (9.6, 495.0, 228.7), (10.6, 1513.0, 228.4), (11.6, 658.0, 230.7),
    (12.6, 1216.0, 228.2), (13.6, 1196.0, 230.6), (14.6, 713.0, 228.3), (15.6, 1286.0, 230.5),
    (16.6, 210.0, 228.4), (17.6, 1366.0, 228.4), (18.6, 368.0, 230.5), (19.6, 1078.0, 228.4),
    (20.6, 650.0, 230.5), (21.6, 571.0, 228.6), (22.6, 966.0, 230.6), (23.6, 70.0, 228.6),
    (24.6, 1262.0, 230.7), (25.6, 5.0, 230.4), (26.6, 932.0, 228.4), (27.6, 441.0, 230.7),
    (28.6, 441.0, 228.3), (29.6, 881.0, 230.7), (30.6, 5.0, 230.6), (31.6, 1114.0, 230.6),
    (32.6, 5.0, 230.8), (33.6, 5.0, 228.4), (34.6, 169.0, 230.6), (35.6, 291.0, 228.5),
    (36.6, 682.0, 230.7), (37.6, 5.0, 230.6), (38.6, 932.0, 230.5), (39.6, 5.0, 230.7),
    (40.6, 651.0, 228.5), (41.6, 269.0, 230.7), (42.6, 150.0, 228.3), (43.6, 150.0, 230.6),
    (44.6, 5.0, 230.4), (45.6, 790.0, 230.6), (46.6, 5.0, 230.4), (47.6, 511.0, 228.5),
    (48.6, 220.0, 230.7), (49.6, 9.0, 228.5), (50.6, 504.0, 230.7), (51.6, 4.0, 231.1),
    (52.6, 519.0, 231.1), (53.6, 5.0, 231.2), (54.6, 373.0, 228.9), (55.6, 45.0, 230.9),
    (56.6, 5.0, 231.1), (57.6, 512.0, 231.1), (58.6, 5.0, 231.2), (59.6, 448.0, 231.3),
    (60.6, 5.0, 231.0),
)  # fmt: skip


def _idle() -> list[Reading]:
    """Every 1 s for 600 s: the heater whole for 170 s, then a pulse every other reading.

    Each pulse is one partial reading, every twentieth the heater whole
    again (a slow PID switches it whole); the standby between them.
    """
    out: list[Reading] = []
    for k in range(600):
        at = -601.4 + k
        if k < 170:
            watts = _HEATER_W + (k % 5)
        elif k % 2:
            watts = _STANDBY_W
        elif k % 40 == 0:
            watts = _HEATER_W - 10.0
        else:
            watts = _PARTIALS[(k // 2) % len(_PARTIALS)]
        out.append(Reading(at, watts, _SAGGED if watts > 1000.0 else _VOLTS))
    return out


def _first_step(
    readings: list[Reading], after: float
) -> tuple[float | None, str | None]:
    """What the flow saves: the first verdict ``calibrate`` ends its wait on."""
    seen = [r for r in readings if r.at < after]
    result = None
    for r in readings[len(seen) :]:
        seen.append(r)
        result = calibrate(seen, pump_started_after=after)
        if result.pump_watts is not None or result.error == "too_noisy":
            break
    assert result is not None
    return result.pump_watts, result.error


def test_the_pump_read_alone_twice_among_pulses_every_other_reading() -> None:
    """The standby is read after the full output, and the step stands."""
    readings = _idle() + [Reading(at, w, v) for at, w, v in _RUN]
    assert _read_alone_twice(readings, 0.0, 140.9)
    step, error = _first_step(readings, 0.0)
    assert error is None
    assert step is not None
    assert abs(step - 141.6) < 3.0


def test_a_step_read_alone_once_is_no_pump_read_twice() -> None:
    """21000000's kind: the step a pulse's partial level, read alone at it once."""
    readings = _idle() + [Reading(at, w, v) for at, w, v in _RUN]
    assert not _read_alone_twice(readings, 0.0, 201.5)
    assert not _read_alone_twice(readings, 0.0, 187.0 - _STANDBY_W)
