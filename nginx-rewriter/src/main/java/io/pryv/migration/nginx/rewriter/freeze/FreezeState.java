package io.pryv.migration.nginx.rewriter.freeze;

import java.util.List;

/**
 * Whether a file (with its includes) is frozen, server block by server block.
 *
 * @param frozen at least one server block refuses writes
 * @param retryAfter the Retry-After of the freeze, null when not frozen
 */
public record FreezeState(String file, boolean frozen, Integer retryAfter, List<Server> servers) {

  /** One HTTP server block: where it is, and whether it is frozen. */
  public record Server(String file, int line, boolean frozen) {}

  public long frozenCount() {
    return servers.stream().filter(Server::frozen).count();
  }
}
