#!/usr/bin/env python3
"""Side-by-side comparison of opshape (Java) with PyTorch autograd, float64, one thread, same machine, same run.

PyTorch computes, with its own autograd and written independently of opshape's closed forms:
  (a) the exact IPD value V1 = p0 (I - gamma P)^-1 r1 with the 10 logits as autograd leaves, its gradient and a
      Hessian-vector product by double backward (torch.autograd.grad with create_graph=True);
  (b) an exact LOLA-LOLA step (both agents' LOLA-K directions, K = 1 and 10), differentiating through the K opponent
      gradient steps built with create_graph=True;
  (c) a LOLA-DiCE update of both agents, K = 1, B = 128, T = 150, sampling included: trajectories drawn by inverse CDF,
      vectorised over the batch (a Python loop over the T moves only), the DiCE objective with the magic box
      MB(x) = exp(x - x.detach()) over the cumulative log-probabilities of both agents (docs/estimators.md#dice), the
      per-move leave-one-out mean baseline of opshape's default, and the lookahead differentiated through;
  (d) the exact MAML-RL meta-gradient d V(theta_5) / d theta_0 (alpha 10) on a 20 x 5 MDP of the seed paper's random
      family (exported by opshape), infinite horizon: V(theta) = p0 (I - gamma P_pi)^-1 r_pi with a softmax policy,
      five inner steps built with create_graph, then one backward to theta_0 (the paper's own approach).

Checks (before any timing): the same quantities from opshape at the same inputs (dev.opshape.bench.PeerReference)
must agree to 1e-10 (relative to max(1, |x|)): values, gradient, HVP, LOLA-K directions; and, fed the same uniforms
as opshape's Philox streams so that the trajectories are identical, the DiCE and LVC gradient and HVP on a fixed batch
and both LOLA-DiCE directions.

Timing: torch.set_num_threads(1); each quantity is called in a loop long enough (>= --min-time s) and the median of
--repeats such loops is taken; opshape's side is JMH (PeerComparisonBenchmark, -f 1, one thread) run right after in
the same invocation. The load average (os.getloadavg) is recorded around every phase: the machine may be shared.

Usage: compare.py [--jar bench/target/benchmarks.jar] [--out DIR] [--quick] [--no-jmh]
Exit status: 0 if every check passed, 1 if a check failed, 2 for a usage or environment error.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

TOLERANCE = 1e-10
HERE = Path(__file__).resolve().parent
DEFAULT_JAR = HERE.parent / "target" / "benchmarks.jar"
# Agent 2's own-view state of each row of the transition structure: row 0 = start, rows 1..4 = previous joint
# outcome (a1, a2) in the order CC, CD, DC, DD; agent 2 sees (a2, a1), so CD and DC swap.
OWN_VIEW_2 = torch.tensor([0, 1, 3, 2, 4])


def load_average():
    return [round(x, 2) for x in os.getloadavg()]


# ----------------------------------------------------------------------------------------------- exact values
class ExactIpd:
    """V_i = p0 (I - gamma P)^-1 r_i for memory-1 policies, p(C | own-view state) = sigmoid(logit)."""

    def __init__(self, gamma, reward1, reward2):
        self.gamma = gamma
        self.rewards = torch.stack([torch.tensor(reward1), torch.tensor(reward2)], dim=1)  # (4, 2)
        self.eye = torch.eye(4)

    def values(self, theta1, theta2):
        """Both values (tensor of 2), differentiable in theta1 (5) and theta2 (5)."""
        p1 = torch.sigmoid(theta1)
        p2 = torch.sigmoid(theta2)[OWN_VIEW_2]
        pi1 = torch.stack([p1, 1 - p1], dim=1)  # (5 rows, 2 actions)
        pi2 = torch.stack([p2, 1 - p2], dim=1)
        q = (pi1[:, :, None] * pi2[:, None, :]).reshape(5, 4)  # next-outcome distribution by row
        p0, transition = q[0], q[1:]
        x = torch.linalg.solve(self.eye - self.gamma * transition, self.rewards)  # (4, 2)
        return p0 @ x

    def value_gradient_hvp(self, theta, v):
        """V1, its gradient over all 10 logits, and H(V1) v by double backward."""
        th = theta.detach().clone().requires_grad_(True)
        v1 = self.values(th[:5], th[5:])[0]
        (g,) = torch.autograd.grad(v1, th, create_graph=True)
        (hv,) = torch.autograd.grad(g, th, grad_outputs=v)
        return v1.detach(), g.detach(), hv

    def retained_gradient(self, theta):
        """The gradient with its graph kept, so that products can be taken again and again at one point."""
        th = theta.detach().clone().requires_grad_(True)
        v1 = self.values(th[:5], th[5:])[0]
        (g,) = torch.autograd.grad(v1, th, create_graph=True)
        return th, g

    @staticmethod
    def hvp_retained(th, g, v):
        (hv,) = torch.autograd.grad(g, th, grad_outputs=v, retain_graph=True)
        return hv

    def lola_direction(self, theta1, theta2, agent, k, eta):
        """d/d theta_agent of V_agent(theta_agent, theta_opp^K(theta_agent)), K opponent ascent steps of size eta."""
        own = (theta1 if agent == 0 else theta2).detach().clone().requires_grad_(True)
        opp = (theta2 if agent == 0 else theta1).detach().clone().requires_grad_(True)

        def values(own_, opp_):
            return self.values(own_, opp_) if agent == 0 else self.values(opp_, own_)

        for _ in range(k):
            (g,) = torch.autograd.grad(values(own, opp)[1 - agent], opp, create_graph=True)
            opp = opp + eta * g
        (d,) = torch.autograd.grad(values(own, opp)[agent], own)
        return d

    def lola_lola_step(self, theta1, theta2, k, eta):
        return (self.lola_direction(theta1, theta2, 0, k, eta),
                self.lola_direction(theta1, theta2, 1, k, eta))


# ----------------------------------------------------------------------------------------------- DiCE
def magic_box(x):
    """exp(x - stopgrad(x)): value 1, derivative dx."""
    return torch.exp(x - x.detach())


class DiceIpd:
    """Sampled LOLA-DiCE on the IPD, batch B, horizon T, vectorised over the batch."""

    def __init__(self, gamma, reward1, reward2, batch, horizon):
        self.batch = batch
        self.horizon = horizon
        self.reward = [torch.tensor(reward1), torch.tensor(reward2)]
        self.discount = gamma ** torch.arange(horizon, dtype=torch.float64)

    def sample(self, theta1, theta2, uniforms=None):
        """States, actions (B, T each, per agent) by inverse CDF: action 0 (C) iff u < p(C | state)."""
        b, t_max = self.batch, self.horizon
        with torch.no_grad():
            if uniforms is None:
                uniforms = torch.rand(b, t_max, 2)
            p1 = torch.sigmoid(theta1)
            p2 = torch.sigmoid(theta2)
            s1 = torch.zeros(b, dtype=torch.long)
            s2 = torch.zeros(b, dtype=torch.long)
            states1 = torch.empty(b, t_max, dtype=torch.long)
            states2 = torch.empty(b, t_max, dtype=torch.long)
            actions1 = torch.empty(b, t_max, dtype=torch.long)
            actions2 = torch.empty(b, t_max, dtype=torch.long)
            for t in range(t_max):
                a1 = (uniforms[:, t, 0] >= p1[s1]).long()
                a2 = (uniforms[:, t, 1] >= p2[s2]).long()
                states1[:, t] = s1
                states2[:, t] = s2
                actions1[:, t] = a1
                actions2[:, t] = a2
                s1 = 1 + 2 * a1 + a2
                s2 = 1 + 2 * a2 + a1
        return states1, states2, actions1, actions2

    @staticmethod
    def log_prob(theta, states, actions):
        x = theta[states]
        return torch.where(actions == 0, F.logsigmoid(x), F.logsigmoid(-x))

    def centred_discounted_rewards(self, agent, actions1, actions2):
        """c_t = gamma^t r_t minus the mean of c_t over the other trajectories (leave-one-out)."""
        c = self.discount * self.reward[agent][2 * actions1 + actions2]
        return c - (c.sum(dim=0, keepdim=True) - c) / (self.batch - 1)

    def dice_objective(self, theta1, theta2, trajectories, agent):
        s1, s2, a1, a2 = trajectories
        logp = self.log_prob(theta1, s1, a1) + self.log_prob(theta2, s2, a2)
        c = self.centred_discounted_rewards(agent, a1, a2)
        return (c * magic_box(torch.cumsum(logp, dim=1))).sum(dim=1).mean()

    def lvc_objective(self, theta1, theta2, trajectories, agent):
        s1, s2, a1, a2 = trajectories
        logp = self.log_prob(theta1, s1, a1) + self.log_prob(theta2, s2, a2)
        c = self.centred_discounted_rewards(agent, a1, a2)
        to_go = torch.flip(torch.cumsum(torch.flip(c, [1]), dim=1), [1])
        return (magic_box(logp) * to_go).sum(dim=1).mean()

    def lola_dice_direction(self, theta1, theta2, agent, eta, inner_uniforms=None, outer_uniforms=None):
        """LOLA-DiCE K = 1 direction of one agent: one DiCE step of the opponent on a batch drawn at the current
        point, then the gradient of the agent's DiCE objective on a batch drawn at the looked-ahead point,
        differentiated through the opponent's step."""
        own = (theta1 if agent == 0 else theta2).detach().clone().requires_grad_(True)
        opp = (theta2 if agent == 0 else theta1).detach().clone().requires_grad_(True)

        def joint(own_, opp_):
            return (own_, opp_) if agent == 0 else (opp_, own_)

        inner = self.sample(*joint(own.detach(), opp.detach()), inner_uniforms)
        (g,) = torch.autograd.grad(self.dice_objective(*joint(own, opp), inner, 1 - agent), opp,
                                   create_graph=True)
        opp_ahead = opp + eta * g
        outer = self.sample(*joint(own.detach(), opp_ahead.detach()), outer_uniforms)
        (d,) = torch.autograd.grad(self.dice_objective(*joint(own, opp_ahead), outer, agent), own)
        return d

    def lola_dice_update(self, theta1, theta2, eta, uniforms=None):
        """Both agents' directions; uniforms = None samples with torch.rand, else 4 batches (learner 1 inner, outer,
        learner 2 inner, outer)."""
        u = uniforms if uniforms is not None else [None] * 4
        return (self.lola_dice_direction(theta1, theta2, 0, eta, u[0], u[1]),
                self.lola_dice_direction(theta1, theta2, 1, eta, u[2], u[3]))


