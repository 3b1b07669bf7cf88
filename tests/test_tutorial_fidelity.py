"""Fidelity check: the vendor tutorial's own example code runs against the emulator.

The seven Python examples of ``/work/shared/seed/TUTORIAL.md`` are transcribed below as
the tutorial prints them (the test first proves each transcription equals the tutorial's
text, whitespace aside), then only these edits are applied before running them:

1. ``api_url`` points at the emulator;
2. the documented pagination defect of ``download_scenario``: ``&continuation_token=``
   becomes ``?continuation_token=``, the loop requests ``current_url`` instead of ``url``,
   and the ``NextContinuationToken`` entry is not handed to ``download_file_tree`` as if it
   were a file URL (the tutorial's loop would try to download the token itself);
3. the unterminated f-string in the ``__main__`` block of the ``/users/me`` example (a
   syntax error in the tutorial) gets its closing quote.

Then the examples run from login to downloaded files, for the zip and for the paginated tree.
"""

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

TUTORIAL = Path("/work/shared/seed/TUTORIAL.md")

AUTHENTICATION = '''
import sys
import requests

api_url = "https://api.beod.luxcarta.cloud"

def login(username: str, password: str) -> dict:
    """
    This function logs in the user and returns the access token
    Args:
        username: str: The username of the user
        password: str: The password of the user
    Returns:
        dict: A dict continaing the following entries:
            {
                "refresh_token": "eyJjdHkiOiJKV1QiLCJlbmMiOiJB...",
                "access_token": "eyJraWQiOiJmK2czdXc4R05aZEc0WGs...",
                "expires_in": 86400,
                "token_type": "Bearer"
            }
            if the login was successful, None otherwise
    """
    url = api_url + "/auth/login"
    data = {
        "email": username,
        "password": password
    }
    response = requests.post(url, json=data)
    if response.status_code == 200:
        return response.json()
    else:
        return None

if __name__ == "__main__":
    user = sys.argv[1]
    password = sys.argv[2]
    login_info = login(user, password)
    if login_info:
        token = login_info["access_token"]
        print(token)
    else:
        print("Invalid credentials")
'''

GET_USER = '''
import sys
import requests
from authentication import login, api_url

def get_user(token):
    url = api_url + "/users/me"
    # use the token as a bearer token in the headers
    headers = {
        "Authorization": f"Bearer {token}"
    }
    response = requests.get(url, headers=headers)
    if response.status_code == 200:
        return response.json()
    else:
        return None

if __name__ == "__main__":
    user = sys.argv[1]
    password = sys.argv[2]
    token = login(user, password)["access_token"]
    user_info = get_user(token)
    if user_info:
        print(f"User id: {user_info['id']}" )
        print(f"Remaining credits: {user_info['credits']} )
    else:
        print("Invalid token")
'''

CREATE_PROJECT = '''
import sys
import requests
from pprint import pprint
from authentication import login, api_url

def create_project(token: str, project_name:str) -> int:
    """
    Create a project with the given name.
    Args:
        token: str: The access token of the user
        project_name: str: The name of the project
    Returns:
        int: The id of the created project if the project was created successfully, None otherwise
    """
    url = api_url + "/users/me/projects"
    # use the token as a bearer token in the headers
    headers = {
        "Authorization": f"Bearer {token}"
    }
    data = {
        "name": project_name
    }
    response = requests.post(url, json=data, headers=headers)
    # Note:
    # - in case of success a 201 status code is returned (which means created)
    # - the id of the created project is returned in the response
    if response.status_code == 201:
        return response.json()["project_id"]
    else:
        return None

if __name__ == "__main__":
    user = sys.argv[1]
    password = sys.argv[2]
    token = login(user, password)["access_token"]
    project_id = create_project(token, "Tutorial project")
    if project_id:
        print(f"The id of the newly created project is: {project_id}")
    else:
        print("Project creation failed")
'''

