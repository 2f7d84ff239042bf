"""`dutydesk draft REF KIND`: a letter or record from a case, to the outbox, recorded on the case."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import click

from dutydesk.cli.complete import complete_kind, complete_reference
from dutydesk.cli.root import cli
from dutydesk.cli.store_cmds import open_store
from dutydesk.config.policy_files import load_policy
from dutydesk.drafting.draft import Format, check_templates
from dutydesk.drafting.kinds import KINDS, RECIPIENT_WORDS
from dutydesk.errors import BadInput
from dutydesk.infra.safe_output import check_new_file
from dutydesk.infra.safe_text import neutralise
from dutydesk.services.letters import draft_and_record


@cli.command()
@click.argument("reference", required=False, shell_complete=complete_reference)
@click.argument("kind", required=False, shell_complete=complete_kind)
@click.option("--referral", "referral_id", help="The referral (its id) the document is about.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["txt", "docx", "pdf"]),
    default="docx",
    show_default=True,
    help="txt (plain text), docx (Word) or pdf (needs LibreOffice).",
)
@click.option("--out", type=click.Path(path_type=Path), help="A new file to write. Default: the case's outbox.")
@click.option("--force", is_flag=True, help="Replace --out if it already exists.")
@click.option("--list", "list_kinds", is_flag=True, help="List the document kinds and whom each is for.")
@click.option("--json", "as_json", is_flag=True, help="With --list: the kinds as JSON.")
@click.pass_context
def draft(
    ctx: click.Context,
    as_json: bool,
    reference: str | None,
    kind: str | None,
    referral_id: str | None,
    fmt: str,
    out: Path | None,
    list_kinds: bool,
    force: bool,
) -> None:
    """Draft document KIND for case REFERENCE from what is recorded, write it to the outbox
    (owner-only) and record it in the case's chronology with its SHA-256.

    Confidential addresses and phone numbers never reach a document for the court or a party.

    \b
    Example:
      dutydesk draft DD-2025-000104 --list
      dutydesk draft DD-2025-000104 consent_to_checks --format txt
    """
    if out is not None and str(out) == "-":
        # Not standard output: a drafted letter is kept, as a file, with its hash in the chronology.
        raise BadInput(
            "--out - is not a file: a drafted document is written to a file (give a path, or leave --out out for the outbox)"
        )
    if list_kinds and as_json:
        rows = [
            {
                "kind": k.name,
                "for": RECIPIENT_WORDS[k.recipient],
                "ref": k.ref,
                "title": k.title,
                "referral": k.referral,
            }
            for k in KINDS.values()
        ]
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    if list_kinds:
        for k in KINDS.values():
            needs = {"required": " (needs a referral)", "optional": " (about a referral if there is one)"}.get(
                k.referral, ""
            )
            click.echo(f"{k.name:<26} for {RECIPIENT_WORDS[k.recipient]:<23} {k.ref:<22} {k.title}{needs}")
        return
    if not reference or not kind:
        raise click.UsageError("give a case reference and a document kind (or --list to see the kinds)")
    check_templates()
    if out is not None:
        check_new_file(out, force)  # before anything is drafted or recorded
    now = datetime.now(UTC).replace(microsecond=0)
    with open_store(ctx) as store:
        done = draft_and_record(
            store, reference, kind, load_policy(), now, (cast("Format", fmt),), referral_id, out, force
        )
    if done.anchor_problem:
        click.echo(
            neutralise(f"dutydesk: warning: the trail's head was not written down: {done.anchor_problem}"), err=True
        )
    written = done.written[0]
    click.echo(f"{written.path}")
    click.echo(f"sha256 {written.sha256} · for {RECIPIENT_WORDS[done.made.kind.recipient]} · recorded on {reference}")
