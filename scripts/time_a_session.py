#!/usr/bin/env python3
"""How long a classroom session's turns take: the figures behind docs/classroom.md, "Timings".

Plays a classroom session of a level through the real window, headless (the dummy video driver, as
the tests do), and counts, turn by turn and for each team, what the team has to read and do on each
screen: the words shown (the briefing and the news, the cards on every page the team pages through,
the summit's screens, the resolution's lines, the hand-overs), the cards on offer, the pages and
filter views, the clicks and keys the turn needed, the characters typed (the plan's reason), and
the summit's terms. Then it turns the counts into minutes, low and high, with the assumptions
printed under the table (`RATES`).

    python scripts/time_a_session.py                      two teams, The Testing Event, seed 7, to the cut
    python scripts/time_a_session.py --beijing normal     one team (Moscow) against the Normal AI
    python scripts/time_a_session.py --turns 12 --whole   the whole level instead of its cut

The teams' choices are the Normal AI's (its plan, its moves at the summit), entered through the
screens as a team would enter them: a card's page turned to and the card clicked, a term's tab and
page found and the term clicked. A team is assumed to look at every page of its cards and every tab
of the summit's terms once a turn, and to read every word shown once; it reads its agenda on turn 1.
A program that prints figures, not a test (a minute or two).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # (after the driver is chosen)

REASON = "We keep trade with Moscow going but stay out of the war."  # the plan's reason a team types
PASSPHRASE = "owl-42"

# The rates that turn counts into minutes: (low, high), the low one the quicker. Where each comes
# from is said in docs/classroom.md, "How these timings were measured".
RATES = {
    # Words a minute of prose read: a group reading the screen aloud (middle-school oral reading,
    # about 150 a minute at the median of Hasbrouck & Tindal's norms, less for a group that stops to
    # talk) as the high time; one reader reading silently (about 240 a minute for adults, Brysbaert
    # 2019) as the low.
    "read_wpm": (240.0, 130.0),
    # Seconds a line of the resolution's changes ("Military trust +3.0 (from 62.0 to 65.0): why
    # [file:line]"), which are scanned, not read as prose: a glance at the meter and the number, or
    # the reason read as well.
    "scan_line_s": (1.0, 3.0),
    # Seconds a decision: a card chosen, a term put forward, an answer at the summit. A judgement:
    # a minister proposes, the leader decides (section 5's roles).
    "decision_s": (20.0, 60.0),
    # Seconds a click or key: the Keystroke-Level Model's point and click (1.1 s + 0.2 s), or with
    # a mental step before it (1.35 s) and a group passing the mouse.
    "action_s": (1.3, 3.0),
    # Characters a minute of typing (the reason): 40 and 20 words a minute of five characters.
    "type_cpm": (200.0, 100.0),
    # Seconds each time the keyboard changes hands (two teams at one machine): a judgement.
    "hand_over_s": (10.0, 25.0),
}


def words(text: str) -> int:
    """Words in `text` as shown: HTML tags dropped, entities read as their letters."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return len(re.findall(r"[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff]+(?:['’.,-][0-9A-Za-z]+)*", plain))


@dataclass
class Tally:
    """What one team read and did in one turn (or what both read together: the resolution)."""

    read: dict[str, int] = field(default_factory=dict)  # words by where they were shown
    clicks: int = 0  # clicks and keys
    typed: int = 0  # characters typed
    decisions: int = 0
    hand_overs: int = 0
    cards: int = 0  # cards on offer (all of them, listed under "All")
    usable: int = 0  # of which could be chosen when the board opened
    pages: int = 0  # pages of cards under "All"
    filters: int = 0  # filter views the cards offer
    terms_on_offer: int = 0  # the summit's terms this side could put forward
    terms: list[str] = field(default_factory=list)  # what the summit came to, as words
    lines: int = 0  # the resolution's lines of changes (scanned), beside its news (read)
    list_first: int = 0  # words of the summit's list on the first page of each tab
    # The summit's own share of the decisions, clicks and hand-overs above.
    summit_decisions: int = 0
    summit_clicks: int = 0
    summit_hand_overs: int = 0

    def add(self, where: str, text: str) -> int:
        n = words(text)
        self.read[where] = self.read.get(where, 0) + n
        return n

    @property
    def words(self) -> int:
        """Every word shown (read, scanned or paged past)."""
        return sum(self.read.values())

    def read_words(self, which: int) -> int:
        """The words read as prose: all but the resolution's changes (scanned a line at a time);
        of the summit's list of terms, the first page of each tab (low) or every page (high)."""
        prose = self.words - self.read.get("resolution: changes", 0)
        if which == 0:
            prose -= self.read.get("summit list", 0) - self.list_first
        return prose

    def minutes(self, which: int) -> float:
        """Minutes for this tally at the low (0) or high (1) rates."""
        r = {k: v[which] for k, v in RATES.items()}
        return (
            self.read_words(which) / r["read_wpm"]
            + self.lines * r["scan_line_s"] / 60
            + self.decisions * r["decision_s"] / 60
            + self.clicks * r["action_s"] / 60
            + self.typed / r["type_cpm"]
            + self.hand_overs * r["hand_over_s"] / 60
        )


class Run:
    """A session played through the window, with a tally for each (turn, team) and (turn, 'both')."""

    def __init__(self, app, skip_summits: bool = False):
        self.app = app
        self.skip_summits = skip_summits  # the teams skip each summit (K) instead of bargaining
        self.tallies: dict[tuple[int, str], Tally] = {}
        self.browsed_summit: set[tuple[int, str]] = set()
        self.at_summit = False  # the screen now is the summit's (or a hand-over of its moves)

    # -- input, counted ---------------------------------------------------------------------------
    def tally(self, side: str, turn: int | None = None) -> Tally:
        game = self.game
        key = (game.state.turn if turn is None else turn, side)
        return self.tallies.setdefault(key, Tally())

    @property
    def game(self):
        return self.app.scene.game

    def counted(self, side: str) -> None:
        t = self.tally(side)
        t.clicks += 1
        t.summit_clicks += self.at_summit

    def decided(self, side: str) -> None:
        t = self.tally(side)
        t.decisions += 1
        t.summit_decisions += self.at_summit

    def key(self, side: str, k: int, count: bool = True) -> None:
        if count:
            self.counted(side)
        self.app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)])

    def click(self, side: str, control) -> None:
        self.counted(side)
        self.app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=control.rect.center, button=1)])

    def control(self, test):
        return next((c for c in self.app.scene.controls if test(c)), None)

    # -- the session ------------------------------------------------------------------------------
    def start(self, cut: bool) -> None:
        app = self.app
        self.app.step([])
        assert app.scene.name == "classroom set-up", app.scene.name
        self.type_into("Passphrase", PASSPHRASE)
        if cut:
            cut_button = self.control(lambda c: c.label.startswith("Cut: "))
            self.app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=cut_button.rect.center, button=1)])
        start = self.control(lambda c: c.label == "Start session")
        assert start.enabled, start.why_disabled
        self.app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start.rect.center, button=1)])

    def type_into(self, label: str, text: str, side: str | None = None) -> None:
        c = self.control(lambda c: c.label == label)
        if side is not None:
            self.click(side, c)
            self.tally(side).typed += len(text)
        else:
            self.app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=c.rect.center, button=1)])
        for ch in text:
            self.app.step([pygame.event.Event(pygame.TEXTINPUT, text=ch)])
        self.app.step(pygame.event.get())

    def play(self, last_turn: int) -> None:
        """Play until the debrief, or until `last_turn` has resolved."""
        for _ in range(2000):
            scene = self.app.scene
            if scene.name == "debrief":
                return
            if scene.name != "resolution" and scene.game.state.turn > last_turn:
                return
            self.at_summit = scene.name == "summit" or (
                scene.name == "hand-over" and bool(scene.note or scene.summit_unread)
            )
            {
                "hand-over": self.hand_over,
                "summit": self.summit,
                "board": self.board,
                "resolution": self.resolution,
            }[scene.name](scene)
        raise RuntimeError("the session did not end")

    # -- each screen ------------------------------------------------------------------------------
    def hand_over(self, scene) -> None:
        side = scene.side
        t = self.tally(side)
        t.add("hand-over", f"Hand the keyboard to {side} " + scene.note_text())
        if scene.summit_unread:
            t.add("hand-over", " ".join(scene.agreed_lines()))
        t.add("hand-over", scene.controls[0].label)
        t.hand_overs += 1
        t.summit_hand_overs += self.at_summit
        self.key(side, pygame.K_RETURN)

    def summit_screen(self, scene, side: str) -> None:
        t = self.tally(side)
        t.add("summit", scene.intro())
        for words_, _rect in scene.captions:
            t.add("summit", words_)
        if scene.box is not None:
            t.add("summit", scene.box.html_text)

    def summit(self, scene) -> None:
        from game.ai.negotiate import negotiator_for
        from game.core.observe import observe
        from game.core.summit import Term
        from game.ui.summit.model import AUTOPLAY_AGENT

        side, model, game = scene.side, scene.model, scene.game
        t = self.tally(side)
        stage = model.stage
        negotiator = negotiator_for(game.agent_for(side, AUTOPLAY_AGENT), side)
        seen = observe(game.state, side)
        if self.skip_summits and stage in ("propose", "answer", "counter"):
            t.add("summit", scene.intro())
            self.key(side, pygame.K_k)
            return
        if stage == "propose":
            self.summit_screen(scene, side)
            t.terms_on_offer = sum(n for _, _, n in model.kinds())
            chosen = negotiator.propose(seen) if negotiator else []
            if (game.state.turn, side) not in self.browsed_summit:
                self.browsed_summit.add((game.state.turn, side))
                self.browse_terms(side)
            for term in chosen:
                self.choose_term(side, term)
                self.decided(side)
            self.key(side, pygame.K_p)
            return
        if stage in ("answer", "counter"):
            self.summit_screen(scene, side)
            if stage == "answer":
                answers = dict(negotiator.answer(seen, model.to_answer())) if negotiator else {}
                for term in model.to_answer():
                    given = answers.get(term.key(), "reject")
                    self.decided(side)
                    if isinstance(given, Term):
                        self.counter(side, term, given)
                    else:
                        self.click(side, self.answer_button(term, given))
            else:
                counters = [c for _, c in model.counters()]
                answers = negotiator.answer_counters(seen, counters) if negotiator else {}
                for counter in counters:
                    self.decided(side)
                    self.click(side, self.answer_button(counter, answers.get(counter.key(), "reject")))
            if negotiator is not None:
                model.table.reasons.update(negotiator.reasons)
            self.key(side, pygame.K_s)
            return
        # The summary ("done"), or waiting for the other side: read it, and go on.
        self.summit_screen(scene, side)
        if stage == "done":
            t.terms = [line for line in self.agreed(game)]
        self.key(side, pygame.K_RETURN)

    def agreed(self, game) -> list[str]:
        from game.core.summit import term_words

        table = game.table
        return [term_words(game.level, term) for term in (table.agreed() if table is not None else [])]

    def answer_button(self, term, answer: str):
        label = {"accept": "Accept", "reject": "Reject"}[answer]
        return self.control(lambda c: c.kind == "answer" and c.label == label and c.data == term)

    def browse_terms(self, side: str) -> None:
        """Look at every tab of terms, page by page, and read each row."""
        t = self.tally(side)
        tabs = [c.label for c in self.app.scene.controls if c.kind == "tab" and "(" in c.label]
        for i, label in enumerate(tabs):
            if i > 0:
                self.click(side, self.control(lambda c, label=label: c.kind == "tab" and c.label == label))
            scene = self.app.scene
            for page in range(50):
                for c in scene.controls:
                    if c.kind == "term":  # (as the list shows it: without what its kind's tab says)
                        n = t.add("summit list", scene.shown_as.get(id(c), c.label))
                        t.list_first += n if page == 0 else 0
                if scene.model.page >= scene.pages - 1:
                    break
                self.key(side, pygame.K_PAGEDOWN)
        first = self.control(lambda c: c.kind == "tab" and c.label == tabs[0]) if tabs else None
        if first is not None and len(tabs) > 1:
            self.click(side, first)

    def choose_term(self, side: str, term) -> None:
        """Find the term as a team would (its kind's tab, then its page) and click it."""
        scene = self.app.scene
        tab = next(
            c for c in scene.controls if c.kind == "tab" and c.label.startswith(f"{term.kind.capitalize()}s")
        )
        if not tab.selected:
            self.click(side, tab)  # (a tab opens on its first page)
        model = self.app.scene.model
        keys = [t.key() for t in model.listed()]
        page = keys.index(term.key()) // self.app.scene.per_page
        while model.page != page:
            self.key(side, pygame.K_PAGEDOWN if model.page < page else pygame.K_PAGEUP)
        self.click(side, self.control(lambda c: c.kind == "term" and c.data.key() == term.key()))

    def counter(self, side: str, term, counter) -> None:
        self.click(
            side, self.control(lambda c: c.kind == "answer" and c.label == "Counter…" and c.data == term)
        )
        for _ in range(50):
            row = self.control(
                lambda c: c.kind == "term" and c.data is not None and c.data.key() == counter.key()
            )
            if row is not None:
                self.click(side, row)
                return
            self.key(side, pygame.K_PAGEDOWN)
        self.key(side, pygame.K_ESCAPE)  # no such counter listed: put it down, and reject
        self.click(side, self.answer_button(term, "reject"))

    def board(self, scene) -> None:
        from game.ai import decide
        from game.ui.board.texts import agenda_view_html, card_effects, card_tags, card_word, news_html
        from game.ui.reason_field import LABEL
        from game.ui.summit.model import AUTOPLAY_AGENT

        side, game, model, cards = scene.side, scene.game, scene.model, scene.cards
        t = self.tally(side)
        turn = game.state.turn
        if scene.news.showing == "commitments":  # the board opens on what the summit just agreed
            t.add("board: commitments", scene.news.html())
        t.add("board: news" if game.reports else "briefing", news_html(game, side))
        if turn == 1:
            t.add("briefing", agenda_view_html(game, side))
        shown = model.shown_actions()
        t.cards, t.pages, t.filters = len(shown), cards.pages, len(model.filters())
        t.usable = sum(model.why_not(a) is None for a in shown)
        # Page through every card once, reading each face.
        for page in range(cards.pages):
            if page > 0:
                self.click(side, self.control(lambda c: c.label == ">"))
            for c in self.app.scene.controls:
                if c.kind == "card":
                    action, reason = c.data
                    _breaks, word = card_word(game, side, action)
                    face = f"{action.name} {word} {card_tags(action, c.selected)} "
                    face += f"Not now: {reason}" if reason else card_effects(game, side, action)
                    t.add("cards", face)
        # The plan, as the Normal AI would make it, entered card by card.
        plan = list(decide(game.agent_for(side, AUTOPLAY_AGENT), game.state, side))
        for action_id in plan:
            self.choose_card(side, action_id)
            self.decided(side)
        self.type_into(LABEL, REASON, side)
        # The reason's field has the keyboard now (L would be typed into it): Lock is clicked.
        for _ in range(2):  # (an empty plan asks to be locked twice)
            if self.app.scene is not scene:
                break
            self.click(side, self.control(lambda c: c.label.startswith("Lock plan")))
        if self.app.scene is scene:
            raise RuntimeError(f"{side}'s plan was not locked on turn {turn}")

    def choose_card(self, side: str, action_id: str) -> None:
        cards = self.app.scene.cards
        order = [a.id for a in self.app.scene.model.shown_actions()]
        cols, rows, *_ = cards.grid()
        per_page = cols * rows
        page = order.index(action_id) // per_page
        while cards.page != page:
            self.click(side, self.control(lambda c: c.label == (">" if cards.page < page else "<")))
        self.click(side, self.control(lambda c: c.kind == "card" and c.data[0].id == action_id))

    def resolution(self, scene) -> None:
        from game.core.meters import label

        humans = scene.game.humans()
        who = humans[0] if len(humans) == 1 else "both"
        t = self.tally(who, scene.report.turn)
        for title, news, changes in scene.steps:
            t.add("resolution: news", " ".join([title, *news]))
            t.lines += len(changes)
            for c in changes:
                t.add(
                    "resolution: changes",
                    f"{label(c.meter)} {c.delta:+.1f} from {c.before:.1f} to {c.after:.1f} {c.why} {c.source}",
                )
        # Enter steps through the phases; the last one's Continue goes on. (The keys are the turn's,
        # though the game has moved on to the next turn by the last of them.)
        for _ in range(len(scene.steps) + 1):
            if self.app.scene is not scene:
                break
            t.clicks += 1
            self.key(who, pygame.K_RETURN, count=False)
        if self.app.scene is scene:
            raise RuntimeError(f"the resolution of turn {scene.report.turn} did not end")


