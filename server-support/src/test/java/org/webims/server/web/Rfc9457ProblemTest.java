package org.webims.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rfc9457ProblemTest {

  @Test
  void writesEveryMemberWithTheTypeAndEscapesWhatCameFromTheRequest() {
    assertThat(Rfc9457Problem.json(404, "Not Found", "There is no resource at this path.", "/a\"b\\c\n\uD83D"))
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"There is no resource at this path.\",\"instance\":\"/a\\\"b\\\\c\\u000a\\ufffd\"}");
  }

  @Test
  void aProblemForAControllerHasItsType() {
    assertThat(Rfc9457Problem.of(org.springframework.http.HttpStatus.CONFLICT, "x").getType())
        .isEqualTo(Rfc9457Problem.ABOUT_BLANK);
  }
}
