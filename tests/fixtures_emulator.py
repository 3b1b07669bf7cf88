"""Pytest fixtures starting the BEOD emulator.

- ``emulator_server`` (session): one emulator subprocess for the whole session, runs of
  about one second;
- ``emulator`` (function): the same handle, with its settings, credits and counters reset
  after each test (projects and scenarios stay).
"""

import pytest

from tests.emulator.launch import EmulatorHandle, start_emulator


@pytest.fixture(scope="session")
def emulator_server():
    with start_emulator(run_seconds=1.0) as handle:
        yield handle


@pytest.fixture
def emulator(emulator_server) -> EmulatorHandle:
    emulator_server.reset()
    yield emulator_server
    emulator_server.reset()
