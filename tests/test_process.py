"""The installed `microinf` as a real process: pipes, terminals, signals."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import EXAMPLES

BIN = Path(sys.executable).parent / "microinf"
CREATORS = str(EXAMPLES / "creators.csv")


def read_terminal(fd: int) -> bytes:
    """Everything a pseudo-terminal shows until its other side closes."""
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def test_json_pipes_into_json_tool() -> None:
    producer = subprocess.Popen(
        [str(BIN), "classify", CREATORS, "--format", "json", "--top", "5"], stdout=subprocess.PIPE
    )
    tool = subprocess.run(
        [sys.executable, "-m", "json.tool"], stdin=producer.stdout, capture_output=True, check=False
    )
    assert producer.stdout is not None
    producer.stdout.close()
    assert producer.wait() == 0
    assert tool.returncode == 0
    assert [r["rank"] for r in json.loads(tool.stdout)] == [1, 2, 3, 4, 5]


def test_auto_format_is_json_when_piped_and_has_no_ansi() -> None:
    out = subprocess.run([str(BIN), "classify", CREATORS], capture_output=True, check=True)
    assert out.stdout.startswith(b"[")
    assert b"\x1b[" not in out.stdout
    assert out.stderr == b""


def test_auto_format_is_a_table_on_a_terminal(tmp_path: Path) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdout is the terminal
        os.chdir(tmp_path)
        os.execv(str(BIN), [str(BIN), "classify", CREATORS, "--top", "3"])
    output = read_terminal(fd)
    _, status = os.waitpid(pid, 0)
    text = re.sub(r"\x1b\[[0-9;]*m", "", output.decode())
    assert os.waitstatus_to_exitcode(status) == 0
    assert "handle" in text and "tiers: built-in default" in text
    assert not text.lstrip().startswith("[")


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "microinf", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("microinf ")


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("w") as f:
        f.write("handle,followers\n")
        for i in range(200_000):
            f.write(f"h{i},{i}\n")
    proc = subprocess.Popen(
        f"'{BIN}' classify '{big}' --format jsonl | head -1",
        shell=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        executable="/bin/bash",
    )
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0
    assert len(out.splitlines()) == 1
    assert err == b""


def test_interrupt_exits_130() -> None:
    proc = subprocess.Popen(
        [str(BIN), "classify", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write(b"handle,followers\nana,100\n")
    proc.stdin.flush()
    time.sleep(1.0)  # the process is now blocked reading stdin
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err


def test_library_import_does_not_load_the_cli_stack() -> None:
    code = (
        "import sys, microinf\n"
        "microinf.load_tiers(None)\n"
        "list(microinf.iter_creators([sys.argv[1]]))\n"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, CREATORS], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_progress_bar_on_a_terminal_stderr_for_slow_sources(tmp_path: Path) -> None:
    out_path = tmp_path / "out.json"
    master, slave = pty.openpty()
    with out_path.open("wb") as out:
        proc = subprocess.Popen(
            [str(BIN), "classify", "-", "--format", "json"],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=slave,
            cwd=tmp_path,
        )
    os.close(slave)
    assert proc.stdin is not None
    proc.stdin.write(b"handle,followers\n" + b"".join(b"h%d,%d\n" % (i, i) for i in range(70_000)))
    proc.stdin.flush()
    time.sleep(1.6)  # longer than the bar's one-second delay
    proc.stdin.write(b"".join(b"h%d,%d\n" % (i, i) for i in range(70_000, 140_000)))
    proc.stdin.close()
    output = read_terminal(master)
    assert proc.wait(timeout=60) == 0
    os.close(master)
    assert b"rows/s" in output
    assert len(json.loads(out_path.read_text())) == 140_000


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("handle,followers\n" + "".join(f"h{i},{i}\n" for i in range(100_000)))
    out = subprocess.run(
        [str(BIN), "classify", str(big), "--format", "jsonl"], capture_output=True, check=True
    )
    assert out.stderr == b""
