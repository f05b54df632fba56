"""Shelly devices spoken to directly over their local HTTP API (Gen1 and Gen2+)."""
