#!/usr/bin/python3
"""Plot sgdmc sde escape files: first-exit times from a double well, SGD against its noise models.

usage: scripts/plot_escape.py FILE.h5 [-o OUT.png] [--what height|width|survival]

A `sde escape --landscape 2d` file (model `sde escape 2d`) gets one panel per (lr, B): the mean exit time from the
narrow deep (left) and the wide shallow (right) basin, log y, for each model (SGD, Euler-Maruyama, stable; 95%
intervals) and theory (2-D Eyring-Kramers, the reduced 1-D time, Imkeller-Pavlyukevich): which basin each noise
model leaves first, and by how much. --what does not apply to it.

  - height (default): mean exit time against the barrier height, log y, one panel per (lr, B, width): SGD
    (black, with 95% intervals), Euler-Maruyama at dt = lr/l (colours), stable noise (grey), the exact SDE mean first
    passage time (red), Kramers with the state-dependent diffusion (red, dashed), textbook Kramers with the noise
    frozen at the minimum (red, dotted), SGD's own large-deviation law (black, dashed) and Imkeller-Pavlyukevich
    (grey, dashed). Kramers is a straight line here.
  - width: the same against the width, log-log, one panel per (lr, B, height): the stable law is a line of slope
    alpha.
  - survival: P(T > t) against t / mean (log y), one panel per cell: an exponential law is the line exp(-x).
Open markers are survival estimates (some trajectories censored at the budget).
Uses Debian's python3-h5py and python3-matplotlib (scripts/install-deps.sh installs them).
"""
import argparse
import os
import sys

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from h5files import open_result, run, text
except ImportError as e:  # pragma: no cover
    sys.exit(f"plot_escape.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")

SCRIPT = "plot_escape.py"
WANTS = "sde escape files (sgdmc sde escape ... -o FILE.h5)"  # also sde escape 2d (--landscape 2d)


def style(name):
    if name == "sgd":
        return dict(color="k", marker="o", ms=5)
    if name.startswith("stable"):
        return dict(color="0.5", marker="s", ms=4)
    l = int(name.split("=")[1])
    colours = {1: "C0", 2: "C9", 4: "C1", 8: "C2", 16: "C2", 64: "C4"}
    return dict(color=colours.get(l, "C4"), marker="^", ms=4)


def read(f):
    d = dict(models=[text(m) for m in f["grid"].attrs["models"]],
             h=f["grid/cell_height"][()], w=f["grid/cell_width"][()], lr=f["grid/cell_lr"][()],
             b=f["grid/cell_batch"][()], mean=f["estimates/mean_exit_time"][()],
             se=f["estimates/mean_exit_time_stderr"][()], cens=f["estimates/censored_fraction"][()],
             exact=f["theory/exact_mean_exit_time"][()], kramers=f["theory/kramers_mean_exit_time"][()],
             frozen=f["theory/kramers_frozen_mean_exit_time"][()], ip=f["theory/stable_mean_exit_time"][()],
             ld=f["theory/sgd_large_deviation_mean_exit_time"][()])
    return d


