#!/usr/bin/python3
"""Plot an sgdmc grok-linreg or grok-diag file (seed 001: grokking as two time scales under weight decay).

usage: scripts/plot_grok.py FILE.h5 [-o OUT.png] [--title TEXT]

A simulate file (sgdmc simulate grok-linreg ... -o FILE.h5): the grokking curves, train and test loss and |w|^2
against log time, ensemble median with the 10-90% band, the medians of t1 and t2 marked, the ridge endpoint's test
loss dotted; beside them the distributions of t1, t2 and the closed form of t2 (histograms, per trajectory).
A grok-diag file: the same, with the distance to the minimum-l1 interpolant (no closed form of t2).
A grok-relu file: the curves with the mean number of kinks, and trajectory 0's learned function at the median t1 and
at the end beside the teacher and the training points.
A grok-mc file: the losses, |U|^2 + |V|^2, the nuclear norm and the distance to the minimum-nuclear-norm completion,
and the mean top singular values of U V^T over time beside those of the ground truth.
A sweep file (sgdmc sweep grok-linreg|grok-diag|grok-mc|grok-relu ... -o FILE.h5): the collapse, eta lambda t2
against eta lambda (median and 10-90% range, one colour per eta, grok-linreg's closed form beside), and t2 and t1
against lambda (one eta) or eta lambda (an --lr axis) with the fitted power law; cells outside the fit are hollow.
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
    sys.exit(f"plot_grok.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")

SCRIPT = "plot_grok.py"


def level_index(levels, p):
    i = int(np.argmin(np.abs(levels - p)))
    if abs(levels[i] - p) > 1e-12:
        raise KeyError(f"quantile level {p} (run with --quantiles including 0.1,0.5,0.9)")
    return i


def plot_run(f, out, title):
    t = f["observables/time"][()].astype(float)
    levels = f["observables/quantile_levels"][()]
    lo, med, hi = (level_index(levels, p) for p in (0.1, 0.5, 0.9))
    x = np.maximum(t, 0.5)  # step 0 drawn at 0.5 on the log axis
    p = f["parameters"].attrs
    fig, (ax, axh) = plt.subplots(1, 2, figsize=(12, 4.6), gridspec_kw={"width_ratios": [3, 2]})
    diag = "observables/log_target_quantiles" in f
    styles = [("train", "train loss", "C0", lambda l: np.exp(2 * l) / 2),
              ("test", "test loss", "C3", lambda l: np.exp(2 * l) / 2),
              ("norm", "|u|^2 + |v|^2" if diag else "|w|^2", "C2", lambda l: np.exp(2 * l))]
    if diag:
        styles.append(("target", "|beta - beta_l1| (min-l1 interpolant)", "C4", np.exp))
    for name, label, color, to in styles:
        q = f[f"observables/log_{name}_quantiles"][()]
        ax.plot(x, to(q[:, med]), color=color, label=label + " (median)")
        ax.fill_between(x, to(q[:, lo]), to(q[:, hi]), color=color, alpha=0.2, lw=0)
    if not diag:
        ax.axhline(f["theory/endpoint_test_loss"][()], color="C3", ls=":", lw=1,
                   label="test loss of the ridge endpoint")
    for ev, color in (("t1", "C0"), ("t2", "C3")):
        q = f[f"events/{ev}/quantiles"][()]
        if np.isfinite(q[med]):
            ax.axvline(q[med], color=color, ls="--", lw=1)
            ax.text(q[med], 0.97, f" {ev}", color=color, transform=ax.get_xaxis_transform(), va="top")
        if np.isfinite(q[lo]) and np.isfinite(q[hi]):
            ax.axvspan(q[lo], q[hi], color=color, alpha=0.06, lw=0)
    drift = f["theory/drift_steps"][()]
    if np.isfinite(drift):
        ax.axvline(drift, color="grey", ls=":", lw=1)
        ax.text(drift, 0.03, " 1/(eta lambda)", color="grey", transform=ax.get_xaxis_transform())
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("loss, norms")
    ax.legend(fontsize=8, loc="lower left")
    mode = "GD" if p["full_batch"] else f"SGD S={p['batch']}"
    feats = ", Fourier features" if p.get("features") == "fourier" else ""
    name = f"grok-diag (k={p['k']}{feats})" if diag else "grok-linreg"
    ax.set_title(title or f"{name}: d={p['d']}, n={p['n']}, eta={p['eta']:g}, lambda={p['lambda']:g}, "
                          f"alpha={p['alpha']:g}, {mode}; {p['trajectories']} trajectories", fontsize=9)
    events = (("t1", "t1 (train)", "C0", "-"), ("t2", "t2 (test)", "C3", "-"))
    if not diag:
        events += (("t2_closed_form", "t2 closed form", "k", "--"),)
    for ev, label, color, style in events:
        h = f[f"events/{ev}/histogram"][()]
        edges = f[f"events/{ev}/histogram_edges"][()]
        never = f[f"events/{ev}/fraction_never"][()]
        if h.sum() == 0:
            continue
        axh.stairs(h, np.maximum(edges, 0.5), color=color, ls=style, label=f"{label}, never {never:.3f}")
    spans = [np.nonzero(f[f"events/{ev}/histogram"][()])[0] for ev in ("t1", "t2")]
    spans = [s for s in spans if len(s)]
    if spans:
        edges = np.maximum(f["events/t1/histogram_edges"][()], 0.5)
        axh.set_xlim(edges[min(s[0] for s in spans)] / 2, edges[max(s[-1] for s in spans) + 1] * 2)
    axh.set_xscale("log")
    axh.set_xlabel("step")
    axh.set_ylabel("trajectories per bin (20 per decade)")
    axh.set_title("event times" + ("" if diag else
                  f"; t2 = closed form within 1 step: {f['theory/t2_agreeing_fraction'][()]:.4f}"), fontsize=9)
    axh.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def plot_relu(f, out, title):
    t = f["observables/time"][()].astype(float)
    levels = f["observables/quantile_levels"][()]
    lo, med, hi = (level_index(levels, p) for p in (0.1, 0.5, 0.9))
    x = np.maximum(t, 0.5)
    p = f["parameters"].attrs
    fig, (ax, axf) = plt.subplots(1, 2, figsize=(12, 4.6), gridspec_kw={"width_ratios": [3, 2]})
    for name, label, color, to in (("train", "train loss", "C0", lambda l: np.exp(2 * l) / 2),
                                   ("test", "test loss", "C3", lambda l: np.exp(2 * l) / 2),
                                   ("norm", "|theta|^2", "C2", lambda l: np.exp(2 * l))):
        q = f[f"observables/log_{name}_quantiles"][()]
        ax.plot(x, to(q[:, med]), color=color, label=label + " (median)")
        ax.fill_between(x, to(q[:, lo]), to(q[:, hi]), color=color, alpha=0.2, lw=0)
    for ev, color in (("t1", "C0"), ("t2", "C3")):
        q = f[f"events/{ev}/quantiles"][()]
        if np.isfinite(q[med]):
            ax.axvline(q[med], color=color, ls="--", lw=1)
            ax.text(q[med], 0.97, f" {ev}", color=color, transform=ax.get_xaxis_transform(), va="top")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("loss, norm")
    k = ax.twinx()
    k.plot(x, f["observables/kinks_mean"][()], color="C4", label="kinks (mean)")
    k.axhline(f["theory/teacher_kinks_count"][()], color="C4", ls=":", lw=1)
    k.set_ylabel("kinks of the learned function", color="C4")
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = k.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, fontsize=8, loc="lower left")
    mode = "GD" if p["full_batch"] else f"SGD S={p['batch']}"
    ax.set_title(title or f"grok-relu: m={p['width']}, n={p['n']}, eta={p['eta']:g}, lambda={p['lambda']:g}, "
                          f"sigma={p['sigma']:g}, {mode}; {p['trajectories']} trajectories", fontsize=9)
    gx = f["observables/function_x"][()]
    fun = f["observables/function_trajectory0"][()]
    t1 = f["events/t1/quantiles"][()][med]
    r1 = int(np.searchsorted(t, t1)) if np.isfinite(t1) else len(t) // 2
    r1 = min(r1, len(t) - 1)
    axf.plot(gx, f["observables/function_teacher"][()], color="C9", ls=":", lw=2, label="teacher")
    axf.plot(gx, fun[r1], color="C1", label=f"trajectory 0 at step {int(t[r1])} (median t1)")
    axf.plot(gx, fun[-1], color="C3", label=f"trajectory 0 at the end, step {int(t[-1])}")
    if "data/x" in f:  # absent with --dataset per-trajectory: every trajectory had its own points
        axf.plot(f["data/x"][()], f["data/y"][()], "kx", label="training points")
    axf.set_xlabel("x")
    axf.set_ylabel("f(x)")
    axf.legend(fontsize=8)
    axf.set_title("the learned function at t1 and at the end", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def plot_mc(f, out, title):
    t = f["observables/time"][()].astype(float)
    levels = f["observables/quantile_levels"][()]
    lo, med, hi = (level_index(levels, p) for p in (0.1, 0.5, 0.9))
    x = np.maximum(t, 0.5)
    p = f["parameters"].attrs
    fig, (ax, axs) = plt.subplots(1, 2, figsize=(12, 4.6))
    for name, label, color, to in (("train", "observed-entry loss", "C0", lambda l: np.exp(2 * l) / 2),
                                   ("test", "test loss (every entry)", "C3", lambda l: np.exp(2 * l) / 2),
                                   ("norm", "|U|^2 + |V|^2", "C2", lambda l: np.exp(2 * l)),
                                   ("nuclear", "|U V^T|_*", "C1", np.exp),
                                   ("target", "|U V^T - X_nuc|_F", "C4", np.exp)):
        q = f[f"observables/log_{name}_quantiles"][()]
        ax.plot(x, to(q[:, med]), color=color, label=label + " (median)")
        ax.fill_between(x, to(q[:, lo]), to(q[:, hi]), color=color, alpha=0.2, lw=0)
    own = "theory/min_nuclear_norms" in f  # --dataset per-trajectory: the first trajectories' own X_nuc, no one
    if own:
        ax.axhline(np.median(f["theory/min_nuclear_norms"][()]), color="C1", ls=":", lw=1,
                   label="median |X_nuc|_* of the first trajectories' own datasets (ADMM)")
    else:
        ax.axhline(f["theory/min_nuclear_norm"][()], color="C1", ls=":", lw=1, label="|X_nuc|_* (ADMM)")
    for ev, color in (("t1", "C0"), ("t2", "C3")):
        q = f[f"events/{ev}/quantiles"][()]
        if np.isfinite(q[med]):
            ax.axvline(q[med], color=color, ls="--", lw=1)
            ax.text(q[med], 0.97, f" {ev}", color=color, transform=ax.get_xaxis_transform(), va="top")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("loss, norms")
    ax.legend(fontsize=7, loc="lower left")
    mode = "GD" if p["full_batch"] else f"SGD S={p['batch']}"
    seen = f"a dataset per trajectory, p={p['observed']:g} observed" if own else f"{p['n']} observed"
    ax.set_title(title or f"grok-mc: d={p['d']}, rank {p['rank']}, {seen}, eta={p['eta']:g}, "
                          f"lambda={p['lambda']:g}, sigma={p['sigma']:g}, {mode}; {p['trajectories']} trajectories",
                 fontsize=9)
    sv = f["observables/singular_values_mean"][()]
    truth = None if own else f["theory/truth_singular_values"][()]
    for k in range(sv.shape[1]):
        axs.plot(x, sv[:, k], color=f"C{k}", label=f"singular value {k + 1} of U V^T (mean)")
        if truth is not None and truth[k] > 1e-9:
            axs.axhline(truth[k], color=f"C{k}", ls=":", lw=1)
    axs.set_xscale("log")
    axs.set_yscale("log")
    axs.set_xlabel("step")
    axs.set_title("singular values over time (" + ("each trajectory its own M*" if own else "dotted: those of M*")
                  + ")", fontsize=9)
    axs.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def plot_sweep(f, out, title):
    lam = f["grid/lambda"][()]
    levels = f["observables/quantile_levels"][()]
    lo, med, hi = (level_index(levels, p) for p in (0.1, 0.5, 0.9))
    # one learning rate per cell (an --lr axis), or the single eta of older files
    eta = f["grid/cell_lr"][()] if "grid/cell_lr" in f else np.full(lam.shape, f["parameters"].attrs["eta"])
    etas = np.unique(eta)
    fitted = f["cells/fitted"][()] == 1
    finite = lambda a: np.where(np.isfinite(a), a, np.nan)  # never reached: not drawn
    q2 = finite(f["cells/t2_quantiles"][()])
    # grok-linreg's sweep has the closed form of t2 beside the simulated one; the other models do not
    qc = finite(f["cells/t2_closed_form_quantiles"][()]) if "cells/t2_closed_form_quantiles" in f else None
    q1 = finite(f["cells/t1_quantiles"][()])
    pos = lam > 0
    el = eta * lam
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.6))
    y = el * q2[:, med]
    err = [el * (q2[:, med] - q2[:, lo]), el * (q2[:, hi] - q2[:, med])]
    for k, e in enumerate(etas):
        one = eta == e
        color = f"C{(3 + k) % 10}"
        for sel, face in ((fitted & pos & one, color), (~fitted & pos & one, "none")):
            a.errorbar(el[sel], y[sel], yerr=[r[sel] for r in err], fmt="o", color=color, mfc=face, capsize=3)
        a.plot([], [], "o", color=color, label=f"simulated median t2, eta = {e:g}, 10-90% bar (hollow: not fitted)")
    if qc is not None:
        a.plot(el[pos], el[pos] * qc[pos, med], "k_", ms=14, label="closed form (median)")
    a.set_xscale("log")
    a.set_xlabel("eta lambda")
    a.set_ylabel("eta lambda t2")
    a.set_title("collapse: eta lambda t2 does not depend on eta lambda where the time scales separate", fontsize=9)
    a.legend(fontsize=7, loc="lower left")
    # right: the event times and their fits, against lambda (one eta) or eta lambda (several)
    x, xname = (lam, "lambda") if len(etas) == 1 else (el, "eta lambda")
    fits = {"t2": "estimates/t2_exponent", "t1": "estimates/t1_exponent"} if len(etas) == 1 else \
        {"t2": "estimates/t2_exponent_eta_lambda"}
    for q, name, color in ((q2, "t2", "C3"), (q1, "t1", "C0")):
        for sel, face in ((fitted & pos, color), (~fitted & pos, "none")):
            b.plot(x[sel], np.where(np.isfinite(q[sel, med]), q[sel, med], np.nan), "o", color=color, mfc=face)
        b.plot([], [], "o", color=color, label=f"median {name}")
        key = fits.get(name)
        if key is not None and key in f:
            d = f[key]
            ci = f[key + "_ci95"][()]
            xs = np.geomspace(x[fitted].min(), x[fitted].max(), 50)
            b.plot(xs, d.attrs["prefactor"] * xs ** d[()], color=color, lw=1,
                   label=f"fit of mean {name}: ({xname})^({d[()]:.4f}), 95% [{ci[0]:.4f}, {ci[1]:.4f}]")
    b.set_xscale("log")
    shown = np.concatenate([q2[pos, med], q1[pos, med]])
    if np.any(np.isfinite(shown) & (shown > 0)):
        b.set_yscale("log")
    else:  # a log axis of nothing cannot be drawn: say why the panel is empty
        b.text(0.5, 0.5, "no cell reached t1 or t2 within its steps", ha="center", va="center",
               transform=b.transAxes)
    b.set_xlabel(xname)
    b.set_ylabel("steps")
    b.legend(fontsize=8)
    p = f["parameters"].attrs
    mode = "GD" if p["full_batch"] else f"SGD S={p['batch']}"
    etext = ",".join(f"{e:g}" for e in etas)
    model = text(f.attrs["model"])
    own = "dataset" in p and text(p["dataset"]) == "per-trajectory"
    shown = ("d", "k", "rank", "width", "alpha", "sigma") if own and "observed" in p else \
        ("d", "n", "k", "rank", "width", "alpha", "sigma")  # grok-mc's n is per dataset then
    sizes = ", ".join(f"{k}={p[k]:g}" for k in shown if k in p)
    if own:
        sizes += (f", p={p['observed']:g} observed" if "observed" in p else "") + ", a dataset per trajectory"
    b.set_title(title or f"{model}: {sizes}, eta={etext}, {mode}", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("-o", "--out")
    ap.add_argument("--title")
    args = ap.parse_args()
    f = open_result(SCRIPT, args.file, lambda m: m in ("grok-linreg", "grok-diag", "grok-relu", "grok-mc") + tuple(
                    "sweep " + k for k in ("grok-linreg", "grok-diag", "grok-relu", "grok-mc")),
                    "grok-linreg files (sgdmc simulate|sweep grok-linreg ... -o FILE.h5), grok-diag, grok-relu and grok-mc files")
    out = args.out or os.path.splitext(args.file)[0] + ".png"
    warnings.simplefilter("ignore", RuntimeWarning)  # cells that never reached a level are NaN, drawn as gaps
    with f:
        kind = (plot_sweep if "cells" in f else plot_relu if "observables/kinks_mean" in f
                else plot_mc if "observables/singular_values_mean" in f else plot_run)
        run(SCRIPT, lambda: kind(f, out, args.title))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
