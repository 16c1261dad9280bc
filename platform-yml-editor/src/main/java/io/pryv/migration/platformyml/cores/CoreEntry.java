package io.pryv.migration.platformyml.cores;

import io.pryv.migration.platformyml.path.YamlPath;

/**
 * One core of the platform: its hosting, its name, its IP as written (null when the core has no ip
 * key).
 */
public record CoreEntry(String hosting, String core, String ip, String path, int line) {
  public YamlPath ipPath() {
    return YamlPath.parse(path);
  }
}
