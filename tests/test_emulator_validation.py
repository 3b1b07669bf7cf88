"""Bad input gets a 4xx with a JSON body naming the problem, and nothing a client sends
crashes the server."""

import random
import socket
from urllib.parse import urlsplit

import pytest
import requests

from tests.emulator.samples import GET, POST, SCENARIO, TUTORIAL_AOI, Api

BOWTIE = "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"


def detail_text(answer) -> str:
    body = answer.json()
    assert "detail" in body, body
    return str(body["detail"]).lower()


@pytest.fixture
def api(emulator):
    return Api(emulator)


@pytest.fixture
def project(api):
    return api.post("/users/me/projects", {"name": "validation"}).json()["project_id"]


@pytest.mark.parametrize("wkt, words", [
    ("", "empty"),
    ("POLYGON ((1 2, 3", "wkt"),
    ("not a geometry", "wkt"),
    ("POINT (6.95 43.61)", "polygon"),
    ("LINESTRING (6.95 43.61, 6.96 43.62)", "polygon"),
    ("MULTIPOLYGON (((6.95 43.61, 6.96 43.61, 6.96 43.62, 6.95 43.61)))", "polygon"),
    (BOWTIE, "self-intersecting"),
    ("POLYGON ((200 43, 201 43, 201 44, 200 43))", "range"),
    ("POLYGON ((6.95 95, 6.96 95, 6.96 96, 6.95 95))", "range"),
    ("POLYGON ((6.95 43.61, 6.96 43.61, 6.96 43.62, 6.955 43.63))", "closed"),
    ("POLYGON ((6.95 43.61, 6.96 43.61, 6.95 43.61))", "4 points"),
    ("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", "exceeds"),
])
def test_bad_aoi_geometries(api, project, wkt, words):
    answer = api.post(f"/users/me/projects/{project}/assets/aoi", {"geometry": wkt})
    assert answer.status_code == 422
    assert words in detail_text(answer)


@pytest.mark.parametrize("change, words", [
    ({"output_crs": 2154}, "output_crs"),
    ({"output_crs": "3857"}, "output_crs"),
    ({"vector_formats": "shapefile,kml"}, "kml"),
    ({"raster_formats": "png"}, "png"),
    ({"three_d_formats": "obj"}, "obj"),
    ({"vector_formats": "", "raster_formats": "", "three_d_formats": ""}, "no output format"),
    ({"source_image_type": "satellite"}, "source_image_type"),
    ({"source_image_id": 99}, "source_image_id"),
    ({"source_image_id": "1"}, "source_image_id"),
    ({"augmented": "false"}, "augmented"),
    ({"name": 12}, "name"),
    ({"name": "  "}, "name"),
    ({"dl_models": "none"}, "dl_models"),
])
def test_bad_scenario_bodies(api, project, change, words):
    api.post(f"/users/me/projects/{project}/assets/aoi", {"geometry": TUTORIAL_AOI})
    answer = api.post(f"/users/me/projects/{project}/scenarios/extraction-mono", {**SCENARIO, **change})
    assert answer.status_code == 422
    assert words in detail_text(answer)


@pytest.mark.parametrize("missing", ["name", "source_image_type", "source_image_id", "augmented",
                                     "output_crs"])
def test_missing_scenario_fields(api, project, missing):
    api.post(f"/users/me/projects/{project}/assets/aoi", {"geometry": TUTORIAL_AOI})
    body = {k: v for k, v in SCENARIO.items() if k != missing}
    answer = api.post(f"/users/me/projects/{project}/scenarios/extraction-mono", body)
    assert answer.status_code == 422 and missing in detail_text(answer)


def test_malformed_json_and_wrong_shapes(emulator, api, project):
    headers = {"Content-Type": "application/json"}
    for path in ("/auth/login", "/users/me/projects", f"/users/me/projects/{project}/assets/aoi"):
        answer = api.session.post(emulator.api_url + path, data=b'{"name": ', headers=headers, timeout=30)
        assert answer.status_code == 422 and "json" in detail_text(answer)
        answer = api.session.post(emulator.api_url + path, json=["a", "list"], timeout=30)
        assert answer.status_code == 422 and answer.json()["detail"]
    answer = POST(emulator.api_url + "/auth/login", json={"email": emulator.email})
    assert answer.status_code == 422 and "password" in detail_text(answer)
    answer = api.post("/users/me/projects", {"name": ["x"]})
    assert answer.status_code == 422 and "name" in detail_text(answer)


