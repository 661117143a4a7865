package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Philox4x32 reproduces Random123's known answers, in the scalar reference and in the vector path.
 *
 * <p>The vector path ({@link Philox4x32Vector#fillBits}) always runs the standard ten rounds, so the
 * seven-round rows are checked on the scalar {@link Philox4x32#block(int, int[], int[], int[])} only. Every
 * ten-round row of the table can be expressed in the stream layout (trajectory = ctr[1]:ctr[0], block =
 * lo16(ctr[3]):ctr[2], stream = hi16(ctr[3]), seed = key[1]:key[0]), which the test asserts before using it.
 */
class PhiloxKnownAnswerTest {

  static List<KatVectors.Row> rows() {
    return KatVectors.philox4x32();
  }

  static List<KatVectors.Row> tenRoundRows() {
    return rows().stream().filter(r -> r.rounds() == 10).toList();
  }

  @Test
  void theTableHasSevenAndTenRoundPhilox4x32Rows() {
    List<KatVectors.Row> rows = rows();
    // guards against a vacuous pass: a moved or truncated table must fail, not skip
    assertTrue(rows.stream().anyMatch(r -> r.rounds() == 7), "no philox4x32 R=7 row in " + KatVectors.file());
    assertTrue(rows.stream().anyMatch(r -> r.rounds() == 10), "no philox4x32 R=10 row in " + KatVectors.file());
    assertEquals(6, rows.size(), "Random123's table has three counters for each of R = 7 and R = 10");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void scalarBlockMatchesKnownAnswer(KatVectors.Row row) {
    int[] ctr = row.ctr().clone(), key = row.key().clone(), out = new int[4];
    Philox4x32.block(row.rounds(), ctr, key, out);
    assertArrayEquals(row.expected(), out, () -> row + ": " + hex(out) + " != " + hex(row.expected()));
    assertArrayEquals(row.ctr(), ctr, "the counter is an input only");
    assertArrayEquals(row.key(), key, "the key is an input only");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tenRoundRows")
  void defaultBlockIsTheTenRoundVariant(KatVectors.Row row) {
    int[] out = new int[4];
    Philox4x32.block(row.ctr(), row.key(), out);
    assertArrayEquals(row.expected(), out, row::toString);
  }

  /** The coordinates of a ten-round row in the stream layout. */
  record Coordinates(long seed, int stream, long traj, long block) {
    static Coordinates of(KatVectors.Row row) {
      int[] c = row.ctr();
      long traj = StreamLayout.join(c[0], c[1]);
      long block = ((c[3] & 0xFFFFL) << 32) | Integer.toUnsignedLong(c[2]);
      return new Coordinates(StreamLayout.join(row.key()[0], row.key()[1]), c[3] >>> 16, traj, block);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tenRoundRows")
  void everyTenRoundRowIsExpressibleInTheStreamLayout(KatVectors.Row row) {
    Coordinates at = Coordinates.of(row);
    int[] ctr = new int[4], key = new int[2];
    StreamLayout.counter(at.traj(), at.stream(), at.block(), ctr);
    StreamLayout.key(at.seed(), key);
    assertArrayEquals(row.ctr(), ctr, row::toString);
    assertArrayEquals(row.key(), key, row::toString);
    assertTrue(at.block() < StreamLayout.MAX_BLOCKS && at.stream() <= 0xFFFF, row::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tenRoundRows")
  void scalarDrawsAreTheKnownAnswerWordsJoinedLittleEndian(KatVectors.Row row) {
    Coordinates at = Coordinates.of(row);
    int[] e = row.expected();
    assertEquals(StreamLayout.join(e[0], e[1]), Draws.bits(at.seed(), at.stream(), at.traj(), 2 * at.block()), row::toString);
    assertEquals(StreamLayout.join(e[2], e[3]), Draws.bits(at.seed(), at.stream(), at.traj(), 2 * at.block() + 1), row::toString);
  }

  /**
   * The row's counter computed in every lane position the layout allows at the edges (first and last lane
   * that keeps the vector of trajectories inside one 2^32 range), as the first and the last of three blocks,
   * at widths of one and three vectors, written at an offset into the output.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("tenRoundRows")
  void vectorFillMatchesKnownAnswer(KatVectors.Row row) {
    Coordinates at = Coordinates.of(row);
    int[] e = row.expected();
    long even = StreamLayout.join(e[0], e[1]), odd = StreamLayout.join(e[2], e[3]);
    long trajLow = at.traj() & 0xFFFF_FFFFL;
    int lanes = Philox4x32Vector.lanes();
    int checked = 0;
    for (int width : new int[] {lanes, 3 * lanes}) {
      // lane p holds the row's trajectory; traj0 = traj - p must not cross into another 2^32 range
      long firstLane = Math.max(0, (width - 1) - (0xFFFF_FFFFL - trajLow));
      long lastLane = Math.min(width - 1, trajLow);
      int nBlocks = 3;
      long firstBlockIndex = Math.max(0, at.block() + nBlocks - StreamLayout.MAX_BLOCKS);
      long lastBlockIndex = Math.min(nBlocks - 1, at.block());
      for (long p : new long[] {firstLane, lastLane}) {
        for (long b : new long[] {firstBlockIndex, lastBlockIndex}) {
          int off = 5;
          long[] out = new long[off + 2 * nBlocks * width];
          Philox4x32Vector.fillBits(at.seed(), at.stream(), at.traj() - p, width, at.block() - b, nBlocks, out, off);
          int index = off + (int) (2 * b * width + p);
          String where = row + " width " + width + " lane " + p + " block index " + b;
          assertEquals(even, out[index], where);
          assertEquals(odd, out[index + width], where);
          checked++;
        }
      }
    }
    assertEquals(8, checked);
  }

  private static String hex(int[] words) {
    StringBuilder sb = new StringBuilder();
    for (int w : words) {
      sb.append(String.format("%08x ", w));
    }
    return sb.toString().strip();
  }
}
