"""Per-window and per-file diagnosis of a NAB run at the standard profile's best threshold."""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
import nab_score as ns

def diagnose(runs, scores, thr=None, show_caught=True):
    res = nl.evaluate(runs, scores, loco=False, cats=False, profiles=('standard',))
    thr = thr if thr is not None else res['standard']['thr']
    print('threshold %.4f' % thr)
    for rel in sorted(nl.LABELS):
        d = runs[rel]; sc = scores[rel]; n = len(sc)
        prob = int(ns.probation_rows(n))
        idx = {ns.parse_time(x): i for i, x in enumerate(d['ts'])}
        wins = [(idx[ns.parse_time(a)], idx[ns.parse_time(b)]) for a, b in nl.LABELS[rel]]
        inwin = [False] * n
        for a, b in wins:
            for i in range(a, b + 1): inwin[i] = True
        fps = [i for i in range(prob, n) if sc[i] >= thr and not inwin[i]]
        lines = []
        for a, b in wins:
            hits = [i for i in range(max(a, prob), b + 1) if sc[i] >= thr]
            mx = max(sc[max(a, prob):b + 1]) if b >= prob else float('nan')
            am = max(range(max(a, prob), b + 1), key=lambda i: sc[i]) if b >= prob else a
            if hits:
                if show_caught: lines.append('   caught %s..%s first at %.0f%% (max %.3f)' % (d['ts'][a][:16], d['ts'][b][:16], 100 * (hits[0] - a) / (b - a + 1), mx))
            else:
                lines.append('   MISSED %s..%s max %.3f at %s (%.0f%%)' % (d['ts'][a][:16], d['ts'][b][:16], mx, d['ts'][am][:16], 100 * (am - a) / (b - a + 1)))
        if fps or lines:
            print('%s: %d FP rows%s' % (rel, len(fps), (' at ' + ', '.join(d['ts'][i][:13] for i in fps[:6])) if fps else ''))
            for l in lines: print(l)

if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    scores = {k: v['s'] for k, v in runs.items()}
    print(nl.summary(nl.evaluate(runs, scores)))
    diagnose(runs, scores)
