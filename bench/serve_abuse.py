#!/usr/bin/env python3
"""How `tutorat serve` stands up to abusive clients (issue 16, item 2).
Timings are printed, never asserted; loopback only.

    python3 bench/serve_abuse.py BINARY SITE [sizes...]

Starts `tutorat serve --site SITE --port 0` and measures:

  header N     the time to an answer (or the close) for one request whose
               header is N KiB, and meanwhile the time a normal GET on
               another connection takes;
  idle         200 connections that send half a request and wait: a normal
               GET meanwhile, and how many of them the server has closed
               after 15 s;
  sigterm      SIGTERM with an open event stream (and a 1 MiB request being
               sent): the time until the process has exited.
"""
import os
import signal
import socket
import subprocess
import sys
import threading
import time

CAP = 90  # seconds: give up waiting


def start(binary, site):
    process = subprocess.Popen([binary, "serve", "--site", site, "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    for line in process.stdout:
        if line.startswith("Serving the site at "):
            port = int(line.split(":")[2].split("/")[0])
            threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
            return process, port
    raise SystemExit("serve did not start")


def get(port, path="/", timeout=CAP):
    began = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        status = data.split(b" ", 2)[1].decode() if data else "none"
    except OSError as error:
        status = f"error {error}"
    return status, time.monotonic() - began


def oversized(port, size, slowly=False):
    """Sends a request with a header of `size` bytes; returns (what came back, seconds)."""
    began = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", port), timeout=CAP)
    head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
    body = head + b"a" * size + b"\r\n\r\n"
    answer = b""
    try:
        step = 4096 if slowly else 65536
        for offset in range(0, len(body), step):
            sock.sendall(body[offset:offset + step])
            if slowly:
                time.sleep(0.01)
        while time.monotonic() - began < CAP:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
            if b"\r\n\r\n" in answer:
                break  # the head of the answer: the time is taken here
    except OSError as error:
        if not answer:
            answer = f"[{type(error).__name__}]".encode()
    finally:
        sock.close()
    first = answer.split(b"\r\n", 1)[0].decode(errors="replace") or "closed without an answer"
    if not answer and time.monotonic() - began >= CAP:
        first = f"no answer within {CAP} s"
    return first, time.monotonic() - began


def measure_header(port, kib):
    result = {}
    thread = threading.Thread(target=lambda: result.update(big=oversized(port, kib * 1024)))
    thread.start()
    time.sleep(0.3)
    meanwhile = get(port)
    thread.join()
    answer, seconds = result["big"]
    print(f"header {kib} KiB: '{answer}' after {seconds:.2f} s; a normal GET meanwhile: {meanwhile[0]} in {meanwhile[1]:.2f} s",
          flush=True)


def measure_idle(port, count=200):
    sockets = []
    for _ in range(count):
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0")
            sockets.append(sock)
        except OSError:
            break
    status, seconds = get(port, timeout=60)
    print(f"idle: {len(sockets)} half-sent connections open; a normal GET meanwhile: {status} in {seconds:.2f} s", flush=True)
    time.sleep(15)
    closed = 0
    for sock in sockets:
        sock.setblocking(False)
        try:
            closed += sock.recv(1) == b""
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        sock.close()
    print(f"idle: after 15 s the server had closed {closed} of {len(sockets)}", flush=True)


def measure_sigterm(binary, site):
    process, port = start(binary, site)
    events = socket.create_connection(("127.0.0.1", port))
    events.sendall(f"GET /__tutorat/events?pages=index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    events.recv(4096)
    threading.Thread(target=lambda: oversized(port, 1024 * 1024), daemon=True).start()
    time.sleep(1)
    began = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
        print(f"sigterm (event stream open, 1 MiB request in flight): exited {process.returncode} after {time.monotonic() - began:.2f} s",
              flush=True)
    except subprocess.TimeoutExpired:
        process.kill()
        print("sigterm: still running after 30 s (killed)", flush=True)
    events.close()


def main():
    binary, site = sys.argv[1], sys.argv[2]
    sizes = [int(s) for s in sys.argv[3:]] or [32, 128, 1024]
    process, port = start(binary, site)
    try:
        print(f"a normal GET, quiet server: {get(port)[0]} in {get(port)[1]:.3f} s", flush=True)
        for kib in sizes:
            measure_header(port, kib)
        measure_idle(port)
    finally:
        process.kill()
        process.wait()
    measure_sigterm(binary, site)


if __name__ == "__main__":
    main()
