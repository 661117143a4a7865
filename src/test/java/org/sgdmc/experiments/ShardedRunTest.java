package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sgdmc.engine.Execution;
import org.sgdmc.engine.RunCheckpoint;
import org.sgdmc.engine.Shard;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.kernels.TrajectoryBlock;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.stats.EnsembleSummary;

/**
 * A run cut into shards, each reduced and saved on its own (any thread count, any order), then merged, is the
 * uncut run bit for bit; so is a run killed part way and resumed from its checkpoint. Checked here in one
 * process on the real engine and reductions; the CLI's files are checked by ShardMergeCliIT and ResumeCliIT.
 */
class ShardedRunTest {
  private static final int LANES = VectorizationProvider.lookup().lanes();
  private static final Linreg1d MODEL = new Linreg1d(0.5, 1, new FeatureData.Gaussian(), false, 1.0);
  // 1000 trajectories: not a multiple of 64, so the last shard pads its last block
  private static final EnsembleOptions OPTIONS = new EnsembleOptions(1000, new long[] {0, 1, 7, 30, 120}, 5, 2, 8 * LANES);

  private static Linreg1dResult run(EnsembleOptions options) {
    return Linreg1dExperiment.run(MODEL, options, Kernel.VECTOR, Simulation.Progress.NONE);
  }

