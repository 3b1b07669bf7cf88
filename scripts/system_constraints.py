"""Print pip constraints pinning the Debian-provided numpy, shapely and GDAL.

The development virtual environment sees the system site-packages; these
constraints keep pip from ever installing another version of them.
"""

import importlib.metadata

for dist in ("numpy", "shapely", "GDAL"):
    try:
        print(f"{dist}=={importlib.metadata.version(dist)}")
    except importlib.metadata.PackageNotFoundError:
        pass
