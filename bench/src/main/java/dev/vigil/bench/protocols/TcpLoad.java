package dev.vigil.bench.protocols;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code clients} TCP connections, each written by its own thread as fast as the socket takes the
 * pre-encoded bursts of framed messages. Syslog and GELF over TCP have no acknowledgements: the
 * receivers push back by pausing the socket, so the sender blocks in {@code write} (TCP flow
 * control) and nothing is dropped. What was accepted is read on the server.
 */
final class TcpLoad extends Load {
    private final int port;
    private final List<List<Body>> bodies;
    private final int clients;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean stopping;

    /** @param bodies per connection, the (log) bodies it writes in turn */
    TcpLoad(int port, List<List<Body>> bodies) {
        this.port = port;
        this.bodies = bodies;
        this.clients = bodies.size();
    }

    @Override
    void start() {
        for (int i = 0; i < clients; i++) {
            List<byte[]> own = bodies.get(i).stream().map(b -> b.render(0)).toList();
            Socket socket = new Socket();
            synchronized (sockets) {
                sockets.add(socket);
            }
            Thread thread = new Thread(() -> write(socket, own), "bench-tcp-sender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void write(Socket socket, List<byte[]> own) {
        int next = 0;
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            while (!stopping) {
                out.write(own.get(next));
                okAnswers.increment(); // written to the socket, not necessarily accepted yet
                next = (next + 1) % own.size();
            }
            out.flush();
        } catch (IOException e) {
            if (!stopping) {
                fail(e.toString());
            }
        }
    }

    @Override
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        // Closing only after the writers ended: a burst cut in the middle would be a truncated frame.
        synchronized (sockets) {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
