"""Debian's Dovecot as a throw-away IMAP server on loopback.

``dovecot(users)`` writes a configuration of its own into a fresh directory (mailboxes as
Maildir, passwords in a passwd-file, logins by full address, plaintext logins allowed since
nothing leaves loopback), runs ``dovecot -F`` as a child process until the block ends and
then stops it. Each instance has its own base_dir, state_dir, log and port, so pytest-xdist
workers can each run several at once.

No Dovecot outlives its starter: it runs in a process group of its own that is stopped on
exit, killed from ``atexit`` when the interpreter ends without leaving the block, and gets
SIGTERM from the kernel when the starting thread dies (``setpriv --pdeathsig``, util-linux),
which covers a test session that is killed. Start it from a thread that lives as long as
the server should (the main thread, a fixture).
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import datetime
import grp
import imaplib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

DOVECOT = "/usr/sbin/dovecot"
HOST = "127.0.0.1"
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
# Characters a passwd-file line or a mail path cannot carry in a login.
_BAD_LOGIN = re.compile(r"[\s:/\\%]")


class DovecotError(RuntimeError):
    """Dovecot did not start, or refused what a helper asked of it."""


class StoredMessage(NamedTuple):
    uid: int
    flags: tuple[str, ...]
    raw: bytes


@dataclass(frozen=True)
class _Owners:
    """Who runs what: as root, Dovecot's own unprivileged users; otherwise all as us."""

    internal_user: str
    internal_group: str
    login_user: str
    mail_uid: int
    mail_gid: int
    privileged: bool


@dataclass
class Dovecot:
    """A running Dovecot. ``users`` maps each login (a full address, lower case) to its
    password; the helpers log in as that user over IMAP, as any client would."""

    host: str
    port: int
    users: Mapping[str, str]
    workdir: Path
    base_dir: Path
    log_path: Path
    pid: int

    def is_user(self, address: str) -> bool:
        return address.lower() in self.users

    def password(self, user: str) -> str:
        try:
            return self.users[user.lower()]
        except KeyError:
            raise DovecotError(f"{user!r} has no mailbox in this Dovecot") from None

    @contextlib.contextmanager
    def imap(self, user: str) -> Iterator[imaplib.IMAP4]:
        """An IMAP connection logged in as ``user``, logged out after the block."""
        password = self.password(user)
        connection = imaplib.IMAP4(self.host, self.port, timeout=10)
        try:
            try:
                connection.login(user, password)
            except imaplib.IMAP4.error as error:
                raise DovecotError(f"login as {user}: {error}") from error
            yield connection
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                connection.logout()

    def deliver(
        self,
        user: str,
        raw: bytes,
        folder: str = "INBOX",
        flags: Iterable[str] = (),
        when: datetime.datetime | None = None,
    ) -> int:
        """Puts ``raw`` into ``folder`` of ``user`` (IMAP APPEND); returns its UID."""
        flag_list = " ".join(flags)
        moment = imaplib.Time2Internaldate(when) if when is not None else None
        with self.imap(user) as connection:
            typ, data = connection.append(
                _mailbox_arg(folder), f"({flag_list})" if flag_list else None, moment, raw
            )
        _check(typ, data, f"APPEND to {folder!r} of {user}")
        found = re.search(rb"\[APPENDUID \d+ (\d+)\]", data[0] or b"")
        if found is None:
            raise DovecotError(f"APPEND to {folder!r} of {user}: no APPENDUID in {data!r}")
        return int(found.group(1))

    def create_folder(self, user: str, name: str) -> None:
        with self.imap(user) as connection:
            typ, data = connection.create(_mailbox_arg(name))
        _check(typ, data, f"CREATE {name!r} for {user}")

    def folders(self, user: str) -> list[str]:
        with self.imap(user) as connection:
            typ, data = connection.list()
        _check(typ, data, f"LIST for {user}")
        return sorted(_listed_name(line) for line in data if line is not None)

    def messages(self, user: str, folder: str = "INBOX") -> list[StoredMessage]:
        """Every message in ``folder``, by UID; read-only, so flags stay as they are."""
        with self.imap(user) as connection:
            typ, data = connection.select(_mailbox_arg(folder), readonly=True)
            _check(typ, data, f"EXAMINE {folder!r} of {user}")
            if int(data[0] or b"0") == 0:
                return []
            typ, fetched = connection.uid("FETCH", "1:*", "(UID FLAGS BODY.PEEK[])")
        _check(typ, fetched, f"FETCH from {folder!r} of {user}")
        # Each message comes as (head with UID and FLAGS, body), then a closing b")".
        items: list[Any] = fetched
        return sorted(_fetched(item) for item in items if isinstance(item, tuple))

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@contextlib.contextmanager
def dovecot(
    users: Mapping[str, str], *, port: int = 0, workdir: str | Path | None = None
) -> Iterator[Dovecot]:
    """Dovecot on ``127.0.0.1:port`` (0: a free port) for the length of the block, with a
    mailbox for each login in ``users`` (address -> password). Mail is kept under
    ``workdir`` (kept afterwards) or a temporary directory (removed afterwards)."""
    if not os.path.exists(DOVECOT):
        raise DovecotError(f"{DOVECOT} is missing: apt-get install dovecot-imapd (bin/_install)")
    logins = _logins(users)
    owners = _owners()
    own_workdir = workdir is None
    if workdir is None:
        root = Path(tempfile.mkdtemp(prefix="klantbeeld-dovecot-"))
        base_dir = root / "run"
        base_dir.mkdir()
    else:
        root = Path(workdir)
        # Sockets live in base_dir, whose path must stay short (108 bytes on Linux)
        # whatever workdir is.
        base_dir = Path(tempfile.mkdtemp(prefix="klantbeeld-dovecot-run-"))
    # Dovecot's processes show it in their titles: klantbeeld-dovecot-…/imap.
    instance = root.name if own_workdir else base_dir.name
    try:
        _prepare(root, base_dir, owners, logins)
        process, bound = _start_listening(root, base_dir, instance, owners, port)
        try:
            yield Dovecot(
                host=HOST,
                port=bound,
                users=MappingProxyType(dict(logins)),
                workdir=root,
                base_dir=base_dir,
                log_path=root / "dovecot.log",
                pid=process.pid,
            )
        finally:
            _stop(process)
    finally:
        shutil.rmtree(base_dir, ignore_errors=True)
        if own_workdir:
            shutil.rmtree(root, ignore_errors=True)


