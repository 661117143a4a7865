package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exact contract of {@link Uniforms#open}, the uniform of the stable draws: (k + 1/2) 2^-52 for k the
 * top 52 bits, so strictly inside (0, 1) and never 1/2, and mirrored exactly by the complement of the bits.
 * (Its lane-wise twin: {@link SymmetricStableTwinTest}.)
 */
class OpenUniformTest {

  @Test
  void theExtremesAreHalfAnUlpInsideZeroAndOne() {
    assertEquals(0x1p-53, Uniforms.open(0L));
    assertEquals(1.0 - 0x1p-53, Uniforms.open(-1L));
    assertEquals(0.5 - 0x1p-53, Uniforms.open(0x7FFF_FFFF_FFFF_FFFFL));
    assertEquals(0.5 + 0x1p-53, Uniforms.open(0x8000_0000_0000_0000L));
  }

  @Test
  void openUniformsAreExactlyTheTop52BitsPlusAHalfTimesUlp() {
    SplittableRandom random = new SplittableRandom(20240601L);
    for (int i = 0; i < 200_000; i++) {
      long bits = i < 64 ? 1L << i : random.nextLong();
      long k = bits >>> 12;
      double u = Uniforms.open(bits);
      assertEquals((k + 0.5) * 0x1p-52, u, () -> Long.toHexString(bits)); // k + 0.5 < 2^53: exact in double
      assertEquals(1.0 - u, Uniforms.open(~bits), () -> "mirror of " + Long.toHexString(bits));
      assertEquals(-(u - 0.5), Uniforms.open(~bits) - 0.5, () -> "d changes sign exactly, " + Long.toHexString(bits));
      assertNotEquals(0.5, u);
    }
  }
}
