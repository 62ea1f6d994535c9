package org.webims.wic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.reginfo.RegInfoReader;
import org.webims.sip.reginfo.XmlReader;

/**
 * WIC-44 in the browser: wic.js reads the reg event's reginfo with the browser's DOMParser
 * ({@code BrowserXml}), not sip-core's XmlReader. Headless Chromium runs the test bundle's
 * {@code wicRegInfo} on each document (RegInfoReaderTest's Kamailio and prefixed ones, the WIC's own
 * binding deactivated and rejected, entities, CDATA, unreadable ones, a DOCTYPE, too deep, too large)
 * and every answer must be what RegInfoReader with XmlReader gives on the JVM.
 */
class WicRegInfoBrowserTest {

    private static final long CHROMIUM_TIMEOUT_SECONDS = 90;
    private static final String NS = "xmlns='urn:ietf:params:xml:ns:reginfo'";
    private static final String ME = "<uri>sip:k2not68h@df7jal23ls0d.invalid;transport=ws</uri>"
            + "<unknown-param name='+sip.instance'>&quot;&lt;urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252&gt;&quot;"
            + "</unknown-param><unknown-param name='reg-id'>1</unknown-param>";
    private static final List<String> DOCUMENTS = new ArrayList<>();
    private static final Map<Integer, String> BROWSER = new HashMap<>();

