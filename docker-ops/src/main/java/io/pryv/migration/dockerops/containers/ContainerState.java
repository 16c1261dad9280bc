package io.pryv.migration.dockerops.containers;

/**
 * One container as docker reports it: {@code state} is docker's (running, exited, ...) or "absent".
 */
public record ContainerState(String name, String state, String status, String image) {
  public static final String ABSENT = "absent";

  public boolean running() {
    return "running".equals(state);
  }
}
