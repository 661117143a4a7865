package org.sgdmc.kernels;

/**
 * Which implementation of a model steps its trajectories: the vector kernel, or its scalar twin (the same
 * bits, several times slower; the reference). The vector kernel runs only where {@link
 * VectorizationProvider#lookup()} says it can; elsewhere every request gets the scalar twin.
 */
public enum Kernel {
  VECTOR,
  SCALAR
}
