package org.webims.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.proxy.ProxyHarness.answer;
import static org.webims.sip.proxy.ProxyHarness.request;
import static org.webims.sip.proxy.ProxyHarness.route;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.sip.header.Address;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/** RFC 3261 §16.4 and §16.6: Route, Request-URI, Via and Record-Route of forwarded requests (EPC-63, EPC-61). */
class ProxyRoutingTest {

    private final ProxyHarness h = ProxyHarness.reliable();

    @Test
    void removesOwnRouteAndSendsToTheNextLooseRouteWithANewVia() throws Exception {
        h.host("scscf.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@ims.test")));

        h.fromUac(request(SipRequest.MESSAGE, "sip:bob@ims.test")
                .header(HeaderNames.ROUTE, "<sip:edge.proxy.test;lr>, <sip:scscf.test;lr>").build());

        SipRequest out = h.host("scscf.test").lastRequest(SipRequest.MESSAGE);
        assertThat(out.requestUri().toString()).isEqualTo("sip:bob@ims.test");
        assertThat(out.routes()).containsExactly(route("sip:scscf.test;lr"));
        assertThat(out.maxForwards()).isEqualTo(69);
        assertThat(out.vias()).hasSize(2);
        assertThat(out.topVia().toString()).isEqualTo("SIP/2.0/TCP core.proxy.test:5060;branch=z9hG4bKp1");
        assertThat(out.vias().get(1).host()).isEqualTo("uac.test");
        assertThat(h.element.decided.get(0).localRoutes()).containsExactly(route("sip:edge.proxy.test;lr"));
    }

    @Test
    void sendsNoRouteToTheLastHop() throws Exception {
        h.host("bob.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));

        h.fromUac(request(SipRequest.MESSAGE, "sip:bob@ims.test")
                .header(HeaderNames.ROUTE, "<sip:edge.proxy.test;lr>").build());

        SipRequest out = h.host("bob.test").lastRequest(SipRequest.MESSAGE);
        assertThat(out.hasHeader(HeaderNames.ROUTE)).isFalse();
        assertThat(out.requestUri().toString()).isEqualTo("sip:bob@bob.test");
    }

    @Test
    void undoesAStrictRouterUpstreamThatPutOurRecordRouteInTheRequestUri() throws Exception {
        // §16.4: the Request-URI is our Record-Route URI, the real target is the last Route value.
        h.host("bob.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));

        h.fromUac(request(SipRequest.BYE, "sip:core.proxy.test")
                .header(HeaderNames.ROUTE, "<sip:bob@bob.test>").build());

        ProxyRequest seen = h.element.decided.get(0);
        assertThat(seen.request().requestUri().toString()).isEqualTo("sip:bob@bob.test");
        assertThat(seen.request().hasHeader(HeaderNames.ROUTE)).isFalse();
        assertThat(h.host("bob.test").lastRequest(SipRequest.BYE).hasHeader(HeaderNames.ROUTE)).isFalse();
    }

    @Test
    void sendsToAStrictRouterWithItsUriAsRequestUriAndTheTargetAtTheBottomOfRoute() throws Exception {
        // §16.6 step 6: the next Route has no lr.
        h.host("strict.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));

        h.fromUac(request(SipRequest.BYE, "sip:bob@bob.test")
                .header(HeaderNames.ROUTE, "<sip:edge.proxy.test;lr>, <sip:strict.test>, <sip:far.test;lr>").build());

        SipRequest out = h.host("strict.test").lastRequest(SipRequest.BYE);
        assertThat(out.requestUri().toString()).isEqualTo("sip:strict.test");
        assertThat(out.routes()).containsExactly(route("sip:far.test;lr"), route("sip:bob@bob.test"));
    }

    @Test
    void preloadsTheTargetsRoutesOnTopAndSendsToTheFirst() throws Exception {
        // EPC-60's Service-Route: §16.6 step 5, and step 7 takes the next hop from it.
        h.host("scscf.test");
        h.element.targets = List.of(Target.to(SipUri.parse("sip:bob@ims.test"))
                .route(route("sip:scscf.test;lr")).route(route("sip:as.test;lr"))
                .header("P-Asserted-Identity", "<sip:alice@ims.test>").build());

        h.fromUac(request(SipRequest.MESSAGE, "sip:bob@ims.test").build());

        SipRequest out = h.host("scscf.test").lastRequest(SipRequest.MESSAGE);
        assertThat(out.routes()).containsExactly(route("sip:scscf.test;lr"), route("sip:as.test;lr"));
        assertThat(out.header("P-Asserted-Identity")).isEqualTo("<sip:alice@ims.test>");
    }

    @Test
    void recordRoutesTwiceWhenTheSidesDifferAndTheResponseKeepsBoth() throws Exception {
        // EPC-61, RFC 5658 §3.2: the core's side on top (the UAS reaches it first), the WIC's below.
        h.host("scscf.test");
        h.element.targets = List.of(recordRouted("sip:bob@ims.test", "sip:scscf.test;lr"));

        h.fromUac(request(SipRequest.INVITE, "sip:bob@ims.test").build());
        SipRequest out = h.host("scscf.test").lastRequest(SipRequest.INVITE);
        assertThat(out.headerLines(HeaderNames.RECORD_ROUTE))
                .containsExactly("<sip:core.proxy.test;lr>", "<sip:edge.proxy.test;lr>");
        h.receive(answer(out, 200), h.host("scscf.test"));

        // §16.7: Record-Route goes back unchanged; the UAC reverses it, so it starts with the edge URI.
        assertThat(h.uac.lastResponse().statusCode()).isEqualTo(200);
        assertThat(h.uac.lastResponse().headerLines(HeaderNames.RECORD_ROUTE))
                .containsExactly("<sip:core.proxy.test;lr>", "<sip:edge.proxy.test;lr>");
        assertThat(h.uac.lastResponse().vias()).hasSize(1);
    }

    @Test
    void recordRoutesOnceWhenBothSidesUseOneUri() throws Exception {
        h.element.oneSide = true;
        h.host("scscf.test");
        h.element.targets = List.of(recordRouted("sip:bob@ims.test", "sip:scscf.test;lr"));

        h.fromUac(request(SipRequest.SUBSCRIBE, "sip:bob@ims.test").header(HeaderNames.EVENT, "reg").build());

        assertThat(h.host("scscf.test").lastRequest(SipRequest.SUBSCRIBE).headerLines(HeaderNames.RECORD_ROUTE))
                .containsExactly("<sip:core.proxy.test;lr>");
    }

    @Test
    void inDialogRequestFromTheCoreFollowsBothRecordRoutesToTheFlowTheyName() throws Exception {
        // EPC-61/EPC-62: the edge URI's user part is a flow token; §16.4 removes both of our Routes
        // and hands them to the element, which picks the flow.
        SipUri contact = SipUri.parse("sip:alice@uac.test;transport=ws");
        h.element.targets = List.of(Target.to(contact).flow(h.uac).build());
        h.host("scscf.test");

        SipRequest bye = request(SipRequest.BYE, "sip:alice@uac.test;transport=ws", "z9hG4bKcore1")
                .setHeader(HeaderNames.FROM, "<sip:bob@ims.test>;tag=bob-tag")
                .setHeader(HeaderNames.TO, "<sip:alice@ims.test>;tag=alice1")
                .header(HeaderNames.ROUTE, "<sip:core.proxy.test;lr>, <sip:flow42@edge.proxy.test;lr>").build();
        h.receive(bye, h.host("scscf.test"));

        ProxyRequest seen = h.element.decided.get(0);
        assertThat(seen.inDialog()).isTrue();
        assertThat(seen.localRoutes()).extracting(a -> ((SipUri) a.uri()).user()).containsExactly(null, "flow42");
        SipRequest out = h.uac.lastRequest(SipRequest.BYE);
        assertThat(out.hasHeader(HeaderNames.ROUTE)).isFalse();
        assertThat(out.topVia().toString()).startsWith("SIP/2.0/WSS edge.proxy.test:5060;branch=z9hG4bKp");
    }

    @Test
    void addsMaxForwards70WhenAbsentAndDecrementsOtherwise() throws Exception {
        h.host("bob.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));

        h.fromUac(request(SipRequest.MESSAGE, "sip:bob@bob.test").removeHeader(HeaderNames.MAX_FORWARDS).build());
        h.fromUac(request(SipRequest.MESSAGE, "sip:bob@bob.test", "z9hG4bKuac2")
                .setHeader(HeaderNames.MAX_FORWARDS, "1").build());

        List<SipRequest> out = h.host("bob.test").requests(SipRequest.MESSAGE);
        assertThat(out.get(0).maxForwards()).isEqualTo(70);
        assertThat(out.get(1).maxForwards()).isEqualTo(0);
    }

    @Test
    void answersMaxForwardsZeroWith483AndForwardsNothing() throws Exception {
        // §16.3 step 3 (EPC-63).
        h.host("bob.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));

        h.fromUac(request(SipRequest.INVITE, "sip:bob@bob.test").setHeader(HeaderNames.MAX_FORWARDS, "0").build());

        assertThat(h.uac.lastResponse().statusCode()).isEqualTo(483);
        assertThat(h.uac.lastResponse().reasonPhrase()).isEqualTo("Too Many Hops");
        assertThat(h.uac.statusCodes()).containsExactly(483);
        assertThat(h.element.decided).isEmpty();
        assertThat(h.host("bob.test").sent).isEmpty();
    }

    @Test
    void answersAnUnknownProxyRequireWith420ListingItAndForwardsAKnownOne() throws Exception {
        // §16.3 step 5.
        h.host("bob.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));

        h.fromUac(request(SipRequest.MESSAGE, "sip:bob@bob.test").header(HeaderNames.PROXY_REQUIRE, "sec-agree")
                .build());
        assertThat(h.uac.lastResponse().statusCode()).isEqualTo(420);
        assertThat(h.uac.lastResponse().headerLines(HeaderNames.UNSUPPORTED)).containsExactly("sec-agree");

        ProxyHarness knowing = ProxyHarness.reliable(ProxyConfig.DEFAULT.withProxyRequire(List.of("sec-agree")));
        knowing.host("bob.test");
        knowing.element.targets = h.element.targets;
        knowing.fromUac(request(SipRequest.MESSAGE, "sip:bob@bob.test").header(HeaderNames.PROXY_REQUIRE, "sec-agree")
                .build());
        assertThat(knowing.host("bob.test").lastRequest(SipRequest.MESSAGE).header(HeaderNames.PROXY_REQUIRE))
                .isEqualTo("sec-agree");
    }

    @Test
    void answersARequestUriSchemeItCannotRouteWith416() throws Exception {
        // §16.3 step 2.
        h.fromUac(request(SipRequest.MESSAGE, "sip:bob@bob.test").requestUri(Uri.parse("mailto:bob@bob.test"))
                .build());

        assertThat(h.uac.lastResponse().statusCode()).isEqualTo(416);
        assertThat(h.element.decided).isEmpty();
    }

    private static Target recordRouted(String requestUri, String serviceRoute) throws Exception {
        Address first = route(serviceRoute);
        return Target.to(SipUri.parse(requestUri)).route(first).recordRoute(true).build();
    }
}
