"""The downloader tells its caller what it will fetch and each file as soon as it is
complete, so the files can be used (merged) while the others still arrive."""

import os

from beod.download import download_scenario
from tests.test_beod_download import finished_scenario


def test_each_file_is_announced_then_reported_once_complete(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, forced_tile_count=3)
    listed, reported = [], []

    def on_file(path):
        # complete on disk when reported: the final name, not a .part
        assert os.path.isfile(path) and not path.endswith(".part")
        reported.append(path)

    result = download_scenario(client, pid, sid, tmp_path, on_listing=listed.extend, on_file=on_file)

    root = os.path.realpath(tmp_path)
    assert sorted(os.path.join(root, *parts) for parts in listed) == sorted(reported)
    assert sorted(reported) == sorted(result.files)
    assert {parts[0] for parts in listed} == {"0", "1", "2"}
    assert all(parts[1] == "EXPORT" for parts in listed)


def test_files_already_on_disk_are_reported_too(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator, zip_max_km2=0, forced_tile_count=2)
    download_scenario(client, pid, sid, tmp_path)
    reported = []

    again = download_scenario(client, pid, sid, tmp_path, on_listing=lambda parts: None,
                              on_file=reported.append)

    assert again.skipped == len(again.files) and sorted(reported) == sorted(again.files)


def test_a_zip_is_not_announced_file_by_file(client, emulator, tmp_path):
    pid, sid = finished_scenario(client, emulator)  # a small AOI: one zip
    listed, reported = [], []

    result = download_scenario(client, pid, sid, tmp_path, on_listing=listed.extend, on_file=reported.append)

    assert result.archive and not listed
