"""Hostile environments, through real processes: encodings, closed or full streams, signals."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CSV = "handle,followers,tier_note\na,5000,\nb,20000,x\n"
MICROINF = [sys.executable, "-m", "microinf"]


def _run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "COLUMNS": "80", **(env or {})}
    environ.pop("MICROINF_TIERS", None)
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [*MICROINF, *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "c.csv"
    path.write_text(CSV)
    return path


def test_an_ascii_terminal_encoding_replaces_characters(data: Path) -> None:
    result = _run(
        ["classify", str(data), "--format", "table"], data.parent, {"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 0, result.stderr
    assert "a" in result.stdout and "?" in result.stdout
    assert "Traceback" not in result.stderr


def test_closed_stdin(data: Path) -> None:
    result = _run(["classify", "-"], data.parent, preexec_fn=lambda: os.close(0))
    assert result.returncode == 3
    assert result.stderr.startswith("error: <stdin>: standard input is closed")


def test_closed_stdout(data: Path) -> None:
    result = _run(["classify", str(data)], data.parent, preexec_fn=lambda: os.close(1))
    assert result.returncode == 3
    assert "standard output is closed" in result.stderr


def test_stdout_on_a_full_disk(data: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [*MICROINF, "classify", str(data)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 3
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr


def _small_files() -> None:
    # a file-size limit makes writes fail as on a full disk (EFBIG instead of ENOSPC)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


def test_rejects_on_a_full_disk_leave_the_old_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("handle,followers\n" + "".join(f"h{i},lots\n" for i in range(2000)))
    old = tmp_path / "r.csv"
    old.write_text("old\n")
    result = _run(
        ["classify", str(bad), "--on-error", "skip", "--rejects", str(old)],
        tmp_path,
        preexec_fn=_small_files,
    )
    assert result.returncode == 3, result.stderr
    assert f"--rejects {old}: cannot write" in result.stderr
    assert old.read_text() == "old\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_tiers_init_on_a_full_disk_leaves_the_old_files(tmp_path: Path) -> None:
    target = tmp_path / "tiers.yaml"
    target.write_text("old\n")
    result = _run(["tiers", "init", str(target), "--force"], tmp_path, preexec_fn=_small_files)
    assert result.returncode == 3, result.stderr
    assert "cannot write" in result.stderr
    assert target.read_text() == "old\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("delay", [0.1, 0.15, 0.2, 0.3, 0.5, 1.5])
def test_sigint_at_any_moment_ends_with_130(tmp_path: Path, delay: float) -> None:
    proc = subprocess.Popen(
        [*MICROINF, "classify", "-"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    # before Python installs its handler the signal itself ends the process: the shell says 130
    assert proc.returncode in (130, -signal.SIGINT), err
    assert "Traceback" not in err


def test_a_broken_installation_reaches_the_last_resort_handler(data: Path, tmp_path: Path) -> None:
    broken = tmp_path / "site"
    (broken / "rich").mkdir(parents=True)
    (broken / "rich" / "__init__.py").write_text("raise RuntimeError('damaged install')\n")
    result = _run(
        ["classify", str(data), "--format", "table"], tmp_path, {"PYTHONPATH": str(broken)}
    )
    assert result.returncode == 70
    assert result.stderr.startswith("error: internal error: RuntimeError")
    assert "please report it" in result.stderr
    assert "Traceback" not in result.stderr


def test_dev_zero_in_a_process(tmp_path: Path) -> None:
    result = _run(["classify", "/dev/zero"], tmp_path)
    assert result.returncode == 1
    assert "a binary file" in result.stderr
