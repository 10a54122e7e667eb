"""The planner's speed: plan a 12-month contract of 6 modules with trainers' unavailability
and closures (target < 1 s, goal 0.1 s), and a 24-month one (target < 3 s).

Medians of several runs after one untimed run (OR-Tools' import is paid once per process,
by the first plan: it is shown apart). Each plan is checked against the rules too, so that
a fast but wrong plan cannot pass.
"""

from __future__ import annotations

import datetime as dt
import json
import time

from bench.timing import REPO, median, summary, timings, verdict

EXAMPLE = REPO.parent / "shared" / "examples" / "gestionnaire-paie-valide.json"
RUNS = 7
TARGET_12, GOAL_12, TARGET_24 = 1.0, 0.1, 3.0
D = dt.date


def _module(id, modality, hours, start, end, trainer=None):
    external = modality in ("externe", "distance")
    return {
        "id": id,
        "title": f"Module {id}",
        "objective": "À l'issue du module, le salarié sera capable de traiter un dossier",
        "competences": ["C1"],
        "modality": modality,
        "hours": hours,
        "provider": "Organisme Exemple Formation" if external else None,
        "trainer": None if external else trainer,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "evaluation_methods": ["QCM"],
    }


def dossier(months: int):
    """The valid example stretched to `months` (12 or 24), with 6 modules, two trainers."""
    from parcours.domain.loading import parse_dossier

    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    k = months // 12
    start, end = D(2027, 1, 4), D(2027 + k, 1, 3)
    year = lambda n, month, day: D(2027 + n, month, day)  # noqa: E731
    data["contract"].update(action_end=end.isoformat(), end_date=end.isoformat())
    if months > 12:
        data["contract"]["extension_reason"] = "Public prioritaire"
    data["trainers"].append({**data["trainers"][0], "id": "F2", "name": "Lina Roux"})
    data["modules"] = [
        _module("M1", "externe", 105 * k, start + dt.timedelta(days=7), year(k - 1, 6, 30)),
        _module("M2", "interne", 49 * k, D(2027, 1, 18), year(k - 1, 11, 30), "F1"),
        _module("M3", "externe", 42 * k, D(2027, 3, 1), year(k - 1, 9, 30)),
        _module("M4", "afest", 56 * k, D(2027, 2, 1), year(k - 1, 12, 17), "F1"),
        _module("M5", "evaluation", 14 * k, D(2027, 2, 15), year(k - 1, 12, 22), "F1"),
        _module("M6", "interne", 28 * k, D(2027, 4, 1), year(k - 1, 10, 29), "F2"),
    ]
    data["modules"][0]["competences"] = [c["id"] for c in data["competences"]]
    data["company"]["internal_training_service"] = True
    return parse_dossier(data)


def options(months: int):
    from parcours.domain.planning import DateRange, PlanOptions

    closures, away_f1, away_f2 = [], [], []
    for n in range(months // 12):
        closures += [
            DateRange(D(2027 + n, 8, 2), D(2027 + n, 8, 20)),
            DateRange(D(2027 + n, 12, 24), D(2027 + n + 1, 1, 1)),
        ]
        away_f1 += [
            DateRange(D(2027 + n, 4, 12), D(2027 + n, 4, 23)),
            DateRange(D(2027 + n, 10, 18), D(2027 + n, 10, 29)),
        ]
        away_f2 += [DateRange(D(2027 + n, 6, 1), D(2027 + n, 6, 30))]
    return PlanOptions(
        closures=tuple(closures),
        trainer_unavailability={"F1": tuple(away_f1), "F2": tuple(away_f2)},
    )


def new_findings(d, result) -> list[str]:
    from parcours.domain.planning import apply_plan
    from parcours.domain.rules import check

    rules = ("ALT-", "VOL-", "PAR-03", "SEQ-", "CTR-02")
    before = {(f.rule, f.message) for f in check(d).findings}
    after = check(apply_plan(d, result)).findings
    return [f.rule for f in after if f.rule.startswith(rules) and (f.rule, f.message) not in before]


def bench(months: int, target: float, goal: float | None = None) -> bool:
    from parcours.domain.planning import RHYTHM_LABELS, plan

    d, o = dossier(months), options(months)
    result = plan(d, o)
    wrong = new_findings(d, result)
    runs = timings(lambda: plan(d, o), RUNS, warmup=0)
    hours = sum(m.hours for m in d.modules)
    seconds = median(runs)
    aim = f"target < {target} s" + (f", goal {goal} s" if goal else "")
    print(
        f"plan {months} months, {len(d.modules)} modules, {hours:g} h, "
        f"{RHYTHM_LABELS[o.rhythm]}, {len(o.closures)} closures, 2 trainers away "
        f"→ {len(result.sessions)} sessions: {summary(runs)}; {aim}: {verdict(seconds < target)}"
        + (f" (goal {verdict(seconds < goal)})" if goal else "")
        + (f"; NEW FINDINGS {wrong}" if wrong else "; no new finding")
    )
    return seconds < target and not wrong


def run() -> bool:
    start = time.perf_counter()
    from parcours.domain.planning import plan

    plan(dossier(12), options(12))
    print(f"first plan of the process (OR-Tools import included): "
          f"{time.perf_counter() - start:.3f} s")  # fmt: skip
    twelve = bench(12, TARGET_12, GOAL_12)
    twenty_four = bench(24, TARGET_24)
    return twelve and twenty_four
