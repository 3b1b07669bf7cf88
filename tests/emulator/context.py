"""The emulator as one object shared by the API app and the storage host: the store, the
URL signer, the data folder, the fault dice and the storage address."""

import random
import secrets
import threading
from typing import Optional

from .config import Settings
from .presign import Signer
from .results import PageTokens
from .store import Store


class Emulator:
    def __init__(self, settings: Settings, accounts, data_dir: str, seed: Optional[int] = None) -> None:
        self.store = Store(settings, accounts)
        self.settings = settings
        self.signer = Signer()
        self.pages = PageTokens(secrets.token_bytes(16))
        self.data_dir = data_dir
        self.storage_url = ""  # set once the storage host listens
        self.api_url = ""
        self.gates = None  # closable listeners (``--closable``), see ``gate.py``
        self._seed = seed
        self._rng = random.Random(seed)
        self._rng_lock = threading.Lock()

    def reseed(self) -> None:
        """Restart the fault dice (with a fixed seed, the same requests meet the same faults)."""
        with self._rng_lock:
            self._rng = random.Random(self._seed)

    def roll(self, rate: float) -> bool:
        """True with probability ``rate`` (a fault to inject)."""
        if rate <= 0:
            return False
        with self._rng_lock:
            return self._rng.random() < rate

    def choice(self, options):
        with self._rng_lock:
            return self._rng.choice(options)