# ----------------------------------------------------------------------------------------------- checks
class Checks:
    def __init__(self):
        self.rows = []

    def close(self, name, ours, reference):
        ours = np.asarray(ours.detach() if torch.is_tensor(ours) else ours, dtype=np.float64).ravel()
        reference = np.asarray(reference, dtype=np.float64).ravel()
        if ours.shape != reference.shape:
            self.rows.append((name, float("inf"), False))
            return
        err = float(np.max(np.abs(ours - reference) / np.maximum(1.0, np.abs(reference))))
        self.rows.append((name, err, err <= TOLERANCE))

    def report(self):
        print(f"Numerical agreement with opshape (max |torch - opshape| / max(1, |opshape|), tolerance {TOLERANCE:g}):")
        for name, err, ok in self.rows:
            print(f"  {'ok  ' if ok else 'FAIL'} {name:<44} {err:.2e}")
        return all(ok for _, _, ok in self.rows)


def run_checks(ref, uniforms, exact, dice, maml):
    checks = Checks()
    theta1 = torch.tensor(ref["theta1"])
    theta2 = torch.tensor(ref["theta2"])
    theta = torch.cat([theta1, theta2])
    v = torch.tensor(ref["v"])
    eta = ref["eta"]
    checks.close("exact values V1, V2", exact.values(theta1, theta2), ref["exact"]["value"])
    _, g, hv = exact.value_gradient_hvp(theta, v)
    checks.close("exact gradient of V1 (10 logits)", g, ref["exact"]["gradient1"])
    checks.close("exact H(V1) v, double backward", hv, ref["exact"]["hvp1"])
    th, g_kept = exact.retained_gradient(theta)
    checks.close("exact H(V1) v, retained graph", exact.hvp_retained(th, g_kept, v), ref["exact"]["hvp1"])
    for k in ("1", "10"):
        d1, d2 = exact.lola_lola_step(theta1, theta2, int(k), eta)
        checks.close(f"exact LOLA-{k} direction, agent 1", d1, ref["lola"][k]["direction1"])
        checks.close(f"exact LOLA-{k} direction, agent 2", d2, ref["lola"][k]["direction2"])
    # Fixed batch: the trajectories of opshape's batch 0, redrawn here from the same uniforms.
    fixed = ref["dice"]["fixed_batch"]
    trajectories = dice.sample(theta1, theta2, uniforms[fixed["batch_index"]])
    for name, objective in (("dice", dice.dice_objective), ("lvc", dice.lvc_objective)):
        thv = theta.detach().clone().requires_grad_(True)
        (grad2,) = torch.autograd.grad(objective(thv[:5], thv[5:], trajectories, 1), thv, create_graph=True)
        (hv2,) = torch.autograd.grad(grad2, thv, grad_outputs=v)
        checks.close(f"{name.upper()} gradient of V2, fixed batch", grad2, fixed[name]["gradient2"])
        checks.close(f"{name.upper()} H(V2) v, fixed batch", hv2, fixed[name]["hvp2"])
    d1, d2 = dice.lola_dice_update(theta1, theta2, eta, uniforms)
    checks.close("LOLA-DiCE K=1 direction, agent 1 (same draws)", d1, ref["dice"]["direction1"])
    checks.close("LOLA-DiCE K=1 direction, agent 2 (same draws)", d2, ref["dice"]["direction2"])
    theta0 = torch.tensor(ref["maml"]["theta0"])
    checks.close("MAML-RL objective V(theta_5)", torch.tensor([maml_objective(maml, theta0)]),
                 [ref["maml"]["objective"]])
    checks.close("MAML-RL meta-gradient, K = 5", maml.meta_gradient(theta0), ref["maml"]["metaGradient"])
    return checks.report()


