package org.sgdmc.kernels;

import java.util.function.IntFunction;

/**
 * A model's two block implementations, the vector kernel and its scalar twin, which compute the same bits.
 * {@link #blocks} hands out the one asked for, through {@link VectorizationProvider}, so that the vector class
 * is never linked in a JVM that cannot run it.
 *
 * @param <M> the model
 * @param <B> the block interface both implement
 */
public record Twins<M, B>(Constructor<M, B> vector, Constructor<M, B> scalar) {

  /** {@code new SomeBlock(model, seed, width)}. */
  @FunctionalInterface
  public interface Constructor<M, B> {
    B create(M model, long seed, int width);
  }

  /** Blocks of {@code model}'s trajectories for seed {@code seed}, by width, from the kernel that can run. */
  public IntFunction<B> blocks(M model, long seed, Kernel kernel) {
    Constructor<M, B> c = VectorizationProvider.lookup().effective(kernel) == Kernel.VECTOR ? vector : scalar;
    return width -> c.create(model, seed, width);
  }
}
