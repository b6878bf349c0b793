"""Replays how the score's parts are combined and cooled down, from the parts a `nab` run writes.

    python3 bench/nab/replay/exp_combine.py /tmp/nab-run

The first line must reproduce the run's own scores (the C# rule); the others are variants of the cooldown.
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl

RESIDUAL, NOVELTY, DAY, WEEK, LEVEL, STUCK = range(6)


def raw(parts, weights=(1, 1, 1, 1, 1)):
    """The score before the cooldown: the largest part (each scaled by its weight), 1 for a stuck series."""
    if parts[STUCK]:
        return 1.0
    return max(w * p for w, p in zip(weights, parts[:5]))


def cooled(d, thr, cooldown=20, rule='plain', weights=(1, 1, 1, 1, 1)):
    """Published scores of one file (the likelihood signal as the run wrote it). rule 'plain': the C# rule, 0 for `cooldown` scored points after a score >= thr.
    'escalate': inside a cooldown a score above the one that started it is published and starts a new cooldown."""
    out = []
    through = -1; n = 0; held = 0.0
    for p, parts, lik in zip(d['p'], d['parts'], d.get('lik') or [0.0] * len(d['p'])):
        if p is None or parts is None:
            out.append(0.0)
            continue
        s = max(raw(parts, weights), lik)
        if n <= through and not (rule == 'escalate' and s > held):
            s = 0.0
        elif s >= thr:
            through = n + cooldown; held = s
        out.append(s)
        n += 1
    return out


def run(runs, label, **kw):
    scores = {k: cooled(d, **kw) for k, d in runs.items()}
    res = nl.evaluate(runs, scores)
    print('%-40s %s' % (label, nl.summary(res)), flush=True)
    return scores, res


if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    own = {k: d['s'] for k, d in runs.items()}
    base, _ = run(runs, 'C# rule, thr 0.62', thr=0.62)
    worst = max(abs(a - b) for k in runs for a, b in zip(own[k], base[k]))
    print('largest difference from the run\'s own scores: %.3g' % worst)
    for thr in (0.6, 0.62, 0.65, 0.7):
        run(runs, 'escalate, thr %.2f' % thr, thr=thr, rule='escalate')