def maml_objective(maml, theta0):
    theta = theta0.detach().clone().requires_grad_(True)
    for _ in range(maml.k):
        (g,) = torch.autograd.grad(maml.value(theta), theta)
        theta = (theta + maml.alpha * g).detach().requires_grad_(True)
    return maml.value(theta).item()


# ----------------------------------------------------------------------------------------------- MAML-RL
class ExactMaml:
    """V(theta) = p0 (I - gamma P_pi)^-1 r_pi of a tabular MDP, pi = softmax(theta) per state, and the MAML-RL
    meta-gradient through K exact inner gradient steps theta_{k+1} = theta_k + alpha grad V(theta_k)."""

    def __init__(self, node):
        self.transitions = torch.tensor(node["transitions"])  # (S, A, S)
        self.rewards = torch.tensor(node["rewards"])  # (S, A)
        self.start = torch.tensor(node["start"])
        self.gamma = node["gamma"]
        self.k = node["k"]
        self.alpha = node["alpha"]
        self.states, self.actions = self.rewards.shape
        self.eye = torch.eye(self.states)

    def value(self, theta):
        pi = torch.softmax(theta.reshape(self.states, self.actions), dim=1)
        p_pi = torch.einsum("sa,sat->st", pi, self.transitions)
        r_pi = (pi * self.rewards).sum(dim=1)
        return self.start @ torch.linalg.solve(self.eye - self.gamma * p_pi, r_pi)

    def meta_gradient(self, theta0):
        leaf = theta0.detach().clone().requires_grad_(True)
        theta = leaf
        for _ in range(self.k):
            (g,) = torch.autograd.grad(self.value(theta), theta, create_graph=True)
            theta = theta + self.alpha * g
        (meta,) = torch.autograd.grad(self.value(theta), leaf)
        return meta


