package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;

/**
 * Every kind of file the CLI writes (simulate, tails and sweep of every model and data source, scan, demo, shards), read
 * with h5py: every group and dataset carries a {@code description} and {@code units} from the documented
 * vocabulary, every string comes back as {@code str} (not {@code bytes}), and the root says what built the file
 * and on what. A writer that adds a node the description table does not know fails here.
 */
public class EveryFileDescribesItselfTest {
  @TempDir Path dir;

  /** data/SCHEMA.md's vocabulary of units. */
  static final List<String> UNITS = List.of("per step, natural log", "natural log", "steps", "1", "count", "index",
      "s", "opaque", "mixed", "trajectory-steps/s");

  @Test
  void everyGroupAndDatasetOfEveryFileTypeHasADescriptionAndUnits() throws Exception {
    List<String[]> commands = commands(dir);
    List<String> files = new ArrayList<>();
    for (String[] c : commands) {
      Path out = dir.resolve("f" + files.size() + ".h5");
      InspectCommandTest.Run r = InspectCommandTest.run(cat(c, "-o", out.toString()));
      assertEquals(0, r.exitCode(), String.join(" ", c) + ":\n" + r.err());
      files.add(out.toString());
    }
    // merge --virtual: /trajectories as virtual datasets over the last file, a shard that kept its trajectories
    Path virtual = dir.resolve("virtual.h5");
    InspectCommandTest.Run merged = InspectCommandTest.run("merge", "--virtual", virtual.toString(), files.getLast());
    assertEquals(0, merged.exitCode(), merged.err());
    files.add(virtual.toString());
    check(files);
  }

