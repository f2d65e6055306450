#!/usr/bin/env python3
"""Markdown tables from a JMH JSON result file of the opshape suite (standard library only).

Usage: python3 bench/report.py RESULT.json [--load "1.2, 1.5, 1.7"]

Prints one row per benchmark and parameter combination (score, error, unit and, when the run used -prof gc, bytes
per call: gc.alloc.rate.norm times @OperationsPerInvocation), then the derived figures: the exact LOLA-K cost per
lookahead step ((score(K) - score(0)) / K), the sampler's moves per second, and the bias study's 2-thread speed-up.
"""
import argparse
import json
import sys
from collections import defaultdict


def short(name):
    return name.replace("dev.opshape.bench.", "")


def param_text(params):
    return ", ".join(f"{k}={v}" for k, v in sorted((params or {}).items()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("result")
    parser.add_argument("--load", help="load average to print with the table")
    args = parser.parse_args()
    with open(args.result) as handle:
        runs = json.load(handle)

    print("| benchmark | parameters | score | error | unit | B/call |")
    print("|---|---|---:|---:|---|---:|")
    by_name = defaultdict(dict)
    for run in runs:
        name = short(run["benchmark"])
        params = run.get("params") or {}
        metric = run["primaryMetric"]
        norm = (run.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
        per_call = "" if norm is None else f"{norm['score'] * run.get('opsPerInvocation', 1):.1f}"
        print(f"| {name} | {param_text(params)} | {metric['score']:,.3f} | {metric['scoreError']:,.3f} | "
              f"{metric['scoreUnit']} | {per_call} |")
        by_name[name][tuple(sorted(params.items()))] = (metric["score"], metric["scoreUnit"])
    if args.load:
        print(f"\nload average during the run (1, 5, 15 min): {args.load}")

    lola = by_name.get("LookaheadLolaBenchmark.direction")
    if lola:
        print("\nExact LOLA-K, one agent's direction: cost per lookahead step = (score(K) - score(0)) / K")
        horizons = sorted({dict(k)["horizon"] for k in lola}, key=int)
        for horizon in horizons:
            points = {int(dict(k)["k"]): s for k, (s, _) in lola.items() if dict(k)["horizon"] == horizon}
            if 0 not in points:
                continue
            unit = next(iter(lola.values()))[1]
            steps = ", ".join(f"K={k}: {(points[k] - points[0]) / k:,.0f}" for k in sorted(points) if k > 0)
            print(f"  horizon={horizon}: {steps} ({unit} per step)")

    bias = by_name.get("BiasStudyBenchmark.study")
    if bias:
        print("\nBias study (LOLA-DiCE K=1, B=128, T=150): wall time per study and 2-thread speed-up")
        for samples in sorted({dict(k)["samples"] for k in bias}, key=int):
            one = bias.get((("samples", samples), ("threads", "1")))
            two = bias.get((("samples", samples), ("threads", "2")))
            if one and two:
                print(f"  N={samples}: 1 thread {one[0]:,.1f} {one[1]}, 2 threads {two[0]:,.1f} {two[1]}, "
                      f"speed-up {one[0] / two[0]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
