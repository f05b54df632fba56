"""Device simulators for Espresso Care's tests, benchmark and dev instance.

Only aiohttp and the standard library are used, so a simulator runs on its
own (``python -m simulator.shelly``) without Home Assistant. Import from the
modules (``from simulator.shelly import ShellySimulator``); this package
imports nothing, so ``python -m`` runs a module only once.
"""
