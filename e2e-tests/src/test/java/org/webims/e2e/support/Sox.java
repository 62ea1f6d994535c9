package org.webims.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Known audio in and a loudness measure out, with sox (Debian package): what the phone tests hear with. */
public final class Sox {

  private Sox() {
  }

  /** Writes a 440 Hz tone at half scale, 48 kHz mono 16-bit, lasting {@code length}. */
  public static void tone(Path wav, Duration length) throws IOException, InterruptedException {
    run(List.of("sox", "-n", "-r", "48000", "-c", "1", "-b", "16", wav.toString(), "synth",
        Long.toString(length.toSeconds()), "sine", "440", "vol", "0.5"));
  }

  /**
   * The RMS amplitude (0 silence, 1 full scale) of a sound file, from {@code sox FILE -n stat}; 0 for a file without
   * samples yet. {@code --ignore-length}: a recording still being written has no length in its WAV header.
   */
  public static double rms(Path file) throws IOException, InterruptedException {
    String stat = run(List.of("sox", "--ignore-length", file.toString(), "-n", "stat"));
    for (String line : stat.split("\n")) {
      if (line.startsWith("RMS     amplitude:")) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        return value.endsWith("nan") ? 0 : Double.parseDouble(value);
      }
    }
    throw new IOException("no RMS amplitude in sox's stat of " + file + ": " + stat);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process sox = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = sox.getInputStream().readAllBytes();
    if (!sox.waitFor(30, TimeUnit.SECONDS) || sox.exitValue() != 0) {
      sox.destroyForcibly();
      throw new IOException(command + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
