"""Gunicorn servers started for a bench and stopped with everything they forked.

Each server runs in a session of its own, so Ctrl-C in the terminal reaches the bench, which
then stops the whole process group (master and workers) itself, gently and then for good.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import suppress
from pathlib import Path

from .site import ROOT, log, shielded

WORKERS = 2


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, timeout=120):
    """The body of a GET that must succeed; a redirect or an error status fails the bench."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        if response.status != 200 or response.url != url:
            raise RuntimeError(f"{url} answered {response.status} from {response.url}")
        return response.read()


class Gunicorn:
    """``with Gunicorn("module:application", env, log_folder) as server:`` serves at ``server.url``."""

    def __init__(self, application, env, log_folder, name):
        self.application, self.env, self.name = application, env, name
        self.log_path = Path(log_folder) / f"gunicorn-{name}.log"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.earlier_peaks = []  # of workers replaced by a restart
        self.restarts = 0

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        command = [
            *(sys.executable, "-m", "gunicorn", self.application),
            *("--bind", f"127.0.0.1:{self.port}", "--workers", str(WORKERS), "--worker-class", "sync"),
            *("--no-control-socket", "--timeout", "60", "--graceful-timeout", "5"),
            *("--error-logfile", str(self.log_path), "--log-level", "warning"),
        ]
        log(f"Starting {self.name} at {self.url}.")
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        self.wait_until_ready()

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped at start; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/robots.txt", timeout=5):
                    pass
            except urllib.error.HTTPError:
                pass  # an error page is an answer too: the server is up
            except OSError:
                time.sleep(0.2)
                continue
            if len(self.workers()) == WORKERS:
                return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer within {timeout} s; see {self.log_path}")

    def workers(self):
        """Process ids of the master's children: the workers."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended meanwhile
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return sorted(children)

    def current_peaks(self):
        """Each running worker's peak resident memory (VmHWM), in MiB, highest first."""
        peaks = []
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(round(int(line.split()[1]) / 1024, 1))
        return sorted(peaks, reverse=True)

    def worker_peaks(self):
        """Peak memory of each of the workers, in MiB, over every restart (the highest for each place)."""
        lives = [*self.earlier_peaks, self.current_peaks()]
        return [max((life[place] for life in lives if place < len(life)), default=0) for place in range(WORKERS)]

    def restart(self):
        """Start afresh at once, dropping the requests waiting in the backlog."""
        self.earlier_peaks.append(self.current_peaks())
        with shielded():
            self.signal_group(signal.SIGKILL)
            self.process.wait(timeout=15)
        self.restarts += 1
        self.start()

    def stop(self):
        if self.process is None or self.process.returncode is not None:
            return
        with shielded():
            self.signal_group(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.signal_group(signal.SIGKILL)
                self.process.wait(timeout=15)
            # Workers that outlived their master are still in its process group.
            self.signal_group(signal.SIGKILL)
        log(f"Stopped {self.name}.")

    def signal_group(self, signum):
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)
