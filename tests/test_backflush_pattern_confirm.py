"""``BackflushRecognizer.confirm``: a weak run held that another view saw alone is made sure."""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import BackflushRecognizer


def fed(weak: set[int]) -> BackflushRecognizer[int]:
    """Four pulses of 8 s, 10 s apart, from 0 (those in ``weak`` weak): one series held."""
    recognizer: BackflushRecognizer[int] = BackflushRecognizer()
    for n in range(4):
        recognizer.feed(n, n * 18.0, n * 18.0 + 8, weak=n in weak)
    return recognizer


def test_two_weak_pulses_confirmed_make_the_series() -> None:
    recognizer = fed(weak={1, 2})
    assert recognizer.confirm(18.5, 25.5)
    assert recognizer.confirm(36.0, 44.0)
    recognizer.advance(200)  # the cleaner series closed, waiting for its rinse
    for n in range(4, 8):
        recognizer.feed(n, 300 + (n - 4) * 18.0, 308 + (n - 4) * 18.0)
    found = recognizer.advance(1000).recognized
    assert found is not None
    assert (found.cleaner_pulses, found.rinse_pulses, found.weak) == (4, 4, 0)


def test_unconfirmed_two_weak_pulses_are_too_many() -> None:
    """What ``confirm`` is for: the series judged on its two sure pulses, none."""
    recognizer = fed(weak={1, 2})
    assert sorted(recognizer.advance(200).released) == [0, 1, 2, 3]
    assert recognizer.held == 0


def test_a_run_over_two_held_confirms_neither() -> None:
    """Two pulses merged in one run: the other view does not tell them apart."""
    recognizer = fed(weak={1, 2})
    assert not recognizer.confirm(18.0, 44.0)
    assert sorted(recognizer.advance(200).released) == [0, 1, 2, 3]


def test_a_sure_run_or_none_is_left_alone() -> None:
    recognizer = fed(weak={1})
    assert not recognizer.confirm(0.0, 8.0)  # already sure
    assert not recognizer.confirm(100.0, 110.0)  # over nothing held
    assert recognizer.held == 4
