"""The runner's pulse loop as it was before commit 7f71e6e, for comparison.

The timing benchmark found it drifting about 3 ms per cycle whatever the
relay: it re-based every deadline on the measured relay moments
(``off_due = on_at + on``; ``next_on = max(off_due, off_at) + off``) and
learned a relay's latency from the moment it actually sent a command, so the
event loop's own lateness in waking up and the cost of the action call were
never learned and added up, two transitions per cycle. 7f71e6e schedules
each phase on ``origin + n * period`` and learns from the moment a command
was due. ``scripts/bench --legacy`` times this old loop next to the new one.
"""

from __future__ import annotations

from typing import Any

from custom_components.espresso_care.const import AUTO_OFF_MARGIN_SECONDS
from custom_components.espresso_care.program import PulsePhase
from custom_components.espresso_care.runner import ProgramRunner, RelayLatency


class LegacyRunner(ProgramRunner):
    """The runner with its pulse loop of before 7f71e6e."""

    async def _run_pulses(self, phase: PulsePhase) -> None:
        self._set(state=phase.state, step=0, steps=phase.pulses)
        latency = self.latency
        next_on: float | None = None
        for number in range(1, phase.pulses + 1):
            if next_on is not None:
                await self._sleep_until(next_on - latency.lead(True))
            self._set(step=number)
            sent = self._now()
            on_at = await self._pump.async_turn_on(
                phase.on_seconds + AUTO_OFF_MARGIN_SECONDS
            )
            latency.learn(True, on_at - sent)
            off_due = on_at + phase.on_seconds
            await self._sleep_until(off_due - latency.lead(False))
            sent = self._now()
            off_at = await self._pump.async_turn_off()
            latency.learn(False, off_at - sent)
            self.status.pulses_done += 1
            next_on = max(off_due, off_at) + phase.off_seconds
            self._hooks.updated()
        if next_on is not None:
            await self._sleep_until(next_on)


def legacy(runner: Any) -> None:
    """Make a machine's runner the old one, from a cold start."""
    runner.__class__ = LegacyRunner
    runner.latency = RelayLatency()


VARIANTS = {"legacy": legacy}
LABELS = {"legacy": "integration before 7f71e6e (re-based schedule)"}
