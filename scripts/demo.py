"""``make demo``: a full BrightEarth On Demand extraction in headless QGIS, against the emulator.

It goes through the same code as the dock: the credentials are stored in a
(throwaway) QGIS authentication database, an ``ExtractionTask`` runs in the QGIS
task manager (sign in, project, AOI, scenario, follow, download, merge) and its
``finished()`` loads the merged, styled layers into the project. The result is
saved as ``demo-output/beod_demo.qgz`` with a PNG render of the map
(``demo-output/beod_demo.png``) and of its 3D scene (``demo-output/beod_demo_3d.png``,
drawn by the QGIS desktop under Xvfb, where OpenGL is available), and a summary is printed.

Nothing touches the user's QGIS profile: the QGIS settings, profile and auth
database live in a temporary folder removed at the end.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

JOB_NAME = "BEOD demo - Sophia Antipolis"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", default=str(ROOT / "demo-output"), help="output folder (default: demo-output)"
    )
    parser.add_argument(
        "--run-seconds",
        type=float,
        default=float(os.environ.get("BEOD_DEMO_RUN_SECONDS", "8")),
        help="how long the emulated extraction runs (default 8, env BEOD_DEMO_RUN_SECONDS)",
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="give up after this many seconds")
    parser.add_argument("--size", default="1600x1200", help="PNG size, WIDTHxHEIGHT")
    return parser.parse_args(argv)


def isolate_qgis(temp: Path) -> Path:
    """Point QGIS's settings, profile and auth database at ``temp`` (before QgsApplication)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("XDG_RUNTIME_DIR", str(temp / "runtime"))
    (temp / "runtime").mkdir(mode=0o700, exist_ok=True)
    config = temp / "config"
    profile = config / "profiles" / "default"
    profile.mkdir(parents=True, exist_ok=True)
    os.environ["QGIS_CUSTOM_CONFIG_PATH"] = str(config)
    os.environ["QGIS_AUTH_DB_DIR_PATH"] = str(profile)
    return profile


def install_plugin(temp: Path) -> Path:
    """Build the release zip and unzip it, as a user would install it; return the plugins folder."""
    import build_zip

    plugins = temp / "plugins"
    archive = build_zip.build_zip(temp / "dist")
    with zipfile.ZipFile(archive) as handle:
        handle.extractall(plugins)
    sys.path.insert(0, str(plugins))
    os.environ["QGIS_PLUGINPATH"] = str(plugins)
    return plugins


def start_qgis(profile: Path):
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName(QgsApplication.QGIS_ORGANIZATION_NAME)
    QCoreApplication.setOrganizationDomain(QgsApplication.QGIS_ORGANIZATION_DOMAIN)
    QCoreApplication.setApplicationName(QgsApplication.QGIS_APPLICATION_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(profile))
    app = QgsApplication([], False, str(profile))
    app.initQgis()
    return app


