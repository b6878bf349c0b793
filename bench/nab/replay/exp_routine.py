"""A model miss its hour of the day has on other days too is routine: the residual part scores 0 when it is no larger
than the largest residual part the same UTC hour had on one of the last `days` days (today left out).

    python3 bench/nab/replay/exp_routine.py /tmp/nab-run      # a run with --Scoring:RoutineMisses=false (no routine rule)

'exact' keeps every day's maximum per hour; 'compact' one maximum per hour with its day, an expired one replaced by the
next value (what HourOfDayProfile keeps). The last line chooses among all variants leave-one-category-out (nested).
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_combine import cooled, RESIDUAL, NOVELTY, DAY
from exp_parts import nested


def exact(d, days=14, k=1.0, part=RESIDUAL, slack=0, times=1):
    out, best = [], {}   # hour of day -> {day: largest part}
    for ti, pt in zip(d['t'], d['parts']):
        if pt is None:
            out.append(None); continue
        day, hour, r, q = ti.toordinal(), ti.hour, pt[part], list(pt)
        # times: on how many other days the hour must have missed at least as much (the times-th largest daily maximum).
        maxima = sorted((m for h in range(hour - slack, hour + slack + 1) for dd, m in best.get(h % 24, {}).items()
                         if day - days <= dd < day), reverse=True)
        seen = maxima[times - 1] if len(maxima) >= times else 0.0
        if r > 0 and seen * k >= r:
            q[part] = 0.0
        slot = best.setdefault(hour, {})
        slot[day] = max(slot.get(day, 0.0), r)
        for dd in [dd for dd in slot if dd < day - days]:
            del slot[dd]
        out.append(tuple(q))
    return dict(d, parts=out)


def compact(d, days=14):
    out, slot = [], {}   # hour of day -> (largest part, its day)
    for ti, pt in zip(d['t'], d['parts']):
        if pt is None:
            out.append(None); continue
        day, hour, r, q = ti.toordinal(), ti.hour, pt[RESIDUAL], list(pt)
        m = slot.get(hour)
        if m is not None and day - days <= m[1] < day and m[0] >= r:
            q[RESIDUAL] = 0.0
        if m is None or m[1] < day - days or r >= m[0]:
            slot[hour] = (r, day)
        out.append(tuple(q))
    return dict(d, parts=out)


def compact2(d, days=14):
    """The two largest daily maxima per hour, each with its day: a miss is routine when both are at least as large."""
    out, slots = [], {}   # hour of day -> [(largest part, its day), ...] at most two, distinct days
    for ti, pt in zip(d['t'], d['parts']):
        if pt is None:
            out.append(None); continue
        day, hour, r, q = ti.toordinal(), ti.hour, pt[RESIDUAL], list(pt)
        kept = [(m, dd) for m, dd in slots.get(hour, []) if dd >= day - days]
        earlier = [m for m, dd in kept if dd < day]
        if len(earlier) == 2 and min(earlier) >= r:
            q[RESIDUAL] = 0.0
        same = [i for i, (m, dd) in enumerate(kept) if dd == day]
        if same:
            i = same[0]; kept[i] = (max(kept[i][0], r), day)
        elif len(kept) < 2:
            kept.append((r, day))
        else:
            i = min(range(2), key=lambda j: kept[j][0])
            if r >= kept[i][0]:
                kept[i] = (r, day)
        slots[hour] = kept
        out.append(tuple(q))
    return dict(d, parts=out)


VARIANTS = [('exact, 3 days', exact, dict(days=3)), ('exact, 7 days', exact, dict(days=7)), ('exact, 10 days', exact, dict(days=10)),
            ('exact, 14 days', exact, dict(days=14)), ('exact, 21 days', exact, dict(days=21)), ('exact, 28 days', exact, dict(days=28)),
            ('exact, 7 days, x 0.8', exact, dict(days=7, k=0.8)), ('exact, 7 days, x 1.2', exact, dict(days=7, k=1.2)),
            ('compact, 7 days', compact, dict(days=7)), ('compact, 14 days (kept)', compact, dict(days=14)),
            ('compact, 28 days', compact, dict(days=28)),
            ('exact, 14 days, hours +-1', exact, dict(slack=1)), ('exact, 14 days, hours +-2', exact, dict(slack=2)), ('the day-ago part instead, 7 days', exact, dict(days=7, part=DAY)),
            ('novelty too, 14 days', lambda d: exact(exact(d), part=NOVELTY), {}),
            ('exact, 14 days, on two other days', exact, dict(times=2)), ('exact, 14 days, on three other days', exact, dict(times=3)),
            ('compact, 14 days, two largest days', compact2, dict(days=14))]

if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    base = {k: cooled(d, thr=0.62) for k, d in runs.items()}
    before = nl.evaluate(runs, base)
    print('%-34s %s' % ('as run', nl.summary(before)), flush=True)
    variants = {'as run': base}
    for name, f, kw in VARIANTS:
        variants[name] = {k: cooled(f(d, **kw), thr=0.62) for k, d in runs.items()}
        result = nl.evaluate(runs, variants[name])
        print('%-34s %s' % (name, nl.summary(result)), flush=True)
        print('   ', nl.deltas(result, before))
    score, chosen = nested(runs, variants)
    print('nested leave-one-category-out: %.2f %s' % (score, chosen))
