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
 * {@code --sampling with|without|reshuffle} in {@code simulate grok-mc} and {@code sweep grok-mc} (issue 15 item 2),
 * the option every SGD command shares, with {@code --with-replacement} kept as its alias: a reshuffled run over the
 * observed entries says so and what its theory keeps, stores {@code /parameters@sampling = reshuffle} and {@code
 * steps_per_epoch}, whatever the threads and block; bad input is one line and exit 2. On the old code {@code
 * --sampling} was an unknown option.
 */
class GrokMcReshuffleCliTest {
  @TempDir Path dir;

  /** 5 x 5, rank 1, data seed 3: 15 observed entries. */
  private static final String[] RUN = {"simulate", "grok-mc", "--lr", "0.2", "--lambda", "0.05", "--dim", "5",
      "--rank", "1", "--data-seed", "3", "--trajectories", "24", "--steps", "120", "--test-threshold", "0.05"};

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
  void aReshuffledRunSaysSoAndStoresTheModeWhateverTheThreads() {
    Path a = dir.resolve("a.h5"), b = dir.resolve("b.h5");
    InspectCommandTest.Run r = run(a, RUN, "--batch", "4", "--sampling", "reshuffle", "--threads", "1", "--block",
        "8");
    assertTrue(r.out().contains("observed=15 of 25") && r.out().contains("SGD S=4 reshuffled each epoch"), r.out());
    assertTrue(r.out().contains("3 batches an epoch, 3 observed entries left out of each"), r.out());
    assertTrue(r.out().contains("X_nuc depends on the data alone"), r.out());
    HdfNode.Group f = ResultFileReader.read(a);
    assertEquals("reshuffle", attribute(f, "sampling"));
    assertEquals(3L, f.group("/parameters").attribute("steps_per_epoch").longs()[0]);
    run(b, RUN, "--batch", "4", "--sampling", "reshuffle", "--threads", "2", "--block", "16");
    HdfNode.Group g = ResultFileReader.read(b);
    for (String d : new String[] {"/observables/log_train_mean", "/observables/log_test_mean",
        "/observables/log_target_mean", "/observables/log_nuclear_mean"}) {
      assertArrayEquals(f.dataset(d).value().doubles(), g.dataset(d).value().doubles(), d);
    }
  }

  /** The modes are three different runs, and the old flag is the new option's alias. */
  @Test
  void theThreeModesDifferAndTheOldFlagIsAnAlias() {
    Path with = dir.resolve("with.h5"), flag = dir.resolve("flag.h5"), without = dir.resolve("without.h5"),
        reshuffled = dir.resolve("reshuffled.h5");
    run(with, RUN, "--batch", "4", "--sampling", "with");
    run(flag, RUN, "--batch", "4", "--with-replacement");
    run(without, RUN, "--batch", "4");
    InspectCommandTest.Run all = run(reshuffled, RUN, "--sampling", "reshuffle"); // S = |Omega|
    assertTrue(all.out().contains("SGD S=15 reshuffled each epoch") && all.out().contains("S = |Omega|: every step "
        + "uses every observed entry once"), all.out());
    String d = "/observables/log_train_mean";
    double[] w = ResultFileReader.read(with).dataset(d).value().doubles();
    assertArrayEquals(w, ResultFileReader.read(flag).dataset(d).value().doubles(), "--with-replacement");
    assertEquals("with_replacement", attribute(ResultFileReader.read(flag), "sampling"));
    assertEquals("without_replacement", attribute(ResultFileReader.read(without), "sampling"));
    assertEquals(1L, ResultFileReader.read(without).group("/parameters").attribute("steps_per_epoch").longs()[0]);
    double[] wo = ResultFileReader.read(without).dataset(d).value().doubles();
    double[] rs = ResultFileReader.read(reshuffled).dataset(d).value().doubles();
    assertTrue(rs[rs.length - 1] != wo[wo.length - 1] && wo[wo.length - 1] != w[w.length - 1], "three runs");
  }

  @Test
  void theSweepReshufflesAndTheHelpOffersTheOption() {
    Path out = dir.resolve("sweep.h5");
    InspectCommandTest.Run r = run(out, new String[] {"sweep", "grok-mc", "--lr", "0.2", "--lambda", "0.5,1",
        "--dim", "5", "--rank", "1", "--data-seed", "3", "--trajectories", "16", "--record-times", "log:20"},
        "--batch", "5", "--sampling", "reshuffle");
    assertTrue(r.out().contains("SGD S=5 reshuffled each epoch"), r.out());
    assertTrue(r.out().contains("3 batches an epoch, 0 observed entries left out of each"), r.out());
    assertEquals("reshuffle", attribute(ResultFileReader.read(out), "sampling"));
    for (String command : new String[] {"simulate", "sweep"}) {
      String help = InspectCommandTest.run(command, "grok-mc", "--help").out().replaceAll("\\s+", " ");
      assertTrue(help.contains("--sampling=MODE") && help.contains("a random permutation per epoch")
          && help.contains("--with-replacement Same as --sampling with."), command + ":\n" + help);
    }
  }

  @Test
  void badSamplingIsOneLine() {
    String[] mc = {"simulate", "grok-mc", "--lr", "0.2", "--lambda", "0.05", "--dim", "5", "--rank", "1",
        "--data-seed", "3"};
    Refusals.assertEachRefused(dir, mc, new String[][] {{"--batch", "16", "--sampling", "reshuffle"},
        {"--batch", "2", "--sampling", "sideways"}, {"--batch", "2", "--sampling", "reshuffle", "--with-replacement"},
        {"--dataset", "per-trajectory", "--sampling", "reshuffle"}},
        new String[] {"in 1..15 (the observed entries) when reshuffling, not 16", "is none of",
            "--with-replacement contradicts --sampling reshuffle", "epoch would have its own length"}, "--trajectories", "8",
        "--steps", "5");
    Refusals.assertEachRefused(dir, new String[] {"sweep", "grok-mc", "--lr", "0.2", "--lambda", "0.05,0.1", "--dim",
        "5", "--rank", "1", "--data-seed", "3"}, new String[][] {{"--batch", "16", "--sampling", "reshuffle"}},
        new String[] {"when reshuffling, not 16"}, "--trajectories", "8");
  }
}
