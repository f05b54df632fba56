"""Shot signals: where the machine learns that its pump ran."""
