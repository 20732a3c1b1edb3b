"""The level file format: pydantic models of one TOML file, the modders' contract.

Every field has a description: the JSON schema (`python -m game schema`) and the reference in
`docs/modding.md` are generated from them. A file may leave out anything its `extends` parent
gives; whether the merged level is complete is checked after merging (see `game.levels.compile`).
Names of classes that describe files end in `Spec`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from game.core.level import TAGS
from game.core.level_text import LANGUAGES
from game.text import refuse_control

SCHEMA_VERSION = 1

# Size limits that keep a hostile file from making the game slow or large (stated in the reference).
MAX_FILE_BYTES = 1_000_000
MAX_TEXT = 6_000
MAX_NAME = 120
MAX_LIST = 300
MAX_EFFECTS = 40
# Level files read from one folder: a modder's folder holds a few dozen, and every file costs a
# parse at each start and each reload (F5), so a folder of thousands would freeze the window.
MAX_FOLDER_FILES = 200

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]{0,47}$",
        description="A stable id: lower-case letters, digits and '_', starting with a letter, at most 48 characters.",
    ),
]
# Text a player reads holds no control characters but tabs and line breaks (a NUL stops the
# window drawing it); the validator names the character and where it is.
Printable = AfterValidator(refuse_control)
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), Printable]
Citation = Annotated[str, Field(min_length=1, max_length=300), Printable]  # a treaty's title runs long
Text = Annotated[str, Field(max_length=MAX_TEXT), Printable]
Condition = Annotated[
    str,
    Field(
        max_length=500,
        description="A condition over meters, `turn` and flags, such as `partnership < 30 and turn >= 4`.",
        # (for editors only: the validator says "condition is empty" itself, with the key's line)
        json_schema_extra={"pattern": r"\S"},
    ),
    Printable,
]
Side = Literal["moscow", "beijing"]
Year = Annotated[int, Field(ge=1900, le=2200)]
Tag = Literal[TAGS]  # type: ignore[valid-type]
Meter0to100 = Annotated[float, Field(ge=0, le=100)]
Effects = Annotated[
    dict[str, Annotated[float, Field(ge=-100, le=100)]],
    Field(
        max_length=MAX_EFFECTS,
        description='Meter changes: `meter = amount`, e.g. `partnership = 3` or `"moscow.standing" = -2`. `central_asia.beijing = 2` shifts Beijing\'s share in all five states.',
    ),
]


class Spec(BaseModel):
    """The base of every table of a level file: no unknown keys, no silent conversions."""

    # Strict: a TOML value of the wrong type ("2" or true for a number) is an error at its line, as
    # the JSON schema says, rather than quietly converted. TOML's nan and inf are no level's
    # numbers: a goal `at_least = nan` could never be met, nor judged.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class BriefingSpec(Spec):
    """What each side is told before the first turn."""

    moscow: Text | None = Field(None, description="Briefing for the player governing from Moscow.")
    beijing: Text | None = Field(None, description="Briefing for the player governing from Beijing.")


class SideStartSpec(Spec):
    """One side's own meters at the start."""

    economy: Meter0to100 | None = Field(None, description="Economic strength, 0-100.")
    security: Meter0to100 | None = Field(None, description="Security at home and on the borders, 0-100.")
    standing: Meter0to100 | None = Field(
        None,
        description="International standing and legitimacy, 0-100; low means isolation. Adds to political capital each turn.",
    )
    capital: Annotated[float, Field(ge=0, le=30)] | None = Field(
        None, description="Political capital at the start, 0-30: the budget a plan is paid from."
    )
    freed_forces: Meter0to100 | None = Field(
        None, description="Military capacity that border trust frees for other theatres, 0-100."
    )
    dependence: Meter0to100 | None = Field(
        None,
        description="How much this side needs the other, 0-100: a change in partnership moves its economy and standing in proportion.",
    )


