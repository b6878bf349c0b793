"""Replays other weightings of the score's parts and picks among them leave-one-category-out.

    python3 bench/nab/replay/exp_parts.py /tmp/nab-run
    python3 bench/nab/replay/exp_parts.py /tmp/nab-run --res-half 10 12 15 20 30 1e9

Each part is mapped back to its evidence (surprise, depth) and forward again with another half; the context novelty
is scaled. "nested" is the honest figure for choosing among the variants: each category is scored with the variant
and threshold that are best on the other five.
"""
import sys, os, itertools
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
import nab_score as ns
from exp_combine import cooled

TOP = 0.999


def rehalf(score, old, new):
    """A part of the form TOP e / (e + old), given again as TOP e / (e + new)."""
    if score <= 0: return 0.0
    score = min(score, TOP * (1 - 1e-12))
    e = old * score / (TOP - score)
    return TOP * e / (e + new)


def remap(parts, res_half=10, ctx=1.0, level_half=0.3, week_half=5, day_half=10):
    r, n, dy, w, lv, st = parts
    novelty = n if n >= 1 else n * ctx
    return (rehalf(r, 10, res_half), novelty, rehalf(dy, 10, day_half), rehalf(w, 5, week_half), rehalf(lv, 0.3, level_half), st)


def variant_scores(runs, thr=0.62, cooldown=20, **kw):
    out = {}
    for k, d in runs.items():
        dd = {'p': d['p'], 'parts': [None if p is None else remap(p, **kw) for p in d['parts']], 'lik': d['lik']}
        out[k] = cooled(dd, thr=thr, cooldown=cooldown)
    return out


def nested(runs, variants, profile_name='standard'):
    """{name: scores} -> (normalised score, {category: chosen name}) choosing variant and threshold on five categories."""
    prof = nl.PROFILES[profile_name]
    prepared = {name: nl.prepare(runs, sc)[0] for name, sc in variants.items()}
    any_p = next(iter(prepared.values()))
    cats = sorted({pf.relpath.split('/')[0] for pf in any_p})
    total = 0.0; chosen = {}
    for cat in cats:
        best = None
        for name, pfs in prepared.items():
            rest = [pf for pf in pfs if pf.relpath.split('/')[0] != cat]
            rows = sorted((r for pf in rest for r in pf.rows), key=lambda r: r[0], reverse=True)
            thr, sc = ns.best_on_curve(ns.sweep_curve(rows, sum(len(pf.window_ids) for pf in rest), prof))
            if best is None or sc > best[0]: best = (sc, name, thr)
        _, name, thr = best
        chosen[cat] = (name, round(thr, 4))
        total += sum(ns.score_at_threshold(pf, prof, thr)['raw_score'] for pf in prepared[name] if pf.relpath.split('/')[0] == cat)
    return nl.normalised(total, any_p, prof), chosen


if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] == '--res-half':
        variants = {'res_half=%s' % h: variant_scores(runs, res_half=float(h)) for h in sys.argv[3:]}
        for name, sc in variants.items():
            print('%-20s %s' % (name, nl.summary(nl.evaluate(runs, sc))), flush=True)
        score, chosen = nested(runs, variants)
        print('nested leave-one-category-out: %.2f %s' % (score, chosen))
        sys.exit(0)
    grid = {
        'res_half': (10, 6),
        'ctx': (1.0, 0.9, 0.8),
        'level_half': (0.3, 0.5),
        'week_half': (5,),
        'cooldown': (20, 40),
    }
    variants = {}
    for values in itertools.product(*grid.values()):
        kw = dict(zip(grid, values))
        name = ' '.join('%s=%s' % kv for kv in kw.items())
        variants[name] = variant_scores(runs, **kw)
        print('%-62s %s' % (name, nl.summary(nl.evaluate(runs, variants[name], cats=False))), flush=True)
    score, chosen = nested(runs, variants)
    print('nested leave-one-category-out over %d variants: %.2f' % (len(variants), score))
    for c, v in chosen.items(): print('  %s: %s' % (c, v))
