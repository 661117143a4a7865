#!/usr/bin/python3
"""Plot sgdmc sde stationary files: SGD's stationary law against its noise models, in 1-D.

usage: scripts/plot_stationary.py FILE.h5 [-o OUT.png] [--what densities|tails]

  - densities (default): one panel per (lr, B) cell, the histogram density of u = w - w_LS for SGD (black),
    Euler-Maruyama at dt = lr/l (colours), stable noise (grey), over the zero-flux density of the SDE (red) and
    seed 004's eq. (29) (green, dashed), log scale so the tails show.
  - tails: tail index against lr, one panel per batch size: SGD's fitted index with its bootstrap interval
    (black), Kesten's index of SGD (black line), the SDE's own index 1 + 2 m2/(lr f A) (red), each Euler-Maruyama
    recursion's Kesten index (colours) and the stable alpha (grey).
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
    sys.exit(f"plot_stationary.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")

SCRIPT = "plot_stationary.py"
WANTS = "sde stationary files (sgdmc sde stationary ... -o FILE.h5)"


def style(name):
    if name == "sgd":
        return dict(color="k", lw=1.6)
    if name.startswith("stable"):
        return dict(color="0.6", lw=1.0)
    l = int(name.split("=")[1])
    colours = {1: "C0", 4: "C1", 16: "C2"}
    return dict(color=colours.get(l, "C4"), lw=1.0)


def densities(f, out):
    models = [text(m) for m in f["grid"].attrs["models"]]
    lr = f["grid/cell_lr"][()]
    batch = f["grid/cell_batch"][()]
    edges = f["observables/bin_edges"][()]
    hist = f["observables/histograms"][()]
    zf = f["theory/zero_flux_bins"][()]
    s29 = f["theory/seed29_bins"][()]
    loss = text(f["parameters"].attrs.get("loss", "linreg1d"))
    xlabel = "theta - theta*" if loss == "logistic1d" else "u = w - w_LS"
    n = len(lr)
    cols = min(n, 5)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(3.4 * cols, 3.0 * rows), squeeze=False)
    k = len(models)
    for c in range(n):
        ax = axes[c // cols][c % cols]
        e = edges[c]
        w = e[1:] - e[:-1]
        mid = 0.5 * (e[1:] + e[:-1])
        nb = len(w)
        for m, name in enumerate(models):
            h = hist[c * k + m][:nb] / w
            ax.step(mid, np.where(h > 0, h, np.nan), where="mid", label=name, **style(name))
        ax.plot(mid, zf[c][:nb] / w, "-", color="C3", lw=2, alpha=0.6, label="zero-flux (SDE)")
        ax.plot(mid, np.where(s29[c][:nb] > 0, s29[c][:nb] / w, np.nan), "--", color="green", label="seed eq. (29)")
        ax.set_yscale("log")
        top = np.nanmax(hist[c * k][:nb] / w)
        ax.set_ylim(top * 1e-4, top * 3)
        ax.set_title(f"{loss}, lr = {lr[c]:g}, B = {int(batch[c])}", fontsize=9)
        ax.set_xlabel(xlabel, fontsize=8)
        if c == 0:
            ax.legend(fontsize=6)
    for c in range(n, rows * cols):
        axes[c // cols][c % cols].axis("off")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def tails(f, out):
    models = [text(m) for m in f["grid"].attrs["models"]]
    lr = f["grid/cell_lr"][()]
    batch = f["grid/cell_batch"][()]
    fit = f["estimates/tail_index"][()]
    lo = f["estimates/tail_index_ci_low"][()]
    hi = f["estimates/tail_index_ci_high"][()]
    theory = f["theory/tail_index"][()]
    sde = f["theory/sde_tail_index"][()]
    bs = sorted(set(int(b) for b in batch))
    fig, axes = plt.subplots(1, len(bs), figsize=(5.2 * len(bs), 4.2), squeeze=False)
    for j, b in enumerate(bs):
        ax = axes[0][j]
        sel = np.where(batch == b)[0]
        sel = sel[np.argsort(lr[sel])]
        x = lr[sel]
        ok = np.isfinite(fit[sel, 0])
        ax.errorbar(x[ok], fit[sel, 0][ok], yerr=[fit[sel, 0][ok] - lo[sel, 0][ok], hi[sel, 0][ok] - fit[sel, 0][ok]],
                    fmt="o", color="k", mfc="none", label="SGD, fitted (95% CI)")
        ax.plot(x, theory[sel, 0], "-", color="k", label="SGD, Kesten")
        ax.plot(x, sde[sel], "-", color="C3", lw=2, label="SDE's own: 1 + 2 m2/(lr f A)")
        for m, name in enumerate(models):
            if m == 0:
                continue
            s = style(name)
            ax.plot(x, theory[sel, m], "--" if name.startswith("em") else ":", color=s["color"],
                    label=(name + ", Kesten of the recursion") if name.startswith("em") else name)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("learning rate lr")
        ax.set_ylabel("tail index alpha")
        ax.set_title(f"B = {b}")
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("-o", "--out", default="stationary.png")
    ap.add_argument("--what", choices=["densities", "tails"], default="densities")
    args = ap.parse_args()
    f = open_result(SCRIPT, args.file, lambda m: m == "sde stationary", WANTS)
    (densities if args.what == "densities" else tails)(f, args.out)
    print(f"wrote {args.out}")


run(SCRIPT, main)
