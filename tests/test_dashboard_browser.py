"""The teacher's dashboard in a real headless browser (Debian's chromium through selenium): log in,
watch three groups move, inject an event, pause and resume, end the session, and read the list of
the teacher's acts. The groups are the
game's own classroom sessions linked to the server, played by agents without a window.
Screenshots go to /tmp/pp-dashboard-*.png."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from test_class_server import CODE, PACK, PASSPHRASE, Server, wait_until

SHOTS = Path("/tmp")
# A group named as a class might name one, near the 60 characters a group's name may have.
LONG_NAME = "Green: Ms Okonkwo-Villanueva's comparative politics, room 3"


def chrome_paths() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


class HeadlessGroup(threading.Thread):
    """One group: a classroom session on the class server's link, both sides played by agents,
    a turn every `pace` seconds, taking the facilitator's acts as the window would."""

    def __init__(self, url: str, name: str, level, pace: float = 0.6):
        super().__init__(daemon=True)
        self.url, self.name, self.level, self.pace = url, name, level, pace
        self.game = None
        self.error: BaseException | None = None

    def run(self) -> None:
        from game.classroom.session import ClassroomSession
        from game.server.client import join_class
        from game.session.game import Game

        try:
            link, joined = join_class(self.url, CODE, self.name)
            link.poll_seconds = 0.3
            config = joined.session
            game = Game.new(self.level, int(config["seed"]), {"moscow": "easy", "beijing": "normal"})
            session = ClassroomSession.start(game, dict(config["sides"]), "local", 0, self.name)
            session.link = link
            self.game = game
            while not game.over:
                session.sync()
                if not session.paused and not game.over:
                    game.resolve()
                time.sleep(self.pace)
            link.close(10)
        except BaseException as e:  # reported by the test
            self.error = e


