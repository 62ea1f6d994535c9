package org.webims.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Baseline for Digest authentication (RFC 7616): the JDK's {@link MessageDigest} hashing an A1 string
 * ({@code username:realm:password}). The plain-Java hashes in sip-core, which TeaVM needs because its
 * class library has no MessageDigest, are measured against this number.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JdkDigestBaselineBenchmark {

    @Param({"MD5", "SHA-256"})
    public String algorithm;

    private MessageDigest digest;
    private byte[] a1;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        digest = MessageDigest.getInstance(algorithm);
        a1 = "alice@ims.example.com:ims.example.com:correct horse battery staple"
                .getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] hashA1() {
        return digest.digest(a1);
    }
}
