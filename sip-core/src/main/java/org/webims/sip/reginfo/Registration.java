package org.webims.sip.reginfo;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.syntax.ReadOnlyList;

/** One {@code <registration>} of a reginfo document (RFC 3680 §5.3): an AOR, its state and contacts; immutable. */
public final class Registration {

  public static final String INIT = "init";
  public static final String ACTIVE = "active";
  public static final String TERMINATED = "terminated";

  private final String aor;
  private final String id;
  private final String state;
  private final List<Contact> contacts;

  private Registration(String aor, String id, String state, List<Contact> contacts) {
    this.aor = aor;
    this.id = id;
    this.state = state;
    this.contacts = contacts;
  }

  public static Builder builder(String aor, String id, String state) {
    return new Builder(aor, id, state);
  }

  public String aor() {
    return aor;
  }

  public String id() {
    return id;
  }

  /** {@link #INIT}, {@link #ACTIVE} or {@link #TERMINATED}. */
  public String state() {
    return state;
  }

  public boolean isTerminated() {
    return TERMINATED.equals(state);
  }

  public List<Contact> contacts() {
    return contacts;
  }

  /** Builds a {@link Registration}. */
  public static final class Builder {
    private final String aor;
    private final String id;
    private final String state;
    private final List<Contact> contacts = new ArrayList<>(2);

    private Builder(String aor, String id, String state) {
      this.aor = aor;
      this.id = id;
      this.state = state;
    }

    public Builder contact(Contact contact) {
      contacts.add(contact);
      return this;
    }

    public Registration build() {
      return new Registration(aor, id, state, ReadOnlyList.copyOf(contacts));
    }
  }
}
