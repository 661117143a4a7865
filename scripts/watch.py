#!/usr/bin/python3
"""Watch a live file (sgdmc sweep MODEL ... --live, sgdmc simulate MODEL ... --live) fill in while the run goes.

usage: scripts/watch.py FILE.h5 [--every SECONDS] [--timeout SECONDS] [--once] [-o OUT.png]

Every --every seconds (default 2) it opens the file as h5py.File(FILE, "r", swmr=True), the way any reader of a
running sweep or run must, and prints one line whenever the file changes. A sweep: how many of the grid's cells
are done, and the range of each simulated exponent so far (of a tails-linreg1d sweep: the tail index and the
Lyapunov exponent); -o redraws OUT.png (the plot of scripts/plot_phase.py; unfinished cells are blank; not for a
tails sweep). A simulate run: how many trajectories are finished, and each estimate over them with its standard
error; -o redraws OUT.png, the mean of each observed log-distance against time with a band of 2 standard errors.
It stops when the file says complete = 1 (the final file has replaced the live one), after --timeout seconds
without that (exit 1), or after one look with --once. A file that is not there yet is waited for. A killed run's
file (complete = 0) shows what it finished.
Uses Debian's python3-h5py (and python3-matplotlib for -o); scripts/install-deps.sh installs them.
"""
import argparse
import os
import sys
import time

try:
    import h5py
    import numpy as np
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # h5files, beside this script, however it is run
    from h5files import fail, run, text
except ImportError as e:  # pragma: no cover
    sys.exit(f"watch.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py)")

SCRIPT = "watch.py"
TAILS = "sweep tails-linreg1d"  # the tail-index sweep: a [lr, batch] grid, no phase map


def open_live(path):
    """The file opened as a SWMR reader; the final file (written the ordinary way, in the old format that SWMR
    reading refuses) opens plainly."""
    try:
        return h5py.File(path, "r", swmr=True)
    except OSError:
        return h5py.File(path, "r")


def hdf5_signature(path):
    """Whether the file starts as an HDF5 file does (sgdmc's files have their superblock at 0); True too while it
    is empty: a live file that the writer has created (and locked) but not yet written."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            return len(head) == 0 or head == b"\x89HDF\r\n\x1a\n"
    except OSError:
        return False


WANTS = "this script watches live sweeps and runs (sgdmc sweep|simulate MODEL ... --live)"


def is_run(f):
    """Whether the open file is a simulate run's: observables over time for an ensemble of trajectories."""
    return "observables" in f and "time" in f["observables"] and "trajectories" in f["parameters"].attrs


def look_run(path, f):
    """(finished, total, complete, line) for a simulate run's file: the estimates over the trajectories finished."""
    total = int(f["parameters"].attrs["trajectories"])
    complete = int(f.attrs.get("complete", 1))
    rows = f["live/finished_trajectories"] if "live" in f else None
    finished = int(rows[-1]) if rows is not None and rows.shape[0] else (total if complete == 1 else 0)
    parts = []
    if "estimates" in f:
        for name in sorted(f["estimates"].keys()):
            d = f["estimates/" + name]
            if name.endswith("_stderr") or not isinstance(d, h5py.Dataset) or d.shape != ():
                continue
            se = f["estimates/" + name + "_stderr"][()] if name + "_stderr" in f["estimates"] else None
            parts.append(f"{name} = {d[()]:.5g}" + (f" +- {se:.2g}" if se is not None else ""))
    state = "complete" if complete == 1 else "running (complete = 0)"
    line = f"{path}: {finished}/{total} trajectories finished, {state}" + ("; " + ", ".join(parts) if parts else "")
    return finished, total, complete, line


def look(path):
    """(finished, total, complete, line) for the file as it is now."""
    with open_live(path) as f:
        model = text(f.attrs.get("model", ""))
        tails = model == TAILS
        if not model.endswith("-sweep") and not tails:
            if model and "parameters" in f and is_run(f):
                return look_run(path, f)
            what = f"an sgdmc '{model}' file" if model else "not an sgdmc result file (no model attribute)"
            fail(SCRIPT, f"{path} is {what}; {WANTS}")
        axes = ["lr", "batch"] if tails else [text(a) for a in f["parameters"].attrs["axes"]]
        total = int(np.prod([f["grid/" + a].shape[0] for a in axes]))
        complete = int(f.attrs.get("complete", 1))
        finished = f["live/finished_cells"].shape[0] if "live" in f else total
        parts = []
        shown = ["tail_index", "lyapunov"] if tails else sorted(
            k for k in f["estimates"].keys() if k.startswith("lyapunov") and not k.endswith("_stderr"))
        for name in shown:
            v = f["estimates/" + name][()]
            v = v[np.isfinite(v)]
            if v.size:
                parts.append(f"{name} in [{v.min():.4g}, {v.max():.4g}]")
        state = "complete" if complete == 1 else "running (complete = 0)"
        line = f"{path}: {finished}/{total} cells finished, {state}" + ("; " + ", ".join(parts) if parts else "")
        return finished, total, complete, line


