package org.webims.wic;

/** Generated from src/main/java-templates by Maven resource filtering; do not edit the copy in target/. */
final class WicVersion {

    static final String VERSION = "@project.version@";

    private WicVersion() {
    }
}
