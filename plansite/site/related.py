"""Related measures: those that share a lead department or a topic with a measure."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Mapping

from plansite.data.model import Measure, Plan

RELATED_LIMIT = 6


def ranked_related(
    plan: Plan, roles: Mapping[str, Mapping[str, list[Measure]]], by_topic: Mapping[str, list[Measure]]
) -> dict[str, tuple[Measure, ...]]:
    """For each measure, others with the same lead department (2 points each) or a shared topic
    (1 point each), most in common first, then in plan order."""
    position = {m.id: index for index, m in enumerate(plan.measures)}
    topic_members = {topic: {position[m.id] for m in members} for topic, members in by_topic.items()}
    led = {
        department: {position[m.id] for m in role["lead"] + role["responsible"]} for department, role in roles.items()
    }
    related = {}
    for index, measure in enumerate(plan.measures):
        topics = [topic_members[t.id] for t in dict.fromkeys(measure.topics)]
        scores: dict[int, int] = {}
        for department in dict.fromkeys(measure.lead + measure.responsible):
            for other in led[department.id]:
                scores[other] = scores.get(other, 0) + 2
        for other in scores:
            scores[other] += sum(other in members for members in topics)
        # Measures that share only topics: of those sharing k topics, the first few in plan order
        # are all that can rank (a topic of a large plan holds thousands).
        seen = set(scores) | {index}
        for k in range(len(topics), 0, -1):
            sharing = set().union(*(set.intersection(*group) for group in itertools.combinations(topics, k))) - seen
            scores.update(dict.fromkeys(heapq.nsmallest(RELATED_LIMIT, sharing), k))
            seen |= sharing
        scores.pop(index, None)
        ranked = sorted(scores, key=lambda other: (-scores[other], other))[:RELATED_LIMIT]
        related[measure.id] = tuple(plan.measures[other] for other in ranked)
    return related
