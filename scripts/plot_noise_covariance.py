#!/usr/bin/python3
"""Plot sgdmc sde covariance files: the minibatch gradient's covariance against the batch size.

usage: scripts/plot_noise_covariance.py FILE.h5 [FILE.h5 ...] [-o OUT.png]

One column per file (sgdmc sde covariance ... -o FILE.h5). Top: B tr Cov[g_B] / tr Sigma measured with replacement
(circles) and without (squares), with 2-standard-error bars, over the exact factors 1 (Sigma/B, solid) and
(n-B)/(n-1) (Sigma (n-B)/(B(n-1)), dashed). Bottom: the largest |z| over the covariance's entries for the right pairings (filled) and the wrong
ones (open: the seed's (n-B)/(n-1) with replacement, Sigma/B for a subset), with |z| = 5 marked.
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
    sys.exit(f"plot_noise_covariance.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")

SCRIPT = "plot_noise_covariance.py"
WANTS = "sde covariance files (sgdmc sde covariance ... -o FILE.h5)"


def trace(f, path, entries):
    a = f[path][()]
    diag = [i for i, e in enumerate(entries) if e.split(",")[0] == e.split(",")[1]]
    return a[:, diag].sum(axis=1)


def trace_stderr(f, path, entries):
    a = f[path][()]
    diag = [i for i, e in enumerate(entries) if e.split(",")[0] == e.split(",")[1]]
    return np.sqrt((a[:, diag] ** 2).sum(axis=1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--out", default="noise_covariance.png")
    args = ap.parse_args()
    files = [open_result(SCRIPT, p, lambda m: m == "sde covariance", WANTS) for p in args.files]
    fig, axes = plt.subplots(2, len(files), figsize=(5.2 * len(files), 7.5), squeeze=False)
    for c, f in enumerate(files):
        entries = [text(e) for e in f["estimates"].attrs["entries"]]
        p = f["parameters"].attrs
        b = f["grid/batch"][()]
        n = int(p["n"])
        ax = axes[0][c]
        sigma_tr = np.trace(f["theory/sigma"][()])
        for name, marker, colour, label in (("with_replacement", "o", "C0", "with replacement"),
                                            ("without_replacement", "s", "C3", "without replacement")):
            m = trace(f, "estimates/covariance_" + name, entries) * b / sigma_tr
            s = trace_stderr(f, "estimates/covariance_" + name + "_stderr", entries) * b / sigma_tr
            ax.errorbar(b, m, yerr=2 * s, fmt=marker, color=colour, mfc="none", label=label + " (2 s.e.)")
        bb = np.linspace(1, n, 200)
        ax.plot(bb, np.ones_like(bb), "-", color="C0", label=r"$\Sigma/B$: 1")
        ax.plot(bb, (n - bb) / (n - 1), "--", color="C3", label=r"$\Sigma\,(n-B)/(B(n-1))$: $(n-B)/(n-1)$")
        ax.set_xlabel("batch size B")
        ax.set_ylabel(r"$B\,$tr Cov$[g_B]\,/\,$tr $\Sigma$")
        ax.set_title(f"{text(p['loss'])}, n = {n}, d = {int(p['dim'])}, m = {int(p['replicates'])}")
        ax.legend(fontsize=8)
        ax = axes[1][c]
        for name, style, label in (("z_with_replacement_iid", "o-", r"with, $\Sigma/B$"),
                                   ("z_without_replacement_finite_population", "s-", r"without, $\Sigma(n-B)/(B(n-1))$"),
                                   ("z_with_replacement_finite_population", "o--", r"with, $\Sigma(n-B)/(B(n-1))$ (seed sec. 6)"),
                                   ("z_without_replacement_iid", "s--", r"without, $\Sigma/B$")):
            z = np.abs(f["estimates/" + name][()]).max(axis=1)
            z = np.clip(z, 1e-2, 1e4)
            ax.plot(b, z, style, mfc="none" if "--" in style else None, label=label)
        ax.axhline(5, color="k", lw=0.8, ls=":")
        ax.set_yscale("log")
        ax.set_xlabel("batch size B")
        ax.set_ylabel("max |z| over entries (clipped to 1e4)")
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


run(SCRIPT, main)
