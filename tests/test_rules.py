"""The pure rules, without Home Assistant: plans, maintenance, shot tracking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

import pytest

from custom_components.espresso_care.const import DEFAULT_OPTIONS
from custom_components.espresso_care.maintenance import (
    TASKS,
    DueReason,
    Task,
    TaskRecord,
    evaluate,
    next_change,
)
from custom_components.espresso_care.program import (
    BackflushState,
    Program,
    PulsePhase,
    WaitPhase,
    build_plan,
    settings_for,
)
from custom_components.espresso_care.shots import PumpRunTracker, RunKind, classify

T0 = datetime(2026, 1, 1, tzinfo=UTC)
BACKFLUSH = next(t for t in TASKS if t.task is Task.BACKFLUSH)
DESCALE = next(t for t in TASKS if t.task is Task.DESCALE)


def test_cleaner_plan_with_defaults() -> None:
    plan = build_plan(
        Program.CLEANER, settings_for(Program.CLEANER, DEFAULT_OPTIONS, {})
    )
    assert [type(p).__name__ for p in plan.phases] == [
        "PulsePhase",
        "WaitPhase",
        "PulsePhase",
        "WaitPhase",
        "PulsePhase",
    ]
    assert plan.phases[0] == PulsePhase(BackflushState.CLEANING, 5, 10.0, 10.0)
    assert plan.phases[4] == PulsePhase(BackflushState.FLUSHING, 3, 3.0, 10.0)
    assert plan.total_pulses == 13
    assert plan.duration_seconds == 5 * 20 + 5 * 20 + 3 * 13


def test_plans_drop_empty_phases_and_their_waits() -> None:
    settings = settings_for(
        Program.CLEANER, DEFAULT_OPTIONS, {"rinse_cycles": 0, "flushes": 0}
    )
    plan = build_plan(Program.CLEANER, settings)
    assert plan.phases == (PulsePhase(BackflushState.CLEANING, 5, 10.0, 10.0),)
    water = build_plan(Program.WATER, settings_for(Program.WATER, DEFAULT_OPTIONS, {}))
    assert [p.state for p in water.phases] == [
        BackflushState.RINSING,
        BackflushState.AWAITING_FLUSH,
        BackflushState.FLUSHING,
    ]
    assert isinstance(water.phases[1], WaitPhase)


def test_flush_program_uses_its_own_defaults_and_overrides() -> None:
    plan = build_plan(Program.FLUSH, settings_for(Program.FLUSH, DEFAULT_OPTIONS, {}))
    assert plan.phases == (PulsePhase(BackflushState.FLUSHING, 1, 2.0, 10.0),)
    plan = build_plan(
        Program.FLUSH,
        settings_for(
            Program.FLUSH, DEFAULT_OPTIONS, {"flushes": 4, "flush_seconds": 1}
        ),
    )
    assert plan.phases == (PulsePhase(BackflushState.FLUSHING, 4, 1.0, 10.0),)
    assert (
        build_plan(
            Program.FLUSH, settings_for(Program.FLUSH, DEFAULT_OPTIONS, {"flushes": 0})
        ).total_pulses
        == 0
    )


@pytest.mark.parametrize(
    ("duration", "kind"),
    [
        (0.1, RunKind.FLUSH),
        (14.99, RunKind.FLUSH),
        (15, RunKind.SHOT),
        (120, RunKind.SHOT),
        (120.01, RunKind.LONG),
    ],
)
def test_classify(duration: float, kind: RunKind) -> None:
    assert classify(duration, 15, 120) is kind


def test_tracker_needs_a_seen_off_to_on() -> None:
    tracker = PumpRunTracker(None)
    update = partial(tracker.update, program_active=False, shot_min=15, shot_max=120)
    assert update(True, T0) is None
    assert update(False, T0 + timedelta(seconds=25)) is None  # phantom
    assert update(True, T0 + timedelta(seconds=30)) is None
    run = update(False, T0 + timedelta(seconds=55))
    assert run is not None
    assert run.kind is RunKind.SHOT
    assert run.duration == 25
    update(True, T0 + timedelta(seconds=60), program_active=True)
    assert update(False, T0 + timedelta(seconds=80)) is None


def test_backflush_rules() -> None:
    record = TaskRecord(last_done=T0, shots_since=0)
    status = evaluate(BACKFLUSH, record, DEFAULT_OPTIONS, T0, T0 + timedelta(days=30))
    assert not status.due
    assert status.due_at is None  # no shot since: the calendar waits
    record.shots_since = 1
    status = evaluate(BACKFLUSH, record, DEFAULT_OPTIONS, T0, T0 + timedelta(days=8))
    assert status.due
    assert status.reasons == (DueReason.DAYS,)
    assert status.days_over == 1
    assert status.shots_until_due == 19
    record.shots_since = 25
    status = evaluate(
        BACKFLUSH, record, {**DEFAULT_OPTIONS, "backflush_interval_days": 0}, T0, T0
    )
    assert status.reasons == (DueReason.SHOTS,)
    assert status.shots_over == 5
    assert status.shots_until_due == 0
    off = {
        **DEFAULT_OPTIONS,
        "backflush_interval_days": 0,
        "backflush_interval_shots": 0,
    }
    status = evaluate(BACKFLUSH, record, off, T0, T0 + timedelta(days=400))
    assert not status.due
    assert status.shots_until_due is None


def test_descale_counts_from_setup_and_next_change() -> None:
    added = T0
    status = evaluate(
        DESCALE, TaskRecord(), DEFAULT_OPTIONS, added, added + timedelta(days=89)
    )
    assert not status.due
    assert status.due_at == added + timedelta(days=90)
    assert not status.shows_on_todo(added + timedelta(days=82))
    assert status.shows_on_todo(added + timedelta(days=83))
    now = added + timedelta(days=1)
    statuses = [evaluate(DESCALE, TaskRecord(), DEFAULT_OPTIONS, added, now)]
    assert next_change(statuses, now) == added + timedelta(days=83)
    now = added + timedelta(days=85)
    statuses = [evaluate(DESCALE, TaskRecord(), DEFAULT_OPTIONS, added, now)]
    assert next_change(statuses, now) == added + timedelta(days=90)
    assert next_change(statuses, added + timedelta(days=91)) is None
