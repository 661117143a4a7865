package org.sgdmc.bench.kernels;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdmc.kernels.Linreg1dTailsScalarBlock;
import org.sgdmc.kernels.Linreg1dTailsVectorBlock;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;

/**
 * One off-interpolation linreg1d block ({@code sgdmc tails linreg1d}) of 64 trajectories, 999 steps per
 * call, in trajectory-steps per second, for each noise model on the Gaussian stream at lr = 0.6, S = 1:
 * minibatch (two normals a step: x and the label noise), the matched Gaussian SDE and the constant Gaussian
 * (one normal a step), stable (one Chambers-Mallows-Stuck draw a step); and each model's scalar twin (the ratio is what
 * vectorising bought). Self-check: the vector block's snapshot after the call equals the scalar twin's bit for bit, before
 * and after measuring.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {
    "--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class Linreg1dTailsBenchmark {
  static final int WIDTH = 64;
  static final int STEPS = 999;
  static final long SEED = 0x7A11_5EEDL;
  static final long TRAJ0 = 1L << 20;

  @Param({"minibatch", "gaussian", "gaussian-constant", "stable"})
  public String noise;

  Linreg1dTails model;
  StateBlock vector;
  StateBlock scalar;
  double[] reference;
  final double[] out = new double[3 * WIDTH];

  @Setup(Level.Trial)
  public void setUp() {
    NoiseModel kind = NoiseModel.parse(noise);
    model = new Linreg1dTails(0.6, 1, new LabelledData.Stream(1.0), true, kind,
        kind == NoiseModel.STABLE ? 1.5 : Double.NaN, Double.NaN);
    vector = new Linreg1dTailsVectorBlock(model, SEED, WIDTH);
    scalar = new Linreg1dTailsScalarBlock(model, SEED, WIDTH);
    reference = run(scalar).clone();
    run(vector);
    verify("before measuring");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    verify("after measuring");
  }

  double[] run(StateBlock block) {
    block.start(TRAJ0);
    block.advance(0, STEPS);
    block.snapshot(out);
    return out;
  }

  void verify(String when) {
    for (int i = 0; i < out.length; i++) {
      if (Double.doubleToRawLongBits(out[i]) != Double.doubleToRawLongBits(reference[i])) {
        throw new IllegalStateException(String.format("%s, noise %s: snapshot value %d is %s, the scalar twin's %s",
            when, noise, i, out[i], reference[i]));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(WIDTH * STEPS)
  public double[] vector() {
    return run(vector);
  }

  @Benchmark
  @OperationsPerInvocation(WIDTH * STEPS)
  public double[] scalar() {
    return run(scalar);
  }
}
