#!/usr/bin/env python3
"""Split a server's CPU into issue 13's buckets (TLS, WebSocket, SIP parse, token, transaction, relay, ...).

Input: the perf samples the load harness writes per step with --ep-perf=true (perf record -e cpu-clock -g of the
eP-CSCF; the JVM's JIT symbols come from /tmp/perf-<pid>.map, which the harness has the JVM write at the end of
the step). Unlike a flight recording's execution samples, perf sees every thread in every state that burns CPU:
BoringSSL and system calls (native code, which JFR's ExecutionSample leaves out), GC and JIT compiler threads.

Each sample goes to one bucket:
  1. by thread: GC threads -> GC; C1/C2 compiler threads -> JIT compiler; VM threads -> JVM runtime; the JMX, JFR
     and attach threads the harness itself uses -> measurement;
  2. a sample whose innermost frame is in the kernel -> kernel (system calls and loopback TCP; on loopback the
     sender's system call also runs the receiver's TCP input);
  3. otherwise the innermost frame that a rule below names decides (inner frames in libc, libjvm, the JDK's own
     java.*/sun.* classes or unnamed JIT stubs are passed over, so their cost goes to the code that called them);
     BoringSSL (libnetty_tcnative) is TLS.
A JIT-compiled method has the name of the outermost method compiled, so code inlined into it counts there.

usage: cpu-split.py [--rate=REGISTERS_PER_SECOND] [--seconds=S] [--detail=N] STEP.perf.data [...]
Prints a Markdown table: bucket, % of the samples, % of a core, and (with --rate) CPU microseconds per REGISTER;
--seconds: the length of each step (default: first to last sample); --detail=N: then the N frames that decided
most samples in each bucket (for the kernel: the system call and the Java method that made it).
"""
import subprocess
import sys

