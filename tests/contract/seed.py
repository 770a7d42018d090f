"""The article every case's project already holds, written by the team: a claim with a
verdict, a quote attributed to its speaker and a source, so every exporter has work to write."""

from __future__ import annotations

SEED_TEXT = (
    'Councillor Maren Olsen said: "The ferry to Skarholm will run again by March." '
    "Harbour officials expect 4,000 passengers a week once it does."
)


def _span(part: str, label: str, number: int, **extra: object) -> dict[str, object]:
    start = SEED_TEXT.index(part)
    return {
        "id": number,
        "start": start,
        "end": start + len(part),
        "label": label,
        "annotator": "maren",
        **extra,
    }


SEED_RECORD = {
    "text": SEED_TEXT,
    "meta": {"title": "Ferry to Skarholm returns in March", "outlet": "The Harbour Post"},
    "spans": [
        _span("Maren Olsen", "PERSON", 1),
        _span('"The ferry to Skarholm will run again by March."', "QUOTE", 2),
        _span("Harbour officials", "SOURCE", 3),
        _span(
            "Harbour officials expect 4,000 passengers a week",
            "CLAIM",
            4,
            attrs={"verdict": "misleading"},
        ),
    ],
    "relations": [
        {"head_id": 2, "child_id": 1, "label": "SPEAKER"},
        {"head_id": 4, "child_id": 3, "label": "SOURCE_OF"},
    ],
}
