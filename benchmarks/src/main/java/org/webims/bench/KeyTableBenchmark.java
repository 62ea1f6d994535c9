package org.webims.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.webims.sip.syntax.KeyTable;

/**
 * Issue 14: the transaction layer's and dialog layer's tables went from HashMap to sip-core's KeyTable
 * (wic.js size, docs/wic.md "Size"). The servers' pattern per transaction: a put when it starts, gets
 * for its retransmissions and responses, a remove when it ends, with {@code live} others in the table.
 * Keys are branch-and-method strings as TransactionKeys makes them (hash computed once per String).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyTableBenchmark {

    @Param({"16", "10000"})
    public int live;

    private String[] keys;
    private int next;
    private final Map<String, Object> hashMap = new HashMap<>();
    private final KeyTable<String, Object> keyTable = new KeyTable<>();

    @Setup
    public void fill() {
        keys = new String[live * 2];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "z9hG4bK" + Integer.toHexString(i * 0x9e3779b9) + ".1 REGISTER";
            keys[i].hashCode();
        }
        for (int i = 0; i < live; i++) {
            hashMap.put(keys[i], keys[i]);
            keyTable.put(keys[i], keys[i]);
        }
        next = live;
    }

    /** One transaction's life: start, three lookups, end; the oldest live one ends to keep the count. */
    @Benchmark
    public Object hashMap() {
        String key = keys[next];
        String oldest = keys[(next + live) % keys.length];
        next = (next + 1) % keys.length;
        hashMap.put(key, key);
        Object a = hashMap.get(key);
        Object b = hashMap.get(oldest);
        Object c = hashMap.get(key);
        hashMap.remove(oldest);
        return a == b ? c : a;
    }

    @Benchmark
    public Object keyTable() {
        String key = keys[next];
        String oldest = keys[(next + live) % keys.length];
        next = (next + 1) % keys.length;
        keyTable.put(key, key);
        Object a = keyTable.get(key);
        Object b = keyTable.get(oldest);
        Object c = keyTable.get(key);
        keyTable.remove(oldest);
        return a == b ? c : a;
    }
}
