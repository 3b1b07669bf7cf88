"""A local emulator of the BrightEarth On Demand (BEOD) API, for tests, demos and benchmarks.

It is a real HTTP server (FastAPI on uvicorn for the API, a separate threaded server for the
S3-like storage host) started with ``python -m tests.emulator --port 8700``. Tests start it
in a subprocess through :func:`tests.emulator.launch.start_emulator`. The inferred parts of
the API are listed in :mod:`tests.emulator.api_table`. It is not shipped in the plugin zip.
"""
