import sys, os, math, bisect
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_level import combine
from statistics import NormalDist
N = NormalDist()

def tail(z):  # upper tail prob of standard normal, robust for big z
    if z < 5: return 1 - N.cdf(z) if z > -5 else 1.0
    return math.exp(-0.5 * z * z) / (z * math.sqrt(2 * math.pi))

def kde_scores(t, v, ring=128, horizon_h=168, H=10, bwf=1.0, warm=150, short=1):
    """Tail probability of the value under a KDE of a ring of past values sampled over a horizon."""
    period = horizon_h * 3600.0 / ring
    samples = []; nxt = 0; last_sample_t = None
    out = []; recent = []
    t0 = t[0]
    for i, (ti, x) in enumerate(zip(t, v)):
        recent.append(x)
        if len(recent) > short: recent.pop(0)
        xs = sum(recent) / len(recent)
        s = 0.0
        if len(samples) >= 16 and i >= warm:
            srt = sorted(samples); n = len(srt)
            q1, q3 = srt[n // 4], srt[(3 * n) // 4]
            mean = sum(srt) / n; sd = math.sqrt(sum((a - mean) ** 2 for a in srt) / n)
            scale = min(sd, (q3 - q1) / 1.349) if q3 > q1 else sd
            bw = bwf * 0.9 * max(scale, 1e-9 + 1e-6 * abs(mean)) * n ** -0.2
            lo = sum(tail((xs - a) / bw) for a in srt) / n   # P(X >= xs)?? upper tail of sample+noise exceeding xs
            hi = sum(tail((a - xs) / bw) for a in srt) / n
            p = max(min(2 * min(lo, hi), 1.0), 1e-300)
            sur = -math.log10(p)
            s = 0.999 * sur / (sur + H)
        out.append(s)
        secs = (ti - t0).total_seconds()
        if last_sample_t is None or secs - last_sample_t >= period:
            last_sample_t = secs
            if len(samples) < ring: samples.append(x)
            else: samples[nxt] = x; nxt = (nxt + 1) % ring
    return out

if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    base = {k: d['s'] for k, d in runs.items()}
    b = nl.evaluate(runs, base)
    print('base', nl.summary(b))
    import itertools
    for H, short, hz in [(10, 1, 168), (20, 1, 168), (40, 1, 168), (20, 3, 168), (20, 1, 72)]:
        lv = {k: kde_scores(d['t'], d['v'], H=H, short=short, horizon_h=hz) for k, d in runs.items()}
        sc = {k: combine(base[k], lv[k]) for k in runs}
        r = nl.evaluate(runs, sc)
        print('H %d short %d hz %d' % (H, short, hz), nl.summary(r))
        print('   ', nl.deltas(r, b))
