#!/usr/bin/python3
"""Plot sgdmc tail files: the stationary law's tail against the Kesten theory.

usage: scripts/plot_tails.py FILE.h5 [FILE.h5 ...] [-o OUT.png] [--title TEXT]

  - a `tails` file (sgdmc tails MODEL ... -o FILE.h5): left, the log-binned survival function P(|u| >= x)
    with the fitted power law (slope -alpha from the Hill estimate above xmin, solid) and the theory's slope
    (-alpha Kesten, dashed), both anchored at xmin; right, the Hill plot (alpha against the number of tail
    points k) with the moment estimator, the chosen k, the bootstrap interval and the theory's alpha.
    Several tails files are overlaid (e.g. the four noise models at one learning rate).
  - a tail sweep file (sgdmc sweep tails-linreg1d ... -o FILE.h5): alpha against lr, one colour per batch
    size, the estimates with their bootstrap intervals over the Kesten theory (lines); cells without a
    stationary law are left out, and the theory is drawn only where it exists.
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
    sys.exit(f"plot_tails.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")


TAILS_FILES = "tails files (sgdmc tails MODEL ... -o FILE.h5, or sgdmc sweep tails-linreg1d)"


def scalar(f, path):
    return float(f[path][()]) if path in f else float("nan")


def label_of(f):
    p = f["parameters"].attrs
    parts = [f"lr={p['lr']:g}", f"S={int(p['batch'])}"]
    if "noise" in p:
        parts.append(text(p["noise"]))
    if "stable_alpha" in p and np.isfinite(p["stable_alpha"]):
        parts.append(f"alpha_s={p['stable_alpha']:g}")
    return ", ".join(parts)


def plot_tails(files, out, title):
    fig, (ax, hill) = plt.subplots(1, 2, figsize=(11, 4.4))
    for i, name in enumerate(files):
        color = f"C{i}"
        with open_result("plot_tails.py", name, lambda m: m.startswith("tails "), TAILS_FILES) as f:
            label = label_of(f)
            theory = scalar(f, "theory/tail_index")
            if not bool(f["estimates"].attrs["index_reported"]):
                status = text(f['estimates'].attrs['status'])
                print(f"{name}: {status}", file=sys.stderr)
                if "observables/ccdf" in f:  # a light tail: its survival function, without an index
                    ax.loglog(f["observables/ccdf_x"][()], f["observables/ccdf"][()], ".", color=color, ms=3,
                              label=f"{label}: {status.split(' (')[0]}")
                continue
            x, s = f["observables/ccdf_x"][()], f["observables/ccdf"][()]
            alpha, xmin = scalar(f, "estimates/tail_index"), scalar(f, "estimates/tail_xmin")
            lo, hi = f["estimates/tail_index_ci"][()]
            ax.loglog(x, s, ".", color=color, ms=3, label=f"{label}: alpha = {alpha:.3f} [{lo:.3f}, {hi:.3f}]")
            p0 = np.interp(np.log(xmin), np.log(x), np.log(s))
            xs = np.geomspace(xmin, x[-1], 50)
            ax.loglog(xs, np.exp(p0) * (xs / xmin) ** -alpha, "-", color=color, lw=1.2)
            if np.isfinite(theory):
                ax.loglog(xs, np.exp(p0) * (xs / xmin) ** -theory, "--", color=color, lw=1.2,
                          label=f"theory alpha = {theory:.3f}")
            ax.axvline(xmin, color=color, lw=0.5, ls=":")
            k, a = f["observables/hill_k"][()], f["observables/hill_alpha"][()]
            g = f["observables/moment_gamma"][()]
            hill.semilogx(k, a, "-", color=color, lw=1, label=f"Hill, {label}")
            with np.errstate(divide="ignore", invalid="ignore"):
                hill.semilogx(k, np.where(g > 0, 1 / g, np.nan), ":", color=color, lw=1, label="moment estimator")
            kc = int(f["estimates/tail_k"][()])
            hill.fill_between([k[0], k[-1]], lo, hi, color=color, alpha=0.12)
            hill.plot([kc], [alpha], "o", color=color)
            if np.isfinite(theory):
                hill.axhline(theory, color=color, ls="--", lw=1)
    ax.set_xlabel("x = |w - w_LS|")
    ax.set_ylabel("P(|u| >= x)")
    ax.legend(fontsize=7)
    hill.set_xlabel("k (samples above the threshold)")
    hill.set_ylabel("alpha")
    hill.set_ylim(bottom=0)
    top = hill.get_ylim()[1]
    hill.set_ylim(0, min(top, 12))
    hill.legend(fontsize=7)
    fig.suptitle(title or "stationary law of SGD off interpolation: tail and Hill plot (dashed: Kesten theory)")
    fig.tight_layout()
    fig.savefig(out, dpi=130)


def plot_sweep(name, out, title):
    with h5py.File(name, "r") as f:
        lr, batch = f["grid/lr"][()], f["grid/batch"][()]
        est = f["estimates/tail_index"][()].reshape(len(lr), len(batch))
        lo = f["estimates/tail_index_ci_low"][()].reshape(len(lr), len(batch))
        hi = f["estimates/tail_index_ci_high"][()].reshape(len(lr), len(batch))
        th = f["theory/tail_index"][()].reshape(len(lr), len(batch))
        settings = text(f["parameters"].attrs["settings"])
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for j, s in enumerate(batch):
        c = f"C{j}"
        ok = np.isfinite(est[:, j]) & np.isfinite(lo[:, j]) & np.isfinite(hi[:, j])
        ax.errorbar(lr[ok], est[ok, j], yerr=[est[ok, j] - lo[ok, j], hi[ok, j] - est[ok, j]], fmt="o", ms=4,
                    color=c, capsize=2, label=f"S = {int(s)}: simulated (95% interval)")
        bare = np.isfinite(est[:, j]) & ~ok  # too few samples for an honest interval at that alpha
        if bare.any():
            ax.plot(lr[bare], est[bare, j], "o", mfc="none", ms=4, color=c, label=f"S = {int(s)}: no interval")
        t = np.isfinite(th[:, j])
        ax.plot(lr[t], th[t, j], "-", color=c, lw=1.2, label=f"S = {int(s)}: Kesten theory")
    ax.axhline(2, color="grey", lw=0.6, ls=":")
    ax.set_yscale("log")
    ax.set_xlabel("learning rate")
    ax.set_ylabel("tail index alpha")
    ax.set_title(title or f"tail index of SGD's stationary law ({settings})", fontsize=9)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out, dpi=130)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--out", default="tails.png")
    ap.add_argument("--title")
    a = ap.parse_args()
    with open_result("plot_tails.py", a.files[0], lambda m: m.startswith("tails ") or m.startswith("sweep tails"),
                     TAILS_FILES) as f:
        model = text(f.attrs.get("model", ""))
    if model.startswith("sweep tails"):
        if len(a.files) > 1:
            sys.exit("plot_tails.py: give one sweep file at a time")
        plot_sweep(a.files[0], a.out, a.title)
    else:
        plot_tails(a.files, a.out, a.title)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    run("plot_tails.py", main)
