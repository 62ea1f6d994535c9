package org.webims.sip.dialog;

import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.syntax.KeyTable;

/**
 * The dialogs of one element, keyed by {@link DialogId} from this side's view: an incoming request
 * names the local tag in To and the remote tag in From, a response the other way round (§12.2.2,
 * §12.2.1.2). Single-threaded, like the dialogs it holds.
 */
public final class Dialogs {

  private final KeyTable<DialogId, Dialog> byId = new KeyTable<>();

  /** Adds a dialog; a second dialog with the same ID is a caller error, not a replacement. */
  public void add(Dialog dialog) {
    if (byId.get(dialog.id()) != null) {
      throw new IllegalStateException("Dialog already exists: " + dialog.id());
    }
    byId.put(dialog.id(), dialog);
  }

  public Dialog remove(DialogId id) {
    return byId.remove(id);
  }

  public Dialog get(DialogId id) {
    return byId.get(id);
  }

  public int size() {
    return byId.size();
  }

  /** The dialog of a received request (To tag = local, From tag = remote), or null. */
  public Dialog forRequest(SipRequest request) throws SipParseException {
    return find(request, request.to().tag(), request.from().tag());
  }

  /** The dialog of a received response (From tag = local, To tag = remote), or null. */
  public Dialog forResponse(SipResponse response) throws SipParseException {
    return find(response, response.from().tag(), response.to().tag());
  }

  /**
   * §12.2.2 for a request with a To tag: {@link InDialogVerdict#UNKNOWN_DIALOG} (481) when no live
   * dialog matches, otherwise the matched dialog's own verdict. The caller never answers an ACK, and
   * a request without a To tag is outside any dialog (§12.2.2 does not apply; this returns 481 for
   * it too, so check {@code request.to().tag()} first).
   */
  public int receive(SipRequest request) throws SipParseException {
    Dialog dialog = forRequest(request);
    return dialog == null ? InDialogVerdict.UNKNOWN_DIALOG : dialog.receive(request);
  }

  private Dialog find(SipMessage message, String localTag, String remoteTag) throws SipParseException {
    if (localTag == null || remoteTag == null) {
      return null;
    }
    return byId.get(DialogId.of(message.callId(), localTag, remoteTag));
  }
}
