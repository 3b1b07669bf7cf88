"""Typed results of the BEOD API (dataclasses built from its JSON), and scenario parameters.

``from_dict`` constructors accept the documented field names and tolerate unknown
or missing ones, so a server that adds fields does not break the client.
"""

import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from .endpoints import TERMINAL_STATES


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


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
        try:
            expires = float(data.get("expires_in") or 86400)
        except (TypeError, ValueError):
            expires = 86400.0
        return cls(access_token=str(data["access_token"]), refresh_token=data.get("refresh_token"),
                   expires_in=expires, token_type=str(data.get("token_type") or "Bearer"))


@dataclass
class User:
    id: str
    credits: Optional[float] = None
    email: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict) -> "User":
        return cls(id=str(_first(data, "id", "user_id", default="")), credits=data.get("credits"),
                   email=data.get("email"), raw=dict(data))


@dataclass
class Project:
    id: int
    name: str = ""
    creation_date: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict) -> "Project":
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
        try:
            progress = float(data.get("progress") or 0.0)
        except (TypeError, ValueError):
            progress = 0.0
        details = data.get("details")
        return cls(id=_int_or_none(_first(data, "id", "activity_id")),
                   project_id=_int_or_none(data.get("project_id")),
                   scenario_id=_int_or_none(data.get("scenario_id")),
                   state=str(data.get("state") or "CREATED").upper(), progress=progress,
                   details="" if details is None else str(details), type=str(data.get("type") or ""),
                   creation_date=data.get("creation_date"), start_date=data.get("start_date"),
                   end_date=data.get("end_date"), misc=dict(data.get("misc") or {}), raw=dict(data))


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
