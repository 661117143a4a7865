#!/usr/bin/python3
"""Plot sgdmc two-timescale files (seed 000: SGD on F(x, y) = f(x, eps y), plateaus and epoch-wise double descent).

usage: scripts/plot_two_timescale.py FILE.h5 [FILE2.h5 ...] [-o OUT.png] [--title TEXT]

One file (sgdmc simulate two-timescale ... -o FILE.h5): the test loss against log time, ensemble median with the
10-90% band and the mean, the band [L_p/K, L_p K] shaded, the medians of the regime times marked (t1: end of the
first descent, t3: terminal descent, the ascent's peak); for --f teacher-student the closed-form gradient-flow mean
(and the exact GD mean for full-batch runs) dashed. Beside it: E|x - lambda(u)|^2 (the fast jitter) and
E|g(u) - g(u*)|^2 (the slow error) over time; and the distributions of t1, t3 and the middle regime t3 - t1.
Several files (one per eps or step a): the distributions of the middle regime's length t3 - t1 (plateau or ascent),
one per file, and its median against a eps^2 with a least-squares line in log-log (its slope printed).
Uses Debian's python3-h5py and python3-matplotlib (scripts/install-deps.sh installs them).
"""
import argparse
import os
import sys
import warnings

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # h5files, beside this script, however it is run
    from h5files import open_result, run, text
except ImportError as e:  # pragma: no cover
    sys.exit(f"plot_two_timescale.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")

SCRIPT = "plot_two_timescale.py"
WANTS = "two-timescale files (sgdmc simulate two-timescale ... -o FILE.h5)"
EVENTS = [("first_descent_end", "t1: end of first descent", "C0"), ("terminal_descent", "t3: terminal descent", "C3"),
          ("middle_length", "t3 - t1: middle regime", "C2")]


def level_index(levels, p):
    i = int(np.argmin(np.abs(levels - p)))
    if abs(levels[i] - p) > 1e-12:
        raise KeyError(f"quantile level {p} (run with --quantiles including 0.1,0.5,0.9)")
    return i


def histogram(ax, f, name, label, color):
    h = f[f"events/{name}/histogram"][()].astype(float)
    e = f[f"events/{name}/histogram_edges"][()]
    if h.sum() == 0:
        return
    mid = np.sqrt(np.maximum(e[:-1], 0.5) * e[1:])
    used = np.nonzero(h)[0]
    keep = slice(max(used[0] - 2, 0), used[-1] + 3)
    ax.step(mid[keep], h[keep] / h.sum(), where="mid", color=color, label=label)


