"""The "3D" button of the dock's Jobs list, headless: on finished jobs only, and a clear
message when the results are not in the project or QGIS has no 3D views.

The 3D view itself needs the desktop and OpenGL: ``tests/test_desktop_3d.py``.
"""

from types import SimpleNamespace

import pytest
from beod_qgis.core import jobs as jobs_module
from beod_qgis.core.results import load_results, merge_outputs
from beod_qgis.core.tasks import TaskRegistry
from beod_qgis.ui import view3d
from beod_qgis.ui.jobs_panel import COL_CANCEL, JobsPanel
from qgis.core import Qgis
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QTreeWidget

from tests.results_data import build_output


@pytest.fixture
def panel(qgis_app, qgis_iface, tmp_path, monkeypatch):
    import qgis.utils

    monkeypatch.setattr(qgis.utils, "iface", qgis_iface)  # as in QGIS, where the button finds it
    store = jobs_module.JobStore(str(tmp_path / "jobs.json"))
    form = SimpleNamespace(jobsTree=QTreeWidget())
    jobs_panel = JobsPanel(form, store=store, registry=TaskRegistry())
    yield jobs_panel, store
    jobs_panel.cleanup()


def _job(store, name, state, out_dir):
    job = jobs_module.Job(name=name, server="http://127.0.0.1:9", params={}, aoi_wkt="", out_dir=out_dir)
    store.add(job)
    store.update(job.local_id, state=state)
    return job


def _button(jobs_panel, job):
    return jobs_panel.tree.itemWidget(jobs_panel._items[job.local_id], COL_CANCEL)


def _messages(iface):
    """(text, level) of what the message bar showed (the test interface records them)."""
    bar = iface.messageBar()
    return [(text, level) for level in (Qgis.MessageLevel.Info, Qgis.MessageLevel.Warning,
                                        Qgis.MessageLevel.Critical) for text in bar.get_messages(level)]


def test_only_finished_jobs_have_a_3d_button(panel, tmp_path):
    jobs_panel, store = panel
    done = _job(store, "Done run", jobs_module.SUCCEEDED, str(tmp_path / "done"))
    failed = _job(store, "Failed run", jobs_module.FAILED, str(tmp_path / "failed"))
    jobs_panel.refresh()

    button = _button(jobs_panel, done)
    assert button is not None and button.text() == "3D" and "3D" in button.toolTip()
    assert _button(jobs_panel, failed) is None


def test_3d_without_the_results_in_the_project_says_so(panel, qgis_iface, qgis_new_project, tmp_path):
    jobs_panel, store = panel
    job = _job(store, "Not loaded", jobs_module.SUCCEEDED, str(tmp_path / "nowhere"))
    jobs_panel.refresh()
    qgis_iface.messageBar().clear_messages()

    QTest.mouseClick(_button(jobs_panel, job), Qt.MouseButton.LeftButton)

    texts = [text for text, level in _messages(qgis_iface) if level == Qgis.MessageLevel.Warning]
    assert any("not in the project" in text and "Not loaded" in text for text in texts), texts


def test_3d_finds_the_results_group_by_its_folder(panel, qgis_iface, qgis_new_project, tmp_path):
    """Results loaded under another group name are still found (by their output folder);
    the headless test interface has no 3D view action, which the user is told."""
    jobs_panel, store = panel
    built = build_output(str(tmp_path / "job"), tiles=2)
    load_results(merge_outputs(built.out_dir), "Renamed group", project=qgis_new_project)
    job = _job(store, "Loaded run", jobs_module.SUCCEEDED, built.out_dir)
    jobs_panel.refresh()
    qgis_iface.messageBar().clear_messages()

    group = view3d.results_3d.find_group(qgis_new_project, built.out_dir, job.name)
    assert group is not None and group.name() == "Renamed group"
    QTest.mouseClick(_button(jobs_panel, job), Qt.MouseButton.LeftButton)

    texts = [text for text, _ in _messages(qgis_iface)]
    assert not any("not in the project" in text for text in texts)
    assert any("3D map views" in text for text in texts), texts


def test_the_3d_button_menu_chooses_what_the_view_shows_and_remembers_it(panel, monkeypatch, tmp_path):
    """QGIS >= 3.34: the button's menu offers the extrusions, the server's 3D Tiles or both;
    a choice opens the view in that mode and is remembered (checked in the next menu).
    Before 3.34 there are no 3D Tiles to offer: a plain button."""
    jobs_panel, store = panel
    shown = []
    monkeypatch.setattr(view3d, "show_results_in_3d",
                        lambda iface, out_dir=None, name=None, mode=None: shown.append((name, mode)))
    view3d.results_3d.remember_mode(view3d.results_3d.MODE_EXTRUSIONS)
    job = _job(store, "Menu run", jobs_module.SUCCEEDED, str(tmp_path / "menu"))
    jobs_panel.refresh()
    button = _button(jobs_panel, job)
    if not view3d.tiled_scenes_supported():
        assert button.menu() is None
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert shown == [("Menu run", None)]
        return
    titles = view3d.mode_titles()
    entries = {action.text(): action for action in button.menu().actions()}
    assert set(entries) == set(titles.values())
    assert [text for text, action in entries.items() if action.isChecked()] == [
        titles[view3d.results_3d.MODE_EXTRUSIONS]]

    entries[titles[view3d.results_3d.MODE_TILES]].trigger()

    assert shown == [("Menu run", view3d.results_3d.MODE_TILES)]
    assert view3d.results_3d.remembered_mode() == view3d.results_3d.MODE_TILES
    assert [text for text, action in entries.items() if action.isChecked()] == [
        titles[view3d.results_3d.MODE_TILES]]  # one choice at a time
    jobs_panel.refresh()  # the rows are rebuilt: the new menu checks the remembered choice
    menu = _button(jobs_panel, job).menu()
    assert [action.text() for action in menu.actions() if action.isChecked()] == [
        titles[view3d.results_3d.MODE_TILES]]
    view3d.results_3d.remember_mode(view3d.results_3d.MODE_EXTRUSIONS)
