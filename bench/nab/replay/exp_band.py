"""Can the scorer's leave-one-category-out line leave the thin band? Replays of what the published score could be,
from the parts a `nab` run writes.

    python3 bench/nab/replay/exp_band.py /tmp/nab-run

The fold without realKnownCause picks its threshold between 0.6228 and 0.6577, where its five categories differ by
0.14 raw, and realKnownCause's slow incidents are first flagged in that band. Each line changes one thing against the
kept rule (the first line, which must give the run's own scores):
- what the cooldown publishes: a score deeper than the incident's so far (as a worker at a higher threshold would
  flag it), with or without a new cooldown; or no cooldown at all;
- the likelihood's scale: log(p) / log(F) for other tail floors F (HTM's is 1e-10);
- the likelihood over a second, longer window (the largest of the two signals, with or without Bonferroni's factor);
- the context novelty's bands on a grid that only doubles its width (so a range that grows a little does not move
  every band edge; what was seen is remapped exactly), instead of the range seen so far cut in six.
The last line is the nested choice over every variant here and in exp_likelihood.py: each category scored with the
variant and threshold best on the other five.

    python3 bench/nab/replay/exp_band.py /tmp/nab-run --context

counts the context part's false flags against its first flags in windows, and replays its partial step (two of three
sequences new: 0.66) scaled down, the likelihood still judging it; --range instead replays out-of-range values
scoring 1 whenever the model's prediction lay inside the range, whatever the residual's z.
"""
import sys, os, math
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_combine import raw
from exp_likelihood import likelihood, repeats, cooled, VARIANTS
from exp_parts import nested

NOVELTY = 1
# Scoring:RangeTolerance as shipped: a value beyond the range seen so far by more than this share of it is out of range.
RANGE_TOLERANCE = 0.05


def published(d, thr=0.62, cooldown=20, window=10, tail_exp=10.0, second_window=None, bonferroni=False, rule='zero'):
    """Published scores of one file. rule 'zero': the C# cooldown (0 for `cooldown` points after a flag); 'record' /
    'record-no-restart': inside it a score above the incident's highest is published (and starts a new cooldown);
    'none': no cooldown (the likelihood is still muted after a flag)."""
    before = [None if pt is None or p is None or late else raw(pt) for p, pt, late in zip(d['p'], d['parts'], repeats(d['t']))]
    signals = [(window, likelihood(before, window=window))]
    if second_window:
        signals.append((second_window, likelihood(before, window=second_window)))
    shift = math.log10(len(signals)) / 10 if bonferroni else 0.0
    out, through, n, peak = [], -1, 0, 0.0
    for i, s in enumerate(before):
        if s is None:
            out.append(0.0)
            continue
        # lik = log(p) / log(1e-10); the same p on the scale of another floor, and p times the number of windows.
        for w, lik in signals:
            if n > through + w and lik[i] > 0:
                s = max(s, min(1.0, max(0.0, lik[i] - shift) * 10 / tail_exp))
        if n <= through:
            if rule.startswith('record') and s > peak:
                peak = s
                through = n + cooldown if rule == 'record' else through
            elif rule != 'none':
                s = 0.0
        elif s >= thr:
            through, peak = n + cooldown, s
        out.append(s)
        n += 1
    return out


class RangeBands:
    """NoveltyDetector's context part, ported: the range seen so far cut in `levels` bands, one more each side."""

    def __init__(self, levels=6, length=3):
        self.levels, self.digits = levels, levels + 2
        self.recent, self.count = [0] * length, 0
        self.seen = [set() for _ in range(length)]
        self.lo, self.hi = math.inf, -math.inf

    def observe(self, v):
        if not math.isfinite(v):
            return 0.0
        span = self.hi - self.lo
        # The C# cast truncates toward zero: only a value a whole band below the range is band -1.
        band = int(max(-1.0, min(float(self.levels), (v - self.lo) / span * self.levels))) + 1 if span > 0 else 1
        self.lo, self.hi = min(self.lo, v), max(self.hi, v)
        return context(self, band)