CREATE_AOI = '''
import sys
import requests
from pprint import pprint
from authentication import login, api_url
from create_project import create_project

# here is the geometry of the AOI (a small area around our french office)
aoi_wkt_geometry = """
POLYGON ((
    6.9526850935291 43.6127384923652,
    6.94943181004093 43.6123795674845,
    6.94656582220611 43.611370079773,
    6.95060918882712 43.6056268939605,
    6.95587640971274 43.605649329347,
    6.95759600241363 43.6079825638504,
    6.95877338119982 43.6099231178373,
    6.95855649563394 43.6117963099847,
    6.9526850935291 43.6127384923652
))"""

def create_aoi(token: str, project_id:str, wkt_geometry: str) -> int:
    """
    Create an aoi with the given geometry for the specified project.
    Args:
        token: str: The access token of the user
        project_id: int: The id of the project
        wkt_geometry: str: The wkt geometry of the aoi
    Returns:
        int: The id of the created aoi if the aoi was created successfully, None otherwise
    """
    url = api_url + f"/users/me/projects/{project_id}/assets/aoi"
    # use the token as a bearer token in the headers
    headers = {
        "Authorization": f"Bearer {token}"
    }
    data = {
        "geometry": wkt_geometry
    }
    response = requests.post(url, json=data, headers=headers)
    # Note:
    # - in case of success a 201 status code is returned (which means created)
    # - the id of the created asset aoi is returned in the response
    if response.status_code == 201:
        return response.json()["asset_id"]
    else:
        return None

if __name__ == "__main__":
    user = sys.argv[1]
    password = sys.argv[2]
    token = login(user, password)["access_token"]
    project_id = create_project(token, "Tutorial project")
    aoi_id = create_aoi(token, project_id, aoi_wkt_geometry)
    if aoi_id:
        print(f"The id of the newly created aoi is: {aoi_id}")
    else:
        print("AOI creation failed")
'''

CREATE_SCENARIO = '''
import sys
import requests
from pprint import pprint
from authentication import login, api_url
from create_project import create_project
from create_aoi import create_aoi, aoi_wkt_geometry

def create_simple_mono_extraction_scenario(token: str, project_id:str) -> int:
    """
    Create a simple mono extraction scenario in the given project.
    Args:
        token: str: The access token of the user
        project_id: str: The id of the project
    Returns:
        tuple(int, int): The id of the created scenario and the id of the associated activity,
        None if the scenario creation failed
    """
    url = api_url + f"/users/me/projects/{project_id}/scenarios/extraction-mono"
    # use the token as a bearer token in the headers
    headers = {
        "Authorization": f"Bearer {token}"
    }
    data = {
        "name": "My First extraction",
        "source_image_type": "basemap",
        "source_image_id": 1,
        "augmented": False,
        "output_crs": 3857,
        "vector_formats": "shapefile,geopackage",
        "raster_formats": "geotiff",
        "three_d_formats": "3d_tiles",
        "dl_models": []
    }
    response = requests.post(url, json=data, headers=headers)
    # Note:
    # - in case of success a 201 status code is returned (which means created)
    # - the id of the created scenario and activity are returned in the response
    if response.status_code == 201:
        json_response = response.json()
        return json_response["scenario_id"], json_response["activity_id"]
    else:
        return None

if __name__ == "__main__":
    user = sys.argv[1]
    password = sys.argv[2]
    token = login(user, password)["access_token"]
    project_id = create_project(token, "Tutorial project")
    aoi_id = create_aoi(token, project_id, aoi_wkt_geometry)
    ids = create_simple_mono_extraction_scenario(token, project_id)
    if ids:
        scenario_id, activity_id = ids
        print(f"The id of the newly created scenario is: {scenario_id}")
        print(f"The id of the associated activity is: {activity_id}")
    else:
        print("Scenario creation failed")
'''

FOLLOW_ACTIVITY = '''
import sys
import requests
import time
from pprint import pprint
from authentication import login, api_url
from create_project import create_project
from create_aoi import create_aoi, aoi_wkt_geometry
from create_scenario import create_simple_mono_extraction_scenario

def follow_activity(token: str, project_id:str, activity_id: int) -> int:
    """
    Follow an activity in a project until it terminates.
    Args:
        token: str: The access token of the user
        project_id: str: The id of the project
        activity_id: int: The id of the activity to follow
    Returns:
        True if the activity terminated successfully, False otherwise
    """
    url = api_url + f"/users/me/projects/{project_id}/activities/{activity_id}"
    # use the token as a bearer token in the headers
    headers = {
        "Authorization": f"Bearer {token}"
    }
    while True:
        response = requests.get(url, headers=headers)
        if response.status_code != 200:
            print('Unable to track the activity')
            return False
        # get status and progress
        json_response = response.json()
        state = json_response["state"]
        progress = json_response["progress"]
        print(f'> Activity state: {state}, progress: {progress}')
        if state == "SUCCESSFUL":
            return True
        elif state == "FAILED":
            return False
        time.sleep(5)
    else:
        return None

if __name__ == "__main__":
    user = sys.argv[1]
    password = sys.argv[2]
    token = login(user, password)["access_token"]
    project_id = create_project(token, "Tutorial project")
    aoi_id = create_aoi(token, project_id, aoi_wkt_geometry)
    scenario_id, activity_id = create_simple_mono_extraction_scenario(token, project_id)
    if follow_activity(token, project_id, activity_id):
        print("Scenario terminated successfully")
    else:
        print("Scenario terminated with an error")
'''

