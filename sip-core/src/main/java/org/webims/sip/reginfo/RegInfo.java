package org.webims.sip.reginfo;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.syntax.ReadOnlyList;

/**
 * An RFC 3680 {@code application/reginfo+xml} document, immutable: its version, whether it is
 * full or partial state, and its registrations. Read with {@link RegInfoReader}, written with
 * {@link RegInfoWriter}; the questions a subscriber asks of it use {@link ContactIdentity}'s rule.
 */
public final class RegInfo {

  public static final String CONTENT_TYPE = "application/reginfo+xml";
  public static final String NAMESPACE = "urn:ietf:params:xml:ns:reginfo";
  public static final String FULL = "full";
  public static final String PARTIAL = "partial";

  private final long version;
  private final String state;
  private final List<Registration> registrations;

  private RegInfo(long version, String state, List<Registration> registrations) {
    this.version = version;
    this.state = state;
    this.registrations = registrations;
  }

  public static Builder builder(long version, String state) {
    return new Builder(version, state);
  }

  public long version() {
    return version;
  }

  /** {@link #FULL} or {@link #PARTIAL}. */
  public String state() {
    return state;
  }

  public List<Registration> registrations() {
    return registrations;
  }

  /** The registration of {@code aor} (compared as written), or null. */
  public Registration registration(String aor) {
    for (Registration r : registrations) {
      if (r.aor().equals(aor)) {
        return r;
      }
    }
    return null;
  }

  /**
   * EPC-42: the AORs whose registration is terminated, or in which every contact that is
   * {@code me} (null: any contact) is terminated.
   */
  public List<String> terminatedAors(ContactIdentity me) {
    List<String> out = new ArrayList<>();
    for (Registration r : registrations) {
      boolean mine = false;
      boolean allTerminated = true;
      for (Contact c : r.contacts()) {
        if (me == null || me.sameAs(c)) {
          mine = true;
          allTerminated &= c.isTerminated();
        }
      }
      if (r.isTerminated() || mine && allTerminated) {
        out.add(r.aor());
      }
    }
    return out;
  }

  /**
   * WIC-44: when the document ends {@code me}'s binding (a contact that is {@code me} is terminated
   * and none is active, so a binding replaced by a new flow of the same instance is not ended), the
   * event of the first terminated one, "" when it has none; null when the binding goes on.
   */
  public String endedEvent(ContactIdentity me) {
    Contact ended = null;
    for (Registration r : registrations) {
      for (Contact c : r.contacts()) {
        if (me.sameAs(c)) {
          if (!c.isTerminated()) {
            return null;
          }
          ended = ended == null ? c : ended;
        }
      }
    }
    return ended == null ? null : ended.event() == null ? "" : ended.event();
  }

  /** Builds a {@link RegInfo}. */
  public static final class Builder {
    private final long version;
    private final String state;
    private final List<Registration> registrations = new ArrayList<>(2);

    private Builder(long version, String state) {
      this.version = version;
      this.state = state;
    }

    public Builder registration(Registration registration) {
      registrations.add(registration);
      return this;
    }

    public RegInfo build() {
      return new RegInfo(version, state, ReadOnlyList.copyOf(registrations));
    }
  }
}
