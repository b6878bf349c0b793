"""The parts combined as corroborating evidence instead of by their maximum: a noisy-OR of the two largest parts (the
second damped by k), of all parts, or with novelty never corroborating; each with the cooldown from 0.62, 0.65, 0.70.

    python3 bench/nab/replay/exp_noisy_or.py /tmp/nab-run
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_combine import RESIDUAL, NOVELTY, STUCK
from exp_parts import nested


def combined(parts, mode, k):
    if parts[STUCK]:
        return 1.0
    ps = sorted(parts[:5], reverse=True)
    if mode == 'max':
        return ps[0]
    if mode == 'two largest':
        return 1 - (1 - ps[0]) * (1 - k * ps[1])
    if mode == 'all':
        rest = 1.0
        for i, p in enumerate(ps):
            rest *= 1 - (k if i else 1) * p
        return 1 - rest
    others = sorted((p for i, p in enumerate(parts[:5]) if i != NOVELTY), reverse=True)   # novelty never corroborates
    top, second = (parts[NOVELTY], others[0]) if parts[NOVELTY] > others[0] else (others[0], others[1])
    return 1 - (1 - top) * (1 - k * second)


def cooled(d, level, mode, k, cooldown=20):
    out, through, n = [], -1, 0
    for p, parts in zip(d['p'], d['parts']):
        if p is None or parts is None:
            out.append(0.0); continue
        s = min(combined(parts, mode, k), 0.999)
        if n <= through:
            s = 0.0
        elif s >= level:
            through = n + cooldown
        out.append(s); n += 1
    return out


if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    variants = {}
    for mode, ks in (('max', (0,)), ('two largest', (0.25, 0.5, 1.0)), ('all', (0.5, 1.0)), ('novelty never corroborates', (0.5, 1.0))):
        for k in ks:
            for level in ((0.62,) if mode == 'max' else (0.62, 0.65, 0.7)):
                name = '%s, k %s, cooldown from %s' % (mode, k, level)
                variants[name] = {r: cooled(d, level, mode, k) for r, d in runs.items()}
                print('%-52s %s' % (name, nl.summary(nl.evaluate(runs, variants[name]))), flush=True)
    score, chosen = nested(runs, variants)
    print('nested leave-one-category-out: %.2f %s' % (score, chosen))
