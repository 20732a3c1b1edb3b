"""Conditions for `requires`, `when` and outcomes: a small language, compiled once, never eval'd.

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | NAME | "true" | "false" | "(" expr ")"

A NAME is a meter (`partnership`, `moscow.standing`), an aggregate (`central_asia.beijing`),
`turn`, or a flag declared by the level. Meters and `turn` are numbers, flags are true or false,
and the whole condition must be true or false. Compiling gives a plain closure over the game state.

Alongside the closure, the parser works out what each part *could* be, from the meters' ranges
and the level's length: an interval for a number, the possible values for true/false. That is how
the validator warns of a condition that can never hold (`partnership > 100`, `turn > 40` in a
12-turn level). The analysis treats each name on its own, so it never warns wrongly, though it
can miss a contradiction such as `partnership > 50 and partnership < 40`.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from game.core.meters import AGGREGATES, ALL_METERS, RANGES, aggregate_value

MAX_LENGTH = 500
MAX_DEPTH = 24
MAX_NODES = 120

NUM, BOOL = "number", "true/false"
BOTH = frozenset((True, False))
INF = float("inf")


class StateView(Protocol):
    """What a condition reads: a game state, or the level's start values when the validator asks
    whether an early outcome already holds before the first turn."""

    @property
    def turn(self) -> int:
        """The turn being planned, from 1."""
        ...

    @property
    def meters(self) -> dict[str, float]:
        """Every meter's value."""
        ...

    @property
    def flags(self) -> dict[str, bool]:
        """Every flag the level declares, set or not."""
        ...


# A compiled part of a condition. It gives a number or a truth value, as its parse said; the
# parser checks which before joining two parts, so the closures themselves need not.
Closure = Callable[[StateView], Any]
Interval = tuple[float, float]  # what a number could be
Truths = frozenset[bool]  # what a truth value could be: {False} means never
Could = Interval | Truths
Parsed = tuple[str, Closure, Could]  # (NUM or BOOL, the closure, what it could be)
Token = tuple[str, str, int]  # (kind, text, 1-based column)
# Where `meter op constant` holds: (meter, low, low included, high, high included).
Bound = tuple[str, float, bool, float, bool]


