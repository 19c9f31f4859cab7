"""Worker-process start-up: a child ignores Ctrl+C and exits when its parent's pipe closes."""

from __future__ import annotations

import os
import signal

from gui.workflow import batch, processes


def _child(parent_alive, conn) -> None:
    processes.child_started(parent_alive)
    conn.send("ready")
    while True:  # answer pings until the parent is gone (then child_started exits us)
        conn.send(conn.recv())


def test_a_child_survives_ctrl_c_and_exits_with_its_parent():
    # The batch module, as the batch run preloads it: the fork server is one per run.
    context = processes.context(preload=[batch])
    alive_reader, alive_writer = context.Pipe(duplex=False)
    conn, child_conn = context.Pipe()
    child = context.Process(target=_child, args=(alive_reader, child_conn), daemon=True)
    child.start()
    try:
        alive_reader.close()
        child_conn.close()
        assert conn.poll(30) and conn.recv() == "ready"
        os.kill(child.pid, signal.SIGINT)
        conn.send("ping")
        assert conn.poll(30) and conn.recv() == "ping"  # Ctrl+C did not end it
        alive_writer.close()  # what the kernel does when the parent dies
        child.join(30)
        assert child.exitcode == 1
    finally:
        if child.exitcode is None:
            child.kill()
            child.join()
        conn.close()


def test_the_start_method_is_never_fork():
    assert processes.context().get_start_method() in ("forkserver", "spawn")
    assert processes.context(preload=[batch.__name__]).get_start_method() != "fork"


def ignored_group_signals(status: str) -> list[str]:
    """The group signals a /proc/PID/status says are ignored."""
    line = next(line for line in status.splitlines() if line.startswith("SigIgn:"))
    mask = int(line.split()[1], 16)
    return sorted(s.name for s in processes.GROUP_SIGNALS if mask >> (s - 1) & 1)


def report_ignored(conn) -> None:
    """A child's first act, before child_started: what it was forked ignoring."""
    with open("/proc/self/status") as status:
        conn.send(ignored_group_signals(status.read()))


_FRESH_PARENT = r"""
import signal
from gui.workflow import batch, processes
from tests.workflow.test_processes import ignored_group_signals, report_ignored

def mine(signum, frame):
    pass

signal.signal(signal.SIGTERM, mine)
context = processes.context(preload=[batch])
assert signal.getsignal(signal.SIGTERM) is mine, "the parent's handler is back"
assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
server = processes.multiprocessing.forkserver._forkserver._forkserver_pid
with open(f"/proc/{server}/status") as status:
    print(ignored_group_signals(status.read()))
ours, theirs = context.Pipe()
child = context.Process(target=report_ignored, args=(theirs,))
child.start()
assert ours.poll(60), "the child did not answer"
print(ours.recv())
child.join(60)
"""


def test_the_fork_server_and_its_children_ignore_group_signals_from_the_start():
    """Started from the main thread of a fresh process, as `textwash clean` does."""
    import subprocess
    import sys

    from tests.conftest import REPO

    result = subprocess.run(
        [sys.executable, "-c", _FRESH_PARENT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["['SIGINT', 'SIGTERM']"] * 2