class StartSpec(Spec):
    """Start values of the shared meters, and of each side's own (0-100)."""

    partnership: Meter0to100 | None = Field(
        None,
        description="Depth of cooperation. Bands: under 20 estrangement, 20-40 wary, 40-60 pragmatic, 60-80 strategic partnership, 80 and over alliance.",
    )
    partnership_ceiling: Meter0to100 | None = Field(
        None, description="Where the ceiling starts; the rules recompute it every turn from the limits."
    )
    military_trust: Meter0to100 | None = Field(
        None, description="Pillar: border confidence and military cooperation."
    )
    economic_ties: Meter0to100 | None = Field(None, description="Pillar: trade and energy, asymmetric.")
    shared_stance: Meter0to100 | None = Field(
        None, description="Pillar: the joint line against US primacy and for a multipolar order."
    )
    trust: Meter0to100 | None = Field(
        None,
        description="The relationship's memory: shocks and broken commitments lower it for years; it rebuilds slowly toward what the pillars justify. Defaults to the partnership's start.",
    )
    distrust: Meter0to100 | None = Field(
        None,
        description="What the two still hold against each other: every point trust falls leaves some behind, and it fades on its own clock. While it lasts, trust mends only toward what the pillars justify less it. Defaults to 0.",
    )
    identity_gap: Meter0to100 | None = Field(
        None,
        description="Limit: how far apart the two sides' views of themselves and of each other are. It follows the mean of its two halves slowly.",
    )
    western_pull: Meter0to100 | None = Field(
        None,
        description="Half of the identity gap: Moscow's wish for a seat at the Western table. Outreach raises it; it settles back to its start. Defaults to the identity gap's start.",
    )
    leadership_aim: Meter0to100 | None = Field(
        None,
        description="Half of the identity gap: Beijing's aim to lead, which grows as its power outstrips Moscow's. Defaults to the identity gap's start.",
    )
    method_divergence: Meter0to100 | None = Field(
        None, description="Limit: force against integration, stability and institutions."
    )
    central_asia_rivalry: Meter0to100 | None = Field(
        None,
        description="Limit: rivalry in Central Asia; the rules move it toward how contested the region is.",
    )
    middle_corridor: Meter0to100 | None = Field(
        None,
        description="Share of China-Europe overland trade on the Middle Corridor (the rest goes by the Northern Corridor).",
    )
    moscow: SideStartSpec | None = Field(None, description="Moscow's own meters.")
    beijing: SideStartSpec | None = Field(None, description="Beijing's own meters.")


class InfluenceSpec(Spec):
    """Shares of influence in one state; the three must sum to 100."""

    moscow: Meter0to100 = Field(description="Moscow's share.")
    beijing: Meter0to100 = Field(description="Beijing's share.")
    west: Meter0to100 = Field(description="The West's share (the United States, Europe, Türkiye).")


class InfluenceMapSpec(Spec):
    """The Central Asian influence map at the start."""

    kazakhstan: InfluenceSpec | None = Field(None, description="Shares in Kazakhstan.")
    uzbekistan: InfluenceSpec | None = Field(None, description="Shares in Uzbekistan.")
    kyrgyzstan: InfluenceSpec | None = Field(None, description="Shares in Kyrgyzstan.")
    tajikistan: InfluenceSpec | None = Field(None, description="Shares in Tajikistan.")
    turkmenistan: InfluenceSpec | None = Field(None, description="Shares in Turkmenistan.")


class WashingtonSpec(Spec):
    """Washington: a third actor driven by rules and events."""

    thaw_moscow: Meter0to100 | None = Field(
        None, description="Start of US relations with Moscow: 0 hostile, 100 normalized."
    )
    thaw_beijing: Meter0to100 | None = Field(
        None, description="Start of US relations with Beijing: 0 hostile, 100 normalized."
    )
    receptivity_moscow: Annotated[float, Field(ge=0, le=2)] | None = Field(
        None,
        description="How much Washington answers Moscow's outreach (multiplies `rules.thaw_per_outreach`).",
    )
    receptivity_beijing: Annotated[float, Field(ge=0, le=2)] | None = Field(
        None, description="How much Washington answers Beijing's outreach."
    )
    drift_moscow: Annotated[float, Field(ge=-10, le=10)] | None = Field(
        None, description="Change in thaw with Moscow every turn, whatever the sides do."
    )
    drift_beijing: Annotated[float, Field(ge=-10, le=10)] | None = Field(
        None, description="Change in thaw with Beijing every turn."
    )
    threshold: Meter0to100 | None = Field(
        None,
        description="Thaw at which Washington normalizes with a side: that side gains, the other loses standing and the partnership's ceiling drops.",
    )


