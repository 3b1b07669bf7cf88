"""Run-time settings of the emulator (faults, pace, paging) and the built-in accounts.

Every setting can be given on the command line and changed at run time through the
loopback-only admin endpoint (``POST /_admin/configure``); ``reset`` restores the values
the server was started with.
"""

from dataclasses import asdict, dataclass, fields
from typing import Any, Dict, List, Tuple


@dataclass
class Settings:
    """Behaviour of the emulator; the CLI default pace is slower (see ``__main__``)."""

    latency_ms: float = 0.0  # added to every API and storage answer
    connect_latency_ms: float = 0.0  # added once per new storage connection (TCP + TLS set-up)
    error_rate: float = 0.0  # fraction of API/storage answers replaced by 500/503 + Retry-After
    rate_429: float = 0.0  # fraction of API answers replaced by 429 + Retry-After
    cut_rate: float = 0.0  # fraction of storage downloads reset (RST) mid-body
    truncate_rate: float = 0.0  # fraction of storage downloads ending early (clean close)
    page_size: int = 1000  # files per page of the download listing
    forced_tile_count: int = 0  # > 0: every result has exactly this many tiles
    run_seconds: float = 1.0  # PENDING -> SUCCESSFUL duration of a run
    zip_max_km2: float = 5.0  # AOI area above which results come as a tree; 0 forces the tree
    token_ttl: int = 86400  # access token lifetime, seconds (the tutorial shows 86400)
    url_ttl: int = 3600  # presigned URL lifetime, seconds
    fail_next_runs: int = 0  # the next N runs end FAILED
    fail_details: str = "Extraction failed: the source imagery could not be processed"
    big_file_mb: int = 0  # > 0: one extra file of this size in each result (benchmarks)
    refresh_enabled: bool = True  # False: POST /auth/refresh answers 404
    credits_per_km2: float = 10.0  # price of a run
    max_aoi_km2: float = 500.0  # larger AOIs are refused (422)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)

    def update(self, changes: Dict[str, Any]) -> None:
        """Apply ``changes`` after checking names and types; raises ``ValueError``."""
        checked = {}
        known = {f.name: f.type for f in fields(self)}
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"unknown setting {name!r}; known: {', '.join(sorted(known))}")
            current = getattr(self, name)
            if isinstance(current, bool):
                if not isinstance(value, bool):
                    raise ValueError(f"setting {name!r} must be true or false")
            elif isinstance(current, (int, float)):
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ValueError(f"setting {name!r} must be a number")
                if value < 0:
                    raise ValueError(f"setting {name!r} must not be negative")
                value = int(value) if isinstance(current, int) else float(value)
            elif not isinstance(value, str):
                raise ValueError(f"setting {name!r} must be a string")
            checked[name] = value
        for rate in ("error_rate", "rate_429", "cut_rate", "truncate_rate"):
            if checked.get(rate, 0) > 1:
                raise ValueError(f"setting {rate!r} is a fraction between 0 and 1")
        if checked.get("page_size", 1) < 1:
            raise ValueError("setting 'page_size' must be at least 1")
        for name, value in checked.items():
            setattr(self, name, value)

    def copy(self) -> "Settings":
        return Settings(**self.to_dict())


#: (email, password, credits) of the built-in accounts; the first is the demo account,
#: the last has almost no credits. The passwords are fake, for a local emulator only.
DEFAULT_ACCOUNTS: List[Tuple[str, str, float]] = [
    ("demo@beod.example", "demo-password", 1_000_000.0),  # pragma: allowlist secret
    ("alice@beod.example", "alice-password", 100_000.0),  # pragma: allowlist secret
    ("bob@beod.example", "bob-password", 100_000.0),  # pragma: allowlist secret
    ("poor@beod.example", "poor-password", 0.5),  # pragma: allowlist secret
]


def parse_account(text: str) -> Tuple[str, str, float]:
    """``email:password[:credits]`` from the command line."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise ValueError(f"an account is email:password[:credits], not {text!r}")
    credits = float(parts[2]) if len(parts) == 3 else 100_000.0
    return parts[0], parts[1], credits
