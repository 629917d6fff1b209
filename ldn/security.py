"""Secrets and the development switch, decided in one place.

- Development-only behaviour (e.g. Twilio without signature checks, a generated
  widget session secret) needs an explicit ``LDN_ENV=development``. Unset means
  production: a forgotten variable never switches a check off.
- A secret shorter than 32 bytes is refused, with how to make a good one.
- Files the server writes (databases, secrets) are private: 0600 in a 0700 folder.
"""

import contextlib
import os
import secrets
from pathlib import Path

MIN_SECRET_BYTES = 32
MAKE_SECRET = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class WeakSecretError(RuntimeError):
    """A secret the server refuses to run with."""


def is_development() -> bool:
    return os.environ.get("LDN_ENV", "").strip().lower() == "development"


def secret_problem(name: str, value: str | None) -> str | None:
    """Why `value` can't be used as the secret `name` (with how to make one), or None."""
    if not value:
        return f"{name} is not set. Make one with: {MAKE_SECRET}"
    if len(value.encode("utf-8")) < MIN_SECRET_BYTES:
        return f"{name} is shorter than {MIN_SECRET_BYTES} bytes. Make a strong one with: {MAKE_SECRET}"
    return None


def state_dir() -> Path:
    """Where the server keeps its files (LDN_STATE_DIR, default var/)."""
    return Path(os.environ.get("LDN_STATE_DIR") or "var")


def private_dir(path: Path) -> Path:
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path


def make_private(path: Path) -> None:
    """0600 on a file and, for an SQLite database, on its -wal/-shm/-journal files."""
    for candidate in [path] + [path.with_name(path.name + suffix) for suffix in SQLITE_SIDE_FILES]:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(candidate, PRIVATE_FILE_MODE)


def stored_secret(name: str, file_name: str, generate: bool | None = None) -> str:
    """The secret from the environment variable `name`, checked.

    Unset and `generate` (default: in development): made once into
    <state dir>/<file_name> (0600) and reused. Unset otherwise, or too short
    anywhere: WeakSecretError, whose message says how to make one.
    """
    value = os.environ.get(name, "").strip()
    if generate is None:
        generate = is_development()
    if not value and generate:
        path = private_dir(state_dir()) / file_name
        if not path.exists():
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(MIN_SECRET_BYTES))
        make_private(path)
        value = path.read_text().strip()
    problem = secret_problem(name, value)
    if problem:
        if not value:
            problem += " (or, on a developer's machine only, set LDN_ENV=development to generate one)."
        raise WeakSecretError(problem)
    return value