def run_session(
    level: str = "testing_event",
    seed: int = 7,
    teams: dict[str, str] | None = None,
    cut: bool = True,
    last_turn: int = 99,
    size: tuple[int, int] = (1280, 720),
    skip_summits: bool = False,
) -> tuple[Run, object]:
    """Play the session through the window (to the cut, or to `last_turn`), and return the run and
    the game. The app's window is closed after."""
    from game.ui.app import App, PlayOptions
    from game.ui.scenes.title import TitleScene

    teams = teams or {"moscow": "team", "beijing": "team"}
    setup = {"level_id": level, "seed": seed, "teams": teams, "timer": 0, "group": "timing", "cut": cut}
    app = App(PlayOptions(size=size, classroom=setup))
    app.settings.animation_speed = "off"
    app.push(TitleScene(app))
    run = Run(app, skip_summits)
    try:
        run.start(cut)
        game = app.scene.game
        run.play(last_turn)
    finally:
        pygame.display.quit()
    return run, game


def turn_rows(run: Run, sides: list[str]) -> list[dict]:
    """One row a turn: each team's counts, what both read together, and the minutes."""
    rows = []
    for turn in sorted({t for t, _ in run.tallies}):
        row: dict = {"turn": turn}
        parts = [run.tallies.get((turn, s), Tally()) for s in [*sides, "both"]]
        for s, tally in zip([*sides, "both"], parts, strict=True):
            row[s] = tally
        row["low"] = sum(p.minutes(0) for p in parts)
        row["high"] = sum(p.minutes(1) for p in parts)
        rows.append(row)
    return rows


