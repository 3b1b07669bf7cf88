"""The emulator's core: accounts and tokens, projects, AOI, the run clock, downloads (zip and
paginated tree) from the presigned storage host, and the fixture contract."""

import io
import time
import zipfile

import pytest

from tests.emulator.samples import GET, LARGE_AOI, POST, SCENARIO, TUTORIAL_AOI, Api, flatten


def test_fixture_handle_exposes_the_contract(emulator):
    assert emulator.api_url.startswith("http://127.0.0.1:")
    assert emulator.storage_url.startswith("http://127.0.0.1:") and emulator.storage_url != emulator.api_url
    assert len(emulator.users) >= 3 and (emulator.email, emulator.password) in emulator.users
    assert GET(emulator.api_url + "/openapi.json").json()["paths"]


def test_login_me_and_tokens(emulator):
    api = Api(emulator)
    assert set(api.tokens) >= {"access_token", "refresh_token", "expires_in", "token_type"}
    assert api.tokens["token_type"] == "Bearer" and api.tokens["expires_in"] == 3600
    me = api.get("/users/me").json()
    assert me["credits"] > 1000 and len(me["id"]) == 36
    assert api.get(f"/users/{me['id']}").json()["id"] == me["id"]
    bad = POST(emulator.api_url + "/auth/login", json={"email": emulator.email, "password": "bad"})
    assert bad.status_code == 401 and "password" in bad.json()["detail"]
    assert GET(emulator.api_url + "/users/me").status_code == 401
    forged = GET(emulator.api_url + "/users/me", headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401
    assert emulator.stats()["logins"] == 1


def test_expired_tokens_and_refresh(emulator):
    api = Api(emulator)
    emulator.expire_tokens()
    answer = api.get("/users/me")
    assert answer.status_code == 401 and "expired" in answer.json()["detail"]
    fresh = POST(emulator.api_url + "/auth/refresh",
                          json={"refresh_token": api.tokens["refresh_token"]}).json()
    headers = {"Authorization": "Bearer " + fresh["access_token"]}
    assert GET(emulator.api_url + "/users/me", headers=headers).status_code == 200
    assert emulator.stats()["refreshes"] == 1
    emulator.configure(refresh_enabled=False)
    gone = POST(emulator.api_url + "/auth/refresh", json={"refresh_token": api.tokens["refresh_token"]})
    assert gone.status_code == 404


def test_token_ttl_is_configurable(emulator):
    emulator.configure(token_ttl=1)
    api = Api(emulator)
    assert api.tokens["expires_in"] == 1
    assert api.get("/users/me").status_code == 200
    time.sleep(1.2)
    assert api.get("/users/me").status_code == 401


def test_users_are_isolated(emulator):
    alice, bob = Api(emulator, *emulator.users[1]), Api(emulator, *emulator.users[2])
    pid, sid, aid = alice.run()
    alice_id = alice.get("/users/me").json()["id"]
    assert bob.get(f"/users/{alice_id}/projects").status_code == 403
    assert bob.get(f"/users/me/projects/{pid}").status_code == 404
    assert bob.get(f"/users/me/projects/{pid}/activities/{aid}").status_code == 404
    assert bob.get(f"/users/me/projects/{pid}/scenarios/{sid}/download/urls").status_code == 404
    assert bob.post(f"/users/me/projects/{pid}/assets/aoi", {"geometry": TUTORIAL_AOI}).status_code == 404
    assert pid not in [p["id"] for p in bob.get("/users/me/projects").json()]
    assert pid in [p["id"] for p in alice.get("/users/me/projects").json()]
    assert pid in [p["id"] for p in alice.get(f"/users/{alice_id}/projects").json()]
    assert alice.get(f"/users/{alice_id}/projects/{pid}/activities/{aid}").json()["user_id"] == alice_id


def test_project_aoi_scenario_and_activity_clock(emulator):
    api = Api(emulator)
    answer = api.post("/users/me/projects", {"name": "Tutorial project"})
    assert answer.status_code == 201
    pid = answer.json()["project_id"]
    aoi = api.post(f"/users/me/projects/{pid}/assets/aoi", {"geometry": TUTORIAL_AOI})
    assert aoi.status_code == 201 and isinstance(aoi.json()["asset_id"], int)
    again = api.post(f"/users/me/projects/{pid}/assets/aoi", {"geometry": TUTORIAL_AOI})
    assert again.status_code == 409
    created = api.post(f"/users/me/projects/{pid}/scenarios/extraction-mono", SCENARIO)
    assert created.status_code == 201
    sid, aid = created.json()["scenario_id"], created.json()["activity_id"]
    first = api.get(f"/users/me/projects/{pid}/activities/{aid}").json()
    assert set(first) == {"project_id", "user_id", "type", "progress", "state", "creation_date", "start_date",
                          "end_date", "details", "misc", "scenario_id", "activity_id", "id"}
    assert first["state"] in ("CREATED", "PENDING", "RUNNING") and first["type"] == "SCENARIO-EXECUTION"
    seen, progress = set(), []
    deadline = time.time() + 10
    while time.time() < deadline:
        activity = api.get(f"/users/me/projects/{pid}/activities/{aid}").json()
        seen.add(activity["state"])
        progress.append(activity["progress"])
        if activity["state"] == "SUCCESSFUL":
            break
        time.sleep(0.02)
    assert {"RUNNING", "SUCCESSFUL"} <= seen
    assert progress == sorted(progress) and progress[-1] == 100.0
    assert activity["end_date"] and activity["start_date"]
    scenario = api.get(f"/users/me/projects/{pid}/scenarios/{sid}").json()
    assert scenario["state"] == "SUCCESSFUL" and scenario["name"] == SCENARIO["name"]
    assert [a["id"] for a in api.get(f"/users/me/projects/{pid}/activities").json()] == [aid]
    assets = api.get(f"/users/me/projects/{pid}/assets").json()
    assert [a["asset_id"] for a in assets] == [aoi.json()["asset_id"]]
    stats = emulator.stats()
    assert stats["scenarios_created"][emulator.email] == 1 and stats["credits_charged"][emulator.email] > 0


def test_credits_and_injected_failure(emulator):
    poor = Api(emulator, emulator.poor_email, emulator.poor_password)
    pid = poor.post("/users/me/projects", {"name": "p"}).json()["project_id"]
    poor.post(f"/users/me/projects/{pid}/assets/aoi", {"geometry": TUTORIAL_AOI})
    refused = poor.post(f"/users/me/projects/{pid}/scenarios/extraction-mono", SCENARIO)
    assert refused.status_code == 402 and "credits" in refused.json()["detail"].lower()
    api = Api(emulator)
    before = api.get("/users/me").json()["credits"]
    emulator.configure(fail_next_runs=1, fail_details="Imagery unavailable")
    pid, sid, aid = api.run()
    activity = api.wait(pid, aid)
    assert activity["state"] == "FAILED" and activity["details"] == "Imagery unavailable"
    assert api.get("/users/me").json()["credits"] < before
    assert api.get(f"/users/me/projects/{pid}/scenarios/{sid}/download/urls").status_code == 409
    pid, sid, aid = api.run()
    assert api.wait(pid, aid)["state"] == "SUCCESSFUL"


def test_tutorial_aoi_gives_one_zip_with_the_layout(emulator):
    api = Api(emulator)
    pid, sid, _ = api.run()
    urls = api.get(f"/users/me/projects/{pid}/scenarios/{sid}/download/urls").json()
    assert list(urls) == [f"{sid}.zip"]
    url = urls[f"{sid}.zip"]
    assert url.startswith(emulator.storage_url) and "X-Amz-Signature=" in url
    data = GET(url)
    assert data.status_code == 200 and int(data.headers["Content-Length"]) == len(data.content)
    names = zipfile.ZipFile(io.BytesIO(data.content)).namelist()
    for rel in ("0/EXPORT/building/shapefile/building.shp", "0/EXPORT/building/shapefile/building.cpg",
                "0/EXPORT/building/geopackage/building.gpkg", "0/EXPORT/road/shapefile/road.dbf",
                "0/EXPORT/clutter/geotiff/clutter.tif", "0/EXPORT/dtm/geotiff/dtm.tif",
                "0/EXPORT/tree/3d_tiles/tileset.json"):
        assert rel in names
    assert all(len(n.split("/")) == 5 and n.split("/")[1] == "EXPORT" for n in names)


def test_large_aoi_gives_the_paginated_tree(emulator):
    emulator.configure(page_size=100)
    api = Api(emulator)
    pid, sid, _ = api.run(LARGE_AOI, vector_formats="geopackage", three_d_formats="")
    url = f"/users/me/projects/{pid}/scenarios/{sid}/download/urls"
    files, pages, token = {}, 0, None
    while True:
        page = api.get(url, params={"continuation_token": token} if token else None).json()
        pages += 1
        batch = dict(flatten(page))
        assert len(batch) <= 100
        files.update(batch)
        token = page.get("NextContinuationToken")
        if not token:
            break
    assert pages > 1
    tiles = {rel.split("/")[0] for rel in files}
    assert len(tiles) > 20 and "0" in tiles
    assert all(rel.split("/")[1] == "EXPORT" for rel in files)
    rel, link = next((r, u) for r, u in files.items() if r.endswith("building.gpkg"))
    answer = GET(link)
    assert answer.status_code == 200 and answer.content[:16] == b"SQLite format 3\x00"
    bad = api.get(url, params={"continuation_token": "garbage"})
    assert bad.status_code == 400


def test_presigned_urls_expire_reject_tampering_and_bearer(emulator):
    api = Api(emulator)
    pid, sid, _ = api.run()
    url = api.get(f"/users/me/projects/{pid}/scenarios/{sid}/download/urls").json()[f"{sid}.zip"]
    ranged = GET(url, headers={"Range": "bytes=0-3"})
    assert ranged.status_code == 206 and ranged.content == b"PK\x03\x04"
    assert ranged.headers["Content-Range"].startswith("bytes 0-3/")
    with_bearer = GET(url, headers={"Authorization": "Bearer " + api.tokens["access_token"]})
    assert with_bearer.status_code == 400 and b"InvalidArgument" in with_bearer.content
    tampered = url.replace(f"/{sid}/{sid}.zip", f"/{sid}/{sid + 1}.zip")
    assert GET(tampered).status_code == 403
    emulator.expire_urls()
    expired = GET(url)
    assert expired.status_code == 403 and b"expired" in expired.content
    fresh = api.get(f"/users/me/projects/{pid}/scenarios/{sid}/download/urls").json()[f"{sid}.zip"]
    assert GET(fresh).status_code == 200
    assert emulator.stats()["storage_auth_headers"] == 1


@pytest.mark.parametrize("crs", [3857, 4326])
def test_output_crs_is_honoured(emulator, crs, tmp_path):
    from osgeo import ogr

    api = Api(emulator)
    pid, sid, _ = api.run(output_crs=crs)
    url = api.get(f"/users/me/projects/{pid}/scenarios/{sid}/download/urls").json()[f"{sid}.zip"]
    zipfile.ZipFile(io.BytesIO(GET(url).content)).extractall(tmp_path)
    ds = ogr.Open(str(tmp_path / "0/EXPORT/building/geopackage/building.gpkg"))
    layer = ds.GetLayer(0)
    assert layer.GetSpatialRef().GetAuthorityCode(None) == str(crs)
    assert layer.GetFeatureCount() > 0
    xmin = layer.GetExtent()[0]
    assert (6.9 < xmin < 7.0) if crs == 4326 else (770000 < xmin < 780000)
