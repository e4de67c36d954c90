package org.ketang.recorder;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Runs the agent from the command line:
 * {@code java -jar ketang-recorder.jar --platform http://host:8080 --code 7KQ4-M2XP --data ./recorder-data}.
 * The code is needed only the first time; later {@code --data} is enough (the platform is kept with the
 * credentials). {@code --config file.json} reads settings from another file than {@code <data>/agent.json},
 * {@code --port} moves the local page. SIGTERM finishes a running recording before the process ends.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        logging();
        URI platform = null;
        String code = null;
        Path data = Path.of("recorder-data");
        Path config = null;
        Integer port = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--platform" -> platform = URI.create(required(arg, value));
                case "--code" -> code = required(arg, value);
                case "--data" -> data = Path.of(required(arg, value));
                case "--config" -> config = Path.of(required(arg, value));
                case "--port" -> port = Integer.parseInt(required(arg, value));
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("Unknown argument " + arg);
                    usage();
                    System.exit(2);
                }
            }
            if (!arg.equals("--help") && !arg.equals("-h")) {
                i++;
            }
        }
        RecorderAgent.Builder builder = RecorderAgent.builder(data).platform(platform).enrollmentCode(code);
        if (config != null) {
            builder.settings(AgentSettings.load(config));
        }
        if (port != null) {
            builder.localPagePort(port);
        }
        RecorderAgent agent = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        agent.start();
        System.out.println("Ketang recorder " + RecorderAgent.VERSION + " running; local page " + agent.localPage());
        stopped.await();
    }

    private static String required(String arg, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(arg + " needs a value");
        }
        return value;
    }

    private static void usage() {
        System.out.println("""
                Ketang classroom recorder
                  --platform URL   the platform, e.g. http://platform:8080 (needed until enrolled)
                  --code CODE      the one-time enrollment code (only the first time)
                  --data DIR       where recordings, credentials and caches live (default ./recorder-data)
                  --config FILE    settings (default DIR/agent.json)
                  --port N         port of the local one-click page (default 8091)""");
    }

    /** One line per log record, to stderr (journald keeps it). */
    private static void logging() {
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String where = r.getLoggerName().substring(r.getLoggerName().lastIndexOf('.') + 1);
                return String.format("%1$tF %1$tT.%1$tL %2$-7s %3$s: %4$s%n%5$s", r.getMillis(), r.getLevel(), where,
                        formatMessage(r), r.getThrown() == null ? "" : r.getThrown() + "\n");
            }
        });
        root.addHandler(handler);
        root.setLevel(Level.INFO);
    }
}
