package org.webims.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.TransportException;

/**
 * RFC 3261 §16.7: the response context of one proxied request. Forks it to the element's targets
 * in parallel (§16.6), forwards provisional responses and every 2xx at once, cancels the other
 * INVITE branches after a 2xx or 6xx (SCS-31), and when every branch has ended sends the best
 * final ({@link ResponseSelection}) through the server transaction.
 */
final class ResponseContext implements Decision {

  private final ProxyRuntime runtime;
  private final ProxyRequest received;
  private final Consumer<SipResponse> upstream;
  private final Runnable onFinalSent;
  private final boolean invite;
  private final boolean selecting;
  private final List<Branch> branches = new ArrayList<>(2);
  private final List<SipResponse> finals = new ArrayList<>(2);
  private boolean decided;
  private boolean starting;
  private boolean finalSent;
  private boolean cancelled;

  /**
   * @param upstream the server transaction's {@code sendResponse}
   * @param onFinalSent runs once, when the final response has gone upstream
   * @param selecting true for a proxied request: the best final goes upstream as §16.7 step 6 makes
   *     it (a 503 as 500); false for the element's own request on one branch, which gets the final
   *     as it came or as the branch made it
   */
  ResponseContext(ProxyRuntime runtime, ProxyRequest received, Consumer<SipResponse> upstream,
      Runnable onFinalSent, boolean selecting) {
    this.selecting = selecting;
    this.runtime = runtime;
    this.received = received;
    this.upstream = upstream;
    this.onFinalSent = onFinalSent;
    this.invite = received.request().isMethod(SipRequest.INVITE);
  }

  @Override
  public void forward(List<Target> targets) {
    if (answered()) {
      return;
    }
    if (targets.isEmpty()) {
      sendFinal(runtime.answer(received.request(), 480, "Temporarily Unavailable"));
      return;
    }
    starting = true;
    for (Target target : targets) {
      if (finalSent) {
        break; // a 6xx or 2xx answered while forking; §16.7 step 5: no new branches
      }
      Branch branch = open(target);
      if (branch != null) {
        branches.add(branch);
        branch.start();
      }
    }
    starting = false;
    finishWhenAllEnded();
  }

  @Override
  public void respond(SipResponse response) {
    if (!answered()) {
      sendFinal(response);
    }
  }

  /** True when the element answered before, or the request was cancelled meanwhile. */
  private boolean answered() {
    if (decided) {
      throw new IllegalStateException("the element answered this request twice");
    }
    decided = true;
    return cancelled || finalSent;
  }

  /**
   * §16.6 for one target, or null when there is no way there: §16.9 counts that as a 503 (430 for
   * a failed flow) from the branch, so it joins the finals at once.
   */
  private Branch open(Target target) {
    try {
      Forwarding.Outgoing out = Forwarding.forward(received, target, runtime.newBranch(), runtime.element);
      return new Branch(this, runtime, target, out.request, out.hop.transport());
    } catch (TransportException e) {
      finals.add(judged(target, Branch.unreachable(runtime, received.request(), e)));
      return null;
    } catch (SipParseException e) {
      throw new IllegalStateException("a request that passed §16.3 does not parse", e);
    }
  }

  /**
   * §16.10: the client CANCELled the INVITE. Pending branches are cancelled and their 487s end the
   * context; before the element decided, the INVITE is answered 487 at once.
   */
  void cancel() {
    if (cancelled || finalSent) {
      return;
    }
    cancelled = true;
    if (branches.isEmpty()) {
      sendFinal(runtime.answer(received.request(), 487, "Request Terminated"));
      return;
    }
    cancelPending(null);
  }

  /** §16.7 steps 1 to 5: 100 is hop by hop; other provisionals go up while no final has. */
  void onProvisional(SipResponse response) {
    if (response.statusCode() == 100 || finalSent) {
      return;
    }
    upstream.accept(withoutOurVia(response));
  }

  /** §16.7 step 5 to 10 for a final response (or a 408/503 the branch made). */
  void onFinal(Branch from, SipResponse response) {
    SipResponse up = withoutOurVia(response);
    if (response.isSuccess()) {
      if (!finalSent || invite) {
        // §16.7 step 5: "any 2xx response to an INVITE" goes upstream at once, later ones too.
        boolean first = !finalSent;
        finalSent = true;
        upstream.accept(up);
        if (first) {
          cancelPending(from);
          onFinalSent.run();
        }
      }
      return;
    }
    if (finalSent) {
      return;
    }
    finals.add(judged(from.target(), up));
    if (invite && response.statusCode() >= 600) {
      cancelPending(from); // §16.7 step 5: a 6xx ends the search (SCS-31)
    }
    finishWhenAllEnded();
  }

  /** §16.7 step 6: once every branch has its final, the best one goes upstream. */
  private void finishWhenAllEnded() {
    if (starting || finalSent || branches.isEmpty() && finals.isEmpty()) {
      return;
    }
    for (Branch branch : branches) {
      if (!branch.isDone()) {
        return;
      }
    }
    sendFinal(selecting ? ResponseSelection.best(finals, cancelled) : finals.get(0));
  }

  /** A proxied request's branch final as the element wants it chosen from ({@link ProxyElement#branchFinal}). */
  private SipResponse judged(Target target, SipResponse response) {
    return selecting ? runtime.element.branchFinal(received, target, response) : response;
  }

  private void cancelPending(Branch except) {
    for (Branch branch : branches) {
      if (branch != except) {
        branch.cancel();
      }
    }
  }

  private void sendFinal(SipResponse response) {
    finalSent = true;
    upstream.accept(response);
    onFinalSent.run();
  }

  private static SipResponse withoutOurVia(SipResponse response) {
    try {
      return TopVia.remove(response);
    } catch (SipParseException e) {
      throw new IllegalStateException("the client transaction matched this Via", e);
    }
  }
}
