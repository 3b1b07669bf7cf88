"""The "Extraction settings" section: every scenario parameter and the output folder.

Defaults are those of the BEOD tutorial; the last choices are remembered in the
plugin settings and restored when the dock opens again.
"""

import time
from typing import Any, Dict

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtWidgets import QFileDialog

from ..beod.models import ScenarioParams
from ..core.i18n import tr
from ..core.settings import default_output_folder


def three_d_supported() -> bool:
    """Whether the running QGIS can show the 3D Tiles of a run (it has tiled-scene layers)."""
    from ..core.results_load import tiled_scenes_supported

    return tiled_scenes_supported()

# The tutorial's defaults, as the client defines them (the name is chosen per run).
DEFAULTS: Dict[str, Any] = {key: value for key, value in ScenarioParams().to_body().items() if key != "name"}
SOURCE_TYPES = ("basemap",)


def _split(value) -> list:
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if str(item).strip()]
    return [part.strip() for part in str(value or "").split(",") if part.strip()]


class SettingsPanel(QObject):
    """Reads and writes the scenario parameters of the dock form."""

    def __init__(self, form, settings, parent=None):
        super().__init__(parent)
        self.form = form
        self.settings = settings
        for value in SOURCE_TYPES:
            form.sourceTypeCombo.addItem(value)
        form.crsCombo.addItem(tr("EPSG:3857 (Web Mercator)"), 3857)
        form.crsCombo.addItem(tr("EPSG:4326 (WGS 84)"), 4326)
        form.nameEdit.setPlaceholderText(tr("Extraction {}", time.strftime("%Y-%m-%d")))
        form.browseButton.clicked.connect(self.browse)
        self.load(settings.last_params)
        form.folderEdit.setText(settings.output_folder)
        self._default_folder = default_output_folder()
        QgsProject.instance().homePathChanged.connect(self._project_moved)
        # Every change is kept at once, so the choices survive closing QGIS without a run.
        for box in (form.augmentedCheck, form.shapefileCheck, form.geopackageCheck, form.geotiffCheck,
                    form.threeDCheck):
            box.toggled.connect(self.remember)
        form.crsCombo.currentIndexChanged.connect(self.remember)
        form.sourceTypeCombo.currentTextChanged.connect(self.remember)
        form.sourceIdSpin.valueChanged.connect(self.remember)
        form.modelsEdit.editingFinished.connect(self.remember)
        form.folderEdit.editingFinished.connect(self.remember)

    def load(self, params: Dict[str, Any]) -> None:
        """Show ``params`` (missing keys take the tutorial defaults)."""
        values = dict(DEFAULTS)
        # 3D Tiles only by default where this QGIS can show them (files nobody can open
        # here cost the same and end every run with a warning).
        values["three_d_formats"] = DEFAULTS["three_d_formats"] if three_d_supported() else ""
        values.update({key: value for key, value in (params or {}).items() if key in DEFAULTS})
        form = self.form
        form.sourceTypeCombo.setCurrentText(str(values["source_image_type"]))
        try:
            form.sourceIdSpin.setValue(int(values["source_image_id"]))
        except (TypeError, ValueError):
            form.sourceIdSpin.setValue(1)
        form.augmentedCheck.setChecked(bool(values["augmented"]))
        crs = str(values["output_crs"])
        index = form.crsCombo.findData(int(crs) if crs.isdigit() else 3857)
        form.crsCombo.setCurrentIndex(max(0, index))
        vectors = _split(values["vector_formats"])
        form.shapefileCheck.setChecked("shapefile" in vectors)
        form.geopackageCheck.setChecked("geopackage" in vectors)
        form.geotiffCheck.setChecked("geotiff" in _split(values["raster_formats"]))
        form.threeDCheck.setChecked("3d_tiles" in _split(values["three_d_formats"]))
        form.modelsEdit.setText(", ".join(_split(values["dl_models"])))

    def params(self, name: str = "") -> Dict[str, Any]:
        """The scenario body (``ScenarioParams.from_dict`` input) for an extraction called ``name``."""
        form = self.form
        boxes = (("shapefile", form.shapefileCheck), ("geopackage", form.geopackageCheck))
        vectors = [fmt for fmt, box in boxes if box.isChecked()]
        return {
            "name": name or self.default_name(),
            "source_image_type": form.sourceTypeCombo.currentText().strip() or "basemap",
            "source_image_id": form.sourceIdSpin.value(),
            "augmented": form.augmentedCheck.isChecked(),
            "output_crs": int(form.crsCombo.currentData() or 3857),
            "vector_formats": ",".join(vectors),
            "raster_formats": "geotiff" if form.geotiffCheck.isChecked() else "",
            "three_d_formats": "3d_tiles" if form.threeDCheck.isChecked() else "",
            "dl_models": _split(form.modelsEdit.text()),
        }

    def name(self) -> str:
        return self.form.nameEdit.text().strip() or self.default_name()

    def default_name(self) -> str:
        return tr("Extraction {}", time.strftime("%Y-%m-%d %H:%M"))

    def three_d_note(self) -> str:
        """A warning when 3D Tiles are asked for but this QGIS cannot show them."""
        if not self.form.threeDCheck.isChecked() or three_d_supported():
            return ""
        if self.params()["vector_formats"] or self.params()["raster_formats"]:
            return tr("3D Tiles will only be saved to disk: this QGIS cannot show them (QGIS 3.34 or newer "
                      "can).")
        return tr("Only 3D Tiles are chosen, and this QGIS cannot show them (QGIS 3.34 or newer can): "
                  "the run will be charged and add nothing to the map; its files are saved to disk.")

    def output_folder(self) -> str:
        return self.form.folderEdit.text().strip()

    def problem(self) -> str:
        """Why these settings cannot run (empty when they can)."""
        form = self.form
        if not (form.shapefileCheck.isChecked() or form.geopackageCheck.isChecked()
                or form.geotiffCheck.isChecked() or form.threeDCheck.isChecked()):
            return tr("Choose at least one output format in Extraction settings.")
        if not self.output_folder():
            return tr("Choose the folder where the results are saved (Extraction settings > Save to).")
        return ""

    def remember(self, *_changed) -> None:
        """Keep the current choices for the next session."""
        params = self.params()
        params.pop("name", None)
        self.settings.last_params = params
        folder = self.output_folder()
        self.settings.output_folder = folder if folder and folder != default_output_folder() else None

    def cleanup(self) -> None:
        try:
            QgsProject.instance().homePathChanged.disconnect(self._project_moved)
        except TypeError:
            pass

    def _project_moved(self) -> None:
        """The default folder follows the project (next to it once it is saved)."""
        shown = self.form.folderEdit.text().strip()
        if shown == self._default_folder:
            self._default_folder = default_output_folder()
            self.form.folderEdit.setText(self._default_folder)

    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.form.browseButton, tr("Folder for the extraction results"), self.output_folder()
        )
        if folder:
            self.form.folderEdit.setText(folder)
            self.remember()
