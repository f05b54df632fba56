"""Hand-made backflushes recognized in a metering plug's readings themselves.

Pure Python with no Home Assistant import. ``PumpDetector`` needs steady
levels: a 5-12 s pulse reported every 5 s is one or two partial readings, so
it sees few of a backflush's pulses. This reads the pump's share of each
reading instead, as a matched filter of the pump's size would: the reading
above the level before it, divided by ``pump_watts``, is the fraction of the
reading's interval the pump ran (0 to 1). Readings the pump alone cannot
explain (a heater switching, a PID's burst) are unknown, not guessed: a
heater that stays on becomes the new level to read the pump above.

An excursion (fractions above zero) ends at the first reading with the pump
off. It is cut into pulses at its dips (a pause shorter than two readings
shows only as a dip), each pulse's on-time is the sum of its fractions times
their intervals (the energy over the pump's power, true even when no
reading is steady), dated around its centre of mass. The pulses go to the
same ``BackflushRecognizer`` as the runs of the other signals do, so the
pattern (two series of pulses, cleaner then rinse) is the one rule.

Precision first: a reading that cannot be read leaves a hole that may hide
a pulse or a pause, never one that makes a pulse; a long excursion (a shot)
between the series cancels, as a run would. A backflush needs the readings
still before it and in its rinse pause: a slow PID's heater bursts, averaged
over a plug's interval, read as pump-sized pulses at the heater's cadence
all the time it idles.

``PowerBackflushes`` (``train``) is one public class, assembled from one
layer per concern. Each layer is a class in its own module that derives
from the one listed before it, so a layer calls only itself and those
before it:

* ``state``: every attribute (``__slots__``) and its initial value;
* ``bands``: each reading's share of the pump, read above the pump-off
  level or a heater's band, the level and the bands learned and followed;
* ``checks``: whether a find stands (odd readings, spread, the quiet
  around it, long runs and shots the detector saw; sturdy, confirmed);
* ``excursions``: readings while the pump may run, closed into pulses and
  fed to the pattern (on a slow plug also cut at a heater's stretch);
* ``two_second``: a 2 s plug's rules (a weak pulse a run confirmed, a run
  across the plug's floor taken for none);
* ``train``: ``PowerBackflushes`` itself, its public methods.

Beside them: ``constants`` (the tunables, ``POWER_RULES``), ``records``
(a pulse, a reading's segment, an excursion), ``split`` (an excursion
cut into pulses at its dips), ``recent`` (starts and runs kept in a
window) and ``slow_plug`` (the rules for a plug reporting every few
seconds, pure functions with their own thresholds). The state is declared
once (``state``), so tests may read any attribute of a ``PowerBackflushes``.
"""

from .constants import POWER_RULES
from .records import Pulse, Segment
from .split import split_pulses
from .train import PowerBackflushes

__all__ = ["POWER_RULES", "PowerBackflushes", "Pulse", "Segment", "split_pulses"]