def _logins(users: Mapping[str, str]) -> dict[str, str]:
    logins: dict[str, str] = {}
    for user, password in users.items():
        login = user.lower()
        if not login or _BAD_LOGIN.search(login) or "@" not in login:
            raise ValueError(f"{user!r}: a login is a full mail address")
        if login in logins:
            raise ValueError(f"{user!r}: logins are compared in lower case; given twice")
        if not password or "\n" in password:
            raise ValueError(f"{user!r}: a password is one non-empty line")
        logins[login] = password
    return logins


def _owners() -> _Owners:
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        group = grp.getgrgid(os.getegid()).gr_name
        return _Owners(me.pw_name, group, me.pw_name, me.pw_uid, os.getegid(), privileged=False)
    # Debian's package creates dovecot and dovenull; mail (uid 8) is in every Debian base
    # system and owns no login, so the mailboxes are nobody's home.
    mail = pwd.getpwnam("mail")
    return _Owners("dovecot", "dovecot", "dovenull", mail.pw_uid, mail.pw_gid, privileged=True)


def _prepare(root: Path, base_dir: Path, owners: _Owners, logins: Mapping[str, str]) -> None:
    for directory in (root, root / "state"):
        directory.mkdir(parents=True, exist_ok=True)
        # Dovecot's unprivileged processes walk through these to the mailboxes.
        directory.chmod(0o755)
    base_dir.chmod(0o755)
    mail = root / "mail"
    mail.mkdir(mode=0o700, exist_ok=True)
    os.chown(mail, owners.mail_uid, owners.mail_gid)
    passwd = root / "passwd"
    passwd.write_text("".join(_passwd_line(login, pw) for login, pw in logins.items()))
    # Read by Dovecot's auth process, which runs as the internal user.
    passwd.chmod(0o640)
    os.chown(passwd, -1, grp.getgrnam(owners.internal_group).gr_gid)


def _passwd_line(login: str, password: str) -> str:
    # Base64, so that a password may hold the passwd-file's separator.
    encoded = base64.b64encode(password.encode()).decode()
    return f"{login}:{{PLAIN.B64}}{encoded}::::::\n"


