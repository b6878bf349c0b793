"""Context novelty at the hour scale: the band sequences (1..length) of closed hours' means, looked up among those seen
before, as NoveltyDetector does point by point; scored on the first point of the next hour, added by max.

    python3 bench/nab/replay/exp_coarse.py /tmp/nab-run
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_level import combine
from exp_parts import nested


def coarse_scores(t, v, levels=6, length=3, hod_days=0, weight=0.99, range_of='values', hours=1):
    out, seen, recent, env = [], [set() for _ in range(length)], [], {}
    lo = hi = mlo = mhi = None
    open_h, total, n, t0 = None, 0.0, 0, t[0]
    for ti, x in zip(t, v):
        h = int((ti - t0).total_seconds() // (3600 * hours))
        s = 0.0
        if open_h is not None and h != open_h:
            m = total / n
            rlo, rhi = (lo, hi) if range_of == 'values' else (mlo, mhi)
            band = int(min(max((m - rlo) / (rhi - rlo) * levels, -1), levels)) if rhi is not None and rhi > rlo else 0
            recent = (recent + [band])[-length:]
            fresh, key = 0, ()
            for n_ in range(1, len(recent) + 1):
                key = (recent[-n_],) + key
                if key not in seen[n_ - 1]:
                    seen[n_ - 1].add(key); fresh += 1
            s = weight * fresh / len(recent)
            if hod_days:
                hod, day = (ti.hour - 1) % 24, (ti - t0).days
                kept = [mm for dd, mm in env.get(hod, []) if dd >= day - hod_days]
                if s > 0 and kept and min(kept) <= m <= max(kept):
                    s = 0.0
                env[hod] = [e for e in env.get(hod, []) if e[0] >= day - hod_days] + [(day, m)]
            mlo = m if mlo is None else min(mlo, m); mhi = m if mhi is None else max(mhi, m)
            total, n = 0.0, 0
        open_h = h; total += x; n += 1
        lo = x if lo is None else min(lo, x); hi = x if hi is None else max(hi, x)
        out.append(s)
    return out


VARIANTS = [('6 bands, up to 3 hours', {}), ('same, excused within the hour-of-day envelope (7 days)', dict(hod_days=7)),
            ('bands of the hour means\' range', dict(range_of='means')), ('up to 2 hours', dict(length=2)),
            ('weight 0.66', dict(weight=0.66)), ('2-hour blocks', dict(hours=2)),
            ('envelope and the hour means\' range', dict(hod_days=7, range_of='means'))]

if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    base = {k: d['s'] for k, d in runs.items()}
    before = nl.evaluate(runs, base)
    print('%-56s %s' % ('as run', nl.summary(before)), flush=True)
    variants = {'as run': base}
    for name, kw in VARIANTS:
        variants[name] = {k: combine(base[k], coarse_scores(d['t'], d['v'], **kw), thr=0.62) for k, d in runs.items()}
        result = nl.evaluate(runs, variants[name])
        print('%-56s %s' % (name, nl.summary(result)), flush=True)
        print('   ', nl.deltas(result, before))
    score, chosen = nested(runs, variants)
    print('nested leave-one-category-out: %.2f %s' % (score, chosen))
