"""Is a claim a finding or a construction? Two checks on the claims of game.sim.claims.

- `ablate`: each claim names the mechanism that produces it (`ABLATIONS`); with that mechanism
  removed (its rules set to zero) the claim must stop holding, and with it in place it must hold.
- `sweep`: every numeric rule of the level is scaled by 0.5 and by 1.5, one at a time, and every
  claim is checked again. A claim that holds at every point does not hang on one tuned number.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from game.core.level import Level, Rules
from game.sim.claims import CLAIMS, EASY, Agents, ClaimResult

# The rules that carry each claim's mechanism (DESIGN §2; docs/model.md says why each is the one).
ABLATIONS: dict[str, tuple[str, ...]] = {
    "F1": ("weight_us_pressure", "ceiling_washington"),
    "F2": ("ceiling_identity", "ceiling_methods", "ceiling_rivalry", "ceiling_washington", "pillar_upkeep"),
    "F3": (
        "weight_us_pressure",
        "weight_shared_stance",
        "weight_economic_ties",
        "weight_military_trust",
        "weight_trust",
    ),
    "F4": ("dependence_economy", "dependence_standing"),
    "F5": ("force_divergence", "divergence_per_gap", "association_cost", "distance_cost", "distance_trust"),
    "F6": ("freed_forces_per_trust",),
    "F7": ("credibility_loss", "sanctions_corridor_shift"),
    "F8": (
        "normalization_standing",
        "normalization_partner_standing",
        "normalization_ceiling_drop",
        "thaw_isolation",
        "ceiling_washington",
        "weight_us_pressure",
    ),
    "F9": ("war_cost_growth",),
    "F10": ("war_divergence", "credibility_loss"),
    "F11": ("thaw_isolation", "weight_us_pressure", "ceiling_washington"),
    "F12": ("rivalry_per_shift", "rivalry_per_lead"),
    "F13": ("trust_rate", "weight_trust", "identity_per_distrust", "distrust_per_fall"),
    "F14": ("term_trust_broken", "term_partnership_broken", "term_trust_kept", "term_standing_broken"),
}

# Rules that are not amounts: names of flags and sides, and counts that must stay whole.
_NOT_SCALED = {"war_side", "war_flag", "sanctions_flag"}
# Rules that are shares or chances: scaling stops at 1.
_AT_MOST_ONE = {
    "partnership_rate",
    "freed_forces_rate",
    "event_chance",
    "trust_rate",
    "identity_rate",
    "divergence_rate",
    "rivalry_fade",
    "dependence_rate",
    "distrust_fade",
}

Claim = Callable[..., ClaimResult]


def with_rules(level: Level, **changes: float) -> Level:
    """The level with some of its rules changed (and nothing else)."""
    return dataclasses.replace(level, rules=dataclasses.replace(level.rules, **changes))  # type: ignore[arg-type]  # every name given is a numeric rule


def numeric_rules(level: Level) -> list[str]:
    """The names of the level's rules that are amounts, in the order `Rules` declares them."""
    return [
        f.name
        for f in dataclasses.fields(Rules)
        if f.name not in _NOT_SCALED and isinstance(getattr(level.rules, f.name), (int, float))
    ]


def scaled(level: Level, rule: str, factor: float) -> Level:
    """The level with one rule scaled; whole-number rules stay whole and at least 1."""
    value = getattr(level.rules, rule)
    if isinstance(value, int):
        new: float = max(1, round(value * factor))
    else:
        new = value * factor
        if rule in _AT_MOST_ONE:
            new = min(1.0, new)
    return with_rules(level, **{rule: new})


def claim_id(claim: Claim) -> str:
    return claim.__name__.split("_")[0].upper()


@dataclass
class Ablation:
    claim: str
    removed: tuple[str, ...]
    holds_with: bool  # the claim holds with its mechanism in place
    holds_without: bool  # ... and with it removed (it should not)
    measured_without: str

    @property
    def shown(self) -> bool:
        """The mechanism is what produces the claim: it holds with it and not without."""
        return self.holds_with and not self.holds_without


def ablate(
    level: Level, n: int, workers: int = 1, agents: Agents = EASY, more: Mapping[str, int] | None = None
) -> list[Ablation]:
    """Each claim with its mechanism and without it, on `n` paired games (on `more[claim]` for a
    claim given there: one whose share of pairs sits near its line on this level)."""
    out = []
    for claim in CLAIMS:
        cid = claim_id(claim)
        removed = ABLATIONS[cid]
        games = (more or {}).get(cid, n)
        with_it = claim(level, games, workers, agents)
        without = claim(with_rules(level, **dict.fromkeys(removed, 0.0)), games, workers, agents)
        out.append(Ablation(cid, removed, with_it.holds, without.holds, without.measured))
    return out


@dataclass
class SweepPoint:
    rule: str
    factor: float
    failed: list[str]  # the claims that do not hold at this point


def sweep(
    level: Level, n: int, workers: int = 1, agents: Agents = EASY, progress=None
) -> Iterator[SweepPoint]:
    """Every claim at every point of the sweep: each numeric rule times 0.5, then times 1.5."""
    rules = numeric_rules(level)
    for i, rule in enumerate(rules):
        for factor in (0.5, 1.5):
            varied = scaled(level, rule, factor)
            failed = [claim_id(c) for c in CLAIMS if not c(varied, n, workers, agents).holds]
            yield SweepPoint(rule, factor, failed)
        if progress:
            progress(i + 1, len(rules))
