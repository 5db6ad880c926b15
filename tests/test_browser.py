"""A real browser runs the quickstart: JupyterLab on localhost, headless Chromium driven by Playwright.

The browser is Debian's ``chromium`` package (``.ci/run`` installs it; on your machine: ``apt-get install
chromium``), started by Playwright through ``executable_path``: Playwright never downloads a browser. Without
chromium the test skips and says what to install. Every wait has a time limit, so it never hangs. The
screenshot is kept in ``test-artifacts/quickstart_in_jupyterlab.png``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPORT, ROOT

CHROMIUM = os.environ.get("TOOLKIT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
NOTEBOOK = "00_quickstart.ipynb"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="the browser test needs Chromium: install Debian's chromium package (apt-get install chromium), "
           "or set TOOLKIT_CHROMIUM to a Chromium executable")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_server(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"JupyterLab exited with code {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture()
def jupyterlab(tmp_path):
    """JupyterLab serving a copy of the quickstart (the repository's files are never touched)."""
    work = tmp_path / "project"
    (work / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, work / "notebooks" / NOTEBOOK)
    shutil.copytree(ROOT / "data" / "raw", work / "data" / "raw")
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    log = tmp_path / "jupyterlab.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work / 'notebooks'}",
             "--ServerApp.disable_check_xsrf=False", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
             "jupyterlab.NeverCheckForUpdate", *(["--allow-root"] if os.geteuid() == 0 else [])],
            cwd=work / "notebooks", env=env, stdout=fh, stderr=subprocess.STDOUT)
    try:
        _wait_for_server(f"http://127.0.0.1:{port}/api/status?token={token}", proc, log)
        yield f"http://127.0.0.1:{port}", token, work
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_quickstart_runs_in_jupyterlab_in_chromium(jupyterlab):
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the browser test needs the dev extras: pip install -e '.[dev]'")
    base, token, work = jupyterlab
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "quickstart_in_jupyterlab.png"
    start = time.perf_counter()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, timeout=60_000,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
            # wait for the kernel to start (the status bar says "... | Idle"), then Run > Run All Cells
            page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=120_000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            # done when every code cell has an execution count (none queued or running), or a cell failed
            stderr = ".jp-NotebookPanel .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
            page.wait_for_function(
                """(stderr) => {
                    const prompts = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')];
                    const failed = [...document.querySelectorAll(stderr)].some(e => /Error|Traceback/.test(e.textContent));
                    return failed || (prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)));
                }""", arg=stderr, timeout=180_000)
            errors = [e for e in page.locator(stderr).all_inner_texts() if "Error" in e or "Traceback" in e]
            if not errors:
                page.wait_for_selector(".jp-NotebookPanel .jp-OutputArea-output img", timeout=60_000)
            no = page.get_by_role("button", name="No")   # JupyterLab's "notified of Jupyter news?" toast
            if no.count():
                no.first.click()
            images = page.locator(".jp-NotebookPanel .jp-OutputArea-output img")
            n_images, box = images.count(), None
            if n_images:
                images.last.scroll_into_view_if_needed()
                box = images.last.bounding_box()
            page.screenshot(path=str(shot), full_page=False)
        finally:
            browser.close()
    seconds = time.perf_counter() - start
    REPORT.append(f"browser test: JupyterLab ran {NOTEBOOK} in headless Chromium in {seconds:.0f} s; "
                  f"screenshot {shot.relative_to(ROOT)}")
    assert errors == [], f"the quickstart failed in the browser (screenshot {shot}):\n{errors[0][:2000]}"
    assert n_images >= 1 and box is not None and box["width"] > 100 and box["height"] > 50
    assert shot.stat().st_size > 10_000
    # the notebook in the repository is untouched: the browser ran a copy
    stored = json.loads((ROOT / "notebooks" / NOTEBOOK).read_text(encoding="utf-8"))
    assert all(not c.get("outputs") for c in stored["cells"] if c["cell_type"] == "code")