class RulesSpec(Spec):
    """The numbers of the resolution phases. The base ruleset sets them all; levels tune a few."""

    max_actions: Annotated[int, Field(ge=1, le=6)] | None = Field(
        None, description="Most actions in one plan."
    )
    capital_income: Annotated[float, Field(ge=0, le=30)] | None = Field(
        None, description="Political capital each side gains every turn."
    )
    capital_per_standing: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="Extra capital per point of standing each turn."
    )
    capital_cap: Annotated[float, Field(ge=1, le=30)] | None = Field(
        None, description="Income stops when capital reaches this."
    )
    partnership_rate: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="Share of the gap to its target that partnership closes each turn."
    )
    pillar_upkeep: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None, description="Points each pillar loses every turn, whatever is played: cooperation needs upkeep."
    )
    weight_military_trust: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None, description="Weight of military trust in partnership's target."
    )
    weight_economic_ties: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None, description="Weight of economic ties in partnership's target."
    )
    weight_shared_stance: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None, description="Weight of the shared stance in partnership's target."
    )
    weight_us_pressure: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None,
        description="Weight of US hostility (100 minus Washington's warmest thaw) in partnership's target.",
    )
    weight_trust: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None,
        description="Weight of trust in partnership's target: what the two have learned of each other.",
    )
    trust_rate: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None,
        description="Share of the gap to what the pillars justify that trust closes each turn: small, so that distrust lasts years.",
    )
    shock_threshold: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None,
        description="A fall in partnership larger than this in one turn is a shock that trust remembers.",
    )
    shock_distrust: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None,
        description="Trust lost per point of a shock beyond the threshold.",
    )
    distrust_per_fall: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None,
        description="Distrust left by each point that trust falls in a turn (a shock, a broken word, an event), counted after the turn's other phases.",
    )
    distrust_fade: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None,
        description="Share of distrust that fades each turn, whatever the partners do: small, so that a betrayal is remembered for years.",
    )
    distance_trust: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None,
        description="Trust lost when a side publicly distances itself from its partner's force.",
    )
    identity_rate: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None,
        description="Share of the gap to its target that the identity gap and its two halves close each turn: it moves slowly.",
    )
    pull_per_outreach: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None,
        description="Moscow's pull to the West gained per Moscow `outreach` action.",
    )
    leadership_per_power_gap: Annotated[float, Field(ge=0, le=5)] | None = Field(
        None,
        description="Beijing's aim to lead, per point by which its power (economy and security) outgrows Moscow's since the start.",
    )
    identity_per_distrust: Annotated[float, Field(ge=0, le=5)] | None = Field(
        None,
        description="Identity gap added to its target per point of trust below the level's start (taken away above it).",
    )
    ceiling_identity: Annotated[float, Field(ge=0, le=2)] | None = Field(
        None, description="Points of ceiling lost per point of identity gap."
    )
    ceiling_methods: Annotated[float, Field(ge=0, le=2)] | None = Field(
        None, description="Points of ceiling lost per point of method divergence."
    )
    ceiling_rivalry: Annotated[float, Field(ge=0, le=2)] | None = Field(
        None, description="Points of ceiling lost per point of Central Asian rivalry."
    )
    ceiling_washington: Annotated[float, Field(ge=0, le=2)] | None = Field(
        None,
        description="Points of ceiling lost per point of Washington's warmest thaw with either side: the outside option.",
    )
    normalization_ceiling_drop: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None, description="Ceiling lost for each side Washington has normalized with."
    )
    force_divergence: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None, description="Method divergence added per `force` action."
    )
    divergence_rate: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None,
        description="Share of the gap to its target that method divergence closes each turn.",
    )
    war_divergence: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None,
        description="Method divergence added every turn the war goes on.",
    )
    divergence_floor: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None,
        description="Method divergence in a turn when both sides use the same methods.",
    )
    divergence_per_gap: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None,
        description="Divergence target per point of gap between the sides' methods this turn (force, and a turn of war, count +1; integration, institutions and stability -1).",
    )
    association_divergence: Annotated[float, Field(ge=0, le=5)] | None = Field(
        None,
        description="How much divergence raises the cost of association: the cost is times 1 + this x (divergence - 30)/100.",
    )
    association_cost: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None,
        description="Partner's standing lost per `force` action, at partnership 100 (scaled by partnership).",
    )
    war_cost_growth: Annotated[float, Field(ge=0, le=5)] | None = Field(
        None, description="How much faster the cost of association grows with each turn of war."
    )
    war_association: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None,
        description="Standing the war side's partner loses each turn of war, at partnership 100, before growth.",
    )
    war_side: Side | None = Field(None, description="The side whose war the war flag means.")
    distance_cost: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None,
        description="Partnership lost per `force` action when the partner plays a `distance` action instead of sharing the blame.",
    )
    dependence_economy: Annotated[float, Field(ge=0, le=5)] | None = Field(
        None, description="Economy gained or lost per point of partnership change, times dependence/100."
    )
    dependence_standing: Annotated[float, Field(ge=0, le=5)] | None = Field(
        None, description="Standing gained or lost per point of partnership change, times dependence/100."
    )
    dependence_rate: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None,
        description="Share of the gap to its target that each side's dependence closes each turn.",
    )
    trade_dependence_moscow: Annotated[float, Field(ge=0, le=5)] | None = Field(
        None,
        description="Moscow's dependence gained per point of economic ties above their start: the partner is most of its trade.",
    )
    trade_dependence_beijing: Annotated[float, Field(ge=0, le=5)] | None = Field(
        None,
        description="Beijing's dependence gained per point of economic ties above their start: a small part of its trade.",
    )
    sanctions_dependence: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None,
        description="Dependence Moscow's target gains while the sanctions flag is set: fewer other buyers.",
    )
    freed_forces_per_trust: Annotated[float, Field(ge=0, le=2)] | None = Field(
        None, description="Freed forces a side aims for per point of military trust."
    )
    freed_forces_rate: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="Share of the gap to that aim that freed forces close each turn."
    )
    war_forces_committed: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None, description="Freed forces the war side commits per turn of war."
    )
    freed_security: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None,
        description="Security a side gains each turn per 50 points of freed forces above 50 (loses below): forces spared for other theatres.",
    )
    credibility_loss: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None,
        description="Influence Moscow loses in each Central Asian state per turn when it has no freed forces left for its guarantees (less when it has some).",
    )
    guarantee_need: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None,
        description="Freed forces Moscow's security guarantees need; below this its influence in Central Asia fades, faster the further below.",
    )
    fill_base: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None,
        description="Weight of a power's present share in taking up influence Moscow loses; the rest goes to whoever invested in that state this turn.",
    )
    corridor_fill: Annotated[float, Field(ge=0, le=10)] | None = Field(
        None,
        description="Weight of the Middle Corridor's share in the West's and Türkiye's claim on influence Moscow loses in a corridor state.",
    )
    sanctions_corridor_shift: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None, description="Middle Corridor share gained per turn while the sanctions flag is set."
    )
    corridor_influence: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None,
        description="Influence Beijing gains from Moscow in Kazakhstan and Turkmenistan per turn when the Middle Corridor carries all trade (less when it carries less; none at half or below).",
    )
    rivalry_per_shift: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None,
        description="Rivalry added per point of influence Moscow loses and Beijing gains in a turn (averaged over the states).",
    )
    rivalry_fade: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None,
        description="Share of the gap to its resting level that rivalry closes each turn: it fades slowly.",
    )
    rivalry_floor: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None,
        description="Rivalry's resting level when Moscow and Beijing hold equal ground.",
    )
    rivalry_per_lead: Annotated[float, Field(ge=0, le=5)] | None = Field(
        None,
        description="Resting rivalry added per point by which Beijing's mean share leads Moscow's.",
    )
    thaw_per_outreach: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None, description="Thaw gained per `outreach` action, times the side's receptivity."
    )
    thaw_per_force: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None, description="Thaw lost per `force` action."
    )
    thaw_per_distance: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None,
        description="Thaw gained per `distance` action: Washington rewards a side that keeps apart from its partner's force.",
    )
    wedge_thaw: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None,
        description="Thaw Washington offers each turn to a side that used no force while its partner did (times receptivity and partnership/100): its wedge.",
    )
    thaw_isolation: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None,
        description="Standing a side loses each turn per 50 points by which Washington's thaw with its partner exceeds the isolation floor.",
    )
    isolation_floor: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None,
        description="Thaw with one side above which the other starts to feel isolated.",
    )
    normalization_economy: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None, description="Economy a side gains when Washington normalizes with it."
    )
    normalization_standing: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None, description="Standing a side gains when Washington normalizes with it."
    )
    normalization_partner_standing: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None, description="Standing the other side loses then."
    )
    event_chance: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="Chance that an event is drawn in a turn."
    )
    events_per_turn: Annotated[int, Field(ge=0, le=5)] | None = Field(
        None, description="Events drawn in a turn when one is drawn."
    )
    war_flag: Id | None = Field(None, description="The flag that means the war side is at war.")
    sanctions_flag: Id | None = Field(
        None, description="The flag that means sanctions on Moscow are in force."
    )
    summit_every: Annotated[int, Field(ge=0, le=20)] | None = Field(
        None,
        description="The sides meet at a summit before planning every this many turns, from turn 1; 0 means never.",
    )
    summit_terms: Annotated[int, Field(ge=0, le=5)] | None = Field(
        None, description="Terms each side may put forward at a summit (the stronger side gets more)."
    )
    promise_turns: Annotated[int, Field(ge=1, le=20)] | None = Field(
        None, description="Turns a promise or a warning made at a summit runs, the summit's own included."
    )
    power_gap_per_term: Annotated[float, Field(ge=1, le=100)] | None = Field(
        None,
        description="For each this many points of power gap (economy and security), the stronger side may put forward one more term (at most two more).",
    )
    term_trust_kept: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None, description="Trust gained for each summit term kept (and each warning heeded)."
    )
    term_trust_broken: Annotated[float, Field(ge=0, le=50)] | None = Field(
        None, description="Trust lost for each summit term broken; the memory phase mends it only slowly."
    )
    term_partnership_broken: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None, description="Partnership lost for each summit term broken."
    )
    term_standing_broken: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None,
        description="Standing the breaker loses for a promise or deal broken, and the warner for a warning it did not carry out.",
    )
    warning_defied_trust: Annotated[float, Field(ge=0, le=20)] | None = Field(
        None, description="Trust lost when a side does what the other warned it against."
    )


