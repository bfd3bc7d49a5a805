"""Usage errors in the one form every error takes: `error: ...` then `hint: ...`, exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from microinf.cli.common import say
from microinf.errors import ExitCode

# the parser's exception classes, found through the public BadParameter (typer may vendor click)
_MRO = {cls.__name__: cls for cls in typer.BadParameter.__mro__}
UsageError: type[Exception] = _MRO["UsageError"]
ClickException: type[Exception] = _MRO["ClickException"]

# pydantic's error types (typer converts option values with it) -> our wording
_WORDING = {
    "int_parsing": "{input!r} is not a whole number",
    "float_parsing": "{input!r} is not a number",
    "greater_than_equal": "{input} is below the smallest allowed value, {ge}",
    "greater_than": "{input} must be above {gt}",
    "less_than_equal": "{input} is above the largest allowed value, {le}",
    "less_than": "{input} must be below {lt}",
    "bool_parsing": "{input!r} is not true or false",
}


def _pydantic_reason(exc: BaseException) -> str | None:
    cause = exc.__cause__ or exc.__context__
    errors = getattr(cause, "errors", None)
    if cause is None or type(cause).__name__ != "ValidationError" or not callable(errors):
        return None
    first: dict[str, Any] = errors()[0]
    ctx = first.get("ctx") or {}
    if first["type"] == "value_error" and "error" in ctx:
        return str(ctx["error"]).rstrip(".")
    template = _WORDING.get(first["type"])
    if template is None:
        return None
    return template.format(input=first.get("input"), **ctx)


def _name(exc: Any) -> str:
    hint = getattr(exc, "param_hint", None)
    if isinstance(hint, str):
        return hint
    param = getattr(exc, "param", None)
    if param is not None:
        opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
        if opts:
            return str(opts[0])
        return str(getattr(param, "metavar", None) or param.name or "").upper()
    return ""


def describe(exc: Any) -> tuple[str, str | None]:
    """The one-line message and the hint of a usage error."""
    kind = type(exc).__name__
    command = exc.ctx.command_path if getattr(exc, "ctx", None) else "microinf"
    hint: str | None = f"{command} -h lists the options"
    if kind == "NoSuchOption":
        message = f"unknown option {exc.option_name}"
        if exc.possibilities:
            close = sorted(
                exc.possibilities, key=lambda p: p.count("-") != exc.option_name.count("-")
            )
            hint = f"did you mean {close[0]}? ({hint})"
    elif kind == "MissingParameter":
        what = "option" if getattr(exc.param, "param_type_name", "") == "option" else "argument"
        message = f"missing {what} {_name(exc)}"
    elif kind == "BadOptionUsage":
        message = exc.message.rstrip(".").replace("Option '", "option ").replace("' ", " ")
    elif kind == "BadParameter":
        reason = _pydantic_reason(exc) or exc.message.replace("Value error, ", "").rstrip(".")
        name = _name(exc)
        message = f"{name}: {reason}" if name else reason
    else:
        message = exc.message.rstrip(".")
        if message.startswith("No such command"):
            found, _, maybe = message.partition(". Did you mean ")
            message = "unknown command " + found.removeprefix("No such command ")
            hint = f"did you mean {maybe.rstrip('?')}?" if maybe else f"{command} -h lists them"
    message = message[:1].lower() + message[1:]
    return message, hint


class Group(TyperGroup):
    """The root command: parser errors printed as `error:` and `hint:` lines."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except UsageError as exc:
            message, hint = describe(exc)
            say("error", message)
            if hint:
                say("hint", hint)
            code = ExitCode.USAGE
        except ClickException as exc:
            say("error", exc.format_message())  # type: ignore[attr-defined]
            code = exc.exit_code  # type: ignore[attr-defined]
        except typer.Abort:
            say("", "interrupted")
            code = ExitCode.INTERRUPTED
        if standalone_mode:
            sys.exit(int(code))
        return int(code)
