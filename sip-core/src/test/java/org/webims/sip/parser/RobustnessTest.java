package org.webims.sip.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.webims.sip.SipParseException;
import org.webims.sip.TestMessages;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.auth.BearerCredentials;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.header.Contact;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;

/**
 * Bad input of any shape yields a {@link SipParseException} and nothing else: mutated corpus
 * messages (fixed seed, so a failure reproduces) go through the parser, the validator, every typed
 * view and the stream framer.
 */
class RobustnessTest {

  private static final String SPECIALS = "<>\"\\;,:=@?%[] \t\r\n/*&+$\u00e9\u0000";

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (TestMessages.Torture t : TestMessages.torture()) {
      seeds.add(t.bytes());
    }
    for (String id : new String[] {"5.1-register-bearer", "5.2-register-tna", "5.3-401-digest",
        "5.4-register-digest", "5.5-200-ok", "5.7-notify-terminated"}) {
      seeds.add(TestMessages.checklist(id).getBytes(StandardCharsets.UTF_8));
    }
    return seeds;
  }

  private static byte[] mutate(byte[] in, Random random) {
    byte[] out = in.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(out.length);
      switch (random.nextInt(4)) {
        case 0:
          out[at] = (byte) SPECIALS.charAt(random.nextInt(SPECIALS.length()));
          break;
        case 1:
          out[at] = (byte) random.nextInt(256);
          break;
        case 2: {
          byte[] shorter = new byte[at];
          System.arraycopy(out, 0, shorter, 0, at);
          out = shorter.length == 0 ? new byte[] {'x'} : shorter;
          break;
        }
        default: {
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          longer[at] = (byte) SPECIALS.charAt(random.nextInt(SPECIALS.length()));
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
        }
      }
    }
    return out;
  }

  @Test
  void mutatedMessagesOnlyEverRaiseSipParseException() {
    Random random = new Random(4475);
    List<byte[]> seeds = seeds();
    int parsed = 0;
    int rejected = 0;
    for (int i = 0; i < 20000; i++) {
      byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        SipMessage m = SipParser.DEFAULT.parse(input, 0, input.length);
        exerciseEveryView(m);
        parsed++;
      } catch (SipParseException e) {
        assertThat(e.reason()).isNotBlank();
        rejected++;
      }
      try {
        SipParser.DEFAULT.parse(new String(input, StandardCharsets.UTF_8));
      } catch (SipParseException expected) {
        // any bad input may be refused, but only this way
      }
      try {
        new StreamFramer(SipParser.DEFAULT).feed(input, 0, input.length, new StreamFramer.Sink() {
          @Override
          public void message(SipMessage message) {
          }

          @Override
          public void keepAlive() {
          }
        });
      } catch (SipParseException expected) {
        // as above
      }
    }
    assertThat(parsed).as("mutations that still parse").isGreaterThan(1000);
    assertThat(rejected).as("mutations refused").isGreaterThan(1000);
  }

  static void exerciseEveryView(SipMessage m) throws SipParseException {
    m.validate();
    m.vias();
    m.from();
    m.to();
    m.callId();
    m.cseq();
    m.maxForwards();
    m.expires();
    m.supported();
    for (Contact c : m.contacts()) {
      c.expires();
      c.instance();
      c.regId();
    }
    for (String name : new String[] {HeaderNames.AUTHORIZATION, HeaderNames.WWW_AUTHENTICATE}) {
      for (AuthValue v : m.authValues(name)) {
        try {
          if (v.isScheme("Digest")) {
            DigestChallenge c = DigestChallenge.from(v);
            c.qopOptions();
            c.stale();
            DigestCredentials.from(v).nc();
          } else if (v.isScheme("Bearer")) {
            BearerCredentials.from(v);
            BearerChallenge.from(v).authzServer();
          }
        } catch (SipParseException expected) {
          // a challenge is not credentials and vice versa
        }
      }
    }
    m.encode();
    m.toBytes();
  }
}
