"""The one place listing what the emulator serves, and which parts are inferred.

DOCUMENTED: stated by the vendor tutorial (``/work/shared/seed/TUTORIAL.md``). INFERRED: our
best guess, to be corrected against the real reference documentation. Status codes and error
bodies of every failure are inferred too (see ``ERRORS``).
"""

DOCUMENTED = "documented"
INFERRED = "inferred"

#: (method, path, success status, response, documented or inferred)
ENDPOINTS = (
    ("POST", "/auth/login", 200, '{"access_token", "refresh_token", "expires_in", "token_type": "Bearer"}',
     DOCUMENTED),
    ("POST", "/auth/refresh", 200, "same as login (404 when refresh_enabled is off)", INFERRED),
    ("GET", "/users/me", 200, '{"id", "email", "credits"} ("email" inferred)', DOCUMENTED),
    ("GET", "/users/{user_id}", 200, "same as /users/me; another user's id -> 403", INFERRED),
    ("POST", "/users/{user_id}/projects", 201, '{"project_id"}', DOCUMENTED),
    ("GET", "/users/{user_id}/projects", 200,
     '[{"id", "project_id", "name", "creation_date", "user_id", "aoi_id"}]', INFERRED),
    ("GET", "/users/{user_id}/projects/{project_id}", 200, "one project, as in the list", INFERRED),
    ("POST", "/users/{user_id}/projects/{project_id}/assets/aoi", 201, '{"asset_id"}', DOCUMENTED),
    ("GET", "/users/{user_id}/projects/{project_id}/assets", 200,
     '[{"id", "asset_id", "project_id", "type": "aoi", "geometry", "area_km2", "creation_date"}]',
     INFERRED),
    ("GET", "/users/{user_id}/projects/{project_id}/assets/{asset_id}", 200, "one asset", INFERRED),
    ("POST", "/users/{user_id}/projects/{project_id}/scenarios/{scenario_type}", 201,
     '{"scenario_id", "activity_id"}', DOCUMENTED),
    ("GET", "/users/{user_id}/projects/{project_id}/scenarios", 200,
     '[{"id", "scenario_id", "project_id", "type", "state", "creation_date", "activity_id", "credits",'
     ' + the creation body fields}]', INFERRED),
    ("GET", "/users/{user_id}/projects/{project_id}/scenarios/{scenario_id}", 200, "one scenario", INFERRED),
    ("GET", "/users/{user_id}/projects/{project_id}/activities", 200, "[activity, ...]", INFERRED),
    ("GET", "/users/{user_id}/projects/{project_id}/activities/{activity_id}", 200,
     '{"project_id", "user_id", "type", "progress", "state", "creation_date", "start_date", "end_date",'
     ' "details", "misc", "scenario_id", "activity_id", "id"}', DOCUMENTED),
    ("GET", "/users/{user_id}/projects/{project_id}/scenarios/{scenario_id}/download/urls", 200,
     '{"<sid>.zip": url} or the nested tree + "NextContinuationToken"; ?continuation_token=', DOCUMENTED),
)

#: Failures (all INFERRED). Bodies are JSON {"detail": "<what is wrong>"}; schema errors of a body
#: (malformed JSON, a missing or mistyped field) are FastAPI's 422 {"detail": [{"loc", "msg", ...}]}.
ERRORS = (
    (401, "missing, malformed, forged or expired bearer token; wrong email or password; bad refresh token"),
    (402, "not enough credits for the AOI area (credits_per_km2 x geodesic area, charged at creation)"),
    (403, "another user's UUID in the path"),
    (404, "unknown project/asset/scenario/activity id, or one of another user; unknown scenario_type; "
          "/auth/refresh when refresh is disabled"),
    (409, "a second AOI on a project; a scenario on a project without AOI; download/urls before the run "
          "is SUCCESSFUL"),
    (400, "an invalid continuation_token"),
    (422, "invalid WKT, not a POLYGON, self-intersecting, unclosed ring, out of lon/lat range, AOI too "
          "large; unknown source_image_type/id, output_crs, format; empty name; no format requested"),
    (429, "injected (rate_429), with Retry-After"),
    (500, "injected (error_rate), with Retry-After; also any unexpected error (the server keeps running)"),
    (503, "injected (error_rate), with Retry-After"),
)

#: The storage host (S3-like, its own port): presigned GET/HEAD URLs
#: ``/beod-results/<user uuid>/<project>/<scenario>/<path>?X-Amz-Algorithm=AWS4-HMAC-SHA256
#: &X-Amz-Credential=...&X-Amz-Date=...&X-Amz-Expires=...&X-Amz-SignedHeaders=host
#: &X-Amz-Signature=...``; XML errors:
#: 403 AccessDenied "Request has expired", 403 SignatureDoesNotMatch, 400 InvalidArgument when an
#: Authorization header comes with the presigned query, 404 NoSuchKey, 416 InvalidRange,
#: 500 InternalError / 503 SlowDown (injected, Retry-After).
STORAGE = "see comment above"
