package io.trestle.equipment.client;

import java.net.URI;

/** A vendor API answered with an error other than 429, or with something that is not a usable answer. */
public class VendorException extends Exception {

    private static final long serialVersionUID = 1L;

    public VendorException(String message) {
        super(message);
    }

    static VendorException status(String what, URI uri, int status) {
        return new VendorException(what + " " + uri + " answered HTTP " + status);
    }
}
