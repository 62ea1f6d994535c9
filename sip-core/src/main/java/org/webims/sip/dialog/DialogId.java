package org.webims.sip.dialog;

/**
 * RFC 3261 §12 dialog ID: Call-ID, local tag and remote tag, seen from the side that holds it. The
 * same dialog has the tags swapped at the other end, so both ends key their tables by their own view.
 */
public final class DialogId {

  private final String callId;
  private final String localTag;
  private final String remoteTag;

  private DialogId(String callId, String localTag, String remoteTag) {
    this.callId = callId;
    this.localTag = localTag;
    this.remoteTag = remoteTag;
  }

  /** All three parts are required: a dialog without a remote tag does not exist yet (§12.1). */
  public static DialogId of(String callId, String localTag, String remoteTag) {
    if (callId == null || localTag == null || remoteTag == null) {
      throw new IllegalArgumentException("dialog ID without Call-ID or tags");
    }
    return new DialogId(callId, localTag, remoteTag);
  }

  public String callId() {
    return callId;
  }

  public String localTag() {
    return localTag;
  }

  public String remoteTag() {
    return remoteTag;
  }

  /** Call-ID and tags compare case-sensitively (§19.3 compares tags and Call-IDs byte for byte). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DialogId)) {
      return false;
    }
    DialogId d = (DialogId) o;
    return callId.equals(d.callId) && localTag.equals(d.localTag) && remoteTag.equals(d.remoteTag);
  }

  @Override
  public int hashCode() {
    return (callId.hashCode() * 31 + localTag.hashCode()) * 31 + remoteTag.hashCode();
  }

  @Override
  public String toString() {
    return callId + ";local=" + localTag + ";remote=" + remoteTag;
  }
}