def _config(root: Path, base_dir: Path, instance: str, owners: _Owners, port: int) -> str:
    return f"""\
base_dir = {base_dir}
state_dir = {root / "state"}
log_path = {root / "dovecot.log"}
instance_name = {instance}
listen = {HOST}
protocols = imap
ssl = no
# Loopback only: no TLS, so logins in plain text are allowed.
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Lu
default_internal_user = {owners.internal_user}
default_internal_group = {owners.internal_group}
default_login_user = {owners.login_user}
first_valid_uid = {owners.mail_uid}
first_valid_gid = {owners.mail_gid}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = {root / "passwd"}
}}
userdb {{
  driver = static
  args = uid={owners.mail_uid} gid={owners.mail_gid} home={root / "mail"}/%u
}}
{"" if owners.privileged else _UNPRIVILEGED}service imap-login {{
  inet_listener imap {{
    address = {HOST}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


# Only root may chroot.
_UNPRIVILEGED = """\
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
"""


def _free_port() -> int:
    # Dovecot cannot report the port it got for port 0, so one is picked here; another
    # process may take it before Dovecot binds it, which _start_listening retries.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _start_listening(
    root: Path, base_dir: Path, instance: str, owners: _Owners, port: int
) -> tuple[subprocess.Popen[bytes], int]:
    attempts = 1 if port else 5
    for attempt in range(attempts):
        chosen = port or _free_port()
        conf = root / "dovecot.conf"
        conf.write_text(_config(root, base_dir, instance, owners, chosen))
        process = _spawn(root, conf)
        try:
            _wait_ready(process, root, chosen)
        except _PortTaken:
            _stop(process)
            if attempt + 1 == attempts:
                raise DovecotError(f"port {chosen} is in use") from None
            continue
        except BaseException:
            _stop(process)
            raise
        return process, chosen
    raise AssertionError("unreachable")


_running: set[subprocess.Popen[bytes]] = set()
_running_lock = threading.Lock()


def _spawn(root: Path, conf: Path) -> subprocess.Popen[bytes]:
    command = [DOVECOT, "-F", "-c", str(conf)]
    setpriv = shutil.which("setpriv")
    if setpriv is not None:
        command = [setpriv, "--pdeathsig", "TERM", "--", *command]
    with (root / "dovecot.stderr").open("wb") as stderr:
        # A session of its own: a terminal's Ctrl-C reaches only the starter, which then
        # stops Dovecot, and _stop can signal all of Dovecot's processes as one group.
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr, start_new_session=True
        )
    with _running_lock:
        _running.add(process)
    return process


class _PortTaken(Exception):
    pass


def _wait_ready(process: subprocess.Popen[bytes], root: Path, port: int) -> None:
    """Until Dovecot logs its start (so the port is its own, not another's) and greets."""
    deadline = time.monotonic() + START_TIMEOUT
    log = root / "dovecot.log"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = _tail(root / "dovecot.stderr") + _tail(log)
            if "Address already in use" in output:
                raise _PortTaken
            raise DovecotError(f"dovecot exited with {process.returncode}:\n{output}")
        if "starting up" in _tail(log) and _greets(port):
            return
        time.sleep(0.05)
    raise DovecotError(f"dovecot did not greet on port {port} within {START_TIMEOUT}s")


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-4000:] if path.exists() else ""


def _greets(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=2) as connection:
            return connection.makefile("rb").readline().startswith(b"* OK")
    except OSError:
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the whole group: each process ends its own work at once. (To the master
    alone, Dovecot takes seconds to wind its processes down.) Stragglers are killed."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(process.pid)
            process.wait()
    deadline = time.monotonic() + STOP_TIMEOUT
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    if group_members(process.pid):
        _kill_group(process.pid)
    with _running_lock:
        _running.discard(process)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def group_members(pgid: int) -> list[int]:
    """The live processes in process group ``pgid`` (a Dovecot's ``pid``), from /proc;
    zombies are left out, they wait only for a parent to collect their exit status."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the command name, which is in parentheses and may hold spaces:
        # state, ppid, pgrp.
        fields = stat.rpartition(")")[2].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


@atexit.register
def _kill_leftovers() -> None:
    with _running_lock:
        for process in list(_running):
            _kill_group(process.pid)


def _check(typ: str, data: Sequence[object], what: str) -> None:
    if typ != "OK":
        raise DovecotError(f"{what}: {typ} {data!r}")


def _mailbox_arg(name: str) -> str:
    encoded = encode_mailbox_name(name)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


_LISTED = re.compile(rb'^\((?P<flags>[^)]*)\) (?P<delimiter>"[^"]*"|NIL) (?P<name>.*)$')


def _listed_name(line: bytes | tuple[bytes, bytes]) -> str:
    if isinstance(line, tuple):  # the name came as a literal
        return decode_mailbox_name(line[1].decode())
    found = _LISTED.match(line)
    if found is None:
        raise DovecotError(f"unexpected LIST line {line!r}")
    name = found.group("name").decode()
    if name.startswith('"'):
        name = re.sub(r"\\(.)", r"\1", name[1:-1])
    return decode_mailbox_name(name)


def _fetched(item: tuple[bytes, bytes]) -> StoredMessage:
    head, raw = item
    uid = re.search(rb"UID (\d+)", head)
    if uid is None:
        raise DovecotError(f"FETCH answer without UID: {head!r}")
    flags = tuple(flag.decode() for flag in imaplib.ParseFlags(head))
    return StoredMessage(int(uid.group(1)), flags, raw)


def encode_mailbox_name(name: str) -> str:
    """IMAP's modified UTF-7 (RFC 3501 5.1.3): printable ASCII as is, ``&`` as ``&-``,
    other characters as modified base64 of UTF-16BE between ``&`` and ``-``."""
    # With a capturing group, the odd parts are the runs to shift.
    parts = re.split(r"([^\x20-\x7e]+)", name)
    return "".join(
        _shifted(part) if index % 2 else part.replace("&", "&-") for index, part in enumerate(parts)
    )


def _shifted(run: str) -> str:
    encoded = base64.b64encode(run.encode("utf-16-be")).decode().rstrip("=")
    return "&" + encoded.replace("/", ",") + "-"


def decode_mailbox_name(name: str) -> str:
    def shifted(found: re.Match[str]) -> str:
        encoded = found.group(1)
        if not encoded:
            return "&"
        padded = encoded.replace(",", "/") + "=" * (-len(encoded) % 4)
        return base64.b64decode(padded).decode("utf-16-be")

    return re.sub(r"&([^-]*)-", shifted, name)
