package io.pryv.migration.platformyml.edit;

import io.pryv.migration.platformyml.yaml.YamlLoader;
import io.pryv.migration.platformyml.yaml.YamlText;

/** {@link ScalarEditor#edit} on a source the test has not composed yet. */
final class Edits {
  private Edits() {}

  static ScalarEditor.Result edit(YamlText source, ScalarEditor.Request request) {
    return ScalarEditor.edit(source, YamlLoader.compose(source), request);
  }
}
