package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  @Test
  void equalTextsHaveNoDiff() {
    assertEquals("", UnifiedDiff.diff("a", "b", "x\ny\n", "x\ny\n"));
  }

  @Test
  void oneChangedLineWithContext() {
    String old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String now = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    String expected =
        """
        --- a/f
        +++ b/f
        @@ -2,7 +2,7 @@
         2
         3
         4
        -5
        +five
         6
         7
         8
        """;
    assertEquals(expected, UnifiedDiff.diff("a/f", "b/f", old, now));
  }

  @Test
  void separateHunksWhenChangesAreFarApart() {
    StringBuilder old = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      old.append(i).append('\n');
    }
    String now = old.toString().replace("\n2\n", "\ntwo\n").replace("\n28\n", "\ntwenty-eight\n");
    String diff = UnifiedDiff.diff("a", "b", old.toString(), now);
    assertTrue(diff.contains("@@ -1,5 +1,5 @@"), diff);
    assertTrue(diff.contains("@@ -25,6 +25,6 @@"), diff);
  }

  @Test
  void insertionIntoEmptyAndMissingFinalNewline() {
    assertEquals(
        "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n",
        UnifiedDiff.diff("a", "b", "", "x"));
  }

  @Test
  void lineEndingChangeIsADifference() {
    String diff = UnifiedDiff.diff("a", "b", "x\r\ny\n", "x\ny\n");
    assertTrue(diff.contains("-x\r\n") && diff.contains("+x\n"), diff);
  }

  /** Applying the hunks of the diff to the old text must give the new text, for random edits. */
  @Test
  void randomEditsRoundTripThroughPatch() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<String> old = new ArrayList<>();
      int n = random.nextInt(40);
      for (int i = 0; i < n; i++) {
        old.add("line" + random.nextInt(8) + "\n");
      }
      List<String> now = new ArrayList<>(old);
      int edits = random.nextInt(6);
      for (int e = 0; e < edits; e++) {
        int op = random.nextInt(3);
        if (op == 0 || now.isEmpty()) {
          now.add(
              now.isEmpty() ? 0 : random.nextInt(now.size() + 1), "new" + random.nextInt(5) + "\n");
        } else if (op == 1) {
          now.remove(random.nextInt(now.size()));
        } else {
          now.set(random.nextInt(now.size()), "changed" + random.nextInt(5) + "\n");
        }
      }
      String oldText = String.join("", old);
      String newText = String.join("", now);
      String diff = UnifiedDiff.diff("a", "b", oldText, newText, random.nextInt(4));
      assertEquals(newText, applyPatch(oldText, diff), "round " + round + "\n" + diff);
    }
  }

  /** A minimal patch applier for well-formed unified diffs of newline-terminated lines. */
  private static String applyPatch(String oldText, String diff) {
    if (diff.isEmpty()) {
      return oldText;
    }
    List<String> old = UnifiedDiff.splitLines(oldText);
    List<String> lines = UnifiedDiff.splitLines(diff);
    StringBuilder out = new StringBuilder();
    int oldPos = 0;
    for (int i = 2; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("@@")) {
        String oldRange = line.split(" ")[1].substring(1);
        int start = Integer.parseInt(oldRange.split(",")[0]);
        int count = oldRange.contains(",") ? Integer.parseInt(oldRange.split(",")[1]) : 1;
        int startIndex = count == 0 ? start : start - 1;
        while (oldPos < startIndex) {
          out.append(old.get(oldPos++));
        }
      } else if (line.startsWith(" ")) {
        assertEquals(old.get(oldPos), line.substring(1));
        out.append(old.get(oldPos++));
      } else if (line.startsWith("-")) {
        assertEquals(old.get(oldPos), line.substring(1));
        oldPos++;
      } else if (line.startsWith("+")) {
        out.append(line.substring(1));
      }
    }
    while (oldPos < old.size()) {
      out.append(old.get(oldPos++));
    }
    return out.toString();
  }
}
