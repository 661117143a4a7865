#!/usr/bin/python3
"""Watch a live sweep file (sgdmc sweep MODEL ... --live -o FILE.h5) fill in while the sweep runs.

usage: scripts/watch.py FILE.h5 [--every SECONDS] [--timeout SECONDS] [--once] [-o OUT.png]

Every --every seconds (default 2) it opens the file as h5py.File(FILE, "r", swmr=True), the way any reader of a
running sweep must, and prints one line whenever the number of finished cells changes: how many of the grid's
cells are done, and the range of each simulated exponent so far (of a tails-linreg1d sweep: the tail index and
the Lyapunov exponent). With -o it also redraws OUT.png (the plot of scripts/plot_phase.py; unfinished cells are
blank; not for a tails sweep). It stops when the file says complete = 1 (the sweep's final
file has replaced the live one), after --timeout seconds without that (exit 1), or after one look with --once.
A file that is not there yet is waited for. A killed sweep's file (complete = 0) shows what it finished.
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


def look(path):
    """(finished, total, complete, line) for the file as it is now."""
    with open_live(path) as f:
        model = text(f.attrs.get("model", ""))
        tails = model == TAILS
        if not model.endswith("-sweep") and not tails:
            what = f"an sgdmc '{model}' file" if model else "not an sgdmc result file (no model attribute)"
            fail(SCRIPT, f"{path} is {what}; this script watches live sweeps (sgdmc sweep MODEL ... --live)")
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
    fig, ax = plt.subplots(figsize=(7, 5))
    with open_live(path) as f:
        if text(f.attrs.get("model", "")) == TAILS:
            fail(SCRIPT, f"-o draws the phase map of the exponent sweeps; plot a tails sweep with scripts/plot_tails.py")
        plot_phase.panel(f, ax, None)
    fig.tight_layout()
    tmp = out + ".tmp.png"
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    os.replace(tmp, out)  # a viewer never sees half a PNG


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
                    fail(SCRIPT, f"{args.file} is not an HDF5 file ({str(e).split('(')[-1].rstrip(')')}); "
                                 "this script watches live sweeps (sgdmc sweep MODEL ... --live)")
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
