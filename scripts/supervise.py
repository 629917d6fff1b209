"""Run the action server, Rasa and the widget page; restart whichever stops.

    python -m scripts.supervise            everything, supervised (what `make run` does)
    python -m scripts.supervise --exec rasa   one process, in the foreground (systemd units)

A process that exits is started again after RESTART_DELAY_S, so a crashed action
server or page is back within about 2 s while Rasa keeps serving (and a crashed
Rasa comes back too, in its ~20 s start-up). A process that keeps dying right
after it starts (CRASH_LOOP times within STARTUP_GRACE_S each: a port in use, a
broken config) stops everything with an error instead of looping forever.
Ctrl-C or SIGTERM stops all of them and prints "Stopped.".

Every process binds 127.0.0.1; Rasa's address can be changed with RASA_INTERFACE
for a reverse proxy on another machine (README, "Deployment"). Each child's pid is
written to <LDN_STATE_DIR>/run/<name>.pid (0600) for operators and tests.
"""

import argparse
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from channels.widget_session import SESSION_SECRET_ENV, SESSION_SECRET_FILE
from ldn.security import WeakSecretError, private_dir, secret_problem, state_dir, stored_secret

RESTART_DELAY_S = 1.0
STARTUP_GRACE_S = 10.0
CRASH_LOOP = 5
STOP_TIMEOUT_S = 15.0
POLL_S = 0.2
LOCALHOST = "127.0.0.1"
VENV_BIN = Path(".venv/bin")


def commands(env: dict[str, str]) -> dict[str, list[str]]:
    """The command line of each process, from the environment (scripts/env.sh)."""
    python = str(VENV_BIN / "python")
    rasa = [
        python,
        "-m",
        "ldn.rasa_main",  # Rasa's command line, without importing the unused jax
        "run",
        "--model",
        env["LDN_MODEL"],
        "--interface",
        env.get("RASA_INTERFACE") or LOCALHOST,
        "--port",
        env["RASA_PORT"],
        "--credentials",
        env["LDN_CREDENTIALS"],
        "--endpoints",
        env.get("LDN_ENDPOINTS") or "endpoints.yml",
        "--cors",
        *(env.get("LDN_CORS_ORIGINS") or f"http://localhost:{env['WEB_PORT']}").split(),
    ]
    if env.get("RASA_API_TOKEN"):
        rasa += ["--enable-api", "--auth-token", env["RASA_API_TOKEN"]]
    return {
        "actions": [python, "-m", "actions.server", "--port", env["ACTIONS_PORT"]],
        "rasa": rasa,
        "web": [python, "-m", "web.server", "--port", env["WEB_PORT"], "--bind", env.get("WEB_BIND") or LOCALHOST],
    }


def prepare_environment(env: dict[str, str], generate_session_secret: bool) -> None:
    """Refuse weak secrets; give the widget a session secret if none was set."""
    token = env.get("RASA_API_TOKEN")
    if token and secret_problem("RASA_API_TOKEN", token):
        raise WeakSecretError(secret_problem("RASA_API_TOKEN", token))
    if not env.get(SESSION_SECRET_ENV):
        # make run: a strong secret made once into var/session_secret (0600).
        env[SESSION_SECRET_ENV] = stored_secret(
            SESSION_SECRET_ENV, SESSION_SECRET_FILE, generate=generate_session_secret
        )


def die_with_parent() -> None:
    """This process gets SIGTERM when its parent dies (Linux prctl PR_SET_PDEATHSIG): the supervisor's
    children, and the supervisor started by the tests (tests/server.py)."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    quick_exits: int = 0
    restart_at: float | None = None

    def start(self, env: dict[str, str], run_dir: Path) -> None:
        self.process = subprocess.Popen(self.argv, env=env, start_new_session=True, preexec_fn=die_with_parent)
        self.started_at = time.monotonic()
        self.restart_at = None
        pid_file = run_dir / f"{self.name}.pid"
        pid_file.write_text(f"{self.process.pid}\n")
        os.chmod(pid_file, 0o600)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                os.kill(self.process.pid, signal.SIGCONT)  # a stopped process can't exit
            except ProcessLookupError:
                pass


class Supervisor:
    def __init__(self, env: dict[str, str], argvs: dict[str, list[str]] | None = None) -> None:
        self.env = env
        self.run_dir = private_dir(state_dir() / "run")
        self.children = [Child(name, argv) for name, argv in (argvs or commands(env)).items()]
        self.stopping = False

    def request_stop(self, *_: object) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGINT, self.request_stop)
        signal.signal(signal.SIGTERM, self.request_stop)
        for child in self.children:
            child.start(self.env, self.run_dir)
        self.banner()
        status = 0
        while not self.stopping:
            time.sleep(POLL_S)
            if self.tend() is False:
                status = 1
                break
        self.stop_all()
        print("Stopped." if status == 0 else "Stopped after repeated failures (see the messages above).", flush=True)
        return status

    def tend(self) -> bool | None:
        """Restart children that exited; False if one keeps crashing at start."""
        now = time.monotonic()
        for child in self.children:
            code = child.process.poll() if child.process else None
            if code is not None and child.restart_at is None:
                quick = now - child.started_at < STARTUP_GRACE_S
                child.quick_exits = child.quick_exits + 1 if quick else 0
                if child.quick_exits >= CRASH_LOOP:
                    print(
                        f"{child.name} keeps stopping right after it starts (exit code {code}); giving up.",
                        file=sys.stderr,
                        flush=True,
                    )
                    return False
                print(
                    f"{child.name} stopped (exit code {code}); restarting it in {RESTART_DELAY_S:.0f} s.",
                    file=sys.stderr,
                    flush=True,
                )
                child.restart_at = now + RESTART_DELAY_S
            if child.restart_at is not None and now >= child.restart_at:
                child.start(self.env, self.run_dir)
        return None

    def stop_all(self) -> None:
        for child in self.children:
            child.stop()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for child in self.children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.process.pid, signal.SIGKILL)
                child.process.wait()

    def banner(self) -> None:
        env = self.env
        if "RASA_PORT" not in env:
            return
        host = env.get("RASA_INTERFACE") or LOCALHOST
        print("LDN Assistant starting (about 20 seconds):", flush=True)
        print(f"  REST     http://{host}:{env['RASA_PORT']}/webhooks/rest/webhook")
        print(f"  widget   http://{env.get('WEB_BIND') or LOCALHOST}:{env['WEB_PORT']}/")
        print(f"  actions  http://{LOCALHOST}:{env['ACTIONS_PORT']}/webhook (this machine only)")
        print("Crashed processes are restarted. Press Ctrl-C to stop.", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--exec",
        dest="only",
        choices=["actions", "rasa", "web"],
        help="run just this process in the foreground (systemd)",
    )
    args = parser.parse_args()
    env = dict(os.environ)
    try:
        # make run may make the widget's session secret; the rasa service must be given one.
        if args.only in (None, "rasa"):
            prepare_environment(env, generate_session_secret=args.only is None)
    except WeakSecretError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2
    if args.only:
        argv = commands(env)[args.only]
        os.execvpe(argv[0], argv, env)
    return Supervisor(env).run()


if __name__ == "__main__":
    sys.exit(main())
