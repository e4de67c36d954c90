package org.ketang.recorder.control;

import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.CommandType;

/**
 * Runs the platform's commands, one at a time in arrival order: each id at most once ({@link ExecutedCommands}),
 * an expired one not at all (reported as expired), every one acknowledged with a {@link CommandResult} — posted at
 * once, and kept in the {@link Outbox} for the next heartbeat when that fails. Work that must happen after the
 * acknowledgement (rebooting the box) runs only once the result was delivered or queued.
 */
public final class CommandRunner implements AutoCloseable {

    private static final System.Logger log = System.getLogger(CommandRunner.class.getName());

    /**
     * What a command did.
     *
     * @param ok      whether it succeeded
     * @param message for people
     * @param then    to run after the result is acknowledged (or queued), or null
     */
    public record Outcome(boolean ok, String message, @Nullable Runnable then) {

        public static Outcome done(String message) {
            return new Outcome(true, message, null);
        }

        public static Outcome failed(String message) {
            return new Outcome(false, message, null);
        }
    }

    /** Carries out one type of command. */
    @FunctionalInterface
    public interface Handler {
        Outcome run(Command command) throws Exception;
    }

    /** Posts a result to the platform. */
    @FunctionalInterface
    public interface ResultSender {
        void send(CommandResult result) throws IOException;
    }

    private final ExecutedCommands executed;
    private final Outbox outbox;
    private final Clock clock;
    private final ResultSender sender;
    private final Map<CommandType, Handler> handlers = new EnumMap<>(CommandType.class);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "commands");
        t.setDaemon(true);
        return t;
    });

    public CommandRunner(ExecutedCommands executed, Outbox outbox, Clock clock, ResultSender sender) {
        this.executed = executed;
        this.outbox = outbox;
        this.clock = clock;
        this.sender = sender;
    }

    /** Registers what a command type does. */
    public CommandRunner on(CommandType type, Handler handler) {
        handlers.put(type, handler);
        return this;
    }

    /** Queues commands (from a heartbeat reply or a long-poll); duplicates are dropped when their turn comes. */
    public void accept(List<Command> commands) {
        for (Command command : commands) {
            if (!executed.seen(command.id())) {
                worker.submit(() -> run(command));
            }
        }
    }

    /** Runs one command now, on the caller's thread (the queue uses this too). */
    public void run(Command command) {
        try {
            if (!executed.claim(command.id(), clock.instant())) {
                return;
            }
        } catch (IOException e) {
            // without a record of it, running could repeat it after a restart: leave it for the next delivery
            log.log(System.Logger.Level.ERROR, "Cannot record command " + command.id() + "; not running it: "
                    + e.getMessage());
            return;
        }
        Outcome outcome;
        if (command.expiresAt() != null && !clock.instant().isBefore(command.expiresAt())) {
            outcome = Outcome.failed("指令已过期，未执行 / expired at " + command.expiresAt() + ", not run");
        } else {
            Handler handler = handlers.get(command.type());
            if (handler == null) {
                outcome = Outcome.failed("不支持的指令 / unsupported command " + command.type());
            } else {
                try {
                    outcome = handler.run(command);
                } catch (Exception e) {
                    outcome = Outcome.failed(e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        }
        log.log(System.Logger.Level.INFO, "Command " + command.id() + " " + command.type() + ": "
                + (outcome.ok() ? "ok" : "failed") + " — " + outcome.message());
        CommandResult result = new CommandResult(command.id(), outcome.ok(), outcome.message(), clock.instant());
        outbox.add(result);
        try {
            sender.send(result);
            outbox.delivered(result);
        } catch (IOException e) {
            log.log(System.Logger.Level.INFO, "Result of " + command.id() + " goes with the next heartbeat: "
                    + e.getMessage());
        }
        if (outcome.then() != null) {
            outcome.then().run();
        }
    }

    /** Waits for queued commands (tests) up to {@code millis}. */
    public void drain(long millis) throws InterruptedException {
        try {
            worker.submit(() -> {
            }).get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Commands did not finish in " + millis + " ms", e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
