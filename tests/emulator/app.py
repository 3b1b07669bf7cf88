"""The BEOD API as a FastAPI application (documented and inferred endpoints, see
``api_table``), the fault-injecting middleware and the loopback-only admin endpoint."""

import asyncio
import logging
import re
import time
from typing import Annotated, List, Optional

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt, StrictStr

from . import geodata, results
from .aoi_check import AoiError, area_km2, parse_aoi
from .storage import object_path
from .store import Asset, Project, Scenario, User, iso

LOG = logging.getLogger("beod.emulator")
SCENARIO_TYPES = ("extraction-mono",)
SOURCE_IMAGE_TYPES = {"basemap": (1,)}
OUTPUT_CRS = (3857, 4326)
LOOPBACK = {"127.0.0.1", "::1", "localhost", "testclient"}


# -- request bodies (strict: "1" is not an int, 1 is not a bool) -------------------------------
class LoginBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    email: StrictStr
    password: StrictStr


class RefreshBody(BaseModel):
    refresh_token: StrictStr


class ProjectBody(BaseModel):
    name: StrictStr


class AoiBody(BaseModel):
    geometry: StrictStr


class ScenarioBody(BaseModel):
    name: StrictStr
    source_image_type: StrictStr
    source_image_id: StrictInt
    augmented: StrictBool
    output_crs: StrictInt
    vector_formats: StrictStr = ""
    raster_formats: StrictStr = ""
    three_d_formats: StrictStr = ""
    dl_models: List[StrictStr] = []


def _fail(status: int, detail: str, headers=None):
    raise HTTPException(status_code=status, detail=detail, headers=headers)


_KINDS = [
    (r"/auth/login", "login"), (r"/auth/refresh", "refresh"), (r"/users/[^/]+", "user"),
    (r"/users/[^/]+/projects", "projects"), (r"/users/[^/]+/projects/[^/]+", "project"),
    (r"/users/[^/]+/projects/[^/]+/assets/aoi", "aoi"), (r"/users/[^/]+/projects/[^/]+/assets", "assets"),
    (r"/users/[^/]+/projects/[^/]+/assets/[^/]+", "asset"),
    (r"/users/[^/]+/projects/[^/]+/scenarios", "scenarios"),
    (r"/users/[^/]+/projects/[^/]+/scenarios/[^/]+", "scenario"),
    (r"/users/[^/]+/projects/[^/]+/scenarios/[^/]+/download/urls", "download_urls"),
    (r"/users/[^/]+/projects/[^/]+/activities", "activities"),
    (r"/users/[^/]+/projects/[^/]+/activities/[^/]+", "activity"),
]
_KINDS = [(re.compile(pattern + r"/?$"), kind) for pattern, kind in _KINDS]


def path_kind(method: str, path: str) -> str:
    """A short name for the kind of request (the keys of ``stats()["requests"]``)."""
    for pattern, kind in _KINDS:
        if pattern.match(path):
            if kind == "scenario" and method == "POST":
                return "create_scenario"
            return kind
    return "other"


