"""``BackflushRecognizer.withdraw``: runs held that a backflush found otherwise holds are taken out."""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import BackflushRecognizer


def test_withdraw_takes_out_the_runs_inside_and_keeps_the_others() -> None:
    recognizer: BackflushRecognizer[str] = BackflushRecognizer()
    t = 0.0
    for n in range(5):
        recognizer.feed(f"cleaner{n}", t, t + 8)
        t += 18
    recognizer.advance(t + 60)  # the cleaner series closed: it waits for its rinse
    recognizer.feed("shot", t + 100, t + 112, may_be_pulse=False)
    recognizer.feed("pulse", t + 130, t + 138)
    assert recognizer.held == 7
    uncounted, counted = recognizer.withdraw(t + 90, t + 140)
    assert (uncounted, counted) == (["pulse"], ["shot"])
    assert recognizer.held == 5
    uncounted, counted = recognizer.withdraw(0, t)
    assert (len(uncounted), counted) == (5, [])
    assert recognizer.held == 0
    assert recognizer.next_deadline is None
