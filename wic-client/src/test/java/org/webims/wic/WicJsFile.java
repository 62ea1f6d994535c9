package org.webims.wic;

import java.nio.file.Path;

/** Where the teavm-maven-plugin (phase process-classes) writes the WIC bundle, seen from Surefire's working directory. */
final class WicJsFile {

    static final Path PATH = Path.of("target", "classes", "META-INF", "resources", "wic", "wic.js");

    private WicJsFile() {
    }
}
