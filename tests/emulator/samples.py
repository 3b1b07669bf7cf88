"""Helpers for tests that talk to the emulator directly: sample AOIs, the tutorial's scenario
body, and a minimal HTTP client (the product's client lives in ``beod/``)."""

import time

import requests

TUTORIAL_AOI = ("POLYGON (( 6.9526850935291 43.6127384923652, 6.94943181004093 43.6123795674845, "
                "6.94656582220611 43.611370079773, 6.95060918882712 43.6056268939605, "
                "6.95587640971274 43.605649329347, 6.95759600241363 43.6079825638504, "
                "6.95877338119982 43.6099231178373, 6.95855649563394 43.6117963099847, "
                "6.9526850935291 43.6127384923652 ))")
# about 3.4 km x 2.8 km: above the default zip threshold
LARGE_AOI = "POLYGON ((6.93 43.60, 6.972 43.60, 6.972 43.625, 6.93 43.625, 6.93 43.60))"
SCENARIO = {"name": "My First extraction", "source_image_type": "basemap", "source_image_id": 1,
            "augmented": False, "output_crs": 3857, "vector_formats": "shapefile,geopackage",
            "raster_formats": "geotiff", "three_d_formats": "3d_tiles", "dl_models": []}


def GET(url, **kw):
    return requests.get(url, timeout=30, **kw)


def POST(url, **kw):
    return requests.post(url, timeout=30, **kw)


class Api:
    """A tiny client for these tests (the real client lives in ``beod/``)."""

    def __init__(self, emu, email=None, password=None):
        self.base = emu.api_url
        self.session = requests.Session()
        answer = self.session.post(self.base + "/auth/login",
                                   json={"email": email or emu.email, "password": password or emu.password})
        assert answer.status_code == 200, answer.text
        self.tokens = answer.json()
        self.session.headers["Authorization"] = "Bearer " + self.tokens["access_token"]

    def get(self, path, **kw):
        return self.session.get(self.base + path, timeout=30, **kw)

    def post(self, path, body=None, **kw):
        return self.session.post(self.base + path, json=body, timeout=30, **kw)

    def run(self, wkt=TUTORIAL_AOI, wait=True, **params):
        pid = self.post("/users/me/projects", {"name": "Test"}).json()["project_id"]
        assert self.post(f"/users/me/projects/{pid}/assets/aoi", {"geometry": wkt}).status_code == 201
        answer = self.post(f"/users/me/projects/{pid}/scenarios/extraction-mono", {**SCENARIO, **params})
        assert answer.status_code == 201, answer.text
        sid, aid = answer.json()["scenario_id"], answer.json()["activity_id"]
        if wait:
            self.wait(pid, aid)
        return pid, sid, aid

    def wait(self, pid, aid, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            activity = self.get(f"/users/me/projects/{pid}/activities/{aid}").json()
            if activity["state"] in ("SUCCESSFUL", "FAILED"):
                return activity
            time.sleep(0.1)
        raise AssertionError("run did not finish")


def flatten(tree, prefix=""):
    for key, value in tree.items():
        if key == "NextContinuationToken":
            continue
        if isinstance(value, str):
            yield prefix + key, value
        else:
            yield from flatten(value, prefix + key + "/")
