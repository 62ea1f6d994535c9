package org.webims.wwsf.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A load balancer as the cluster's HAProxy is configured for the WWSF (issue 16): TCP mode, so TLS ends at the
 * nodes; round robin per new connection, with no stickiness; a node that refuses the connection is skipped for
 * the next one ({@code option redispatch}). Each accepted connection is piped to its node byte for byte.
 */
final class RoundRobinProxy implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MS = 2_000;

  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "round-robin-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  private volatile List<Integer> backendPorts = List.of();
  private volatile AtomicIntegerArray connections = new AtomicIntegerArray(0);

  private RoundRobinProxy(ServerSocket listener) {
    this.listener = listener;
  }

  /** Listens on a free port of loopback; forwards nothing until {@link #forwardTo} names the nodes. */
  static RoundRobinProxy start() {
    try {
      RoundRobinProxy proxy = new RoundRobinProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      proxy.threads.execute(proxy::accept);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The nodes' ports on loopback, in round-robin order. */
  void forwardTo(List<Integer> ports) {
    connections = new AtomicIntegerArray(ports.size());
    backendPorts = List.copyOf(ports);
  }

  /** How many connections node {@code index} (of {@link #forwardTo}) has taken so far. */
  int connections(int index) {
    return connections.get(index);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        open.add(client);
        threads.execute(() -> forward(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void forward(Socket client) {
    List<Integer> ports = backendPorts;
    int first = Math.floorMod(next.getAndIncrement(), Math.max(ports.size(), 1));
    for (int attempt = 0; attempt < ports.size(); attempt++) {
      int index = (first + attempt) % ports.size();
      Socket node = new Socket();
      try {
        node.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get(index)), CONNECT_TIMEOUT_MS);
      } catch (IOException refused) {
        closeQuietly(node);
        continue; // that node is down: the next one
      }
      connections.incrementAndGet(index);
      open.add(node);
      threads.execute(() -> pipe(node, client));
      pipe(client, node);
      return;
    }
    closeQuietly(client);
  }

  private void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[16 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed or reset: end both
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
    open.forEach(this::closeQuietly);
    threads.shutdownNow();
  }
}
