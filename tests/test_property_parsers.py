"""Property-based tests (hypothesis) of the AOI parsing and of every parser of server
answers: whatever the input, each either returns a well-formed result or raises the
client's own error (``BeodError``) with a message; never a bare ``ValueError``,
``KeyError``, ``TypeError``, ``RecursionError``..."""

import json
import math

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beod import errors
from beod.aoi import prepare_aoi
from beod.client import _items, check_redirect, error_from_response, parse_retry_after
from beod.download import (
    _CONTENT_RANGE,
    _UNSATISFIED_RANGE,
    UnsafeUrlError,
    check_download_url,
    check_name,
    flatten_listing,
)
from beod.errors import BeodError, details_text
from beod.models import Activity, Asset, Project, Scenario, Tokens, User, require_id
from beod.redact import redact

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any JSON value, nested a few levels, with NaN and infinities (Python's json accepts them).
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2 ** 70), max_value=2 ** 70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children,
                                                                       max_size=6),
    max_leaves=25)
FIELD_NAMES = ["id", "project_id", "scenario_id", "activity_id", "asset_id", "user_id", "state", "status",
               "progress", "details", "misc", "name", "type", "credits", "email", "access_token",
               "refresh_token", "expires_in", "token_type", "geometry", "creation_date", "detail", "loc",
               "msg", "message", "error"]
OBJECTS = st.dictionaries(st.sampled_from(FIELD_NAMES), JSON, max_size=10)
ANSWERS = OBJECTS | JSON


def _ok_or_beod(function, *args):
    try:
        return function(*args)
    except BeodError as exc:
        assert str(exc).strip(), "an error without a message"
        return None


@SETTINGS
@given(ANSWERS)
def test_activity_answers(data):
    activity = _ok_or_beod(Activity.from_dict, data)
    if activity is not None:
        assert math.isfinite(activity.progress) and 0.0 <= activity.progress <= 100.0
        assert isinstance(activity.state, str) and isinstance(activity.misc, dict)
        assert isinstance(activity.is_terminal, bool)
        f"{activity.progress:.1f}"  # what the command line prints


@SETTINGS
@given(ANSWERS, st.sampled_from([User, Project, Asset, Scenario]))
def test_account_project_asset_scenario_answers(data, model):
    item = _ok_or_beod(model.from_dict, data)
    if item is not None:
        repr(item)
        if isinstance(item, User):
            assert item.credits is None or math.isfinite(item.credits)
        if isinstance(item, Asset):
            assert isinstance(item.is_aoi, bool)


@SETTINGS
@given(ANSWERS)
def test_sign_in_answers(data):
    tokens = _ok_or_beod(Tokens.from_dict, data)
    if tokens is not None:
        assert tokens.access_token and math.isfinite(tokens.expires_in) and tokens.expires_in > 0
        assert isinstance(tokens.expires_within(60.0), bool)


@SETTINGS
@given(ANSWERS, st.sampled_from(["project_id", "scenario_id", "activity_id", "asset_id"]))
def test_created_ids(data, key):
    value = _ok_or_beod(require_id, data, key, "Creating")
    assert value is None or isinstance(value, int)


@SETTINGS
@given(JSON)
def test_server_details(details):
    text = details_text(details)
    assert isinstance(text, str) and len(text) <= 1003
    for kind in (errors.InvalidRequestError, errors.ScenarioFailedError, errors.InsufficientCreditsError):
        assert str(kind("Refused.", details=details))


def _response(status, body: bytes, headers=None):
    response = requests.Response()
    response.status_code = status
    response._content = body
    response._content_consumed = True
    response.headers.update(headers or {})
    response.encoding = "utf-8"
    return response


@SETTINGS
@given(st.integers(min_value=300, max_value=599), ANSWERS | st.binary(max_size=200))
def test_error_answers(status, body):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    error = error_from_response(_response(status, raw), "Doing something")
    assert isinstance(error, BeodError) and str(error).strip()


@SETTINGS
@given(JSON)
def test_list_answers(body):
    assert isinstance(_items(body, "projects", "items"), list)


@SETTINGS
@given(st.text(max_size=40) | st.none())
def test_retry_after_headers(value):
    delay = parse_retry_after(value, 1.5)
    assert delay >= 0.0


LISTING_NAMES = st.text(max_size=12) | st.sampled_from(["..", ".", "0", "EXPORT", "a/b", "CON", "x.shp"])
LISTINGS = st.recursive(
    st.text(max_size=20) | st.integers() | st.none(),
    lambda children: st.dictionaries(LISTING_NAMES, children, max_size=5), max_leaves=20)


@SETTINGS
@given(st.dictionaries(LISTING_NAMES, LISTINGS, max_size=6))
def test_download_listings(page):
    files = _ok_or_beod(flatten_listing, page)
    for item in files or []:
        assert all(check_name(part) == part for part in item.parts)
        assert isinstance(item.url, str)


