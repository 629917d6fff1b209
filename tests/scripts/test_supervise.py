"""scripts/supervise.py with small stand-in processes (no Rasa): restarts, gives up
on a crash loop, and stops everything on SIGTERM printing "Stopped."."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from scripts import supervise
from tests.server import ROOT

pytestmark = pytest.mark.unit

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


# A supervisor of two sleepers "a" and "b", run as `python -c`.
TWO_SLEEPERS_SUPERVISED = (
    "from scripts import supervise; import sys; "
    f"sys.exit(supervise.Supervisor({{}}, {{'a': {SLEEPER!r}, 'b': {SLEEPER!r}}}).run())"
)


def pid_of(run_dir, name):
    return int((run_dir / f"{name}.pid").read_text())


def started_children(run_dir):
    """The pids of "a" and "b" once the supervisor has started both."""
    deadline = time.monotonic() + 20
    while not (run_dir / "b.pid").exists():
        assert time.monotonic() < deadline
        time.sleep(0.1)
    time.sleep(0.5)
    return [pid_of(run_dir, name) for name in ("a", "b")]


def test_a_stopped_process_is_restarted_and_the_others_keep_running(tmp_path, monkeypatch):
    monkeypatch.setenv("LDN_STATE_DIR", str(tmp_path))
    sup = supervise.Supervisor({}, {"a": SLEEPER, "b": SLEEPER})
    thread = threading.Thread(target=sup.run)
    monkeypatch.setattr(supervise.signal, "signal", lambda *args: None)  # not the main thread
    thread.start()
    try:
        run_dir = tmp_path / "run"
        deadline = time.monotonic() + 20
        while not (run_dir / "b.pid").exists():
            assert time.monotonic() < deadline
            time.sleep(0.1)
        old_a, old_b = pid_of(run_dir, "a"), pid_of(run_dir, "b")
        os.kill(old_a, signal.SIGKILL)
        killed = time.monotonic()
        while pid_of(run_dir, "a") == old_a:
            assert time.monotonic() - killed < 5, "not restarted within 5 s"
            time.sleep(0.1)
        assert pid_of(run_dir, "b") == old_b
        os.kill(pid_of(run_dir, "a"), 0)  # the new one runs
    finally:
        sup.request_stop()
        thread.join(timeout=30)
    for child in sup.children:
        assert child.process.poll() is not None


def test_a_process_that_keeps_crashing_stops_everything(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LDN_STATE_DIR", str(tmp_path))
    monkeypatch.setattr(supervise, "RESTART_DELAY_S", 0.1)
    sup = supervise.Supervisor({}, {"broken": [sys.executable, "-c", "raise SystemExit(3)"], "ok": SLEEPER})
    monkeypatch.setattr(supervise.signal, "signal", lambda *args: None)
    assert sup.run() == 1
    assert "keeps stopping right after it starts" in capsys.readouterr().err
    assert all(child.process.poll() is not None for child in sup.children)


def test_sigterm_stops_all_and_says_stopped(tmp_path):
    env = {**os.environ, "LDN_STATE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", TWO_SLEEPERS_SUPERVISED], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    children = started_children(tmp_path / "run")
    process.send_signal(signal.SIGINT)  # Ctrl-C
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0 and "Stopped." in out
    for pid in children:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def _gone(pid, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def test_a_supervisor_whose_starter_dies_stops_everything(tmp_path):
    """tests/server.py starts the stack with `die_with_parent`: a test run killed without cleaning up
    (a CI timeout, a kill -9) takes the supervisor and its processes with it (2026-11-27: an
    evaluation run killed by hand left a supervisor restarting Rasa for an hour)."""
    env = {**os.environ, "LDN_STATE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    starter = (
        "import subprocess, sys, time; from scripts.supervise import die_with_parent; "
        f"p = subprocess.Popen([sys.executable, '-c', {TWO_SLEEPERS_SUPERVISED!r}], start_new_session=True, "
        "preexec_fn=die_with_parent); print(p.pid, flush=True); time.sleep(60)"
    )
    process = subprocess.Popen([sys.executable, "-c", starter], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    supervisor_pid = int(process.stdout.readline())
    children = started_children(tmp_path / "run")
    process.kill()
    process.wait(timeout=10)
    assert all(_gone(pid) for pid in [supervisor_pid, *children])
