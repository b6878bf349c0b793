"""Replays the score with the cooldown started at a level of its own instead of at the flag threshold, or lasting a
time instead of a number of points.

    python3 bench/nab/replay/exp_cooldown.py /tmp/nab-run 0.62 0.65 0.68 0.7
    python3 bench/nab/replay/exp_cooldown.py /tmp/nab-run --hours 1 2 4 8

Each variant gives one published score per point; the scorer then sweeps the flag threshold as usual. With levels, the
last line is the nested leave-one-category-out figure: each held-out category scored with the level and the threshold
best on the other five, i.e. with the cooldown where that fold's threshold is, as the worker has it.
"""
import sys, os
from datetime import timedelta
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
import exp_combine as ec


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


if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    if sys.argv[2] == '--hours':
        for hours in [float(x) for x in sys.argv[3:]]:
            scores = {k: cooled_for(d, hours) for k, d in runs.items()}
            print('%-40s %s' % ('cooldown %g h' % hours, nl.summary(nl.evaluate(runs, scores))), flush=True)
    else:
        from exp_parts import nested
        levels = {'%.2f' % level: ec.run(runs, 'cooldown from %.2f' % level, thr=level)[0] for level in [float(x) for x in sys.argv[2:]]}
        print('nested leave-one-category-out over the levels: %.2f %s' % nested(runs, levels))
