"""A throwaway PostgreSQL server for the tests: started once per session, stopped at the end.

Found from ``initdb``/``pg_ctl`` on PATH or Debian's ``/usr/lib/postgresql/*/bin``.  The cluster lives in
a fresh directory under the system temp dir, listens on 127.0.0.1 only (and a unix socket in that
directory) on a free port, and requires a random password.  initdb refuses to run as root, so as root the
server runs as the ``postgres`` user (``runuser -u postgres``) when it exists, else as ``nobody``.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SERVER_USER_CANDIDATES = ("postgres", "nobody")


def find_binaries() -> Path | None:
    """The directory holding initdb and pg_ctl, newest Debian version first; None if not installed."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: _version(p), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.insert(0, str(Path(os.path.realpath(on_path)).parent))
    for directory in candidates:
        if (Path(directory) / "initdb").is_file() and (Path(directory) / "pg_ctl").is_file():
            return Path(directory)
    return None


def _version(path: str) -> tuple:
    part = Path(path).parent.name
    return tuple(int(x) for x in part.split(".") if x.isdigit()) or (0,)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="storylens-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = "storylens"
        self.password = secrets.token_hex(12)
        self.run_as: str | None = None
        if os.geteuid() == 0:
            self.run_as = next((u for u in SERVER_USER_CANDIDATES if _user_exists(u)), None)
            if self.run_as is None:
                raise RuntimeError("running as root and neither a postgres nor a nobody user exists for initdb")
            info = pwd.getpwnam(self.run_as)
            os.chown(self.root, info.pw_uid, info.pw_gid)
        os.chmod(self.root, 0o700)
        self.started = False

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = (self.root / "server.log")
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}{result.stdout}\n{tail}")
        return result

    def start(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self.run_as:
            info = pwd.getpwnam(self.run_as)
            os.chown(pwfile, info.pw_uid, info.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", self.user, f"--pwfile={pwfile}", "-A", "scram-sha-256",
                  "-E", "UTF8", "--locale=C", "--no-sync")
        pwfile.unlink()
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"),
                  "-w", "-t", "60", "start")
        self.started = True
        atexit.register(self.stop)

    def stop(self) -> None:
        if self.started:
            self.started = False
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except (RuntimeError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, password=self.password,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
