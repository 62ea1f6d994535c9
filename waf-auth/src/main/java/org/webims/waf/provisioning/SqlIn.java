package org.webims.waf.provisioning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;

/** Which of many values a column holds, asked in batches so that the IN list stays short (a range of 1000 IMPUs). */
public final class SqlIn {

  private static final int BATCH = 500;

  private SqlIn() {
  }

  /** Runs {@code selectWhereColumnIn + " (?, ?, ...)"} over {@code values}; returns the first column of each row. */
  public static List<String> existing(JdbcOperations jdbc, String selectWhereColumnIn, List<String> values) {
    List<String> found = new ArrayList<>();
    for (int from = 0; from < values.size(); from += BATCH) {
      List<String> batch = values.subList(from, Math.min(values.size(), from + BATCH));
      String marks = String.join(",", Collections.nCopies(batch.size(), "?"));
      found.addAll(jdbc.queryForList(selectWhereColumnIn + " (" + marks + ")", String.class, batch.toArray()));
    }
    return found;
  }
}
