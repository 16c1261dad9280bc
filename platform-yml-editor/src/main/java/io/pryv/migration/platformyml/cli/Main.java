package io.pryv.migration.platformyml.cli;

/** Entry point of {@code platform-yml-editor.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new PlatformYmlEditorTool(System.out, System.err).run(args));
  }
}
