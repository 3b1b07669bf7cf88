"""Every BEOD API path in one table, each marked DOCUMENTED (stated by the vendor tutorial)
or INFERRED (our best guess, to be checked against the reference documentation).

Correct a path here and the whole client follows.
"""

from collections import namedtuple
from urllib.parse import quote

DOCUMENTED = "documented"
INFERRED = "inferred"

Endpoint = namedtuple("Endpoint", "method path status expected")

USER = "me"  # documented alias of the signed-in user's UUID

ENDPOINTS = {
    "login": Endpoint("POST", "/auth/login", DOCUMENTED, (200,)),
    "refresh": Endpoint("POST", "/auth/refresh", INFERRED, (200,)),
    "me": Endpoint("GET", "/users/{user}", DOCUMENTED, (200,)),
    "create_project": Endpoint("POST", "/users/{user}/projects", DOCUMENTED, (201, 200)),
    "list_projects": Endpoint("GET", "/users/{user}/projects", INFERRED, (200,)),
    "get_project": Endpoint("GET", "/users/{user}/projects/{project_id}", INFERRED, (200,)),
    "create_aoi": Endpoint("POST", "/users/{user}/projects/{project_id}/assets/aoi", DOCUMENTED, (201, 200)),
    "list_assets": Endpoint("GET", "/users/{user}/projects/{project_id}/assets", INFERRED, (200,)),
    "create_scenario": Endpoint(
        "POST", "/users/{user}/projects/{project_id}/scenarios/{scenario_type}", DOCUMENTED, (201, 200)),
    "list_scenarios": Endpoint("GET", "/users/{user}/projects/{project_id}/scenarios", INFERRED, (200,)),
    "get_scenario": Endpoint(
        "GET", "/users/{user}/projects/{project_id}/scenarios/{scenario_id}", INFERRED, (200,)),
    "list_activities": Endpoint("GET", "/users/{user}/projects/{project_id}/activities", INFERRED, (200,)),
    "get_activity": Endpoint(
        "GET", "/users/{user}/projects/{project_id}/activities/{activity_id}", DOCUMENTED, (200,)),
    "download_urls": Endpoint(
        "GET", "/users/{user}/projects/{project_id}/scenarios/{scenario_id}/download/urls", DOCUMENTED,
        (200,)),
}

# Query parameter of the next page of ``download_urls`` (documented; the tutorial's code
# wrongly joins it with "&").
CONTINUATION_PARAM = "continuation_token"
# Top-level key of a download listing that has more pages (documented, S3's name).
CONTINUATION_KEY = "NextContinuationToken"

# Activity states (documented) and the terminal ones.
STATES = ("CREATED", "PENDING", "RUNNING", "SUCCESSFUL", "FAILED")
TERMINAL_STATES = ("SUCCESSFUL", "FAILED")

# Default scenario type (documented); others exist but are not named by the tutorial.
DEFAULT_SCENARIO_TYPE = "extraction-mono"


def path(name: str, **values) -> str:
    """The path of endpoint ``name`` with ``values`` filled in (URL-quoted)."""
    values.setdefault("user", USER)
    quoted = {key: quote(str(value), safe="") for key, value in values.items()}
    return ENDPOINTS[name].path.format(**quoted)
