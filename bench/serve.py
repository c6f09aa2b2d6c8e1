#!/usr/bin/env python3
"""make bench, `tutorat serve` part: the time from saving a file to the reload
event a browser receives, on a big generated site. Timings are printed, never
asserted.

    python3 bench/serve.py BINARY SITE [RUNS]

SITE is copied (the benchmark edits files), `tutorat serve --port 0` is
started on the copy, and a client listens to /__tutorat/events for a tutee
page, as the browser showing it would. For each kind of edit it measures:

  reload  the save (write and close, as an editor does) to the `reload` event
          for the page shown: what the person waiting for their page sees;
  all     the save to the `idle` event: every file the edit made stale is
          written, the output equals a clean build.

Kinds of edit: a tutee's journal (the commonest), the same tutee handed to
another tutor, their tutor renamed (no quick path: the whole site is resolved
again before the page is rendered), and the template of tutee pages (every
tutee page rendered again, the one shown first).
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time


class EventClient:
    """A raw Server-Sent Events client: no library, nothing buffered by a framework."""

    def __init__(self, port, pages):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=600)
        request = (f"GET /__tutorat/events?pages={pages} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   "Accept: text/event-stream\r\n\r\n")
        self.sock.sendall(request.encode())
        self.buffer = b""
        self.wait_for(b"event: hello")

    def wait_for(self, marker, timeout=600):
        """Reads until `marker` arrives; returns the time it did and the event's data line."""
        deadline = time.perf_counter() + timeout
        while True:
            index = self.buffer.find(marker)
            if index >= 0:
                arrived = time.perf_counter()
                end = self.buffer.find(b"\n\n", index)
                while end < 0:
                    self.buffer += self.sock.recv(65536)
                    end = self.buffer.find(b"\n\n", index)
                event = self.buffer[index:end]
                self.buffer = self.buffer[end:]
                return arrived, event.decode(errors="replace")
            if time.perf_counter() > deadline:
                raise TimeoutError(marker)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the server closed the event stream")
            self.buffer += chunk

    def drain(self):
        self.buffer = b""


def save(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    binary, source = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    work = tempfile.mkdtemp(prefix="tutorat-bench-serve-")
    site = os.path.join(work, "site")
    shutil.copytree(source, site)
    # A site-level copy of the tutee template, to edit without touching the bundled theme.
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "TutoratResources", "files", "themes", "default", "templates", "tutee.mustache")
    templates = os.path.join(site, "themes", "default", "templates")
    os.makedirs(templates, exist_ok=True)
    template_path = os.path.join(templates, "tutee.mustache")
    shutil.copyfile(bundled, template_path)

    tutees = sorted(os.listdir(os.path.join(site, "content", "tutees")))
    shown = tutees[len(tutees) // 2]
    tutee_id = shown[:-3]
    tutee_path = os.path.join(site, "content", "tutees", shown)
    page = f"tutees/{tutee_id}/index.html"

    started = time.perf_counter()
    server = subprocess.Popen([binary, "serve", "--site", site, "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        first_build = None
        for line in server.stdout:
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
            if line.startswith("Built the site"):
                first_build = time.perf_counter() - started
                break
        if port is None or first_build is None:
            raise RuntimeError("tutorat serve did not start")
        # Keep reading its output so that it never blocks on a full pipe.
        import threading
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()

        client = EventClient(port, page)
        original = open(tutee_path, encoding="utf-8").read()
        template = open(template_path, encoding="utf-8").read()
        results = {}

        def measure(name, edits, count):
            reloads, totals, written = [], [], []
            for run in range(count):
                path, text = edits(run)
                client.drain()
                before = time.perf_counter()
                save(path, text)
                reload_at, _ = client.wait_for(b"event: reload")
                idle_at, idle = client.wait_for(b"event: idle")
                reloads.append((reload_at - before) * 1000)
                totals.append((idle_at - before) * 1000)
                match = re.search(r'"written":(\d+)', idle)
                written.append(int(match.group(1)) if match else 0)
            results[name] = (reloads, totals, written)

        # One tutee's journal: the quick path.
        measure("tutee journal", lambda run: (tutee_path, original.replace(
            "Cette semaine, le tutoré", f"Cette semaine (note {run}), le tutoré", 1)), runs)
        # The same tutee handed to another tutor and back: the whole site resolved again.
        tutor = re.search(r"^tutor: (\S+)$", original, re.M).group(1)
        other = "tuteur-199" if tutor != "tuteur-199" else "tuteur-198"
        measure("tutee new tutor", lambda run: (tutee_path, original.replace(
            f"tutor: {tutor}", f"tutor: {other if run % 2 == 0 else tutor}").replace(
            "Cette semaine, le tutoré", f"Cette semaine (relecture {run}), le tutoré", 1)), runs)
        # The tutee's tutor renamed: no quick path, the whole site is resolved again first.
        current_tutor = re.search(r"^tutor: (\S+)$", open(tutee_path, encoding="utf-8").read(), re.M).group(1)
        tutor_path = os.path.join(site, "content", "tutors", current_tutor + ".md")
        tutor_text = open(tutor_path, encoding="utf-8").read()
        measure("tutor renamed", lambda run: (tutor_path, re.sub(r"^name: (.*)$", lambda m: f"name: {m.group(1)} ({run})",
                                                                  tutor_text, count=1, flags=re.M)), max(1, min(runs, 3)))
        # The template of tutee pages: every tutee page is rendered again, the one shown first.
        def edit_template(run):
            marker = "<!-- edit %d -->" % run
            if "{{$main}}" in template:
                return template_path, template.replace("{{$main}}", "{{$main}}" + marker, 1)
            return template_path, template + marker + "\n"
        measure("tutee template", edit_template, max(1, min(runs, 3)))

        print(f"tutorat serve on {len(tutees)} tutees (first build and serve: {first_build:.1f} s)")
        print(f"{'edit':<18} {'runs':>4} {'reload ms (median, min-max)':>30} {'all written ms (median)':>24} {'files':>7}")
        for name, (reloads, totals, written) in results.items():
            print(f"{name:<18} {len(reloads):>4} {median(reloads):>14.1f} ({min(reloads):.1f}-{max(reloads):.1f}) "
                  f"{median(totals):>24.0f} {int(median(written)):>7}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
