package org.sgdmc.kernels;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HotSpot's compilation log ({@code -XX:+LogCompilation}) for the inlining failures that cost a kernel
 * its fast path: a C2 compile (level 4) that did not inline a project method taking or returning a Vector API
 * type. Such a call passes its vectors as heap objects, one allocation per operand, which is how a kernel
 * falls from C speed to several times slower with no other sign.
 *
 * <p>The log is line-oriented XML: within a {@code <task>}, {@code <klass>} and {@code <type>} elements name
 * the ids that {@code <method>} elements use for their holder, return type and arguments, and each call site
 * is a {@code <call method='id'>} followed, when C2 declined it, by {@code <inline_fail reason=...>}. Ids are
 * local to a task. Reading it line by line keeps a 50 MB log cheap.
 */
final class InliningLog {
  private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)='([^']*)'");
  private static final String VECTOR_PACKAGE = "jdk.incubator.vector.";
  private static final String PROJECT_PACKAGE = "org.sgdmc.";

  /** A call C2 declined: {@code Class::method(arguments)returns}, inside which compiled method, and why. */
  record Failure(String callee, String compiledMethod, String reason) {
    @Override
    public String toString() {
      return callee + " not inlined into " + compiledMethod + ": " + reason;
    }
  }

  private InliningLog() {}

  /** Prints the failures in the log named by the argument: {@code java -cp ... InliningLog compile.log}. */
  public static void main(String[] args) throws IOException {
    vectorCallFailures(Path.of(args[0])).stream().map(Object::toString).distinct().forEach(System.out::println);
  }

  /** Every C2 inlining failure of a project method with a vector in its signature. */
  static List<Failure> vectorCallFailures(Path log) throws IOException {
    List<Failure> failures = new ArrayList<>();
    Map<String, String> names = new HashMap<>(); // klass and type ids of the current task
    Map<String, Map<String, String>> methods = new HashMap<>();
    String task = null;
    boolean c2 = false;
    String lastCall = null;
    try (BufferedReader in = Files.newBufferedReader(log)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("<task ")) {
          Map<String, String> a = attributes(line);
          task = a.get("method");
          c2 = "4".equals(a.get("level")) || !a.containsKey("level");
          names.clear();
          methods.clear();
          lastCall = null;
        } else if (line.startsWith("</task>")) {
          task = null;
        } else if (task == null || !c2) {
          continue;
        } else if (line.startsWith("<klass ") || line.startsWith("<type ")) {
          Map<String, String> a = attributes(line);
          names.put(a.get("id"), a.get("name"));
        } else if (line.startsWith("<method ")) {
          Map<String, String> a = attributes(line);
          methods.put(a.get("id"), a);
        } else if (line.startsWith("<call ")) {
          lastCall = attributes(line).get("method");
        } else if (line.startsWith("<inline_fail ") && lastCall != null) {
          Map<String, String> m = methods.get(lastCall);
          if (m != null && isProjectVectorMethod(m, names)) {
            failures.add(new Failure(describe(m, names), task.replace("&lt;", "<").replace("&gt;", ">"),
                attributes(line).get("reason").replace("&apos;", "'")));
          }
        }
      }
    }
    return failures;
  }

  private static boolean isProjectVectorMethod(Map<String, String> method, Map<String, String> names) {
    String holder = names.getOrDefault(method.get("holder"), "");
    if (!holder.startsWith(PROJECT_PACKAGE)) {
      return false;
    }
    if (names.getOrDefault(method.get("return"), "").startsWith(VECTOR_PACKAGE)) {
      return true;
    }
    for (String id : method.getOrDefault("arguments", "").split(" ")) {
      if (names.getOrDefault(id, "").startsWith(VECTOR_PACKAGE)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Map<String, String> method, Map<String, String> names) {
    StringBuilder s = new StringBuilder(names.getOrDefault(method.get("holder"), "?"))
        .append("::").append(method.get("name")).append('(');
    String args = method.getOrDefault("arguments", "");
    if (!args.isEmpty()) {
      for (String id : args.split(" ")) {
        String n = names.getOrDefault(id, id);
        s.append(n.substring(n.lastIndexOf('.') + 1)).append(',');
      }
      s.setLength(s.length() - 1);
    }
    return s.append(')').toString();
  }

  private static Map<String, String> attributes(String line) {
    Map<String, String> a = new HashMap<>();
    Matcher m = ATTRIBUTE.matcher(line);
    while (m.find()) {
      a.put(m.group(1), m.group(2));
    }
    return a;
  }
}
