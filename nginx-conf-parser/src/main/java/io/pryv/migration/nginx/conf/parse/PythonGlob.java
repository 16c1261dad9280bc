package io.pryv.migration.nginx.conf.parse;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python 3's {@code glob.glob} (not recursive) on POSIX, as crossplane uses it for {@code include}
 * patterns: {@code *}, {@code ?} and {@code [...]} per path component, names starting with a dot
 * only matched by a pattern starting with a dot, results named like the pattern. Relative patterns
 * are looked up in {@code workingDir}.
 */
final class PythonGlob {
  private PythonGlob() {}

  static boolean hasMagic(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /** The matches, unsorted (crossplane sorts them). */
  static List<String> glob(String pattern, Path workingDir) {
    return glob(pattern, workingDir, false);
  }

  private static List<String> glob(String pattern, Path workingDir, boolean dirOnly) {
    List<String> results = new ArrayList<>();
    String dirname = PythonPaths.dirname(pattern);
    String basename = PythonPaths.basename(pattern);
    if (!hasMagic(pattern)) {
      Path path = resolve(workingDir, pattern);
      boolean found =
          basename.isEmpty()
              ? Files.isDirectory(path)
              : Files.exists(path, LinkOption.NOFOLLOW_LINKS);
      if (found) {
        results.add(pattern);
      }
      return results;
    }
    if (dirname.isEmpty()) {
      results.addAll(matchInDir(workingDir, "", basename, dirOnly));
      return results;
    }
    List<String> dirs =
        !dirname.equals(pattern) && hasMagic(dirname)
            ? glob(dirname, workingDir, true)
            : List.of(dirname);
    for (String dir : dirs) {
      List<String> names;
      if (hasMagic(basename)) {
        names = matchInDir(workingDir, dir, basename, dirOnly);
      } else {
        Path base = resolve(workingDir, dir);
        boolean found =
            basename.isEmpty()
                ? Files.isDirectory(base)
                : Files.exists(base.resolve(basename), LinkOption.NOFOLLOW_LINKS);
        names = found ? List.of(basename) : List.of();
      }
      for (String name : names) {
        results.add(PythonPaths.join(dir, name));
      }
    }
    return results;
  }

  private static List<String> matchInDir(
      Path workingDir, String dir, String pattern, boolean dirOnly) {
    List<String> names = new ArrayList<>();
    Pattern regex = Pattern.compile(translate(pattern), Pattern.DOTALL);
    boolean hiddenAllowed = pattern.startsWith(".");
    Path folder = dir.isEmpty() ? workingDir : resolve(workingDir, dir);
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(folder.toString().isEmpty() ? Path.of(".") : folder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!hiddenAllowed && name.startsWith(".")) {
          continue;
        }
        if (dirOnly && !Files.isDirectory(entry)) {
          continue;
        }
        if (regex.matcher(name).matches()) {
          names.add(name);
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // Python's glob ignores folders it cannot list
    }
    return names;
  }

  private static Path resolve(Path workingDir, String name) {
    return workingDir.resolve(name);
  }

  /** Python's {@code fnmatch.translate}, as a Java regex. */
  static String translate(String pattern) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i++);
      if (c == '*') {
        while (i < n && pattern.charAt(i) == '*') {
          i++;
        }
        out.append(".*");
      } else if (c == '?') {
        out.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && pattern.charAt(j) == '!') {
          j++;
        }
        if (j < n && pattern.charAt(j) == ']') {
          j++;
        }
        while (j < n && pattern.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          out.append("\\[");
        } else {
          String stuff = pattern.substring(i, j);
          i = j + 1;
          out.append('[');
          int k = 0;
          if (stuff.startsWith("!")) {
            out.append('^');
            k = 1;
          }
          for (; k < stuff.length(); k++) {
            char s = stuff.charAt(k);
            if (s == '-') {
              out.append('-');
            } else {
              out.append(quoteInClass(s));
            }
          }
          out.append(']');
        }
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }

  private static String quoteInClass(char c) {
    return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
  }
}