@pytest.mark.slow
def test_the_teacher_logs_in_watches_groups_move_injects_and_ends_the_session(tmp_path, testing_event):
    paths = chrome_paths()
    if paths is None:
        pytest.skip("chromium and chromedriver are not installed (.ci/run installs Debian's chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    pack = tmp_path / "pack.toml"
    pack.write_text(PACK.format(turns=12).replace('"Green"', f'"{LONG_NAME}"'))
    server = Server(tmp_path, pack)
    server.start()
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(paths[1]), options=options)
    groups = [HeadlessGroup(server.url, name, testing_event) for name in ("Red", "Blue", LONG_NAME)]
    try:
        browser.get(server.url + "/")
        field = browser.find_element(By.ID, "passphrase")
        field.send_keys("not it")
        browser.find_element(By.ID, "login-button").click()
        wait_until(
            lambda: "not the passphrase" in browser.find_element(By.ID, "login-error").text, 10, "refusal"
        )
        wait_until(lambda: browser.find_element(By.ID, "login-button").is_enabled(), 10, "the wait")
        field.send_keys(PASSPHRASE)
        browser.find_element(By.ID, "login-button").click()
        wait_until(lambda: browser.find_element(By.ID, "dashboard").is_displayed(), 10, "the dashboard")
        assert browser.get_cookie("pp_teacher") is not None
        assert PASSPHRASE not in (browser.get_cookie("pp_teacher") or {}).get("value", "")
        for group in groups:
            group.start()

        # Read in one script: the table is redrawn whenever the server sends news.
        def column(name: str) -> dict[str, str]:
            return dict(
                browser.execute_script(
                    "return [...document.querySelectorAll('#groups tbody tr')]"
                    ".map(r => [r.dataset.group, r.querySelector('td.' + arguments[0]).textContent])",
                    name,
                )
            )

        def turns() -> dict[str, int]:
            return {name: int(text.split("/")[0]) for name, text in column("turn").items()}

        wait_until(lambda: len(turns()) == 3 and min(turns().values()) >= 1, 30, "three groups on the page")
        first = turns()
        wait_until(lambda: all(turns()[n] > first[n] for n in first), 30, "every group to move on")
        browser.save_screenshot(str(SHOTS / "pp-dashboard-live.png"))
        # A long group name wraps in its cell: the table fits the window, nothing scrolls sideways.
        assert browser.execute_script(
            "const w = document.querySelector('#groups').closest('.table-wrap');"
            "return w.scrollWidth <= w.clientWidth"
        )
        # Washington's thaw with each side (one figure, the higher, did not say with whom), and
        # the level by its title, not its id.
        import re

        assert all(re.fullmatch(r"\d+ / \d+", text) for text in column("washington_thaw").values())
        assert "The Testing Event (2022-2024), seed" in browser.find_element(By.ID, "summary").text
        # A score to its tenth, as the laptops and the exports give it (62.5 read 63 here).
        # A closed laptop is offline, paused or not (a pause hid it).
        assert browser.execute_script(
            "return groupState({connected: false, paused: true, finished: false}).slice(0, 2)"
        ) == ["offline", "state-offline"]
        assert browser.execute_script("return [fmtScore(62.5), fmtScore(40), fmtScore(null)]") == [
            "62.5",
            "40",
            "–",
        ]

        Select(browser.find_element(By.ID, "inject-event")).select_by_value("oil_price_cap")
        browser.find_element(By.ID, "inject").click()
        wait_until(
            lambda: "Injected into every group" in browser.find_element(By.ID, "message").text, 10, "ok"
        )
        wait_until(
            lambda: all(
                any(a.kind == "inject" and a.event_id == "oil_price_cap" for a in g.game.log.facilitator)
                for g in groups
            ),
            30,
            "the injection in every group",
        )

        browser.find_element(By.ID, "pause-all").click()
        wait_until(lambda: all(g.game.classroom.paused for g in groups), 15, "every group paused")
        wait_until(
            lambda: all("paused" in text for text in column("state").values()),
            10,
            "paused on the page",
        )
        browser.save_screenshot(str(SHOTS / "pp-dashboard-paused.png"))
        browser.find_element(By.ID, "resume-all").click()
        wait_until(lambda: not any(g.game.classroom.paused for g in groups), 15, "every group resumed")

        # An adjustment of more than 20 (50 typed for 5, say) is asked about; dismissed, nothing is sent.
        delta = browser.find_element(By.ID, "adjust-delta")
        browser.find_element(By.ID, "adjust-reason").send_keys("a summit the class staged")
        delta.clear()
        delta.send_keys("50")
        browser.find_element(By.ID, "adjust").click()
        asked = browser.switch_to.alert
        assert "by +50 for every group?" in asked.text
        asked.dismiss()
        assert browser.find_element(By.ID, "message").text == "Not adjusted."
        delta.clear()
        delta.send_keys("5")
        browser.find_element(By.ID, "adjust").click()  # no question: the page says it is done
        wait_until(
            lambda: "Adjusted for every group" in browser.find_element(By.ID, "message").text, 10, "ok"
        )
        wait_until(
            lambda: all(
                [(a.kind, a.delta) for a in g.game.log.facilitator if a.kind == "adjust"] == [("adjust", 5)]
                for g in groups
            ),
            30,
            "the one adjustment in every group",
        )

        browser.find_element(By.ID, "end").click()
        browser.switch_to.alert.accept()
        wait_until(lambda: all(g.game.over for g in groups), 20, "every game ended")
        wait_until(
            lambda: all("finished" in text for text in column("state").values()),
            20,
            "finished on the page",
        )
        browser.save_screenshot(str(SHOTS / "pp-dashboard-ended.png"))
        # Ended early, the scores are pro-rated: the figures are marked so, not only the note.
        marks = browser.execute_script(
            "return [...document.querySelectorAll('#groups td.moscow, #groups td.beijing')]"
            ".map(c => [c.classList.contains('provisional'), c.title])"
        )
        assert len(marks) == 6 and all(
            marked and re.fullmatch(r"provisional \(\d+ of 12 turns\)", title) for marked, title in marks
        )

        # The teacher's own record, newest first: every act with its time, its group and what it was.
        def acts() -> list[list[str]]:
            return browser.execute_script(
                "return [...document.querySelectorAll('#acts tbody tr')]"
                ".map(r => [...r.querySelectorAll('td')].map(td => td.textContent))"
            )

        wait_until(lambda: len(acts()) == 6, 10, "the teacher's acts on the page")
        listed = acts()
        assert [row[1:3] for row in listed] == [
            ["End", "every group"],
            ["Adjust", "every group"],
            ["Resume", "every group"],
            ["Pause", "every group"],
            ["Inject", "every group"],
            ["Schedule", "every group"],
        ]
        assert listed[4][3] == "The West caps the price of Russian oil, as the turn being played resolves"
        assert "from the session pack" in listed[5][3]
        assert all(len(row[0].split(":")) == 3 for row in listed)  # the time, to the second
        browser.execute_script("document.getElementById('acts').scrollIntoView()")
        browser.save_screenshot(str(SHOTS / "pp-dashboard-acts.png"))
        browser.set_window_size(820, 1180)  # a tablet held upright
        browser.save_screenshot(str(SHOTS / "pp-dashboard-tablet.png"))
        for g in groups:
            g.join(15)
            assert g.error is None, g.error
            assert g.game.log.ended_early
        assert all(server.groups()[g.name]["finished"] for g in groups)
    finally:
        browser.quit()
        server.stop()