def against(f, out, variable):
    d = read(f)
    other = "w" if variable == "h" else "h"
    groups = sorted({(lr, b, o) for lr, b, o in zip(d["lr"], d["b"], d[other])})
    groups = [g for g in groups if np.sum((d["lr"] == g[0]) & (d["b"] == g[1]) & (d[other] == g[2])) >= 2] or groups
    cols = min(len(groups), 3)
    rows = (len(groups) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4.6 * cols, 3.8 * rows), squeeze=False)
    for gi, (lr, b, o) in enumerate(groups):
        ax = axes[gi // cols][gi % cols]
        sel = np.where((d["lr"] == lr) & (d["b"] == b) & (d[other] == o))[0]
        sel = sel[np.argsort(d[variable][sel])]
        x = d[variable][sel]
        for m, name in enumerate(d["models"]):
            s = style(name)
            mean = d["mean"][sel, m]
            se = d["se"][sel, m]
            ok = np.isfinite(mean)
            cens = d["cens"][sel, m] > 0
            ax.errorbar(x[ok], mean[ok], yerr=1.96 * np.nan_to_num(se[ok]), color=s["color"], marker=s["marker"],
                        ms=s["ms"], lw=0.8, ls="none", capsize=2, label=name, mfc=s["color"])
            if np.any(ok & cens):
                ax.plot(x[ok & cens], mean[ok & cens], ls="none", marker=s["marker"], ms=s["ms"] + 3, mfc="white",
                        color=s["color"])
        ax.plot(x, d["exact"][sel], "-", color="C3", lw=1.6, label="exact SDE (quadrature)")
        ax.plot(x, d["kramers"][sel], "--", color="C3", lw=1.0, label="Kramers, state-dependent D")
        ax.plot(x, d["frozen"][sel], ":", color="C3", lw=1.0, label="Kramers, D frozen at the minimum")
        ax.plot(x, d["ld"][sel], "--", color="k", lw=1.0, label="SGD large deviations (dataset's cumulants)")
        if np.any(np.isfinite(d["ip"][sel])):
            ax.plot(x, d["ip"][sel], "--", color="0.5", lw=1.0, label="Imkeller-Pavlyukevich")
        ax.set_yscale("log")
        if variable == "w":
            ax.set_xscale("log")
        ax.set_xlabel("barrier height" if variable == "h" else "width (minimum to barrier top)")
        ax.set_ylabel("mean exit time (steps x lr)")
        ax.set_title(f"lr = {lr:g}, B = {b}, " + (f"width = {o:g}" if variable == "h" else f"height = {o:g}"),
                     fontsize=9)
        if gi == 0:
            ax.legend(fontsize=6.5)
    for gi in range(len(groups), rows * cols):
        axes[gi // cols][gi % cols].axis("off")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def survival(f, out):
    d = read(f)
    t = f["observables/survival_times"][()]
    s = f["observables/survival"][()]
    n = len(d["h"])
    k = len(d["models"])
    cols = min(n, 4)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 3.0 * rows), squeeze=False)
    for c in range(n):
        ax = axes[c // cols][c % cols]
        for m, name in enumerate(d["models"]):
            mean = d["mean"][c, m]
            if not np.isfinite(mean):
                continue
            st = style(name)
            ax.plot(t[c] / mean, s[c * k + m], color=st["color"], lw=1.2 if m == 0 else 0.9, label=name)
        x = np.linspace(0, 4, 50)
        ax.plot(x, np.exp(-x), "--", color="C3", lw=0.8, label="exp(-t/mean)")
        ax.set_xlim(0, 4)
        ax.set_yscale("log")
        ax.set_ylim(1e-2, 1.05)
        ax.set_xlabel("t / mean exit time")
        ax.set_ylabel("P(T > t)")
        ax.set_title(f"h {d['h'][c]:g}, w {d['w'][c]:g}, lr {d['lr'][c]:g}, B {d['b'][c]}", fontsize=8)
        if c == 0:
            ax.legend(fontsize=6.5)
    for c in range(n, rows * cols):
        axes[c // cols][c % cols].axis("off")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def basins(f, out):
    models = [text(m) for m in f["grid"].attrs["models"]]
    lr, b, basin = f["grid/cell_lr"][()], f["grid/cell_batch"][()], f["grid/cell_basin"][()]
    depth, width = f["grid/cell_depth"][()], f["grid/cell_width"][()]
    mean, se = f["estimates/mean_exit_time"][()], f["estimates/mean_exit_time_stderr"][()]
    theories = [("Eyring-Kramers 2-D", f["theory/eyring_kramers_2d_mean_exit_time"][()]),
                ("reduced 1-D", f["theory/reduced_1d_mean_exit_time"][()]),
                ("Imkeller-Pavlyukevich", f["theory/stable_2d_mean_exit_time"][()])]
    groups = sorted({(l, bb) for l, bb in zip(lr, b)})
    fig, axes = plt.subplots(1, len(groups), figsize=(5.5 * len(groups), 4), squeeze=False)
    names = models + [t[0] for t in theories]
    x = np.arange(len(names))
    for g, (l, bb) in enumerate(groups):
        ax = axes[0][g]
        for side, colour in ((0, "C3"), (1, "C0")):
            rows = np.where((lr == l) & (b == bb) & (basin == side))[0]
            if len(rows) == 0:
                continue
            c = rows[0]
            values = list(mean[c]) + [t[1][c] for t in theories]
            errors = list(1.96 * se[c]) + [0.0] * len(theories)
            label = f"{'left' if side == 0 else 'right'} basin (depth {depth[c]:g}, width {width[c]:g})"
            ax.bar(x + (side - 0.5) * 0.4, values, 0.4, yerr=errors, color=colour, alpha=0.8, label=label,
                   capsize=2)
        ax.set_xticks(x)
        ax.set_xticklabels(names, rotation=35, ha="right", fontsize=7)
        ax.set_yscale("log")
        ax.set_ylabel("mean exit time (SDE time, steps x lr)")
        ax.set_title(f"lr {l:g}, B {bb}", fontsize=9)
        ax.set_ylim(top=ax.get_ylim()[1] * 10)  # room for the legend above the bars
        ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("-o", "--out", default="escape.png")
    ap.add_argument("--what", choices=["height", "width", "survival"], default="height")
    args = ap.parse_args()
    f = open_result(SCRIPT, args.file, lambda m: m in ("sde escape", "sde escape 2d"), WANTS)
    if text(f.attrs["model"]) == "sde escape 2d":
        basins(f, args.out)
    elif args.what == "survival":
        survival(f, args.out)
    else:
        against(f, args.out, "h" if args.what == "height" else "w")
    print(f"wrote {args.out}")


run(SCRIPT, main)
