"""Quit QGIS during a run, start it again, find the results in the original project.

Run by ``tests/test_desktop_resume.py`` in the real QGIS desktop under Xvfb, three times
on the same profile; ``BEOD_RESUME_PHASE`` says which part this start plays and
``BEOD_RESUME_ANSWER`` (``yes``/``no``) how QGIS's "Active Tasks" question is answered:

* ``start``: save a project, open the dock, sign in (remember me), take the map extent as
  the area, Run, and close the main window while the job is "Extracting on the server";
* ``resume``: QGIS starts again and the plugin follows the run by itself; the user opens
  the original project; while the results download the main window is closed and QGIS's
  question answered (Yes: the tasks are cancelled and the window closed again; No: QGIS
  stays open, the results load into the project, and the save question gets Save);
* ``check``: QGIS starts again; when the results are ready the user clicks the message
  bar's button that opens the original project; the layers are checked and the project
  saved.

As ``startup.py`` (before the plugins load) it unlocks the throwaway profile's
authentication database, as a user typing the master password would. Every step and
every dialog QGIS showed is appended to ``$BEOD_CHECK_DIR/<phase>.json``.
"""

import json
import os
import traceback
from pathlib import Path

PLUGIN = "beod_qgis"
MENU_TITLE = "&BrightEarth On Demand"
RUN_NAME = "Left running"
OUT = Path(os.environ.get("BEOD_CHECK_DIR", "."))
PHASE = os.environ.get("BEOD_RESUME_PHASE", "start")
ANSWER = os.environ.get("BEOD_RESUME_ANSWER", "yes")
MASTER = "throwaway-profile-master"  # pragma: allowlist secret
_KEEP = []


def unlock_auth_db() -> None:
    from qgis.core import QgsApplication

    QgsApplication.authManager().setMasterPassword(MASTER, True)


