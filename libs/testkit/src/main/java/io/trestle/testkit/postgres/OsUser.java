package io.trestle.testkit.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/** The OS user facts LocalPostgres depends on. */
final class OsUser {

    private OsUser() {
    }

    /** True when this JVM runs with user id 0. */
    static boolean isRoot() {
        Path self = Path.of("/proc/self");
        if (Files.exists(self)) {
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(self, "unix:uid"));
            } catch (IOException | UnsupportedOperationException e) {
                // Fall back to the name below.
            }
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** Gives a file or folder to another user, so a server running as them can use it. */
    static void handOver(Path path, String user) throws IOException {
        try {
            Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("PostgreSQL cannot run as root and there is no OS user '" + user
                    + "' to run it as (the Debian postgresql package creates it)", e);
        }
    }
}
