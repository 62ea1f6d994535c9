package org.webims.sip.server.transport;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.server.flow.DatagramFlow;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.flow.MessageHandler;
import org.webims.sip.transaction.TransportException;

/**
 * The top of every pipeline: hands each message to the {@link MessageHandler} with its flow, on the
 * flow's loop, and deals with what cannot be used (issue 12). An unusable request gets its answer
 * (400, 513, ...; RFC 3261 §21) when it can be addressed; an unusable response is replaced by a 502
 * stand-in with its Via, Call-ID and CSeq, which ends its client transaction with a reason instead of
 * a timeout; anything else is dropped. The flow stays open. An idle connection is closed here.
 */
public final class MessageDispatch extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(MessageDispatch.class);

  private final Flow stream;
  private final MessageHandler handler;
  private final String badResponseReason;

  /** {@code stream} is the connection's flow, or null on the UDP socket (a flow per sender). */
  public MessageDispatch(Flow stream, MessageHandler handler, String badResponseReason) {
    this.stream = stream;
    this.handler = handler;
    this.badResponseReason = badResponseReason;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Flow flow = stream;
    Object payload = msg;
    if (msg instanceof AddressedEnvelope<?, ?> envelope) {
      flow = new DatagramFlow(ctx.channel(), ((AddressedEnvelope<Object, InetSocketAddress>) envelope).sender());
      payload = envelope.content();
    }
    if (payload instanceof SipMessage message) {
      deliver(message, flow);
    } else if (payload instanceof Unreadable unreadable) {
      unreadable(unreadable, flow);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void deliver(SipMessage message, Flow flow) {
    try {
      handler.onMessage(message, flow);
    } catch (RuntimeException e) {
      // A bug in one message's handling must not cost the connection or any other message.
      log.error("SIP handler failed", e);
    }
  }

  private void unreadable(Unreadable unreadable, Flow flow) {
    SipResponse answer = SipParser.badRequest(unreadable.text(), unreadable.problem());
    if (answer != null) {
      log.debug("Malformed request from {}: {}", flow, unreadable.problem().reason());
      try {
        flow.send(answer);
      } catch (TransportException e) {
        log.debug("{}", e.getMessage());
      }
      return;
    }
    SipResponse standIn = SipParser.standIn(unreadable.text(), 502, badResponseReason);
    if (standIn != null) {
      log.info("Unusable response from {} ({}): its transaction fails with 502", flow, unreadable.problem().reason());
      deliver(standIn, flow);
    } else {
      log.debug("Malformed message from {} dropped: {}", flow, unreadable.problem().reason());
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      log.debug("Closing idle connection {}", stream);
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset or a failed TLS handshake: this connection ends, nothing else is affected.
    log.debug("Connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    if (stream != null) {
      ctx.close();
    }
  }
}
