"""The meters a teacher is offered to adjust, in the order offered: on the facilitator's panel (F9)
and on the class server's dashboard alike, as the teacher's guide lists them. The engine allows any
meter that is not worked out from others (game.core.engine.ADJUSTABLE); these are the ones a
lesson has a use for. The dashboard offered eight and the panel fourteen, without trust."""

from __future__ import annotations

from game.core.meters import LIMITS, PILLARS

OFFERED_METERS: tuple[str, ...] = (
    "partnership",
    *PILLARS,
    "trust",
    *LIMITS,
    "middle_corridor",
    *(f"{s}.{m}" for s in ("moscow", "beijing") for m in ("economy", "security", "standing", "capital")),
    "washington.thaw_moscow",
    "washington.thaw_beijing",
    "central_asia.moscow",
    "central_asia.beijing",
)
