package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;

/**
 * {@code --sampling with|without|reshuffle} in {@code simulate grok-relu} and {@code sweep grok-relu} (issue 15 item
 * 2), the option every SGD command shares, with {@code --with-replacement} kept as its alias: a reshuffled run says
 * so and what its theory keeps, stores {@code /parameters@sampling = reshuffle} and {@code steps_per_epoch}, on fixed
 * data and with a dataset per trajectory, whatever the threads and block; bad input is one line and exit 2. On the
 * old code {@code --sampling} was an unknown option.
 */
class GrokReluReshuffleCliTest {
  @TempDir Path dir;

  private static final String[] RUN = {"simulate", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--width", "6",
      "--n", "8", "--trajectories", "24", "--steps", "200", "--test-threshold", "0.02", "--train-threshold", "0.01"};

  private InspectCommandTest.Run run(Path out, String[] base, String... extra) {
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length + 2);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    args[args.length - 2] = "-o";
    args[args.length - 1] = out.toString();
    InspectCommandTest.Run r = InspectCommandTest.run(args);
    assertEquals(0, r.exitCode(), r.err());
    return r;
  }

  private static String attribute(HdfNode.Group f, String name) {
    return f.group("/parameters").attribute(name).strings()[0];
  }

  @Test
  void aReshuffledRunSaysSoAndStoresTheMode() {
    for (String dataset : new String[] {"fixed", "per-trajectory"}) {
      Path a = dir.resolve(dataset + "-a.h5"), b = dir.resolve(dataset + "-b.h5");
      InspectCommandTest.Run r = run(a, RUN, "--batch", "3", "--sampling", "reshuffle", "--dataset", dataset,
          "--threads", "1", "--block", "8");
      assertTrue(r.out().contains("SGD S=3 reshuffled each epoch"), r.out());
      assertTrue(r.out().contains("2 batches an epoch, 2 point(s) left out of each"), r.out());
      assertTrue(r.out().contains("the drift time 1/(eta lambda) is the weight decay's"), r.out());
      HdfNode.Group f = ResultFileReader.read(a);
      assertEquals("reshuffle", attribute(f, "sampling"));
      assertEquals(2L, f.group("/parameters").attribute("steps_per_epoch").longs()[0]);
      run(b, RUN, "--batch", "3", "--sampling", "reshuffle", "--dataset", dataset, "--threads", "2", "--block", "16");
      HdfNode.Group g = ResultFileReader.read(b);
      for (String d : new String[] {"/observables/log_train_mean", "/observables/log_test_mean",
          "/observables/kinks_mean", "/events/t1/quantiles", "/events/t2/quantiles"}) {
        assertArrayEquals(f.dataset(d).value().doubles(), g.dataset(d).value().doubles(), dataset + " " + d);
      }
    }
  }

  /** The modes are three different runs, and the old flag is the new option's alias. */
  @Test
  void theThreeModesDifferAndTheOldFlagIsAnAlias() {
    Path with = dir.resolve("with.h5"), flag = dir.resolve("flag.h5"), without = dir.resolve("without.h5"),
        reshuffled = dir.resolve("reshuffled.h5");
    run(with, RUN, "--batch", "3", "--sampling", "with");
    run(flag, RUN, "--batch", "3", "--with-replacement");
    run(without, RUN, "--batch", "3");
    run(reshuffled, RUN, "--batch", "3", "--sampling", "reshuffle");
    String d = "/observables/log_train_mean";
    double[] w = ResultFileReader.read(with).dataset(d).value().doubles();
    assertArrayEquals(w, ResultFileReader.read(flag).dataset(d).value().doubles(), "--with-replacement");
    assertEquals("with_replacement", attribute(ResultFileReader.read(flag), "sampling"));
    assertEquals("without_replacement", attribute(ResultFileReader.read(without), "sampling"));
    double[] wo = ResultFileReader.read(without).dataset(d).value().doubles();
    double[] rs = ResultFileReader.read(reshuffled).dataset(d).value().doubles();
    assertTrue(rs[rs.length - 1] != wo[wo.length - 1] && rs[rs.length - 1] != w[w.length - 1], "three runs");
  }

  @Test
  void theSweepReshuffles() {
    Path out = dir.resolve("sweep.h5");
    InspectCommandTest.Run r = run(out, new String[] {"sweep", "grok-relu", "--lr", "0.1", "--lambda", "0.5,1",
        "--width", "6", "--n", "8", "--trajectories", "16", "--record-times", "log:20"}, "--batch", "4", "--sampling",
        "reshuffle");
    assertTrue(r.out().contains("SGD S=4 reshuffled each epoch"), r.out());
    assertTrue(r.out().contains("2 batches an epoch, 0 point(s) left out of each"), r.out());
    assertEquals("reshuffle", attribute(ResultFileReader.read(out), "sampling"));
  }

  @Test
  void theHelpOffersTheSharedSamplingOption() {
    for (String command : new String[] {"simulate", "sweep"}) {
      String help = InspectCommandTest.run(command, "grok-relu", "--help").out().replaceAll("\\s+", " ");
      assertTrue(help.contains("--sampling=MODE") && help.contains("a random permutation per epoch")
          && help.contains("--with-replacement Same as --sampling with."), command + ":\n" + help);
    }
  }

  @Test
  void badSamplingIsOneLine() {
    Refusals.assertEachRefused(dir, new String[] {"simulate", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--n",
        "8"}, new String[][] {{"--batch", "9", "--sampling", "reshuffle"}, {"--batch", "2", "--sampling", "sideways"},
            {"--batch", "2", "--sampling", "reshuffle", "--with-replacement"}},
        new String[] {"in 1..8 (the training points) when reshuffling, not 9", "is none of",
            "--with-replacement contradicts --sampling reshuffle"}, "--trajectories", "8", "--steps", "5");
    Refusals.assertEachRefused(dir, new String[] {"sweep", "grok-relu", "--lr", "0.05", "--lambda", "0.05,0.1", "--n",
        "8"}, new String[][] {{"--batch", "9", "--sampling", "reshuffle"}},
        new String[] {"when reshuffling, not 9"}, "--trajectories", "8");
  }
}
