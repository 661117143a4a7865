"""What the plot scripts share: opening an sgdmc result file, or saying in one line why it cannot be plotted.

A plot script given the wrong kind of file (another command's result, a CSV, a file that is not HDF5, a missing
one) prints one line naming the file and what it is, and exits with status 2; it never shows a traceback.
"""
import sys

import h5py


def text(v):
    """A string attribute as str: sgdmc writes str; files from before 2026-12 hold bytes."""
    return v.decode() if isinstance(v, bytes) else str(v)


def fail(script, message):
    sys.stderr.write(f"{script}: {message}\n")
    sys.exit(2)


def open_result(script, path, accepts, wants):
    """The open h5py.File at path if its root attribute model passes accepts(model); else one line and exit 2.

    wants says what the script plots, e.g. "an sgdmc sweep file (sgdmc sweep MODEL ... -o FILE.h5)".
    """
    try:
        f = h5py.File(path, "r")
    except FileNotFoundError:
        fail(script, f"{path}: no such file")
    except OSError as e:
        fail(script, f"{path} is not an HDF5 file ({str(e).split('(')[-1].rstrip(')')}); this script plots {wants}")
    model = text(f.attrs.get("model", ""))
    if not accepts(model):
        f.close()
        what = f"an sgdmc '{model}' file" if model else "not an sgdmc result file (no model attribute)"
        fail(script, f"{path} is {what}; this script plots {wants}")
    return f


def run(script, main):
    """Runs main(); a file that has the right model but lacks what the script reads (another sgdmc version's
    layout) is one line too."""
    try:
        main()
    except KeyError as e:
        fail(script, f"the file lacks {e.args[0] if e.args else e}: written by another sgdmc version? "
                     "(sgdmc inspect FILE shows what it holds)")