  /**
   * Every kind of file the CLI writes, as the commands that write it (without -o), small; the input files they
   * read are written into {@code dir}. NativeWriterTest runs them with both HDF5 writers.
   */
  public static List<String[]> commands(Path dir) throws java.io.IOException {
    Path x = Files.writeString(dir.resolve("x.csv"), "x\n0.5\n-1.2\n2.0\n0.7\n1.1\n");
    Path sigma = Files.writeString(dir.resolve("sigma.csv"), "1,0.2\n0.2,0.5\n");
    String[] run = {"--trajectories", "64", "--steps", "20"};
    String[] tails = {"--trajectories", "256", "--samples-per-trajectory", "2", "--kmin", "20", "--burn-in", "50",
        "--thin", "5", "--bootstrap", "10"};
    List<String[]> commands = List.of(
        cat(new String[] {"simulate", "linreg1d", "--lr", "0.5"}, run),
        cat(new String[] {"simulate", "linreg1d", "--lr", "0.5", "--precision", "single"}, run),
        cat(new String[] {"simulate", "linreg1d", "--lr", "0.5", "--n", "10", "--outlier", "4", "--keep-trajectories"}, run),
        cat(new String[] {"simulate", "linreg1d", "--lr", "0.5", "--data-file", x.toString()}, run),
        cat(new String[] {"simulate", "saddle", "--lr", "1.0", "--mu", "0.06"}, run),
        cat(new String[] {"simulate", "saddle", "--lr", "1.0", "--mu", "0.06", "--n", "5", "--keep-trajectories"}, run),
        cat(new String[] {"simulate", "saddle", "--lr", "1.2", "--data", "two-point", "--a", "-0.5"}, run),
        cat(new String[] {"simulate", "linear-d", "--dim", "3", "--k", "3", "--lr", "0.1"}, run),
        cat(new String[] {"simulate", "linear-d", "--dim", "2", "--k", "2", "--lr", "0.1", "--n", "20", "--keep-trajectories"}, run),
        cat(new String[] {"simulate", "linear-d", "--sigma-file", sigma.toString(), "--k", "2", "--lr", "0.1"}, run),
        cat(new String[] {"simulate", "linear-d", "--dim", "1", "--k", "1", "--lr", "0.1"}, run),
        cat(new String[] {"simulate", "tanh2", "--lr", "0.3", "--n-test", "200"}, run),
        cat(new String[] {"simulate", "swish2", "--lr", "0.3", "--start", "B", "--n-test", "200"}, run),
        cat(new String[] {"scan", "tanh2", "--lr", "0.1:1:2", "--n-test", "200"}, run),
        cat(new String[] {"scan", "swish2", "--lr", "0.1:1:2", "--start", "B", "--n-test", "200"}, run),
        cat(new String[] {"demo"}, run),
        cat(new String[] {"simulate", "grok-linreg", "--lr", "0.1", "--lambda", "0.05"}, run),
        cat(new String[] {"simulate", "grok-linreg", "--lr", "0.02", "--lambda", "0.05", "--batch", "2"}, run),
        // --dataset per-trajectory (issue 12): no /data, /parameters@dataset, /theory as means
        cat(new String[] {"simulate", "grok-linreg", "--lr", "0.1", "--lambda", "0.05", "--dataset", "per-trajectory"},
            run),
        cat(new String[] {"sweep", "grok-linreg", "--lr", "0.1", "--lambda", "0.05,0.5", "--drift-multiples", "1",
            "--trajectories", "64", "--dataset", "per-trajectory"}),
        cat(new String[] {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.05", "--dataset", "per-trajectory",
            "--data", "fourier"}, run),
        cat(new String[] {"sweep", "grok-diag", "--lr", "0.05", "--lambda", "0.05,0.1", "--drift-multiples", "1",
            "--trajectories", "64", "--dataset", "per-trajectory"}),
        cat(new String[] {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.05", "--batch", "3"}, run),
        cat(new String[] {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.05", "--data", "fourier"}, run),
        cat(new String[] {"simulate", "grok-relu", "--lr", "0.01", "--lambda", "0.01", "--width", "6"}, run),
        cat(new String[] {"simulate", "grok-relu", "--lr", "0.01", "--lambda", "0.01", "--width", "6", "--batch", "5",
            "--with-replacement"}, run),
        // grok-relu --dataset per-trajectory (issue 12): /parameters@dataset, no /data/x, /data/y
        cat(new String[] {"simulate", "grok-relu", "--lr", "0.01", "--lambda", "0.01", "--width", "6", "--dataset",
            "per-trajectory"}, run),
        cat(new String[] {"simulate", "grok-mc", "--lr", "0.5", "--lambda", "0.01", "--dim", "4", "--rank", "1"}, run),
        cat(new String[] {"simulate", "grok-mc", "--lr", "0.2", "--lambda", "0.01", "--dim", "4", "--rank", "1",
            "--batch", "3", "--with-replacement"}, run),
        // grok-mc --dataset per-trajectory (issue 12): /parameters@dataset, no /data, the first trajectories' /theory
        cat(new String[] {"simulate", "grok-mc", "--lr", "0.5", "--lambda", "0.01", "--dim", "4", "--rank", "1",
            "--observed", "0.8", "--dataset", "per-trajectory"}, run),
        cat(new String[] {"simulate", "two-timescale", "--lr", "0.02", "--eps", "0.1"}, run),
        cat(new String[] {"simulate", "two-timescale", "--f", "quadratic", "--lr", "0.02", "--eps", "0.1", "--batch",
            "100"}, run),
        cat(new String[] {"sweep", "two-timescale", "--lr", "0.05,0.1", "--eps", "0.5,1", "--n", "20", "--fast-dim", "4",
            "--slow-dim", "2", "--batch", "4", "--multiples", "2", "--trajectories", "64"}),
        cat(new String[] {"sweep", "grok-linreg", "--lr", "0.1", "--lambda", "0.05,0.5", "--drift-multiples", "1",
            "--trajectories", "64"}),
        cat(new String[] {"sweep", "grok-linreg", "--lr", "0.05,0.1", "--lambda", "0.05", "--trajectories", "64"}),
        cat(new String[] {"sweep", "grok-signature", "--lr", "0.05,0.1", "--lambda", "0.05", "--trajectories", "64",
            "--window", "20", "--steps", "300", "--bootstrap", "20"}),
        cat(new String[] {"sweep", "grok-fraction", "--lr", "0.1", "--lambda", "0.05", "--n", "4,6,8", "--dim", "12",
            "--trajectories", "64"}),
        cat(new String[] {"sweep", "grok-signature", "--model", "diag", "--n", "20", "--alpha", "0.5", "--lr", "0.05",
            "--lambda", "0.05", "--trajectories", "64", "--window", "20", "--steps", "300", "--bootstrap", "20"}),
        cat(new String[] {"sweep", "grok-diag", "--lr", "0.05", "--lambda", "0.05,0.1", "--drift-multiples", "1",
            "--trajectories", "64"}),
        cat(new String[] {"sweep", "grok-mc", "--lr", "0.5", "--lambda", "0.02,0.04", "--dim", "4", "--rank", "1",
            "--drift-multiples", "1", "--trajectories", "64"}),
        cat(new String[] {"sweep", "grok-relu", "--lr", "0.05", "--lambda", "0.05", "--width", "6",
            "--drift-multiples", "1", "--trajectories", "64"}),
        cat(new String[] {"sweep", "linreg1d", "--lr", "0.1:1:2", "--outlier", "0:4:2", "--n", "6"}, run),
        cat(new String[] {"sweep", "linreg1d", "--lr", "0.1:1:2", "--batch", "1,2"}, run),
        cat(new String[] {"sweep", "saddle", "--lr", "0.1:1:2", "--mu", "0:1:2"}, run),
        cat(new String[] {"sweep", "saddle", "--data", "two-point", "--lr", "0.1:1:2", "--a", "-1:1:2"}, run),
        cat(new String[] {"sweep", "tails-linreg1d", "--lr", "0.3,0.6"}, tails),
        cat(new String[] {"tails", "linreg1d", "--lr", "1.0"}, tails),
        cat(new String[] {"tails", "linreg1d", "--lr", "1.0", "--n", "50"}, tails),
        cat(new String[] {"tails", "linreg1d", "--lr", "0.6", "--noise", "stable", "--stable-alpha", "1.5"}, tails),
        cat(new String[] {"tails", "linear-d", "--dim", "3", "--lr", "0.3"}, tails),
        cat(new String[] {"tails", "linear-d", "--dim", "2", "--lr", "0.3", "--n", "40"}, tails),
        new String[] {"bench", "--kernels", "linreg1d-gaussian", "--threads", "1", "--bits", "128", "--seconds", "0.05",
            "--repeats", "1"},
        new String[] {"sde", "covariance", "--n", "5", "--replicates", "200"},
        new String[] {"sde", "covariance", "--model", "logistic", "--n", "4", "--dim", "3", "--replicates", "100"},
        new String[] {"sde", "stationary", "--lr", "0.5", "--l", "1,2", "--trajectories", "256",
            "--samples-per-trajectory", "2", "--kmin", "20", "--burn-in", "50", "--thin", "5", "--bootstrap", "10"},
        new String[] {"sde", "stationary", "--model", "logistic1d", "--n", "10", "--lr", "0.5", "--l", "2",
            "--trajectories", "256", "--samples-per-trajectory", "2", "--kmin", "20", "--burn-in", "50", "--thin", "5",
            "--bootstrap", "10"},
        new String[] {"sde", "escape", "--height", "0.1,0.2", "--width", "0.7,1", "--lr", "0.1", "--l", "1",
            "--trajectories", "64", "--steps", "2000"},
        new String[] {"sde", "escape", "--landscape", "2d", "--lr", "0.2", "--sigma-a", "1.5", "--l", "2",
            "--trajectories", "64", "--steps", "2000"},
        // reshuffled (issue 15 item 2): a sweep and a tails run whose epochs are 5 steps
        cat(new String[] {"sweep", "saddle", "--lr", "0.1:1:2", "--mu", "0.3", "--n", "6", "--batch", "2",
            "--sampling", "reshuffle"}, run),
        cat(new String[] {"tails", "linreg1d", "--lr", "1.0", "--n", "10", "--batch", "2", "--sampling", "reshuffle"},
            tails),
        // shard files (a merged file is the unsharded command's own file)
        cat(new String[] {"simulate", "linreg1d", "--lr", "0.5", "--shard", "0/1"}, run),
        cat(new String[] {"sweep", "linreg1d", "--lr", "0.1:1:2", "--batch", "1,2", "--shard", "1/2"}, run),
        // a shard that keeps its trajectories' values (/trajectories), the last: merged --virtual in the test
        cat(new String[] {"simulate", "saddle", "--lr", "1.0", "--mu", "0.06", "--keep-trajectories", "--shard", "0/1"},
            run));
    return commands;
  }

  private static void check(List<String> files) {
    ExternalTools.Result py = ExternalTools.python("""
        import sys, h5py, numpy as np
        units = set(sys.argv[1].split(';'))
        problems = []
        def strings(where, v):
            a = np.asarray(v)
            if isinstance(v, bytes) or a.dtype.kind == 'S' or (a.dtype.kind == 'O' and any(isinstance(e, bytes) for e in a.ravel())):
                problems.append(where + ' is bytes, not str')
        def check(f, name, obj):
            where = f.filename.split('/')[-1] + ' [' + f.attrs['model'] + '] /' + name
            for k, v in obj.attrs.items():
                strings(where + '@' + k, v)
            d, u = obj.attrs.get('description'), obj.attrs.get('units')
            if not isinstance(d, str) or not d or d.startswith('not described'):
                problems.append(where + ': description ' + repr(d))
            if u not in units:
                problems.append(where + ': units ' + repr(u))
        for fn in sys.argv[2:]:
            with h5py.File(fn, 'r') as f:
                check(f, '', f)
                f.visititems(lambda name, obj: check(f, name, obj))
                for k in ('sgdmc_version', 'git_commit', 'java', 'cpu', 'vector_width', 'threads'):
                    if k not in f.attrs:
                        problems.append(fn + ': no root attribute ' + k)
        print('\\n'.join(problems))
        """, cat(new String[] {String.join(";", UNITS)}, files.toArray(String[]::new)));
    assertEquals(0, py.exitCode(), py.stderr());
    assertEquals("", py.stdout().strip(), "nodes that do not describe themselves:\n" + py.stdout());
  }

  private static String[] cat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
