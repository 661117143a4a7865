#!/usr/bin/python3
"""Plot an sgdmc linreg1d file with its theory.

usage: scripts/plot_lyapunov.py FILE.h5 [-o OUT.png]

A demo/scan file (sgdmc demo) gives two panels: the Lyapunov exponent against the learning rate for each
batch size, simulated (points with 4-stderr bars) over the exact theory (lines), with the mean-square and
probabilistic edges marked; and, for S = 1 at a learning rate between the two edges, the typical
trajectory m(t) = E log|w_t - w*| falling while log E|w_t - w*|^2 grows (seed 002, Fig. 6).
A single-run file (sgdmc simulate linreg1d) gives m(t) with its quantile band, log E|w - w*|^2 / 2, and the
theory line Lambda * t.
Uses Debian's python3-h5py and python3-matplotlib (scripts/install-deps.sh installs them).
"""
import argparse
import os
import sys

try:
    import h5py
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # h5files, beside this script, however it is run
    from h5files import open_result, run, text
except ImportError as e:  # pragma: no cover
    sys.exit(f"plot_lyapunov.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")


def plot_scan(f, out):
    batches = f["grid/batch"][()]
    lr = f["grid/lr"][()]
    lam, err = f["estimates/lyapunov"][()], f["estimates/lyapunov_stderr"][()]
    fine_lr, fine = f["theory/fine_lr"][()], f["theory/fine_lyapunov"][()]
    ms, prob = f["theory/lr_mean_square"][()], f["theory/lr_probabilistic"][()]
    t = f["observables/time"][()]
    m = f["observables/log_distance_mean"][()]
    lms = f["observables/log_mean_square"][()]
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.6))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, s in enumerate(batches):
        c = colors[i % len(colors)]
        a.plot(fine_lr[i], fine[i], color=c, lw=1.2, label=f"S = {s}: theory")
        a.errorbar(lr[i], lam[i], yerr=4 * err[i], fmt="o", ms=3.5, color=c, label=f"S = {s}: simulated (4 s.e.)")
        a.axvline(ms[i], color=c, ls="--", lw=0.8)
        a.axvline(prob[i], color=c, ls=":", lw=0.8)
    a.axhline(0, color="k", lw=0.6)
    a.set_xlabel("learning rate")
    a.set_ylabel(r"Lyapunov exponent $\Lambda = E\,\log|1-\mathrm{lr}\,q|$")
    a.set_title("linreg1d, Gaussian data: dashed = mean-square edge, dotted = probabilistic edge", fontsize=9)
    a.legend(fontsize=7, ncol=2)
    # Fig. 6: S = 1, a learning rate between the edges
    i = 0
    np_ = lr.shape[1]
    between = [j for j in range(np_) if ms[i] < lr[i][j] < prob[i]]
    j = between[len(between) // 2] if between else np_ // 2
    row = i * np_ + j
    b.plot(t, m[row], label=r"$m(t) = E\,\log|w_t-w^*|$ (typical)")
    b.plot(t, 0.5 * lms[row], label=r"$\frac{1}{2}\log E|w_t-w^*|^2$ (mean square)")
    b.plot(t, f["theory/lyapunov"][i][j] * t, "k--", lw=0.8, label=r"theory $\Lambda t$")
    rate = f["theory/log_mean_square_rate"][i][j]
    lo, hi = b.get_ylim()
    b.plot(t, 0.5 * rate * t, ":", color="C1", lw=1.2,
           label=r"theory $\frac{1}{2}\log E|w_t-w^*|^2$ = %.2f t (off scale)" % (0.5 * rate))
    b.set_ylim(lo, hi + 0.15 * (hi - lo))
    b.set_xlabel("step t")
    b.set_ylabel("natural log")
    b.set_title(f"S = {batches[i]}, lr = {lr[i][j]:.3f}: converges in probability, not in mean square\n"
                "(a finite sample underestimates the exploding mean square: it is carried by rare trajectories)", fontsize=8)
    b.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=130)


def plot_run(f, out):
    t = f["observables/time"][()]
    m = f["observables/log_distance_mean"][()]
    q = f["observables/log_distance_quantiles"][()]
    levels = f["observables/quantile_levels"][()]
    lms = f["observables/log_mean_square"][()]
    lam = float(f["theory/lyapunov"][()])
    p = f["parameters"].attrs
    fig, a = plt.subplots(figsize=(7, 4.6))
    lo, hi = int(np.argmin(abs(levels - 0.1))), int(np.argmin(abs(levels - 0.9)))
    a.fill_between(t, q[:, lo], q[:, hi], alpha=0.25, label=f"{levels[lo]:.0%}-{levels[hi]:.0%} quantiles")
    a.plot(t, m, label=r"$m(t)$")
    a.plot(t, 0.5 * lms, label=r"$\frac{1}{2}\log E|w_t-w^*|^2$")
    a.plot(t, np.log(p["initial_distance"]) + lam * t, "k--", lw=0.8, label=r"theory $\Lambda t$")
    a.set_xlabel("step t")
    a.set_ylabel(r"$\log|w_t - w^*|$")
    a.set_title(f"linreg1d lr = {p['lr']}, S = {p['batch']}, data = {text(p['data'])}", fontsize=9)
    a.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=130)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("-o", "--out")
    args = ap.parse_args()
    out = args.out or args.file.rsplit(".", 1)[0] + ".png"
    with open_result("plot_lyapunov.py", args.file, lambda m: m in ("linreg1d", "linreg1d-scan"),
                     "linreg1d files (sgdmc simulate linreg1d ... -o FILE.h5, or sgdmc demo)") as f:
        if text(f.attrs["model"]) == "linreg1d-scan":
            plot_scan(f, out)
        else:
            plot_run(f, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    run("plot_lyapunov.py", main)