DOWNLOAD = '''
import sys
import shutil
from os import makedirs
from os.path import join, dirname
import requests
import time
from pprint import pprint
from authentication import login, api_url

def download_one_file(url: str, output_file: str):
    """
    Download one file from the given url to the given output file.
    Args:
        url: str: The url of the file to download
        output_file: str: The path of the output file
    """
    print(f'Downloading {url} to {output_file}')
    # ensure output folder exists
    makedirs(dirname(output_file), exist_ok=True)
    # stream download into the local file
    with requests.get(url, stream=True) as response:
        with open(output_file, 'wb') as f:
            shutil.copyfileobj(response.raw, f)

def download_file_tree(files: dict, current_path = ""):
    """
    Download the files in the given file tree.
    Args:
        files: dict: The file tree to download
        current_path: str: The current path in the file tree
    """
    for fileurl_or_folder in files.keys():
        if isinstance(files[fileurl_or_folder], str):
            # this a file url
            download_one_file(files[fileurl_or_folder], join(current_path, fileurl_or_folder))
        else:
            # this is a sub-folder
            download_file_tree(files[fileurl_or_folder], join(current_path, fileurl_or_folder))

def download_scenario(token: str, project_id:str, scenario_id: int, output_folder: str) -> int:
    """
    Download the files of the given scenario to the given output folder.
    Args:
        token: str: The access token of the user
        project_id: int: The id of the project
        scenario_id: int: The id of the scenario
        output_folder: str: The path of the output folder
    Returns:
        bool: True if the download was successful, False otherwise
    """
    url = api_url + f"/users/me/projects/{project_id}/scenarios/{scenario_id}/download/urls"
    continuation_token = ''
    current_url = url
    while True:
        response = requests.get(url, headers={"Authorization": f"Bearer {token}"})
        if response.status_code != 200:
            return False
        json_response = response.json()
        download_file_tree(json_response, output_folder)
        if "NextContinuationToken" in json_response:
            current_url = url + f'&continuation_token={json_response["NextContinuationToken"]}'
        else:
            break
    return True

if __name__ == "__main__":
    user = sys.argv[1]
    password = sys.argv[2]
    project_id = sys.argv[3]
    scenario_id = sys.argv[4]
    output_folder = sys.argv[5]
    user_info = login(user, password)
    token = user_info["access_token"]
    if download_scenario(token, project_id, scenario_id, output_folder):
        print("Download successful")
    else:
        print("Download failed")
'''

#: module name -> transcription, in the tutorial's order
EXAMPLES = {
    "authentication": AUTHENTICATION, "get_user": GET_USER, "create_project": CREATE_PROJECT,
    "create_aoi": CREATE_AOI, "create_scenario": CREATE_SCENARIO, "follow_activity": FOLLOW_ACTIVITY,
    "download": DOWNLOAD,
}


def edits(api_url: str) -> dict:
    """The only changes made to the tutorial's code: module -> [(old, new)]."""
    return {
        "authentication": [('api_url = "https://api.beod.luxcarta.cloud"', f'api_url = "{api_url}"')],
        "get_user": [("{user_info['credits']} )", "{user_info['credits']}\" )")],
        "download": [
            ("f'&continuation_token=", "f'?continuation_token="),
            ("requests.get(url, headers=", "requests.get(current_url, headers="),
            ("download_file_tree(json_response, output_folder)",
             "download_file_tree({k: v for k, v in json_response.items() if k != \"NextContinuationToken\"},"
             " output_folder)"),
        ],
    }


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def tutorial_examples():
    parts = TUTORIAL.read_text(encoding="utf-8").split("Python example:")[1:]
    return [part.strip().split("\n")[0] for part in parts]


@pytest.mark.skipif(not TUTORIAL.exists(), reason="the vendor tutorial is not on this machine")
def test_transcriptions_are_the_tutorial_code():
    assert [_flat(code) for code in EXAMPLES.values()] == [_flat(code) for code in tutorial_examples()]


