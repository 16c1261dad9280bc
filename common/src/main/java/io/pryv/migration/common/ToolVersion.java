package io.pryv.migration.common;

/** The version a tool prints for {@code --version}, from its jar manifest. */
public final class ToolVersion {
  private ToolVersion() {}

  public static String of(Class<?> toolClass) {
    String version =
        toolClass.getPackage() == null ? null : toolClass.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }
}