def render_png(project, layers, path: Path, size: str, title: str) -> None:
    """A map of ``layers`` (top first) over their extent, with a title and a legend, as a PNG."""
    from beod_qgis.core.results_load import empty_extent
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsLayerTree,
        QgsLayout,
        QgsLayoutExporter,
        QgsLayoutItemLabel,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsLegendStyle,
        QgsProject,
        QgsRectangle,
        QgsTextFormat,
        QgsUnitTypes,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor, QFont

    width, height = (int(part) for part in size.lower().split("x"))
    page_h = 210.0
    page_w = page_h * width / height
    legend_w = 70.0
    mm = QgsUnitTypes.LayoutUnit.LayoutMillimeters

    crs = QgsCoordinateReferenceSystem("EPSG:3857")
    extent = empty_extent()
    # The 3D Tiles (QGIS 3.34+) get an inset map of their own: on the main map their grey meshes
    # would hide the buildings' height colours. Their bounding volumes are loose: the extent is
    # that of the 2D layers.
    three_d = [layer for layer in layers if layer.customProperty("beod/3d")]
    flat = [layer for layer in layers if layer not in three_d]
    for layer in flat:
        if layer.isValid() and not layer.extent().isEmpty():
            transform = QgsCoordinateTransform(layer.crs(), crs, project)
            extent.combineExtentWith(transform.transformBoundingBox(layer.extent()))
    extent.scale(1.05)

    layout = QgsLayout(project)
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(page_w, page_h, mm))

    label = QgsLayoutItemLabel(layout)
    label.setText(title)
    title_font = QFont("Sans", 16, QFont.Weight.Bold)
    if hasattr(label, "setTextFormat"):  # QGIS 3.24+ (setFont is deprecated there)
        label.setTextFormat(QgsTextFormat.fromQFont(title_font))
    else:
        label.setFont(title_font)
    label.attemptMove(QgsLayoutPoint(6, 4, mm))
    label.attemptResize(QgsLayoutSize(page_w - 12, 10, mm))
    layout.addLayoutItem(label)

    map_w, map_h = page_w - legend_w - 8, page_h - 20
    item = QgsLayoutItemMap(layout)
    item.attemptMove(QgsLayoutPoint(4, 16, mm))
    item.attemptResize(QgsLayoutSize(map_w, map_h, mm))
    item.setCrs(crs)
    item.setLayers(flat)
    item.setExtent(extent)
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    item.zoomToExtent(extent)

    if three_d:  # bottom left, where the tutorial's area leaves the map empty
        map_h = item.sizeWithUnits().height()  # setExtent gave the map the extent's proportions
        inset_w, inset_h = map_w * 0.22, map_h * 0.22
        inset = QgsLayoutItemMap(layout)
        inset.attemptMove(QgsLayoutPoint(6, 16 + map_h - inset_h - 2, mm))
        inset.attemptResize(QgsLayoutSize(inset_w, inset_h, mm))
        inset.setCrs(crs)
        inset.setLayers(three_d + [layer for layer in flat if layer.name() == "Area of interest"])
        inset.setFrameEnabled(True)
        inset.setBackgroundColor(QColor("white"))
        layout.addLayoutItem(inset)
        inset_extent = QgsRectangle(extent)
        inset_extent.scale(1.3)  # room for the caption
        inset.zoomToExtent(inset_extent)
        caption = QgsLayoutItemLabel(layout)
        caption.setText("3D Tiles")
        caption_font = QFont("Sans", 8)
        if hasattr(caption, "setTextFormat"):
            caption.setTextFormat(QgsTextFormat.fromQFont(caption_font))
        else:
            caption.setFont(caption_font)
        caption.attemptMove(QgsLayoutPoint(7, 16 + map_h - inset_h - 1.5, mm))
        caption.attemptResize(QgsLayoutSize(inset_w - 2, 4, mm))
        layout.addLayoutItem(caption)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("Legend")
    legend.setAutoUpdateModel(False)
    root = QgsLayerTree()
    project_tree = QgsProject.instance().layerTreeRoot()
    for layer in layers:
        # the project's node carries the plugin's legend choices (no band-name lines)
        node = project_tree.findLayer(layer.id())
        if node is not None:
            root.addChildNode(node.clone())
        else:
            root.addLayer(layer)
    legend.model().setRootGroup(root)
    legend.setLinkedMap(item)
    for style, font in ((QgsLegendStyle.Style.Title, QFont("Sans", 12, QFont.Weight.Bold)),
                        (QgsLegendStyle.Style.Subgroup, QFont("Sans", 10, QFont.Weight.Bold)),
                        (QgsLegendStyle.Style.SymbolLabel, QFont("Sans", 9))):
        if hasattr(QgsLegendStyle, "setTextFormat"):  # QGIS 3.30+ (setStyleFont is deprecated there)
            legend.rstyle(style).setTextFormat(QgsTextFormat.fromQFont(font))
        else:
            legend.setStyleFont(style, font)
    legend.attemptMove(QgsLayoutPoint(page_w - legend_w, 16, mm))
    layout.addLayoutItem(legend)
    legend.adjustBoxSize()
    legend._root = root  # keep the legend's tree alive as long as the layout

    settings = QgsLayoutExporter.ImageExportSettings()
    settings.imageSize = QSize(width, height)
    result = QgsLayoutExporter(layout).exportToImage(str(path), settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(f"the map could not be rendered to {path} (error {result})")


def render_3d(qgz: Path, png: Path, size: str):
    """The project's 3D scene (buildings and trees on the terrain) drawn by the QGIS desktop
    under Xvfb (a headless Qt has no OpenGL). Returns the PNG, or None when not possible."""
    if not (shutil.which("qgis") and shutil.which("xvfb-run")):
        return None
    import desktop_3d

    png.unlink(missing_ok=True)
    report = desktop_3d.render_project(qgz, png, size)
    if not report.get("ok") or not png.exists():
        failed = [step for step in report.get("steps", []) if not step.get("ok")]
        print("The 3D scene could not be drawn: " + json.dumps(failed) + report.get("output", "")[-1500:])
        return None
    return png


def aoi_layer(wkt: str):
    """A memory layer outlining the AOI in red, for the render."""
    from qgis.core import QgsFeature, QgsFillSymbol, QgsGeometry, QgsSingleSymbolRenderer, QgsVectorLayer

    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "Area of interest", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(wkt))
    layer.dataProvider().addFeatures([feature])
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "220,0,0,255", "outline_width": "0.8", "outline_style": "dash"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.updateExtents()
    return layer


