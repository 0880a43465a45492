"""Registration rates from a run's timeline.csv, for the bench/*.sh scripts (python3 only, no packages).

peak(rows):  the busiest reporting period, in registrations per simulated second.
best3(rows): the busiest three consecutive reporting periods, registrations over their time: a rate
             that one lucky period cannot make.
`python3 bench/timeline_rates.py RESULTS_DIR` prints both.
"""
import csv
import os
import sys


def rows(results_dir):
    with open(os.path.join(results_dir, "timeline.csv")) as f:
        return list(csv.DictReader(f))


def peak(rows):
    best, prev_t = 0.0, 0.0
    for r in rows:
        t = float(r["t"])
        if t > prev_t:
            best = max(best, float(r["registrations"]) / (t - prev_t))
        prev_t = t
    return best


def best3(rows):
    best = 0.0
    for i in range(len(rows) - 2):
        start = float(rows[i - 1]["t"]) if i > 0 else 0.0
        span = float(rows[i + 2]["t"]) - start
        if span > 0:
            best = max(best, sum(float(rows[j]["registrations"]) for j in (i, i + 1, i + 2)) / span)
    return best


if __name__ == "__main__":
    r = rows(sys.argv[1])
    print(f"peak {peak(r):.0f} best3 {best3(r):.0f}")