def test_order_conflicts_and_unknown_ids(api, project):
    early = api.post(f"/users/me/projects/{project}/scenarios/extraction-mono", SCENARIO)
    assert early.status_code == 409 and "no aoi" in detail_text(early)
    assert api.post(f"/users/me/projects/{project}/assets/aoi", {"geometry": TUTORIAL_AOI}).status_code == 201
    second = api.post(f"/users/me/projects/{project}/assets/aoi", {"geometry": TUTORIAL_AOI})
    assert second.status_code == 409 and "only one aoi" in detail_text(second)
    unknown_type = api.post(f"/users/me/projects/{project}/scenarios/extraction-stereo", SCENARIO)
    assert unknown_type.status_code == 404 and "scenario type" in detail_text(unknown_type)
    for path in ("/users/me/projects/999999", f"/users/me/projects/{project}/activities/999999",
                 f"/users/me/projects/{project}/scenarios/999999",
                 f"/users/me/projects/{project}/scenarios/999999/download/urls",
                 f"/users/me/projects/{project}/assets/999999"):
        answer = api.get(path)
        assert answer.status_code == 404 and "not found" in detail_text(answer), path
    assert api.get("/users/me/projects/abc").status_code == 422
    sid = api.post(f"/users/me/projects/{project}/scenarios/extraction-mono", SCENARIO).json()["scenario_id"]
    not_yet = api.get(f"/users/me/projects/{project}/scenarios/{sid}/download/urls")
    assert not_yet.status_code == 409 and "no results" in detail_text(not_yet)


def test_garbage_never_crashes_the_server(emulator, api, project):
    rng = random.Random(1234)
    base = f"/users/me/projects/{project}"
    paths = ["/auth/login", "/auth/refresh", "/users/me", "/users/me/projects", base, f"{base}/assets/aoi",
             f"{base}/scenarios/extraction-mono", f"{base}/scenarios/1/download/urls", "/users/%00/projects",
             "/../../etc/passwd", "/users/me/projects/99999999999999999999999",
             "/users/me/projects/-1/activities/-5", "/_admin/x"]
    bodies = [b"", b"null", b"0", b"[]", b'"text"', b"{}", b'{"geometry": null}', b'{"name": {"a": 1}}',
              b"\xff\xfe\x00garbage", b'{"email": 1, "password": true}', b"{" * 5000,
              b'{"geometry": "' + b"POLYGON ((" + b"1 1, " * 20000 + b'1 1))"}']
    statuses = []
    for _ in range(150):
        method = rng.choice(["GET", "POST", "PUT", "DELETE", "PATCH"])
        headers = rng.choice([{}, {"Content-Type": "application/json"}, {"Content-Type": "text/plain"},
                              {"Authorization": "Bearer " + "x" * rng.randint(0, 300)},
                              {"Authorization": "Basic Zm9vOmJhcg=="}, dict(api.session.headers)])
        answer = requests.request(method, emulator.api_url + rng.choice(paths), data=rng.choice(bodies),
                                  headers=headers, timeout=30)
        statuses.append(answer.status_code)
        assert answer.status_code < 500, (method, answer.status_code, answer.text[:200])
        assert answer.headers["Content-Type"].startswith("application/json")
    assert min(statuses) >= 200
    for base in (emulator.api_url, emulator.storage_url):
        parts = urlsplit(base)
        junks = (b"GARBAGE\r\n\r\n", b"\x00\x01\x02\x03" * 100,
                 b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n")
        for junk in junks:
            with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
                sock.sendall(junk)
                sock.shutdown(socket.SHUT_WR)
                try:
                    sock.recv(1024)
                except OSError:
                    pass
    assert api.get("/users/me").status_code == 200
    for path in ("/beod-results/x/1/2/a.zip", "/", "/beod-results/../../etc/passwd?X-Amz-Signature=1"):
        assert 400 <= GET(emulator.storage_url + path).status_code < 500
    assert GET(emulator.storage_url + "/x", headers={"Range": "bytes=9-1"}).status_code in (400, 403, 416)
