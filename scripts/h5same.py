#!/usr/bin/python3
"""Do two sgdmc result files hold the same results, bit for bit? Provenance aside.

    scripts/h5same.py A.h5 B.h5

Compares every group, dataset and attribute of the two files (names, dtypes, shapes and the exact bits of every
value, NaN included), except provenance: when and how a file was made (the root's `created` and `command`,
anything under `/performance`, whether it was a live file (`complete`), where `sgdmc merge --virtual` left the
per-trajectory values (`virtual_*`), thread counts, block widths, host and timing attributes). Prints each difference
and exits 1 if there is any, 0 if the results are identical. It is how the tests check that a merged or resumed
run equals the uninterrupted one; use it the same way on your own shards.
"""
import sys

PROVENANCE_ATTRIBUTES = {"created", "command", "threads", "block_width", "cores", "cpu", "java", "vector_species",
                         "host", "git_commit", "jvm", "kernel_seconds", "trajectory_steps_per_second", "seconds",
                         "fit_seconds", "resumed_cells", "vector_bits", "vector_lanes", "hdf5_writer",
                         "complete",
                         # how /trajectories is stored (sgdmc merge --virtual), not what it holds
                         "virtual_datasets", "virtual_sources", "virtual_source_first"}
PROVENANCE_PATHS = ("/performance",)


def fail(msg):
    print("h5same: " + msg, file=sys.stderr)
    sys.exit(2)


def is_provenance(path):
    return any(path == p or path.startswith(p + "/") for p in PROVENANCE_PATHS)


def same_value(a, b):
    import numpy as np
    if isinstance(a, (bytes, str)) or isinstance(b, (bytes, str)):
        return a == b
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind in "fc":
        return a.tobytes() == b.tobytes()
    if a.dtype.kind == "O":
        return all(x == y for x, y in zip(a.ravel().tolist(), b.ravel().tolist()))
    return np.array_equal(a, b)


def walk(f):
    out = {}
    def visit(name, obj):
        out["/" + name] = obj
    out["/"] = f
    f.visititems(visit)
    return out


def main(argv):
    if len(argv) != 3:
        fail("usage: h5same.py A.h5 B.h5")
    try:
        import h5py
    except ImportError:
        fail("needs h5py (Debian: apt install python3-h5py)")
    try:
        fa, fb = h5py.File(argv[1], "r"), h5py.File(argv[2], "r")
    except OSError as e:
        fail("cannot open: %s" % e)
    a, b = walk(fa), walk(fb)
    diffs = []
    for path in sorted(set(a) | set(b)):
        if is_provenance(path):
            continue
        if path not in a or path not in b:
            diffs.append("%s only in %s" % (path, argv[1] if path in a else argv[2]))
            continue
        na, nb = a[path], b[path]
        if isinstance(na, h5py.Dataset) != isinstance(nb, h5py.Dataset):
            diffs.append("%s: a dataset in one file, a group in the other" % path)
            continue
        if isinstance(na, h5py.Dataset) and not same_value(na[()], nb[()]):
            diffs.append("%s: values differ" % path)
        for name in sorted(set(na.attrs) | set(nb.attrs)):
            if name in PROVENANCE_ATTRIBUTES:
                continue
            if name not in na.attrs or name not in nb.attrs:
                diffs.append("%s@%s only in one file" % (path, name))
            elif not same_value(na.attrs[name], nb.attrs[name]):
                diffs.append("%s@%s differs: %r vs %r" % (path, name, na.attrs[name], nb.attrs[name]))
    for d in diffs:
        print(d)
    if diffs:
        print("%d differences" % len(diffs))
        return 1
    print("same results: %d objects compared" % len([p for p in a if not is_provenance(p)]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
