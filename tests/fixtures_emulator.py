"""Pytest fixtures starting the BEOD emulator (filled in with the emulator)."""
