package org.webims.wic;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the teavm-maven-plugin (phase process-classes) writes the WIC bundle, seen from Surefire's working directory. */
final class WicJsFile {

    static final Path PATH = Path.of("target", "classes", "META-INF", "resources", "wic", "wic.js");
    /** The test-only bundle of {@code WicTestExports} (second TeaVM execution), not shipped. */
    static final Path TEST_PATH = Path.of("target", "wic-test", "wic-test.js");

    private WicJsFile() {
    }

    /** {@code -Dnode.executable=...} if given, else the first {@code node} on PATH, else Debian's /usr/bin/node. */
    static String nodeExecutable() {
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
