"""`dutydesk draft REF KIND`: a letter or record from a case, to the outbox, recorded on the case."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from dutydesk.cli.complete import complete_kind, complete_reference
from dutydesk.cli.root import cli
from dutydesk.cli.store_cmds import open_store
from dutydesk.errors import BadInput

if TYPE_CHECKING:
    from dutydesk.drafting.draft import Format
    from dutydesk.store.repository import Store


def refuse_unverified(store: Store, reference: str, kind: str) -> None:
    """A case that no longer matches its audit trail drafts nothing for outside readers until
    an officer has looked (`dutydesk audit accept`): a flag cleared from outside would otherwise
    print a confidential address."""
    from dutydesk.drafting.kinds import KINDS, RECIPIENT_WORDS

    known = KINDS.get(kind)
    if known is None or known.recipient == "internal":
        return
    finding = store.integrity(reference)
    if finding is not None:
        raise BadInput(
            f"{finding}. Nothing for {RECIPIENT_WORDS[known.recipient]} is drafted from it until an officer "
            f"has looked: `dutydesk audit accept {reference} --reason …`"
        )


@cli.command()
@click.argument("reference", required=False, shell_complete=complete_reference)
@click.argument("kind", required=False, shell_complete=complete_kind)
@click.option("--referral", "referral_id", help="The referral (its id) the document is about.")
@click.option("--format", "fmt", type=click.Choice(["txt", "docx", "pdf"]), default="docx", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="A new file to write. Default: the case's outbox.")
@click.option("--force", is_flag=True, help="Replace --out if it already exists.")
@click.option("--list", "list_kinds", is_flag=True, help="List the document kinds and whom each is for.")
@click.pass_context
def draft(
    ctx: click.Context,
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
    """
    from dutydesk.drafting.draft import check_templates
    from dutydesk.drafting.draft import draft as make_draft
    from dutydesk.drafting.kinds import KINDS, RECIPIENT_WORDS
    from dutydesk.drafting.outbox import record, write
    from dutydesk.policy import load_policy

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
        from dutydesk.safe_output import check_new_file

        check_new_file(out, force)  # before anything is drafted or recorded
    now = datetime.now(UTC).replace(microsecond=0)
    with open_store(ctx) as store:
        refuse_unverified(store, reference, kind)
        with store.writing() as conn:
            loaded = store.load_in(conn, reference)
            audit = store.history(reference) if kind == "case_record" else None
            made = make_draft(loaded.case, kind, load_policy(), store.officer.name, now, referral_id, audit)
            written = write(made, cast("Format", fmt), out, force)
            try:
                loaded.case.events.append(record(made, written, store.officer.name, now))
                store.save_in(conn, loaded.case, loaded.version)
            except BaseException:
                written.path.unlink(missing_ok=True)  # not recorded, so not kept
                raise
        store.anchor(f"drafted {kind} for {reference}")
    click.echo(f"{written.path}")
    click.echo(f"sha256 {written.sha256} · for {RECIPIENT_WORDS[made.kind.recipient]} · recorded on {reference}")
