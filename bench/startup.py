#!/usr/bin/env python3
"""Start-up time to the first served request: start the gateway, poll /healthz in a tight loop,
stop it with SIGTERM; repeat. The first start (which creates the database) is not counted.

usage: startup.py BINARY CONFIG PORT STARTS  ->  one JSON object on stdout
"""
import json
import signal
import socket
import statistics
import subprocess
import sys
import time

PROBE = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def healthy(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(PROBE)
            return s.recv(16).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def one_start(binary, config, port):
    started = time.perf_counter()
    proc = subprocess.Popen([binary, "-config", config],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not healthy(port):
            if proc.poll() is not None:
                raise SystemExit(f"gateway exited with {proc.returncode} before serving")
            if time.perf_counter() - started > 10:
                raise SystemExit("gateway did not answer /healthz within 10 s")
            time.sleep(0.0005)
        return (time.perf_counter() - started) * 1000
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def main():
    binary, config, port, starts = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    one_start(binary, config, port)  # creates the database; not counted
    samples = [one_start(binary, config, port) for _ in range(starts)]
    print(json.dumps({"samples_ms": [round(s, 2) for s in samples],
                      "median_ms": round(statistics.median(samples), 2)}))


if __name__ == "__main__":
    main()
