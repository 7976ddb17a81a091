package io.trestle.devregistry;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the dev registry as a process until it is killed.
 *
 * <pre>
 * java -cp 'trestle-dev-registry.jar:lib/*' io.trestle.devregistry.DevRegistryMain --port 8081 --host 127.0.0.1 --data-dir state/
 * </pre>
 *
 * Prints one line, {@code Trestle dev registry listening on http://…}, once it accepts requests.
 */
public final class DevRegistryMain {

    private static final String USAGE = "Usage: DevRegistryMain [--port 8081] [--host 127.0.0.1] [--data-dir DIR]";

    private DevRegistryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DevRegistryOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        DevRegistry registry = DevRegistry.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            stopped.countDown();
        }, "dev-registry-shutdown"));
        System.out.println("Trestle dev registry listening on " + registry.baseUrl() + " (Apicurio v3: "
                + registry.apicurioUrl() + ", ccompat: " + registry.ccompatUrl() + ")");
        System.out.flush();
        stopped.await();
    }

    static DevRegistryOptions parse(String[] args) {
        DevRegistryOptions options = DevRegistryOptions.defaults().withPort(8081);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            String value = args[++i];
            options = switch (option) {
                case "--port" -> options.withPort(port(value));
                case "--host" -> options.withHost(value);
                case "--data-dir" -> options.withDataDir(Path.of(value));
                default -> throw new IllegalArgumentException("Unknown option " + option);
            };
        }
        return options;
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, not '" + value + "'");
        }
    }
}