def table(rows: list[dict], sides: list[str]) -> str:
    """Each turn, each team (and "both": the resolution, read together at one machine)."""
    out = [
        "| turn | team | words shown | news, briefing | cards | summit | summit's list | resolution: news "
        "| resolution: lines of changes | cards (usable) | pages | filters | terms on offer | decisions "
        "| clicks+keys | typed | minutes |",
        "| " + " | ".join(["---"] * 17) + " |",
    ]
    for row in rows:
        for s in [*sides, "both"]:
            t: Tally = row[s]
            if not t.words and not t.clicks:
                continue
            r = t.read
            news = sum(r.get(k, 0) for k in ("briefing", "board: news", "board: commitments", "hand-over"))
            out.append(
                f"| {row['turn']} | {s} | {t.words} | {news} | {r.get('cards', 0)} | {r.get('summit', 0)} "
                f"| {r.get('summit list', 0)} | {r.get('resolution: news', 0)} | {t.lines} "
                f"| {t.cards} ({t.usable}) | {t.pages} | {t.filters} | {t.terms_on_offer or ''} "
                f"| {t.decisions} | {t.clicks} | {t.typed} | {t.minutes(0):.1f}–{t.minutes(1):.1f} |"
            )
        out.append(
            f"| {row['turn']} | **the turn** |" + " |" * 14 + f" **{row['low']:.1f}–{row['high']:.1f}** |"
        )
    return "\n".join(out)


