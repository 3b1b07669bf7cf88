"""In-memory state of the emulator: accounts, tokens, projects, AOIs, scenarios, activities,
the run clock and the counters the tests assert on. Thread-safe (one lock)."""

import secrets
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Dict, List, Optional, Tuple

from .config import Settings


def iso(ts: Optional[float]) -> Optional[str]:
    """The service's date format: ISO 8601, UTC, microseconds, no zone suffix."""
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, tz=timezone.utc).replace(tzinfo=None).isoformat()


@dataclass
class User:
    id: str
    email: str
    password: str
    credits: float
    initial_credits: float


@dataclass
class Project:
    id: int
    user_id: str
    name: str
    created: float
    aoi_id: Optional[int] = None


@dataclass
class Asset:
    id: int
    project_id: int
    wkt: str
    area_km2: float
    created: float
    type: str = "aoi"


@dataclass
class Scenario:
    id: int
    project_id: int
    user_id: str
    type: str
    params: dict
    aoi_wkt: str
    area_km2: float
    credits: float
    activity_id: int
    created: float
    run_seconds: float
    fail_details: Optional[str] = None  # set: the run ends FAILED with these details
    # filled lazily when the results are first listed
    listing: Optional[List[Tuple[str, str]]] = None
    files: Dict[str, str] = field(default_factory=dict)


# fractions of the run: CREATED, then PENDING, then RUNNING (progress 0 -> 100)
_CREATED_END = 0.05
_PENDING_END = 0.2
_FAIL_AT = 0.6