class DelayedSpec(Spec):
    """Consequences that arrive some turns later."""

    after: Annotated[int, Field(ge=1, le=20)] = Field(
        description="How many turns later (1 = at the end of next turn)."
    )
    effects: Effects = Field(default_factory=dict)
    set_flags: list[Id] = Field(default_factory=list, max_length=20, description="Flags this sets.")
    clear_flags: list[Id] = Field(default_factory=list, max_length=20, description="Flags this clears.")


class ActionSpec(Spec):
    """Something one side can put in its plan."""

    id: Id
    side: Side = Field(description="Who may take it.")
    name: Name = Field(description="The card's title.")
    description: Text = Field("", description="What it is and why a side would do it, in a sentence or two.")
    cost: Annotated[int, Field(ge=0, le=30)] = Field(description="Political capital it costs.")
    tags: list[Tag] = Field(
        default_factory=list,
        max_length=6,
        description="Methods: `force` raises method divergence and costs the partner standing; `distance` lets a side keep clear of the partner's force at a cost in partnership; `outreach` warms Washington; `integration`, `institutions` and `stability` are the methods Beijing prefers.",
    )
    requires: Condition = Field("true", description="When it may be chosen.")
    effects: Effects = Field(default_factory=dict)
    set_flags: list[Id] = Field(default_factory=list, max_length=20, description="Flags it sets at once.")
    clear_flags: list[Id] = Field(default_factory=list, max_length=20, description="Flags it clears at once.")
    delayed: list[DelayedSpec] = Field(default_factory=list, max_length=5, description="Later consequences.")
    cooldown: Annotated[int, Field(ge=0, le=20)] = Field(
        0, description="Turns it cannot be chosen again after use."
    )
    from_year: Year | None = Field(
        None,
        description="The first year this card belongs to: a level whose years all come before it leaves the card out, inherited or not, and a level that begins earlier holds it back until that year's first turn.",
    )
    until_year: Year | None = Field(
        None,
        description="The last year this card belongs to: a level whose years all come after it leaves the card out, and a level that runs on past it stops it after that year's last turn.",
    )


