"""Find the Chromium the browser tests drive, or install one: `make test` runs this first.

In order: Debian's /usr/bin/chromium; a Chromium that Playwright manages
(`playwright install chromium`); else, with `--install`, Debian's package when
running as root with apt-get, otherwise Playwright's download. When none can
work it prints one line saying what to run and exits non-zero: the browser
tests are never skipped in silence.

Usage: python -m tests.browser.chromium [--install]
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")


def playwright_chromium() -> Path | None:
    """Return the Chromium that Playwright installed, if it did."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
    except Exception:  # no driver, no browser registry: nothing Playwright-managed
        return None
    return path if path.exists() else None


def locate() -> Path | None:
    """Return the Chromium to drive, without installing anything."""
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    return playwright_chromium()


def _run(command: list[str], env: dict | None = None) -> bool:
    print("Installing a browser for the browser tests:", " ".join(command), flush=True)
    try:
        return subprocess.run(command, check=False, env=env).returncode == 0
    except OSError:
        return False


def install() -> None:
    """Install Debian's chromium as root with apt-get, else Playwright's Chromium."""
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if _run([apt, "update", "-qq"], env) and _run(
            [apt, "install", "-y", "-qq", "chromium"], env
        ):
            return
    _run([sys.executable, "-m", "playwright", "install", "chromium"])


def main(argv: list[str]) -> int:
    found = locate()
    if found is None and "--install" in argv:
        install()
        found = locate()
    if found is None:
        python = os.path.relpath(sys.executable)
        print(
            "No Chromium for the browser tests (tests/browser): run `sudo apt-get install "
            f"chromium`, or `{python} -m playwright install --with-deps chromium`, "
            "then `make test` again.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
