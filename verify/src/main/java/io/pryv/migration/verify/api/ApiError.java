package io.pryv.migration.verify.api;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;

/**
 * A 4xx answer of the API, with its own error id and message ({@code {"error":{"id","message"}}}).
 */
public final class ApiError extends ToolException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String errorId;

  public ApiError(String request, int status, String errorId, String message) {
    super(ExitCode.ENVIRONMENT, request + ": HTTP " + status + " " + errorId + ": " + message);
    this.status = status;
    this.errorId = errorId;
  }

  public int status() {
    return status;
  }

  public String errorId() {
    return errorId;
  }
}
