"""The machine's plug and pump relays: one protocol (``base``), its backends and their factory."""
