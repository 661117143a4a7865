package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The map from (seed, stream, trajectory, draw) to Philox words is the one {@link StreamLayout}'s Javadoc
 * writes down, re-derived here from the text rather than from the code.
 */
class StreamLayoutTest {

  @Test
  void drawKIsWordKMod2OfTheDocumentedCounterAndKey() {
    SplittableRandom random = new SplittableRandom(41L);
    Stream[] streams = Stream.values();
    for (int i = 0; i < 20_000; i++) {
      long seed = random.nextLong(), traj = random.nextLong();
      long k = random.nextLong() & ((1L << 49) - 1); // 2^49 draws per trajectory and stream
      Stream stream = streams[random.nextInt(streams.length)];
      long block = k / 2;
      int[] ctr = {(int) traj, (int) (traj >>> 32), (int) block, stream.id << 16 | (int) (block >>> 32 & 0xFFFF)};
      int[] key = {(int) seed, (int) (seed >>> 32)};
      int[] out = new int[4];
      Philox4x32.block(ctr, key, out);
      int w = (int) (k % 2) * 2;
      long expected = Integer.toUnsignedLong(out[w]) | (long) out[w + 1] << 32; // word w low, w+1 high
      assertEquals(expected, Draws.bits(seed, stream, traj, k));
    }
  }

  @Test
  void counterAndKeyWords() {
    int[] ctr = new int[4], key = new int[2];
    StreamLayout.counter(0x0123_4567_89AB_CDEFL, 0xFFFF, 0xBEEF_1234_5678L, ctr);
    assertArrayEquals(new int[] {0x89AB_CDEF, 0x0123_4567, 0x1234_5678, 0xFFFF_BEEF}, ctr);
    StreamLayout.key(0xFEDC_BA98_7654_3210L, key);
    assertArrayEquals(new int[] {0x7654_3210, 0xFEDC_BA98}, key);
    assertEquals(0x8000_0001_FFFF_FFFFL, StreamLayout.join(0xFFFF_FFFF, 0x8000_0001));
    assertEquals(0x1234_5678, StreamLayout.ctr2(0xABCD_1234_5678L));
    assertEquals(0x0003_ABCD, StreamLayout.ctr3(3, 0xABCD_1234_5678L));
  }

  @Test
  void streamIdsAreFixedAndDistinct() {
    // renumbering a stream silently changes every stored result: the ids are part of the format
    assertEquals(0, Stream.DATA.id);
    assertEquals(1, Stream.BATCH.id);
    assertEquals(2, Stream.INIT.id);
    assertEquals(3, Stream.NOISE.id);
    assertEquals(0xFFFF, Stream.TEST.id);
    Set<Integer> ids = new HashSet<>();
    for (Stream s : Stream.values()) {
      assertEquals(s.id, s.id & 0xFFFF, s + " fits 16 bits");
      ids.add(s.id);
    }
    assertEquals(Stream.values().length, ids.size());
  }

  @Test
  void everyCoordinateChangesTheDraw() {
    long base = Draws.bits(1L, Stream.DATA, 5L, 10L);
    assertNotEquals(base, Draws.bits(2L, Stream.DATA, 5L, 10L), "seed");
    assertNotEquals(base, Draws.bits(1L, Stream.BATCH, 5L, 10L), "stream");
    assertNotEquals(base, Draws.bits(1L, Stream.DATA, 6L, 10L), "trajectory");
    assertNotEquals(base, Draws.bits(1L, Stream.DATA, 5L + (1L << 32), 10L), "trajectory, high word");
    assertNotEquals(base, Draws.bits(1L, Stream.DATA, 5L, 11L), "draw, other word of the block");
    assertNotEquals(base, Draws.bits(1L, Stream.DATA, 5L, 10L + (1L << 33)), "draw, block bit 32");
    assertNotEquals(base, Draws.bits(1L, Stream.DATA, 5L, 10L + (1L << 48)), "draw, block bit 47");
  }
}