def summit_part(row: dict, sides: list[str], which: int) -> float:
    """Minutes of a turn's summit (its screens, its list, its decisions and keys, the hand-overs it
    adds): what a turn saves when the summit is skipped."""
    r = {k: v[which] for k, v in RATES.items()}
    total = 0.0
    for s in sides:
        t: Tally = row[s]
        if not t.terms_on_offer:
            continue
        read = t.read.get("summit", 0) + (t.read.get("summit list", 0) if which else t.list_first)
        total += read / r["read_wpm"] + t.summit_decisions * r["decision_s"] / 60
        total += t.summit_clicks * r["action_s"] / 60 + t.summit_hand_overs * r["hand_over_s"] / 60
    return total


def phases(rows: list[dict], sides: list[str]) -> str:
    """The plan's phases: the briefing (read on turn 1), turn 1 without it, the turns after it, a
    turn with and without its summit."""
    everyone = [*sides, "both"]
    brief_words = sum(rows[0][s].read.get("briefing", 0) for s in sides) if rows else 0
    lo_b, hi_b = (brief_words / RATES["read_wpm"][0], brief_words / RATES["read_wpm"][1])
    out = ["| phase | words shown | minutes (low–high) |", "| --- | ---: | ---: |"]
    out.append(
        f"| briefing (each side's briefing and agenda, on screen) | {brief_words} | {lo_b:.1f}–{hi_b:.1f} |"
    )
    if rows:
        first = rows[0]
        words1 = sum(first[s].words for s in everyone) - brief_words
        out.append(
            f"| turn 1 (without the briefing) | {words1} | {first['low'] - lo_b:.1f}–{first['high'] - hi_b:.1f} |"
        )
    rest = rows[1:]
    if rest:
        w = sum(r[s].words for r in rest for s in everyone)
        lo, hi = sum(r["low"] for r in rest), sum(r["high"] for r in rest)
        n = len(rest)
        out.append(f"| turns 2–{rows[-1]['turn']} ({n} turns) | {w} | {lo:.1f}–{hi:.1f} |")
        out.append(f"| a turn of these, on average | {w // n} | {lo / n:.1f}–{hi / n:.1f} |")
        with_summit = [r for r in rest if any(r[s].terms_on_offer for s in sides)]
        if with_summit:
            k = len(with_summit)
            lo = sum(r["low"] for r in with_summit) / k
            hi = sum(r["high"] for r in with_summit) / k
            out.append(f"| a turn with a summit ({k} of them) | | {lo:.1f}–{hi:.1f} |")
            slo = sum(summit_part(r, sides, 0) for r in with_summit) / k
            shi = sum(summit_part(r, sides, 1) for r in with_summit) / k
            out.append(f"| of which the summit | | {slo:.1f}–{shi:.1f} |")
        plain = [r for r in rest if r not in with_summit]
        if plain:
            k = len(plain)
            lo, hi = sum(r["low"] for r in plain) / k, sum(r["high"] for r in plain) / k
            out.append(f"| a turn without a summit ({k} of them) | | {lo:.1f}–{hi:.1f} |")
    return "\n".join(out)


