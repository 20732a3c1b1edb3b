"""A summit's term as files keep it: its parts (`TermPartsSpec`), which a log's summit, a summit that
still sits, a facilitator's note and an AI's reason that names a term all write the same way."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from game.core.summit import Deed, Term
from game.session.text_fields import Plain

DeedText = Annotated[str, Field(max_length=80, pattern=r"^(play|some|no|stay_out):[a-z0-9_]+$")]
Side = Literal["moscow", "beijing"]


class TermPartsSpec(BaseModel):
    """A term's parts: its kind, who put it forward, the deed it binds (for a warning: what would
    set it off), a warning's answer or the proposer's part of a deal, and the deal's id."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["offer", "request", "promise", "warning", "deal"]
    by: Side
    deed: DeedText
    answer: DeedText | None = None
    deal: Annotated[Plain, Field(max_length=48)] = ""

    def term(self) -> Term:
        """The term itself."""
        return Term(
            self.kind,
            self.by,
            Deed.parse(self.deed),
            Deed.parse(self.answer) if self.answer else None,
            self.deal,
        )

    @classmethod
    def parts_of(cls, term: Term) -> dict[str, object]:
        """A term's parts as the fields of this model (for a subclass's own constructor too)."""
        return {
            "kind": term.kind,
            "by": term.by,
            "deed": str(term.deed),
            "answer": str(term.answer) if term.answer else None,
            "deal": term.deal,
        }

    @classmethod
    def from_term(cls, term: Term) -> TermPartsSpec:
        """The record of a term's parts."""
        return cls.model_validate(cls.parts_of(term))
