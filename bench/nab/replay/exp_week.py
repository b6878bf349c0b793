import sys, os, math
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_level import combine
from statistics import NormalDist

_NORMAL = NormalDist()


def surprise_map(z, half):
    """0.999 s / (s + half), s = -log10 of the two-sided Gaussian tail of z (the scorer's map, another half)."""
    p = max(2 * (1 - _NORMAL.cdf(z)) if z < 8 else math.exp(-0.5 * z * z) / (z * 2.5066), 1e-300)
    s = max(-math.log10(p), 0)
    return 0.999 * s / (s + half)


class EW:
    def __init__(s, short=3, long=1000):
        s.a = 2 / (long + 1); s.ring = []; s.short = short; s.n = 0; s.m = 0.0; s.v = 0.0
    def next(s, r, floor):
        s.ring.append(r)
        if len(s.ring) > s.short: s.ring.pop(0)
        sm = sum(s.ring) / len(s.ring)
        sd = max(math.sqrt(s.v), floor)
        dev = abs(sm - s.m) if s.n else 0.0
        x = sm if s.n == 0 else min(max(sm, s.m - 4 * sd), s.m + 4 * sd)
        s.n += 1; a = max(1 / s.n, s.a); d = x - s.m; inc = a * d; s.m += inc; s.v = (1 - a) * (s.v + d * inc)
        return dev, sd

def week_scores(t, v, period_h=168, half=10, ratio=0.5, warm=50, floor_frac=0.01, short=3):
    means = {}   # hour index -> mean
    cur_h = None; cur_sum = 0; cur_n = 0
    st = EW(short=short); allst = EW(short=1)
    out = []; t0 = t[0]
    lo = hi = v[0]
    for ti, x in zip(t, v):
        h = int((ti - t0).total_seconds() // 3600)
        if h != cur_h:
            if cur_h is not None: means[cur_h] = cur_sum / cur_n
            cur_h, cur_sum, cur_n = h, 0.0, 0
        cur_sum += x; cur_n += 1
        lo = min(lo, x); hi = max(hi, x)
        floor = floor_frac * (hi - lo) if hi > lo else 1e-9
        _, sdx = allst.next(x, floor)   # std of the value itself (EW)
        s = 0.0
        ref = means.get(h - period_h)
        if ref is not None:
            dev, sd = st.next(x - ref, floor)
            if st.n > warm and sd <= ratio * sdx:
                s = surprise_map(dev / sd, half)
        out.append(s)
    return out

if __name__ == '__main__':
    from exp_reference import reference_scores
    runs = nl.load_run(sys.argv[1])
    base = {k: d['s'] for k, d in runs.items()}
    level = {k: reference_scores(d['t'], d['v']) for k, d in runs.items()}
    ref = {k: combine(base[k], level[k]) for k in runs}
    before = nl.evaluate(runs, ref)
    print('run + level', nl.summary(before))
    for period, half, ratio, floor in [(168, 5, 0.5, 0.05), (168, 10, 0.5, 0.05), (168, 3, 0.5, 0.05), (168, 5, 0.3, 0.05),
                                       (168, 5, 0.7, 0.05), (168, 5, 0.5, 0.01), (24, 10, 0.5, 0.05)]:
        week = {k: week_scores(d['t'], d['v'], period, half, ratio, floor_frac=floor) for k, d in runs.items()}
        result = nl.evaluate(runs, {k: combine(ref[k], week[k]) for k in runs})
        print('lag %d h, half %g, spread guard %g, floor %g:' % (period, half, ratio, floor), nl.summary(result))
        print('   ', nl.deltas(result, before))
