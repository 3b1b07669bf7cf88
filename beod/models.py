"""Typed results of the BEOD API (dataclasses built from its JSON), and scenario parameters.

``from_dict`` constructors accept the documented field names and tolerate unknown
or missing ones, so a server that adds fields does not break the client. Any other
answer (not a JSON object, a field of the wrong type, a NaN progress) gives a
:class:`~beod.errors.ServerError` naming what was wrong, never a bare ``ValueError``.
"""

import math
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from .endpoints import TERMINAL_STATES
from .errors import ServerError


def _int_or_none(value):
    if isinstance(value, bool):
        return value
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return value


def require_id(data, key: str, action: str, *alternatives) -> int:
    """The integer id ``data[key]`` (or the first alternative key present), else a
    :class:`ServerError` naming the missing or invalid field."""
    if not isinstance(data, dict):
        raise ServerError(f"{action}: the server's answer is not a JSON object ({type(data).__name__}).")
    for name in (key, *alternatives):
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            break
        try:
            return int(value)
        except (TypeError, ValueError, OverflowError):
            break
        # an id present but unusable is reported below
    shown = repr(data.get(key))[:40] if key in data else "missing"
    raise ServerError(f"{action}: the server's answer has no valid {key} ({shown}).")


def as_object(data, what: str) -> dict:
    """``data`` if it is a JSON object, else a :class:`ServerError` naming ``what`` it should be."""
    if not isinstance(data, dict):
        raise ServerError(f"Unexpected answer from the server: {what} is not a JSON object "
                          f"({type(data).__name__}).")
    return data


def _percent(value) -> float:
    """A progress percentage: numbers (and numeric text) clamped to 0-100; NaN, infinities
    and anything else count as 0."""
    try:
        number = float(value or 0.0)
    except (TypeError, ValueError, OverflowError):
        return 0.0
    if not math.isfinite(number):
        return 0.0
    return max(0.0, min(100.0, number))


def _first(data: dict, *keys, default=None):
    for key in keys:
        if key in data and data[key] is not None:
            return data[key]
    return default


@dataclass
class Tokens:
    """The tokens of a sign-in (never shown in a repr)."""

    access_token: str = field(repr=False)
    refresh_token: Optional[str] = field(default=None, repr=False)
    expires_in: float = 86400.0
    token_type: str = "Bearer"  # noqa: S105 (the scheme name, not a secret)
    obtained_at: float = field(default_factory=time.monotonic)

    @property
    def expires_at(self) -> float:
        """``time.monotonic()`` value at which the access token expires."""
        return self.obtained_at + float(self.expires_in or 0)

    def expires_within(self, seconds: float) -> bool:
        return time.monotonic() + seconds >= self.expires_at

    @classmethod
    def from_dict(cls, data: dict) -> "Tokens":
        as_object(data, "the sign-in answer")
        try:
            expires = float(data.get("expires_in") or 86400)
        except (TypeError, ValueError, OverflowError):
            expires = 86400.0
        if not math.isfinite(expires) or expires <= 0:
            expires = 86400.0
        token = data.get("access_token")
        if not isinstance(token, str) or not token:
            raise ServerError("Sign-in: the server's answer has no access_token.")
        refresh = data.get("refresh_token")
        refresh = refresh if isinstance(refresh, str) and refresh else None
        return cls(access_token=token, refresh_token=refresh,
                   expires_in=expires, token_type=str(data.get("token_type") or "Bearer"))


@dataclass
class User:
    id: str
    credits: Optional[float] = None
    email: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict) -> "User":
        as_object(data, "the account")
        credits = data.get("credits")
        if isinstance(credits, bool) or not isinstance(credits, (int, float)) or not math.isfinite(credits):
            credits = None
        email = data.get("email")
        return cls(id=str(_first(data, "id", "user_id", default="")), credits=credits,
                   email=email if isinstance(email, str) else None, raw=dict(data))


@dataclass
class Project:
    id: int
    name: str = ""
    creation_date: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict) -> "Project":
        as_object(data, "a project")
        return cls(id=_int_or_none(_first(data, "id", "project_id")), name=str(data.get("name") or ""),
                   creation_date=data.get("creation_date"), raw=dict(data))


@dataclass
class Asset:
    id: int
    project_id: Optional[int] = None
    type: str = ""
    geometry: Optional[str] = None
    creation_date: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_aoi(self) -> bool:
        return self.type.lower() == "aoi" or (not self.type and bool(self.geometry))

    @classmethod
    def from_dict(cls, data: dict) -> "Asset":
        as_object(data, "an asset")
        return cls(id=_int_or_none(_first(data, "id", "asset_id")),
                   project_id=_int_or_none(data.get("project_id")),
                   type=str(_first(data, "type", "asset_type", default="")),
                   geometry=_first(data, "geometry", "wkt"), creation_date=data.get("creation_date"),
                   raw=dict(data))


