package org.sgdmc.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every kernel uses, in one place. The preferred shape is the widest the CPU runs
 * natively (256 bits with AVX2, 512 with AVX-512). The system property {@code sgdmc.vector.bits} (64, 128,
 * 256 or 512) forces another, so tests can show that results do not depend on the width.
 *
 * <p>Its static initialiser needs the incubator module: only vector kernels and {@code
 * kernels.PanamaVectorizationProvider} touch it, so that everything else loads without the module. Code that
 * must run either way asks {@code kernels.VectorizationProvider.lookup()} for the lanes and the description.
 */
public final class VectorShapes {
  /** The shape all kernels use. */
  public static final VectorShape SHAPE = chooseShape();
  /** 64-bit integer lanes (Philox words, bit patterns). */
  public static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED.withShape(SHAPE);
  /** Double lanes, as many as {@link #LONGS}. */
  public static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED.withShape(SHAPE);
  /** 32-bit integer lanes, twice as many as {@link #LONGS}: Philox words one per lane (single precision). */
  public static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(SHAPE);
  /** Float lanes, as many as {@link #INTS}: the single-precision draws. */
  public static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED.withShape(SHAPE);

  private VectorShapes() {}

  private static VectorShape chooseShape() {
    String forced = System.getProperty("sgdmc.vector.bits");
    if (forced == null || forced.isBlank()) {
      return VectorShape.preferredShape();
    }
    return switch (forced.trim()) {
      case "64" -> VectorShape.S_64_BIT;
      case "128" -> VectorShape.S_128_BIT;
      case "256" -> VectorShape.S_256_BIT;
      case "512" -> VectorShape.S_512_BIT;
      default -> throw new IllegalArgumentException("sgdmc.vector.bits must be 64, 128, 256 or 512, not " + forced);
    };
  }

  /** A one-line description, e.g. {@code "DoubleVector 256 bits x 4 lanes"}, for run metadata. */
  public static String describe() {
    return "DoubleVector " + SHAPE.vectorBitSize() + " bits x " + DOUBLES.length() + " lanes";
  }
}
