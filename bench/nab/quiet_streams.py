"""Anomaly-free synthetic streams of shapes the NAB files lack (telemetry that switches between a few levels after long
flat stretches, binary and duty-cycle channels, quantised walks and sines, a quantised reading with rare spikes, counts
with a daily cycle and bursts), written in NAB's layout so the `nab` command runs the detector over them. Every flag
after a stream's first 15% is a false alarm on a shape nobody tuned on; the last stream's bursts (2-5 x the rate, 0.3%
of points) are the one exception, news by construction. Seeded: the same streams every time.

    python3 bench/nab/quiet_streams.py /tmp/quiet/data
    dotnet src/Tools/bin/Release/net10.0/linux-x64/Streaming.Tools.dll nab --data /tmp/quiet/data --out /tmp/quiet/run
    python3 bench/nab/quiet_streams.py --count /tmp/quiet/run     # flags after the first 15%, by the part that carried each
"""
import sys, os, csv, glob, math, random, datetime
from collections import Counter

POINTS = 20000
PARTS = ('residual', 'novelty', 'day_ago', 'week_ago', 'level', 'stuck', 'likelihood')


def poisson(rng, rate):
    limit, k, p = math.exp(-rate), 0, 1.0
    while True:
        p *= rng.random()
        if p < limit:
            return k
        k += 1


def runs_of(rng, pick, mean_length):
    values = []
    while len(values) < POINTS:
        values += [pick()] * int(rng.expovariate(1 / mean_length) + 1)
    return values[:POINTS]


def streams(rng):
    """{name: (values, seconds between points)}"""
    state = [0.0]

    def toggle():
        state[0] = 1 - state[0]
        return state[0]

    walk, x = [], 0.0
    for _ in range(POINTS):
        x = 0.995 * x + rng.gauss(0, 0.3)
        walk.append(round(x * 4) / 4)
    return {
        'steps3': (runs_of(rng, lambda: rng.choice([0.0, 0.5, 1.0]), 200), 60),
        'binary': (runs_of(rng, toggle, 50), 60),
        'duty': ([(min(1.0, (i % 500) / 100) if i % 500 < 200 else 0.0) + rng.choice([0, 0, 0, 0.01]) for i in range(POINTS)], 60),
        'qwalk': (walk, 60),
        'qsine': ([float(round(10 * math.sin(2 * math.pi * i / 300) + rng.gauss(0, 0.7))) for i in range(POINTS)], 60),
        'spiky42': ([42.0 if rng.random() > 0.02 else rng.uniform(60, 120) for _ in range(POINTS)], 60),
        'counts': ([float(poisson(rng, (20 + 15 * math.sin(2 * math.pi * i / 288)) * (rng.uniform(2, 5) if rng.random() < 0.003 else 1)))
                    for i in range(POINTS)], 300),
    }


def write(folder):
    os.makedirs(os.path.join(folder, 'quiet'), exist_ok=True)
    start = datetime.datetime(2020, 1, 1)
    for name, (values, step) in streams(random.Random(7)).items():
        with open(os.path.join(folder, 'quiet', name + '.csv'), 'w', newline='') as f:
            out = csv.writer(f)
            out.writerow(['timestamp', 'value'])
            for i, v in enumerate(values):
                out.writerow([(start + datetime.timedelta(seconds=step * i)).strftime('%Y-%m-%d %H:%M:%S'), repr(round(v, 6))])


def count(run_dir):
    for path in sorted(glob.glob(os.path.join(run_dir, '*', 'quiet', '*.csv'))):
        rows = list(csv.DictReader(open(path)))
        by_part = Counter()
        for r in rows[int(0.15 * len(rows)):]:
            if r['is_anomaly'] == '1':
                parts = {p: float(r.get(p) or 0) for p in PARTS}
                signals = PARTS[:5] + PARTS[6:]
                by_part['stuck' if parts['stuck'] else max(signals, key=parts.get)] += 1
        print('%-10s %3d flags  %s' % (os.path.basename(path).split('_', 1)[1][:-4], sum(by_part.values()), dict(by_part)))


if __name__ == '__main__':
    if sys.argv[1] == '--count':
        count(sys.argv[2])
    else:
        write(sys.argv[1])