@dataclass
class Scenario:
    id: int
    project_id: Optional[int] = None
    name: str = ""
    type: str = ""
    state: Optional[str] = None
    creation_date: Optional[str] = None
    activity_id: Optional[int] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict) -> "Scenario":
        as_object(data, "a scenario")
        return cls(id=_int_or_none(_first(data, "id", "scenario_id")),
                   project_id=_int_or_none(data.get("project_id")), name=str(data.get("name") or ""),
                   type=str(_first(data, "type", "scenario_type", default="")),
                   state=_first(data, "state", "status"), creation_date=data.get("creation_date"),
                   activity_id=_int_or_none(data.get("activity_id")), raw=dict(data))


@dataclass
class Activity:
    id: int
    project_id: Optional[int] = None
    scenario_id: Optional[int] = None
    state: str = "CREATED"
    progress: float = 0.0
    details: str = ""
    type: str = ""
    creation_date: Optional[str] = None
    start_date: Optional[str] = None
    end_date: Optional[str] = None
    misc: Dict[str, Any] = field(default_factory=dict)
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_terminal(self) -> bool:
        return self.state in TERMINAL_STATES

    @property
    def is_successful(self) -> bool:
        return self.state == "SUCCESSFUL"

    @property
    def is_failed(self) -> bool:
        return self.state == "FAILED"

    @classmethod
    def from_dict(cls, data: dict) -> "Activity":
        as_object(data, "the activity")
        progress = _percent(data.get("progress"))
        details = data.get("details")
        misc = data.get("misc")
        return cls(id=_int_or_none(_first(data, "id", "activity_id")),
                   project_id=_int_or_none(data.get("project_id")),
                   scenario_id=_int_or_none(data.get("scenario_id")),
                   state=str(data.get("state") or "CREATED").upper(), progress=progress,
                   details="" if details is None else str(details), type=str(data.get("type") or ""),
                   creation_date=data.get("creation_date"), start_date=data.get("start_date"),
                   end_date=data.get("end_date"), misc=dict(misc) if isinstance(misc, dict) else {},
                   raw=dict(data))


def _join(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return ",".join(str(v).strip() for v in value if str(v).strip())
    return ",".join(part.strip() for part in str(value).split(",") if part.strip())


def _bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


@dataclass
class ScenarioParams:
    """The body of an ``extraction-mono`` scenario, with the tutorial's defaults."""

    name: str = "My First extraction"
    source_image_type: str = "basemap"
    source_image_id: int = 1
    augmented: bool = False
    output_crs: int = 3857
    vector_formats: str = "shapefile,geopackage"
    raster_formats: str = "geotiff"
    three_d_formats: str = "3d_tiles"
    dl_models: List[str] = field(default_factory=list)

    FIELDS = ("name", "source_image_type", "source_image_id", "augmented", "output_crs",
              "vector_formats", "raster_formats", "three_d_formats", "dl_models")

    def to_body(self) -> dict:
        """The JSON body of the scenario request (types as documented)."""
        return {
            "name": str(self.name),
            "source_image_type": str(self.source_image_type),
            "source_image_id": int(self.source_image_id),
            "augmented": bool(self.augmented),
            "output_crs": int(self.output_crs),
            "vector_formats": _join(self.vector_formats),
            "raster_formats": _join(self.raster_formats),
            "three_d_formats": _join(self.three_d_formats),
            "dl_models": [str(m) for m in (self.dl_models or [])],
        }

    @classmethod
    def from_dict(cls, data: Optional[dict]) -> "ScenarioParams":
        """Parameters from a dict of body fields; missing fields keep their defaults."""
        data = dict(data or {})
        params = cls()
        if data.get("name") not in (None, ""):
            params.name = str(data["name"])
        if data.get("source_image_type") not in (None, ""):
            params.source_image_type = str(data["source_image_type"])
        if data.get("source_image_id") not in (None, ""):
            params.source_image_id = int(data["source_image_id"])
        if "augmented" in data and data["augmented"] is not None:
            params.augmented = _bool(data["augmented"])
        crs = data.get("output_crs", data.get("crs"))
        if crs not in (None, ""):
            params.output_crs = int(str(crs).upper().replace("EPSG:", ""))
        for key in ("vector_formats", "raster_formats", "three_d_formats"):
            if key in data and data[key] is not None:
                setattr(params, key, _join(data[key]))
        models = data.get("dl_models")
        if models is not None:
            params.dl_models = [m.strip() for m in models.split(",") if m.strip()] if isinstance(
                models, str) else [str(m) for m in models]
        return params
