package org.webims.server.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The samples of a Prometheus text exposition (format 0.0.4, what {@code /actuator/prometheus} answers): one
 * {@code name{label="value",...} value [timestamp]} per line, comments and blank lines ignored. Issue 16, point 4:
 * the console reads each node's figures from it. A line that is not a well-formed sample is skipped and counted,
 * and costs no other line: a node's odd output never hides the figures it does give.
 */
public final class PrometheusText {

  /** One sample: metric name, labels (unescaped values, in the order written) and value. */
  public record Sample(String name, Map<String, String> labels, double value) {
  }

  private final List<Sample> samples;
  private final int skippedLines;

  private PrometheusText(List<Sample> samples, int skippedLines) {
    this.samples = Collections.unmodifiableList(samples);
    this.skippedLines = skippedLines;
  }

  /** Parses {@code text}; {@code null} is an empty exposition. */
  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    int skipped = 0;
    if (text != null) {
      for (String line : text.lines().toList()) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        Sample sample = new LineReader(trimmed).sample();
        if (sample == null) {
          skipped++;
        } else {
          samples.add(sample);
        }
      }
    }
    return new PrometheusText(samples, skipped);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** Lines that were neither a sample, a comment nor blank. */
  public int skippedLines() {
    return skippedLines;
  }

  /**
   * The value of the first sample named {@code name} whose labels include every pair of {@code labels}
   * (alternating names and values); empty when there is none.
   */
  public OptionalDouble value(String name, String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels must alternate names and values: " + String.join(",", labels));
    }
    for (Sample sample : samples) {
      if (sample.name().equals(name) && hasLabels(sample, labels)) {
        return OptionalDouble.of(sample.value());
      }
    }
    return OptionalDouble.empty();
  }

  /** The sum of every sample named {@code name}, whatever its labels; 0 when there is none. */
  public double sum(String name) {
    double sum = 0;
    for (Sample sample : samples) {
      if (sample.name().equals(name)) {
        sum += sample.value();
      }
    }
    return sum;
  }

  private static boolean hasLabels(Sample sample, String[] labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
        return false;
      }
    }
    return true;
  }

  /** Reads one stripped, non-comment line; {@link #sample} is null when it is malformed. */
  private static final class LineReader {

    private final String line;
    private int at;

    LineReader(String line) {
      this.line = line;
    }

    Sample sample() {
      String name = name(true);
      if (name == null) {
        return null;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (at < line.length() && line.charAt(at) == '{' && !labels(labels)) {
        return null;
      }
      String[] rest = line.substring(at).strip().split("[ \t]+");
      if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()
          || at >= line.length() || (line.charAt(at) != ' ' && line.charAt(at) != '\t')) {
        return null;
      }
      Double value = number(rest[0]);
      if (value == null || (rest.length == 2 && !isTimestamp(rest[1]))) {
        return null;
      }
      return new Sample(name, Collections.unmodifiableMap(labels), value);
    }

    /** A metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or label name (no colons); null when there is none. */
    private String name(boolean metric) {
      int start = at;
      while (at < line.length()) {
        char c = line.charAt(at);
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
        if (!letter && !(at > start && c >= '0' && c <= '9')) {
          break;
        }
        at++;
      }
      return at == start ? null : line.substring(start, at);
    }

    /** {@code {a="b",c="d",}} into {@code labels}; false when malformed. */
    private boolean labels(Map<String, String> labels) {
      at++; // '{'
      while (true) {
        if (at < line.length() && line.charAt(at) == '}') {
          at++;
          return true;
        }
        String label = name(false);
        if (label == null || !expect('=') || !expect('"')) {
          return false;
        }
        StringBuilder value = new StringBuilder();
        while (true) {
          if (at >= line.length()) {
            return false;
          }
          char c = line.charAt(at++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            if (at >= line.length()) {
              return false;
            }
            char escaped = line.charAt(at++);
            switch (escaped) {
              case '\\' -> value.append('\\');
              case '"' -> value.append('"');
              case 'n' -> value.append('\n');
              default -> {
                return false;
              }
            }
          } else {
            value.append(c);
          }
        }
        labels.put(label, value.toString());
        if (at < line.length() && line.charAt(at) == ',') {
          at++;
        } else if (at >= line.length() || line.charAt(at) != '}') {
          return false;
        }
      }
    }

    private boolean expect(char c) {
      if (at < line.length() && line.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    /** A Go-style float as Prometheus writes it: decimal, exponent, {@code NaN}, {@code +Inf}, {@code -Inf}. */
    private static Double number(String text) {
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "+Inf", "Inf":
          return Double.POSITIVE_INFINITY;
        case "-Inf":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
          return null; // Java would also take "1d", "0x1p3" and "Infinity"
        }
      }
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static boolean isTimestamp(String text) {
      if (text.isEmpty() || text.length() > 19) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!((c >= '0' && c <= '9') || (i == 0 && c == '-' && text.length() > 1))) {
          return false;
        }
      }
      return true;
    }
  }
}
