package org.sgdmc.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.theory.TailIndex;

/** A tails sweep's cells through the checkpoint file: bit for bit, torn lines, foreign checkpoints. */
class TailsCellCheckpointTest {
  @TempDir Path dir;

  private static final double ODD_NAN = Double.longBitsToDouble(0xfff8_0000_dead_beefL);

  /** Cells with every awkward value: NaN (with a payload and a sign), infinities, -0, subnormals, odd text. */
  static List<TailsCell> awkward() {
    return List.of(
        new TailsCell(1.2345678901234567, 0.9, 1.7, 0.95, 3.25e-3, 1.11, -0.0123, 4.5e-5, 0.0, 1.3, 0.02, -0.0125,
            TailIndex.Regime.POWER_LAW, 1000, 10, 2048, 8, null),
        new TailsCell(Double.NaN, ODD_NAN, -Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.5, Double.MIN_VALUE,
            1.0, Double.NaN, Double.POSITIVE_INFINITY, -0.0, TailIndex.Regime.NO_STATIONARY_LAW, 200_000, 40_000,
            Long.MAX_VALUE, Integer.MAX_VALUE,
            "no stationary law:\n Lyapunov = 0.5 > 0\r\n\ttab, back\\slash \\s \\u0041, ünïcödé α≥2, 日本, 🙂, "
                + "lone \ud800 surrogate, = - end "),
        new TailsCell(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.25, Double.POSITIVE_INFINITY, 0.0, -1e-300,
            TailIndex.Regime.LIGHT_TAIL, 1, 1, 1, 1, ""),
        new TailsCell(Double.MAX_VALUE, -Double.MAX_VALUE, 4.9e-324, 0.5, 1e308, -7.0, -1.0, 0.1, 1e-17, 123.0,
            Double.NaN, -3.0, TailIndex.Regime.INDEX_ABOVE_CAP, 3, 7, 5, 2, "-"));
  }

  /** Everything of a cell, doubles as raw bits (record equality would call all NaNs equal). */
  static String bits(TailsCell c) {
    StringBuilder sb = new StringBuilder();
    for (double v : new double[] {c.alpha(), c.ciLow(), c.ciHigh(), c.ciLevel(), c.xmin(), c.momentAlpha(),
        c.lyapunov(), c.lyapunovStderr(), c.divergedFraction(), c.theoryIndex(), c.theoryIndexStderr(),
        c.theoryLyapunov()}) {
      sb.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
    }
    return sb.append(c.regime()).append(' ').append(c.burnIn()).append(' ').append(c.thin()).append(' ')
        .append(c.trajectories()).append(' ').append(c.samplesPerTrajectory()).append(" [")
        .append(c.refusal() == null ? "null" : "\"" + c.refusal() + "\"").append(']').toString();
  }

  @Test
  void aCellSurvivesTheCheckpointBitForBit() throws IOException {
    Path cp = dir.resolve("cp");
    List<TailsCell> cells = awkward();
    try (SweepCheckpoint<TailsCell> c = SweepCheckpoint.open(cp, "fp", TailsCell.CODEC, new HashMap<>())) {
      for (int i = 0; i < cells.size(); i++) {
        c.append(10 + i, cells.get(i));
      }
    }
    List<String> lines = Files.readAllLines(cp, StandardCharsets.UTF_8);
    assertEquals(1 + cells.size(), lines.size(), "one line per cell, whatever the refusal text holds");
    assertTrue(Files.readString(cp).chars().allMatch(ch -> ch < 0x7f), "the checkpoint is plain ASCII");
    Map<Integer, TailsCell> back = SweepCheckpoint.read(cp, "fp", TailsCell.CODEC);
    assertEquals(cells.size(), back.size());
    for (int i = 0; i < cells.size(); i++) {
      assertEquals(bits(cells.get(i)), bits(back.get(10 + i)), "cell " + i);
      assertEquals(cells.get(i).refusal(), back.get(10 + i).refusal());
    }
    assertTrue(back.get(10).reported());
    assertFalse(back.get(11).reported());
    assertFalse(back.get(12).reported(), "an empty refusal is still a refusal");
  }

  @Test
  void aTornLastLineIsCutOffAndTheCellRunsAgain() throws IOException {
    Path cp = dir.resolve("cp");
    List<TailsCell> cells = awkward();
    try (SweepCheckpoint<TailsCell> c = SweepCheckpoint.open(cp, "fp", TailsCell.CODEC, new HashMap<>())) {
      c.append(0, cells.get(0));
      c.append(1, cells.get(1));
    }
    // a crash while writing cell 2: a line cut inside its last field, which would still parse on its own
    String whole = Files.readString(cp);
    Path other = dir.resolve("other");
    try (SweepCheckpoint<TailsCell> c = SweepCheckpoint.open(other, "fp", TailsCell.CODEC, new HashMap<>())) {
      c.append(2, cells.get(3));
    }
    String line = Files.readAllLines(other).get(1);
    Files.writeString(cp, line.substring(0, line.length() - 1), StandardOpenOption.APPEND);
    Map<Integer, TailsCell> done = new HashMap<>();
    try (SweepCheckpoint<TailsCell> c = SweepCheckpoint.open(cp, "fp", TailsCell.CODEC, done)) {
      assertEquals(Map.of(0, bits(cells.get(0)), 1, bits(cells.get(1))), bitsOf(done));
      assertEquals(whole, Files.readString(cp), "the torn line is cut off");
      c.append(2, cells.get(2));
    }
    Map<Integer, TailsCell> back = SweepCheckpoint.read(cp, "fp", TailsCell.CODEC);
    assertEquals(Map.of(0, bits(cells.get(0)), 1, bits(cells.get(1)), 2, bits(cells.get(2))), bitsOf(back));
  }

  @Test
  void aCheckpointOfOtherArgumentsIsRefusedInOneLine() {
    Path cp = dir.resolve("cp");
    try (SweepCheckpoint<TailsCell> c = SweepCheckpoint.open(cp, "fp", TailsCell.CODEC, new HashMap<>())) {
      c.append(0, awkward().get(0));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SweepCheckpoint.read(cp, "other", TailsCell.CODEC));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains("other arguments"), e.getMessage());
    // nor does a Lyapunov sweep's reader take a tails checkpoint's lines as its cells
    assertTrue(SweepCheckpoint.read(cp, "fp", 1).isEmpty());
  }

  @Test
  void escapedTextComesBackUnchanged() {
    for (String s : new String[] {null, "", " ", "\\", "\\s", "a b\nc", "\u0000\u007f\u0085\u2028", "\udfff"}) {
      String f = SweepCheckpoint.escape(s);
      assertFalse(f.contains(" ") || f.contains("\n") || f.contains("\r"), f);
      assertEquals(s, SweepCheckpoint.unescape(f));
    }
    for (String bad : new String[] {"", "x", "=\\", "=\\u12", "=\\q"}) {
      assertThrows(IllegalArgumentException.class, () -> SweepCheckpoint.unescape(bad), bad);
    }
  }

  private static Map<Integer, String> bitsOf(Map<Integer, TailsCell> m) {
    Map<Integer, String> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, bits(v)));
    return out;
  }
}