class EventSpec(Spec):
    """A card of the event deck: drawn at random among those whose condition holds, or, if it is
    `certain`, happening in the first turn its condition holds."""

    id: Id
    title: Name = Field(description="The headline.")
    text: Text = Field("", description="The news item, a few sentences.")
    when: Condition = Field(
        "true", description="When it can be drawn (for a certain event: when it happens)."
    )
    weight: Annotated[float, Field(ge=0, le=100)] = Field(
        1.0, description="Relative chance among the events that can be drawn."
    )
    once: bool = Field(True, description="Whether it can happen only once a game.")
    effects: Effects = Field(default_factory=dict)
    set_flags: list[Id] = Field(default_factory=list, max_length=20, description="Flags it sets.")
    clear_flags: list[Id] = Field(default_factory=list, max_length=20, description="Flags it clears.")
    delayed: list[DelayedSpec] = Field(default_factory=list, max_length=5, description="Later consequences.")
    hypothetical: bool = Field(
        False,
        description="True for an invented development rather than a matter of record: the news and the debrief mark it as a scenario.",
    )
    certain: bool = Field(
        False,
        description="True for a dated event of record: it happens in the first turn its `when` holds, besides the turn's draw, and is never drawn (its `weight` is not used).",
    )
    from_year: Year | None = Field(
        None,
        description="The first year this card belongs to: a level whose years all come before it leaves the card out, inherited or not, and a level that begins earlier holds it back until that year's first turn.",
    )
    until_year: Year | None = Field(
        None,
        description="The last year this card belongs to: a level whose years all come after it leaves the card out, and a level that runs on past it stops it after that year's last turn.",
    )


class GoalSpec(Spec):
    """One goal of an agenda: a meter at least or at most a value at the end."""

    meter: Annotated[str, Field(max_length=60), Printable] = Field(
        description="A meter or aggregate, e.g. `partnership`, `moscow.standing`, `central_asia.beijing`."
    )
    at_least: float | None = Field(None, description="Met when the meter ends at or above this.")
    at_most: float | None = Field(None, description="Met when the meter ends at or below this.")
    weight: Annotated[float, Field(gt=0, le=100)] = Field(1.0, description="Its share of the score.")
    text: Name = Field(description="The goal in words, e.g. 'Keep the partnership pragmatic'.")


class AgendaSpec(Spec):
    """A side's agenda: its score is the weighted share of goals met at the end, 0-100."""

    summary: Text = Field("", description="The agenda in one or two sentences.")
    win_at: Annotated[float, Field(ge=0, le=100)] = Field(
        60, description="The score at which the side counts as having won."
    )
    goal: list[GoalSpec] = Field(
        min_length=1, max_length=12, description="The goals (`[[agenda.moscow.goal]]`)."
    )


