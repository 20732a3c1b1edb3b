"""The exports' tables read right in a spreadsheet: readable column names, and a twin of each table
for spreadsheets set to Turkish or Russian (`;` between columns, a decimal comma), all UTF-8 with a
byte-order mark so that names in any alphabet survive."""

import csv
import io

import pytest

from game.classroom.session import ClassroomSession
from game.classroom.tables import COMMA, SEMICOLON, decision_table, meter_table, to_csv
from game.session.game import Game


@pytest.fixture
def played(testing_event):
    game = Game.new(testing_event, 3, {"moscow": "human", "beijing": "easy"})
    session = ClassroomSession.start(game, {"moscow": "team", "beijing": "easy"}, "owl-42", group="Группа А")
    game.lock("moscow", (), reason="Ждём, что сделает Пекин; bekleyelim")
    game.resolve()
    session.annotate("Good argument")
    game.lock("moscow", ())
    game.resolve()
    return game, session


def read(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_the_meter_table_has_readable_column_names(played):
    game, _ = played
    header, rows = meter_table(game)
    assert header[:4] == ["Turn", "Date", "Partnership", "Partnership ceiling"]
    assert "US thaw with Moscow" in header and "Moscow economy" in header
    assert not any("." in name or "_" in name for name in header)
    assert len(rows) == len(game.reports) + 1


def test_the_semicolon_twin_uses_a_decimal_comma_and_keeps_every_alphabet(played):
    game, _ = played
    header, rows = decision_table(game)
    comma = read(to_csv(header, rows, COMMA), ",")
    semi = read(to_csv(header, rows, SEMICOLON), ";")
    assert comma[0] == semi[0] == header
    assert semi[1][header.index("Moscow's reason")] == "Ждём, что сделает Пекин; bekleyelim"
    after = header.index("Partnership after")
    value = game.history_of("partnership")[1]
    assert float(comma[1][after]) == pytest.approx(value, abs=0.01)
    assert "." not in semi[1][after] and float(semi[1][after].replace(",", ".")) == pytest.approx(
        value, abs=0.01
    )
    assert "noted: Good argument" in semi[2][header.index("Facilitator")]
    meters = read(to_csv(*meter_table(game), SEMICOLON), ";")
    assert all(cell.replace(",", "", 1).replace("-", "", 1).isdigit() for cell in meters[1][2:])


def test_the_exports_write_both_dialects_of_both_tables(played, tmp_path):
    _, session = played
    folder = session.export(root=tmp_path)
    for name in ("meters.csv", "meters-semicolon.csv", "decisions.csv", "decisions-semicolon.csv"):
        assert (folder / name).read_bytes().startswith("\ufeff".encode())


def test_the_decisions_table_gives_the_ais_reasons_as_the_debrief_does(played):
    # The AI side's reason column was empty in decisions.csv while debrief.md gave the reasons.
    from game.classroom.exports import reason_of

    game, _ = played
    header, rows = decision_table(game)
    column = header.index("Beijing's reason")
    assert all(row[column] for row in rows)
    assert [row[column] for row in rows] == [reason_of(game, r.turn, "beijing") for r in game.reports]