def summit_terms(run: Run, sides: list[str]) -> list[str]:
    out = []
    for (turn, side), t in sorted(run.tallies.items()):
        if side in sides and t.terms_on_offer:
            agreed = "; ".join(t.terms) if t.terms else "nothing agreed"
            out.append(f"turn {turn}, {side}: {t.terms_on_offer} terms on offer; agreed: {agreed}")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--level", default="testing_event")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--moscow", default="team")
    parser.add_argument("--beijing", default="team")
    parser.add_argument("--whole", action="store_true", help="play the whole level, not its classroom cut")
    parser.add_argument("--turns", type=int, default=99, help="stop after this turn")
    parser.add_argument("--skip-summits", action="store_true", help="the teams skip every summit (K)")
    parser.add_argument("--size", default="1280x720", help="the window's size (default 1280x720)")
    args = parser.parse_args(argv)
    # A data folder of its own: the game's default settings (not this computer's UI scale), and no
    # autosave or export written among the player's.
    os.environ["PRAGMATIC_PARTNERS_HOME"] = tempfile.mkdtemp(prefix="time-a-session-")
    teams = {"moscow": args.moscow, "beijing": args.beijing}
    size = tuple(int(n) for n in args.size.lower().split("x"))
    run, game = run_session(
        args.level,
        args.seed,
        teams,
        cut=not args.whole,
        last_turn=args.turns,
        size=size,
        skip_summits=args.skip_summits,
    )
    sides = [s for s in ("moscow", "beijing") if teams[s] == "team"]
    rows = turn_rows(run, sides)
    who = " and ".join(s.capitalize() for s in sides)
    print(
        f"{game.level.title}, seed {args.seed}, a {args.size} window: {who} played by teams; "
        f"{len(rows)} turns measured\n"
    )
    print(table(rows, sides))
    print()
    print(phases(rows, sides))
    print()
    for line in summit_terms(run, sides):
        print(line)
    print("\nRates (low–high): " + "; ".join(f"{k} {lo:g}–{hi:g}" for k, (lo, hi) in RATES.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
