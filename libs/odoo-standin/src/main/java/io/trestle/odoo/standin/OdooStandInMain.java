package io.trestle.odoo.standin;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the stand-in as a process until it is killed.
 *
 * <pre>
 * java -cp 'trestle-odoo-standin.jar:lib/*' io.trestle.odoo.standin.OdooStandInMain --port 8069 --host 127.0.0.1 \
 *     --database constr --admin-api-key KEY [--latency-ms 0]
 * </pre>
 *
 * Prints one line, {@code Trestle Odoo stand-in listening on http://…}, once it accepts requests.
 */
public final class OdooStandInMain {

    private static final String USAGE = "Usage: OdooStandInMain [--port 8069] [--host 127.0.0.1] [--database constr]"
            + " [--admin-api-key KEY] [--latency-ms 0]";

    private OdooStandInMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        OdooStandInOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        OdooStandIn standIn = OdooStandIn.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standIn.close();
            stopped.countDown();
        }, "odoo-standin-shutdown"));
        System.out.println("Trestle Odoo stand-in listening on " + standIn.url());
        System.out.flush();
        stopped.await();
    }

    static OdooStandInOptions parse(String[] args) {
        OdooStandInOptions options = OdooStandInOptions.defaults().withPort(8069);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            String value = args[++i];
            options = switch (option) {
                case "--port" -> options.withPort(number(option, value));
                case "--host" -> options.withHost(value);
                case "--database" -> options.withDatabase(value);
                case "--admin-api-key" -> options.withAdminApiKey(value);
                case "--latency-ms" -> options.withLatency(Duration.ofMillis(number(option, value)));
                default -> throw new IllegalArgumentException("Unknown option " + option);
            };
        }
        return options;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
        }
    }
}