# ----------------------------------------------------------------------------------------------- timing
def time_call(fn, min_time, repeats):
    """Median seconds per call over `repeats` loops, each of n calls lasting at least min_time."""
    fn()
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            break
        n = max(n * 2, int(n * min_time / max(elapsed, 1e-9) * 1.2))
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - start) / n)
    return statistics.median(samples), n


def time_torch(ref, exact, dice, maml, min_time, repeats):
    theta1 = torch.tensor(ref["theta1"])
    theta2 = torch.tensor(ref["theta2"])
    theta = torch.cat([theta1, theta2])
    v = torch.tensor(ref["v"])
    eta = ref["eta"]
    th, g = exact.retained_gradient(theta)
    theta0 = torch.tensor(ref["maml"]["theta0"])
    torch.manual_seed(0)
    cases = {
        "exactHessianVectorProduct": lambda: exact.hvp_retained(th, g, v),
        "exactValueGradientHessianVectorProduct": lambda: exact.value_gradient_hvp(theta, v),
        "lolaLolaStep:k=1": lambda: exact.lola_lola_step(theta1, theta2, 1, eta),
        "lolaLolaStep:k=10": lambda: exact.lola_lola_step(theta1, theta2, 10, eta),
        "lolaDiceUpdate": lambda: dice.lola_dice_update(theta1, theta2, eta),
        "mamlMetaGradient": lambda: maml.meta_gradient(theta0),
    }
    out = {}
    for name, fn in cases.items():
        seconds, n = time_call(fn, min_time, repeats)
        out[name] = seconds * 1e9
        print(f"  torch {name:<42} {seconds * 1e6:12.2f} us/op   ({n} calls x {repeats})", flush=True)
    return out


