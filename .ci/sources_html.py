#!/usr/bin/env python3
"""The `copydesk sources --format html` page, checked in a real browser.

    python3 .ci/sources_html.py [--bin target/release/copydesk] [--drafts tests/sources]
                                [--screenshot docs/screenshots/sources-report.png]

Writes the page for a folder of drafts, opens it in headless Chromium
(Debian's /usr/bin/chromium) and, through the DevTools protocol on a pipe
(--remote-debugging-pipe: no port, no Python package), checks that:

- the page made no request but for itself (every request the browser saw is
  recorded; a control page with an outside image and style sheet shows the
  recording works), has no script, and loaded no resource;
- its style applied (the bars have their colours) and it rendered the
  totals, a bar chart (one row of bars for all stories and one per month,
  with bars as wide as their shares) and the table (one row per story, with
  the numbers the JSON form gives);

then takes a full-page screenshot 1200 px wide. Standard library only.
Prints PASS/FAIL lines, then "N passed, M failed"; exits 1 on any failure.
"""

import argparse
import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 1200


class Browser:
    """Chromium, driven with DevTools protocol messages on fds 3 and 4."""

    def __init__(self, chromium, profile):
        self.log = open(Path(profile) / "stderr.log", "w")  # noqa: SIM115 (closed in close())
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds():  # in the child: 3 is what it reads, 4 what it writes
            reads, writes = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-extensions",
             "--hide-scrollbars", "--force-color-profile=srgb", f"--user-data-dir={profile}",
             f"--window-size={WIDTH},900", "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=fds,  # Python's own fds are not inherited (PEP 446)
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive(timeout)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def receive(self, timeout):
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_browser], [], [], left)[0]:
                raise TimeoutError(f"Chromium said nothing for {timeout} s")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe (see its stderr.log)")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self.events.append(message)
        return message

    def wait_for(self, method, timeout=30):
        for i, event in enumerate(self.events):
            if event["method"] == method:
                return self.events.pop(i)
        while True:
            message = self.receive(timeout)
            if message.get("method") == method:
                self.events.remove(message)
                return message

    def open_page(self):
        targets = self.send("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def load(self, url):
        """Opens `url`; the URLs of every request the load made."""
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")
        time.sleep(0.3)  # late requests (favicon, lazy resources) would show here
        self.send("Runtime.evaluate", {"expression": "1"})  # drains the events sent before it
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"in the page: {result['exceptionDetails']}")
        return result["result"]["value"]

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        os.close(self.to_browser)
        os.close(self.from_browser)


# What the page shows, read from the rendered page (layout, not just markup).
READ_PAGE = """(() => {
  const box = e => e.getBoundingClientRect();
  const visible = e => box(e).width > 0 && box(e).height > 0;
  const rows = [...document.querySelectorAll('table tbody tr')].map(tr =>
    [...tr.cells].map(td => td.childNodes[0] ? td.childNodes[0].textContent.trim() : ''));
  const bars = [...document.querySelectorAll('.chart .bar:not(.thin)')].map(bar => ({
    label: bar.getAttribute('aria-label'),
    width: box(bar).width,
    parts: [...bar.children].map(s => ({cls: s.className, width: box(s).width,
                                        colour: getComputedStyle(s).backgroundColor}))}));
  return {
    title: document.title,
    scripts: document.scripts.length,
    resources: performance.getEntriesByType('resource').map(r => r.name),
    h1: document.querySelector('h1') && document.querySelector('h1').textContent,
    figures: [...document.querySelectorAll('.figure')].filter(visible).map(f => f.innerText.replace(/\\s+/g, ' ')),
    months: [...document.querySelectorAll('.chart .month')].filter(visible).map(m => m.firstChild.textContent),
    bars,
    thin: [...document.querySelectorAll('.chart .bar.thin span')].map(s => box(s).width / box(s.parentNode).width),
    table: visible(document.querySelector('table')),
    head: [...document.querySelectorAll('table thead th')].map(th => th.textContent),
    rows,
    height: Math.ceil(document.documentElement.scrollHeight),
  };
})()"""

