"""Level signals judged against a reference built from hour summaries: every variant of bench/nab-results.md's
"What was tried" table that measures a value against the range (or the hour means) of the series' earlier hours.

    python3 bench/nab/replay/exp_reference.py RESULTS_DIR

Each variant's scores are added to the run's own scores (and to the week-ago signal as kept) by max, see
exp_level.combine: give it a run made with --Scoring:LevelDays=0 --Scoring:WeekAgoOpinion=false (or by main before
them), so the kept signals are not counted twice.
"""
import sys, os, math
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_level import combine
from exp_week import week_scores, surprise_map


def reference_scores(t, v, lag_h=6, days=7, tol=0.3, unit='range', depth='range', hold_h=None, margin=0.3,
                     rank=1, current='value', short=3, warm_h=24):
    """How far a value lies beyond the reference, mapped to [0, 1).

    The reference is made of the hours that ended more than lag_h hours ago, within the last `days` days (None: since
    the start). unit: 'range' (the reference's max - min), 'means' (the range of its hour means) or a number f for
    max(range of means, f x range). depth: 'range' (distance beyond / unit, scored d / (d + tol)), 'z' (distance from
    the hour means' mean in their std) or 'beyond' (distance beyond in that std), both scored by surprise / (+ tol).
    hold_h: an hour that lay beyond the reference by more than margin x range joins it only after hold_h hours.
    rank: the edges are the rank-th most extreme day's low and high (a level seen on one day only does not count).
    current: 'value', 'hour' (the open hour's running mean) or 'short' (mean of the last `short` values).
    """
    recent, old, held = [], [], []
    out, t0, values = [], t[0], []
    edges = None
    for ti, x in zip(t, v):
        h = int((ti - t0).total_seconds() // 3600)
        if not recent or recent[-1][0] != h:
            recent.append([h, x, x, x, 1])
        else:
            r = recent[-1]; r[1] = min(r[1], x); r[2] = max(r[2], x); r[3] += x; r[4] += 1
        values = (values + [x])[-short:]
        changed = False
        while recent and recent[0][0] <= h - lag_h:
            r = recent.pop(0)
            if hold_h and edges and edges[1] > edges[0] and not edges[0] - margin * (edges[1] - edges[0]) <= r[3] / r[4] <= edges[1] + margin * (edges[1] - edges[0]):
                held.append(r)
            else:
                old.append(r); changed = True
        while held and held[0][0] <= h - hold_h:
            old.append(held.pop(0)); old.sort(key=lambda r: r[0]); changed = True
        while days is not None and old and old[0][0] <= h - lag_h - days * 24:
            old.pop(0); changed = True
        if changed and old:
            edges = _edges(old, rank)
        s = 0.0
        if old and h >= warm_h + lag_h and edges[1] > edges[0]:
            lo, hi, mlo, mhi, mmean, msd = edges
            cur = x if current == 'value' else recent[-1][3] / recent[-1][4] if current == 'hour' else sum(values) / len(values)
            if current != 'value':
                lo, hi = mlo, mhi
            beyond = max(lo - cur, cur - hi, 0.0)
            if depth == 'range':
                u = hi - lo if unit == 'range' else max(mhi - mlo, 1e-9 * (hi - lo)) if unit == 'means' else max(mhi - mlo, unit * (hi - lo))
                d = beyond / u
                s = 0.999 * d / (d + tol)
            elif beyond > 0:
                sd = max(msd, 0.01 * (hi - lo))
                s = surprise_map((abs(cur - mmean) if depth == 'z' else beyond) / sd, tol)
        out.append(s)
    return out


def _edges(old, rank):
    means = [r[3] / r[4] for r in old]
    if rank > 1:
        days = {}
        for r in old:
            lo, hi = days.get(r[0] // 24, (r[1], r[2]))
            days[r[0] // 24] = (min(lo, r[1]), max(hi, r[2]))
        k = rank - 1 if len(days) >= rank + 1 else 0
        lo, hi = sorted(d[0] for d in days.values())[k], sorted((d[1] for d in days.values()), reverse=True)[k]
    else:
        lo, hi = min(r[1] for r in old), max(r[2] for r in old)
    m = sum(means) / len(means)
    return lo, hi, min(means), max(means), m, math.sqrt(sum((a - m) ** 2 for a in means) / len(means))


VARIANTS = [
    ('hours older than 24 h, since the start', dict(lag_h=24, days=None)),
    ('kept: hours older than 6 h within 7 days', dict()),
    ('14 days', dict(days=14)), ('lag 24 h', dict(lag_h=24)), ('lag 3 h', dict(lag_h=3)), ('lag 12 h', dict(lag_h=12)),
    ('5 days', dict(days=5)), ('10 days', dict(days=10)), ('tolerance 0.2', dict(tol=0.2)), ('tolerance 0.5', dict(tol=0.5)),
    ('z against the hour means, half 10', dict(depth='z', tol=10)), ('z, half 20', dict(depth='z', tol=20)),
    ('beyond in stds, half 3', dict(depth='beyond', tol=3)), ('beyond in stds, half 6', dict(depth='beyond', tol=6)),
    ('unit: range of hour means', dict(unit='means')), ('unit: max(means, 1/4 range)', dict(unit=0.25)),
    ('hold 24 h', dict(unit='means', hold_h=24)), ('hold 48 h', dict(unit='means', hold_h=48)),
    ('open hour mean vs hour means, tolerance 0.3 / 1.0', dict(current='hour')), ('same, 1.0', dict(current='hour', tol=1.0)),
    ('mean of the last 12 values vs hour means, tolerance 1.0', dict(current='short', short=12, tol=1.0)),
    ('second most extreme day', dict(rank=2)), ('second most extreme day, tolerance 0.5', dict(rank=2, tol=0.5)),
]


if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    base = {k: d['s'] for k, d in runs.items()}
    week = {k: week_scores(d['t'], d['v'], 168, 5, 0.5, floor_frac=0.05) for k, d in runs.items()}
    ref = {k: combine(base[k], week[k]) for k in runs}
    before = nl.evaluate(runs, ref)
    print('run + week-ago', nl.summary(before))
    for name, kwargs in VARIANTS:
        scores = {k: combine(ref[k], reference_scores(d['t'], d['v'], **kwargs)) for k, d in runs.items()}
        result = nl.evaluate(runs, scores)
        print('%-60s %s' % (name, nl.summary(result)))
        print('   ', nl.deltas(result, before))
