package org.sgdmc.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's checkpoint after damage (flipped bytes, truncations, lost, repeated or swapped lines, random bytes,
 * appended junk) is read as the cells it still holds intact and nothing else: every cell read back has the bits
 * it was written with, a damaged line costs only its own cell (which runs again), and a file that is no
 * checkpoint is a one-line error naming it. Never another exception. Seeded.
 */
class CheckpointFuzzTest {
  @TempDir Path dir;

  private static final String FP = "grid=lr:0.1:1:20 trajectories=100 seed=3";

  private static SweepRunner.CellResult cell(SplittableRandom rnd) {
    double[] lam = {rnd.nextDouble(-1, 1), -rnd.nextDouble() * 1e-3};
    double[] err = {rnd.nextDouble() * 1e-2, Double.MIN_VALUE};
    return new SweepRunner.CellResult(lam, err);
  }

  private static String bits(SweepRunner.CellResult c) {
    StringBuilder sb = new StringBuilder();
    for (double v : c.lambda()) {
      sb.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
    }
    for (double v : c.stderr()) {
      sb.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
    }
    return sb.toString();
  }

  @Test
  void aDamagedCheckpointYieldsOnlyIntactCells() throws Exception {
    SplittableRandom rnd = new SplittableRandom(1202);
    Path cp = dir.resolve(".out.h5.sweep-checkpoint");
    Map<Integer, String> written = new HashMap<>();
    try (SweepCheckpoint<SweepRunner.CellResult> c = SweepCheckpoint.open(cp, FP, 2, new HashMap<>())) {
      for (int i = 0; i < 20; i++) {
        SweepRunner.CellResult r = cell(rnd);
        c.append(i, r);
        written.put(i, bits(r));
      }
    }
    byte[] valid = Files.readAllBytes(cp);
    List<String> lines = List.of(new String(valid, StandardCharsets.UTF_8).split("\n"));
    int cases = 0;

    for (int i = 0; i < 300; i++) { // 1 to 3 flipped bytes
      byte[] b = valid.clone();
      Set<Integer> touched = new HashSet<>();
      for (int k = rnd.nextInt(1, 4); k > 0; k--) {
        int at = rnd.nextInt(b.length);
        b[at] ^= (byte) rnd.nextInt(1, 256);
        touched.add(lineOf(valid, at));
        touched.add(lineOf(valid, at) + 1); // a flipped line break joins a line to the next
      }
      cases += check("flips on lines " + touched, cp, b, written, touched);
    }
    for (int cut = 0; cut <= valid.length; cut += 1 + rnd.nextInt(7)) { // truncations: the lines before the cut
      Set<Integer> lost = new HashSet<>();
      for (int l = lineOf(valid, Math.max(0, cut - 1)); l <= lines.size(); l++) {
        lost.add(l);
      }
      cases += check("cut at " + cut, cp, Arrays.copyOf(valid, cut), written, lost);
    }
    for (int i = 0; i < 100; i++) { // lines lost, repeated, swapped: the cells still there, with their bits
      List<String> l = new ArrayList<>(lines);
      int a = 1 + rnd.nextInt(l.size() - 1);
      int b = 1 + rnd.nextInt(l.size() - 1);
      switch (i % 3) {
        case 0 -> l.remove(a);
        case 1 -> l.add(b, l.get(a));
        default -> {
          String t = l.get(a);
          l.set(a, l.get(b));
          l.set(b, t);
        }
      }
      Set<Integer> gone = i % 3 == 0 ? Set.of(a + 1) : Set.of();
      cases += check("lines edited #" + i, cp, (String.join("\n", l) + "\n").getBytes(StandardCharsets.UTF_8),
          written, gone);
    }
    for (int i = 0; i < 100; i++) { // random bytes, and junk after the valid lines
      byte[] junk = new byte[rnd.nextInt(0, 600)];
      rnd.nextBytes(junk);
      cases += check("random bytes #" + i, cp, junk, written, null);
      byte[] tail = Arrays.copyOf(valid, valid.length + junk.length);
      System.arraycopy(junk, 0, tail, valid.length, junk.length);
      cases += check("junk appended #" + i, cp, tail, written, Set.of());
    }
    assertTrue(cases > 500, "cases: " + cases);
  }

  /**
   * Reads a checkpoint of {@code content}: every cell read must be one {@code written}, bit for bit; with {@code
   * lost} given (the 1-based lines that may be lost; line 1 the header), every cell on other lines must be read;
   * with {@code lost} null, anything but an exception other than a one-line error.
   */
  private int check(String what, Path cp, byte[] content, Map<Integer, String> written, Set<Integer> lost)
      throws Exception {
    Files.write(cp, content);
    Map<Integer, SweepRunner.CellResult> read;
    try {
      read = SweepCheckpoint.read(cp, FP, 2);
    } catch (IllegalArgumentException e) {
      assertFalse(e.getMessage().contains("\n"), what + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(cp.toString()), what + ": the error must name the checkpoint: " + e.getMessage());
      assertTrue(lost == null || lost.contains(1), what + ": refused a checkpoint whose header is intact: " + e);
      return 1;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e + " instead of a one-line error", e);
    }
    for (Map.Entry<Integer, SweepRunner.CellResult> c : read.entrySet()) {
      assertEquals(written.get(c.getKey()), bits(c.getValue()), what + ": cell " + c.getKey() + " misread");
    }
    if (lost != null && !lost.contains(1)) {
      for (int cell = 0; cell < written.size(); cell++) {
        if (!lost.contains(cell + 2)) { // cell i is on line i + 2
          assertTrue(read.containsKey(cell), what + ": lost cell " + cell + ", whose line is intact");
        }
      }
    }
    return 1;
  }

  /** The 1-based line of byte {@code at}. */
  private static int lineOf(byte[] b, int at) {
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (b[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
