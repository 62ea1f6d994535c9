package org.webims.wic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built wic.js in Node, both as Node loads it ({@code require}) and as a plain {@code <script>}
 * tag sees it (no module system: exports land on the global object), and compares each exported function
 * with the same Java method run on the JVM.
 */
class WicJsSmokeTest {

    private static final long NODE_TIMEOUT_SECONDS = 30;

    private static List<String> harnessOutput;

    @BeforeAll
    static void runHarness(@TempDir Path tmp) throws Exception {
        Path output = tmp.resolve("node-output.txt");
        Process node = new ProcessBuilder(nodeExecutable(), harnessScript().toString(),
                WicJsFile.PATH.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            node.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(exited).as("node finished within %d s; output:%n%s", NODE_TIMEOUT_SECONDS, text).isTrue();
        assertThat(node.exitValue()).as("node exit code; output:%n%s", text).isZero();
        harnessOutput = text.lines().toList();
    }

    @Test
    void versionIsTheBuildVersionWhenRequiredInNode() {
        assertThat(harnessOutput).contains("node version=" + WicMain.version());
    }

    @Test
    void selfTestPassesWhenRequiredInNode() {
        assertThat(harnessOutput).contains("node wicSelfTest=" + WicSelfTest.OK);
    }

    @Test
    void exportsAreGlobalsWhenLoadedAsPlainScript() {
        assertThat(harnessOutput).contains(
                "script version=" + WicMain.version(),
                "script wicSelfTest=" + WicSelfTest.OK);
    }

    @Test
    void jvmAgreesWithTheCompiledClient() {
        assertThat(WicMain.wicSelfTest()).isEqualTo(WicSelfTest.OK);
        assertThat(WicMain.version()).isNotBlank().doesNotContain("@");
    }

    private static Path harnessScript() throws URISyntaxException {
        return Path.of(WicJsSmokeTest.class.getResource("/wic-harness.cjs").toURI());
    }

    /** {@code -Dnode.executable=...} if given, else the first {@code node} on PATH, else Debian's /usr/bin/node. */
    private static String nodeExecutable() {
        String configured = System.getProperty("node.executable");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "node"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse("/usr/bin/node");
    }
}
