"""Entities a figure is about: placeholder until the entities stage lands."""

from __future__ import annotations

from extract.context import DocContext


def entities_for(ctx: DocContext, sent_index: int, span: tuple[int, int]) -> list[str]:
    return []
