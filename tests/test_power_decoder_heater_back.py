"""A heater switching off and on again within two readings, read every 5 s.

A heat exchanger's pressurestat has a narrow band: while the pump draws the
boiler's heat its heater may go off and on again within seconds. The
decoder forbade any heater's switching in the reading after its last, so
such a dip was left unexplained, and the decoder dropped every reading up to
it: a shot just before was lost. Switching back on now costs more
(``_BACK``) instead; a heater's pulse (on, then off in the next reading)
stays no explanation.
"""

from __future__ import annotations

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power import decoder

from .sim_replay import assert_one_shot

_WANTED = decoder.Wanted(
    margin=30.0, paused=10.0, near=2, part=7.0, shortest=15.0, longest=120.0
)


def _decoded(watts: list[float]) -> list[decoder.DecodedRun]:
    """The runs read from 5 s readings (a 1325 W heater, a 56 W pump)."""
    times = [5.0 * i for i in range(1, len(watts) + 1)]
    return decoder.decode(
        times,
        watts,
        base=3.4,
        heaters=[1325.0],
        pump=55.7,
        period=5.0,
        wanted=_WANTED,
        settled=6,
    )


def test_a_shot_before_a_heaters_quick_dip_is_decoded() -> None:
    """A shot from 33.7 s to 73.7 s, the heater cycling in it; then two
    flushes, the heater off and on again between them (283, 323): one run,
    each end within a reading."""
    watts = [3.0, 157.0, 1334.0, 141.0, 3.0, 3.0, 14.0, 371.0, 1394.0, 1395.0]
    watts += [629.0, 60.0, 1132.0, 1388.0, 1111.0, 3.0, 4.0, 443.0, 1328.0]
    watts += [283.0, 323.0, 1343.0, 747.0] + [3.0, 4.0] * 4
    found = _decoded(watts)
    assert len(found) == 1, found
    (run,) = found
    assert abs(run.started - 33.7) <= 5.0, run
    assert abs(run.ended - 73.7) <= 5.0, run


def test_a_heaters_dip_alone_is_no_run() -> None:
    """The heater off and on again within two readings that read about the
    pump's level (60, 62), the pump never on: nothing decoded."""
    watts = [3.0] * 4 + [777.0, 1328.0, 1327.0, 60.0, 62.0, 1329.0, 1326.0]
    watts += [700.0] + [3.0, 4.0] * 4
    assert _decoded(watts) == []


def test_a_heat_exchangers_shot_before_a_quick_dip_is_counted() -> None:
    """Heat exchanger, vibratory pump (57 W), a 1338 W heater: the shot from
    10208.7 to 10248.7, two flushes after it with the heater off for under
    10 s between them (the user's second calibration's trace): one shot."""
    trace = TraceSpec(
        "heat_exchanger", "vibratory", "periodic_5", 21000020, 0, calibration_runs=1
    )
    assert_one_shot(trace.generate(2), 10208.747, slack=5.0)
