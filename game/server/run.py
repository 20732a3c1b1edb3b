"""Start the class server: open the store, settle the passphrase, the class code and the session's
set-up (from a pack, or kept from the last run in the same data folder), print what to tell the
class, and serve until stopped."""

from __future__ import annotations

import json
import random
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from game.classroom.language import class_language
from game.core.level_text import ENGLISH, in_language
from game.server.auth import TeacherAuth, new_class_code, new_secret
from game.server.store import DB_NAME, Store

DEFAULT_LEVEL = "testing_event"


@dataclass
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8765
    data: Path | None = None
    pack: Path | None = None
    passphrase: str | None = None
    class_code: str | None = None
    level_dirs: tuple[Path, ...] = ()


class ServeError(Exception):
    """The server cannot start (a bad pack, no passphrase): the message says why."""


def default_config(store: Store) -> dict:
    seed = int(store.meta_or("seed", lambda: str(random.SystemRandom().randrange(10**9))))
    return {
        "level": DEFAULT_LEVEL,
        "seed": seed,
        "sides": {"moscow": "team", "beijing": "normal"},
        "timer": 0,
        "groups": [],
        "end_after_turn": None,
        "reveal": "at_once",
        "inject": [],
    }


def open_store(data: Path) -> Store:
    """The class's store in the folder `data`; ServeError, in a line, for a folder that cannot be
    one (a file of that name, a database another program wrote or one damaged)."""
    if data.exists() and not data.is_dir():
        raise ServeError(f"{data} is a file, not a folder; give --data a folder for the class")
    try:
        return Store(data)
    except sqlite3.DatabaseError as e:
        raise ServeError(
            f"{data / DB_NAME} cannot be read as the class's record ({e}); start the class in a "
            "folder of its own: --data NEW_FOLDER"
        ) from None
    except OSError as e:
        raise ServeError(f"the class's folder {data} cannot be used: {e.strerror or e}") from None


def kept_config(kept: str, data: Path) -> dict:
    """The set-up a class's folder keeps, checked as a pack is (the folder may have been edited)."""
    from pydantic import ValidationError

    from game.classroom.pack import SessionPackSpec

    try:
        return SessionPackSpec.model_validate(json.loads(kept)).model_dump()
    except (ValueError, RecursionError, ValidationError):
        raise ServeError(
            f"the set-up kept in {data / DB_NAME} is damaged; start the class with --pack PACK.toml, "
            "or in a folder of its own: --data NEW_FOLDER"
        ) from None