class DoublingGrid:
    """Bands of a fixed width that doubles when a value falls outside the grid, the bands seen so far remapped."""

    def __init__(self, levels=6, length=3):
        self.digits = levels
        self.recent, self.count = [0] * length, 0
        self.seen = [set() for _ in range(length)]
        self.origin = self.width = self.first = None

    def remap(self, f):
        self.recent = [f(b) for b in self.recent]
        for length, seen in enumerate(self.seen, 1):
            keys = set()
            for key in seen:
                bands = [(key // self.digits ** j) % self.digits for j in range(length)]
                keys.add(sum(f(b) * self.digits ** j for j, b in enumerate(bands)))
            self.seen[length - 1] = keys

    def observe(self, v):
        if not math.isfinite(v):
            return 0.0
        if self.origin is None:
            if self.first is None or v == self.first:
                self.first = v
                return context(self, 0)
            self.origin, self.width = min(self.first, v), abs(v - self.first) / self.digits * (1 + 1e-9)
            first_band = int((self.first - self.origin) // self.width)
            self.remap(lambda b: first_band)
        k = self.digits
        while True:
            x = (v - self.origin) / self.width
            if x >= k:
                self.width *= 2
                self.remap(lambda b: b // 2)
            elif x < 0:
                self.origin -= k * self.width
                self.width *= 2
                self.remap(lambda b: (b + k) // 2)
            else:
                return context(self, int(x))


def context(det, band):
    """0.99 x the share of the last 1..3 bands' sequences never seen before (NoveltyDetector.ContextNovelty)."""
    det.recent = det.recent[1:] + [band]
    det.count = min(det.count + 1, len(det.recent))
    fresh = key = 0
    for length in range(1, det.count + 1):
        key = key * det.digits + det.recent[-length]
        if key not in det.seen[length - 1]:
            det.seen[length - 1].add(key)
            fresh += 1
    return 0.99 * fresh / det.count


def with_context(d, make):
    """The run's parts with the context part from `make()`; out of range (1) and the hour-of-day mute (a context the
    port sees but the run wrote as 0) are kept as the run had them."""
    kept, new = RangeBands(), make()
    parts = []
    for pt, v, late in zip(d['parts'], d['v'], repeats(d['t'])):
        c, n = (None, None) if late else (kept.observe(v), new.observe(v))
        if pt is None or c is None or pt[NOVELTY] == 1.0:
            parts.append(pt)
            continue
        if abs(pt[NOVELTY] - c) > 1e-9 and pt[NOVELTY] != 0:
            raise SystemExit('the context port does not reproduce the run')
        parts.append(pt[:NOVELTY] + (0.0 if pt[NOVELTY] == 0 and c > 0 else n,) + pt[NOVELTY + 1:])
    return dict(d, parts=parts)


LINES = [
    ('as kept', lambda d: published(d)),
    ('cooldown publishes deeper points, new cooldown', lambda d: published(d, rule='record')),
    ('cooldown publishes deeper points', lambda d: published(d, rule='record-no-restart')),
    ('no cooldown', lambda d: published(d, rule='none')),
] + [('likelihood tail floor 1e-%g' % e, lambda d, e=e: published(d, tail_exp=e)) for e in (8, 9, 9.5, 10.5, 11, 12, 14)] + [
    ('likelihood also over 50 scores', lambda d: published(d, second_window=50)),
    ('likelihood also over 50 scores, Bonferroni', lambda d: published(d, second_window=50, bonferroni=True)),
    ('context on a doubling grid of 6 bands', lambda d: published(with_context(d, lambda: DoublingGrid(6)))),
    ('context on a doubling grid of 8 bands', lambda d: published(with_context(d, lambda: DoublingGrid(8)))),
]


def context_flags(runs, thr):
    """The context part's flags past NAB's probation (its 0.66 and 0.99 steps, out of range left out): false ones
    against first flags in a window, by how many bands the value jumped (the port's bands)."""
    jumps = {'false': [], 'first in a window': []}
    for rel, d in runs.items():
        n = len(d['s']); probation = int(nl.ns.probation_rows(n))
        windows = [(nl.ns.parse_time(a), nl.ns.parse_time(b)) for a, b in nl.LABELS[rel]]
        first = {next((i for i in range(probation, n) if a <= d['t'][i] <= b and d['s'][i] >= thr), None) for a, b in windows}
        bands = RangeBands()
        for i, (pt, late) in enumerate(zip(d['parts'], repeats(d['t']))):
            if late:
                continue
            bands.observe(d['v'][i])
            if pt is None or i < probation or d['s'][i] < thr or pt[NOVELTY] >= 0.999 or max(pt[:5] + (d['lik'][i],)) != pt[NOVELTY]:
                continue
            jump = abs(bands.recent[-1] - bands.recent[-2])
            if i in first:
                jumps['first in a window'].append(jump)
            elif not any(a <= d['t'][i] <= b for a, b in windows):
                jumps['false'].append(jump)
    for kind, seen in jumps.items():
        print('context flags, %-17s %3d; bands jumped: %s' % (kind, len(seen), ' '.join('%d: %d' % (j, seen.count(j)) for j in sorted(set(seen)))))


def context_step(d, weight):
    """The run's parts with the context's partial step (a share of new sequences below all) scaled by `weight`."""
    parts = [None if pt is None else pt[:NOVELTY] + (pt[NOVELTY] * weight if pt[NOVELTY] < 0.99 else pt[NOVELTY],) + pt[NOVELTY + 1:]
             for pt in d['parts']]
    return dict(d, parts=parts)


def unforeseen_extremes(d):
    """The run's parts with a new extreme scoring 1 whenever the prediction lay inside the range seen so far (the model
    did not see it coming), whatever the residual's z (the kept rule asks z >= 3)."""
    low, high, parts = math.inf, -math.inf, []
    for v, p, pt, late in zip(d['v'], d['p'], d['parts'], repeats(d['t'])):
        if late:
            parts.append(pt)
            continue
        span = high - low
        beyond = span > 0 and (v > high + RANGE_TOLERANCE * span or v < low - RANGE_TOLERANCE * span)
        if beyond and pt is not None and p is not None and low <= p <= high:
            pt = pt[:NOVELTY] + (1.0,) + pt[NOVELTY + 1:]
        parts.append(pt)
        low, high = min(low, v), max(high, v)
    return dict(d, parts=parts)


if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    if sys.argv[2:3] == ['--range']:
        for label, publish in [('as kept', cooled), ('unforeseen extremes score 1', lambda d: cooled(unforeseen_extremes(d)))]:
            print('%-48s %s' % (label, nl.summary(nl.evaluate(runs, {k: publish(d) for k, d in runs.items()}))), flush=True)
        sys.exit(0)
    if sys.argv[2:3] == ['--context']:
        res = nl.evaluate(runs, {k: d['s'] for k, d in runs.items()}, loco=False, cats=False, profiles=('standard',))
        context_flags(runs, res['standard']['thr'])
        for weight in (1, 0.9, 0.8, 0.6):
            scores = {k: cooled(context_step(d, weight)) for k, d in runs.items()}
            print('%-48s %s' % ('context step x %g' % weight, nl.summary(nl.evaluate(runs, scores))), flush=True)
        sys.exit(0)
    variants = {}
    for label, publish in LINES:
        scores = {k: publish(d) for k, d in runs.items()}
        variants[label] = scores
        res = nl.evaluate(runs, scores)
        folds = sorted({'%.4f' % t for t in res['standard']['loco_thr'].values()})
        print('%-48s %s | fold thresholds %s' % (label, nl.summary(res), ' '.join(folds)), flush=True)
        if label == 'as kept':
            worst = max(abs(a - b) for k in runs for a, b in zip(runs[k]['s'], scores[k]))
            print('largest difference from the run\'s own scores: %.3g' % worst, flush=True)
    for name, kw in VARIANTS.items():
        for label, args in ([(name, kw)] if kw is not None else [('long window %d' % w, {'long_window': w}) for w in (500, 2000)]):
            variants.setdefault('exp_likelihood: ' + label, {k: cooled(d, **args) for k, d in runs.items()})
    for label, pick in [('the likelihood tail floors', lambda n: n == 'as kept' or 'tail floor' in n), ('all %d' % len(variants), lambda n: True)]:
        score, chosen = nested(runs, {n: v for n, v in variants.items() if pick(n)})
        print('nested over %s: %.2f (%s)' % (label, score, '; '.join('%s: %s at %.4f' % (c, *p) for c, p in chosen.items())))
