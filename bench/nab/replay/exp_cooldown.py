"""Replays the score with the cooldown started at a level of its own instead of at the flag threshold, or lasting a
time instead of a number of points.

    python3 bench/nab/replay/exp_cooldown.py /tmp/nab-run 0.62 0.65 0.68 0.7
    python3 bench/nab/replay/exp_cooldown.py /tmp/nab-run --hours 1 2 4 8
    python3 bench/nab/replay/exp_cooldown.py /tmp/nab-run --parts
    python3 bench/nab/replay/exp_cooldown.py /tmp/nab-run --band realKnownCause

Each variant gives one published score per point; the scorer then sweeps the flag threshold as usual. With levels, the
last line is the nested leave-one-category-out figure: each held-out category scored with the level and the threshold
best on the other five, i.e. with the cooldown where that fold's threshold is, as the worker has it.

--parts lets the level and week-ago parts (already one incident each: they count again only deeper) through the
cooldown, or keeps them from starting one; its last line is the nested figure over those variants and the C# rule.
--band prints, per threshold, the raw standard score of one category and of the other five (the fold that holds that
category out picks its threshold on the second column), then each file's raw gain at the lowest threshold a fold picks
over that fold's own.
"""
import sys, os
from datetime import timedelta
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
import exp_combine as ec
from exp_combine import RESIDUAL, NOVELTY, DAY, WEEK, LEVEL, STUCK


def cooled_for(d, hours, thr=0.62):
    """The C# rule with a cooldown of `hours` after a score >= thr instead of 20 scored points."""
    out = []; until = None
    for t, p, parts in zip(d['t'], d['p'], d['parts']):
        if p is None or parts is None:
            out.append(0.0)
            continue
        s = ec.raw(parts)
        if until is not None and t <= until:
            s = 0.0
        elif s >= thr:
            until = t + timedelta(hours=hours)
        out.append(s)
    return out


def cooled_by_part(d, thr=0.62, cooldown=20, through=(WEEK, LEVEL), starters=None):
    """The C# rule, except that inside a cooldown the parts in `through` are published (an excursion going deeper) without
    restarting it, and only a score whose largest part is in `starters` (None: any) starts one."""
    out = []; until = -1; n = 0
    for p, parts in zip(d['p'], d['parts']):
        if p is None or parts is None:
            out.append(0.0)
            continue
        s = ec.raw(parts)
        if n <= until:
            s = 0.0 if parts[STUCK] else max([parts[j] for j in through] + [0.0])
        elif s >= thr:
            largest = max(range(5), key=lambda j: parts[j])
            if starters is None or parts[STUCK] or largest in starters:
                until = n + cooldown
        out.append(s)
        n += 1
    return out


def band(runs, category, thresholds=(0.60, 0.62, 0.624, 0.63, 0.64, 0.65, 0.655, 0.658, 0.66, 0.67, 0.70)):
    prof = nl.PROFILES['standard']
    prepared, _ = nl.prepare(runs, {k: d['s'] for k, d in runs.items()})
    held = [pf for pf in prepared if pf.relpath.startswith(category + '/')]
    rest = [pf for pf in prepared if not pf.relpath.startswith(category + '/')]
    print('%-9s %12s %12s' % ('threshold', category[:12], 'other five'))
    for t in thresholds:
        print('%-9.3f %12.2f %12.2f' % (t, sum(nl.ns.score_at_threshold(pf, prof, t)['raw_score'] for pf in held),
                                          sum(nl.ns.score_at_threshold(pf, prof, t)['raw_score'] for pf in rest)))
    # The files the band is made of: raw score at the threshold the other folds pick minus at this fold's.
    _, chosen = nl.ns.loco_raw_score(prepared, prof)
    low, high = min(chosen.values()), chosen[category]
    print("files whose raw score differs between %.4f and %.4f (this fold's pick):" % (low, high))
    for pf in prepared:
        gain = nl.ns.score_at_threshold(pf, prof, low)['raw_score'] - nl.ns.score_at_threshold(pf, prof, high)['raw_score']
        if abs(gain) > 1e-9:
            print('  %-60s %+.3f' % (pf.relpath, gain))


if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    if sys.argv[2] == '--band':
        band(runs, sys.argv[3])
    elif sys.argv[2] == '--parts':
        from exp_parts import nested
        variants = {}
        for name, kw in [('C# rule', dict(through=())),
                         ('level through the cooldown', dict(through=(LEVEL,))),
                         ('week-ago through the cooldown', dict(through=(WEEK,))),
                         ('level and week-ago through', dict()),
                         ('level and week-ago start none', dict(through=(), starters=(RESIDUAL, NOVELTY, DAY)))]:
            variants[name] = {k: cooled_by_part(d, **kw) for k, d in runs.items()}
            print('%-40s %s' % (name, nl.summary(nl.evaluate(runs, variants[name]))), flush=True)
        print('nested leave-one-category-out over these: %.2f %s' % nested(runs, variants))
    elif sys.argv[2] == '--hours':
        for hours in [float(x) for x in sys.argv[3:]]:
            scores = {k: cooled_for(d, hours) for k, d in runs.items()}
            print('%-40s %s' % ('cooldown %g h' % hours, nl.summary(nl.evaluate(runs, scores))), flush=True)
    else:
        from exp_parts import nested
        levels = {'%.2f' % level: ec.run(runs, 'cooldown from %.2f' % level, thr=level)[0] for level in [float(x) for x in sys.argv[2:]]}
        print('nested leave-one-category-out over the levels: %.2f %s' % nested(runs, levels))
