"""Headless Chromium driven by Selenium, for the tests that look at a page as a person does
(issue 18), and for the docs' screenshot of it.

``python3 tests/support/browser.py PAGE.html OUT.png`` takes the screenshot of a page.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: The Debian packages that provide the browser and its driver (scripts/test.sh installs them).
PACKAGES = "chromium and chromium-driver"

WINDOW = (1000, 1400)


def missing() -> str | None:
    """Why the browser cannot run here, or None when it can."""
    for program in ("chromium", "chromedriver"):
        if shutil.which(program) is None:
            return f"{program} is not installed (Debian {PACKAGES}; scripts/test.sh installs them)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (it is in the test extra: pip install .[test])"
    return None


@contextlib.contextmanager
def chromium(downloads: Path | None = None) -> Iterator[Any]:
    """A headless Chromium (Selenium WebDriver); downloads, if allowed, go to ``downloads``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",  # root in a container
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--lang=en-GB",
        "--hide-scrollbars",
    ):
        options.add_argument(argument)
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {"download.default_directory": str(downloads), "download.prompt_for_download": False},
        )
    service = Service(shutil.which("chromedriver") or "chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    try:
        if downloads is not None:
            driver.execute_cdp_cmd(
                "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
            )
        yield driver
    finally:
        driver.quit()


def screenshot(page: Path, out: Path) -> None:
    """A PNG of the top of ``page`` (opened from file://) at :data:`WINDOW` size."""
    with chromium() as driver:
        driver.get(page.resolve().as_uri())
        driver.save_screenshot(str(out))


if __name__ == "__main__":
    reason = missing()
    if reason:
        sys.exit(reason)
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[2]}: {Path(sys.argv[2]).stat().st_size} bytes")