def create_app(emulator) -> FastAPI:
    store, settings = emulator.store, emulator.settings
    app = FastAPI(title="BrightEarth On Demand API (local emulator)", version="1.0",
                  description="Emulates the documented BEOD API; inferred parts are listed in "
                              "tests/emulator/api_table.py.")

    # -- middleware: counters and faults ---------------------------------------------------
    @app.middleware("http")
    async def faults(request: Request, call_next):
        path = request.url.path
        if path.startswith("/_admin"):
            host = request.client.host if request.client else ""
            if host not in LOOPBACK:
                return JSONResponse({"detail": "The admin endpoint answers only on loopback"}, 403)
            return await call_next(request)
        store.count("requests:" + path_kind(request.method, path))
        if settings.latency_ms > 0:
            await asyncio.sleep(settings.latency_ms / 1000.0)
        if emulator.roll(settings.rate_429):
            store.count("fault:api_429")
            return JSONResponse({"detail": "Too many requests, slow down"}, 429, headers={"Retry-After": "1"})
        if emulator.roll(settings.error_rate):
            store.count("fault:api_5xx")
            status = emulator.choice((500, 503))
            detail = "Internal server error" if status == 500 else "Service temporarily unavailable"
            return JSONResponse({"detail": detail}, status, headers={"Retry-After": "1"})
        return await call_next(request)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        LOG.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "Internal server error"}, 500)

    # -- authentication ----------------------------------------------------------------------
    def current_user(authorization: Annotated[Optional[str], Header()] = None) -> User:
        challenge = {"WWW-Authenticate": "Bearer"}
        if not authorization:
            _fail(401, "Not authenticated: missing Authorization header", challenge)
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            _fail(401, "Not authenticated: expected 'Authorization: Bearer <token>'", challenge)
        user, reason = store.user_for_token(token.strip())
        if user is None:
            _fail(401, reason, challenge)
        return user

    def path_user(user_id: str, user: Annotated[User, Depends(current_user)]) -> User:
        if user_id not in ("me", user.id):
            _fail(403, "Not allowed: the user id in the path is not the authenticated user")
        return user

    PathUser = Annotated[User, Depends(path_user)]

    def own_project(project_id: int, user: PathUser) -> Project:
        project = store.projects.get(project_id)
        if project is None or project.user_id != user.id:
            _fail(404, f"Project {project_id} not found")
        return project

    OwnProject = Annotated[Project, Depends(own_project)]

    # -- auth ---------------------------------------------------------------------------------
    @app.post("/auth/login")
    def login(body: LoginBody):
        user = store.user_by_credentials(body.email, body.password)
        if user is None:
            store.count("failed_logins")
            _fail(401, "Incorrect email or password")
        store.count("logins")
        return store.issue_tokens(user)

    @app.post("/auth/refresh")
    def refresh(body: RefreshBody):
        if not settings.refresh_enabled:
            _fail(404, "Not Found")
        user = store.user_for_refresh(body.refresh_token)
        if user is None:
            _fail(401, "Invalid refresh token")
        store.count("refreshes")
        return store.issue_tokens(user, refresh_token=body.refresh_token)

    # -- users -------------------------------------------------------------------------------
    @app.get("/users/{user_id}")
    def get_user(user: PathUser):
        return {"id": user.id, "email": user.email, "credits": round(user.credits, 2)}

    # -- projects ------------------------------------------------------------------------------
    def project_json(project: Project) -> dict:
        return {"id": project.id, "project_id": project.id, "name": project.name,
                "creation_date": iso(project.created), "user_id": project.user_id,
                "aoi_id": project.aoi_id}

    @app.post("/users/{user_id}/projects", status_code=201)
    def create_project(body: ProjectBody, user: PathUser):
        name = body.name.strip()
        if not name:
            _fail(422, "name must not be empty")
        if len(name) > 255:
            _fail(422, "name is longer than 255 characters")
        project = Project(store.next_id("project"), user.id, name, time.time())
        with store.lock:
            store.projects[project.id] = project
        return {"project_id": project.id}

    @app.get("/users/{user_id}/projects")
    def list_projects(user: PathUser):
        with store.lock:
            return [project_json(p) for p in store.projects.values() if p.user_id == user.id]

    @app.get("/users/{user_id}/projects/{project_id}")
    def get_project(project: OwnProject):
        return project_json(project)

    # -- the AOI asset -------------------------------------------------------------------------
    def asset_json(asset: Asset) -> dict:
        return {"id": asset.id, "asset_id": asset.id, "project_id": asset.project_id, "type": asset.type,
                "geometry": asset.wkt, "area_km2": round(asset.area_km2, 6),
                "creation_date": iso(asset.created)}

    @app.post("/users/{user_id}/projects/{project_id}/assets/aoi", status_code=201)
    def create_aoi(body: AoiBody, project: OwnProject):
        try:
            geometry = parse_aoi(body.geometry)
        except AoiError as exc:
            _fail(422, f"Invalid AOI: {exc}")
        area = area_km2(geometry)
        if area > settings.max_aoi_km2:
            _fail(422, f"Invalid AOI: its area ({area:.1f} km²) exceeds the maximum of "
                       f"{settings.max_aoi_km2:g} km²")
        with store.lock:
            if project.aoi_id is not None:
                _fail(409, f"Project {project.id} already has an AOI (asset {project.aoi_id}); "
                           "a project has only one AOI")
            asset = Asset(store.next_id("asset"), project.id, body.geometry.strip(), area, time.time())
            store.assets[asset.id] = asset
            project.aoi_id = asset.id
        return {"asset_id": asset.id}

    @app.get("/users/{user_id}/projects/{project_id}/assets")
    def list_assets(project: OwnProject):
        with store.lock:
            return [asset_json(a) for a in store.assets.values() if a.project_id == project.id]

    @app.get("/users/{user_id}/projects/{project_id}/assets/{asset_id}")
    def get_asset(asset_id: int, project: OwnProject):
        asset = store.assets.get(asset_id)
        if asset is None or asset.project_id != project.id:
            _fail(404, f"Asset {asset_id} not found")
        return asset_json(asset)

    # -- scenarios -------------------------------------------------------------------------------
    def check_params(body: ScenarioBody) -> dict:
        if not body.name.strip():
            _fail(422, "name must not be empty")
        ids = SOURCE_IMAGE_TYPES.get(body.source_image_type)
        if ids is None:
            _fail(422, f"Unknown source_image_type {body.source_image_type!r}; "
                       f"known: {', '.join(SOURCE_IMAGE_TYPES)}")
        if body.source_image_id not in ids:
            _fail(422, f"Unknown source_image_id {body.source_image_id} for source_image_type "
                       f"{body.source_image_type!r}")
        if body.output_crs not in OUTPUT_CRS:
            _fail(422, f"Unsupported output_crs {body.output_crs}; supported: 3857, 4326")
        for field_name, known in (("vector_formats", geodata.VECTOR_FORMATS),
                                  ("raster_formats", geodata.RASTER_FORMATS),
                                  ("three_d_formats", geodata.THREE_D_FORMATS)):
            for fmt in results.split_formats(getattr(body, field_name)):
                if fmt not in known:
                    _fail(422, f"Unknown format {fmt!r} in {field_name}; known: {', '.join(known)}")
        if not any(results.split_formats(getattr(body, f))
                   for f in ("vector_formats", "raster_formats", "three_d_formats")):
            _fail(422, "No output format requested: set vector_formats, raster_formats or three_d_formats")
        return body.model_dump()

    def scenario_json(scenario: Scenario) -> dict:
        state = store.activity_state(scenario)
        data = {"id": scenario.id, "scenario_id": scenario.id, "project_id": scenario.project_id,
                "type": scenario.type, "state": state["state"], "creation_date": iso(scenario.created),
                "activity_id": scenario.activity_id, "credits": scenario.credits}
        data.update(scenario.params)
        return data

    def activity_json(scenario: Scenario) -> dict:
        state = store.activity_state(scenario)
        return {"project_id": scenario.project_id, "user_id": scenario.user_id, "type": "SCENARIO-EXECUTION",
                "progress": state["progress"], "state": state["state"],
                "creation_date": iso(scenario.created), "start_date": state["start_date"],
                "end_date": state["end_date"], "details": state["details"], "misc": {},
                "scenario_id": scenario.id, "activity_id": scenario.activity_id, "id": scenario.activity_id}

    @app.post("/users/{user_id}/projects/{project_id}/scenarios/{scenario_type}", status_code=201)
    def create_scenario(scenario_type: str, body: ScenarioBody, project: OwnProject,
                        user: PathUser):
        if scenario_type not in SCENARIO_TYPES:
            _fail(404, f"Unknown scenario type {scenario_type!r}; available: {', '.join(SCENARIO_TYPES)}")
        params = check_params(body)
        with store.lock:
            asset = store.assets.get(project.aoi_id) if project.aoi_id else None
            if asset is None:
                _fail(409, f"Project {project.id} has no AOI: create it with POST "
                           f"/users/me/projects/{project.id}/assets/aoi before running a scenario")
            cost = round(asset.area_km2 * settings.credits_per_km2, 2)
            if user.credits < cost:
                _fail(402, f"Insufficient credits: this extraction over {asset.area_km2:.3f} km² costs "
                           f"{cost:g} credits and the account has {user.credits:g}")
            user.credits -= cost
            scenario = Scenario(store.next_id("scenario"), project.id, user.id, scenario_type, params,
                                asset.wkt, asset.area_km2, cost, store.next_id("activity"), time.time(),
                                float(settings.run_seconds), store.take_failure())
            store.scenarios[scenario.id] = scenario
            store.activities[scenario.activity_id] = scenario.id
            store.stats_by_user[user.id]["scenarios"] += 1
            store.stats_by_user[user.id]["credits"] += cost
            store.stats["credits_charged"] += cost
        return {"scenario_id": scenario.id, "activity_id": scenario.activity_id}

    def own_scenario(scenario_id: int, project: Project) -> Scenario:
        scenario = store.scenarios.get(scenario_id)
        if scenario is None or scenario.project_id != project.id:
            _fail(404, f"Scenario {scenario_id} not found in project {project.id}")
        return scenario

    @app.get("/users/{user_id}/projects/{project_id}/scenarios")
    def list_scenarios(project: OwnProject):
        with store.lock:
            return [scenario_json(s) for s in store.scenarios.values() if s.project_id == project.id]

    @app.get("/users/{user_id}/projects/{project_id}/scenarios/{scenario_id}")
    def get_scenario(scenario_id: int, project: OwnProject):
        return scenario_json(own_scenario(scenario_id, project))

    # -- activities ------------------------------------------------------------------------------
    @app.get("/users/{user_id}/projects/{project_id}/activities")
    def list_activities(project: OwnProject):
        with store.lock:
            return [activity_json(s) for s in store.scenarios.values() if s.project_id == project.id]

    @app.get("/users/{user_id}/projects/{project_id}/activities/{activity_id}")
    def get_activity(activity_id: int, project: OwnProject):
        scenario = store.scenarios.get(store.activities.get(activity_id, -1))
        if scenario is None or scenario.project_id != project.id:
            _fail(404, f"Activity {activity_id} not found in project {project.id}")
        return activity_json(scenario)

    # -- downloads ---------------------------------------------------------------------------------
    @app.get("/users/{user_id}/projects/{project_id}/scenarios/{scenario_id}/download/urls")
    def download_urls(scenario_id: int, project: OwnProject,
                      continuation_token: Annotated[Optional[str], Query()] = None):
        scenario = own_scenario(scenario_id, project)
        state = store.activity_state(scenario)["state"]
        if state != "SUCCESSFUL":
            _fail(409, f"Scenario {scenario_id} has no results to download: its run is {state}")
        with results._lock(f"listing:{scenario.id}"):
            if scenario.listing is None:
                listing = results.build_listing(emulator.data_dir, scenario, settings)
                scenario.files = dict(listing)
                scenario.listing = listing
        listing = scenario.listing
        offset = 0
        if continuation_token is not None:
            offset = emulator.pages.read(scenario.id, continuation_token)
            if offset is None or offset > len(listing):
                _fail(400, "Invalid continuation_token: use the NextContinuationToken of the previous page")
        page_size = settings.page_size
        page = listing[offset:offset + page_size]

        def url(rel):
            return emulator.signer.sign(emulator.storage_url,
                                        object_path(scenario.user_id, project.id, scenario.id, rel),
                                        settings.url_ttl)

        answer = results.nest([(rel, url(rel)) for rel, _path in page])
        if offset + page_size < len(listing):
            answer["NextContinuationToken"] = emulator.pages.make(scenario.id, offset + page_size)
        return answer

    # -- admin (loopback only, not in the API documentation) ---------------------------------------
    @app.get("/_admin/health", include_in_schema=False)
    def health():
        return {"ok": True, "api_url": emulator.api_url, "storage_url": emulator.storage_url}

    @app.get("/_admin/stats", include_in_schema=False)
    def stats():
        return store.snapshot_stats()

    @app.get("/_admin/settings", include_in_schema=False)
    def get_settings():
        return settings.to_dict()

    @app.post("/_admin/configure", include_in_schema=False)
    async def configure(request: Request):
        try:
            changes = await request.json()
        except ValueError:
            _fail(400, "The body must be a JSON object of settings")
        if not isinstance(changes, dict):
            _fail(400, "The body must be a JSON object of settings")
        with store.lock:
            try:
                settings.update(changes)
            except ValueError as exc:
                _fail(400, str(exc))
        if settings.big_file_mb > 0:  # write it now, not during a timed download
            await asyncio.to_thread(results.big_file, emulator.data_dir, settings.big_file_mb)
        return settings.to_dict()

    @app.post("/_admin/expire-tokens", include_in_schema=False)
    def expire_tokens():
        return {"expired": store.expire_tokens()}

    @app.post("/_admin/outage", include_in_schema=False)
    async def outage(request: Request):
        body = await request.json()
        if emulator.gates is None:
            _fail(409, "start the emulator with --closable to close its listeners")
        try:
            return emulator.gates.outage(float(body.get("seconds", 0)), tuple(body.get("listeners",
                                                                                       ("api", "storage"))))
        except (TypeError, ValueError) as exc:
            _fail(422, str(exc))

    @app.post("/_admin/expire-urls", include_in_schema=False)
    def expire_urls():
        emulator.signer.expire_all()
        return {"ok": True}

    @app.post("/_admin/reset", include_in_schema=False)
    def reset():
        store.reset()
        emulator.reseed()
        return settings.to_dict()

    return app