# (bucket, prefixes of a Java method's qualified name); the first bucket with a matching prefix wins per frame.
JAVA_RULES = [
    ("TLS (BoringSSL through netty-tcnative, SslHandler)",
     ("io.netty.handler.ssl.", "io.netty.internal.tcnative.", "sun.security.ssl.")),
    ("WebSocket framing and sending (Netty websocketx, Reactor Netty, Spring WebSocket, RFC 7118 edge)",
     ("io.netty.handler.codec.http.websocketx.", "reactor.netty.http.websocket.",
      "reactor.netty.http.server.WebsocketServerOperations", "reactor.netty.channel.MonoSendMany",
      "org.springframework.web.reactive.socket.", "org.webims.epcscf.websocket.")),
    ("logging", ("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
    ("token check (JWT parse, verdict cache)", ("com.nimbusds.", "net.minidev.", "org.webims.epcscf.token.",
                                                "org.webims.epcscf.lease.")),
    ("transaction layer (transactions, timers, loop hand-off)",
     ("org.webims.sip.transaction.", "org.webims.sip.server.loop.", "org.webims.sip.dialog.",
      "org.webims.sip.proxy.")),
    ("SIP parse and serialize (messages, header views, reginfo)",
     ("org.webims.sip.parser.", "org.webims.sip.message.", "org.webims.sip.header.", "org.webims.sip.uri.",
      "org.webims.sip.syntax.", "org.webims.sip.auth.", "org.webims.sip.reginfo.", "org.webims.sip.digest.")),
    ("relay to the core (sip-server TCP transport, core proxy)",
     ("org.webims.sip.server.", "org.webims.epcscf.core.")),
    ("eP-CSCF registration logic (Trusted Node rewrite, flows, reg-event)", ("org.webims.epcscf.",)),
    ("event loop, pipeline, buffers (Netty, Reactor Netty)",
     ("io.netty.", "reactor.netty.")),
    ("Reactor and Spring plumbing", ("reactor.", "org.springframework.")),
]
THREAD_RULES = [
    ("GC", ("GC Thread", "G1 ")),
    ("JIT compiler", ("C1 CompilerThre", "C2 CompilerThre")),
    ("JVM runtime (VM thread, safepoints, other JVM threads)", ("VM Thread", "VM Periodic", "Service Thread",
                                                               "Monitor Deflati", "Sweeper")),
    ("measurement (the harness's JMX, JFR, attach)", ("RMI ", "JMX ", "JFR ", "Attach Listener")),
]
KERNEL = "kernel (system calls, loopback TCP both ends, scheduler)"
JVM_OTHER = "JVM runtime (VM thread, safepoints, other JVM threads)"
OTHER = "other"


def qualified(symbol):
    """'void io.netty.X.m(int)' -> 'io.netty.X.m'; '' for JIT stubs ('Interpreter', '[unknown]')."""
    paren = symbol.find("(")
    if paren < 0:
        return ""
    head = symbol[:paren].split(" ")
    return head[-1] if "." in head[-1] else ""


def classify(comm, frames):
    """frames: [(symbol, dso)], innermost first. Returns (bucket, the frame that decided it)."""
    for bucket, prefixes in THREAD_RULES:
        if comm.startswith(prefixes):
            return bucket, comm
    if frames and frames[0][1] == "[kernel.kallsyms]":
        # the system call (or interrupt) this kernel work runs under, and the Java method that made it
        entry = next((s for s, d in reversed(frames) if d == "[kernel.kallsyms]"), frames[0][0])
        caller = next((qualified(s) for s, d in frames if qualified(s)), "") or next(
            (d.rsplit("/", 1)[-1] + ":" + s for s, d in frames if d != "[kernel.kallsyms]"), "?")
        return KERNEL, entry + " <- " + caller
    seen_jvm = False
    for symbol, dso in frames:
        if "libnetty_tcnative" in dso:
            return JAVA_RULES[0][0], "BoringSSL"
        if dso.endswith("libjvm.so"):
            seen_jvm = True
            continue
        name = qualified(symbol)
        if not name:
            continue
        for bucket, prefixes in JAVA_RULES:
            if name.startswith(prefixes):
                return bucket, name
    return (JVM_OTHER, "libjvm") if seen_jvm else (OTHER, frames[0][0] if frames else "")


def samples(path):
    """Yields (comm, time, period, frames) from `perf script`."""
    text = subprocess.run(["perf", "script", "-i", path, "-F", "comm,tid,time,period,ip,sym,dso"],
                          capture_output=True, text=True, check=True).stdout
    for block in text.split("\n\n"):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        head = lines[0].rstrip().rsplit(None, 3)  # comm (may hold spaces), tid, time:, period
        comm, time, period = head[0], float(head[2].rstrip(":")), int(head[3])
        frames = []
        for l in lines[1:]:
            parts = l.strip().split(" ", 1)
            rest = parts[1] if len(parts) > 1 else ""
            open_ = rest.rfind(" (")
            frames.append((rest[:open_], rest[open_ + 2:-1]) if open_ >= 0 else (rest, ""))
        yield comm, time, period, frames


def main(argv):
    rate = None
    seconds = None
    detail = 0
    files = []
    for a in argv:
        if a.startswith("--rate="):
            rate = float(a[len("--rate="):])
        elif a.startswith("--detail="):
            detail = int(a[len("--detail="):])
        elif a.startswith("--seconds="):
            seconds = float(a[len("--seconds="):])
        else:
            files.append(a)
    if not files:
        sys.exit(__doc__)
    totals = {}
    deciders = {}
    span = 0.0
    for f in files:
        first = last = None
        for comm, time, period, frames in samples(f):
            b, by = classify(comm, frames)
            totals[b] = totals.get(b, 0) + period
            deciders.setdefault(b, {})
            deciders[b][by] = deciders[b].get(by, 0) + period
            first = time if first is None else first
            last = time
        span += (last - first) if first is not None else 0
    span = seconds * len(files) if seconds else span
    all_ns = sum(totals.values())
    print("| bucket | % of the samples | % of a core |" + (" µs per REGISTER |" if rate else ""))
    print("|---|---|---|" + ("---|" if rate else ""))
    for b, ns in sorted(totals.items(), key=lambda e: -e[1]):
        core = 100.0 * ns / 1e9 / span
        row = f"| {b} | {100.0 * ns / all_ns:.1f} | {core:.1f} |"
        if rate:
            row += f" {ns / 1e3 / (rate * span):.1f} |"
        print(row)
    core = 100.0 * all_ns / 1e9 / span
    print(f"| **total** ({len(files)} step(s), {span:.1f} s sampled) | 100 | {core:.1f} |"
          + (f" {all_ns / 1e3 / (rate * span):.1f} |" if rate else ""))
    if detail:
        for b, ns in sorted(totals.items(), key=lambda e: -e[1]):
            print(f"\n{b}:")
            for by, n in sorted(deciders[b].items(), key=lambda e: -e[1])[:detail]:
                print(f"  {100.0 * n / all_ns:5.1f}%  {by}")


if __name__ == "__main__":
    main(sys.argv[1:])
