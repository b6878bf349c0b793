"""The nested leave-one-category-out check over whole `nab` runs: each category scored with the run (a C# variant, e.g.
another `--Scoring:X`) and threshold best on the other five categories.

    python3 bench/nab/replay/exp_runs.py kept=/tmp/nab-run days14=/tmp/nab-days14

Prints each run's scores, then the nested figure and what each fold chose. A variant whose plain line rises only
because the fold without one category moves its threshold is not what that fold chooses here.
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nablib as nl
from exp_parts import nested

if __name__ == '__main__':
    variants, runs = {}, None
    for arg in sys.argv[1:]:
        name, path = arg.split('=', 1)
        run = nl.load_run(path)
        runs = runs or run
        variants[name] = {k: d['s'] for k, d in run.items()}
        print('%-12s %s' % (name, nl.summary(nl.evaluate(run, variants[name]))), flush=True)
    print('nested leave-one-category-out: %.2f %s' % nested(runs, variants))