@contextlib.contextmanager
def quiet_stderr():
    """Silence the process's stderr (file descriptor 2) for the duration of the block."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def run_demo(args) -> int:
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix="beod-demo-"))
    app = None
    try:
        profile = isolate_qgis(temp)
        install_plugin(temp)
        app = start_qgis(profile)
        return _demo_in_qgis(args, out, temp)
    finally:
        if app is not None:
            app.exitQgis()
        shutil.rmtree(temp, ignore_errors=True)


def _demo_in_qgis(args, out: Path, temp: Path) -> int:
    from beod_qgis.beod.aoi import prepare_aoi
    from beod_qgis.beod.models import ScenarioParams
    from beod_qgis.core import auth, tasks
    from beod_qgis.core.jobs import Job, JobStore
    from beod_qgis.core.settings import Settings
    from qgis.core import QgsApplication, QgsProject

    from tests.emulator.launch import start_emulator
    from tests.emulator.samples import TUTORIAL_AOI

    print(f"QGIS {__import__('qgis.core', fromlist=['Qgis']).Qgis.QGIS_VERSION}, profile in {temp}")
    results_dir = out / "results"
    if results_dir.exists():
        shutil.rmtree(results_dir)
    t0 = time.monotonic()
    with start_emulator(run_seconds=args.run_seconds) as emulator:
        print(f"Emulator of the BEOD API at {emulator.api_url} (extraction runs {args.run_seconds:g} s)")
        # Sign in as the dock does: the server under "Advanced", the credentials in the auth DB.
        with quiet_stderr():  # QGIS's auth manager prints debug lines when a master password is set
            unlocked = auth.use_master_password(secrets.token_urlsafe(16))  # a throwaway auth DB
        if not unlocked:
            print("The throwaway QGIS authentication database could not be unlocked.")
            return 1
        settings = Settings()
        settings.server_url = emulator.api_url
        settings.email = emulator.email
        settings.remember_me = True
        with quiet_stderr():
            settings.authcfg = auth.store_credentials(emulator.email, emulator.password)

        aoi = prepare_aoi(TUTORIAL_AOI)
        print(f"AOI: {aoi.area_km2:.3f} km², {aoi.vertex_count} vertices (the tutorial's, Sophia Antipolis)")
        params = ScenarioParams()
        project = QgsProject.instance()
        project.clear()
        job = Job(
            name=JOB_NAME,
            server=settings.server_url,
            params=params.to_body() if hasattr(params, "to_body") else dict(vars(params)),
            aoi_wkt=aoi.wkt,
            out_dir=str(results_dir),
        )
        store = JobStore(str(temp / "jobs.json"))
        last = {"stage": None}
        finished = {}
        started = []  # the task that starts the run, then the one that downloads it

        def on_stage(_local_id, stage):
            if stage != last["stage"]:
                last["stage"] = stage
                print(f"  [{time.monotonic() - t0:6.1f} s] {tasks.stage_title(stage)}")

        def on_task(new_task):
            started.append(new_task)
            new_task.stageChanged.connect(on_stage)
            new_task.jobFinished.connect(lambda _id, ok, message: finished.update(ok=ok, message=message))

        tasks.TASKS.taskAdded.connect(on_task)
        # On the server the run is followed without a task: its stage is in the job record.
        tasks.TASKS.follower.jobChanged.connect(
            lambda local_id: on_stage(local_id, store.get(local_id).stage))
        tasks.start_extraction(job, iface=None, store=store, project=project)
        if not tasks.TASKS.wait_all(args.timeout):
            print("The extraction did not finish in time; cancelling.")
            tasks.TASKS.cancel_all(for_restart=False)
            tasks.TASKS.wait_all(30)
            return 1
        for _ in range(20):  # let the queued finished signals arrive
            QgsApplication.processEvents()
        record = store.get(job.local_id)
        if not finished.get("ok"):
            print(f"The extraction failed: {finished.get('message') or record.error}")
            return 1

    total = time.monotonic() - t0
    task = started[-1]
    layers = list(task.layers)
    qgz = out / "beod_demo.qgz"
    png = out / "beod_demo.png"
    project.setTitle("BrightEarth On Demand demo - Sophia Antipolis")
    if not project.write(str(qgz)):
        print(f"Could not write {qgz}: {project.error()}")
        return 1
    outline = aoi_layer(aoi.wkt)
    render_png(project, [outline] + layers, png, args.size, project.title())
    png_3d = render_3d(qgz, out / "beod_demo_3d.png", args.size)

    print()
    print(f"Job '{record.name}': {record.state}, project {record.project_id}, scenario {record.scenario_id}")
    print(f"Layers loaded in the group '{JOB_NAME}':")
    for layer in layers:
        if hasattr(layer, "featureCount"):
            detail = f"{layer.featureCount()} features"
        elif hasattr(layer, "width"):
            detail = f"raster {layer.width()} x {layer.height()} px"
        else:
            detail = "3D Tiles"
        print(f"  - {layer.name():<20} {detail:<24} {layer.source().split('|')[0]}")
    for note in task.notes:
        print(f"  note: {note}")
    print("Time per stage:")
    timings = {}
    for one in started:
        for stage, seconds in one.timings.items():
            timings[stage] = timings.get(stage, 0.0) + seconds
    for stage, seconds in timings.items():
        print(f"  {tasks.stage_title(stage):<32} {seconds:7.2f} s")
    print(f"  {'Total':<32} {total:7.2f} s")
    record = store.get(job.local_id)
    if record.credits_before is not None and record.credits_after is not None:
        print(f"Credits: {record.credits_before:,.2f} before, {record.credits_after:,.2f} after")
    print(tasks.credits_text(record) or "Cost: unknown")
    print(f"Project: {qgz}")
    print(f"Map render: {png}")
    print(f"3D render: {png_3d}" if png_3d else "3D render: skipped (needs the qgis and xvfb packages)")
    return 0 if layers else 1


def main(argv=None) -> int:
    return run_demo(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