    @BeforeAll
    static void runInChromium(@TempDir Path tmp) throws Exception {
        DOCUMENTS.add("<?xml version=\"1.0\"?>\n"
                + "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"3\" state=\"full\">\n"
                + "\t<registration aor=\"sip:alice@ims.example.net\" id=\"0x7f3a1c2b8e40\" state=\"active\">\n"
                + "\t\t<contact id=\"0x7f3a1c2b9f10\" state=\"active\" event=\"registered\" expires=\"3599\">\n"
                + "\t\t\t<uri>sip:k2not68h@df7jal23ls0d.invalid;transport=ws</uri>\n"
                + "\t\t\t<unknown-param name=\"+sip.instance\">&quot;&lt;urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252"
                + "&gt;&quot;</unknown-param>\n"
                + "\t\t\t<unknown-param name=\"reg-id\">1</unknown-param>\n"
                + "\t\t</contact>\n\t</registration>\n"
                + "\t<registration aor=\"tel:+15551234567\" id=\"0x7f3a1c2b8f00\" state=\"terminated\">\n"
                + "\t\t<contact id=\"0x7f3a1c2ba000\" state=\"terminated\" event=\"rejected\" expires=\"0\">\n"
                + "\t\t\t<uri>sip:k2not68h@df7jal23ls0d.invalid;transport=ws</uri>\n"
                + "\t\t</contact>\n\t</registration>\n</reginfo>\n");
        DOCUMENTS.add("<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- written by a proxy -->\r\n"
                + "<ri:reginfo xmlns:ri='urn:ietf:params:xml:ns:reginfo' xmlns:gr='urn:ietf:params:xml:ns:gruuinfo'"
                + " state='partial' version='7'>"
                + "<ri:registration state='active' id='a7' aor='sip:bob@example.com'>"
                + "<ri:contact event='unregistered' state='terminated' id='76' callid='xy&amp;z' cseq='4' q='0.5'"
                + " duration-registered='120' retry-after='30'>"
                + "<ri:uri><![CDATA[sip:bob@192.0.2.4]]></ri:uri>"
                + "<ri:display-name xml:lang='en'>Bob &#x1F600; &#233;</ri:display-name>"
                + "<gr:pub-gruu uri='sip:bob@example.com;gr=urn:uuid:f81d4fae'/>"
                + "<ext:whatever xmlns:ext='urn:example:ext'><ext:deep>text</ext:deep></ext:whatever>"
                + "</ri:contact></ri:registration></ri:reginfo>");
        for (String event : new String[] {"deactivated", "rejected", "unregistered"}) {
            DOCUMENTS.add("<r:reginfo xmlns:r='urn:ietf:params:xml:ns:reginfo' version='4' state='partial'>"
                    + "<r:registration aor='sip:alice@ims.example.net' id='a' state='terminated'>"
                    + "<r:contact id='c' state='terminated' event='" + event + "'>" + ME.replace("<", "<r:")
                    .replace("<r:/", "</r:") + "</r:contact></r:registration></r:reginfo>");
        }
        // The same instance on a new flow is active: the old binding's end does not end the WIC's.
        DOCUMENTS.add("<reginfo " + NS + " version='5' state='full'><registration aor='sip:a@b' id='a'"
                + " state='active'><contact id='old' state='terminated' event='expired'>" + ME + "</contact>"
                + "<contact id='new' state='active' event='created'>" + ME + "</contact></registration></reginfo>");
        DOCUMENTS.add("<reginfo " + NS + " version='1' state='full'><registration xmlns='urn:example:other'"
                + " aor='sip:x@y' id='1' state='active'/><registration aor='sip:a@b' id='2' state='init'/></reginfo>");
        DOCUMENTS.add("\uFEFF<reginfo " + NS + " version='1' state='full'><registration aor='sip:a&#64;b'"
                + " id='&lt;1&gt;' state='active'><contact id='c' state='active'><uri> sip:a@b </uri>"
                + "<display-name>a<!-- c --> b <?pi x?>c</display-name></contact></registration></reginfo>");
        String deep = "<reginfo " + NS + " version='1' state='full'>";
        for (int i = 0; i < 14; i++) {
            deep += "<x>";
        }
        DOCUMENTS.add(deep + "<y/>" + "</x>".repeat(14) + "</reginfo>");
        DOCUMENTS.add(deep + "<y><z/></y>" + "</x>".repeat(14) + "</reginfo>");
        String big = "<reginfo " + NS + " version='1' state='full'>";
        String fill = "<registration aor='sip:a@b' id='1' state='active'/>";
        StringBuilder fits = new StringBuilder(big);
        while (fits.length() + fill.length() + "</reginfo>".length() <= RegInfoReader.DEFAULT_MAX_BYTES) {
            fits.append(fill);
        }
        String atLimit = fits + " ".repeat(RegInfoReader.DEFAULT_MAX_BYTES - fits.length() - 10) + "</reginfo>";
        DOCUMENTS.add(atLimit);
        DOCUMENTS.add(atLimit.replace("</reginfo>", " </reginfo>"));
        for (String bad : new String[] {"", "not xml",
            "<reginfo " + NS + " version='1' state='full'>",
            "<reginfo " + NS + " version='1' state='full'></other>",
            "<reginfo " + NS + " version='1' version='2' state='full'/>",
            "<reginfo " + NS + " version='-1' state='full'/>",
            "<reginfo " + NS + " state='full'/>",
            "<reginfo " + NS + " version='1' state='whole'/>",
            "<reginfo xmlns='urn:ietf:params:xml:ns:other' version='1' state='full'/>",
            "<reginfo version='1' state='full'/>",
            "<x:reginfo " + NS + " version='1' state='full'/>",
            "<reginfo " + NS + " version='1' state='full'/><reginfo/>",
            "<reginfo " + NS + " version='1' state='full'>&bogus;</reginfo>",
            "<reginfo " + NS + " version='1' state='full'>&#0;</reginfo>",
            "<reginfo " + NS + " version='1' state='full'><registration aor='sip:a@b' id='1' state='active'>"
                + "<contact id='c' state='active'/></registration></reginfo>",
            "<reginfo " + NS + " version='1' state='full' a='<'/>",
            "<!DOCTYPE r [<!ENTITY x 'deactivated'>]><reginfo " + NS + " version='1' state='full'/>",
            "<reginfo " + NS + " version='1' state='full' p:a='1'/>"}) {
            DOCUMENTS.add(bad);
        }

        StringBuilder docs = new StringBuilder("[");
        for (String d : DOCUMENTS) {
            docs.append(docs.length() > 1 ? "," : "").append('"').append(base64(d)).append('"');
        }
        Path page = tmp.resolve("reginfo.html");
        Files.writeString(page, "<!doctype html><html><body><pre id='out'></pre>"
                + "<script src='" + WicJsFile.TEST_PATH.toAbsolutePath().toUri() + "'></script><script>"
                + "var u = function (b) { return new TextDecoder().decode(Uint8Array.from(atob(b), c => c.charCodeAt(0))); };"
                + "var e = function (s) { return btoa(String.fromCharCode.apply(null, new TextEncoder().encode(s))); };"
                + "document.getElementById('out').textContent = " + docs + "].map(function (d, i) {"
                + " try { return i + '\\t' + e(wicRegInfo(u(d))); } catch (x) { return i + '\\tthrew ' + x; } }).join('\\n');"
                + "</script></body></html>");
        Process chromium = new ProcessBuilder(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--allow-file-access-from-files", "--user-data-dir=" + tmp.resolve("profile"), "--dump-dom",
                page.toUri().toString())
                .redirectOutput(tmp.resolve("dom.html").toFile())
                .redirectError(tmp.resolve("chromium.log").toFile())
                .start();
        boolean exited = chromium.waitFor(CHROMIUM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            chromium.destroyForcibly();
        }
        String dom = Files.readString(tmp.resolve("dom.html"), StandardCharsets.UTF_8);
        assertThat(exited).as("chromium finished within %d s", CHROMIUM_TIMEOUT_SECONDS).isTrue();
        for (String line : dom.split("\n")) {
            int tab = line.indexOf('\t');
            String index = tab > 0 ? line.substring(0, tab).replaceAll(".*>", "") : "";
            if (!index.isEmpty() && index.chars().allMatch(Character::isDigit)) {
                String value = line.substring(tab + 1).replaceAll("<.*", "");
                BROWSER.put(Integer.parseInt(index), value.startsWith("threw ") ? value
                        : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
            }
        }
        assertThat(BROWSER).as("one answer per document; page:%n%s", dom).hasSize(DOCUMENTS.size());
    }

    @Test
    void everyDocumentReadsInTheBrowserAsRegInfoReaderReadsItOnTheJvm() {
        for (int i = 0; i < DOCUMENTS.size(); i++) {
            assertThat(BROWSER.get(i)).as("document %d: %s", i, abbreviated(DOCUMENTS.get(i)))
                    .isEqualTo(WicTestExports.regInfo(DOCUMENTS.get(i), XmlReader::read));
        }
    }

    @Test
    void theWicsOwnBindingEndedByTheNetworkIsSeenInTheBrowser() {
        // WIC-44: Kamailio's document keeps it (the TEL registration's contact is only the same URI,
        // without instance); the reg-event documents end it with their event; a replaced flow does not.
        assertThat(BROWSER.get(0)).endsWith("ended null");
        assertThat(BROWSER.get(2)).endsWith("ended deactivated");
        assertThat(BROWSER.get(3)).endsWith("ended rejected");
        assertThat(BROWSER.get(5)).endsWith("ended null");
        assertThat(BROWSER.get(DOCUMENTS.size() - 1)).isEqualTo("unreadable");
    }

    @Test
    void theSizeLimitAndNestingLimitAreTheJvmReadersInTheBrowser() {
        assertThat(BROWSER.get(8)).as("16 deep").isNotEqualTo("unreadable");
        assertThat(BROWSER.get(9)).as("17 deep").isEqualTo("unreadable");
        assertThat(BROWSER.get(10)).as("DEFAULT_MAX_BYTES characters").isNotEqualTo("unreadable");
        assertThat(BROWSER.get(11)).as("one more").isEqualTo("unreadable");
    }

    private static String chromium() {
        String configured = System.getProperty("chromium.executable");
        return configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium";
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviated(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