CONTROL_PAGE = """<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:9/style.css">
</head><body><img src="http://127.0.0.1:9/logo.png" alt=""><p>control</p></body></html>"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.environ.get("COPYDESK_BIN", str(ROOT / "target/release/copydesk")))
    parser.add_argument("--drafts", default=str(ROOT / "tests/sources"))
    parser.add_argument("--screenshot", default=str(ROOT / "docs/screenshots/sources-report.png"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()

    passed = failed = 0

    def check(ok, what, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"PASS sources-html: {what}")
        else:
            failed += 1
            print(f"FAIL sources-html: {what}" + (f"\n    {detail}" if detail else ""))
        return ok

    def finish():
        print(f"{passed} passed, {failed} failed")
        return 1 if failed or not passed else 0

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="copydesk-sources-html."))
    try:
        def sources(form):
            # from the repository, so the stories' ids read tests/sources/…
            drafts = os.path.relpath(Path(args.drafts).resolve(), ROOT)
            run = subprocess.run([str(Path(args.bin).resolve()), "sources", "--format", form, drafts],
                                 capture_output=True, text=True, timeout=60, cwd=ROOT)
            if run.returncode != 0:
                raise RuntimeError(f"copydesk sources --format {form} exited {run.returncode}: {run.stderr}")
            return run.stdout

        try:
            html, desk = sources("html"), json.loads(sources("json"))
        except (OSError, RuntimeError, subprocess.TimeoutExpired) as e:
            check(False, "copydesk sources wrote the page", str(e))
            return finish()
        page = work / "sources.html"
        page.write_text(html, encoding="utf-8")
        (work / "control.html").write_text(CONTROL_PAGE, encoding="utf-8")
        lowered = html.lower()
        outside = [w for w in ("<script", "http:", "https:", "url(", "@import", "<link", "<img", "src=")
                   if w in lowered]
        check(not outside, f"the page's markup names nothing outside it ({len(html)} bytes)", f"found {outside}")

        stories, months = desk["stories"], desk["months"]
        profile = work / "profile"
        profile.mkdir()
        browser = Browser(args.chromium, profile)
        try:
            version = browser.send("Browser.getVersion", session=False)["product"]
            print(f"sources-html: {version}, {args.drafts}: {len(stories)} stories, {len(months)} months")
            browser.open_page()

            requests = browser.load((work / "control.html").as_uri())
            seen = [u for u in requests if u.startswith("http://127.0.0.1:9/")]
            check(len(seen) == 2, "a control page's outside image and style sheet are seen as requests",
                  f"requests: {requests}")

            url = page.as_uri()
            requests = browser.load(url)
            check(requests == [url], "the report made no request but for the page itself", f"requests: {requests}")
            shown = browser.evaluate(READ_PAGE)
            check(shown["scripts"] == 0 and shown["resources"] == [],
                  "no script in the page and no resource loaded", f"{shown['scripts']} scripts, {shown['resources']}")
            check(shown["h1"] == "Source balance" and shown["title"].startswith("Source balance"),
                  f"it rendered: “{shown['title']}”", json.dumps(shown["h1"]))

            t = desk["totals"]
            figures = " | ".join(shown["figures"])
            check(f"{t['sources']} sources" in figures and f"{t['people']} named people" in figures,
                  f"the totals: {figures}")

            from_month = lambda m: time.strftime("%B %Y", time.strptime(m, "%Y-%m"))
            expected = ["All stories"] + [from_month(m) for m in months]
            check(shown["months"] == expected, f"the chart has a row for all stories and each month: {shown['months']}",
                  f"expected {expected}")
            colours = {"women": "rgb(194, 65, 12)", "men": "rgb(15, 118, 110)"}
            bad_bars = []
            for bar, tally in zip(shown["bars"], [t, *months.values()]):
                for part in bar["parts"]:
                    want = tally[part["cls"]] / tally["people"] * bar["width"]
                    if abs(part["width"] - want) > 1.5 or colours.get(part["cls"], part["colour"]) != part["colour"]:
                        bad_bars.append((bar["label"], part))
                drawn = sum(p["width"] for p in bar["parts"])
                if tally["people"] and (bar["width"] < 200 or abs(drawn - bar["width"]) > 1.5):
                    bad_bars.append((bar["label"], f"bars fill {drawn:.0f} of {bar['width']:.0f} px"))
            check(len(shown["bars"]) == len(expected) and not bad_bars,
                  f"its bars are drawn in colour, as wide as the shares ({sum(len(b['parts']) for b in shown['bars'])} bars)",
                  f"{len(shown['bars'])} bars; wrong: {bad_bars}")
            share = desk["shares"]["women_of_words"] or 0
            check(shown["thin"] and abs(shown["thin"][0] - share) < 0.01,
                  f"the thin bar of all stories is women's share of the quoted words ({share:.1%})",
                  f"drawn at {shown['thin'][:1]}")

            want_rows = [[s["headline"] or s["id"], s["date"] or "", *(str(s["totals"][k]) for k in
                          ("sources", "women", "men", "nonbinary", "unknown"))] for s in stories]
            got_rows = [row[:7] for row in shown["rows"]]
            check(shown["table"] and got_rows == want_rows,
                  f"the table: {len(shown['head'])} columns, a row for each of the {len(stories)} stories",
                  f"rows {got_rows}\n    want {want_rows}")

            height = min(shown["height"], 8000)
            shot = browser.send("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}})
            png = base64.b64decode(shot["data"])
            out = Path(args.screenshot)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(png)
            size = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
            check(png[:8] == b"\x89PNG\r\n\x1a\n" and size == (WIDTH, height),
                  f"screenshot {out} ({size[0]}×{size[1]}, {len(png) // 1024} KiB)")
        except (RuntimeError, TimeoutError, OSError, StopIteration, KeyError) as e:
            check(False, "driving Chromium", f"{type(e).__name__}: {e}\n    "
                  + (profile / "stderr.log").read_text(errors="replace")[-2000:])
        finally:
            browser.close()
        print(f"sources-html: took {time.monotonic() - started:.1f} s")
        return finish()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
