"""Layers opened on a worker thread stay usable after that thread has ended: their CRS
still transforms on any other thread (the map renderer's, a background Processing run)."""

import threading

from beod_qgis.core.results import merge_outputs
from beod_qgis.core.results_load import add_layers, adopt_crs_on_main_thread, prepare_layers
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from tests.results_data import build_output

WGS84 = "EPSG:4326"


def _on_a_thread_of_its_own(function):
    """``function()`` run on a new thread, which has ended when this returns."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=function()))
    thread.start()
    thread.join()
    return result["value"]


def _in_lon_lat(layer, project):
    """The centre of ``layer`` in lon/lat, computed on a new thread."""
    def transform():
        to_wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem(layer.crs()),
                                          QgsCoordinateReferenceSystem(WGS84), project.transformContext())
        return to_wgs84.transform(layer.extent().center())
    return _on_a_thread_of_its_own(transform)


def test_layers_prepared_on_an_ended_thread_still_reproject_on_other_threads(qgis_new_project, tmp_path):
    built = build_output(str(tmp_path / "job"), tiles=2)
    merged = merge_outputs(built.out_dir)
    # the worker is the first to meet the results' CRS, as in a session where it is new
    QgsCoordinateReferenceSystem.invalidateCache()

    def prepare():
        layers = prepare_layers(merged)
        for layer in layers:
            layer.moveToThread(QCoreApplication.instance().thread())
        return layers

    ready, ended, holder = threading.Event(), threading.Event(), {}

    def worker():  # a task's thread: prepares the layers, then idles until the pool ends it
        holder["layers"] = prepare()
        ready.set()
        ended.wait()

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    assert ready.wait(60)
    layers = holder["layers"]
    # the main thread adds them while the worker still lives, as the task's finished() does
    adopt_crs_on_main_thread(layers)
    added = add_layers(merged, layers, "Threads", project=qgis_new_project)
    # the 3D views' terrain, opened on the worker too, is in the project but not in the legend
    (elevation,) = [layer for layer in qgis_new_project.mapLayers().values()
                    if layer.name() == "Terrain (3D elevation)"]
    assert elevation.isValid() and elevation not in added
    assert qgis_new_project.layerTreeRoot().findLayer(elevation.id()) is None
    buildings = [layer for layer in layers
                 if isinstance(layer, QgsVectorLayer) and layer.name() == "Buildings"][0]
    assert not buildings.crs().isGeographic()
    ended.set()
    thread.join()  # its PROJ context is gone now

    lon, lat = _in_lon_lat(buildings, qgis_new_project)
    assert -180 <= lon <= 180 and -90 <= lat <= 90, (lon, lat)

    # and a CRS looked up by its code on a new thread transforms too (the AOI of a background run)
    def by_code():
        to_wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3857"),
                                          QgsCoordinateReferenceSystem(WGS84),
                                          QgsProject.instance().transformContext())
        return to_wgs84.transform(775000.0, 5407000.0)
    point = _on_a_thread_of_its_own(by_code)
    assert abs(point.x() - 6.96) < 0.01 and abs(point.y() - 43.62) < 0.01, point
