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
