#!/usr/bin/python3
"""Plot an sgdmc bench report (sgdmc bench -o bench.h5): how each kernel scales with threads, per vector width.

usage: scripts/plot_bench.py bench.h5 [-o OUT.png]

Left: trajectory-steps per second against threads (log-log), one line per kernel, one line style per vector
width (solid: the widest), the native C reference for linreg1d in black, and in thin grey the ideal line through each
kernel's one-thread rate at the widest width. Right: parallel efficiency (rate / (threads x one-thread rate)).
The title carries the machine line: CPU, UseAVX, JDK. Uses Debian's python3-h5py and python3-matplotlib.
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
    sys.exit(f"plot_bench.py: {e}; run scripts/install-deps.sh (Debian: python3-h5py python3-matplotlib)")

STYLES = ["-", "--", ":", "-."]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("file")
    p.add_argument("-o", "--out", help="PNG to write (default: FILE.png)")
    a = p.parse_args()
    f = open_result("plot_bench.py", a.file, lambda m: m == "bench", "sgdmc bench reports (sgdmc bench -o FILE.h5)")
    r = f["results"]
    names = [text(k) for k in r.attrs["kernels"]]
    kernel, bits, threads = r["kernel"][()], r["bits"][()], r["threads"][()]
    rate, eff = r["rate"][()], r["efficiency"][()]
    widths = sorted(set(bits.tolist()), reverse=True)
    host = f["host"].attrs
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 5.5))
    colors = plt.cm.tab20(np.linspace(0, 1, max(len(names), 2)))
    for k, name in enumerate(names):
        for w, b in enumerate(widths):
            sel = (kernel == k) & (bits == b)
            if not sel.any():
                continue
            order = np.argsort(threads[sel])
            t, y, e = threads[sel][order], rate[sel][order], eff[sel][order]
            label = name if w == 0 else None
            ax.plot(t, y, STYLES[w % len(STYLES)], marker="o", ms=3, color=colors[k], label=label)
            ax2.plot(t, e, STYLES[w % len(STYLES)], marker="o", ms=3, color=colors[k])
            if w == 0 and t[0] == 1 and len(t) > 1:
                ax.plot(t, y[0] * t, color="grey", lw=0.5, alpha=0.5)
    if "native" in f and "rate" in f["native"]:
        nt, nr = f["native/threads"][()], f["native/rate"][()]
        ax.plot(nt, nr, "k-", marker="s", lw=2, label="native C reference (linreg1d)")
        ax2.plot(nt, nr / (nt * nr[nt == 1][0]) if (nt == 1).any() else nr * np.nan, "k-", marker="s", lw=2)
    for w, b in enumerate(widths):
        ax2.plot([], [], STYLES[w % len(STYLES)], color="grey", label=f"{b}-bit vectors")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("threads")
    ax.set_ylabel("trajectory-steps per second")
    ax.legend(fontsize=7, loc="lower right")
    ax2.set_xscale("log", base=2)
    ax2.axhline(1.0, color="grey", lw=0.8)
    ax2.set_ylim(0, 1.2)
    ax2.set_xlabel("threads")
    ax2.set_ylabel("parallel efficiency")
    ax2.legend(fontsize=8, loc="lower left")
    avx = f" UseAVX={host['use_avx']}" if int(host["use_avx"]) >= 0 else ""
    fig.suptitle(f"{text(host['cpu'])}, {host['cores']} cores,{avx}; {text(host['java']).split(' ')[0]}", fontsize=10)
    fig.tight_layout()
    out = a.out or os.path.splitext(a.file)[0] + ".png"
    fig.savefig(out, dpi=110)
    print(out)


if __name__ == "__main__":
    run("plot_bench.py", main)