def prepare(options: ServeOptions):
    """(store, ClassSession, TeacherAuth) for these options; raises ServeError."""
    from game.classroom.pack import PackError, load_pack
    from game.levels import Catalogue, LevelError
    from game.paths import user_data_dir, user_levels_dir
    from game.server.app import ClassSession

    data = options.data or user_data_dir() / "class-server"
    store = open_store(data)
    if options.pack is not None:
        try:
            spec = load_pack(options.pack, list(options.level_dirs), warn=lambda p: print(p, file=sys.stderr))
        except PackError as e:
            raise ServeError(f"the pack cannot be used:\n{e}") from None
        config = spec.model_dump()
        kept = store.meta("config")
        begun = bool(store.groups()) or store.meta("ended") == "1"
        if begun and kept is not None and kept_config(kept, data) != config:
            # The folder is one class's: its groups, turns and exports. Another pack here would
            # meet that class's ended session and its groups (every laptop was told the session
            # had ended); the class that was is kept as it is.
            raise ServeError(
                f"{data} holds a class already played with another pack; its groups and exports "
                "stay there. Start the next class in a folder of its own: --data NEW_FOLDER"
            )
        store.set_meta("config", json.dumps(config))
    else:
        kept = store.meta("config")
        config = kept_config(kept, data) if kept else default_config(store)
        store.set_meta("config", json.dumps(config))
    try:
        level = Catalogue.scan([user_levels_dir(), *options.level_dirs]).load(config["level"])
    except (LevelError, KeyError) as e:
        raise ServeError(f"the level '{config['level']}' cannot be loaded: {e}") from None
    if config.get("cut") and level.cut is not None:
        # A pack's `cut = true`: every group's session ends at the level's classroom cut.
        config["end_after_turn"] = level.cut
    if not options.passphrase and store.meta("passphrase") is None and sys.stdin.isatty():
        # Typed here, it stays out of the shell's history and the list of processes.
        from getpass import getpass

        options.passphrase = getpass("The teacher's passphrase for the dashboard: ")
    if options.passphrase:
        if len(options.passphrase.strip()) < 4:
            raise ServeError("the passphrase needs at least 4 characters")
        store.set_meta("passphrase", TeacherAuth.hash(options.passphrase.strip()))
    elif store.meta("passphrase") is None:
        raise ServeError(
            "give the teacher's passphrase with --passphrase TEXT, or start it in a terminal to type it "
            "(it is kept only as a hash)"
        )
    code = (options.class_code or "").strip().upper()
    if code:
        store.set_meta("class_code", code)
    class_code = store.meta_or("class_code", new_class_code)
    # The pack's scheduled injections become the facilitator's acts for every group, once.
    if config.get("inject") and store.meta("scheduled") is None:
        titles = {e.id: e.title for e in level.events}
        for item in config["inject"]:
            store.add_command(None, "inject", {"event": item["event"], "turn": item["turn"]})
            title = titles.get(item["event"], item["event"])
            store.log_act("schedule", None, f"{title}, at turn {item['turn']} (from the session pack)")
        store.set_meta("scheduled", "1")
    # The dashboard names events and outcomes as the class reads them.
    told = in_language(level, class_language(config.get("language")) or ENGLISH)
    session = ClassSession(
        config=config,
        events=[{"id": e.id, "title": e.title} for e in told.events],
        outcomes={o.id: o.title for o in told.outcomes},
        title=told.title,
        turns=level.turns if not config.get("end_after_turn") else min(level.turns, config["end_after_turn"]),
        class_code=class_code,
        data=data,
    )
    auth = TeacherAuth(store.meta("passphrase") or "", store.meta_or("secret", new_secret))
    return store, session, auth


def room_address() -> str | None:
    """This computer's address on the network the room shares (the one its traffic to other
    machines leaves from), or None when it has none but its own."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            # A datagram socket sends nothing on connect: it only asks the system which address a
            # packet to another network would leave from.
            probe.connect(("10.255.255.255", 1))
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def serve(options: ServeOptions) -> int:
    try:
        import starlette  # noqa: F401  (checked here, so that its absence is a sentence, not a traceback)
        import uvicorn
    except ImportError:
        print(
            'the class server needs its extra packages: python -m pip install "pragmatic-partners[server]" '
            '(or, from a checkout, python -m pip install ".[server]")',
            file=sys.stderr,
        )
        return 1
    from game.server.app import create_app

    try:
        store, session, auth = prepare(options)
    except ServeError as e:
        print(f"cannot start the class server: {e}", file=sys.stderr)
        return 1
    app = create_app(store, session, auth)
    shown = "localhost" if options.host in ("127.0.0.1", "::1") else options.host
    if options.host in ("0.0.0.0", "::", ""):
        # Listening on every network: the laptops need this computer's address on the room's
        # network, not "0.0.0.0", which no other machine can reach.
        shown = room_address() or shown
    url = f"http://{shown}:{options.port}/"
    print(f"Class server for {session.config['level']}, seed {session.config['seed']}")
    print(f"  dashboard:  {url}  (log in with the passphrase)")
    print(f"  class code: {session.class_code}")
    print(f"  students:   python -m game play --join {url} --class-code {session.class_code} --group NAME")
    print(f"  data:       {session.data}")
    if options.host in ("127.0.0.1", "localhost", "::1"):
        print(
            "  Only this computer can reach it. To let the class's laptops join, start it with "
            "--host 0.0.0.0: then anyone on the room's network can open the dashboard's login page "
            "and try the class code, so choose a passphrase that is not easy to guess."
        )
    else:
        print(
            f"  Open to the network on {options.host}: every machine that can reach this one can see "
            "the login page and join with the class code. The passphrase guards the dashboard; the "
            "traffic is not encrypted (plain HTTP), so use it on the room's own network only."
        )
    sys.stdout.flush()
    try:
        uvicorn.run(app, host=options.host, port=options.port, log_level="warning", ws="websockets-sansio")
    finally:
        store.close()
    return 0
