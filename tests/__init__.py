"""Tests of the Espresso Care integration."""