class AgendasSpec(Spec):
    """Both sides' agendas."""

    moscow: AgendaSpec | None = Field(
        None, description="Moscow's agenda; a child level's replaces the inherited one whole."
    )
    beijing: AgendaSpec | None = Field(
        None, description="Beijing's agenda; a child level's replaces the inherited one whole."
    )


class OutcomeSpec(Spec):
    """A way the level can end; the first whose condition holds at the end is the outcome."""

    id: Id
    title: Name = Field(description="E.g. 'Pragmatic partnership holds'.")
    when: Condition | None = Field(
        None, description="When it applies; leave out for the catch-all last outcome."
    )
    early: bool = Field(
        False, description="Checked after every turn and ends the game at once (a split, a collapse)."
    )
    epilogue: Text = Field("", description="What happened next, told in the debrief.")


class PromptsSpec(Spec):
    """Questions for the debrief, grouped by the limit they discuss."""

    identity_gap: list[Text] | None = Field(
        None, max_length=20, description="Questions about the identity gap."
    )
    method_divergence: list[Text] | None = Field(
        None, max_length=20, description="Questions about divergent methods."
    )
    central_asia_rivalry: list[Text] | None = Field(
        None, max_length=20, description="Questions about rivalry in Central Asia."
    )
    us_normalization: list[Text] | None = Field(
        None, max_length=20, description="Questions about the risk of a US normalization with one side."
    )
    general: list[Text] | None = Field(
        None, max_length=20, description="Questions about the partnership as a whole."
    )


class CampaignSpec(Spec):
    """Where a level sits in the campaign. Not inherited: a level without it is a standalone level."""

    chapter: Annotated[int, Field(ge=0, le=99)] = Field(
        description="Its place in the campaign list, from 0 (the tutorial) up."
    )
    unlocked_by: list[Id] = Field(
        default_factory=list,
        max_length=20,
        description="Levels that must each be played to the end (from either side) before this one opens; empty: open from the start.",
    )


class CutGoalSpec(Spec):
    """A goal of the side's agenda as it stands at the classroom cut: the same meter, with the bound
    a session ended at the cut must meet. Ended at another turn, a session is asked for a point on
    the straight line from the meter's start to this bound (before the cut), or from it to the
    goal's own bound (after). A bound left out keeps the common pace."""

    meter: Annotated[str, Field(max_length=60), Printable] = Field(
        description="The meter of one of the side's goals, e.g. `beijing.standing`."
    )
    at_least: float | None = Field(
        None,
        description="The goal's `at_least` at the cut (the goal must have one). It may lie below the meter's start, for a meter that dips before it climbs.",
    )
    at_most: float | None = Field(
        None,
        description="The goal's `at_most` at the cut (the goal must have one). It may lie above the meter's start, for a meter that rises before it falls.",
    )


class CutAgendaSpec(Spec):
    """Some of a side's goals as they stand at the classroom cut."""

    goal: list[CutGoalSpec] = Field(
        default_factory=list,
        max_length=12,
        description="Goals at the cut (`[[classroom.moscow.goal]]`), each naming a goal of the side's agenda by its meter.",
    )


class HistorySpec(Spec):
    """What history did in a historical level's years, for the debrief's score against history.
    Not inherited, and left out of the level's content hash: it changes no rule."""

    partnership: Annotated[float, Field(ge=0, le=100)] = Field(
        description="Where the partnership stood, on the game's 0-100 scale, when the level's years ended; the debrief sets the player's result beside it."
    )


class LevelClassroomSpec(Spec):
    """How the level serves a short lesson. Not inherited: a cut suits one level's length."""

    cut: Annotated[int, Field(ge=1, le=79)] | None = Field(
        None,
        description="The classroom cut: a session may choose to end after this turn (about half the level's turns), and is then scored provisionally, against goals pro-rated to the turns played. Must be before the level's last turn.",
    )
    moscow: CutAgendaSpec | None = Field(
        None,
        description="Moscow's goals as they stand at the cut, for meters that keep a pace of their own in play (the rest are pro-rated at the common pace).",
    )
    beijing: CutAgendaSpec | None = Field(
        None,
        description="Beijing's goals as they stand at the cut, for meters that keep a pace of their own in play (the rest are pro-rated at the common pace).",
    )


SourceKind = Literal["essay", "book", "article", "chapter", "official", "report"]


