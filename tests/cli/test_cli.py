def test_every_subcommand_is_reachable_through_the_lazy_map() -> None:
    """Sub-commands load on demand; one missing from the map would vanish from `dutydesk`."""
    import importlib

    from dutydesk.cli import root

    for module in set(root.SUBCOMMAND_MODULES.values()):
        importlib.import_module(f"dutydesk.cli.{module}")
    in_root = {"lock-passphrase"}  # defined beside the group itself
    assert sorted(root.cli.commands) == sorted(set(root.SUBCOMMAND_MODULES) | in_root)


def test_lock_passphrase_from_a_script_keeps_only_a_hash(tmp_path: object) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "DUTYDESK_CONFIG_DIR": str(tmp_path)}
    cmd = [sys.executable, "-m", "dutydesk", "lock-passphrase"]
    ok = subprocess.run(cmd, input="correct horse battery\n", env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0
    config = (tmp_path / "config.toml").read_text()  # type: ignore[operator]
    assert 'lock_passphrase = "scrypt:' in config and "correct horse" not in config
    short = subprocess.run(cmd, input="short\n", env=env, capture_output=True, text=True, check=False)
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