class ExprError(Exception):
    """A condition that does not compile, with the 1-based column of the fault."""

    def __init__(self, message: str, column: int = 1):
        super().__init__(message)
        self.message = message
        self.column = column  # 1-based, inside the expression text


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled condition: its source text and the closure that tests a game state."""

    text: str
    test: Callable[[StateView], bool]
    names: frozenset[str]
    flags: frozenset[str] = frozenset()
    possible: Truths = BOTH  # the values it can take in a game: {False} means never
    turns: int = 80
    after_end: bool = True  # read once the last turn is over too (an outcome), not only during play

    def __call__(self, state: StateView) -> bool:
        """Whether the condition holds in `state`."""
        return self.test(state)

    def __reduce__(self) -> tuple[Callable[..., Condition], tuple[str, frozenset[str], int, bool]]:
        # A closure cannot be pickled; the text can, and compiles to the same test. This lets a
        # level travel to the worker processes of a batch simulation.
        return compile_condition, (self.text, self.flags, self.turns, self.after_end)


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)"
    r"|(?P<op><=|>=|==|!=|[<>()+\-*/])|(?P<bad>\S))"
)
_KEYWORDS = {"and", "or", "not", "true", "false"}


def _tokens(text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        kind = m.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        value = m.group(kind)
        col = m.start(kind) + 1
        if kind == "name" and value in _KEYWORDS:
            kind = "kw"
        out.append((kind, value, col))
    out.append(("end", "", len(text) + 1))
    return out


class _Parser:
    def __init__(self, text: str, flags: frozenset[str], last_turn: int = 81, first_turn: int = 1):
        self.first_turn, self.last_turn = first_turn, last_turn
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0
        self.nodes = 0
        self.flags = flags
        self.names: set[str] = set()
        # What the closures of plain atoms read: a meter's name, or a constant number. A
        # comparison of the two, the commonest condition, then compiles to a single closure.
        self.reads: dict[Closure, str] = {}
        self.constants: dict[Closure, float] = {}
        # For a comparison of a meter with a number: (meter, where it holds), so that an `and` of
        # comparisons that no value meets ('partnership > 60 and partnership < 40') is seen.
        self.bounds: dict[Closure, Bound] = {}

    def peek(self) -> Token:
        return self.toks[self.i]

    def take(self) -> Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def enter(self, col: int) -> None:
        self.depth += 1
        self.nodes += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"condition is nested too deeply (more than {MAX_DEPTH} levels)", col)
        if self.nodes > MAX_NODES:
            raise ExprError(f"condition is too long (more than {MAX_NODES} parts)", col)

    # Each parse method returns (type, closure, what it could be): an interval (lo, hi) for a
    # number, a frozenset of True/False for a condition.
    def parse(self) -> tuple[Closure, Truths]:
        typ, fn, could = self.or_()
        kind, value, col = self.peek()
        if kind == "bad" and value == "=":
            raise ExprError("unexpected character '=' (write '==' to compare)", col)
        if kind == "bad" and value in "&|":
            raise ExprError(
                f"unexpected character '{value}' (write '{'and' if value == '&' else 'or'}')", col
            )
        if kind != "end":
            raise ExprError(f"unexpected '{value}' after a complete condition", col)
        if typ != BOOL:
            raise ExprError("a condition must be true or false, e.g. 'partnership >= 40', not a number", 1)
        return fn, _truths(could)

    def _chain(
        self, word: str, sub: Callable[[], Parsed], combine: Callable[[tuple[Closure, ...]], Closure]
    ) -> Parsed:
        typ, fn, could = sub()
        fns, coulds = [fn], [could]  # the first is checked to be true/false once there is a second
        while self.peek()[:2] == ("kw", word):
            _, _, c = self.take()
            if typ != BOOL:
                raise ExprError(f"'{word}' joins conditions, but the part before it is a number", c)
            t2, f2, c2 = sub()
            if t2 != BOOL:
                kind, value, col = self.peek()
                if kind == "bad" and value == "=":  # 'war and partnership = 30': the '=' is the slip
                    raise ExprError("unexpected character '=' (write '==' to compare)", col)
                raise ExprError(f"'{word}' joins conditions, but the part after it is a number", c)
            fns.append(f2)
            coulds.append(_truths(c2))
        if len(fns) == 1:
            return typ, fn, could
        if word == "and":
            result = {v for v, test in ((True, all), (False, any)) if test((v in c) for c in coulds)}
            if _contradicts([self.bounds[f] for f in fns if f in self.bounds]):
                result = {False}
        else:
            result = {v for v, test in ((True, any), (False, all)) if test((v in c) for c in coulds)}
        return BOOL, combine(tuple(fns)), frozenset(result)

    def or_(self) -> Parsed:
        return self._chain("or", self.and_, _any)

    def and_(self) -> Parsed:
        return self._chain("and", self.not_, _all)

    def not_(self) -> Parsed:
        kind, value, col = self.peek()
        if (kind, value) == ("kw", "not"):
            self.take()
            self.enter(col)
            typ, fn, could = self.not_()
            self.depth -= 1
            if typ != BOOL:
                raise ExprError("'not' needs a condition, but got a number", col)
            return BOOL, lambda s: not fn(s), frozenset(not v for v in _truths(could))
        return self.compare()

    def compare(self) -> Parsed:
        t1, f1, c1 = self.sum_()
        kind, value, col = self.peek()
        if kind == "op" and value in _COMPARE:
            self.take()
            t2, f2, c2 = self.sum_()
            if value in ("<", "<=", ">", ">=") and (t1 != NUM or t2 != NUM):
                raise ExprError(f"'{value}' compares numbers, but one side is true/false", col)
            if t1 != t2:
                raise ExprError(f"'{value}' compares a number with true/false", col)
            op = _COMPARE[value]
            if t1 == NUM:
                could = _compare_could(value, _interval_of(c1), _interval_of(c2))
            else:
                could = _equal_could(value, _truths(c1), _truths(c2))
            fn = _comparison(op, f1, f2, self.reads.get(f1), self.constants.get(f2))
            bound = _bound(value, self.reads.get(f1), self.constants.get(f2))
            if bound is None:  # the number first: '40 < partnership'
                bound = _bound(_FLIPPED.get(value, value), self.reads.get(f2), self.constants.get(f1))
            if bound is not None:
                self.bounds[fn] = bound
            return BOOL, fn, could
        return t1, f1, c1

    def _arith(
        self, ops: Mapping[str, Callable[[Closure, Closure], Closure]], sub: Callable[[], Parsed]
    ) -> Parsed:
        typ, fn, could = sub()
        while self.peek()[0] == "op" and self.peek()[1] in ops:
            _, value, col = self.take()
            t2, f2, c2 = sub()
            if typ != NUM or t2 != NUM:
                raise ExprError(f"'{value}' works on numbers, not true/false", col)
            fn = ops[value](fn, f2)
            could = _interval(value, _interval_of(could), _interval_of(c2))
        return typ, fn, could

    def sum_(self) -> Parsed:
        return self._arith(_SUMS, self.product)

    def product(self) -> Parsed:
        return self._arith(_PRODUCTS, self.unary)

    def unary(self) -> Parsed:
        kind, value, col = self.peek()
        if (kind, value) == ("op", "-"):
            self.take()
            self.enter(col)
            typ, fn, could = self.unary()
            self.depth -= 1
            if typ != NUM:
                raise ExprError("'-' needs a number", col)
            lo, hi = _interval_of(could)
            return NUM, lambda s: -fn(s), (-hi, -lo)
        return self.atom()

    def atom(self) -> Parsed:
        kind, value, col = self.take()
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ExprError(f"condition is too long (more than {MAX_NODES} parts)", col)
        if kind == "num":
            v = float(value)

            def constant(s: StateView) -> float:
                return v

            self.constants[constant] = v
            return NUM, constant, (v, v)
        if kind == "kw" and value in ("true", "false"):
            b = value == "true"
            return BOOL, lambda s: b, frozenset((b,))
        if kind == "op" and value == "(":
            self.enter(col)
            typ, fn, could = self.or_()
            self.depth -= 1
            k2, v2, c2 = self.take()
            if (k2, v2) != ("op", ")"):
                raise ExprError(f"expected ')' to close the '(' at column {col} of the condition", c2)
            return typ, fn, could
        if kind == "name":
            return self.name(value, col)
        if kind == "end":
            raise ExprError("the condition ends too early", col)
        if kind == "bad":
            hint = " (write '==' to compare)" if value == "=" else ""
            if value in "[]{}.,'\"":
                hint = " (calls, indexing, attributes and strings are not part of conditions)"
            raise ExprError(f"unexpected character '{value}'{hint}", col)
        raise ExprError(f"unexpected '{value}'", col)

    def name(self, name: str, col: int) -> Parsed:
        if self.peek()[:2] == ("op", "("):
            raise ExprError(f"'{name}(...)' is a call; conditions can only read meters, flags and turn", col)
        self.names.add(name)
        if name == "turn":
            # Read from turn 1 (or the one turn asked about) to the last turn played, or to the turn
            # after it for an outcome.
            return NUM, lambda s: s.turn, (float(self.first_turn), float(self.last_turn))
        if name in _METER_SET:

            def meter(s: StateView) -> float:
                return s.meters[name]

            self.reads[meter] = name
            return NUM, meter, RANGES[name]
        if name in _AGGREGATE_SET:
            return NUM, lambda s: aggregate_value(s.meters, name), (0.0, 100.0)
        if name in self.flags:
            return BOOL, lambda s: s.flags.get(name, False), BOTH
        known = [*ALL_METERS, *AGGREGATES, "turn", *self.flags]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        if "__" in name or name.split(".")[-1] in ("__class__", "mro"):
            hint = " (conditions can only read meters, flags and turn)"
        raise ExprError(f"unknown name '{name}'{hint}", col)


def _interval_of(could: Could) -> Interval:
    # The parser tags each part NUM or BOOL and checks the tag before it gets here.
    assert isinstance(could, tuple), could
    return could


def _truths(could: Could) -> Truths:
    assert isinstance(could, frozenset), could
    return could


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _divide(a: Closure, b: Closure) -> Closure:
    def f(s: StateView) -> float:
        d = b(s)
        return a(s) / d if d else 0.0  # dividing by zero gives 0, never a crash

    return f


# How each arithmetic operator joins the closures of its two sides.
_SUMS: dict[str, Callable[[Closure, Closure], Closure]] = {
    "+": lambda a, b: lambda s: a(s) + b(s),
    "-": lambda a, b: lambda s: a(s) - b(s),
}
_PRODUCTS: dict[str, Callable[[Closure, Closure], Closure]] = {
    "*": lambda a, b: lambda s: a(s) * b(s),
    "/": _divide,
}


def _compare_could(op: str, a: Interval, b: Interval) -> Truths:
    """Which truth values `a op b` can take when a and b range over their intervals."""
    (alo, ahi), (blo, bhi) = a, b
    if op == "<":
        true, false = alo < bhi, ahi >= blo
    elif op == "<=":
        true, false = alo <= bhi, ahi > blo
    elif op == ">":
        true, false = ahi > blo, alo <= bhi
    elif op == ">=":
        true, false = ahi >= blo, alo < bhi
    else:
        overlap = alo <= bhi and blo <= ahi
        single = alo == ahi == blo == bhi
        true, false = (overlap, not single) if op == "==" else (not single, overlap)
    return frozenset(v for v, ok in ((True, true), (False, false)) if ok)


def _equal_could(op: str, a: Truths, b: Truths) -> Truths:
    same = bool(a & b)
    differ = any(x != y for x in a for y in b)
    if op == "!=":
        same, differ = differ, same
    return frozenset(v for v, ok in ((True, same), (False, differ)) if ok)


def _interval(op: str, a: Interval, b: Interval) -> Interval:
    (alo, ahi), (blo, bhi) = a, b
    if op == "+":
        return alo + blo, ahi + bhi
    if op == "-":
        return alo - bhi, ahi - blo
    if op == "/":
        if blo <= 0 <= bhi:
            return -INF, INF  # anything, 0 included: dividing by zero gives 0
        b = (1 / bhi, 1 / blo)
        op, (blo, bhi) = "*", b
    products = [x * y for x in (alo, ahi) for y in (blo, bhi)]
    products = [0.0 if p != p else p for p in products]  # inf * 0 is nan: call it 0
    return min(products), max(products)


_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
_INF = float("inf")


def _bound(op: str, meter: str | None, constant: float | None) -> Bound | None:
    """(meter, low, low included, high, high included): where `meter op constant` holds."""
    if meter is None or constant is None or op == "!=":
        return None
    return {
        "<": (meter, -_INF, False, constant, False),
        "<=": (meter, -_INF, False, constant, True),
        ">": (meter, constant, False, _INF, False),
        ">=": (meter, constant, True, _INF, False),
        "==": (meter, constant, True, constant, True),
    }[op]


def _contradicts(bounds: Iterable[Bound]) -> bool:
    """True when no value of some meter meets all of its bounds at once."""
    by_meter: dict[str, tuple[float, bool, float, bool]] = {}
    for meter, lo, lo_in, hi, hi_in in bounds:
        was = by_meter.get(meter, (-_INF, False, _INF, False))
        low = max((was[0], was[1]), (lo, lo_in), key=lambda b: (b[0], not b[1]))
        high = min((was[2], was[3]), (hi, hi_in), key=lambda b: (b[0], b[1]))
        by_meter[meter] = (*low, *high)
    return any(lo > hi or (lo == hi and not (lo_in and hi_in)) for lo, lo_in, hi, hi_in in by_meter.values())


def _comparison(
    op: Callable[[Any, Any], bool], left: Closure, right: Closure, meter: str | None, constant: float | None
) -> Closure:
    if meter is not None and constant is not None:
        return lambda s: op(s.meters[meter], constant)
    return lambda s: op(left(s), right(s))


def _any(fs: tuple[Closure, ...]) -> Closure:
    # Two operands are by far the most common; a plain `or` is much faster than any(genexpr).
    if len(fs) == 2:
        a, b = fs
        return lambda s: a(s) or b(s)
    return lambda s: any(f(s) for f in fs)


def _all(fs: tuple[Closure, ...]) -> Closure:
    if len(fs) == 2:
        a, b = fs
        return lambda s: a(s) and b(s)
    return lambda s: all(f(s) for f in fs)


def conjuncts(text: str) -> list[str]:
    """The parts of a condition joined by a top-level `and` ('turn >= 3 and war' -> ['turn >= 3',
    'war']), so that a player can be told which part does not hold; [text] when it is not such a
    chain (a top-level `or` binds looser, so the parts would not be the condition's own)."""
    toks = _tokens(text)
    cuts: list[int] = []
    depth = 0
    for kind, value, col in toks:
        if value == "(":
            depth += 1
        elif value == ")":
            depth -= 1
        elif depth == 0 and kind == "kw" and value == "or":
            return [text]
        elif depth == 0 and kind == "kw" and value == "and":
            cuts.append(col - 1)
    if not cuts:
        return [text]
    parts: list[str] = []
    start = 0
    for cut in cuts:
        parts.append(text[start:cut].strip())
        start = cut + len("and")
    parts.append(text[start:].strip())
    return parts if all(parts) else [text]


_METER_SET = frozenset(ALL_METERS)
_AGGREGATE_SET = frozenset(AGGREGATES)


def compile_condition(
    text: str, flags: Set[str] = frozenset(), turns: int = 80, after_end: bool = True
) -> Condition:
    """Compile `text` for a level of `turns` turns; raise ExprError with a 1-based column.

    `after_end` says whether it is also read after the last turn (an outcome's condition is;
    an action's or event's is read only while turns are played), which bounds what `turn` can
    be when judging whether a condition can ever hold."""
    if len(text) > MAX_LENGTH:
        raise ExprError(f"condition is {len(text)} characters long; the limit is {MAX_LENGTH}", 1)
    if not text.strip():
        raise ExprError("condition is empty", 1)
    flags = frozenset(flags)
    parser = _Parser(text, flags, turns + 1 if after_end else turns)
    fn, could = parser.parse()
    return Condition(text, fn, frozenset(parser.names), flags, could, turns, after_end)


def could_hold_between(condition: Condition, first: int, last: int) -> bool:
    """Whether `condition` could hold at some turn from `first` to `last`, as far as the analysis
    sees (each name on its own: a flag could be either, a meter anything in its range)."""
    if first > last or condition.possible == frozenset({False}):
        return False
    if "turn" not in condition.names:
        return True
    return _could_hold_between(condition.text, frozenset(condition.flags), first, last)


@lru_cache(maxsize=4096)
def _could_hold_between(text: str, flags: frozenset[str], first: int, last: int) -> bool:
    # By the condition's text: a level's events and cards share their conditions ('turn >= 9'),
    # and the validator asks of each, for each of its dated texts, several times over.
    _fn, could = _Parser(text, flags, last, first).parse()
    return True in could


def first_turn_it_could_hold(condition: Condition) -> int | None:
    """The first turn at which `condition` could hold, as far as the analysis sees, or None when it
    never could. A turn it names rules out the turns before it: 'turn >= 4 and war' could first
    hold at 4."""
    last = condition.turns + 1 if condition.after_end else condition.turns
    if not could_hold_between(condition, 1, last):
        return None
    # Turns 1 to t could hold the more, the later t: the first t at which they could is found by
    # halving (a modder's file of 300 events over 80 turns took seconds turn by turn), then each
    # turn from there is asked on its own, the interval's answer being the looser of the two.
    lo, hi = 1, last
    while lo < hi:
        mid = (lo + hi) // 2
        if could_hold_between(condition, 1, mid):
            hi = mid
        else:
            lo = mid + 1
    return next((turn for turn in range(lo, last + 1) if could_hold_between(condition, turn, turn)), None)


def last_turn_it_could_hold(condition: Condition) -> int | None:
    """The last turn at which `condition` could hold, as far as the analysis sees, or None when it
    never could: 'turn <= 9 and war' could last hold at 9 (first_turn_it_could_hold, from the end)."""
    last = condition.turns + 1 if condition.after_end else condition.turns
    if not could_hold_between(condition, 1, last):
        return None
    lo, hi = 1, last
    while lo < hi:  # the last t from which turns t to the end could hold
        mid = (lo + hi + 1) // 2
        if could_hold_between(condition, mid, last):
            lo = mid
        else:
            hi = mid - 1
    return next((turn for turn in range(lo, 0, -1) if could_hold_between(condition, turn, turn)), None)


ALWAYS = Condition("true", lambda s: True, frozenset())