class SourceSpec(Spec):
    """A work the level draws on, or that a class can read next: shown in the debrief. Name real
    works only, as their authors and publishers give them; leave out what you do not know."""

    id: Id | None = Field(
        None,
        description="A short id, unique in the level (e.g. `joint_statement_2022`): the key its `perspective`, `note` and `published` are translated by (`source.ID.note`). A source without one is shown in English in every language.",
    )
    author: Citation = Field(
        description="Who wrote it: a person, or the body that issued it (for an official text)."
    )
    title: Citation = Field(description="Its title, as published.")
    year: Year | None = Field(None, description="The year it was published or signed, when known.")
    published: Name | None = Field(
        None, description="Where it appeared: the publisher, journal or website, when known."
    )
    kind: SourceKind = Field(
        description="`essay` (the essay the game is built on), `book`, `article`, `chapter`, `official` (a treaty, a joint statement) or `report`."
    )
    perspective: Name = Field(
        description="Whose view it gives, e.g. 'Russian scholarship', 'Chinese scholarship', 'Western scholarship', 'official Russian-Chinese'."
    )
    note: Text = Field("", description="Why a reader would turn to it, in a sentence.")


TutorialPlace = Literal[
    "partnership", "pillars", "limits", "meters", "map", "news", "agenda", "cards", "plan"
]
TutorialUntil = Literal["next", "card_chosen", "why_opened", "plan_sent"]


Deed = Annotated[
    str,
    Field(
        min_length=3,
        max_length=80,
        pattern=r"^(play|some|no|stay_out):[a-z0-9_]+$",
        description="What a side does under a deal: `play:CARD` (plays this card of its own), `some:TAG` (plays a card with this tag), `no:TAG` (plays none with it) or `stay_out:STATE` (raises its share in no card for this Central Asian state).",
    ),
]


class DealSpec(Spec):
    """One of the level's own bargains for the summit: either side may put it forward, and it binds each side to its part."""

    id: Id
    name: Name = Field(description="The deal as the table shows it, e.g. 'A price for the pipeline'.")
    text: Text = Field("", description="A sentence on what each side gives and why it matters.")
    moscow: Deed = Field(description="Moscow's part.")
    beijing: Deed = Field(description="Beijing's part.")
    turns: Annotated[int, Field(ge=1, le=20)] = Field(
        1, description="Turns the deal runs once agreed, the summit's own included."
    )
    requires: Condition = Field("true", description="When the deal is on the table.")


class TutorialStepSpec(Spec):
    """One step of in-game guidance: a note pointing at part of the board, shown until the player does what it asks."""

    turn: Annotated[int, Field(ge=1, le=80)] = Field(
        1, description="The turn whose planning shows this step."
    )
    side: Literal["moscow", "beijing"] | None = Field(
        None, description="Show it only to this side; leave out for both."
    )
    point_at: TutorialPlace = Field(
        description="The part of the board the note points at: partnership, pillars, limits, meters (own meters), map, news, agenda (the Agenda tab beside the news), cards or plan (the plan tray)."
    )
    text: Text = Field(min_length=1, description="What the note says.")
    until: TutorialUntil = Field(
        "next",
        description="What moves on to the next step: `next` (the player clicks Next), `card_chosen` (a card is added to the plan), `why_opened` (a meter's 'why?' is opened), `plan_sent` (the plan is sent).",
    )