def run_jmh(jar, out_dir, quick):
    result = out_dir / "jmh-peer.json"
    iterations = ["-wi", "2", "-w", "1", "-i", "3", "-r", "1"] if quick else ["-wi", "3", "-w", "1", "-i", "5",
                                                                               "-r", "1"]
    cmd = ["java", "-jar", str(jar), "PeerComparisonBenchmark", "-f", "1", "-t", "1", *iterations,
           "-rf", "json", "-rff", str(result)]
    print("  " + " ".join(cmd), flush=True)
    log = out_dir / "jmh-peer.log"
    deadline = time.monotonic() + 1800
    while True:
        with open(log, "w") as handle:
            status = subprocess.run(cmd, stdout=handle, stderr=subprocess.STDOUT).returncode
        # JMH refuses to start while another JMH run on the machine holds /tmp/jmh.lock: wait for it.
        if status != 0 and "JMH lock" in log.read_text() and time.monotonic() < deadline:
            print("  another JMH run holds the lock; waiting", flush=True)
            time.sleep(5)
            continue
        break
    if status != 0:
        print(f"JMH failed (exit {status}); see {log}", file=sys.stderr)
        sys.exit(2)
    scores = {}
    for entry in json.loads(result.read_text()):
        name = entry["benchmark"].rsplit(".", 1)[1]
        params = entry.get("params") or {}
        if "k" in params:
            name += f":k={params['k']}"
        metric = entry["primaryMetric"]
        scale = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6}[metric["scoreUnit"]]
        scores[name] = (metric["score"] * scale, metric["scoreError"] * scale)
    return scores


def fmt_time(ns):
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.2f} us"
    return f"{ns / 1e6:.3f} ms"


