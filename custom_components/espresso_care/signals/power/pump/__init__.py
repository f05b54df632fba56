"""The pump detector: the pump's runs read from a metering plug's power.

``PumpDetector`` (``detector``) is one public class, assembled from one
layer per concern. Each layer is a class in its own module that derives
from the layer below, so a layer calls only itself and the layers under it:

* ``state``: every attribute (``__slots__``), initial values, the pump's step;
* ``plug``: the plug's timing, tolerances, known levels, a run's bookkeeping;
* ``noise``: the live noise check and the pause it causes;
* ``heater_sizes``: the heaters' sizes, learnt online (Hart's clusters);
* ``slow_plug``: runs read from the last readings of a 5 s plug (decoder
  hand-off, a shot over a heater, the pump beside a heater's switch), a
  subpackage of its own layers (its ``__init__`` lists them);
* ``explain``: which switchings explain an edge (Hart's decomposition);
* ``heater_cycles``: whether a fall is a heater's cycle, not the pump's;
* ``run_start``: a run opened, its start dated;
* ``off_in_run``: a run's readings that show the pump off inside it, or a
  backflush's pulses before it (the run withheld);
* ``stop_dating``: when the pump stopped, and a run whose kind hangs on it;
* ``run_end``: the pump's fall paired with its rise, a run closed or dropped;
* ``hidden_runs``: runs whose start or stop hid in a heater's edge;
* ``classify``: a decided edge dispatched by its explanation;
* ``pauses``: pauses and short pulses inside a transient;
* ``steady_states``: readings into steady states and edges (Hart's edge
  detector), and what a silence decides;
* ``floor``: the pump's floor among a slow PID's pulses;
* ``detector``: ``PumpDetector`` itself, its public methods.

Beside them: ``constants`` (the tunables), ``steps`` (pure step arithmetic
on an edge's readings), ``records`` (a heater, a hidden rise, a pending
run, the floor) and ``live_level`` (whether the level held now shows the
pump, for a listener that knows a press is due). Each layer only adds
methods; the state is declared once (``state``), so tests may read any
attribute of a ``PumpDetector``.
"""
