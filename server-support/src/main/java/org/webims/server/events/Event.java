package org.webims.server.events;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing that happened and matters to operators (issue 16, docs/operations.md "Event log"): a name from a fixed
 * set ({@code registration}, {@code call.end}, {@code handshake.refused}, ...) and its fields, in order. Immutable:
 * {@link #with} gives a new event. Values are identifiers, statuses, reasons and durations, never a credential:
 * nothing here redacts, so callers pass no token, password, Digest response or Authorization value.
 */
public record Event(String name, List<Field> fields) {

  /** The field {@link EventLog#refusal} keeps refusals apart by. */
  public static final String REASON = "reason";

  /** A field; a null value is left out of the line. */
  public record Field(String key, Object value) {
  }

  public Event {
    fields = List.copyOf(fields);
  }

  public static Event of(String name) {
    return new Event(name, List.of());
  }

  /** This event with {@code key=value} added (left out when {@code value} is null). */
  public Event with(String key, Object value) {
    if (value == null) {
      return this;
    }
    List<Field> more = new ArrayList<>(fields.size() + 1);
    more.addAll(fields);
    more.add(new Field(key, value));
    return new Event(name, more);
  }

  /** The value of {@code key}, or null. */
  public Object get(String key) {
    for (Field f : fields) {
      if (f.key().equals(key)) {
        return f.value();
      }
    }
    return null;
  }

  /**
   * The plain line: the name, then {@code key=value} for each field; a value with a space, a quote, an equals
   * sign or a control character is quoted, with quotes and backslashes escaped and controls dropped, so one
   * event is one line and splits back into its fields.
   */
  public String line() {
    StringBuilder b = new StringBuilder(name);
    for (Field f : fields) {
      b.append(' ').append(f.key()).append('=');
      appendValue(b, String.valueOf(f.value()));
    }
    return b.toString();
  }

  private static void appendValue(StringBuilder b, String value) {
    boolean plain = !value.isEmpty();
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c != 0x7f;
    }
    if (plain) {
      b.append(value);
      return;
    }
    b.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c >= ' ' && c != 0x7f) {
        b.append(c);
      }
    }
    b.append('"');
  }
}
