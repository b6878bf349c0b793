"""A longer horizon than one step: the value against a slow forecast, the series' exponentially weighted mean with a
time constant of hours to days, in units of how far the value usually lies from it (its own EW spread, learnt from
deviations winsorised at 4 sigma, floored at 5% of the range seen so far). Surprise mapped as the residual's
(-log10 of the two-sided normal tail, s / (s + 10)); added to the parts as a seventh by max.

    python3 bench/nab/replay/exp_horizon.py /tmp/nab-run0     # a run with --Scoring:RoutineMisses=false (the hour-of-day routine is replayed)
"""
import sys, os, math
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_combine import cooled
from exp_routine import compact
from exp_parts import nested


def surprise(z, half=10.0):
    p = math.erfc(abs(z) / math.sqrt(2))
    s = -math.log10(max(p, 1e-300))
    return 0.999 * s / (s + half)


def horizon(d, tau_hours=24.0, clip=4.0, floor=0.05, warm_hours=24.0, half=10.0):
    out, m, v, lo, hi, t0, prev = [], None, 0.0, None, None, None, None
    for ti, x, pt in zip(d['t'], d['v'], d['parts']):
        if m is None:
            m, lo, hi, t0, prev = x, x, x, ti, ti
            out.append(pt); continue
        dt = max((ti - prev).total_seconds(), 0.0) / 3600.0
        prev = ti
        w = 1.0 - math.exp(-dt / tau_hours)
        sd = max(math.sqrt(v), floor * (hi - lo), 1e-9)
        dev = x - m
        score = surprise(dev / sd, half) if (ti - t0).total_seconds() / 3600.0 >= warm_hours else 0.0
        c = max(-clip * sd, min(clip * sd, dev))
        m += w * c
        v += w * (c * c - v)
        lo, hi = min(lo, x), max(hi, x)
        if pt is None:
            out.append(None)
        else:
            q = list(pt); q[4] = max(q[4], score); out.append(tuple(q))
    return dict(d, parts=out)


if __name__ == '__main__':
    runs = {k: compact(d) for k, d in nl.load_run(sys.argv[1]).items()}
    base = {k: cooled(d, thr=0.62) for k, d in runs.items()}
    before = nl.evaluate(runs, base)
    print('%-30s %s' % ('as kept', nl.summary(before)), flush=True)
    variants = {'as kept': base}
    for tau in (6.0, 24.0, 72.0):
        for half in (10.0, 20.0):
            name = 'tau %g h, half %g' % (tau, half)
            variants[name] = {k: cooled(horizon(d, tau_hours=tau, half=half), thr=0.62) for k, d in runs.items()}
            res = nl.evaluate(runs, variants[name])
            print('%-30s %s' % (name, nl.summary(res)), flush=True)
            print('   ', nl.deltas(res, before))
    score, chosen = nested(runs, variants)
    print('nested leave-one-category-out: %.2f %s' % (score, chosen))
