"""The system's Chromium (Debian's package), as every headless use here launches it.

``make pdf``, the browser tests and the benchmarks all use these; Playwright's own browser
downloads are not reachable on these machines.
"""

CHROMIUM = "/usr/bin/chromium"
# --no-sandbox: CI runs as root, where Chromium's sandbox cannot start. The rest keep
# Chromium from calling home on a machine without a network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
