package io.trestle.odoo.standin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread brings about, polling until a deadline instead of sleeping blindly. */
final class Eventually {

    private static final Duration POLL = Duration.ofMillis(10);

    private Eventually() {
    }

    static void until(Duration timeout, String description, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + timeout + ": " + description);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + description, e);
            }
        }
    }

    /** Whether a TCP connection to the URL's host and port is accepted. */
    static boolean accepts(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
