package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteCommandTest {

  @Test
  void quotesEveryArgument() {
    assertEquals(
        "'ls' '-l' 'a b' '$HOME' 'it'\\''s' ';rm'",
        RemoteCommand.join(List.of("ls", "-l", "a b", "$HOME", "it's", ";rm")));
  }

  @Test
  void workingDirectoryBecomesQuotedCd() {
    assertEquals(
        "cd '/var/pryv/x y' && 'docker' 'ps'",
        RemoteCommand.inDirectory("/var/pryv/x y", List.of("docker", "ps")));
  }
}