class Check:
    def __init__(self):
        from qgis.utils import iface

        self.iface = iface
        self.result = {"phase": PHASE, "answer": ANSWER, "steps": [], "dialogs": []}
        self.project_file = str(OUT / "original.qgz")
        self.waited = 0
        self.closing = False

    # -- helpers ------------------------------------------------------------------------------
    def note(self, step, **details):
        self.result["steps"].append({"step": step, **details})
        self.save()

    def save(self):
        (OUT / f"{PHASE}.json").write_text(json.dumps(self.result, indent=1, default=str), encoding="utf-8")

    def later(self, msec, slot):
        from qgis.PyQt.QtCore import QTimer

        def guarded():
            try:
                slot()
            except Exception:  # noqa: BLE001 - any failure ends QGIS with a report
                self.note("exception", error=traceback.format_exc())
                self.quit()

        QTimer.singleShot(msec, guarded)

    def quit(self):
        from qgis.core import QgsApplication

        self.save()
        QgsApplication.instance().exit(0)

    def click(self, widget):
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtTest import QTest

        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def modules(self):
        import sys

        return sys.modules[PLUGIN + ".core.jobs"], sys.modules[PLUGIN + ".core.tasks"]

    def job(self):
        jobs, _tasks = self.modules()
        return next((job for job in jobs.default_store().all() if job.name == RUN_NAME), None)

    def wait(self, predicate, then, what, limit_s=240):
        def poll():
            if predicate():
                self.waited = 0
                then()
                return
            self.waited += 1
            if self.waited > limit_s * 2:
                job = self.job()
                self.note("timeout", waiting_for=what, job=job.to_dict() if job else None)
                self.quit()
                return
            self.later(500, poll)

        self.waited = 0
        poll()

    def open_dock(self):
        import qgis.utils

        for action in self.iface.webMenu().actions():
            if action.menu() is not None and action.text() == MENU_TITLE:
                next(iter(action.menu().actions())).trigger()
        return qgis.utils.plugins[PLUGIN].dock

    # -- QGIS's dialogs, answered like a user ------------------------------------------------------
    def watch_dialogs(self):
        from qgis.PyQt.QtCore import QTimer
        from qgis.PyQt.QtWidgets import QApplication, QMessageBox

        def look():
            for widget in QApplication.topLevelWidgets():
                if not isinstance(widget, QMessageBox) or not widget.isVisible():
                    continue
                title, text = widget.windowTitle(), widget.text()
                if "Active Tasks" in title:
                    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
                    which = yes if ANSWER == "yes" else no
                elif "temporary layers" in text:  # files under the temporary folder: go on closing
                    which = QMessageBox.StandardButton.Yes
                else:  # saving the project before closing
                    which = QMessageBox.StandardButton.Save
                button = widget.button(which)
                self.result["dialogs"].append({"title": title, "text": text, "answer": button.text()
                                               if button is not None else None})
                self.save()
                if button is not None:
                    button.click()
                else:
                    widget.reject()
                if "Active Tasks" in title and ANSWER == "yes":
                    self.later(3000, self.close_window)  # QGIS stays open after cancelling: close again

        timer = QTimer()
        timer.setInterval(200)
        timer.timeout.connect(look)
        timer.start()
        _KEEP.append(timer)

    def close_window(self):
        self.note("closing the main window", job=(self.job().to_dict() if self.job() else None))
        self.iface.mainWindow().close()

    # -- phase "start" ------------------------------------------------------------------------
    def start(self):
        from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

        window = self.iface.mainWindow()
        window.move(0, 0)
        window.resize(1280, 800)
        self.watch_dialogs()
        if PHASE == "start":
            path = os.path.join(QgsApplication.pkgDataPath(), "resources", "data", "world_map.gpkg")
            layer = QgsVectorLayer(f"{path}|layername=countries", "Countries", "ogr")
            QgsProject.instance().addMapLayer(layer)
            QgsProject.instance().write(self.project_file)
            self.note("project saved", file=self.project_file, ok=os.path.exists(self.project_file))
            self.later(1000, self.sign_in)
        elif PHASE == "resume":
            job = self.job()
            self.note("started again", job=job.to_dict() if job else None)
            self.iface.addProject(self.project_file)  # the analyst opens their project
            self.note("project opened", file=QgsProject.instance().absoluteFilePath())
            self.wait(lambda: getattr(self.job(), "stage", "") == "download",
                      self.close_during_download, "the download")
        else:
            job = self.job()
            self.note("started again", job=job.to_dict() if job else None)
            jobs, _tasks = self.modules()
            ready = (jobs.SUCCEEDED, jobs.WAITING_PROJECT)
            self.wait(lambda: self.job().state in ready or self.job().waiting in ready,
                      self.open_original, "the results")

    def sign_in(self):
        from qgis.core import QgsRectangle

        dock = self.open_dock()
        form = dock.form
        form.advancedGroup.setCollapsed(False)
        form.serverUrlEdit.setText(os.environ["BEOD_RESUME_URL"])
        form.serverUrlEdit.editingFinished.emit()
        form.emailEdit.setText(os.environ["BEOD_RESUME_EMAIL"])
        form.passwordEdit.setText(os.environ["BEOD_RESUME_PASSWORD"])
        form.rememberCheck.setChecked(True)
        self.click(form.signInButton)
        canvas = self.iface.mapCanvas()
        canvas.setDestinationCrs(canvas.mapSettings().destinationCrs())
        canvas.setExtent(QgsRectangle(6.950, 43.606, 6.955, 43.610))
        canvas.refresh()
        self.wait(lambda: dock.account.signed_in, lambda: self.run(dock), "signing in", 60)

    def run(self, dock):
        form = dock.form
        self.click(form.extentButton)
        form.nameEdit.setText(RUN_NAME)
        form.folderEdit.setText(str(OUT / "results"))
        self.note("area", info=form.aoiInfoLabel.text())
        self.click(form.runButton)
        self.note("run clicked", message=form.runLabel.text())
        self.wait(lambda: self.job() is not None and self.job().stage == "running" and self.job().has_ids,
                  self.close_on_server, "Extracting on the server", 60)

    def close_on_server(self):
        from qgis.core import QgsApplication

        active = [task.description() for task in QgsApplication.taskManager().activeTasks()]
        self.note("on the server", job=self.job().to_dict(), active_tasks=active,
                  jobs_row=self.jobs_row())
        self.close_window()

    def jobs_row(self):
        import qgis.utils

        dock = qgis.utils.plugins[PLUGIN].dock
        if dock is None:
            return None
        dock.jobs.refresh()
        tree = dock.form.jobsTree
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            if item.text(0) == RUN_NAME:
                button = tree.itemWidget(item, 4)
                return [item.text(1), button.text() if button is not None else ""]
        return None

    # -- phase "resume" -----------------------------------------------------------------------
    def close_during_download(self):
        from qgis.core import QgsApplication

        active = [task.description() for task in QgsApplication.taskManager().activeTasks()]
        self.note("downloading", job=self.job().to_dict(), active_tasks=active)
        if ANSWER == "no":
            jobs, _tasks = self.modules()
            # QGIS stays open: the run finishes, then the user closes QGIS (and saves).
            self.later(100, self.close_window)
            self.later(600, lambda: self.wait(lambda: self.job().state == jobs.SUCCEEDED,
                                              self.after_success, "the end of the run"))
        else:
            self.later(100, self.close_window)

    def after_success(self):
        self.note("finished while QGIS stayed open", job=self.job().to_dict(), groups=self.groups())
        self.later(500, self.close_window)

    # -- phase "check" ------------------------------------------------------------------------
    def open_original(self):
        from qgis.core import QgsProject
        from qgis.PyQt.QtWidgets import QPushButton

        job = self.job()
        self.note("results ready", job=job.to_dict(), project=QgsProject.instance().absoluteFilePath(),
                  jobs_row=self.jobs_row())
        name = os.path.basename(self.project_file)
        buttons = [button for item in self.iface.messageBar().items()
                   for button in item.findChildren(QPushButton)]
        self.note("message bar", buttons=[button.text() for button in buttons])
        opener = next((button for button in buttons if button.text() == f"Open {name}"), None)
        if opener is not None:
            self.click(opener)  # the message bar's "Open original.qgz"
        else:
            self.iface.addProject(self.project_file)  # the run had finished in the original project
        self.later(2000, self.check_layers)

    def groups(self):
        from qgis.core import QgsProject, QgsVectorLayer

        found = {}
        for group in QgsProject.instance().layerTreeRoot().findGroups():
            layers = [node.layer() for node in group.findLayers()]
            found[group.name()] = {layer.name(): (layer.featureCount() if isinstance(layer, QgsVectorLayer)
                                                  else -1) for layer in layers if layer is not None}
        return found

    def check_layers(self):

        jobs, _tasks = self.modules()
        self.wait(lambda: self.job().state == jobs.SUCCEEDED and RUN_NAME in self.groups(),
                  self.finish_check, "the layers in the original project", 120)

    def finish_check(self):
        from qgis.core import QgsProject

        project = QgsProject.instance()
        self.note("original project", file=project.absoluteFilePath(), groups=self.groups(),
                  job=self.job().to_dict(), jobs_row=self.jobs_row())
        self.iface.mainWindow().grab().save(str(OUT / f"check-{ANSWER}.png"))
        project.write()
        self.note("saved", ok=True)
        self.quit()


def main():
    check = Check()
    _KEEP.append(check)
    check.later(3000, check.start)


if __name__ == "startup":
    unlock_auth_db()
elif __name__ == "__main__":
    main()