def plot(path, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import warnings
    import plot_phase
    warnings.filterwarnings("ignore", category=UserWarning)  # e.g. no zero contour yet in a half-filled grid
    with open_live(path) as f:
        model = text(f.attrs.get("model", ""))
        if model == TAILS:
            fail(SCRIPT, f"-o draws the phase map of the exponent sweeps; plot a tails sweep with scripts/plot_tails.py")
        if model.endswith("-sweep"):
            fig, ax = plt.subplots(figsize=(7, 5))
            plot_phase.panel(f, ax, None)
        else:
            fig = plot_run(plt, f)
    fig.tight_layout()
    tmp = out + ".tmp.png"
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    os.replace(tmp, out)  # a viewer never sees half a PNG


def plot_run(plt, f):
    """One panel per observed log-distance (/observables/*_mean): its mean over the trajectories finished so far
    against time, with a band of 2 standard errors; values that are not finite (none finished yet, -inf) are
    left out."""
    g = f["observables"]
    t = g["time"][()]
    means = sorted(k for k in g.keys() if k.endswith("_mean") and k != "log_mean_square")
    fig, axes = plt.subplots(1, max(1, len(means)), figsize=(6 * max(1, len(means)), 4.5), squeeze=False)
    total = int(f["parameters"].attrs["trajectories"])
    rows = f["live/finished_trajectories"] if "live" in f else None
    finished = int(rows[-1]) if rows is not None and rows.shape[0] else total
    for ax, name in zip(axes[0], means):
        m = g[name][()]
        se_name = name[: -len("_mean")] + "_stderr"
        se = g[se_name][()] if se_name in g else np.zeros_like(m)
        ok = np.isfinite(m) & np.isfinite(se)
        ax.plot(t[ok], m[ok], color="C0")
        ax.fill_between(t[ok], m[ok] - 2 * se[ok], m[ok] + 2 * se[ok], color="C0", alpha=0.25, linewidth=0)
        ax.set_xlabel("step")
        ax.set_ylabel(name)
        ax.set_title(f"{text(f.attrs.get('model', ''))}: {finished}/{total} trajectories")
    return fig


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--every", type=float, default=2.0, help="seconds between looks (default 2)")
    ap.add_argument("--timeout", type=float, default=None, help="give up after this many seconds (exit 1)")
    ap.add_argument("--once", action="store_true", help="look once and exit")
    ap.add_argument("-o", "--out", help="also redraw this PNG at each change")
    args = ap.parse_args()
    if args.every <= 0:
        fail(SCRIPT, f"--every must be above 0, not {args.every}")
    start = time.monotonic()
    last = None
    while True:
        if os.path.exists(args.file):
            finished, complete, line = None, 0, None
            try:
                finished, total, complete, line = look(args.file)
            except OSError as e:  # e.g. the final file replacing the live one at this instant: look again
                # a file the writer has just created and not yet switched to SWMR is locked, maybe with no
                # superblock on disk yet: wait for it rather than call it "not HDF5"
                being_written = "unable to lock file" in str(e)
                if args.once or not (hdf5_signature(args.file) or being_written):
                    fail(SCRIPT, f"{args.file} is not an HDF5 file ({str(e).split('(')[-1].rstrip(')')}); {WANTS}")
            if line is not None and (finished, complete) != last:
                print(line, flush=True)
                if args.out:
                    plot(args.file, args.out)
                last = (finished, complete)
            if complete == 1 or args.once:
                return
        elif args.once:
            fail(SCRIPT, f"{args.file}: no such file")
        if args.timeout is not None and time.monotonic() - start > args.timeout:
            sys.stderr.write(f"{SCRIPT}: {args.file} not complete after {args.timeout:g} s\n")
            sys.exit(1)
        time.sleep(args.every)


if __name__ == "__main__":
    run(SCRIPT, main)
