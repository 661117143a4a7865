package org.sgdmc.kernels;

import org.sgdmc.rng.VectorShapes;

/**
 * The vector kernels at {@link VectorShapes}' width. Created only by {@link VectorizationProvider#lookup()}
 * once the module is known to be there: its methods are the first to touch a Vector API class.
 */
final class PanamaVectorizationProvider extends VectorizationProvider {
  @Override
  public boolean vectorised() {
    return true;
  }

  @Override
  public int lanes() {
    return VectorShapes.DOUBLES.length();
  }

  @Override
  public String describe() {
    return VectorShapes.describe();
  }
}