class LevelSpec(Spec):
    """One level file. Anything left out is taken from the level named by `extends`."""

    schema_version: Literal[1] = Field(description="The format's version; this game reads version 1.")
    id: Id
    extends: Id | None = Field(None, description="The id of the level this one builds on (usually `base`).")
    playable: bool = Field(True, description="False for a ruleset that only other levels extend.")
    essay_era: bool = Field(
        False,
        description="True for a level set in the essay's own time (2014 on): the tests then check the essay's claims F1-F14 on it. Not inherited.",
    )
    title: Name | None = Field(None, description="The level's name in menus.")
    description: Text | None = Field(None, description="One paragraph for the level chooser.")
    what_happened: Text | None = Field(
        None, description="For a historical level: what actually happened, shown at the end of the debrief."
    )
    hypothetical: bool | None = Field(
        None,
        description="True for an imagined scenario rather than a period of history: every event of it is marked as a scenario in the news and the debrief. Inherited.",
    )
    map_year: Year | None = Field(
        None,
        description="The year whose borders, place names and trade routes the map shows for the whole level (before 1992 the five states are Soviet republics). Left out: the map follows the year of the turn being played. Not inherited.",
    )
    start_year: Annotated[int, Field(ge=1900, le=2200)] | None = Field(
        None, description="Year of the first turn."
    )
    turns_per_year: Annotated[int, Field(ge=1, le=12)] | None = Field(
        None, description="4 means a turn is a season."
    )
    turns: Annotated[int, Field(ge=1, le=80)] | None = Field(
        None, description="How many turns the level lasts."
    )
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] | None = Field(None, description="The default seed.")
    briefing: BriefingSpec | None = Field(None, description="What each side is told before the first turn.")
    start: StartSpec | None = Field(
        None, description="Start values of the meters; each key overrides the inherited one."
    )
    influence: InfluenceMapSpec | None = Field(
        None, description="The Central Asian influence map at the start, one table per state."
    )
    washington: WashingtonSpec | None = Field(
        None, description="Washington's start thaw with each side and how it behaves."
    )
    flags: dict[Id, bool] | None = Field(
        None,
        max_length=60,
        description="Flags the level uses, with their start values. `normalized_moscow` and `normalized_beijing` are always there.",
    )
    rules: RulesSpec | None = Field(
        None, description="The numbers of the resolution phases; each key overrides the inherited one."
    )
    drop_actions: list[Id] = Field(
        default_factory=list, max_length=MAX_LIST, description="Ids of inherited actions this level removes."
    )
    drop_events: list[Id] = Field(
        default_factory=list, max_length=MAX_LIST, description="Ids of inherited events this level removes."
    )
    action: list[ActionSpec] = Field(
        default_factory=list,
        max_length=MAX_LIST,
        description="Actions (`[[action]]`); one with an inherited id replaces it.",
    )
    event: list[EventSpec] = Field(
        default_factory=list,
        max_length=MAX_LIST,
        description="Events (`[[event]]`); one with an inherited id replaces it.",
    )
    agenda: AgendasSpec | None = Field(
        None, description="Each side's goals; the score is the weighted share met at the end."
    )
    outcome: list[OutcomeSpec] = Field(
        default_factory=list,
        max_length=30,
        description="Outcomes (`[[outcome]]`), checked in order; given here, they replace the inherited list.",
    )
    prompts: PromptsSpec | None = Field(None, description="Discussion questions for the debrief, by limit.")
    source: list[SourceSpec] = Field(
        default_factory=list,
        max_length=40,
        description="Sources and further reading (`[[source]]`), shown in the debrief after those of the levels this one extends.",
    )
    campaign: CampaignSpec | None = Field(
        None, description="The level's chapter in the campaign and what unlocks it. Not inherited."
    )
    classroom: LevelClassroomSpec | None = Field(
        None,
        description="How the level serves a short lesson: its classroom cut, and the goals as they stand there. Not inherited.",
    )
    history: HistorySpec | None = Field(
        None,
        description="For a historical level: what history did in its years, for the debrief's score against history. Not inherited.",
    )
    deal: list[DealSpec] = Field(
        default_factory=list,
        max_length=20,
        description="The level's own deals for the summit (`[[deal]]`), besides the offers, requests, promises and warnings every level has. Not inherited.",
    )
    tutorial: list[TutorialStepSpec] = Field(
        default_factory=list,
        max_length=60,
        description="Step-by-step guidance shown on the board (`[[tutorial]]`), in order. Not inherited.",
    )


# --- A level's text in another language: `<level>.<lang>.toml` beside the level file ---------

MAX_TEXT_FILE_BYTES = 2_000_000  # a level's text is far smaller; Chinese takes 3 bytes a character
MAX_TEXT_ENTRIES = 3_000
TextKey = Annotated[
    str,
    Field(
        max_length=160,
        pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$",
        description="Where the English is written: `title`, `briefing.moscow`, `action.ID.name`, `event.ID.text`, `outcome.ID.epilogue`, `agenda.SIDE.goal.N` (from 1), `prompts.GROUP.N`, `tutorial.N`, `source.ID.note`...",
    ),
]
Language = Literal[LANGUAGES]  # type: ignore[valid-type]


class TextEntrySpec(Spec):
    """One text of the level in another language, beside the English it was made from."""

    english: Text = Field(
        description="The English this translation was made from, as the level file has it: when the level's English changes, the validator reports the translation as stale."
    )
    text: Text = Field(
        "",
        description="The translation; empty for one not made yet (the game then shows the English).",
    )


class LevelTextSpec(Spec):
    """A level's text in one language (`shanghai_five.ru.toml` beside `shanghai_five.toml`). Each
    entry translates one text of that level file; inherited cards and events are translated in the
    catalogue beside the level that writes them (e.g. `base.ru.toml`). Start one with
    `python -m game new-text LEVEL --lang ru`."""

    schema_version: Literal[1] = Field(description="The format's version; this game reads version 1.")
    level: Id = Field(description="The id of the level this text belongs to.")
    language: Language = Field(
        description="The language: `tr` (Turkish), `ru` (Russian) or `zh_CN` (Chinese, simplified); the file's name ends in it too."
    )
    text: dict[TextKey, TextEntrySpec] = Field(
        default_factory=dict,
        max_length=MAX_TEXT_ENTRIES,
        description='The translations (`[text."action.m_shanghai_agreement.name"]`), keyed by where the English is written.',
    )
