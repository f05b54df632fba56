"""Benchmark of Espresso Care inside a real Home Assistant core, in real time.

Run it with ``scripts/bench`` (or ``.venv/bin/python -m bench``). It prints
tables and writes the same figures to ``bench/results.json``. See
``docs/benchmark.md`` for what each figure means and the numbers of a run.
"""
