"""The score weighed against the series' own history of scores (HTM's anomaly likelihood), replayed from the parts a
`nab` run writes, with variants of its window, floors and statistics and the nested leave-one-category-out choice.

    python3 bench/nab/replay/exp_likelihood.py /tmp/nab-run
    python3 bench/nab/replay/exp_likelihood.py /tmp/nab-run --as-the-worker-runs

The first line ports the C# rule (`ResidualScorer.Likelihood`) and must give the run's own scores; "off" is the
detector without it. --as-the-worker-runs gives the leave-one-category-out line with the cooldown where each fold's
threshold is, as a worker has it (`Scoring:Threshold` starts the cooldown too): each held-out category is scored at
the threshold best on the other five, chosen over 0.600-0.670 in steps of 0.0025 with the cooldown starting there.
"""
import sys, os, math
from collections import deque
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
import nab_score as ns
from exp_combine import raw
from exp_parts import nested

TAIL_FLOOR = 1e-10


def likelihood(scores, window=10, long_window=1000, min_variance=1e-3, min_mean=0.0, winsor=None, ew_from_start=False):
    """Per scored point (None: not scored): log(p) / log(1e-10), p the upper tail of the mean of the last `window`
    scores against the EW mean and variance of that mean (alpha max(1/k, 2/(long_window + 1)), or 1/(long_window / 2)
    from the first point with `ew_from_start`), judged once long_window / 2 of them have been seen."""
    out, ring = [], deque(maxlen=window)
    mean = var = 0.0; k = 0
    alpha_long = 2.0 / (long_window + 1)
    for s in scores:
        if s is None:
            out.append(0.0); continue
        ring.append(s); m = sum(ring) / len(ring)
        std = math.sqrt(max(var, min_variance))
        if k >= long_window // 2:
            tail = 0.5 * math.erfc((m - max(mean, min_mean)) / std / math.sqrt(2))
            out.append(max(0.0, math.log(TAIL_FLOOR + tail) / math.log(TAIL_FLOOR)))
        else:
            out.append(0.0)
        x = m if k == 0 or winsor is None else min(max(m, mean - winsor * std), mean + winsor * std)
        k += 1
        if ew_from_start and k == 1:
            mean = x; continue
        alpha = 2.0 / long_window if ew_from_start else max(1.0 / k, alpha_long)
        d = x - mean; inc = alpha * d; mean += inc; var = (1 - alpha) * (var + d * inc)
    return out


def repeats(times):
    """True for a point no later than the one before it: the detector does not score it (a duplicate or late point)."""
    out, last = [], None
    for t in times:
        out.append(last is not None and t <= last)
        last = t if last is None or t > last else last
    return out


def cooled(d, thr=0.62, cooldown=20, on=True, mute=True, window=10, **kw):
    """Published scores of one file: the parts' maximum and the likelihood of it, then the 20-point cooldown."""
    before = [None if pt is None or p is None or late else raw(pt) for p, pt, late in zip(d['p'], d['parts'], repeats(d['t']))]
    lik = likelihood(before, window=window, **kw) if on else [0.0] * len(before)
    out, through, n = [], -1, 0
    for s, l in zip(before, lik):
        if s is None:
            out.append(0.0); continue
        # Silent while its short mean holds a point of the last cooldown (mute=False: speaks then too).
        s = max(s, 0.0 if mute and n <= through + window else l)
        if n <= through: s = 0.0
        elif s >= thr: through = n + cooldown
        out.append(s); n += 1
    return out


VARIANTS = {
    'as kept (window 10, variance floor 1e-3)': {},
    'off': {'on': False},
    'also right after a cooldown': {'mute': False},
    'variance floor 3e-4 (HTM)': {'min_variance': 3e-4},
    'variance floor 3e-4, mean floor 0.03 (HTM)': {'min_variance': 3e-4, 'min_mean': 0.03},
    'mean floor 0.03': {'min_mean': 0.03},
    'variance floor 3e-3': {'min_variance': 3e-3},
    'window 20': {'window': 20},
    'window 20, variance floor 3e-4': {'window': 20, 'min_variance': 3e-4},
    'window 5': {'window': 5},
    'long window 500 / 2000': None,
    'winsorised at 4 sigma': {'winsor': 4.0},
    'window 20, winsorised at 4 sigma': {'window': 20, 'winsor': 4.0},
    'EW from the first score': {'ew_from_start': True},
    'window 20, EW from the first score': {'window': 20, 'ew_from_start': True},
}


def as_the_worker_runs(runs, grid=tuple(round(0.60 + 0.0025 * i, 4) for i in range(29))):
    """(normalised score, {category: threshold}): each category at the threshold best on the other five, the cooldown
    starting at that threshold."""
    prof = nl.PROFILES['standard']
    per = {}
    for thr in grid:
        prepared, _ = nl.prepare(runs, {k: cooled(d, thr=thr) for k, d in runs.items()})
        per[thr] = {pf.relpath: ns.score_at_threshold(pf, prof, thr)['raw_score'] for pf in prepared}
    total, chosen = 0.0, {}
    for cat in sorted({k.split('/')[0] for k in runs}):
        chosen[cat] = max(grid, key=lambda t: sum(v for k, v in per[t].items() if not k.startswith(cat + '/')))
        total += sum(v for k, v in per[chosen[cat]].items() if k.startswith(cat + '/'))
    return nl.normalised(total, prepared, prof), chosen


if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    if sys.argv[2:] == ['--as-the-worker-runs']:
        score, chosen = as_the_worker_runs(runs)
        print('leave-one-category-out, the cooldown at each fold\'s threshold: %.2f (%s)'
              % (score, ', '.join('%s %.4f' % c for c in chosen.items())))
        sys.exit(0)
    variants = {}
    for name, kw in VARIANTS.items():
        for label, args in ([(name, kw)] if kw is not None else
                            [('long window %d' % w, {'long_window': w}) for w in (500, 2000)]):
            scores = {k: cooled(d, **args) for k, d in runs.items()}
            variants[label] = scores
            print('%-44s %s' % (label, nl.summary(nl.evaluate(runs, scores))), flush=True)
            if label.startswith('as kept'):
                worst = max(abs(a - b) for k in runs for a, b in zip(runs[k]['s'], scores[k]))
                print('largest difference from the run\'s own scores: %.3g' % worst, flush=True)
    score, chosen = nested(runs, variants)
    print('nested leave-one-category-out over these variants: %.2f' % score)
    for cat, pick in chosen.items():
        print('  %-22s %s' % (cat, pick))
