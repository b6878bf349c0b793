import sys, os, math
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl

def level_scores(v, absorb=1/300., tol=0.2, warm=150, cool=20, grade=True):
    lo = hi = None; out = []; n = 0; sup = -1
    for i, x in enumerate(v):
        if lo is None:
            lo = hi = x; out.append(0.0); continue
        span = hi - lo
        d = 0.0
        if span > 0:
            d = max(lo - x, x - hi, 0.0) / span
        s = (0.999 * d / (d + tol)) if grade else (1.0 if d >= tol else 0.0)
        if i < warm: s = 0.0
        out.append(s)
        # absorb
        if x > hi: hi += absorb * (x - hi) if i >= warm else (x - hi)
        if x < lo: lo += absorb * (x - lo) if i >= warm else (x - lo)
    return out

def combine(base, extra, thr=0.65, cool=20):
    out = []; sup = -1
    for i, (b, e) in enumerate(zip(base, extra)):
        s = e
        if i <= sup: s = 0.0
        elif s >= thr: sup = i + cool
        out.append(max(b, s))
    return out

if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    base = {k: d['s'] for k, d in runs.items()}
    print('base', nl.summary(nl.evaluate(runs, base)))
    for absorb in [1/100., 1/300., 1/1000.]:
        for tol in [0.1, 0.3, 1.0]:
            sc = {k: combine(base[k], level_scores(d['v'], absorb, tol)) for k, d in runs.items()}
            print('abs %.4f tol %.2f' % (absorb, tol), nl.summary(nl.evaluate(runs, sc)))