@pytest.mark.slow
def test_the_dashboard_of_a_russian_class_is_in_russian(tmp_path, testing_event):
    paths = chrome_paths()
    if paths is None:
        pytest.skip("chromium and chromedriver are not installed (.ci/run installs Debian's chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    from game.classroom.language import speaking
    from game.core.level_text import in_language
    from game.i18n import _
    from game.speech.words import meter_label

    pack = tmp_path / "pack.toml"
    pack.write_text('language = "ru"\n' + PACK.format(turns=12), encoding="utf-8")
    server = Server(tmp_path, pack)
    server.start()
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(paths[1]), options=options)
    try:
        browser.get(server.url + "/")
        wait_until(lambda: browser.find_element(By.ID, "login-button").text == "Войти", 10, "the login")
        assert browser.find_element(By.CSS_SELECTOR, "label[for=passphrase]").text == "Пароль учителя"
        browser.find_element(By.ID, "passphrase").send_keys(PASSPHRASE)
        browser.find_element(By.ID, "login-button").click()
        wait_until(lambda: browser.find_element(By.ID, "dashboard").is_displayed(), 10, "the dashboard")
        assert browser.find_element(By.ID, "pause-all").text == "Пауза для всех"
        assert "язык Русский" in browser.find_element(By.ID, "summary").text
        assert "команда" in browser.find_element(By.ID, "summary").text  # (it read "team")
        assert browser.execute_script("return document.documentElement.lang") == "ru"
        # The meters to adjust, by their Russian names (they were ids: "central asia rivalry").
        with speaking("ru"):
            rivalry = meter_label("central_asia_rivalry")
        shown = browser.execute_script(
            "return [...document.querySelectorAll('#adjust-meter option')].map(o => o.textContent)"
        )
        assert rivalry in shown and not any("_" in name or "central asia" in name for name in shown)
        # The events to inject, the outcome of a finished group, its provisional score and the
        # time of an act, as a Russian class reads them (each was English).
        level = in_language(testing_event, "ru")
        with speaking("ru"):
            finished, provisional = _("finished"), _("provisional ({played} of {turns} turns)")
        events = browser.execute_script(
            "return [...document.querySelectorAll('#inject-event option')].map(o => o.textContent)"
        )
        assert next(e.title for e in level.events if e.id == "wagner_mutiny") in events
        outcome = level.outcomes[0]
        state, _class, note = browser.execute_script(
            "return groupState({finished: true, outcome: arguments[0], scored_turns: [4, 12],"
            " scored: 'provisional (4 of 12 turns)'})",
            outcome.id,
        )
        assert state == finished != "finished"
        assert note.startswith(outcome.title) and provisional.format(played=4, turns=12) in note
        assert "M" not in browser.execute_script("return clock(13 * 3600)")  # no AM or PM
        browser.save_screenshot(str(SHOTS / "pp-dashboard-ru.png"))
    finally:
        browser.quit()
        server.stop()
