package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The origin saddle is rank-0 everywhere (seed 002, Sec. 4.2: "The rank-0 point where u_i = w_i = 0 ... is a
 * saddle point"); the old texts called it rank-0 in some places and rank-1 in others.
 */
class SaddleWordingTest {
  @Test
  void theDocsAndTheHelpSayRankZero() throws IOException {
    for (String doc : new String[] {"README.md", "data/SCHEMA.md"}) {
      assertFalse(Files.readString(Path.of(doc)).contains("rank-1 saddle"), doc);
    }
    for (Object command : new Object[] {new SweepSaddleCommand(), new SimulateSaddleCommand()}) {
      String usage = new CommandLine(command).getUsageMessage();
      assertFalse(usage.contains("rank-1"), usage);
    }
  }
}
