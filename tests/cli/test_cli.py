def test_every_subcommand_is_reachable_through_the_lazy_map() -> None:
    """Sub-commands load on demand; one missing from the map would vanish from `dutydesk`."""
    import importlib

    from dutydesk.cli import root

    for module in set(root.SUBCOMMAND_MODULES.values()):
        importlib.import_module(f"dutydesk.cli.{module}")
    assert sorted(root.cli.commands) == sorted(root.SUBCOMMAND_MODULES)