def print_table(java, torch_ns):
    rows = [
        ("exact H(V1)v at a loaded point", "exactHessianVectorProduct",
         "double backward on a retained graph", "ratio >= 2000, opshape <= 0.3 us"),
        ("exact V1, grad V1, H(V1)v at a new point", "exactValueGradientHessianVectorProduct",
         "forward + grad(create_graph) + grad", "ratio >= 2000, opshape <= 0.3 us"),
        ("exact LOLA-LOLA step, K = 1", "lolaLolaStep:k=1", "both directions, autograd through lookahead",
         "ratio >= 1000, opshape <= 2 us"),
        ("exact LOLA-LOLA step, K = 10", "lolaLolaStep:k=10", "same, 10 lookahead steps",
         "opshape about 10x its K = 1"),
        ("LOLA-DiCE update, K = 1, B = 128, T = 150", "lolaDiceUpdate", "sampling + DiCE autograd, both agents",
         "ratio >= 30, opshape <= 1.5 ms"),
        ("exact MAML-RL meta-gradient, 20 x 5 MDP, K = 5", "mamlMetaGradient",
         "autograd through 5 exact inner steps", "ratio >= 300"),
    ]
    print()
    print("| quantity (IPD unless said, float64, 1 thread) | opshape (JMH) | PyTorch | PyTorch / opshape | target |")
    print("|---|---:|---:|---:|---|")
    summary = {}
    for label, key, _, target in rows:
        ours, err = java[key]
        theirs = torch_ns[key]
        ratio = theirs / ours
        summary[key] = {"opshape_ns": ours, "opshape_error_ns": err, "torch_ns": theirs, "ratio": ratio}
        print(f"| {label} | {fmt_time(ours)} ± {fmt_time(err)} | {fmt_time(theirs)} | {ratio:,.0f}x | {target} |")
    k10 = java["lolaLolaStep:k=10"][0] / java["lolaLolaStep:k=1"][0]
    t10 = torch_ns["lolaLolaStep:k=10"] / torch_ns["lolaLolaStep:k=1"]
    print(f"\nK = 10 / K = 1 cost: opshape {k10:.1f}x, PyTorch {t10:.1f}x")
    summary["k10_over_k1"] = {"opshape": k10, "torch": t10}
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jar", type=Path, default=DEFAULT_JAR, help="the shaded JMH jar (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=Path("bench/target/pytorch"),
                        help="directory for the reference dump, JMH JSON and the summary (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="shorter timing loops and JMH iterations")
    parser.add_argument("--no-jmh", action="store_true", help="checks and PyTorch timings only")
    args = parser.parse_args()
    if not args.jar.is_file():
        print(f"{args.jar} not found; build it first: mvn -B -pl games,shaping,bench -am package -DskipTests",
              file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    loads = {"start": load_average()}
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; python "
          f"{platform.python_version()}, torch {torch.__version__}, threads {torch.get_num_threads()}; "
          f"load average {loads['start']}", flush=True)

    subprocess.run(["java", "-cp", str(args.jar), "dev.opshape.bench.PeerReference", str(args.out)], check=True)
    ref = json.loads((args.out / "reference.json").read_text())
    dice_ref = ref["dice"]
    b, t = dice_ref["batch"], dice_ref["horizon"]
    raw = np.fromfile(args.out / "uniforms.f64", dtype="<f8")
    uniforms = [torch.from_numpy(x.copy()) for x in raw.reshape(len(dice_ref["batches"]), b, t, 2)]
    exact = ExactIpd(ref["gamma"], ref["reward1"], ref["reward2"])
    dice = DiceIpd(ref["gamma"], ref["reward1"], ref["reward2"], b, t)

    maml = ExactMaml(ref["maml"])
    passed = run_checks(ref, uniforms, exact, dice, maml)
    if not passed:
        print("numerical check FAILED: not timing results that disagree", file=sys.stderr)
        return 1

    min_time, repeats = (0.1, 3) if args.quick else (0.5, 7)
    print(f"\nPyTorch timings (median of {repeats} loops of >= {min_time} s each):", flush=True)
    loads["torch_start"] = load_average()
    torch_ns = time_torch(ref, exact, dice, maml, min_time, repeats)
    loads["torch_end"] = load_average()
    summary = {"machine": platform.processor() or platform.machine(), "torch": torch.__version__,
               "torch_ns": torch_ns, "loads": loads}
    if not args.no_jmh:
        print("\nopshape timings (JMH, PeerComparisonBenchmark, 1 fork, 1 thread):", flush=True)
        loads["jmh_start"] = load_average()
        java = run_jmh(args.jar, args.out, args.quick)
        loads["jmh_end"] = load_average()
        for name, (score, err) in java.items():
            print(f"  opshape {name:<40} {fmt_time(score):>12} ± {fmt_time(err)}")
        summary["opshape_ns"] = {name: score for name, (score, _) in java.items()}
        summary["comparison"] = print_table(java, torch_ns)
    print(f"\nload average (1, 5, 15 min): {loads}")
    (args.out / "comparison.json").write_text(json.dumps(summary, indent=2))
    print(f"written: {args.out / 'comparison.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
