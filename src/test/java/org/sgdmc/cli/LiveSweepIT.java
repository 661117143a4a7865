package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;
import org.sgdmc.io.LiveFile;

/**
 * {@code sgdmc sweep ... --live} through the real launcher, read by real h5py processes: a reader (scripts/watch.py,
 * which opens the file with {@code swmr=True}) sees cells finish while the sweep runs, and the final file is the
 * non-live sweep's, bit for bit; a sweep killed with -9 leaves a file that h5py reads with {@code swmr=True},
 * marked {@code complete = 0}, holding exactly the cells it finished (the others NaN), and the rerun resumes and
 * replaces it; SIGTERM closes the file, which then opens without SWMR too; bad uses are one line each. Needs
 * Debian's libhdf5 (scripts/install-deps.sh installs it): without it only the one-line refusal is checked.
 */
class LiveSweepIT {
  @TempDir Path dir;

  /** 16 cells, one per chunk (lr 8 x batch 2, one thread): about a second or two of work, cell by cell. */
  static final String[] SWEEP = {"sweep", "linreg1d", "--lr", "0.1:1.5:8", "--batch", "1,2", "--trajectories", "2000",
    "--steps", "200", "--threads", "1"};
  static final int CELLS = 16;

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  private Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Launcher.SCRIPT.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("live.log").toFile()).start();
  }

  private static ProcessHandle jvm(Process launcher) {
    return launcher.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst()
        .orElseThrow(() -> new AssertionError("no java process under the launcher"));
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("live.log"));
  }

  private static void requireLibrary() {
    org.junit.jupiter.api.Assumptions.assumeTrue(LiveFile.available(),
        "libhdf5 is absent (scripts/install-deps.sh installs it): " + LiveFile.unavailableReason());
  }

  @Test
  void aReaderSeesCellsFinishWhileTheSweepRunsAndTheFinalFileIsTheNonLiveOne() throws Exception {
    requireLibrary();
    Launcher.Run whole = Launcher.sgdmc(dir, with(SWEEP, "-o", "whole.h5"));
    assertEquals(0, whole.exitCode(), whole.stderr());

    Process p = start(with(SWEEP, "--live", "-o", "live.h5"));
    ExternalTools.Result watch = ExternalTools.run(List.of(ExternalTools.PYTHON,
        Launcher.PROJECT.resolve("scripts/watch.py").toString(), dir.resolve("live.h5").toString(), "--every", "0.05",
        "--timeout", "240"));
    assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the live sweep did not end");
    assertEquals(0, p.exitValue(), log());
    assertEquals(0, watch.exitCode(), watch.stdout() + watch.stderr());
    List<String> lines = watch.stdout().lines().toList();
    Pattern progress = Pattern.compile(".*: (\\d+)/" + CELLS + " cells finished, (running \\(complete = 0\\)|complete).*");
    int midRun = 0, last = -1;
    for (String line : lines) {
      Matcher m = progress.matcher(line);
      assertTrue(m.matches(), line);
      int done = Integer.parseInt(m.group(1));
      assertTrue(done >= last, "cells only ever finish: " + lines);
      last = done;
      if (done > 0 && done < CELLS) {
        assertTrue(m.group(2).startsWith("running"), line);
        midRun++;
      }
    }
    assertTrue(midRun >= 1, "the reader saw no cell finish while the sweep ran: " + lines);
    assertTrue(lines.getLast().contains(": " + CELLS + "/" + CELLS + " cells finished, complete; lyapunov in ["),
        lines.getLast());
    ShardMergeCliIT.assertSame(dir.resolve("whole.h5"), dir.resolve("live.h5"));
    ExternalTools.Result root = ExternalTools.python("""
        import h5py, sys
        with h5py.File(sys.argv[1], 'r') as f:
            print(int(f.attrs['complete']), 'live' in f, 'complete' in h5py.File(sys.argv[2], 'r').attrs)
        """, dir.resolve("live.h5").toString(), dir.resolve("whole.h5").toString());
    assertEquals("1 False False", root.stdout().strip(), root.stderr());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(".")).toList(),
          "no temporary, lock or checkpoint file is left");
    }
  }

  @Test
  void aSweepKilledWithMinus9LeavesAReadableIncompleteFileAndTheRerunReplacesIt() throws Exception {
    requireLibrary();
    Path live = dir.resolve("live.h5");
    Process p = start(with(SWEEP, "--live", "-o", "live.h5"));
    // a reader process waits (swmr=True) for two finished cells, then the writer is killed at once
    ExternalTools.Result seen = ExternalTools.python("""
        import h5py, os, sys, time
        deadline = time.time() + 200
        while time.time() < deadline:
            if os.path.exists(sys.argv[1]):
                try:
                    with h5py.File(sys.argv[1], 'r', swmr=True) as f:
                        n = f['live/finished_cells'].shape[0]
                        if n >= 2:
                            print(n)
                            sys.exit(0)
                except (OSError, KeyError):
                    pass
            time.sleep(0.02)
        sys.exit('timed out')
        """, live.toString());
    assertEquals(0, seen.exitCode(), seen.stderr() + log());
    jvm(p).destroyForcibly(); // SIGKILL: nothing runs after it
    p.waitFor(60, TimeUnit.SECONDS);

    ExternalTools.Result killed = ExternalTools.python("""
        import h5py, numpy as np, sys
        with h5py.File(sys.argv[1], 'r', swmr=True) as f:
            done = f['live/finished_cells'][()]
            lam = f['estimates/lyapunov'][()].ravel()
            th = f['theory/lyapunov'][()].ravel()
            missing = [p for p in ['/live', '/live/finished_cells', '/estimates/lyapunov']
                       if 'description' not in f[p].attrs or 'units' not in f[p].attrs]
            print(int(f.attrs['complete']), len(done), len(set(done.tolist())), lam.size,
                  int(np.isfinite(lam[done]).all()), int(np.isnan(np.delete(lam, done)).all()),
                  int(np.isfinite(th[done]).all()), missing)
            np.save(sys.argv[2], np.stack([done.astype(float), lam[done]]))
        """, live.toString(), dir.resolve("killed.npy").toString());
    assertEquals(0, killed.exitCode(), killed.stderr());
    String[] k = killed.stdout().strip().split(" ", 8);
    assertEquals("0", k[0], "complete = 0: " + killed.stdout());
    int finished = Integer.parseInt(k[1]);
    assertTrue(finished >= 2 && finished < CELLS, "killed part way: " + killed.stdout());
    assertEquals(k[1], k[2], "each finished cell once: " + killed.stdout());
    assertEquals(String.valueOf(CELLS), k[3]);
    assertEquals("1 1 1 []", k[4] + " " + k[5] + " " + k[6] + " " + k[7],
        "finished cells filled in, the others NaN, every node described: " + killed.stdout());

    // the same command again, without --force: it resumes from the checkpoint and replaces the incomplete file
    Launcher.Run rerun = Launcher.sgdmc(dir, with(SWEEP, "--live", "-o", "live.h5"));
    assertEquals(0, rerun.exitCode(), rerun.stderr());
    assertTrue(rerun.stderr().contains("resuming"), rerun.stderr());
    ExternalTools.Result same = ExternalTools.python("""
        import h5py, numpy as np, sys
        killed = np.load(sys.argv[2])
        with h5py.File(sys.argv[1], 'r') as f:
            lam = f['estimates/lyapunov'][()].ravel()
            done = killed[0].astype(int)
            print(int(f.attrs['complete']), 'live' in f, int(np.array_equal(lam[done], killed[1])),
                  int(np.isfinite(lam).all()))
        """, live.toString(), dir.resolve("killed.npy").toString());
    assertEquals("1 False 1 1", same.stdout().strip(), same.stderr());

    // the final file is final: another --live run refuses to replace it without --force
    Launcher.Run again = Launcher.sgdmc(dir, with(SWEEP, "--live", "-o", "live.h5"));
    assertEquals(2, again.exitCode(), again.stderr());
    assertEquals(List.of("sgdmc: output file live.h5 exists (use --force to overwrite)"), again.errorLines());
  }

  @Test
  void sigtermClosesTheLiveFileSoItOpensWithoutSwmrToo() throws Exception {
    requireLibrary();
    Path live = dir.resolve("live.h5");
    Process p = start(with(SWEEP, "--live", "-o", "live.h5"));
    Path checkpoint = dir.resolve(".live.h5.sweep-checkpoint");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
    while (!(Files.exists(checkpoint) && Files.readAllLines(checkpoint).size() >= 3)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        fail("no cell finished while the sweep ran: " + log());
      }
      Thread.sleep(20);
    }
    jvm(p).destroy(); // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(75, p.exitValue(), log());
    ExternalTools.Result plain = ExternalTools.python("""
        import h5py, sys
        with h5py.File(sys.argv[1], 'r') as f:
            print(int(f.attrs['complete']), int(f['live/finished_cells'].shape[0] < 16))
        """, live.toString());
    assertEquals("0 1", plain.stdout().strip(), plain.stderr());
  }

  @Test
  void badUsesOfLiveAreOneLineEach() throws Exception {
    Path lib = dir.resolve("no-such-libhdf5.so");
    Launcher.Run noLibrary = Launcher.exec(dir, List.of("env", "SGDMC_HDF5_LIBRARY=" + lib,
        Launcher.SCRIPT.toString(), "sweep", "linreg1d", "--lr", "0.1:1:2", "--live", "-o", "x.h5"));
    assertEquals(2, noLibrary.exitCode(), noLibrary.stderr());
    assertEquals(List.of("sgdmc: --live needs the HDF5 C library: no HDF5 C library found (tried " + lib
        + ", from SGDMC_HDF5_LIBRARY)"), noLibrary.errorLines());
    assertFalse(Files.exists(dir.resolve("x.h5")));
    requireLibrary();
    Launcher.Run shard = Launcher.sgdmc(dir, "sweep", "linreg1d", "--lr", "0.1:1:2", "--live", "--shard", "0/2", "-o",
        "x.h5");
    assertEquals(2, shard.exitCode(), shard.stderr());
    assertEquals(List.of("sgdmc: --live writes one file as the sweep runs: it does not combine with --shard or "
        + "--merge"), shard.errorLines());
    Files.writeString(dir.resolve("text.h5"), "not hdf5\n");
    Launcher.Run exists = Launcher.sgdmc(dir, "sweep", "linreg1d", "--lr", "0.1:1:2", "--live", "-o", "text.h5");
    assertEquals(2, exists.exitCode(), exists.stderr());
    assertEquals(List.of("sgdmc: output file text.h5 exists (use --force to overwrite)"), exists.errorLines());
    assertEquals("not hdf5\n", Files.readString(dir.resolve("text.h5")));
  }
}