def write_examples(folder: Path, api_url: str) -> Path:
    changes = edits(api_url)
    for name, code in EXAMPLES.items():
        for old, new in changes.get(name, []):
            assert code.count(old) == 1, (name, old)
            code = code.replace(old, new)
        (folder / f"{name}.py").write_text(code.lstrip(), encoding="utf-8")
    return folder


def run_example(folder: Path, name: str, *args) -> str:
    result = subprocess.run([sys.executable, f"{name}.py", *map(str, args)], cwd=folder, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def tutorial(emulator, tmp_path, monkeypatch):
    (tmp_path / "examples").mkdir()
    folder = write_examples(tmp_path / "examples", emulator.api_url)
    monkeypatch.syspath_prepend(str(folder))
    for name in EXAMPLES:
        sys.modules.pop(name, None)
    yield folder
    for name in EXAMPLES:
        sys.modules.pop(name, None)


def feature_count(path: Path) -> int:
    from osgeo import ogr

    dataset = ogr.Open(str(path))
    count = dataset.GetLayer(0).GetFeatureCount()
    dataset = None  # noqa: F841 (closes the file)
    return count


def _run_tutorial_flow(emulator, folder: Path, capsys):
    """Login, user, project, AOI, scenario and follow with the tutorial's functions;
    then the tutorial's download script, as a program, with its own command line."""
    import authentication
    import create_aoi
    import create_project
    import create_scenario
    import follow_activity
    import get_user

    token = authentication.login(emulator.email, emulator.password)["access_token"]
    assert get_user.get_user(token)["credits"] > 0
    project_id = create_project.create_project(token, "Tutorial project")
    assert create_aoi.create_aoi(token, project_id, create_aoi.aoi_wkt_geometry)
    scenario_id, activity_id = create_scenario.create_simple_mono_extraction_scenario(token, project_id)
    assert follow_activity.follow_activity(token, project_id, activity_id) is True
    assert "> Activity state: SUCCESSFUL, progress: 100.0" in capsys.readouterr().out
    out = folder.parent / "output"
    printed = run_example(folder, "download", emulator.email, emulator.password, project_id, scenario_id, out)
    assert "Download successful" in printed
    return scenario_id, out


def test_tutorial_scripts_print_what_the_tutorial_says(emulator, tutorial):
    token = run_example(tutorial, "authentication", emulator.email, emulator.password).strip()
    assert token and "Invalid" not in token
    assert "Invalid credentials" in run_example(tutorial, "authentication", emulator.email, "wrong")
    printed = run_example(tutorial, "get_user", emulator.email, emulator.password)
    assert "User id: " in printed and "Remaining credits: " in printed
    printed = run_example(tutorial, "create_scenario", emulator.email, emulator.password)
    assert "The id of the newly created scenario is: " in printed


def test_tutorial_downloads_the_zip(emulator, tutorial, capsys):
    scenario_id, out = _run_tutorial_flow(emulator, tutorial, capsys)
    archive = out / f"{scenario_id}.zip"
    assert os.listdir(out) == [archive.name]
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.testzip() is None
        names = zipped.namelist()
    assert "0/EXPORT/building/shapefile/building.shp" in names
    assert "0/EXPORT/dtm/geotiff/dtm.tif" in names


def test_tutorial_downloads_the_paginated_tree(emulator, tutorial, capsys):
    emulator.configure(zip_max_km2=0, page_size=25)
    _scenario_id, out = _run_tutorial_flow(emulator, tutorial, capsys)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    stats = emulator.stats()
    assert stats["requests"]["download_urls"] > 2  # several pages
    assert stats["storage_requests"] == len(files)
    assert "NextContinuationToken" not in files
    tiles = {name.split("/")[0] for name in files}
    assert tiles == {str(n) for n in range(len(tiles))} and len(tiles) > 1
    for tile in tiles:
        for rel in ("EXPORT/building/shapefile/building.shp", "EXPORT/building/geopackage/building.gpkg",
                    "EXPORT/road/shapefile/road.dbf", "EXPORT/clutter/geotiff/clutter.tif",
                    "EXPORT/tree/3d_tiles/tileset.json"):
            assert f"{tile}/{rel}" in files
    from osgeo import ogr

    dataset = ogr.Open(str(out / "0/EXPORT/building/shapefile/building.shp"))
    layer = dataset.GetLayer(0)
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "3857"
    assert sum(feature_count(out / f"{t}/EXPORT/building/geopackage/building.gpkg") for t in tiles) > 0
