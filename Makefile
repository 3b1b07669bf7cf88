# The interface of the project: `make demo` (the main job) and `make test`.
# Every target installs what it needs on first use and is quick afterwards.

SHELL := /bin/bash
SYSPY := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
APT_PACKAGES := qgis python3-qgis python3-shapely python3-gdal python3-requests python3-cryptography python3-venv \
	gdal-bin xvfb xauth curl zip unzip qttools5-dev-tools
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: all deps venv test lint unit test-qgis chroot-qgis zip demo qgis emulator bench-download bench-scale clean translations

all: test

# -- set-up ------------------------------------------------------------------
.deps.stamp: Makefile
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@touch $@

deps: .deps.stamp

$(VENV)/.stamp: requirements-dev.txt .deps.stamp
	@test -x $(PY) || $(SYSPY) -m venv --system-site-packages $(VENV)
	@# Pin what Debian provides so pip never replaces numpy, shapely or GDAL.
	@$(SYSPY) scripts/system_constraints.py > $(VENV)/constraints.txt
	$(PY) -m pip install -q --disable-pip-version-check -c $(VENV)/constraints.txt -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.stamp

# -- tests -------------------------------------------------------------------
lint: venv
	$(PY) scripts/lint.py

unit: venv
	$(PY) -m pytest

test: venv
	$(PY) scripts/lint.py
	$(PY) -m pytest
	$(MAKE) test-qgis QGIS=3.40

# The whole suite on another QGIS release (3.40 LTR: Debian trixie, 3.44: Debian sid), in a
# cached chroot built on first use (scripts/qgis_chroot.sh); its own venv inside the chroot.
QGIS ?= 3.40
CHROOT_VENV := /opt/beod-venv
test-qgis:
	APT_PACKAGES="$(APT_PACKAGES)" scripts/qgis_chroot.sh $(QGIS) $(MAKE) --no-print-directory unit VENV=$(CHROOT_VENV)

# Any target of this Makefile on another QGIS release, e.g. make chroot-qgis QGIS=3.44 TARGET=demo
TARGET ?= unit
chroot-qgis:
	APT_PACKAGES="$(APT_PACKAGES)" scripts/qgis_chroot.sh $(QGIS) $(MAKE) --no-print-directory $(TARGET) VENV=$(CHROOT_VENV)

# -- packaging ---------------------------------------------------------------
zip: venv
	$(PY) scripts/build_zip.py --out dist

# Extract every user-visible string into i18n/beod_fr.ts, keeping the translations made so
# far (new strings come in unfinished), then list those still without a translation.
translations: venv
	$(PY) scripts/translations.py update
	-$(PY) scripts/translations.py check

# -- the main job and manual tools ---------------------------------------------
demo: venv
	$(PY) scripts/demo.py

qgis: venv
	$(PY) scripts/run_qgis.py

emulator: venv
	$(PY) -m tests.emulator --port 8700

bench-download: venv
	$(PY) -m tests.bench_download

# SIZES: tile and/or km² (1, 25, 100; 500 is the area limit and takes long);
# BENCH_ARGS: more options (python -m tests.bench_scale --help), e.g. --merge-after --rtt-ms 20
SIZES ?= tile,1,25,100
BENCH_ARGS ?=
bench-scale: venv
	$(PY) -m tests.bench_scale --sizes $(SIZES) $(BENCH_ARGS)

clean:
	rm -rf dist demo-output .pytest_cache .ruff_cache
