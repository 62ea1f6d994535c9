package org.webims.sip.reginfo;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.syntax.SipChars;

/**
 * One {@code <contact>} of a reginfo registration (RFC 3680 §5.3), immutable: its state, the event
 * that led to it, its {@code <uri>}, {@code <display-name>} and {@code <unknown-param>}s (where
 * a registrar reports the Contact's {@code +sip.instance} and {@code reg-id}).
 */
public final class Contact {

  public static final String ACTIVE = "active";
  public static final String TERMINATED = "terminated";

  private final String id;
  private final String state;
  private final String event;
  private final String uri;
  private final String displayName;
  private final long expires;
  private final long durationRegistered;
  private final long retryAfter;
  private final String q;
  private final String callId;
  private final long cseq;
  /** name0, value0, name1, value1, ... as written. */
  private final String[] unknownParams;

  private Contact(Builder b) {
    id = b.id;
    state = b.state;
    event = b.event;
    uri = b.uri;
    displayName = b.displayName;
    expires = b.expires;
    durationRegistered = b.durationRegistered;
    retryAfter = b.retryAfter;
    q = b.q;
    callId = b.callId;
    cseq = b.cseq;
    unknownParams = b.unknownParams.toArray(new String[0]);
  }

  public static Builder builder(String id, String state, String uri) {
    return new Builder(id, state, uri);
  }

  public String id() {
    return id;
  }

  /** {@link #ACTIVE} or {@link #TERMINATED}. */
  public String state() {
    return state;
  }

  public boolean isTerminated() {
    return TERMINATED.equals(state);
  }

  /** registered, created, refreshed, shortened, expired, deactivated, probation, unregistered, rejected; or null. */
  public String event() {
    return event;
  }

  public String uri() {
    return uri;
  }

  /** The display name, or null. */
  public String displayName() {
    return displayName;
  }

  /** Seconds left, or -1 when not given. */
  public long expires() {
    return expires;
  }

  /** Seconds registered, or -1 when not given. */
  public long durationRegistered() {
    return durationRegistered;
  }

  /** For {@code probation}: seconds before the UA should retry, or -1 when not given. */
  public long retryAfter() {
    return retryAfter;
  }

  /** The q value as written, or null. */
  public String q() {
    return q;
  }

  /** The Call-ID of the REGISTER that last refreshed the contact, or null. */
  public String callId() {
    return callId;
  }

  /** Its CSeq number, or -1 when not given. */
  public long cseq() {
    return cseq;
  }

  public int unknownParamCount() {
    return unknownParams.length / 2;
  }

  public String unknownParamName(int index) {
    return unknownParams[2 * index];
  }

  public String unknownParamValue(int index) {
    return unknownParams[2 * index + 1];
  }

  /** The value of the first {@code <unknown-param>} of that name (case-insensitive, as SIP parameters), or null. */
  public String unknownParam(String name) {
    for (int i = 0; i < unknownParams.length; i += 2) {
      if (SipChars.equalsIgnoreCase(unknownParams[i], name)) {
        return unknownParams[i + 1];
      }
    }
    return null;
  }

  /** Builds a {@link Contact}; optional values default to absent. */
  public static final class Builder {
    private final String id;
    private final String state;
    private final String uri;
    private String event;
    private String displayName;
    private long expires = -1;
    private long durationRegistered = -1;
    private long retryAfter = -1;
    private String q;
    private String callId;
    private long cseq = -1;
    private final List<String> unknownParams = new ArrayList<>(4);

    private Builder(String id, String state, String uri) {
      this.id = id;
      this.state = state;
      this.uri = uri;
    }

    public Builder event(String value) {
      event = value;
      return this;
    }

    public Builder displayName(String value) {
      displayName = value;
      return this;
    }

    public Builder expires(long seconds) {
      expires = seconds;
      return this;
    }

    public Builder durationRegistered(long seconds) {
      durationRegistered = seconds;
      return this;
    }

    public Builder retryAfter(long seconds) {
      retryAfter = seconds;
      return this;
    }

    public Builder q(String value) {
      q = value;
      return this;
    }

    public Builder callId(String value) {
      callId = value;
      return this;
    }

    public Builder cseq(long value) {
      cseq = value;
      return this;
    }

    /** Adds an {@code <unknown-param name="…">value</unknown-param>}; the value as a SIP parameter value. */
    public Builder unknownParam(String name, String value) {
      unknownParams.add(name);
      unknownParams.add(value);
      return this;
    }

    public Contact build() {
      return new Contact(this);
    }
  }
}
