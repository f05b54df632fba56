"""A steam heater's cycle read on change whose partial readings fall at the pump's level is no shot.

A plug reporting on change reads a heater's switching, as one read every
5 s does, as one partial reading (a second's average) between its two
levels, of any share of it. A dual boiler's steam heater (1.2-1.3 kW) then
reads now and then as a heater and a rotary pump (about 200 W) together:
its one partial reading at the rise or at the fall lands within a quarter
of the pump's step of the heater without it (``_seen_alone``), a chance
hit in a window of a few hundredths of the heater's edge. A run whose rise
and fall each hold one partial reading shows no pump by them
(``_single_partial``); only a whole reading of the pump alone does.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs


def test_a_steam_cycle_read_on_change_with_one_partial_at_the_pumps_level_is_no_shot() -> (
    None
):
    """Seed 27,000,031 on change (rotary pump 198 W, calibrated 197 W, with
    volts): the steam heater's cycles at 1,847-1,884 s (3, 926, 1,205 ...
    1,218, 960, 3 W) and 2,310-2,346 s (3, 395, 1,243 ... 1,246, 1,016, 3 W)
    read one partial reading at each end, the fall's at the heater without
    the pump; at 5,545-5,581 s (3, 234, 1,258 ... 1,265, 811, 3 W) the
    rise's at the pump alone. No pump ran."""
    trace = TraceSpec("dual_boiler", "rotary", "on_change", 27000031, 0).generate()
    runs = calibrated_runs(trace, 5700.0)
    for a, b in ((1800.0, 1900.0), (2290.0, 2360.0), (5530.0, 5600.0)):
        assert [(s, e) for s, e in runs if a < s < b] == []
