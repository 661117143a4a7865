#!/usr/bin/python3
"""Plot an sgdmc sweep file (sgdmc sweep MODEL ...) with its theory.

usage: scripts/plot_phase.py FILE.h5 [FILE.h5 ...] [-o OUT.png] [--title TEXT] [--labels "A;B;..."]

Several files give one panel each, side by side (e.g. seed 002 Fig. 4: N = 3, 4, 8, 10, 24, 100).

Two axes: a map over the grid (the learning rate, if swept, runs up the y axis).
  - families with phases (saddle): the simulated phase of each cell (cells whose exponents are within
    4 standard errors of zero are hatched grey as undetermined), with the theory's phase boundaries drawn
    on top as black lines;
  - one-exponent families (linreg1d): where SGD converges in probability (simulated exponent < 0, yellow)
    or not (dark), the theory's zero line in black and, where the file has them, the GD (dashed) and
    mean-square (dotted) thresholds.
One axis: the exponent(s) against the axis, simulated with 4-stderr bars over the theory.
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
    from matplotlib.colors import ListedColormap, BoundaryNorm
    import numpy as np
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # h5files, beside this script, however it is run
    from h5files import open_result, run, text
except ImportError as e:  # pragma: no cover
    sys.exit(f"plot_phase.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")

PHASE_COLORS = ["#bbbbbb", "#1b9e77", "#66c2a5", "#d95f02", "#7570b3", "#e7298a"]


def axes_of(f):
    names = [text(a) for a in f["parameters"].attrs["axes"]]
    return names, [f["grid/" + n][()] for n in names]


def exponent_names(f):
    return [k for k in f["estimates"].keys() if k.startswith("lyapunov") and not k.endswith("_stderr")]


def plot_map(f, ax, names, values):
    # arrange so that lr (if present) is the y axis: data[iy, ix]
    swap = names[1] == "lr"
    yname, xname = (names[1], names[0]) if swap else (names[0], names[1])
    yv, xv = (values[1], values[0]) if swap else (values[0], values[1])
    orient = (lambda a: a.T) if swap else (lambda a: a)
    def geometric(v):
        return len(v) > 2 and v[0] > 0 and np.allclose(np.diff(np.log(v)), np.log(v[1] / v[0]), rtol=1e-6)

    def show(data, **kw):  # cells drawn at their true coordinates (axes may be log-spaced)
        return ax.pcolormesh(xv, yv, data, shading="nearest", **kw)

    if geometric(xv):
        ax.set_xscale("log")
    if geometric(yv):
        ax.set_yscale("log")
    if "phase" in f["estimates"]:
        labels = ["undetermined"] + text(f["estimates/phase"].attrs["phase_names"]).split(",")[1:]
        phase = orient(f["estimates/phase"][()])
        conf = orient(f["estimates/phase_confidence"][()])
        cmap = ListedColormap(PHASE_COLORS[: len(labels)])
        norm = BoundaryNorm(np.arange(-0.5, len(labels) + 0.5), cmap.N)
        shown = np.where(conf >= 4, phase, 0)
        im = show(shown, cmap=cmap, norm=norm)
        theory = orient(f["theory/phase"][()])
        for code in range(1, len(labels)):  # each boundary once: the edge of every theory phase region
            if (theory == code).any() and (theory != code).any():
                ax.contour(xv, yv, (theory == code).astype(float), levels=[0.5], colors="k", linewidths=0.8)
        ax.plot([], [], "k-", label="theory: phase boundaries")
        ax.legend(fontsize=7, loc="upper left", framealpha=0.8)
        cb = plt.colorbar(im, ax=ax, ticks=range(len(labels)))
        cb.ax.set_yticklabels(labels)
    else:
        name = exponent_names(f)[0]
        lam = orient(f["estimates/" + name][()])
        err = orient(f["estimates/" + name + "_stderr"][()])
        state = np.where(lam + 4 * err < 0, 1.0, np.where(lam - 4 * err > 0, 0.0, 0.5))
        show(state, cmap="cividis", vmin=0, vmax=1)
        th = orient(f["theory/" + name][()])
        if np.isfinite(th).any():
            ax.contour(xv, yv, np.where(np.isfinite(th), th, -50), levels=[0], colors="k", linewidths=0.9)
        for key, style, label in [("lr_gd", "--", "GD threshold"), ("lr_mean_square", ":", "mean-square threshold")]:
            if key in f["theory"] and yname == "lr":
                line = orient(f["theory/" + key][()])[0]
                ax.plot(xv, line, style, color="w", lw=1.4, label=label)
        ax.plot([], [], "k-", label="theory: exponent = 0")
        ax.legend(fontsize=7, loc="upper right", framealpha=0.8)
    ax.set_xlabel(xname)
    ax.set_ylabel(yname)


def plot_line(f, ax, names, values):
    x = values[0]
    for name in exponent_names(f):
        lam, err = f["estimates/" + name][()], f["estimates/" + name + "_stderr"][()]
        ax.errorbar(x, lam, yerr=4 * err, fmt="o", ms=3, label=name + " (simulated, 4 s.e.)")
        ax.plot(x, f["theory/" + name][()], "-", lw=1, label=name + " (theory)")
    ax.axhline(0, color="k", lw=0.6)
    ax.set_xlabel(names[0])
    ax.set_ylabel("Lyapunov exponent")
    ax.legend(fontsize=7)


def panel(f, ax, title):
    model = text(f.attrs.get("model", ""))
    names, values = axes_of(f)
    (plot_map if len(names) == 2 else plot_line)(f, ax, names, values)
    p = f["parameters"].attrs
    fixed = ", ".join(f"{k}={p[k]:g}" for k in p if k not in ("axes", "trajectories", "steps", "seed", "threads",
                      "block_width", "family_settings", "random_numbers") and not isinstance(p[k], (bytes, str, np.ndarray)))
    settings = text(p.get("family_settings", ""))
    ax.set_title(title or f"{model}: {fixed} {settings}\n({p['trajectories']} trajectories x {p['steps']} steps per cell)",
                 fontsize=8)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--out")
    ap.add_argument("--title")
    ap.add_argument("--labels", help="panel titles separated by semicolons")
    args = ap.parse_args()
    out = args.out or args.files[0].rsplit(".", 1)[0] + ".png"
    labels = args.labels.split(";") if args.labels else [None] * len(args.files)
    cols = min(3, len(args.files))
    rows = (len(args.files) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(7 * cols if cols == 1 else 5.6 * cols, 5 * rows), squeeze=False)
    for k, name in enumerate(args.files):
        with open_result("plot_phase.py", name, lambda m: m.endswith("-sweep"),
                         "Lyapunov sweeps (sgdmc sweep linreg1d|saddle ... -o FILE.h5)") as f:
            panel(f, axes[k // cols][k % cols], labels[k] if k < len(labels) else None)
    for k in range(len(args.files), rows * cols):
        axes[k // cols][k % cols].axis("off")
    if args.title:
        fig.suptitle(args.title)
    fig.tight_layout()
    fig.savefig(out, dpi=110 if len(args.files) > 1 else 130)
    print(f"wrote {out}")


if __name__ == "__main__":
    run("plot_phase.py", main)
