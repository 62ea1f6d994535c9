package org.webims.server.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Secrets at rest (issue 12 point 6): a WebIMS server's data directory holds its database (the WAF's private
 * signing keys, live tokens; the HSS's credentials) and its TLS keystore, so it is the server's own business.
 * At every start, whoever starts the server, the directory of its H2 file database and of its keystore become
 * 0700 and the files directly in them 0600 (POSIX): once before anything opens (so new files land in a private
 * directory), and again when the server is ready (files the start created). Registered for every Spring Boot
 * application with server-support on its class path ({@code META-INF/spring.factories}).
 *
 * <p>Only what this user owns is changed, and never a directory others share: not one with the sticky bit
 * ({@code /tmp}), not the file system's root, not the user's home. A file system without POSIX permissions is
 * left alone.
 */
public final class PrivateDataFiles implements ApplicationListener<SpringApplicationEvent> {

  private static final Logger log = LoggerFactory.getLogger(PrivateDataFiles.class);
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final int STICKY = 01000;

  @Override
  public void onApplicationEvent(SpringApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      restrict(prepared.getEnvironment(), true);
    } else if (event instanceof ApplicationReadyEvent ready) {
      restrict(ready.getApplicationContext().getEnvironment(), false);
    }
  }

  private static void restrict(Environment env, boolean create) {
    for (Path file : files(env)) {
      try {
        restrict(file, create);
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        log.warn("Could not make {} readable by its owner only: {}", file.toAbsolutePath(), e.toString());
      }
    }
  }

  /** The files whose directories hold this server's secrets: its H2 file database, its keystore. */
  static Set<Path> files(Environment env) {
    Set<Path> files = new LinkedHashSet<>();
    Path database = h2File(env.getProperty("spring.datasource.url"));
    if (database != null) {
      files.add(database);
    }
    if (env.getProperty("webims.tls.enabled", Boolean.class, true)) {
      String keyStore = env.getProperty("webims.tls.key-store", "");
      // TlsConfiguration.keyStorePath's default, read from the environment before any bean exists.
      files.add(keyStore.isBlank()
          ? Path.of("data", env.getProperty("spring.application.name", "webims") + "-tls.p12") : Path.of(keyStore));
    }
    return files;
  }

  /** The path of an H2 file database ({@code jdbc:h2:file:x} or {@code jdbc:h2:x}), or null. */
  static Path h2File(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
      return null;
    }
    String rest = url.substring(8);
    int options = rest.indexOf(';');
    if (options >= 0) {
      rest = rest.substring(0, options);
    }
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("file:")) {
      rest = rest.substring(5);
    } else if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
        || lower.startsWith("zip:") || lower.startsWith("split:") || lower.startsWith("nio")) {
      return null;
    }
    if (rest.startsWith("~")) {
      rest = System.getProperty("user.home") + rest.substring(1);
    }
    return rest.isEmpty() ? null : Path.of(rest);
  }

  /** Makes {@code file} readable and writable by its owner only, where the file system has POSIX permissions. */
  public static void ownerOnly(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /** Makes {@code file}'s directory (created when {@code create}) 0700 and the files in it 0600. */
  static void restrict(Path file, boolean create) throws IOException {
    Path dir = file.toAbsolutePath().normalize().getParent();
    if (dir == null || !Files.getFileStore(existing(dir)).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    if (create && !Files.exists(dir)) {
      Files.createDirectories(dir);
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    if (isPrivate(dir, me)) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && ownedBy(entry, me)) {
            Files.setPosixFilePermissions(entry, FILE);
          }
        }
      }
    } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && ownedBy(file, me)) {
      Files.setPosixFilePermissions(file, FILE); // a shared directory: the server's own file only
    }
  }

  /** A directory that is this server's to close: owned by this user, not shared, not a system place. */
  private static boolean isPrivate(Path dir, UserPrincipal me) throws IOException {
    if (dir.getParent() == null || dir.equals(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize())
        || !ownedBy(dir, me)) {
      return false;
    }
    Object mode = Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return !(mode instanceof Integer m) || (m & STICKY) == 0;
  }

  private static boolean ownedBy(Path path, UserPrincipal me) throws IOException {
    return me.equals(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static Path existing(Path dir) {
    Path p = dir;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p == null ? dir.getRoot() : p;
  }
}
