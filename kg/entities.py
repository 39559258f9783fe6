"""Stage 4 output: entities, one per name and type across a whole build."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Entity:
    type: str
    label: str                      # canonical name, as written (masks kept, quotes removed)
    aliases: tuple[str, ...] = ()   # other surfaces that name it, sorted

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.label)
