package org.webims.load;

import com.sun.management.OperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A server (the eP-CSCF) in its own JVM, started with this harness's class path, so that its CPU time and heap are
 * its own. The harness reads them through the platform MXBeans over the JDK's local attach (no network port).
 */
final class ServerJvm implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final JMXConnector jmx;
  private final MemoryMXBean memory;
  private final OperatingSystemMXBean os;
  private final MBeanServerConnection connection;

  private ServerJvm(Process process, Path log, JMXConnector jmx) throws IOException {
    this.process = process;
    this.log = log;
    this.jmx = jmx;
    this.connection = jmx.getMBeanServerConnection();
    this.memory = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.MEMORY_MXBEAN_NAME,
        MemoryMXBean.class);
    this.os = ManagementFactory.newPlatformMXBeanProxy(connection,
        ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, OperatingSystemMXBean.class);
  }

  /** Runs {@code mainClass} with {@code jvmOptions} and {@code args}; returns once it accepts on {@code port}. */
  static ServerJvm start(String mainClass, List<String> jvmOptions, List<String> args, int port, Path log)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!accepts(port)) {
      if (process.waitFor(100, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(mainClass + " did not start listening on " + port + "; see " + log + ":\n"
            + tail(log));
      }
    }
    VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    return new ServerJvm(process, log, JMXConnectorFactory.connect(new JMXServiceURL(address)));
  }

  /** CPU time of the whole server process so far, in nanoseconds. */
  long cpuNanos() {
    return os.getProcessCpuTime();
  }

  /** Heap in use after two full collections, in bytes. */
  long heapAfterGc() {
    memory.gc();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** The server's class histogram (as {@code jcmd GC.class_histogram}, which collects first). */
  String classHistogram() throws Exception {
    return diagnosticCommand("gcClassHistogram");
  }

  /** {@code jcmd <pid> VM.native_memory summary}: needs {@code -XX:NativeMemoryTracking=summary} at start. */
  String nativeMemorySummary() throws Exception {
    return diagnosticCommand("vmNativeMemory", "summary");
  }

  /** {@code jcmd <pid> Compiler.perfmap}: writes /tmp/perf-<pid>.map, the JIT-compiled code's symbols for perf. */
  void writePerfMap() throws Exception {
    diagnosticCommand("compilerPerfmap");
  }

  /** The whole process's PSS split into the Java heap, other anonymous memory and files (/proc smaps). */
  MemorySplit memorySplit() throws Exception {
    return MemorySplit.of(Files.readString(Path.of("/proc", Long.toString(pid()), "smaps")),
        MemorySplit.heapStart(diagnosticCommand("gcHeapInfo")));
  }

  /** Starts a flight recording {@code name} with the JDK's "profile" settings ({@code jcmd <pid> JFR.start}). */
  void startRecording(String name) throws Exception {
    diagnosticCommand("jfrStart", "name=" + name, "settings=profile");
  }

  /** Stops recording {@code name} and writes it to {@code file} ({@code jcmd <pid> JFR.stop}). */
  void stopRecording(String name, Path file) throws Exception {
    diagnosticCommand("jfrStop", "name=" + name, "filename=" + file.toAbsolutePath());
  }

  /** The JDK's direct buffer pool (ByteBuffer.allocateDirect; Netty's own no-cleaner buffers are not in it). */
  String directBuffers() throws Exception {
    ObjectName pool = new ObjectName("java.nio:type=BufferPool,name=direct");
    return "JDK direct buffers: " + connection.getAttribute(pool, "Count") + " buffers, "
        + connection.getAttribute(pool, "MemoryUsed") + " bytes used, " + connection.getAttribute(pool,
        "TotalCapacity") + " bytes capacity";
  }

  private String diagnosticCommand(String operation, String... args) throws Exception {
    return (String) connection.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
        new Object[] {args}, new String[] {String[].class.getName()});
  }

  /** The whole process's memory (PSS and RSS) from {@code /proc}. */
  ProcessMemory processMemory() {
    return ProcessMemory.ofTree(process.toHandle());
  }

  ProcessHandle processHandle() {
    return process.toHandle();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws Exception {
    try {
      jmx.close();
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** True when something accepts TCP connections on {@code port} of the loopback address. */
  static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
