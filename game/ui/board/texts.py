"""What the board says, in words read from the game: the top bar, the partnership's title, the
news and the agenda, each card's tags and effects, the plan, and each meter's and card's "why?".

No pygame here: the panels fit these words to their room and draw them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from game.core import preview, preview_tag_rules, provisional_goals
from game.core.meters import POWERS, SIDES, STATES, band_spans
from game.core.phases import warmer_relation
from game.i18n import N_, _, format_number, n_
from game.session.story import (
    SCENARIO_LEVEL_NOTE,
    SCENARIO_MARK,
    bounds_text,
    provisional_words,
)
from game.speech.facilitator_words import act_words, facilitator_news
from game.speech.reasons import say
from game.speech.sides import power_letter, power_name, side_name
from game.speech.words import (
    band_of,
    date_of,
    limit_label,
    listed,
    meter_label,
    own_meter_label,
    quoted,
    tags_shown,
)
from game.ui.agenda import agenda_html, goal_thresholds, goals_met_before, known_agendas
from game.ui.card_preview import signed, signed_change, summarise_changes
from game.ui.map_period import state_name
from game.ui.numbers import shown, shown_pair
from game.ui.rule_words import state_news, why_not_in_words
from game.ui.summit.words import card_terms, entry_lines, running_by_whose_word, settled_words

if TYPE_CHECKING:
    from game.core import Forecast
    from game.core.level import Action
    from game.session.game import Game


def top_bar_words(game: Game, side: str) -> tuple[str, str, str, str]:
    """(the level's title, the turn and its date, who governs, the political capital)."""
    lv = game.level
    turn = min(game.state.turn, lv.turns)
    capital = game.state.meters[f"{side}.capital"]
    end = game.session_end()
    if end is not None:
        # A session set to end at its cut: "Turn 1 of 12" told the students of turns they would
        # never play.
        count = _("Turn {turn} of {end} (session)").format(turn=min(turn, end), end=end)
    else:
        count = _("Turn {turn} of {turns}").format(turn=turn, turns=lv.turns)
    return (
        lv.title,
        count + f"  ·  {date_of(lv, turn)}",
        _("Governing from {side}").format(side=side_name(side)),
        _("Political capital {capital}").format(capital=f"{capital:g}"),
    )


HELD_NOW = 0.05  # (a partnership within it of its ceiling reads as at it: 48.27 beside 48.27)


def ceiling_holder(game: Game) -> str | None:
    """The limit that weighed most on the ceiling when it last held the partnership down, if it
    did so last turn (its "why?" gives the figure)."""
    reports = game.reports
    cause = reports[-1].ceiling_cause if reports else None
    if cause == "us_normalization":  # (with the side it warms to, as the "why?" names it)
        return limit_label(f"washington.thaw_{warmer_relation(game.state.meters)}")
    return limit_label(cause) if cause else None


def gauge_titles(game: Game, meters: Mapping[str, float] | None = None) -> list[str]:
    """The partnership's title over its gauge, then shorter ones for a narrow column (from
    `meters` when given, the game's now otherwise)."""
    m = game.state.meters if meters is None else meters
    value, ceiling = m["partnership"], m["partnership_ceiling"]
    # The limit is named while the partnership stands at its ceiling: held last turn, it may
    # have moved since (a later phase, an event), and "61.7 (ceiling 63, held by divergent
    # methods)" told of a hold that is not there now.
    held = ceiling_holder(game) if ceiling - value < HELD_NOW else None
    edges = [lo for lo, _hi, _name in band_spans()] + goal_thresholds(
        game.level, "partnership", known_agendas(game)
    )
    # Each figure beside the other too: a partnership held at a ceiling of 48.27 reads 48.27, not
    # 48.3, which would seem to stand above it.
    v, c = shown(value, [*edges, ceiling], least=1), shown(ceiling, [value])
    longer = (
        [
            _("Partnership {value}: {band} (ceiling {ceiling}, held by {limit})").format(
                value=v, band=band_of(value), ceiling=c, limit=held
            )
        ]
        if held
        else []
    )
    if held:
        # The limit before the band, when both do not fit: the bands are named under the gauge,
        # and at 1280x720 a long limit's name left the title without it.
        longer.append(
            _("Partnership {value} (ceiling {ceiling}, held by {limit})").format(
                value=v, ceiling=c, limit=held
            )
        )
    titles = [
        *longer,
        _("Partnership {value}: {band} (ceiling {ceiling})").format(value=v, band=band_of(value), ceiling=c),
        _("Partnership {value} (ceiling {ceiling})").format(value=v, ceiling=c),
        _("{value} (ceiling {ceiling})").format(value=v, ceiling=c),
    ]
    # The ceiling's figure stays with its word when the title breaks: "(ceiling" ending one line
    # and "22)" the next read as two things.
    return [title.replace(f" {c}", f"\u00a0{c}") for title in titles]


def meter_figure(game: Game, meter: str, value: float | None = None) -> str:
    """A meter's figure in its row (its value now, or `value`): whole, unless that would seem to
    reach a goal's threshold."""
    return shown(
        game.state.meters[meter] if value is None else value,
        goal_thresholds(game.level, meter, known_agendas(game)),
    )


def meter_row_label(meter: str) -> str:
    """A meter's name in its row, where the group's title already names the side."""
    return meter_row_labels(meter)[0]


# Shorter names for a narrow column (800x600, or a large UI scale): the row's "why?" says the whole.
SHORT_NAMES = {
    "method_divergence": [N_("Divergence")],
    "central_asia_rivalry": [N_("C. Asian rivalry"), N_("Rivalry")],
    "middle_corridor": [N_("Middle Corridor"), N_("Mid. Corridor")],
    "capital": [N_("capital")],
    "identity_gap": [N_("Id. gap")],
    "military_trust": [N_("Mil. trust")],
    "economic_ties": [N_("Econ. ties")],
    "freed_forces": [N_("freed")],
}


def meter_row_labels(meter: str) -> list[str]:
    """A meter's name in its row, then shorter ones for a narrow column."""
    if meter.startswith("washington."):
        side = side_name(meter.split("_")[-1])
        return [_("US–{side} thaw").format(side=side), _("US–{side}").format(side=side)]
    head = meter.split(".")[0]
    name = own_meter_label(meter) if head in SIDES else meter_label(meter)
    return [name, *(_(short) for short in SHORT_NAMES.get(meter.split(".")[-1], []))]


def group_titles(title: str) -> list[str]:
    """A group's title over its meters, then without its note in brackets for a narrow column."""
    return [title, title.split(" (")[0]] if " (" in title else [title]


def meter_why(game: Game, meter: str, sources: bool = False) -> tuple[str, list[str]]:
    """A meter's "why?": its value, then the changes of the last turn that moved it, with their
    reasons (and, with `sources`, where the level files set their numbers, or its start)."""
    value = game.state.meters.get(meter)
    lines = []
    turn, changes = game.last_changes(meter)
    if turn is None:
        source = game.level.start_sources.get(meter, "")
        lines.append(
            _("Unchanged since the start ({source}).").format(source=source)
            if sources and source
            else _("Unchanged since the start.")
        )
    else:
        total = sum(c.delta for c in changes)
        lines.append(_("Turn {turn}: {change} in all. Why:").format(turn=turn, change=signed_change(total)))
        for c in changes[:7]:
            where = f"  [{c.source}]" if sources else ""
            lines.append(f"{signed_change(c.delta)}  {say(c.why, game.level)}{where}")
        if len(changes) > 7:
            more = len(changes) - 7
            lines.append(n_("…and {n} more change.", "…and {n} more changes.", more).format(n=more))
    thresholds = goal_thresholds(game.level, meter, known_agendas(game)) if value is not None else []
    if value is None:
        return meter_label(meter), lines
    # TRANSLATORS: a meter's tooltip's title, its name and its value ("Trust: 45")
    return _("{meter}: {value}").format(
        meter=meter_label(meter), value=shown(value, thresholds, least=1)
    ), lines


def upper_first(text: str) -> str:
    """`text` with a capital first letter (the rest as it is: a name in it keeps its own)."""
    return text[:1].upper() + text[1:]


def news_html(game: Game, side: str) -> str:
    """The news box: the facilitator's acts of this turn, the briefing before the first turn, then
    the last three turns' events, notes and acts, newest first."""
    lines = []
    # (A note is the facilitator's own, for the debrief: the players do not see it on the board.)
    shown = [a for a in game.pending_acts() if a.kind in ("inject", "adjust")]
    if game.classroom is not None and shown:
        # The facilitator's acts are shown to the players as the facilitator's, at once (a
        # pause or a refused passphrase is not news, so it gives no heading of its own).
        lines.append("<b>" + _("From the facilitator") + "</b>")
        lines += [html.escape(facilitator_news(game, act)) for act in shown]
    if not game.reports:
        # TRANSLATORS: the briefing's first line: the level's title (in bold) and its first date
        lines.append(
            _("{title}, {date}.").format(
                title=f"<b>{html.escape(game.level.title)}</b>", date=date_of(game.level, 1).rstrip(".")
            )
        )
        if game.level.hypothetical:
            lines.append(f"<i>{html.escape(_(SCENARIO_LEVEL_NOTE))}</i>")
        # The whole briefing: the box scrolls. (It was once cut at 900 characters of its HTML,
        # which lost the side's aims at its end and could cut an entity such as "&#x27;" in two;
        # pygame_gui's parser keeps such an unfinished end back and puts it before the title when
        # it lays the text out again for the box's scroll bar.)
        lines.append(html.escape(game.level.briefing.get(side, "").strip()))
    for report in reversed(game.reports[-3:]):
        lines.append(
            "<b>"
            + _("Turn {turn}, {date}").format(turn=report.turn, date=date_of(game.level, report.turn))
            + "</b>"
        )
        # Whose event it was, only when the session tells it at once (a pack's "at_once"); else
        # the debrief is where the class learns it (the engine's report never says).
        by_facilitator = game.injected_events(report.turn)
        for event_id in report.events:
            event = game.level.event(event_id)
            if event:
                who = (
                    " <i>" + _("(put in play by the facilitator)") + "</i>"
                    if event_id in by_facilitator
                    else ""
                )
                # An invented development is never told as if it were the record.
                if game.level.is_scenario(event):
                    who += f" <i>{html.escape(_(SCENARIO_MARK))}</i>"
                lines.append(f"<b>{html.escape(event.title)}</b>{who} {html.escape(event.text)}")
        for act in game.log.acts_of_turn(report.turn):
            if act.kind == "adjust":
                lines.append(html.escape(_("The facilitator {act}").format(act=act_words(game.level, act))))
        for note in report.notes:
            lines.append(html.escape(say(note, game.level)))
        states = [sentence for _phase, sentence in state_news(game.level, report)]
        lines.extend(f"<b>{html.escape(sentence)}</b>" for sentence in states)
        if not report.events and not report.notes and not states:
            lines.append(_("A quiet season: no event."))
    return "<br>".join(lines)


def agenda_view_html(game: Game, side: str) -> str:
    """The Agenda tab: the side's score now, then its agenda, each goal met now or not."""
    score = game.scores_now()[side]
    agenda = game.level.agendas.get(side)
    # To the tenth, as the debrief gives it ("12.5 of 100" there was "12 of 100" here).
    now = shown(score, [agenda.win_at] if agenda else [], least=0 if float(score).is_integer() else 1)
    short = game.scored_now()
    if short is not None and short[0] == 0:
        said = _("{side}: no score yet, as no turn has been played").format(side=side_name(side))
    elif short is not None:
        # A session that ends at its cut is scored against goals pro-rated to the turns played:
        # the whole level's score here read 62.5 where the session, ended, scored 37.5.
        said = _("{side}: if the session ended now, your score would be {score} of 100, {note}").format(
            side=side_name(side), score=now, note=say(provisional_words(*short))
        )
    else:
        said = _("{side}: your score now is {score} of 100").format(side=side_name(side), score=now)
    head = "<b>" + html.escape(said) + "</b><br>"
    lost = goals_met_before(game, side)
    return head + agenda_html(game.level, side, game.state, lost) + short_session_html(game, side)


def short_session_html(game: Game, side: str) -> str:
    """For a session that ends before the level's last turn (at the cut, or a pack's last turn):
    when it ends, and each goal as it will be judged then, pro-rated to the turns played."""
    end = game.session_end()
    if end is None or game.over:
        return ""
    goals = provisional_goals(game.level, end)[side]
    lines = [
        _(
            "<br><b>This session ends after turn {end} of {turns}</b> and is scored "
            "provisionally: each goal pro-rated to the turns played. At the end of turn "
            "{end} it asks for:"
        ).format(end=end, turns=game.level.turns)
    ]
    lines += [f"{html.escape(g.text)}: {html.escape(say(bounds_text(g)))}" for g in goals]
    return "<br>".join(lines)


def next_summit(game: Game) -> int | None:
    """The turn of the next summit from this one on (None when the level holds none)."""
    every = game.level.rules.summit_every
    if every <= 0:
        return None
    turn = game.state.turn
    while (turn - 1) % every:
        turn += 1
    return turn if turn <= game.level.turns else None


def commitments_html(game: Game, side: str) -> str:
    """The Commitments tab: the summit's terms running now (both sides see them), this turn's
    summit, and what became of the terms last turn."""
    level = game.level
    groups = running_by_whose_word(game, side)
    out = []
    for title, lines in groups:
        out.append(f"<b>{html.escape(title)}</b>")
        out += [f"• {html.escape(line)}" for line in lines]
    if not groups:
        out.append("<b>" + _("Commitments running") + "</b><br>" + _("None run now."))
    table = game.table
    if table is not None and table.turn == game.state.turn and table.closed_:
        out.append("<br><b>" + _("This turn's summit") + "</b>")
        entries = entry_lines(level, table.entries())
        out += [
            ("<b>" if ok else "") + html.escape(words) + ("</b>" if ok else "") for ok, words, _why in entries
        ] or [_("Neither side put anything forward.")]
    if game.reports and game.reports[-1].settled:
        report = game.reports[-1]
        out.append("<br><b>" + _("Last turn (turn {turn})").format(turn=report.turn) + "</b>")
        out += [html.escape(settled_words(level, s)) for s in report.settled]
    nxt = next_summit(game)
    if nxt is None:
        out.append("<br>" + _("This level holds no more summits."))
    elif nxt > game.state.turn or table is None or table.turn != game.state.turn:
        out.append(
            "<br>" + _("The next summit: turn {turn} ({date}).").format(turn=nxt, date=date_of(level, nxt))
        )
    out.append(
        "<br><i>"
        + _(
            "A card that would break your word says so on its face and in its “why?”. Breaking a "
            "term costs trust, which mends only slowly."
        )
        + "</i>"
    )
    return "<br>".join(out)


def card_word(game: Game, side: str, action: Action) -> tuple[bool, str]:
    """What a card would do to the word `side` has given, for its face: (breaks it, the words), or
    (False, '') when it touches no running term."""
    found = card_terms(game, side, action)
    if any(not keeps for keeps, _words in found):
        defying = _("defies the warning: {term}").split("{")[0]
        defies = any(not keeps and words.startswith(defying) for keeps, words in found)
        return True, _("DEFIES A WARNING") if defies else _("BREAKS YOUR WORD")
    return (False, _("KEEPS YOUR WORD")) if found else (False, "")


def card_headings(side: str, page: int, pages: int) -> list[str]:
    """The heading over the cards, then shorter ones: the page count is kept, the words give way."""
    side, number = side_name(side), _("{page} of {pages}").format(page=page + 1, pages=pages)
    if pages > 1:
        return [
            _("Actions for {side}  · page {number}").format(side=side, number=number),
            _("{side}  · page {number}").format(side=side, number=number),
            _("Page {number}").format(number=number),
            number,
        ]
    return [_("Actions for {side}").format(side=side)]


def card_tags(action: Action, chosen: bool) -> str:
    tags = tags_shown(action.tags) or _("no particular method")
    return _("IN YOUR PLAN") + "  ·  " + tags if chosen else tags


def card_effects(game: Game, side: str, action: Action) -> str:
    """What the card would do at once, as its face says it, then what the rules its tags trigger
    would add (outreach warms Washington; force widens divergence and costs the partner)."""
    now = listed(summarise_changes(preview(game.state, side, action.id), side)) or _("no immediate effect")
    rules = summarise_changes(preview_tag_rules(game.state, side, action.id), side)
    return now + (_("; by its tags: {effects}").format(effects=listed(rules)) if rules else "")


def card_why(game: Game, side: str, action: Action, sources: bool = False) -> tuple[str, list[str]]:
    """A card's tooltip: its description, what it would do now and later, its cooldown, and (with
    `sources`, for a level writer) the file and line it is defined at."""
    changes = preview(game.state, side, action.id)
    # (a card that cannot be played now, used once a game or not yet in its year, says what it
    # does, not what it "would now")
    now = (
        _("Now it would: {effects}")
        if why_not_in_words(game.state, side, action.id) is None
        else _("What it does: {effects}")
    )
    lines = [
        action.description,
        now.format(effects=listed(summarise_changes(changes, side)) or _("nothing at once")),
    ]
    by_tags = preview_tag_rules(game.state, side, action.id)
    if by_tags:
        lines.append(
            _(
                "By its tags ({tags}), the rules would add this turn, were your "
                "partner to do nothing more: {effects}"
            ).format(tags=tags_shown(action.tags, _(", ")), effects=listed(summarise_changes(by_tags, side)))
        )
        lines += sorted(
            {f"  {say(c.why, game.level)}" + (f" [{c.source}]" if sources else "") for c in by_tags}
        )
    if action.delayed:
        later = []
        for d in action.delayed:
            effects = listed(f"{signed(e.delta)} {meter_label(e.meter)}" for e in d.does.effects)
            later.append(
                n_("after {n} turn: {effects}", "after {n} turns: {effects}", d.after).format(
                    n=d.after, effects=effects or _("flags")
                )
            )
        lines.append(_("Later: {effects}").format(effects="; ".join(later)))
    if action.cooldown:
        lines.append(
            n_("Then unavailable for {n} turn.", "Then unavailable for {n} turns.", action.cooldown).format(
                n=action.cooldown
            )
        )
    for keeps, words in card_terms(game, side, action):
        lines.append(
            (_("Playing it {words}") if keeps else _("Careful: playing it {words}")).format(words=words)
        )
    if sources:
        lines.append(_("Defined at {source}.").format(source=action.source))
    return _("{card} (cost {cost})").format(card=action.name, cost=action.cost), lines


def plan_text(game: Game, side: str, plan: list[str], cost: int) -> str:
    """The plan in words: its cards of the most a plan holds, what it costs of the capital there
    is, and the cards' names. (The most cards was told only on a card left out once the plan was
    full: a player saved capital for a last turn whose plan could not spend it.)"""
    names = [game.level.actions[a].name for a in plan]
    capital = game.state.meters[f"{side}.capital"]
    return _("Plan ({count} of {most} cards, {cost} of {capital} capital): {cards}").format(
        count=len(plan),
        most=game.level.rules.max_actions,
        cost=cost,
        capital=f"{capital:g}",
        cards=listed(names) if names else _("nothing chosen yet"),
    )


def ghost_figure(game: Game, meter: str, value: float) -> str:
    """A meter's figure as the forecast would leave it, shown as its row shows a figure."""
    return shown(value, goal_thresholds(game.level, meter, known_agendas(game)))


def forecast_lines(game: Game, forecast: Forecast, plan: list[str]) -> list[str]:
    """The forecast's words over the map: what it is the forecast of (the plan, and the card
    pointed at when it is not in the plan), then each goal of the side's agenda it would tick or
    untick, with the goal's value now and then."""
    actions = game.level.actions
    added = [actions[a].name for a in forecast.plan if a not in plan]
    head = _("Forecast: your plan") if plan else _("Forecast")
    if added:
        head += (" + " if plan else ": ") + listed(quoted(name) for name in added)
    lines = [
        head if forecast.goals else _("{forecast}: no goal of your agenda would change").format(forecast=head)
    ]
    for turn in forecast.goals:
        thresholds = [t for t in (turn.goal.at_least, turn.goal.at_most) if t is not None]
        now, then = shown_pair(turn.now, turn.then, thresholds)
        verb = _("Would meet") if turn.met_then else _("Would lose")
        lines.append(
            _("{verb}: {goal} (now {now}, then {then})").format(
                verb=verb, goal=turn.goal.text, now=now, then=then
            )
        )
    lines.append(_(FORECAST_CAVEAT))
    return lines


# (the pillars' wear is named: a card that touches no pillar shows them falling; and the
# partnership's pull, which moves it with no card played)
FORECAST_CAVEAT = N_(
    "As if your partner did nothing, and before this turn's events; the pillars' wear and the "
    "partnership's pull toward them counted."
)


def map_ghosts(game: Game, forecast: Forecast) -> dict[str, list[str]]:
    """The shares the forecast would leave in each state it would change by half a point or more,
    in the map's own words, most exact first: "M 59.3  B 13  W 27.7" (a tenth where rounding
    would hide a change), then whole numbers as the map shows them, for a narrow label."""
    m, then = game.state.meters, forecast.meters
    out = {}
    for place in STATES:
        keys = [(power_letter(power), f"{place}.{power}") for power in POWERS]
        if all(abs(then[k] - m[k]) < 0.5 for _letter, k in keys):
            continue
        exact = [
            f"{letter} {format_number(then[k], 1)}"
            if round(then[k]) == round(m[k]) and then[k] != m[k]
            else f"{letter} {format_number(then[k])}"
            for letter, k in keys
        ]
        out[place] = ["  ".join(exact), "  ".join(f"{letter} {format_number(then[k])}" for letter, k in keys)]
    return out


def state_why(game: Game, side: str, place: str) -> tuple[str, list[str], list[float]]:
    """A state's tooltip on the map: who leads there, each power's share now with how it has
    moved (since the start, and in the last turn that moved it), the side's own share turn by
    turn; and that share's history for the sparkline."""
    m = game.state.meters
    year = game.level.map_year_at(min(game.state.turn, game.level.turns))
    shares = {power: m[f"{place}.{power}"] for power in POWERS}
    leader = max(POWERS, key=shares.__getitem__)
    title = _("{state}: {power} leads").format(state=state_name(place, year), power=power_name(leader))
    lines = []
    for power in POWERS:
        meter = f"{place}.{power}"
        history = game.history_of(meter)
        since = (
            _("; {change} since the start").format(change=signed(shares[power] - history[0]))
            if history
            else ""
        )
        turn, changes = game.last_changes(meter)
        last = (
            _("; {change} in turn {turn}").format(change=signed(sum(c.delta for c in changes)), turn=turn)
            if turn is not None
            else ""
        )
        lines.append(f"{power_name(power)} {format_number(shares[power], 1)}{since}{last}")
    own = game.history_of(f"{place}.{side}")
    if len(own) > 1:
        lines.append(
            _("The line: {side}'s share, turn by turn: {shares}").format(
                side=side_name(side), shares=listed(format_number(v, 0) for v in own[-8:])
            )
        )
    else:
        lines.append(_("The shares move from the first turn on: point here again later for their history."))
    return title, lines, own
