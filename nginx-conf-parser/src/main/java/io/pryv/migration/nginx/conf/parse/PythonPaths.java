package io.pryv.migration.nginx.conf.parse;

/**
 * {@code os.path} on POSIX, on plain strings: crossplane keeps file names as the user wrote them.
 */
final class PythonPaths {
  private PythonPaths() {}

  static boolean isAbsolute(String path) {
    return path.startsWith("/");
  }

  static String dirname(String path) {
    int slash = path.lastIndexOf('/');
    String head = path.substring(0, slash + 1);
    if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) {
      int end = head.length();
      while (end > 0 && head.charAt(end - 1) == '/') {
        end--;
      }
      head = head.substring(0, end);
    }
    return head;
  }

  static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static String join(String first, String second) {
    if (second.startsWith("/")) {
      return second;
    }
    if (first.isEmpty() || first.endsWith("/")) {
      return first + second;
    }
    return first + "/" + second;
  }
}
