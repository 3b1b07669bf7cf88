"""The one table of BEOD output kinds: what each layer is and how it is shown.

Everything that knows about ``building``, ``tree``, ``road``, ``clutter`` and ``dtm``
(merging, loading, styles, Processing outputs, the emulator's generator) reads it from
here. The module imports nothing from QGIS at import time, so the test emulator can use
the clutter class table and the attribute names without a QGIS installation.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

STYLES_DIR = Path(__file__).resolve().parent / "styles"

#: attribute of the building layer holding the height above ground, in metres
BUILDING_HEIGHT_FIELD = "height"
#: attribute added to every merged vector layer: the tile a feature came from
TILE_FIELD = "tile"
#: folder names of the formats, as the service lays them out under ``EXPORT/<layer>/``
FORMAT_GEOPACKAGE = "geopackage"
FORMAT_SHAPEFILE = "shapefile"
FORMAT_GEOTIFF = "geotiff"
FORMAT_3D_TILES = "3d_tiles"
#: land clutter raster value meaning "no data"
CLUTTER_NODATA = 0


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for the translation tools; it is translated where it is shown."""
    return text


@dataclass(frozen=True)
class ClutterClass:
    """One class of the land clutter raster: pixel value, name (untranslated), colour."""

    code: int
    name: str
    color: str


#: Land clutter classes (pixel value -> name, colour). The emulator generates these
#: codes and the clutter style's legend names them; keep both in step with this table.
CLUTTER_CLASSES: Tuple[ClutterClass, ...] = (
    ClutterClass(1, QT_TRANSLATE_NOOP("BEOD", "Water"), "#4f8fd6"),
    ClutterClass(2, QT_TRANSLATE_NOOP("BEOD", "Bare ground"), "#d8c8a0"),
    ClutterClass(3, QT_TRANSLATE_NOOP("BEOD", "Grassland"), "#b8dc8c"),
    ClutterClass(4, QT_TRANSLATE_NOOP("BEOD", "Cropland"), "#ece27a"),
    ClutterClass(5, QT_TRANSLATE_NOOP("BEOD", "Forest"), "#2f7d32"),
    ClutterClass(6, QT_TRANSLATE_NOOP("BEOD", "Parks and urban trees"), "#7cbf6a"),
    ClutterClass(7, QT_TRANSLATE_NOOP("BEOD", "Low-rise urban"), "#f3b08a"),
    ClutterClass(8, QT_TRANSLATE_NOOP("BEOD", "Dense urban"), "#d6604d"),
    ClutterClass(9, QT_TRANSLATE_NOOP("BEOD", "Industrial and commercial"), "#a39bc9"),
    ClutterClass(10, QT_TRANSLATE_NOOP("BEOD", "Paved and roads"), "#8c8c8c"),
)


@dataclass(frozen=True)
class LayerKind:
    """One output kind of an extraction.

    ``formats`` lists the format folders in order of preference (GeoPackage before
    shapefile) and ``extensions`` the file suffixes that hold the data, in the same order.
    ``order`` is the position in the layer tree: 0 is drawn on top.
    """

    name: str
    title_text: str
    is_raster: bool
    geometry: Optional[str]  # "polygon", "line" or None for rasters
    style: str
    formats: Tuple[str, ...]
    extensions: Tuple[str, ...]
    order: int
    hillshade_style: Optional[str] = None
    stretch_to_data: bool = False

    @property
    def title(self) -> str:
        """The translated layer title shown in the layer tree."""
        from .i18n import tr  # QGIS is imported only when a title is asked for

        return tr(self.title_text)

    @property
    def style_path(self) -> Path:
        return STYLES_DIR / self.style

    @property
    def hillshade_style_path(self) -> Optional[Path]:
        return STYLES_DIR / self.hillshade_style if self.hillshade_style else None


_VECTOR_FORMATS = (FORMAT_GEOPACKAGE, FORMAT_SHAPEFILE)
_VECTOR_EXTENSIONS = (".gpkg", ".shp", ".geojson", ".fgb")
_RASTER_FORMATS = (FORMAT_GEOTIFF,)
_RASTER_EXTENSIONS = (".tif", ".tiff", ".img", ".jp2")

KINDS: Tuple[LayerKind, ...] = (
    LayerKind("building", QT_TRANSLATE_NOOP("BEOD", "Buildings"), False, "polygon", "building.qml",
              _VECTOR_FORMATS, _VECTOR_EXTENSIONS, 0),
    LayerKind("tree", QT_TRANSLATE_NOOP("BEOD", "Trees"), False, "polygon", "tree.qml",
              _VECTOR_FORMATS, _VECTOR_EXTENSIONS, 1),
    LayerKind("road", QT_TRANSLATE_NOOP("BEOD", "Roads"), False, "line", "road.qml",
              _VECTOR_FORMATS, _VECTOR_EXTENSIONS, 2),
    LayerKind("clutter", QT_TRANSLATE_NOOP("BEOD", "Land clutter"), True, None, "clutter.qml",
              _RASTER_FORMATS, _RASTER_EXTENSIONS, 3),
    LayerKind("dtm", QT_TRANSLATE_NOOP("BEOD", "Terrain (DTM)"), True, None, "dtm.qml",
              _RASTER_FORMATS, _RASTER_EXTENSIONS, 4,
              hillshade_style="dtm_hillshade.qml", stretch_to_data=True),
)

KIND_NAMES: Tuple[str, ...] = tuple(kind.name for kind in KINDS)
_BY_NAME = {kind.name: kind for kind in KINDS}


def kind_for(name: str) -> Optional[LayerKind]:
    """The kind called ``name`` (case-insensitive), or None for an unknown layer folder."""
    return _BY_NAME.get(name.lower())


def hillshade_title() -> str:
    """Title of the hillshade layer drawn under the terrain colours."""
    from .i18n import tr

    return tr("Terrain (hillshade)")


def three_d_title(kind_name: str) -> str:
    """Title of a 3D Tiles layer made from the ``kind_name`` output."""
    from .i18n import tr

    kind = kind_for(kind_name)
    return tr("{} (3D)", kind.title if kind else kind_name)


def clutter_class_title(code: int) -> str:
    """The translated name of a clutter class, or its code for an unknown one."""
    from .i18n import tr

    for item in CLUTTER_CLASSES:
        if item.code == code:
            return tr(item.name)
    return tr("Class {}", code)
