package org.susong.commons.persistence;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real MongoDB-wire store (mongo-java-server, in memory) behind a TCP proxy that can be frozen, as {@code kill -STOP}
 * of the store process freezes it (issue 15): while frozen, connections are still accepted (the kernel's backlog) and
 * bytes sent are taken (its buffers), but nothing is read or answered, on old and new connections alike; after
 * {@link #thaw} all of it goes through. Clients connect to {@link #port}.
 */
final class FrozenStore implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress store;
    private final ServerSocket proxy;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private boolean frozen;
    private volatile boolean closed;

    FrozenStore() throws IOException {
        store = server.bind();
        proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "frozen-store-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return proxy.getLocalPort();
    }

    /** From now on nothing is answered, nor read from a client, until {@link #thaw}. */
    void freeze() {
        synchronized (lock) {
            frozen = true;
        }
    }

    void thaw() {
        synchronized (lock) {
            frozen = false;
            lock.notifyAll();
        }
    }

    private void awaitThawed() throws InterruptedException {
        synchronized (lock) {
            while (frozen && !closed) {
                lock.wait(100);
            }
        }
    }

    private void accept() {
        try {
            while (!closed) {
                Socket client = proxy.accept();
                sockets.add(client);
                awaitThawed(); // frozen: the connection is accepted, the store never sees it until the thaw
                Socket upstream = new Socket(store.getAddress(), store.getPort());
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            }
        } catch (IOException | InterruptedException e) {
            // closed
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    awaitThawed(); // what arrived while frozen waits, as in the stopped process' socket buffer
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "frozen-store-pump");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() {
        closed = true;
        thaw();
        closeQuietly(proxy);
        sockets.forEach(FrozenStore::closeQuietly);
        server.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
