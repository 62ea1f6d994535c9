package org.webims.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** Shared by the servers' tests: an answer is an RFC 9457 problem as every server writes them (issue 12 point 8). */
public final class ProblemAssert {

  private ProblemAssert() {
  }

  /** {@code response} has {@code status}, the problem media type, and type, title, status and detail members. */
  public static void assertProblem(HttpResponse<String> response, int status, String title) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"type\":", "\"title\":\"" + title + "\"", "\"status\":" + status,
        "\"detail\":").doesNotContain("999", "\"error\":", "Exception", "\"trace\"");
  }
}
