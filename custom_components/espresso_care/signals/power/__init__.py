"""What a metering plug's power readings tell: the pump's runs and backflushes.

* ``readings``: a plug's ``Reading`` and the ``DetectedRun`` read from them;
* ``pump``: ``PumpDetector``, the pump's runs read online from the readings'
  steps (a subpackage: one module per concern);
* ``decoder``: a plug reporting every few seconds decoded afterwards (a
  factorial HMM on the additive loads), for ``pump``;
* ``heater_anchor``: a shot over a heater read against that heater alone,
  for ``pump``;
* ``calibration``: the pump's step learnt from a calibration run;
* ``pulses``: a hand-made backflush's pulses read from the readings
  themselves, and the rules for a slow plug (a subpackage: one module per
  concern).
"""