class Store:
    """Everything the API knows, guarded by one lock."""

    def __init__(self, settings: Settings, accounts) -> None:
        self.lock = threading.RLock()
        self.defaults = settings.copy()
        self.settings = settings
        self.users: Dict[str, User] = {}
        for email, password, credits in accounts:
            user = User(str(uuid.uuid4()), email, password, float(credits), float(credits))
            self.users[user.id] = user
        self.access_tokens: Dict[str, Tuple[str, float]] = {}  # token -> (user id, expiry)
        self.refresh_tokens: Dict[str, str] = {}  # token -> user id
        self.projects: Dict[int, Project] = {}
        self.assets: Dict[int, Asset] = {}
        self.scenarios: Dict[int, Scenario] = {}
        self.activities: Dict[int, int] = {}  # activity id -> scenario id
        self._next = {"project": 789, "asset": 1201, "scenario": 543, "activity": 2292}
        self.stats = Counter()
        self.stats_by_user: Dict[str, Counter] = defaultdict(Counter)

    # -- ids, counters -------------------------------------------------------------
    def next_id(self, kind: str) -> int:
        with self.lock:
            value = self._next[kind]
            self._next[kind] += 1
            return value

    def count(self, key: str, amount: float = 1) -> None:
        with self.lock:
            self.stats[key] += amount

    def snapshot_stats(self) -> dict:
        with self.lock:
            requests = {k[len("requests:"):]: v for k, v in self.stats.items() if k.startswith("requests:")}
            faults = {k[len("fault:"):]: v for k, v in self.stats.items() if k.startswith("fault:")}
            plain = {k: v for k, v in self.stats.items() if ":" not in k}
            by_user = {self.users[uid].email: dict(c) for uid, c in self.stats_by_user.items()
                       if uid in self.users}
            return {
                "requests": requests,
                "faults": faults,
                "logins": plain.get("logins", 0),
                "failed_logins": plain.get("failed_logins", 0),
                "refreshes": plain.get("refreshes", 0),
                "storage_requests": plain.get("storage_requests", 0),
                "storage_bytes": plain.get("storage_bytes", 0),
                "storage_auth_headers": plain.get("storage_auth_headers", 0),
                "scenarios_created": {email: c.get("scenarios", 0) for email, c in by_user.items()},
                "credits_charged": {email: c.get("credits", 0) for email, c in by_user.items()},
                "credits_charged_total": plain.get("credits_charged", 0),
                "counters": plain,
            }

    def reset(self) -> None:
        """Restore the start-up settings, the credits and zero the counters (data stays)."""
        with self.lock:
            self.settings.__dict__.update(self.defaults.copy().__dict__)
            for user in self.users.values():
                user.credits = user.initial_credits
            self.stats.clear()
            self.stats_by_user.clear()

    # -- accounts and tokens ---------------------------------------------------------
    def user_by_credentials(self, email: str, password: str) -> Optional[User]:
        with self.lock:
            for user in self.users.values():
                if secrets.compare_digest(user.email.lower(), email.lower()) and \
                        secrets.compare_digest(user.password, password):
                    return user
        return None

    def issue_tokens(self, user: User, refresh_token: Optional[str] = None) -> dict:
        with self.lock:
            ttl = int(self.settings.token_ttl)
            access = "eyJhbGciOiJIUzI1NiJ9." + secrets.token_urlsafe(32)
            self.access_tokens[access] = (user.id, time.time() + ttl)
            if refresh_token is None:
                refresh_token = "eyJjdHkiOiJKV1QifQ." + secrets.token_urlsafe(40)
                self.refresh_tokens[refresh_token] = user.id
            return {"access_token": access, "refresh_token": refresh_token,
                    "expires_in": ttl, "token_type": "Bearer"}

    def user_for_token(self, token: str) -> Tuple[Optional[User], str]:
        """(user, "") or (None, reason)."""
        with self.lock:
            entry = self.access_tokens.get(token)
            if entry is None:
                return None, "Invalid token"
            user_id, expiry = entry
            if time.time() >= expiry:
                return None, "Token has expired"
            return self.users[user_id], ""

    def user_for_refresh(self, refresh_token: str) -> Optional[User]:
        with self.lock:
            user_id = self.refresh_tokens.get(refresh_token)
            return self.users.get(user_id) if user_id else None

    def expire_tokens(self) -> int:
        """Every access token issued so far stops working (refresh tokens still work)."""
        with self.lock:
            now = time.time()
            for token, (user_id, _expiry) in list(self.access_tokens.items()):
                self.access_tokens[token] = (user_id, now - 1)
            return len(self.access_tokens)

    # -- runs ------------------------------------------------------------------------
    def take_failure(self) -> Optional[str]:
        """Details of an injected failure for a new run, or None."""
        with self.lock:
            if self.settings.fail_next_runs > 0:
                self.settings.fail_next_runs -= 1
                return self.settings.fail_details
            return None

    @staticmethod
    def activity_state(scenario: Scenario, now: Optional[float] = None) -> dict:
        """State, progress and dates of a run, from the time elapsed since its creation."""
        now = time.time() if now is None else now
        total = max(scenario.run_seconds, 0.0)
        elapsed = now - scenario.created
        start = scenario.created + total * _PENDING_END
        end = scenario.created + total * (_FAIL_AT if scenario.fail_details else 1.0)
        details = ""
        if elapsed >= (end - scenario.created):
            state = "FAILED" if scenario.fail_details else "SUCCESSFUL"
            progress = 100.0 if not scenario.fail_details else round(100 * (_FAIL_AT - _PENDING_END)
                                                                    / (1 - _PENDING_END), 1)
            details = scenario.fail_details or ""
            dates = (start, end)
        elif elapsed < total * _CREATED_END:
            state, progress, dates = "CREATED", 0.0, (None, None)
        elif elapsed < total * _PENDING_END:
            state, progress, dates = "PENDING", 0.0, (None, None)
        else:
            state = "RUNNING"
            progress = round(100 * (elapsed - total * _PENDING_END) / (total * (1 - _PENDING_END)), 1)
            progress = min(progress, 99.9)
            dates = (start, None)
        return {"state": state, "progress": progress, "start_date": iso(dates[0]),
                "end_date": iso(dates[1]), "details": details}
