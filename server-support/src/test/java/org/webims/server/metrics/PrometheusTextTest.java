package org.webims.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus text format as the management ports write it (issue 16, point 4: the console reads the nodes'
 * figures from it): samples with and without labels, escapes in label values, special values, timestamps; bad
 * lines are skipped one by one and never cost the good ones.
 */
class PrometheusTextTest {

  private static final String SCRAPE = String.join("\n",
      "# HELP webims_epcscf_ws_connections WebSocket connections open now",
      "# TYPE webims_epcscf_ws_connections gauge",
      "webims_epcscf_ws_connections 3.0",
      "webims_epcscf_registrations{application=\"ep-cscf\"} 2.0",
      "webims_waf_leases_total{event=\"granted\",pool=\"guests\",reason=\"none\",} 7.0",
      "webims_waf_leases_total{event=\"refused\",pool=\"guests\",reason=\"exhausted\",} 1.0",
      "webims_epcscf_register_duration_seconds_bucket{le=\"+Inf\"} 12.0",
      "jvm_info{version=\"17 \\\"quoted\\\" back\\\\slash\\nline, comma}\"} 1.0 1700000000000",
      "webims_waf_leases_active NaN",
      "",
      "process_start_time_seconds 1.7E9",
      "");

  @Test
  void readsSamplesWithAndWithoutLabels() {
    PrometheusText text = PrometheusText.parse(SCRAPE);

    assertThat(text.value("webims_epcscf_ws_connections")).hasValue(3.0);
    assertThat(text.value("webims_epcscf_registrations")).hasValue(2.0);
    assertThat(text.value("webims_waf_leases_total", "event", "refused")).hasValue(1.0);
    assertThat(text.value("webims_waf_leases_total", "event", "granted", "pool", "guests")).hasValue(7.0);
    assertThat(text.value("process_start_time_seconds")).hasValue(1.7e9);
    assertThat(text.sum("webims_waf_leases_total")).isEqualTo(8.0);
  }

  @Test
  void aNameIsMatchedWholeNotAsAPrefix() {
    PrometheusText text = PrometheusText.parse(SCRAPE);

    assertThat(text.value("webims_epcscf_ws")).isEmpty();
    assertThat(text.value("webims_waf_leases")).isEmpty();
    assertThat(text.value("webims_waf_leases_total", "event", "released")).isEmpty();
  }

  @Test
  void labelValuesAreUnescapedAndMayHoldCommasAndBraces() {
    PrometheusText text = PrometheusText.parse(SCRAPE);

    assertThat(text.samples()).anySatisfy(sample -> {
      assertThat(sample.name()).isEqualTo("jvm_info");
      assertThat(sample.labels()).isEqualTo(Map.of("version", "17 \"quoted\" back\\slash\nline, comma}"));
      assertThat(sample.value()).isEqualTo(1.0);
    });
  }

  @Test
  void specialValuesAreRead() {
    PrometheusText text = PrometheusText.parse(String.join("\n", "a NaN", "b +Inf", "c -Inf", "d -1.5e-3"));

    assertThat(text.value("a").getAsDouble()).isNaN();
    assertThat(text.value("b")).hasValue(Double.POSITIVE_INFINITY);
    assertThat(text.value("c")).hasValue(Double.NEGATIVE_INFINITY);
    assertThat(text.value("d")).hasValue(-1.5e-3);
  }

  @Test
  void badLinesAreSkippedAndCountedAndTheRestIsRead() {
    PrometheusText text = PrometheusText.parse(String.join("\r\n",
        "good_one 1",
        "no_value",
        "bad_value abc",
        "unclosed{a=\"b\" 1",
        "unquoted{a=b} 1",
        "bad_escape{a=\"\\q\"} 1",
        "{a=\"b\"} 1",
        "9starts_with_a_digit 1",
        "trailing_garbage 1 2 3",
        "bad_timestamp 1 soon",
        "   ",
        "good_two{a=\"b\"} 2",
        "\u0000\u00ff{}}{ 4"));

    assertThat(text.value("good_one")).hasValue(1.0);
    assertThat(text.value("good_two", "a", "b")).hasValue(2.0);
    assertThat(text.samples()).hasSize(2);
    assertThat(text.skippedLines()).isEqualTo(10);
  }

  @Test
  void emptyAndNullTextHaveNoSamples() {
    assertThat(PrometheusText.parse("").samples()).isEmpty();
    assertThat(PrometheusText.parse(null).samples()).isEmpty();
    assertThat(PrometheusText.parse("\n\n# only a comment\n").skippedLines()).isZero();
  }

  @Test
  void anOddNumberOfLabelArgumentsIsAnError() {
    PrometheusText text = PrometheusText.parse(SCRAPE);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> text.value("webims_waf_leases_total", "event"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
