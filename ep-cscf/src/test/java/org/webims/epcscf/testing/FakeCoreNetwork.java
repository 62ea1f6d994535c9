package org.webims.epcscf.testing;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.webims.epcscf.core.CoreNetwork;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.testing.ManualTimerService;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * The core side without sockets: tasks run at once on the caller's thread, timers on a virtual
 * clock moved by {@link #advance}, and whatever is sent to the S-CSCF is captured.
 */
public final class FakeCoreNetwork implements CoreNetwork {

  private final List<SipMessage> sent = new ArrayList<>();
  private final ManualTimerService timers = new ManualTimerService();
  private boolean reliable = true;
  private boolean unreachable;
  private CompletableFuture<Transport> pendingConnect;

  public final Transport toScscf = new Transport() {
    @Override
    public boolean isReliable() {
      return reliable;
    }

    @Override
    public void send(SipMessage message) throws TransportException {
      if (unreachable) {
        throw new TransportException("connection refused");
      }
      sent.add(message);
    }
  };

  public FakeCoreNetwork unreliable() {
    reliable = false;
    return this;
  }

  public FakeCoreNetwork unreachable() {
    unreachable = true;
    return this;
  }

  @Override
  public TimerService timers() {
    return timers;
  }

  @Override
  public void execute(Runnable task) {
    task.run();
  }

  @Override
  public CompletionStage<Transport> connect(String transport, InetSocketAddress remote) {
    return pendingConnect != null ? pendingConnect : CompletableFuture.completedFuture(toScscf);
  }

  @Override
  public int port() {
    return 5062;
  }

  /** From now on a connect to the S-CSCF is under way until {@link #connectEstablished}: a slow peer. */
  public FakeCoreNetwork connectPending() {
    pendingConnect = new CompletableFuture<>();
    return this;
  }

  /** The pending connect succeeds. */
  public void connectEstablished() {
    pendingConnect.complete(toScscf);
  }

  /** The pending connect fails, as a refused or timed-out TCP connect does. */
  public void connectFailed() {
    pendingConnect.completeExceptionally(new TransportException("connection refused"));
  }

  public List<SipMessage> sent() {
    return sent;
  }

  public SipRequest lastRequest() {
    return (SipRequest) sent.get(sent.size() - 1);
  }

  /** Moves the virtual clock, running due timers in order. */
  public void advance(long millis) {
    timers.advance(millis);
  }
}