@SETTINGS
@given(st.text(max_size=300))
def test_file_names(name):
    result = _ok_or_beod(check_name, name)
    if result is not None:
        assert "/" not in result and "\\" not in result and result not in (".", "..")


@SETTINGS
@given(st.text(max_size=60), st.sampled_from(["https://api.example/a", "http://127.0.0.1:9/a"]))
def test_redirect_targets(target, source):
    absolute = _ok_or_beod(check_redirect, source, target)
    if absolute is not None:
        assert absolute.startswith(("http://", "https://"))
        assert not (source.startswith("https:") and absolute.startswith("http:"))


@SETTINGS
@given(st.text(max_size=80) | st.builds(lambda s, h, p: f"{s}://{h}/{p}",
                                        st.sampled_from(["http", "https", "file", "ftp", "HTTPS"]),
                                        st.sampled_from(["169.254.169.254", "[fe80::1]", "127.0.0.1",
                                                         "example.com", "[::1]", "10.0.0.1", ""]),
                                        st.text(max_size=10)))
def test_download_urls(url):
    try:
        check_download_url(url)
    except UnsafeUrlError:
        return
    lowered = url.lower()
    assert lowered.startswith("https://") or lowered.startswith("http://127.") or \
        lowered.startswith("http://[::1]") or lowered.startswith("http://localhost")
    assert "169.254." not in lowered.split("/")[2] and "fe80" not in lowered.split("/")[2]


@SETTINGS
@given(st.text(max_size=60))
def test_content_range_headers(header):
    for pattern in (_CONTENT_RANGE, _UNSATISFIED_RANGE):
        match = pattern.search(header)
        if match:
            int(match.group(1))


# -- the AOI --------------------------------------------------------------------------------------
COORD = st.floats(min_value=-200, max_value=200) | st.sampled_from([math.nan, math.inf, -math.inf, 1e300])
RINGS = st.lists(st.tuples(COORD, COORD), min_size=0, max_size=8)


def _wkt(ring):
    return "POLYGON ((" + ", ".join(f"{x!r} {y!r}" for x, y in ring) + "))"


def _check_prepared(prepared):
    assert prepared.wkt.startswith("POLYGON")
    assert prepared.area_km2 > 0 and math.isfinite(prepared.area_km2)
    assert prepared.geometry.is_valid
    minx, miny, maxx, maxy = prepared.geometry.bounds
    assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


@SETTINGS
@given(RINGS)
def test_aoi_from_wkt(ring):
    prepared = _ok_or_beod(prepare_aoi, _wkt(ring))
    if prepared is not None:
        _check_prepared(prepared)


@SETTINGS
@given(RINGS, st.sampled_from(["geometry", "feature", "collection"]))
def test_aoi_from_geojson(ring, shape):
    geometry = {"type": "Polygon", "coordinates": [[list(point) for point in ring]]}
    data = {"geometry": geometry, "feature": {"type": "Feature", "geometry": geometry, "properties": {}},
            "collection": {"type": "FeatureCollection",
                           "features": [{"type": "Feature", "geometry": geometry}]}}[shape]
    for source in (data, json.dumps(data)):
        prepared = _ok_or_beod(prepare_aoi, source)
        if prepared is not None:
            _check_prepared(prepared)


@SETTINGS
@given(st.text(max_size=200) | JSON)
def test_aoi_from_anything(source):
    prepared = _ok_or_beod(prepare_aoi, source)
    if prepared is not None:
        _check_prepared(prepared)


@pytest.mark.parametrize("text, problem", [
    ("{}", "GeoJSON"), ("", "empty"), ("POINT (1 2)", "must be a polygon"),
    ('{"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [0, NaN], [0, 0]]]}', "not numbers"),
])
def test_aoi_examples_are_explained(text, problem):
    with pytest.raises(errors.AoiError, match=problem):
        prepare_aoi(text)
    assert prepare_aoi("POLYGON ((0 0, 0.01 0, 0.01 0.01, 0 0))").area_km2 > 0


@SETTINGS
@given(st.text(max_size=500))
def test_redact_keeps_no_query_string(text):
    shown = redact(text)
    assert isinstance(shown, str)
    assert "X-Amz-Signature=" not in redact(f"see https://s.example/k?X-Amz-Signature={text[:20]}abc")


def test_non_ascii_wkt_is_refused_with_a_message(recwarn):
    with pytest.raises(errors.AoiError, match="characters other than"):
        prepare_aoi("POLYGON ((0 0, 1 0, 1 1, 0 0)) é")
    assert not [w for w in recwarn if "Unraisable" in type(w.message).__name__]