  private static <T> T under(Execution execution, java.util.concurrent.Callable<T> job) {
    try {
      return execution.call(job);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Every number of a result, in one array, so that bit-for-bit equality is one assertion. */
  private static double[] numbers(Linreg1dResult r) {
    List<Double> out = new ArrayList<>();
    for (EnsembleSummary s : r.summaries()) {
      out.addAll(List.of((double) s.count(), s.fractionExact(), s.mean(), s.stderr(), s.logMeanSquare(),
          s.fractionDiverged()));
      for (double q : s.quantiles()) {
        out.add(q);
      }
      for (double f : s.fractionWithin()) {
        out.add(f);
      }
    }
    out.addAll(List.of(r.lyapunov().value(), r.lyapunov().stderr(), r.lyapunovLate().value(), r.lyapunovLate().stderr()));
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static EnsembleOptions withExecution(int threads, int block) {
    return new EnsembleOptions(OPTIONS.trajectories(), OPTIONS.recordTimes(), OPTIONS.seed(), threads, block);
  }

  @ParameterizedTest(name = "K = {0}")
  @ValueSource(ints = {1, 2, 3, 7})
  void shardsMergedInAnyOrderAreTheWholeRun(int k) {
    double[] whole = numbers(run(OPTIONS));
    List<byte[]> states = new ArrayList<>();
    double[] seconds = new double[1];
    long covered = 0;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(k));
    for (int i : order) {
      // each shard with its own threads and blocking: neither may change a bit
      EnsembleOptions o = withExecution(1 + i % 2, LANES * (1 + i % 3));
      Execution.Captured c = assertThrows(Execution.Captured.class,
          () -> under(Execution.of(new Shard(i, k), null), () -> run(o)));
      assertEquals(OPTIONS.trajectories(), c.total());
      covered += c.to() - c.from();
      states.add(c.state());
      seconds[0] += c.kernelSeconds();
    }
    assertEquals(OPTIONS.trajectories(), covered);
    Collections.shuffle(states, new Random(-k));
    double[] merged = numbers(under(Execution.merging(states, seconds[0]), () -> run(OPTIONS)));
    assertArrayEquals(whole, merged);
  }

  @Test
  void tailSamplesMergeToTheWholeRunsSamples() {
    Linreg1dTails model = Linreg1dTails.minibatch(0.4, 2, new LabelledData.Stream(0.8), true);
    StationarySampler.Plan plan = new StationarySampler.Plan(700, 50, 3, 7, 2, 2 * LANES);
    StationarySampler.Samples whole = StationarySampler.run(Kernels.LINREG1D_TAILS.blocks(model, 3, Kernel.VECTOR),
        plan, Simulation.Progress.NONE);
    List<byte[]> states = new ArrayList<>();
    for (int i = 2; i >= 0; i--) {
      int shard = i;
      Execution.Captured c = assertThrows(Execution.Captured.class, () -> under(Execution.of(new Shard(shard, 3), null),
          () -> StationarySampler.run(Kernels.LINREG1D_TAILS.blocks(model, 3, Kernel.VECTOR), plan,
              Simulation.Progress.NONE)));
      states.add(c.state());
    }
    StationarySampler.Samples merged = under(Execution.merging(states, 0), () -> StationarySampler.run(
        Kernels.LINREG1D_TAILS.blocks(model, 3, Kernel.VECTOR), plan, Simulation.Progress.NONE));
    assertArrayEquals(whole.norms(), merged.norms());
    assertArrayEquals(whole.coordinates(), merged.coordinates());
    assertArrayEquals(whole.logFactorRates(), merged.logFactorRates());
  }

  @Test
  void aRunThatDiesPartWayResumesFromItsCheckpointToTheSameBits(@TempDir Path dir) {
    double[] whole = numbers(run(OPTIONS));
    RunCheckpoint.Settings checkpointing = settings(dir, "run-A", false);
    // the first attempt dies in the middle of the ensemble, after some blocks were saved (every block: interval 0)
    AtomicBoolean armed = new AtomicBoolean(true);
    IntFunction<TrajectoryBlock> dying = width -> {
      TrajectoryBlock real = Kernels.LINREG1D.blocks(MODEL, OPTIONS.seed(), Kernel.VECTOR).apply(width);
      return new Dying(real, 600, armed);
    };
    EnsembleReductions.Plan plan = new EnsembleReductions.Plan(OPTIONS, 0);
    plan.whole(0); // the statistics Linreg1dExperiment asks for, so that the saved reductions fit its reducer
    plan.late(0);
    Simulation.Settings settings = new Simulation.Settings(OPTIONS.trajectories(), OPTIONS.recordTimes(), 1, OPTIONS.blockWidth());
    assertThrows(IllegalStateException.class, () -> under(Execution.of(null, checkpointing),
        () -> plan.run(dying, settings, Simulation.Progress.NONE, "log_distance")));
    assertTrue(Files.isDirectory(dir.resolve("cp")), "the blocks finished before the failure are checkpointed");
    // the rerun, on other threads, resumes them and says so
    List<String> notices = new ArrayList<>();
    RunCheckpoint.Settings again = new RunCheckpoint.Settings(dir.resolve("cp"), "run-A", false, 0, notices::add);
    Execution rerun = Execution.of(null, again);
    double[] resumed = numbers(under(rerun, () -> run(withExecution(2, OPTIONS.blockWidth()))));
    assertArrayEquals(whole, resumed);
    assertTrue(notices.stream().anyMatch(n -> n.contains("resuming")), notices.toString());
    rerun.finished();
    assertTrue(Files.notExists(dir.resolve("cp")), "the checkpoint goes once the output is written");
  }

  @Test
  void aCheckpointOfAnotherRunIsRefusedOrWithForceDiscarded(@TempDir Path dir) {
    // leave a checkpoint of run A behind
    IntFunction<TrajectoryBlock> dying = width -> new Dying(
        Kernels.LINREG1D.blocks(MODEL, OPTIONS.seed(), Kernel.VECTOR).apply(width), 500, new AtomicBoolean(true));
    EnsembleReductions.Plan plan = new EnsembleReductions.Plan(OPTIONS, 0);
    Simulation.Settings settings = new Simulation.Settings(OPTIONS.trajectories(), OPTIONS.recordTimes(), 1, OPTIONS.blockWidth());
    assertThrows(IllegalStateException.class, () -> under(Execution.of(null, settings(dir, "run-A", false)),
        () -> plan.run(dying, settings, Simulation.Progress.NONE, "log_distance")));
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> under(Execution.of(null, settings(dir, "run-B", false)), () -> run(OPTIONS)));
    assertTrue(other.getMessage().contains("other arguments") && other.getMessage().contains("--force"), other.getMessage());
    IllegalArgumentException blocks = assertThrows(IllegalArgumentException.class,
        () -> under(Execution.of(null, settings(dir, "run-A", false)), () -> run(withExecution(1, OPTIONS.blockWidth() * 2))));
    assertTrue(blocks.getMessage().contains("--block"), blocks.getMessage());
    List<String> notices = new ArrayList<>();
    RunCheckpoint.Settings force = new RunCheckpoint.Settings(dir.resolve("cp"), "run-B", true, 0, notices::add);
    assertArrayEquals(numbers(run(OPTIONS)), numbers(under(Execution.of(null, force), () -> run(OPTIONS))));
    assertTrue(notices.stream().anyMatch(n -> n.contains("discarded")), notices.toString());
  }

  @Test
  void moreShardsThanGroupsOf64TrajectoriesIsRefusedInOneLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> under(Execution.of(new Shard(0, 17), null), () -> run(OPTIONS)));
    assertTrue(e.getMessage().contains("at most 16 shards"), e.getMessage());
  }

  private static RunCheckpoint.Settings settings(Path dir, String identity, boolean force) {
    return new RunCheckpoint.Settings(dir.resolve("cp"), identity, force, 0, s -> {});
  }

  /** A block that fails, once, when it starts trajectory {@code at}: a process killed in the middle. */
  private static final class Dying implements TrajectoryBlock {
    private final TrajectoryBlock real;
    private final long at;
    private final AtomicBoolean armed;

    Dying(TrajectoryBlock real, long at, AtomicBoolean armed) {
      this.real = real;
      this.at = at;
      this.armed = armed;
    }

    @Override
    public int width() {
      return real.width();
    }

    @Override
    public void start(long traj0) {
      if (traj0 <= at && at < traj0 + width() && armed.getAndSet(false)) {
        throw new IllegalStateException("killed");
      }
      real.start(traj0);
    }

    @Override
    public void advance(long from, long to) {
      real.advance(from, to);
    }

    @Override
    public void logDistance(double[] out) {
      real.logDistance(out);
    }

    @Override
    public int observables() {
      return real.observables();
    }

    @Override
    public void logDistance(int which, double[] out) {
      real.logDistance(which, out);
    }
  }
}
