"""`dutydesk office-store`: the office's PostgreSQL store set up (schema, roles, grants) and its
officers added or revoked — each a database role of their own (issue 33)."""

from __future__ import annotations

import json
import os

import click

from dutydesk.cli.root import cli
from dutydesk.store.engine import Location, make_engine
from dutydesk.store.migrate import upgrade
from dutydesk.store.office import (
    OfficeRole,
    add_officer,
    check_url,
    encrypted_laptops_required,
    grant_roles,
    officers,
    require_encrypted_laptops,
    revoke_officer,
)

URL_HELP = "The office store, postgresql+psycopg://ADMIN@HOST/DATABASE (the password from PGPASSWORD or ~/.pgpass)."


def _show(roles: list[OfficeRole], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([{"name": r.name, "role": r.role, "can_log_in": r.can_login} for r in roles]))
        return
    for r in roles:
        click.echo(f"{r.name:<24} {r.role:<8} {'can log in' if r.can_login else 'login revoked'}")


@cli.group("office-store")
def office_store() -> None:
    """Set up the office's shared PostgreSQL store and its officers' database roles.

    \b
    Example:
      dutydesk office-store init postgresql+psycopg://dutydesk_admin@db.office.local/dutydesk
      dutydesk office-store add-officer jsmith --role officer --url postgresql+psycopg://dutydesk_admin@db.office.local/dutydesk
    """


@office_store.command("init")
@click.argument("url")
@click.option(
    "--require-encrypted-laptops/--allow-unencrypted-laptops",
    "encrypted",
    default=None,
    help="Refuse to sync with a laptop whose store is not encrypted (SQLCipher, DUTYDESK_DB_KEY); kept until changed.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def init(url: str, encrypted: bool | None, as_json: bool) -> None:
    """Bring the office store to this dutydesk's schema and set up its roles and grants.

    Run it as the database's owner (an administrator). Safe to run again: after an upgrade of
    dutydesk it brings the schema up and grants on any new table.

    \b
    Example:
      dutydesk office-store init postgresql+psycopg://dutydesk_admin@db.office.local/dutydesk --require-encrypted-laptops
    """
    url = check_url(url)
    engine = make_engine(Location(url, None))
    try:
        upgrade(engine, Location(url, None))
        grant_roles(engine)
        if encrypted is not None:
            require_encrypted_laptops(engine, encrypted)
        required = encrypted_laptops_required(engine)
    finally:
        engine.dispose()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "store": url.split("@")[-1],
                    "roles": ["dutydesk_officer", "dutydesk_manager"],
                    "encrypted_laptops_required": required,
                }
            )
        )
    else:
        click.echo(
            f"The office store {url.split('@')[-1]} is ready: roles dutydesk_officer and dutydesk_manager; "
            + ("laptops must keep their stores encrypted." if required else "laptops' stores need not be encrypted.")
        )


@office_store.command("add-officer")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["officer", "manager"]),
    default="officer",
    show_default=True,
    help="officer: reads and writes cases, adds audit rows; manager: an officer who supervises (the review).",
)
@click.option("--url", required=True, help=URL_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def add(name: str, role: str, url: str, as_json: bool) -> None:
    """Give an officer a database login of their own (NAME: lower-case letters, digits, _).

    The officer's password, if the server asks for one, is taken from DUTYDESK_NEW_PASSWORD
    (never an argument: it would stay in the shell's history); with certificate or Kerberos
    sign-in leave it unset. Every audit row the officer writes then records this NAME, as the
    database sees it.

    \b
    Example:
      DUTYDESK_NEW_PASSWORD=... dutydesk office-store add-officer jsmith --role officer --url postgresql+psycopg://admin@db/dutydesk
    """
    engine = make_engine(Location(check_url(url), None))
    try:
        added = add_officer(engine, name, role, os.environ.get("DUTYDESK_NEW_PASSWORD") or None)
    finally:
        engine.dispose()
    _show([added], as_json)


@office_store.command("revoke-officer")
@click.argument("name")
@click.option("--url", required=True, help=URL_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def revoke(name: str, url: str, as_json: bool) -> None:
    """Take an officer's database login away (a stolen laptop, someone who left); their
    recorded work and its trail stay.

    \b
    Example:
      dutydesk office-store revoke-officer jsmith --url postgresql+psycopg://admin@db/dutydesk
    """
    engine = make_engine(Location(check_url(url), None))
    try:
        revoked = revoke_officer(engine, name)
    finally:
        engine.dispose()
    _show([revoked], as_json)


@office_store.command("officers")
@click.option("--url", required=True, help=URL_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def list_officers(url: str, as_json: bool) -> None:
    """List the officers and managers who have a database role on the office store.

    \b
    Example:
      dutydesk office-store officers --url postgresql+psycopg://admin@db/dutydesk --json
    """
    engine = make_engine(Location(check_url(url), None))
    try:
        _show(officers(engine), as_json)
    finally:
        engine.dispose()
