package io.trestle.odoo.standin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Probes the stand-in's port from outside, as a client would. */
final class Connections {

    private Connections() {
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
