package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A bare {@code sgdmc simulate} (sweep, tails, scan) names every model it has with what each needs, in one
 * line; a help page that cites a seed paper by number names the paper.
 */
class ModelHintsTest {
  @Test
  void aBareCommandListsEveryModelWithWhatItNeeds() {
    CommandLine root = Cli.commandLine(new Main());
    for (String group : new String[] {"simulate", "sweep", "tails", "scan"}) {
      InspectCommandTest.Run r = InspectCommandTest.run(group);
      assertEquals(2, r.exitCode(), group);
      assertEquals(1, r.err().strip().lines().count(), r.err());
      int models = 0;
      for (var sub : root.getSubcommands().get(group).getSubcommands().values()) {
        String name = sub.getCommandName();
        assertTrue(r.err().contains(" " + name + " ("), group + " lacks " + name + ": " + r.err());
        models++;
      }
      assertTrue(models >= 2, group);
      assertTrue(r.err().contains("--lr"), r.err());
    }
    assertTrue(InspectCommandTest.run("simulate").err()
        .contains("saddle (--lr LR, and --mu MU (Gaussian data) or --data two-point --a A)"));
  }

  @Test
  void helpThatCitesSeed002NamesThePaper() {
    String help = InspectCommandTest.run("simulate", "linreg1d", "--help").out();
    assertTrue(help.contains("seed 002: Liu Ziyin, Botao Li, Tomer Galanti, Masahito Ueda"), help);
    assertTrue(help.replaceAll("\\s+", " ").contains("arXiv:2303.13093"), help);
    assertFalse(InspectCommandTest.run("inspect", "--help").out().contains("arXiv"), "inspect cites no seed");
  }
}
