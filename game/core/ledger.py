"""The turn's meters and the record of their changes: one fast path that every change goes through.

A turn's rules (game.core.phases) say *what* moves; this module says *how* a move is made, the same
way for every rule: clamp the value to the meter's range, round it to hundredths, and record the
change with its cause. Influence shares in Central Asia move three at a time, so that a state's
shares still sum to 100.

The functions here carry every change of a turn (about eighty with full plans, and agents imagine
thousands of turns), so they are written for speed: no intermediate containers, locals instead of
attribute lookups, and `set` written out again where most changes go through: `apply_steps`
(actions, events, delayed effects) and, in a turn that is not recorded, `rule` (the rules of the
phases). tests/test_unrecorded.py checks that a turn comes out the same either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.core.level import ENGINE_SOURCE, Step
from game.core.meters import POWERS, RANGES, STATES
from game.core.report import Record

_OTHERS = {p: tuple(q for q in POWERS if q != p) for p in POWERS}
# For a power in a place: its meter, then each of the other two powers' meters.
SHARES: dict[tuple[str, str], tuple[str, str, str]] = {
    (st, p): (f"{st}.{p}", *(f"{st}.{q}" for q in _OTHERS[p]))  # type: ignore[misc]  # always three
    for st in STATES
    for p in POWERS
}
_PLACE_POWER = {f"{st}.{p}": (st, p) for st in STATES for p in POWERS}
_REGION_POWER = {f"central_asia.{p}": p for p in POWERS}
# What add() moves as shares rather than as one meter.
_SHARE_TARGETS = frozenset(_PLACE_POWER) | frozenset(_REGION_POWER)

# Adding and taking away 1.5 * 2**52 rounds a float to a whole number, half to even, in plain
# arithmetic: no call, which is what makes it cheaper than round() here.
_WHOLE = 6755399441055744.0


def hundredths(value: float) -> float:
    """round(value, 2), bit for bit, in a third of its time.

    round(value, 2) rounds the exact binary value to two decimals and returns the float nearest
    that decimal. Scaling by 100 first is off by at most a few units in the last place, which can
    only matter within a hair of a half; there (and for infinities) it falls back to round()
    itself. Rounding is a large part of the engine's arithmetic, so this is worth its few lines,
    and the hottest paths (Ledger.set(), Ledger.apply_steps()) inline the same three lines.
    """
    scaled = value * 100.0
    whole = (scaled + _WHOLE) - _WHOLE
    if -0.4999 < scaled - whole < 0.4999:
        return whole / 100.0
    return round(value, 2)


class Ledger:
    """The meters a turn changes, and (unless `records` is None) the record of every change.

    Agents and batch runs imagine thousands of turns and read only the meters: they pass no
    record list; everything else is the same. Appending to a local list, the interpreter takes
    its fast path for list.append.
    """

    def __init__(
        self, meters: dict[str, float], records: list[Record] | None, sources: Mapping[str, str]
    ) -> None:
        self.m = meters
        self.records = records
        self.sources = sources  # a rule's name -> where the level writes its numbers
        self.phase = "actions"  # the phase every change is recorded under
        if records is None:
            self.rule = self._rule_unrecorded  # type: ignore[method-assign]

    def set(self, meter: str, value: float, kind: str, cause: str, why: str, source: str) -> None:
        """Set `meter` to `value`, clamped to its range and rounded to hundredths."""
        lo, hi = RANGES[meter]
        if value > hi:
            value = hi
        elif value < lo:
            value = lo
        scaled = value * 100.0
        whole = (scaled + _WHOLE) - _WHOLE
        value = whole / 100.0 if -0.4999 < scaled - whole < 0.4999 else round(value, 2)  # hundredths()
        m = self.m
        before = m[meter]
        if value != before:
            m[meter] = value
            if self.records is not None:
                self.records.append((meter, before, value, self.phase, kind, cause, why, source))

    def rule(self, meter: str, delta: float, name: str, why: str) -> None:
        """Move `meter` by `delta` by the turn's rule `name`, recorded under the rule's name and
        where the level writes its numbers (the engine, if nowhere)."""
        source = self.sources.get(name, ENGINE_SOURCE)
        if meter in _SHARE_TARGETS:
            self.add(meter, delta, "rule", name, why, source)
            return
        # Through set(): copying it here as well was not worth its few per cent for a recorded
        # turn. An unrecorded turn, which needs no source either, has its own (_rule_unrecorded):
        # agents imagine thousands, and there it saves 5-10% of a turn.
        self.set(meter, self.m[meter] + delta, "rule", name, why, source)

    def _rule_unrecorded(self, meter: str, delta: float, name: str, why: str) -> None:
        """rule() for a turn that is not recorded, as agents imagine thousands: set() written
        out, with no source to look up and nothing to record."""
        if meter in _SHARE_TARGETS:
            self.add(meter, delta, "rule", name, why, "")
            return
        m = self.m
        lo, hi = RANGES[meter]
        value = m[meter] + delta
        if value > hi:
            value = hi
        elif value < lo:
            value = lo
        scaled = value * 100.0
        whole = (scaled + _WHOLE) - _WHOLE
        m[meter] = whole / 100.0 if -0.4999 < scaled - whole < 0.4999 else round(value, 2)  # hundredths()

    def add(self, meter: str, delta: float, kind: str, cause: str, why: str, source: str) -> None:
        """Add `delta` to a meter; an influence share or a whole region moves its state's shares."""
        if meter in _PLACE_POWER:
            place, power = _PLACE_POWER[meter]
            self.shift_influence((place,), power, delta, kind, cause, why, source)
        elif meter in _REGION_POWER:
            self.shift_influence(STATES, _REGION_POWER[meter], delta, kind, cause, why, source)
        else:
            self.set(meter, self.m[meter] + delta, kind, cause, why, source)

    def shift_influence(
        self, places: Iterable[str], power: str, delta: float, kind: str, cause: str, why: str, source: str
    ) -> None:
        """Give `power` `delta` points in each of `places`, taken from (or given to) the other two
        in proportion to their shares, so that the three still sum to 100."""
        m, records, phase = self.m, self.records, self.phase
        for place in places:
            key, a_key, b_key = SHARES[place, power]
            cur = m[key]
            new = cur + delta
            new = hundredths(100.0 if new > 100.0 else 0.0 if new < 0.0 else new)
            if new == cur:
                continue
            a, b = m[a_key], m[b_key]
            remaining = 100.0 - new
            na = hundredths(remaining * a / (a + b)) if a + b > 0 else hundredths(remaining / 2)
            if na > remaining:  # (not min(): a call costs more than the test)
                na = remaining
            for k, before, after in ((key, cur, new), (a_key, a, na), (b_key, b, hundredths(remaining - na))):
                if after != before:
                    m[k] = after
                    if records is not None:
                        records.append((k, before, after, phase, kind, cause, why, source))

    def split_influence(
        self,
        places: Iterable[str],
        giver: str,
        takers: dict[str, float],
        amount: float,
        kind: str,
        cause: str,
        why: str,
        source: str,
    ) -> None:
        """Move up to `amount` points from `giver` to the others in each of `places`, in the
        proportions `takers` gives."""
        second_share = takers.get(_OTHERS[giver][1], 0.0)
        for place in places:
            self.split_one(SHARES[place, giver], second_share, amount, kind, cause, why, source)

    def split_one(
        self,
        keys: tuple[str, str, str],
        second_share: float,
        amount: float,
        kind: str,
        cause: str,
        why: str,
        source: str,
    ) -> None:
        """split_influence() in one state: `keys` are the giver's share and the two others' (as
        SHARES orders them); the second of those takes `second_share` of what moves."""
        m = self.m
        giver_key, first_key, second_key = keys
        g = m[giver_key]
        moved = hundredths(g) if amount > g else hundredths(amount)
        if moved <= 0:
            return
        # The three shares, written out rather than looped over, each rounded by hundredths()'s
        # arithmetic written out (its fallback to round() where a value is within a hair of a
        # half): this is the guarantees rule's inner loop, five states every turn that Moscow has
        # no forces to spare.
        records, phase = self.records, self.phase
        value = g - moved
        scaled = value * 100.0
        whole = (scaled + _WHOLE) - _WHOLE
        new_giver = whole / 100.0 if -0.4999 < scaled - whole < 0.4999 else round(value, 2)
        second = m[second_key]
        value = second + moved * second_share
        scaled = value * 100.0
        whole = (scaled + _WHOLE) - _WHOLE
        new_second = whole / 100.0 if -0.4999 < scaled - whole < 0.4999 else round(value, 2)
        first = m[first_key]
        value = 100.0 - new_giver - new_second
        scaled = value * 100.0
        whole = (scaled + _WHOLE) - _WHOLE
        new_first = whole / 100.0 if -0.4999 < scaled - whole < 0.4999 else round(value, 2)
        if new_giver != g:
            m[giver_key] = new_giver
            if records is not None:
                records.append((giver_key, g, new_giver, phase, kind, cause, why, source))
        if new_second != second:
            m[second_key] = new_second
            if records is not None:
                records.append((second_key, second, new_second, phase, kind, cause, why, source))
        if new_first != first:
            m[first_key] = new_first
            if records is not None:
                records.append((first_key, first, new_first, phase, kind, cause, why, source))

    def apply_steps(self, steps: Iterable[Step], kind: str, cause: str, why: str, source: str) -> None:
        """Apply (meter, delta, low, high) steps, as Consequences.steps and Action.steps hold them."""
        m, records, phase = self.m, self.records, self.phase
        for meter, delta, lo, hi in steps:
            if lo is None or hi is None:
                self.add(meter, delta, kind, cause, why, source)
                continue
            # set(), inlined: most changes of a turn come through here.
            before = m[meter]
            value = before + delta
            if value > hi:
                value = hi
            elif value < lo:
                value = lo
            scaled = value * 100.0
            whole = (scaled + _WHOLE) - _WHOLE
            value = whole / 100.0 if -0.4999 < scaled - whole < 0.4999 else round(value, 2)  # hundredths()
            if value != before:
                m[meter] = value
                if records is not None:
                    records.append((meter, before, value, phase, kind, cause, why, source))
