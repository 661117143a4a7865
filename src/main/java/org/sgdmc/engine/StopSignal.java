package org.sgdmc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM (what Slurm sends at preemption or at the time limit, KillWait seconds before SIGKILL) and SIGINT
 * (Ctrl-C) turned into a request to stop cleanly, for as long as a checkpointed run is going: the work stops at
 * the next block, the checkpoint is saved, and the command exits with {@link #EXIT_CODE} so that a job script
 * can requeue itself. Outside such a run the signals keep their default meaning (the JVM exits). The JDK's
 * supported way to catch a signal is this one, in {@code jdk.unsupported}; shutdown hooks cannot delay the
 * exit long enough to let workers finish a block.
 */
public final class StopSignal implements AutoCloseable {
  /** The exit code of a run stopped by a signal after saving its checkpoint (EX_TEMPFAIL: rerun it). */
  public static final int EXIT_CODE = 75;

  private static final String[] SIGNALS = {"TERM", "INT"};

  private final AtomicReference<String> received = new AtomicReference<>();
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignal() {}

  /**
   * Catches SIGTERM and SIGINT until {@link #close()}; {@code onStop} (may be null) runs on the signal's thread
   * at the first one.
   */
  public static StopSignal install(Runnable onStop) {
    StopSignal s = new StopSignal();
    for (String name : SIGNALS) {
      try {
        Signal signal = new Signal(name);
        SignalHandler old = Signal.handle(signal, sig -> {
          if (s.received.compareAndSet(null, "SIG" + sig.getName()) && onStop != null) {
            onStop.run();
          }
        });
        s.signals.add(signal);
        s.previous.add(old);
      } catch (IllegalArgumentException e) {
        // the JVM keeps this signal for itself (e.g. -Xrs): it keeps its default meaning
      }
    }
    return s;
  }

  /** Whether a stop was asked for. */
  public boolean requested() {
    return received.get() != null;
  }

  /** The signal that asked, e.g. {@code SIGTERM}, or null. */
  public String signal() {
    return received.get();
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
