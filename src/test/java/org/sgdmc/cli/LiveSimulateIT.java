package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;
import org.sgdmc.io.LiveFile;

/**
 * {@code sgdmc simulate ... --live} through the real launcher, read by real h5py processes while it runs: a reader
 * ({@code swmr=True}) sees the number of finished trajectories grow and the estimates follow, their standard
 * errors shrinking like 1/sqrt(finished), before the run ends; SIGTERM leaves the file closed (it opens plainly)
 * with complete = 0; kill -9 leaves a file that opens with {@code swmr=True}, complete = 0, every observable
 * finite, which a later {@code --live} run replaces without {@code --force}; without the C library, one line.
 * The run is far longer than the test (seconds of a minute's work), so a fast machine cannot end it before the
 * reader looks; the test stops it. Bit-equality of the final file is SimulateLiveTest's.
 */
class LiveSimulateIT {
  @TempDir Path dir;

  /** About 20 s of work on one idle core (6.4e8 trajectory-steps/s): the test stops it long before. */
  static final String[] LONG = {"simulate", "linreg1d", "--lr", "1.5", "--trajectories", "4000000", "--steps", "3000",
    "--threads", "1", "--live", "-o", "live.h5"};

  private static void requireLibrary() {
    Assumptions.assumeTrue(LiveFile.available(), "libhdf5 is absent (scripts/install-deps.sh installs it): "
        + LiveFile.unavailableReason());
  }