def plot_run(f, out, title):
    t = f["observables/time"][()].astype(float)
    levels = f["observables/quantile_levels"][()]
    lo, med, hi = (level_index(levels, p) for p in (0.1, 0.5, 0.9))
    x = np.maximum(t, 0.5)  # step 0 drawn at 0.5 on the log axis
    p = f["parameters"].attrs
    fig, (ax, axj, axh) = plt.subplots(1, 3, figsize=(15, 4.6), gridspec_kw={"width_ratios": [3, 2, 2]})
    q = np.exp(2 * f["observables/log_test_quantiles"][()]) / 2
    ax.fill_between(x, q[:, lo], q[:, hi], color="C3", alpha=0.2, lw=0, label="test loss 10-90%")
    ax.plot(x, q[:, med], color="C3", label="test loss (median)")
    ax.plot(x, f["observables/mean_test_loss"][()], color="k", lw=0.8, label="test loss (mean)")
    if "theory/flow_mean_test_loss" in f:
        ax.plot(x, f["theory/flow_mean_test_loss"][()], "--", color="C1", label="gradient flow at a k (closed form)")
        gd = f["theory/gd_mean_test_loss"][()]
        if np.all(np.isfinite(gd)):
            ax.plot(x, gd, ":", color="C4", lw=2, label="full-batch GD (exact)")
    ax.axhspan(p["lower_level"], p["upper_level"], color="0.85", zorder=0, label="band [L_p/K, L_p K]")
    ax.axhline(p["plateau_level"], color="0.5", lw=0.6)
    for name, label, color in EVENTS[:2] + [("ascent_peak_step", "ascent peak", "C5")]:
        m = f[f"events/{name}/quantiles"][()][med]
        if np.isfinite(m):
            ax.axvline(max(m, 0.5), color=color, ls="-.", lw=0.9, label=f"median {label}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("test loss")
    ax.legend(fontsize=7)
    mode = "GD" if p["full_batch"] else f"SGD S={p['batch']}"
    ax.set_title(title or f"two-timescale f={text(p['f'])}: a={p['a']:g}, eps={p['eps']:g}, n={p['n']}, "
                 f"dims {p['fast_dim']}+{p['slow_dim']}, {mode}", fontsize=9)
    for name, label, color in [("mean_jitter_square", "E|x - lambda(u)|^2 (fast jitter)", "C0"),
                               ("mean_slow_square", "E|g(u) - g(u*)|^2 (slow error)", "C2")]:
        ax_y = f[f"observables/{name}"][()]
        axj.plot(x, ax_y, color=color, label=label)
    axj.set_xscale("log")
    axj.set_yscale("log")
    axj.set_xlabel("step")
    axj.legend(fontsize=7)
    axj.set_title(f"x: step a = {p['a']:g}; u = eps y: step a eps^2 = {p['slow_step']:.3g}", fontsize=9)
    for name, label, color in EVENTS:
        histogram(axh, f, name, label, color)
    axh.set_xscale("log")
    axh.set_xlabel("steps")
    axh.set_ylabel("fraction of trajectories")
    if axh.get_legend_handles_labels()[0]:
        axh.legend(fontsize=7)
    axh.set_title("regime times over the ensemble", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def plot_many(files, out, title):
    fig, (ax, axf) = plt.subplots(1, 2, figsize=(12, 4.6))
    slow, medians = [], []
    for i, f in enumerate(files):
        p = f["parameters"].attrs
        levels = f["observables/quantile_levels"][()]
        med = level_index(levels, 0.5)
        histogram(ax, f, "middle_length", f"a={p['a']:g}, eps={p['eps']:g}", f"C{i % 10}")
        m = f["events/middle_length/quantiles"][()][med]
        if np.isfinite(m):
            slow.append(p["slow_step"])
            medians.append(m)
    ax.set_xscale("log")
    ax.set_xlabel("t3 - t1 (steps)")
    ax.set_ylabel("fraction of trajectories")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7)
    ax.set_title(title or "middle regime (plateau or ascent) length", fontsize=9)
    axf.loglog(slow, medians, "o", color="C3", label="median t3 - t1")
    if len(slow) >= 2:
        slope, icpt = np.polyfit(np.log(slow), np.log(medians), 1)
        s = np.array([min(slow), max(slow)])
        axf.loglog(s, np.exp(icpt) * s ** slope, "-", color="k", lw=0.8, label=f"fit: slope {slope:.2f}")
        print(f"median t3 - t1 ~ (a eps^2)^{slope:.3f}")
    axf.set_xlabel("a eps^2 (the step of u = eps y)")
    axf.set_ylabel("steps")
    if axf.get_legend_handles_labels()[0]:
        axf.legend(fontsize=7)
    axf.set_title("middle regime against the slow step", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--out")
    ap.add_argument("--title")
    args = ap.parse_args()
    files = [open_result(SCRIPT, path, lambda m: m == "two-timescale", WANTS) for path in args.files]
    out = args.out or os.path.splitext(args.files[0])[0] + ".png"
    warnings.simplefilter("ignore", RuntimeWarning)
    if len(files) == 1:
        run(SCRIPT, lambda: plot_run(files[0], out, args.title))
    else:
        run(SCRIPT, lambda: plot_many(files, out, args.title))
    for f in files:
        f.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
