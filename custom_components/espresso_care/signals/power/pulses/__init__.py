"""Hand-made backflushes' pulses read from a metering plug's readings themselves.

* ``train``: ``PowerBackflushes``, the pulses read from each reading's share
  of the pump's step and fed to the backflush pattern;
* ``slow_plug``: the rules ``train`` applies on a plug reporting every few
  seconds.
"""