  /** Starts the launcher with updates every 0.2 s (the default is 2 s). */
  private Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Launcher.SCRIPT.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("live.log").toFile());
    pb.environment().put("SGDMC_JAVA_OPTS", "-Dsgdmc.live.seconds=0.2");
    return pb.start();
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("live.log"));
  }

  /**
   * A reader process that waits (swmr=True) until it has seen {@code updates} distinct updates of the live file,
   * then prints one line per update seen: finished trajectories, the Lyapunov estimate, its standard error.
   */
  private static ExternalTools.Result watchUpdates(Path live, int updates) {
    return ExternalTools.python("""
        import h5py, os, sys, time
        path, want = sys.argv[1], int(sys.argv[2])
        seen, deadline = {}, time.time() + 240
        while len(seen) < want and time.time() < deadline:
            if os.path.exists(path):
                try:
                    with h5py.File(path, 'r', swmr=True) as f:
                        rows = f['live/finished_trajectories'][()]
                        if len(rows) and int(f.attrs['complete']) == 0:
                            seen[int(rows[-1])] = (float(f['estimates/lyapunov'][()]),
                                                   float(f['estimates/lyapunov_stderr'][()]))
                except (OSError, KeyError):
                    pass
            time.sleep(0.02)
        if len(seen) < want:
            sys.exit(f'saw {len(seen)} updates: {seen}')
        for n in sorted(seen):
            print(n, *seen[n])
        """, live.toString(), String.valueOf(updates));
  }

  private static ProcessHandle jvm(Process launcher) {
    return launcher.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst()
        .orElseThrow(() -> new AssertionError("no java process under the launcher"));
  }

  @Test
  void aReaderSeesTheRunFillInAndSigtermLeavesItClosedAndIncomplete() throws Exception {
    requireLibrary();
    Path live = dir.resolve("live.h5");
    Process p = start(LONG);
    ExternalTools.Result seen = watchUpdates(live, 4);
    assertTrue(p.isAlive(), "the run ended before the test stopped it: " + log());
    jvm(p).destroy(); // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, seen.exitCode(), seen.stderr() + log());
    List<String> lines = seen.stdout().lines().toList();
    assertTrue(lines.size() >= 4, seen.stdout());
    double theory = -0.26616; // E log|1 - 1.5 z^2|, Gaussian z (the run prints it beside its estimate)
    int checked = 0;
    for (String line : lines) {
      String[] f = line.split(" ");
      long n = Long.parseLong(f[0]);
      double lam = Double.parseDouble(f[1]), se = Double.parseDouble(f[2]);
      assertTrue(n > 0 && n < 4_000_000 && n % 4 == 0, line);
      if (n < 64) {
        continue; // a standard error from fewer values is too rough to hold to a bound
      }
      checked++;
      // one trajectory's exponent has sd(log|1 - 1.5 z^2|) / sqrt(3000) = 1.11 / 54.8 = 0.020 (measured on 2e5
      // trajectories): the update's stderr is that over sqrt(n), to the sampling error of an sd from n >= 4 values
      double perTrajectory = se * Math.sqrt(n);
      assertTrue(perTrajectory > 0.005 && perTrajectory < 0.06, "stderr honest for " + n + " trajectories: " + line);
      assertTrue(Math.abs(lam - theory) < 5 * se, "unbiased within 5 stderr: " + line);
    }
    assertTrue(checked >= 2, "updates over 64 or more trajectories: " + lines);
    assertEquals(75, p.exitValue(), log());
    ExternalTools.Result plain = ExternalTools.python("""
        import h5py, numpy as np, sys
        with h5py.File(sys.argv[1], 'r') as f:
            rows = f['live/finished_trajectories'][()]
            print(int(f.attrs['complete']), int(np.all(np.diff(rows) > 0)), int(rows[-1] < 4000000),
                  int(np.isfinite(f['observables/log_distance_mean'][()]).all()))
        """, live.toString());
    assertEquals("0 1 1 1", plain.stdout().strip(), plain.stderr() + log());
  }

  @Test
  void aRunKilledWithMinus9LeavesAReadableIncompleteFileThatALaterLiveRunReplaces() throws Exception {
    requireLibrary();
    Path live = dir.resolve("live.h5");
    Process p = start(LONG);
    ExternalTools.Result seen = watchUpdates(live, 2);
    jvm(p).destroyForcibly(); // SIGKILL: nothing runs after it
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, seen.exitCode(), seen.stderr() + log());
    ExternalTools.Result killed = ExternalTools.python("""
        import h5py, numpy as np, sys
        with h5py.File(sys.argv[1], 'r', swmr=True) as f:
            rows = f['live/finished_trajectories'][()]
            obs = [f['observables/' + k][()] for k in ('log_distance_mean', 'log_distance_stderr')]
            missing = [p for p in ['/live', '/live/finished_trajectories', '/estimates/lyapunov']
                       if 'description' not in f[p].attrs or 'units' not in f[p].attrs]
            print(int(f.attrs['complete']), int(0 < rows[-1] < 4000000), int(all(np.isfinite(o).all() for o in obs)),
                  int(np.isfinite(f['estimates/lyapunov'][()])), missing)
        """, live.toString());
    assertEquals("0 1 1 1 []", killed.stdout().strip(), killed.stderr());
    ExternalTools.Result watch = ExternalTools.run(List.of(ExternalTools.PYTHON,
        Launcher.PROJECT.resolve("scripts/watch.py").toString(), live.toString(), "--once"));
    assertEquals(0, watch.exitCode(), watch.stderr());
    assertTrue(watch.stdout().matches("(?s).*: \\d+/4000000 trajectories finished, running \\(complete = 0\\); "
        + "lyapunov = .*"), watch.stdout());

    // an incomplete live file is replaced by the next --live run without --force (no checkpoint was saved yet:
    // checkpoints come every 60 s); the final file then is final
    String[] shorter = {"simulate", "linreg1d", "--lr", "1.5", "--trajectories", "1000", "--steps", "50", "--live",
      "-o", "live.h5"};
    Launcher.Run rerun = Launcher.sgdmc(dir, shorter);
    assertEquals(0, rerun.exitCode(), rerun.stderr());
    ExternalTools.Result done = ExternalTools.python("""
        import h5py, sys
        with h5py.File(sys.argv[1], 'r') as f:
            print(int(f.attrs['complete']), 'live' in f, int(f['parameters'].attrs['trajectories']))
        """, live.toString());
    assertEquals("1 False 1000", done.stdout().strip(), done.stderr());
    Launcher.Run again = Launcher.sgdmc(dir, shorter);
    assertEquals(2, again.exitCode(), again.stderr());
    assertEquals(List.of("sgdmc: output file live.h5 exists (use --force to overwrite)"), again.errorLines());
  }

  @Test
  void withoutTheCLibraryLiveIsRefusedInOneLine() throws Exception {
    Path lib = dir.resolve("no-such-libhdf5.so");
    Launcher.Run noLibrary = Launcher.exec(dir, List.of("env", "SGDMC_HDF5_LIBRARY=" + lib,
        Launcher.SCRIPT.toString(), "simulate", "linreg1d", "--lr", "0.5", "--live", "-o", "x.h5"));
    assertEquals(2, noLibrary.exitCode(), noLibrary.stderr());
    assertEquals(List.of("sgdmc: --live needs the HDF5 C library: no HDF5 C library found (tried " + lib
        + ", from SGDMC_HDF5_LIBRARY)"), noLibrary.errorLines());
    assertFalse(Files.exists(dir.resolve("x.h5")));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".h5")).toList());
    }
  }
}
