"""Replays the score with the cooldown started at a level of its own instead of at the flag threshold.

    python3 bench/nab/replay/exp_cooldown.py /tmp/nab-run 0.62 0.65 0.68

Each level gives one published score per point; the scorer then sweeps the flag threshold as usual.
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
import exp_combine as ec

if __name__ == '__main__':
    runs = nl.load_run(sys.argv[1])
    for level in [float(x) for x in sys.argv[2:]]:
        ec.run(runs, 'cooldown from %.2f' % level, thr=level)
