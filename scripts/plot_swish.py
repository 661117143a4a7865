#!/usr/bin/python3
"""Plot an sgdmc two-layer scan (sgdmc scan swish2|tanh2): seed 002, Fig. 5.

usage: scripts/plot_swish.py FILE.h5 [-o OUT.png]

Three panels. Left: the training loss landscape of f = u act(w x) over (u, w), computed from the file's
training set, with the stationary points (minima triangles, saddles stars). Middle: the fraction of
trajectories that end in each state (a minimum's basin, the saddle C, diverged, other) against the learning
rate, with the learning rates where C attracts in probability (both Lyapunov exponents at C negative)
shaded. Right: the mean test loss of the trajectories that did not diverge, against the learning rate, with
the test losses of the stationary points as horizontal lines (Fig. 5, middle panel). Both right panels
mark GD's linear-stability thresholds 2/h of the minima (dashed) and, dotted, where the linearised SGD at
the start's minimum loses probabilistic stability (its top Lyapunov exponent turns positive).
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
    sys.exit(f"plot_swish.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")


def activation(name):
    if name == "tanh":
        return np.tanh
    return lambda z: z / (1.0 + np.exp(-z))


def crossing(x, y):
    """The first x where y changes sign from negative to positive (linear interpolation), or None."""
    for i in range(1, len(x)):
        if y[i - 1] < 0 <= y[i]:
            return x[i - 1] + (x[i] - x[i - 1]) * (-y[i - 1]) / (y[i] - y[i - 1])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("-o", "--out", help="output PNG (default: FILE with .png)")
    args = ap.parse_args()
    out = args.out or (args.file[:-3] if args.file.endswith(".h5") else args.file) + ".png"
    with open_result("plot_swish.py", args.file, lambda m: m in ("tanh2-scan", "swish2-scan"),
                     "scans of the two-layer nets (sgdmc scan swish2|tanh2 ...)") as f:
        p = f["parameters"].attrs
        act_name = text(p["activation"])
        start = text(p["start"])
        lr = f["grid/lr"][()]
        classes = [text(c) for c in f["estimates"].attrs["classes"]]
        frac = f["estimates/end_fraction"][()]
        frac_err = f["estimates/end_fraction_stderr"][()]
        test = f["estimates/mean_test_loss"][()]
        test_err = f["estimates/mean_test_loss_stderr"][()]
        sp = f["stationary_points"]
        labels = [text(s) for s in sp.attrs["labels"]]
        kinds = [text(s) for s in sp.attrs["kinds"]]
        su, sw, stest = sp["u"][()], sp["w"][()], sp["test_loss"][()]
        lr_gd = sp["lr_gd"][()]
        x, y = f["data/x"][()], f["data/y"][()]
        th = f["theory"]
        intervals = th["saddle_attractive"][()] if "saddle_attractive" in th else np.zeros((0, 2))
        minima = [text(s) for s in th.attrs["minima"]] if "minima" in th.attrs else []
        min_exp = th["minimum_lyapunov"][()] if "minimum_lyapunov" in th else None
        steps, traj = int(p["steps"]), int(p["trajectories"])

    fig, (a0, a1, a2) = plt.subplots(1, 3, figsize=(16.5, 4.8))
    # landscape
    act = activation(act_name)
    us = np.linspace(min(-1.0, su.min() - 0.5), max(1.0, su.max() + 0.5), 161)
    ws = np.linspace(min(-1.0, sw.min() - 0.7), max(1.0, sw.max() + 0.7), 201)
    a = act(np.outer(ws, x))  # [w, i]
    aa, ay, yy = (a * a).mean(1), (a * y).mean(1), (y * y).mean()
    loss = 0.5 * (np.outer(us ** 2, aa) - 2 * np.outer(us, ay) + yy)  # [u, w]
    cs = a0.contourf(ws, us, np.log(loss - loss.min() + 1e-4), levels=30, cmap="viridis")
    fig.colorbar(cs, ax=a0, label="log(L - min L + 1e-4)")
    for lab, kind, u_, w_ in zip(labels, kinds, su, sw):
        marker = "^" if kind == "minimum" else "*" if kind == "saddle" else "o"
        a0.plot(w_, u_, marker, color="white", mec="k", ms=11 if marker == "*" else 9)
        a0.annotate(lab, (w_, u_), textcoords="offset points", xytext=(6, 6), color="white", fontsize=11, weight="bold")
    a0.set_xlabel("w")
    a0.set_ylabel("u")
    a0.set_title(f"training loss of f = u {act_name}(w x), N = {len(x)}", fontsize=10)

    colors = {"C": "C2", "diverged": "C3", "other": "0.5"}
    mcolors = ["C0", "C1", "C4", "C5", "C6", "C8"]
    m_i = 0
    for c, name in enumerate(classes):
        if name not in colors:
            colors[name] = mcolors[m_i % len(mcolors)]
            m_i += 1
    gd = {lab: g for lab, g, k in zip(labels, lr_gd, kinds) if k == "minimum"}

    log_x = lr.min() > 0 and lr.max() / lr.min() > 20 and np.allclose(np.diff(np.log(lr)), np.log(lr[1] / lr[0]), rtol=1e-6)

    def marks(ax):
        if log_x:
            ax.set_xscale("log")
        for lo, hi in intervals:
            if hi > lr.min() and lo < lr.max():
                ax.axvspan(max(lo, lr.min()), min(hi, lr.max()), color="C2", alpha=0.08, lw=0)
        for lab, g in gd.items():
            if lr.min() <= g <= lr.max() * 1.02:
                ax.axvline(g, color=colors.get(lab, "k"), ls="--", lw=1)
                ax.annotate(f"2/h$_{lab}$", (g, 1.0), xycoords=("data", "axes fraction"), xytext=(2, -12),
                            textcoords="offset points", fontsize=8, color=colors.get(lab, "k"))
        if min_exp is not None and start in minima:
            e = min_exp[minima.index(start)] if min_exp.ndim == 2 else None
            if e is not None:
                x0 = crossing(lr, e)
                if x0 is not None:
                    ax.axvline(x0, color=colors.get(start, "k"), ls=":", lw=1.2)

    for c, name in enumerate(classes):
        if np.all(frac[:, c] == 0):
            continue
        a1.errorbar(lr, frac[:, c], yerr=2 * frac_err[:, c], fmt="o-", ms=3, lw=1.2, color=colors[name],
                    label=("at " if name not in ("diverged", "other") else "") + name)
    marks(a1)
    a1.set_ylim(-0.03, 1.03)
    a1.set_xlabel("learning rate")
    a1.set_ylabel(f"fraction of trajectories after {steps} steps")
    a1.set_title(f"start at {start}: where SGD ends ({traj} trajectories per lr)\n"
                 f"green: C attracts; dashed: 2/h; dotted: SGD linearised at {start} unstable", fontsize=9)
    a1.legend(fontsize=8)

    ok = np.isfinite(test)
    a2.errorbar(lr[ok], test[ok], yerr=2 * test_err[ok], fmt="o-", ms=3, color="k", label="SGD (not diverged)")
    shown = sorted([(t, lab) for lab, kind, t in zip(labels, kinds, stest) if kind == "minimum" or lab == "C"])
    for j, (t, lab) in enumerate(shown):
        a2.axhline(t, color=colors.get(lab, "k"), lw=0.9, alpha=0.8)
        a2.annotate(f"{lab} {t:.4f}", (1.0, t), xycoords=("axes fraction", "data"), xytext=(3, -4 + 9 * (j % 2)),
                    textcoords="offset points", color=colors.get(lab, "k"), fontsize=8, weight="bold",
                    annotation_clip=False)
    div = frac[:, classes.index("diverged")] if "diverged" in classes else np.zeros_like(lr)
    most = np.where(div > 0.5)[0]
    if len(most):
        a2.axvspan(lr[most[0]], lr.max(), color="C3", alpha=0.10, lw=0, label="most trajectories diverge")
    marks(a2)
    a2.set_xlabel("learning rate")
    a2.set_ylabel("mean test loss")
    a2.set_title("test loss against lr (Fig. 5, middle), mean over the trajectories that did not diverge;\n"
                 "lines: test loss at the stationary points; red: most trajectories diverge", fontsize=9)
    a2.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    print(f"wrote {out}")


if __name__ == "__main__":
    run("plot_swish.py", main)
