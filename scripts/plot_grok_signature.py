#!/usr/bin/python3
"""Plot an sgdmc sweep grok-signature file (seed 003: predicting grokking from the early loss's spectral signature).

usage: scripts/plot_grok_signature.py FILE.h5 [-o OUT.png] [--title TEXT]

Left: the ROC curve of every feature for the label "generalised within the budget" (t2 <= T), pooled over the grid,
the seed's features solid and Hjorth's dashed, each with its AUROC and bootstrap 95% interval in the legend (the
curves are computed here from /signature/features and /signature/grokked; the AUROCs are the file's). Then the
seed's Fig. 2 side by side, weight decay across and learning rate up: the median energy m0 = sum_{t<K} L_t^2 of
each cell, the median final test loss, and the fraction of the cell that generalised.
A sweep grok-fraction file (sgdmc sweep grok-fraction ... -o FILE.h5): t2 against the train fraction r = n/d (mean
with its standard error, the median, and the mean of the closed form), with the fitted law a r^-gamma + b.
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
    sys.exit(f"plot_grok_signature.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")

SCRIPT = "plot_grok_signature.py"


def roc(scores, labels):
    """(false-positive rate, true-positive rate) of "positive when score >= threshold", thresholds descending."""
    keep = ~np.isnan(scores)
    s, y = scores[keep], labels[keep].astype(bool)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    last = np.r_[s[1:] != s[:-1], True]  # the end of each tie group
    tp = np.cumsum(y)[last]
    fp = np.cumsum(~y)[last]
    pos, neg = max(y.sum(), 1), max((~y).sum(), 1)
    return np.r_[0, fp / neg], np.r_[0, tp / pos]


def grid(f, values):
    """values per cell as a [lr, lambda] matrix, with the two axes."""
    lr, lam = f["grid/cell_lr"][()], f["grid/lambda"][()]
    lrs, lams = np.unique(lr), np.unique(lam)
    m = np.full((len(lrs), len(lams)), np.nan)
    for v, a, b in zip(values, lr, lam):
        m[np.searchsorted(lrs, a), np.searchsorted(lams, b)] = v
    return lrs, lams, m


def heat(ax, fig, f, values, title, log=True):
    lrs, lams, m = grid(f, values)
    shown = np.log10(m) if log else m
    im = ax.imshow(shown, origin="lower", aspect="auto", cmap="viridis")
    ax.set_xticks(range(len(lams)), [f"{v:.3g}" for v in lams], rotation=45)
    ax.set_yticks(range(len(lrs)), [f"{v:.3g}" for v in lrs])
    ax.set_xlabel("weight decay lambda")
    ax.set_ylabel("learning rate eta")
    ax.set_title(title, fontsize=9)
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if np.isfinite(m[i, j]):
                ax.text(j, i, f"{m[i, j]:.3g}", ha="center", va="center", fontsize=6, color="w")


def plot(f, out, title):
    p = f["parameters"].attrs
    names = [text(n) for n in f["signature/features"].attrs["names"]]
    feats = f["signature/features"][()]
    labels = f["signature/grokked"][()]
    auc, ci = f["estimates/auroc"][()], f["estimates/auroc_ci95"][()]
    fig, axes = plt.subplots(1, 4, figsize=(20, 4.8))
    ax = axes[0]
    for k, name in enumerate(names):
        x, y = roc(feats[k], labels)
        ax.plot(x, y, "-" if name.startswith("seed") else "--",
                label=f"{name}: {auc[k]:.3f} [{ci[k][0]:.3f}, {ci[k][1]:.3f}]")
    ax.plot([0, 1], [0, 1], ":", color="grey", lw=0.8)
    ax.set_xlabel("false-positive rate")
    ax.set_ylabel("true-positive rate")
    ax.set_title(f"ROC for t2 <= T = {p['budget']} from the first K = {p['window']} losses\n"
                 f"lead time {p['lead_time']} steps; {int(f['estimates/grokked_count'][()])} generalised, "
                 f"{int(f['estimates/not_grokked_count'][()])} not", fontsize=9)
    ax.legend(fontsize=7, loc="lower right", title="AUROC [95%]", title_fontsize=7)
    heat(axes[1], fig, f, f["cells/median_seed_energy"][()], "log10 median m0 = sum_{t<K} L_t^2 (seed Fig. 2, bottom)")
    heat(axes[2], fig, f, f["cells/median_final_test_loss"][()], "log10 median test loss at T (seed Fig. 2, top)")
    heat(axes[3], fig, f, f["cells/fraction_grokked"][()], "fraction generalised (t2 <= T)", log=False)
    fig.suptitle(title or f"sweep grok-signature ({text(p['grok_model'])}, d = {p['d']}, n = {p['n']})")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def plot_fraction(f, out, title):
    p = f["parameters"].attrs
    r, mean, err = f["grid/fraction"][()], f["cells/t2_mean"][()], f["cells/t2_mean_stderr"][()]
    fig, ax = plt.subplots(figsize=(7, 4.8))
    ax.errorbar(r, mean, yerr=err, fmt="o", label="mean t2 (simulated, +- stderr)")
    ax.plot(r, f["cells/t2_median"][()], "s", mfc="none", label="median t2")
    ax.plot(r, f["cells/t2_closed_form_mean"][()], "x", label="mean of t2's closed form (GD)")
    if "estimates/fraction_law_gamma" in f:
        g, a, b = (f["estimates/fraction_law_" + k][()] for k in ("gamma", "a", "b"))
        lo, hi = f["estimates/fraction_law_gamma_ci95"][()]
        xs = np.linspace(r.min(), r.max(), 200)
        ax.plot(xs, a * xs ** (-g) + b, "-", color="k", lw=1,
                label=f"fit a r^-gamma + b: gamma = {g:.3g} [{lo:.3g}, {hi:.3g}], "
                      f"chi2/dof {f['estimates/fraction_law_chi2_per_dof'][()]:.3g}")
    ax.set_xlabel("train fraction r = n/d")
    ax.set_ylabel("t2 (steps)")
    ax.legend(fontsize=7)
    ax.set_title(title or f"sweep grok-fraction: grok-linreg, d = {p['d']}, eta = {p['lr']:.3g}, "
                 f"lambda = {p['lambda']:.3g}", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("-o", "--out")
    ap.add_argument("--title")
    args = ap.parse_args()
    f = open_result(SCRIPT, args.file, lambda m: m in ("sweep grok-signature", "sweep grok-fraction"),
                    "sweep grok-signature and grok-fraction files (sgdmc sweep grok-signature ... -o FILE.h5)")
    out = args.out or os.path.splitext(args.file)[0] + ".png"
    warnings.simplefilter("ignore", RuntimeWarning)  # log10 of empty cells
    with f:
        kind = plot_fraction if "grid/fraction" in f else plot
        run(SCRIPT, lambda: kind(f, out, args.title))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
