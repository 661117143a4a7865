package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;

/**
 * {@code simulate grok-relu --dataset per-trajectory} (issue 12): the file says which mode ran ({@code
 * /parameters@dataset}) and keeps no single set of points; the results do not depend on threads or block width
 * (each trajectory's points come from (data seed, trajectory)); they differ from the fixed dataset's; bad input is
 * one line.
 */
class GrokReluPerTrajectoryCliTest {
  @TempDir Path dir;

  private static final String[] RUN = {"simulate", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--width", "6",
      "--n", "8", "--trajectories", "24", "--steps", "600", "--test-threshold", "0.02", "--train-threshold", "0.01"};

  private HdfNode.Group run(String name, String... extra) {
    Path out = dir.resolve(name);
    String[] args = java.util.Arrays.copyOf(RUN, RUN.length + extra.length + 2);
    System.arraycopy(extra, 0, args, RUN.length, extra.length);
    args[args.length - 2] = "-o";
    args[args.length - 1] = out.toString();
    InspectCommandTest.Run r = InspectCommandTest.run(args);
    assertEquals(0, r.exitCode(), r.err());
    return ResultFileReader.read(out);
  }

  private static double[] events(HdfNode.Group f) {
    double[] t1 = f.dataset("/events/t1/quantiles").value().doubles();
    double[] t2 = f.dataset("/events/t2/quantiles").value().doubles();
    double[] out = java.util.Arrays.copyOf(t1, t1.length + t2.length + 2);
    System.arraycopy(t2, 0, out, t1.length, t2.length);
    out[out.length - 2] = f.dataset("/events/t1/mean").value().doubles()[0];
    out[out.length - 1] = f.dataset("/events/t2/mean").value().doubles()[0];
    return out;
  }

  @Test
  void eachTrajectoryHasItsOwnDatasetWhateverTheThreadsAndBlock() {
    HdfNode.Group a = run("a.h5", "--dataset", "per-trajectory", "--threads", "1", "--block", "8");
    HdfNode.Group b = run("b.h5", "--dataset", "per-trajectory", "--threads", "2", "--block", "16");
    HdfNode.Group fixed = run("fixed.h5");
    assertEquals("per-trajectory", a.group("/parameters").attribute("dataset").strings()[0]);
    assertEquals("fixed", fixed.group("/parameters").attribute("dataset").strings()[0]);
    assertThrows(NoSuchElementException.class, () -> a.dataset("/data/x"), "no one set of points");
    assertArrayEquals(events(a), events(b), "threads and block width change nothing");
    assertArrayEquals(a.dataset("/observables/log_test_mean").value().doubles(),
        b.dataset("/observables/log_test_mean").value().doubles());
    double[] pt = a.dataset("/observables/log_train_mean").value().doubles();
    double[] fx = fixed.dataset("/observables/log_train_mean").value().doubles();
    org.junit.jupiter.api.Assertions.assertNotEquals(fx[fx.length - 1], pt[pt.length - 1], "other datasets");
  }

  @Test
  void badInputIsOneLine() {
    String[][] bad = {
      {"simulate", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--dataset", "sometimes"},
      {"sweep", "grok-relu", "--lr", "0.05", "--lambda", "0.01,0.02", "--dataset", "per-trajectory"},
      {"simulate", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--dataset", "per-trajectory", "--n", "0"},
    };
    Refusals.assertEachRefused(dir, new String[0], bad, new String[] {"--dataset", "--dataset", "n"},
        "--trajectories", "16");
  }
}
