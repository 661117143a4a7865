package org.sgdmc.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.sgdmc.io.BenchFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.kernels.KernelEntry;
import org.sgdmc.kernels.KernelRegistry;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.perf.BenchReport;
import org.sgdmc.perf.BenchWorker;
import org.sgdmc.perf.HostInfo;
import org.sgdmc.perf.NativeInProcess;
import org.sgdmc.perf.NativeReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sgdmc bench}: every kernel's trajectory-steps per second on this host at 1, 2, 4, ... threads up to
 * every core and at every vector width the JVM runs, beside the native C reference, as a table and an HDF5
 * report. One forked JVM per width (the width is fixed when the kernels load); in each, every kernel is warmed
 * up, then measured several times per thread count. The default run fits in about 2.5 minutes whatever the
 * core count: the time of one measurement shrinks to fit; {@code --long} takes 1 s and 10 repetitions each.
 */
@Command(
    name = "bench",
    header = "Measure every kernel on this host: threads x vector widths, beside a native C reference.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class BenchCommand implements Runnable {
  /** One kernel per code path that matters for speed; --kernels all takes every registry entry. */
  static final List<String> DEFAULT_KERNELS = List.of("linreg1d-gaussian", "linreg1d-gaussian-single", "linreg1d-gaussian-batch",
      "linreg1d-finite", "saddle-gaussian", "linear-d", "two-layer-tanh", "two-layer-swish",
      "linreg1d-tails-minibatch-stream", "linreg1d-tails-gaussian-stream", "linreg1d-tails-stable-stream",
      "linear-d-tails-stream");
  /** The default run's budget for the Java measurements, in seconds. */
  static final double BUDGET_SECONDS = 150;
  /** Warm-up per kernel and width: at least this, then until the rate is steady (BenchWorker). */
  static final double WARMUP_SECONDS = 1.0;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--kernels", split = ",", paramLabel = "NAME",
      description = "Kernels to measure (KernelRegistry names, or all; default: one per code path).")
  List<String> kernels;

  @Option(names = "--threads", split = ",", paramLabel = "T",
      description = "Thread counts (default: 1, 2, 4, ... and the number of cores).")
  List<Integer> threads;

  @Option(names = "--bits", split = ",", paramLabel = "B",
      description = "Vector widths in bits (default: every width from the CPU's widest down to 128).")
  List<Integer> bits;

  @Option(names = "--seconds", paramLabel = "S",
      description = "Wall time of one measurement (default: what fits the run in about 2.5 minutes, at most 0.25).")
  Double seconds;

  @Option(names = "--repeats", paramLabel = "R", description = "Measurements per kernel, width and thread count (default: 3).")
  Integer repeats;

  @Option(names = "--long", description = "A longer, more precise run: 1 s per measurement, 10 repetitions.")
  boolean longRun;

  @Option(names = "--native", negatable = true,
      description = "Compile and run the native C reference when a C compiler is present (default: on).")
  Boolean withNative;

  @Option(names = "--jvm-option", paramLabel = "OPT",
      description = "An extra option for the measuring JVMs, e.g. -XX:UseAVX=2 (repeatable).")
  List<String> jvmOptions = new ArrayList<>();

  @Mixin OutputMixin output;

  @Override
  public void run() {
    List<String> names = kernelNames();
    List<Integer> threadCounts = threadCounts();
    List<Integer> widths = widths();
    int reps = repeats != null ? repeats : longRun ? 10 : 3;
    if (reps < 1 || reps > 1000) {
      throw new UserError("--repeats must be in 1..1000, not " + reps);
    }
    double secs = seconds != null ? seconds : longRun ? 1.0
        : Math.max(0.05, Math.min(0.25,
            (BUDGET_SECONDS / (widths.size() * names.size()) - 1.5 * WARMUP_SECONDS) / (threadCounts.size() * (1.0 + reps))));
    if (!(secs > 0) || secs > 600) {
      throw new UserError("--seconds must be in (0, 600], not " + secs);
    }
    if (output.out == null) {
      output.out = Path.of("bench.h5");
    }
    Output.checkWritable(output);
    PrintStream err = System.err;
    boolean progress = output.showProgress();
    HostInfo host = HostInfo.current();
    List<BenchReport.Measurement> measurements = new ArrayList<>();
    for (int b : widths) {
      if (progress) {
        err.printf("bench: %d-bit vectors, %d kernels x threads %s ...%n", b, names.size(), threadCounts);
      }
      measurements.addAll(measureWidth(b, names, threadCounts, secs, reps));
    }
    List<NativeReference.Run> nativeRuns = new ArrayList<>();
    List<NativeReference.Run> inProcessRuns = new ArrayList<>();
    double[] downcall = {Double.NaN};
    String[] inProcessNote = {"not run (--no-native)"};
    String compiler = withNative != Boolean.FALSE
        ? runNative(threadCounts, secs, reps, nativeRuns, inProcessRuns, downcall, inProcessNote, progress)
        : "not run (--no-native)";
    BenchReport report = new BenchReport(host, secs, reps, measurements, nativeRuns, compiler, inProcessRuns,
        downcall[0], inProcessNote[0]);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), output.commandLine(spec), 0);
    Output.write(() -> BenchFile.write(output.out, output.force, meta, report));
    print(System.out, report);
    System.out.println("wrote " + output.out + "   (plot: scripts/plot_bench.py " + output.out + ")");
  }

  private List<String> kernelNames() {
    if (kernels == null) {
      return DEFAULT_KERNELS;
    }
    if (kernels.contains("all")) {
      if (kernels.size() > 1) {
        throw new UserError("--kernels all takes every kernel: give it alone, or give names without it");
      }
      return KernelRegistry.entries().stream().map(KernelEntry::name).toList();
    }
    List<String> known = KernelRegistry.entries().stream().map(KernelEntry::name).toList();
    for (String k : kernels) {
      if (!known.contains(k)) {
        throw new UserError("--kernels: no kernel '" + k + "'; known: " + String.join(", ", known) + " (or all)");
      }
    }
    return List.copyOf(new LinkedHashSet<>(kernels));
  }

  private List<Integer> threadCounts() {
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads == null) {
      TreeSet<Integer> t = new TreeSet<>();
      for (int k = 1; k <= cores; k *= 2) {
        t.add(k);
      }
      t.add(cores);
      return List.copyOf(t);
    }
    for (int t : threads) {
      if (t < 1 || t > 4096) {
        throw new UserError("--threads must be in 1..4096, not " + t);
      }
    }
    return List.copyOf(new TreeSet<>(threads));
  }

  private List<Integer> widths() {
    VectorizationProvider p = VectorizationProvider.lookup();
    if (!p.vectorised()) {
      throw new UserError("the vector kernels cannot run in this JVM (" + p.describe() + "): nothing to measure");
    }
    int widest = 64 * p.lanes();
    if (bits == null) {
      List<Integer> all = new ArrayList<>();
      for (int b = widest; b >= 128; b /= 2) {
        all.add(b);
      }
      return all;
    }
    for (int b : bits) {
      if (b != 128 && b != 256 && b != 512) {
        throw new UserError("--bits must be 128, 256 or 512, not " + b);
      }
      if (b > widest) {
        throw new UserError("--bits " + b + ": this JVM's widest vectors are " + widest + " bits on this CPU");
      }
    }
    return List.copyOf(new TreeSet<>(bits).descendingSet());
  }

  /** Runs {@link BenchWorker} in a JVM forced to {@code bits}-bit vectors and reads its results. */
  private List<BenchReport.Measurement> measureWidth(int bits, List<String> names, List<Integer> threadCounts,
      double secs, int reps) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-Dsgdmc.vector.bits=")) {
        command.add(a);
      }
    }
    command.add("-Dsgdmc.vector.bits=" + bits);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchWorker.class.getName(),
        String.join(",", names), String.join(",", threadCounts.stream().map(String::valueOf).toList()),
        Double.toString(secs), Integer.toString(reps), Double.toString(longRun ? 3 * WARMUP_SECONDS : WARMUP_SECONDS)));
    List<BenchReport.Measurement> out = new ArrayList<>();
    StringBuilder other = new StringBuilder();
    try {
      // stderr joins stdout so that a JVM that fails to start (a bad --jvm-option) says why
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      int lanes = 0;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] f = line.trim().split("\\s+");
          if (f[0].equals("width")) {
            lanes = Integer.parseInt(f[1]);
          } else if (f[0].equals("result")) {
            double[] rates = new double[f.length - 3];
            for (int i = 0; i < rates.length; i++) {
              rates[i] = Double.parseDouble(f[3 + i]);
            }
            out.add(new BenchReport.Measurement(f[1], bits, lanes, Integer.parseInt(f[2]), rates));
          } else if (!line.isBlank() && !line.startsWith("WARNING: Using incubator modules")) {
            other.append(line).append('\n');
          }
        }
      }
      int code = p.waitFor();
      if (code != 0 || out.size() != names.size() * threadCounts.size()) {
        throw new UserError("the measuring JVM at " + bits + " bits failed (exit " + code + ")"
            + (other.isEmpty() ? "" : ": " + other.toString().lines().findFirst().orElse("")));
      }
      if (lanes * 64 != bits) {
        throw new UserError("the measuring JVM ran " + lanes + " lanes, not the " + bits / 64 + " of " + bits + " bits");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted");
    }
    return out;
  }

  /**
   * Compiles and runs the C reference at every thread count, as a process and, loaded as a shared library, in this
   * JVM through java.lang.foreign (with the price of one downcall); returns its compiler line or why it did not run.
   */
  private static String runNative(List<Integer> threadCounts, double secs, int reps, List<NativeReference.Run> runs,
      List<NativeReference.Run> inProcessRuns, double[] downcall, String[] inProcessNote, boolean progress) {
    List<String> why = new ArrayList<>();
    try {
      Optional<NativeReference> ref = NativeReference.compile(why);
      if (ref.isEmpty()) {
        inProcessNote[0] = "not run: " + why.get(0);
        return "not run: " + why.get(0);
      }
      try (NativeReference c = ref.get()) {
        if (progress) {
          System.err.println("bench: native C reference (" + c.compiler() + ") ...");
        }
        double rate = c.run(1 << 14, 256, 1).trajStepsPerSecond(); // calibration
        for (int t : threadCounts) {
          long traj = nativeTrajectories(rate, t, secs);
          double[] r = new double[reps];
          NativeReference.Run last = null;
          for (int i = 0; i < reps; i++) {
            last = c.run(traj, 256, t);
            r[i] = last.trajStepsPerSecond();
          }
          java.util.Arrays.sort(r);
          runs.add(new NativeReference.Run(t, r[reps / 2], last.lyapunov(), last.seconds()));
        }
        inProcessNote[0] = runInProcess(c, rate, threadCounts, secs, reps, inProcessRuns, downcall);
        return c.compiler();
      }
    } catch (IOException e) {
      return "failed: " + e.getMessage();
    }
  }

  /** Trajectories (a multiple of 64) for about {@code secs} of the C reference on {@code t} threads. */
  private static long nativeTrajectories(double rate, int t, double secs) {
    return Math.max(64L * t, (long) (rate * t * secs / 256) / 64 * 64);
  }

  /** The in-process runs and the downcall price; returns "run" or why not. */
  private static String runInProcess(NativeReference c, double rate, List<Integer> threadCounts, double secs, int reps,
      List<NativeReference.Run> inProcessRuns, double[] downcall) {
    List<String> why = new ArrayList<>();
    Optional<NativeInProcess> loaded = c.inProcess(why);
    if (loaded.isEmpty()) {
      return "not run: " + why.get(0);
    }
    try (NativeInProcess lib = loaded.get()) {
      for (int t : threadCounts) {
        long traj = nativeTrajectories(rate, t, secs);
        double[] r = new double[reps];
        NativeReference.Run last = null;
        for (int i = 0; i < reps; i++) {
          last = lib.run(traj, 256, t);
          r[i] = last.trajStepsPerSecond();
        }
        java.util.Arrays.sort(r);
        inProcessRuns.add(new NativeReference.Run(t, r[reps / 2], last.lyapunov(), last.seconds()));
      }
      downcall[0] = lib.downcallNanos(1_000_000);
      return "run";
    } catch (IllegalStateException e) {
      return "failed: " + e.getMessage();
    }
  }

  static void print(PrintStream ps, BenchReport r) {
    ps.println("host: " + r.host().line());
    ps.printf(Locale.ROOT, "%d repetitions of %.2f s each; blocks of 64 trajectories x 256 steps; rate = median "
        + "trajectory-steps/s%n", r.repeats(), r.seconds());
    ps.printf(Locale.ROOT, "%-42s %5s %5s %7s %12s %7s %10s %7s%n", "kernel", "bits", "lanes", "threads", "rate",
        "spread", "efficiency", "vs C");
    for (BenchReport.Measurement m : r.measurements()) {
      double vsC = m.kernel().equals("linreg1d-gaussian") ? m.median() / r.nativeRate(m.threads()) : Double.NaN;
      ps.printf(Locale.ROOT, "%-42s %5d %5d %7d %12.3e %6.1f%% %10s %7s%n", m.kernel(), m.bits(), m.lanes(),
          m.threads(), m.median(), 100 * m.spread(), fmt(r.efficiency(m)), fmt(vsC));
    }
    if (r.nativeRuns().isEmpty()) {
      ps.println("native C reference: " + r.nativeCompiler());
    } else {
      for (NativeReference.Run n : r.nativeRuns()) {
        ps.printf(Locale.ROOT, "%-42s %5s %5s %7d %12.3e %7s %10s %7s   Lyapunov %.5f (theory -0.48463)%n",
            "native C reference, linreg1d Gaussian S=1", "-", "-", n.threads(), n.trajStepsPerSecond(), "",
            fmt(n.trajStepsPerSecond() / (n.threads() * r.nativeRate(1))), "1.00", n.lyapunov());
      }
      for (NativeReference.Run n : r.inProcessRuns()) {
        ps.printf(Locale.ROOT, "%-42s %5s %5s %7d %12.3e %7s %10s %7s   Lyapunov %.5f%n",
            "native C reference, in process (FFM)", "-", "-", n.threads(), n.trajStepsPerSecond(), "",
            fmt(n.trajStepsPerSecond() / (n.threads() * r.nativeRate(1))), fmt(n.trajStepsPerSecond() / r.nativeRate(n.threads())),
            n.lyapunov());
      }
      ps.println("native C reference compiled with " + r.nativeCompiler());
      ps.println(r.inProcessRuns().isEmpty() ? "in process (java.lang.foreign): " + r.inProcessNote()
          : String.format(Locale.ROOT, "in process: the same C, a shared library called through java.lang.foreign; "
              + "one downcall (a no-op) costs %.1f ns", r.downcallNanos()));
    }
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }
}
