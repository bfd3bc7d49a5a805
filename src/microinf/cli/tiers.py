"""`microinf tiers`: check, show, init, schema and diff tier configs."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, format_option, say
from microinf.cli.inputs import Inputs, input_options

tiers_app = typer.Typer(
    help="Check, show, create and compare tiers.yaml files.\n\n"
    "Example: microinf tiers check tiers.yaml",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@tiers_app.command("check")
def check(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="Config files to check.")],
    output_format: Annotated[str, format_option("checks", with_auto=False)] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
) -> None:
    """Check tier configs: exit 0 when all pass, 1 when any fails, 3 when one cannot be read.

    Example: microinf tiers check tiers.yaml --format github
    """
    from microinf.render.checks import CheckReport
    from microinf.render.registry import render
    from microinf.tiers.check import check_files, exit_code

    results = check_files(files)
    render("checks", output_format, CheckReport(results, strict), sys.stdout)
    raise typer.Exit(int(exit_code(results, strict)))


@tiers_app.command("show")
def show(
    tiers: Annotated[
        str | None, typer.Option("--tiers", metavar="FILE", help="Config (default as classify).")
    ] = None,
    platform: Annotated[
        str | None, typer.Option(metavar="NAME", help="The tiers of this platform.")
    ] = None,
    output_format: Annotated[str, format_option("tiers")] = "auto",
) -> None:
    """Show the effective tiers as a table (or JSON when piped).

    Example: microinf tiers show --platform tiktok
    """
    with errors_to_exit_codes():
        from microinf.render.registry import render
        from microinf.render.tiers import TierList
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        loaded = load_tiers(resolve_tiers_path(tiers))
        specs = loaded.config.tiers_for(platform.lower() if platform else None)
        where = f"{loaded.origin}" + (f" · platform {platform}" if platform else "")
        render("tiers", output_format, TierList(specs, where), sys.stdout)


@tiers_app.command("init")
def init(
    path: Annotated[str, typer.Argument(help="Where to write.")] = "tiers.yaml",
    preset: Annotated[str, typer.Option(help="standard, later or four-tier.")] = "standard",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter tiers.yaml (and tiers.schema.json beside it, for editors).

    Example: microinf tiers init tiers.yaml --preset later
    """
    with errors_to_exit_codes():
        from microinf.errors import UsageError
        from microinf.tiers.schema import PRESETS
        from microinf.tiers.starter import SCHEMA_NAME, schema_text, starter_text

        if preset not in PRESETS:
            raise UsageError(
                f"--preset: unknown preset {preset!r}", hint=f"presets: {', '.join(PRESETS)}"
            )
        from microinf.render.files import AtomicFile, target_path

        schema_path = str(Path(path).parent / SCHEMA_NAME)
        for target in (path, schema_path):
            target_path(target)  # a dangling link or a missing folder: refused before writing
            if os.path.lexists(target) and not force:
                raise UsageError(
                    f"{target} exists; not overwriting it", hint="add --force to replace it"
                )
        # both files are written in full before either replaces what was there
        files = [(AtomicFile(path), starter_text(preset))]
        files.append((AtomicFile(schema_path), schema_text()))
        try:
            for out, text in files:
                out.write(text)
                out.file.flush()
        except BaseException:
            for out, _ in files:
                out.discard()
            raise
        for out, _ in files:
            out.commit()
        say("", f"wrote {path} (preset {preset}) and {schema_path}")


@tiers_app.command("schema")
def schema() -> None:
    """Print the JSON Schema of tiers.yaml.

    Example: microinf tiers schema > tiers.schema.json
    """
    from microinf.tiers.starter import schema_text

    sys.stdout.write(schema_text())


@tiers_app.command("diff")
@input_options
def diff(
    old: Annotated[str, typer.Argument(help="The config before.")],
    new: Annotated[str, typer.Argument(help="The config after.")],
    inputs: Inputs,
    on: Annotated[
        list[str] | None,
        typer.Option(metavar="SOURCE", help="Creator lists to classify (repeatable)."),
    ] = None,
    output_format: Annotated[str, format_option("diff")] = "auto",
) -> None:
    """What changed between two configs and, with --on, which creators change tier.

    Example: microinf tiers diff tiers.yaml new-tiers.yaml --on creators.csv
    """
    with errors_to_exit_codes():
        from microinf.jobs.impact import impact
        from microinf.render.registry import render
        from microinf.render.tiers import ConfigDiff
        from microinf.tiers.diff import config_changes
        from microinf.tiers.load import load_tiers

        with inputs.read_options() as options:
            if on and inputs.show(on, options):
                return
            before, after = load_tiers(old), load_tiers(new)
            changes = config_changes(before.config, after.config)
            moved = impact(before.config, after.config, on, options) if on else None
        view = ConfigDiff(old, new, changes, moved)
        render("diff", output_format, view, sys.stdout)
