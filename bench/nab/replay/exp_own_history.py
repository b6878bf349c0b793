"""A miss the series has made again and again is routine, whatever the clock: the residual part scores 0 when the
series missed at least as much (|short mean of the residual| in its range so far) in k of its last closed blocks of
points, or k times within its last N points. Replayed on a `nab` run of the shipped detector (its residual part has
the hour-of-day routine rule in already).

    python3 bench/nab/replay/exp_own_history.py /tmp/nab-run
    python3 bench/nab/replay/exp_own_history.py /tmp/quiet-run --quiet   # flags on bench/nab/quiet_streams.py's streams
"""
import sys, os, bisect
from collections import deque
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_combine import cooled, RESIDUAL


def misses(d, short=3):
    """Per point (None where unscored): |mean of the last `short` residuals| over the range of the values before it."""
    out, ring, lo, hi = [], deque(maxlen=short), None, None
    for x, p, pt in zip(d['v'], d['p'], d['parts']):
        if pt is None or p is None:
            out.append(None)
        else:
            ring.append(x - p)
            span = hi - lo if hi is not None and hi > lo else 1.0
            out.append(abs(sum(ring) / len(ring)) / span)
        lo = x if lo is None else min(lo, x); hi = x if hi is None else max(hi, x)
    return out


def excused(d, routine):
    """The run's parts with the residual part 0 where `routine` says so."""
    return dict(d, parts=[pt if pt is None or not r else (0.0,) + pt[1:] for pt, r in zip(d['parts'], routine)])


def sliding(d, n=4000, k=3):
    """Routine when at least k of the last n misses were as large (exact, n floats a series)."""
    out, window, ordered = [], deque(), []
    for a in misses(d):
        if a is None:
            out.append(False); continue
        out.append(len(ordered) - bisect.bisect_left(ordered, a) >= k)
        window.append(a); bisect.insort(ordered, a)
        if len(window) > n:
            del ordered[bisect.bisect_left(ordered, window.popleft())]
    return excused(d, out)


def blocks(d, count=16, size=250, k=3):
    """Routine when the k-th largest maximum of the last `count` closed blocks of `size` points is as large
    (count floats a series)."""
    out, closed, current, n = [], deque(maxlen=count), 0.0, 0
    for a in misses(d):
        if a is None:
            out.append(False); continue
        out.append(len(closed) >= k and sorted(closed, reverse=True)[k - 1] >= a)
        current = max(current, a); n += 1
        if n % size == 0:
            closed.append(current); current = 0.0
    return excused(d, out)


VARIANTS = [('as run', lambda d: d)] + \
    [('last %d misses, %d as large' % (n, k), lambda d, n=n, k=k: sliding(d, n, k)) for n in (1000, 4000) for k in (2, 3, 5)] + \
    [('%d blocks of %d, %d as large' % (c, s, k), lambda d, c=c, s=s, k=k: blocks(d, c, s, k))
     for c, s in ((16, 250), (8, 500), (32, 125)) for k in (2, 3)]


QUIET_SHOWN = ('as run', 'last 4000 misses, 3 as large', '16 blocks of 250, 3 as large')


def quiet(run_dir):
    """Flags after the first 15% of each stream of a run over bench/nab/quiet_streams.py's streams, per variant."""
    import glob, csv
    from nab_score import parse_time
    for path in sorted(glob.glob(os.path.join(run_dir, '*', '*', '*.csv'))):
        rows = list(csv.reader(open(path)))[1:]
        p = [float(r[4]) if r[4] else None for r in rows]
        d = {'ts': [r[0] for r in rows], 'v': [float(r[1]) for r in rows], 'p': p,
             'parts': [tuple(float(x) for x in r[5:11]) if q is not None else None for r, q in zip(rows, p)]}
        d['t'] = [parse_time(x) for x in d['ts']]
        start = int(0.15 * len(rows))
        shown = [(name, f) for name, f in VARIANTS if name in QUIET_SHOWN]
        counts = ['%s: %d' % (name, sum(1 for s in cooled(f(d), thr=0.62)[start:] if s >= 0.62)) for name, f in shown]
        print('%-16s %s' % (os.path.basename(path).split('_', 1)[1], ', '.join(counts)))


if __name__ == '__main__':
    if '--quiet' in sys.argv:
        quiet(sys.argv[1]); sys.exit(0)
    runs = nl.load_run(sys.argv[1])
    scores = {}
    for name, f in VARIANTS:
        new = {k: f(d) for k, d in runs.items()}
        scores[name] = {k: cooled(d, thr=0.62) for k, d in new.items()}
        print('%-32s %s' % (name, nl.summary(nl.evaluate(runs, scores[name]))), flush=True)
    from exp_parts import nested
    print('nested leave-one-category-out over the variants: %.2f %s' % nested(runs, scores))
