"""The board's turn flow, apart from its drawing: the side whose plan is being made, the cards
chosen and what they cost, what the side can still afford, locking the plan and what comes of it
(the next player's hand-over, or the turn resolved and autosaved), the tutorial's progress, and
the plan autoplay chooses.

No pygame here: the board's panels draw what this gives, and the rules stay in the engine
(`tests/test_board.py` checks that importing this loads no pygame).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.ai import decide
from game.core import Forecast, forecast, preview, preview_tag_rules, why_unusable
from game.core.meters import INFLUENCE_METERS, LIMITS, PILLARS, SIDE_METERS, SIDES, other
from game.core.observe import HIDDEN_OF_OTHER, PUBLIC_OF_OTHER
from game.core.summit import WORD_BROKEN, Term, settle
from game.i18n import N_, _, n_
from game.session.game import HUMAN
from game.session.tutorial import guide_for
from game.speech.sides import side_name
from game.speech.words import tag_name
from game.ui.rule_words import why_not_in_words

if TYPE_CHECKING:
    from game.core.level import Action, Consequences, Event, Level
    from game.core.report import TurnReport
    from game.session.game import Game
    from game.session.replay import ReplayLog

# The filters of the cards by what they move: a name, and which meters count (None: every card).
FILTERS: list[tuple[str, Callable[[str], bool] | None]] = [
    (N_("All"), None),
    (N_("Pillars"), lambda m: m in PILLARS or m in ("trust", "distrust")),
    (N_("Limits"), lambda m: m in LIMITS or m.startswith("washington.")),
    (N_("Central Asia"), lambda m: m in INFLUENCE_METERS or m == "middle_corridor"),
]
TAG_FILTER = "Tag: "  # a filter by a method tag is named "Tag: force"

# The agent that plays a person's side when the window autoplays (`play --autoplay`).
AUTOPLAY_AGENT = "normal"


@dataclass(frozen=True)
class Locked:
    """What locking the plan came to: a problem (the plan stays unlocked), the next person to hand
    the keyboard to, or the turn resolved (with why the autosave failed, if it did)."""

    problem: str | None = None
    hand_over_to: str | None = None
    report: TurnReport | None = None
    autosave_problem: str | None = None


def corridor_can_move(level: Level) -> bool:
    """Whether anything in the level can move the Middle Corridor's share: a card, an event or a
    later effect of either, or the sanctions that send trade onto it (in force at the start, or
    imposed by a card or an event). Before 2014 there was no such route, and the levels of those
    years move nothing on it."""

    def moves(does: Consequences) -> bool:
        return any(m == "middle_corridor" for m, _d in does.effects) or sanctions in does.set_flags

    sanctions = level.rules.sanctions_flag
    if level.flags.get(sanctions):
        return True
    deeds: list[Action | Event] = [*level.actions.values(), *level.events]
    return any(moves(d.does) or any(moves(later.does) for later in d.delayed) for d in deeds)


def meter_groups(game: Game, side: str | None) -> list[tuple[str, list[tuple[str, float | None]]]]:
    """The meters `side` sees, in titled groups, each with the marker its bar shows (the line US
    thaw must cross, or None): the other side shows only its public meters. With `side` None, what
    two people sharing the screen may both see: each side's public meters only. The Middle
    Corridor's share is trade's, neither side's: it closes the column under a heading of its own,
    and is left out of a level that nothing in can move it (its map has no such route either)."""
    threshold = game.level.washington.threshold
    # (A player read it as Beijing's when it sat under "Beijing (what you can see)".)
    trade: list[tuple[str, list[tuple[str, float | None]]]] = (
        [(_("Trade routes"), [("middle_corridor", None)])] if corridor_can_move(game.level) else []
    )
    common: list[tuple[str, list[tuple[str, float | None]]]] = [
        (_("Pillars and trust"), [(m, None) for m in (*PILLARS, "trust", "distrust")]),
        (
            _("Limits (higher pulls apart)"),
            [(m, None) for m in LIMITS]
            + [(f"washington.thaw_{s}", threshold) for s in ("moscow", "beijing")],
        ),
    ]
    if side is None:
        shared: list[tuple[str, list[tuple[str, float | None]]]] = [
            (
                _("{side} (what both of you can see)").format(side=side_name(s)),
                [(f"{s}.{n}", None) for n in PUBLIC_OF_OTHER],
            )
            for s in SIDES
        ]
        return common + shared + trade
    partner = other(side)
    return common + [
        (_("{side} (yours)").format(side=side_name(side)), [(f"{side}.{n}", None) for n in SIDE_METERS]),
        (
            _("{side} (what you can see)").format(side=side_name(partner)),
            [(f"{partner}.{n}", None) for n in PUBLIC_OF_OTHER],
        ),
        *trade,
    ]


def hidden_at_this_screen(game: Game) -> frozenset[str]:
    """The meters the people at this screen may not see, while the game goes on: the other side's
    hidden meters when one side is a person's (the agents see no more of theirs), both sides'
    when two people share the screen, none when agents play both sides and someone watches."""
    humans = game.humans()
    if len(humans) == 1:
        watching = humans
    elif humans:  # two people at one screen: neither side's
        watching = []
    else:  # agents on both sides: the whole game
        watching = list(SIDES)
    return frozenset(f"{s}.{n}" for s in SIDES if s not in watching for n in HIDDEN_OF_OTHER)


def watching_side(game: Game) -> str | None:
    """Whose view of the meters a screen shared by the people at it shows: the one person's side;
    None (each side's public meters) when two people share it; Moscow's when agents play both."""
    humans = game.humans()
    return humans[0] if len(humans) == 1 else None if humans else "moscow"


@dataclass(frozen=True)
class SideView:
    """What a column of meters reads of a game from one side (None: from both, two people at one
    screen), where there is no plan to make (the resolution shows the turn's meters moving)."""

    game: Game
    side: str | None

    def meter_groups(self) -> list[tuple[str, list[tuple[str, float | None]]]]:
        """The meters the side sees, in titled groups (see `meter_groups`)."""
        return meter_groups(self.game, self.side)


class BoardModel:
    """One side's plan for this turn, made on the board of `game` by the person playing `side`."""

    def __init__(self, game: Game, side: str):
        self.game, self.side = game, side
        # A plan locked already, or cards chosen before a save, come back as they were.
        self.plan: list[str] = list(game.locked.get(side) or game.drafts.get(side) or ())
        # The plan before each change, for Undo. A plan drafted before (a saved game loaded, the
        # board shown again) is taken back a card at a time, in the order they were chosen: Undo
        # was greyed out on a loaded game's three cards.
        self.earlier: list[list[str]] = (
            [] if game.locked.get(side) else [self.plan[:i] for i in range(len(self.plan))]
        )
        self.filter = FILTERS[0][0]  # the cards shown: every card, or those of one kind
        self._moved: dict[tuple[int, str], frozenset[str]] = {}
        self._forecast: tuple[tuple[int, tuple[str, ...]], Forecast] | None = None  # the last one asked
        self.guide = guide_for(game, side) if game.seats[side].controller == HUMAN else None
        if self.guide:
            self.guide.begin_turn(game.state.turn)

    @property
    def other(self) -> str:
        return other(self.side)

    # -- what the side sees ------------------------------------------------------------------------
    def meter_groups(self) -> list[tuple[str, list[tuple[str, float | None]]]]:
        """The meters the side sees, in titled groups (see `meter_groups`)."""
        return meter_groups(self.game, self.side)

    def ordered_actions(self) -> list[Action]:
        """The side's cards as the board lists them: those usable this turn first, and within each,
        the level's own cards (its period), in the order its file gives them, before the base
        ruleset's. The order holds for the whole turn, so cards do not jump while a plan is made."""
        game = self.game
        leaf = (game.level.files[-1] if game.level.files else "") + ":"

        def key(action: Action) -> tuple[bool, bool, int]:
            own = action.source.startswith(leaf)
            line = action.source[len(leaf) :] if own else ""
            return (
                why_unusable(game.state, self.side, action.id) is not None,
                not own,
                int(line) if line.isdigit() else 0,
            )

        return sorted(game.level.side_actions(self.side), key=key)

    # -- the plan --------------------------------------------------------------------------------
    @property
    def capital(self) -> float:
        return self.game.state.meters[f"{self.side}.capital"]

    def cost(self) -> int:
        """The capital the chosen cards cost together."""
        return sum(self.game.level.actions[a].cost for a in self.plan)

    def why_not(self, action: Action) -> str | None:
        """Why `action` cannot join the plan now, or None: the engine's reason, else too little
        capital left in this plan, else a plan already full. A card in the plan is given only the
        engine's reason."""
        reason = why_not_in_words(self.game.state, self.side, action.id)
        if reason is not None or action.id in self.plan:
            return reason
        left = self.capital - self.cost()
        if action.cost > left:
            return _("costs {cost}; only {left} capital left in this plan").format(
                cost=action.cost, left=f"{left:g}"
            )
        most = self.game.level.rules.max_actions
        if len(self.plan) >= most:
            return n_("a plan holds at most {n} card", "a plan holds at most {n} cards", most).format(n=most)
        return None

    def forecast(self, card: str | None = None) -> Forecast:
        """What the plan would do at once (the engine's forecast), with `card` added when it is
        not in the plan and may join it: the board's ghosts while a card is pointed at."""
        plan = list(self.plan)
        if card is not None and card not in plan and self.why_not(self.game.level.actions[card]) is None:
            plan.append(card)
        key = (id(self.game.state), tuple(plan))
        if self._forecast is None or self._forecast[0] != key:
            self._forecast = (key, forecast(self.game.state, self.side, plan))
        return self._forecast[1]

    def toggle(self, action_id: str) -> bool:
        """Take the card out of the plan, or put it in; True when it went in."""
        self.earlier.append(list(self.plan))
        added = action_id not in self.plan
        if added:
            self.plan.append(action_id)
        else:
            self.plan.remove(action_id)
        self.keep_draft()
        return added

    def clear(self) -> None:
        if self.plan:
            self.earlier.append(list(self.plan))
        self.plan = []
        self.keep_draft()

    def can_undo(self) -> bool:
        return bool(self.earlier)

    def undo(self) -> bool:
        """Put the plan back as it was before its last change (a card chosen or taken out, or the
        plan cleared); False when there is nothing to undo. Only a plan not yet locked."""
        if not self.earlier:
            return False
        self.plan = self.earlier.pop()
        self.keep_draft()
        return True

    # -- the cards shown ---------------------------------------------------------------------------
    @staticmethod
    def filter_label(name: str) -> str:
        """A filter as its button says it: a tag by its word alone."""
        return tag_name(name[len(TAG_FILTER) :]).capitalize() if name.startswith(TAG_FILTER) else _(name)

    def filters(self) -> list[str]:
        """The filters the side's cards offer: every card, the kinds of meter they move (those
        that some card moves), then the method tags they carry."""
        actions = self.game.level.side_actions(self.side)
        kinds = [name for name, test in FILTERS if test is None or any(self.passes(a, name) for a in actions)]
        tags = sorted({t for a in actions for t in a.tags})
        return kinds + [f"{TAG_FILTER}{t}" for t in tags]

    def passes(self, action: Action, name: str) -> bool:
        """Whether `action` is among the cards the filter `name` shows: by a method tag it carries,
        or by the meters its effects (and the rules its tags trigger) move now."""
        if name.startswith(TAG_FILTER):
            return name[len(TAG_FILTER) :] in action.tags
        test = dict(FILTERS)[name]
        if test is None:
            return True
        return any(test(m) for m in self.moved_by(action))

    def moved_by(self, action: Action) -> frozenset[str]:
        """The meters a card would move now, by its effects and the rules its tags trigger."""
        state = self.game.state
        key = (id(state), action.id)
        if key not in self._moved:
            changes = preview(state, self.side, action.id) + preview_tag_rules(state, self.side, action.id)
            self._moved[key] = frozenset(c.meter for c in changes)
        return self._moved[key]

    def set_filter(self, name: str) -> None:
        self.filter = name

    def turn_filter(self, step: int) -> None:
        """The next filter (or the one before, `step` -1), round and round."""
        names = self.filters()
        at = names.index(self.filter) if self.filter in names else 0
        self.filter = names[(at + step) % len(names)]

    def shown_actions(self) -> list[Action]:
        """The cards the board lists, in their order, under the filter chosen."""
        return [a for a in self.ordered_actions() if self.passes(a, self.filter)]

    def keep_draft(self) -> None:
        # What a save keeps of a plan being made.
        self.game.drafts[self.side] = list(self.plan)

    def autoplay(self) -> None:
        """Choose the plan as autoplay does: the normal agent plays this side, made and seeded by
        the game as it makes the agents it seats: autoplaying a person's side plays it as a seat
        given to the normal agent would be played."""
        # At a summit, the agent bargains for the side first, as it would in the seat.
        self.game.play_summit_for(self.side, AUTOPLAY_AGENT)
        agent = self.game.agent_for(self.side, AUTOPLAY_AGENT)
        self.plan = list(decide(agent, self.game.state, self.side))
        self.keep_draft()

    # -- locking -----------------------------------------------------------------------------------
    def words_broken(self) -> tuple[list[Term], list[Term]]:
        """The running terms this side's plan, as it stands, would go against, as the rules count
        a broken word (WORD_BROKEN): (its own words broken: a card it promised and does not play
        this turn, the last its word covers, a card it swore off and plays, a threat it made and
        leaves empty; the other side's warnings it defies). Deeds still open to a later turn are
        not counted."""
        state, side = self.game.state, self.side
        actions = self.game.level.actions
        chosen = {side: tuple(actions[a] for a in self.plan), other(side): ()}
        _running, settled = settle(state.commitments, state.turn, chosen)
        mine = [s for s in settled if s.side == side and s.result in WORD_BROKEN]
        broken = [s.term for s in mine if s.result != "defied"]
        defied = [s.term for s in mine if s.result == "defied"]
        return list(dict.fromkeys(broken)), list(dict.fromkeys(defied))

    def lock(self, autosave: Callable[[ReplayLog], object], reason: str = "") -> Locked:
        """Lock the plan, with the team's one line of why (`reason`, which the record keeps). When
        another person has still to plan, the keyboard goes to them; when every plan is in, the
        turn resolves and the game is autosaved with `autosave`."""
        game = self.game
        problem = game.lock(self.side, tuple(self.plan), reason=reason)
        if problem:
            return Locked(problem=problem)
        waiting = [s for s in game.waiting_for() if game.seats[s].controller == HUMAN]
        if waiting:
            return Locked(hand_over_to=waiting[0])
        report = game.resolve()
        try:
            autosave(game.log)
        except OSError as e:
            # Said in the data folder's one way (what happened, where the folder is); the game goes on.
            from game.session.data_folder import problem_message

            return Locked(
                report=report, autosave_problem=problem_message(_("The autosave could not be written"), e)
            )
        return Locked(report=report)

    # -- the tutorial ------------------------------------------------------------------------------
    def tutorial_did(self, what: str) -> bool:
        """Tell the tutorial the player did `what`; True when that moved it on."""
        return bool(self.guide and self.guide.notify(what))
