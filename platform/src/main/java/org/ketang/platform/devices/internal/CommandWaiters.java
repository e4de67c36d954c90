package org.ketang.platform.devices.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.ketang.agent.protocol.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Agents waiting on the long-poll for commands. A waiting request holds no servlet thread (it is a
 * {@link DeferredResult}); it is answered when a command for its device is issued on this node ({@link #wake}), or
 * with an empty list when its wait is over.
 * <p>
 * With several platform nodes, the node that stores a command is often not the one holding the agent's long-poll:
 * a multi-node deployment must broadcast "device N has a new command" between nodes (PostgreSQL
 * {@code LISTEN/NOTIFY} or Redis pub/sub, as the design notes say for events) and call {@link #wake} on each. Without
 * that nothing is lost — the command still arrives with the agent's next heartbeat or poll — it is only slower.
 */
@Component
public class CommandWaiters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CommandWaiters.class);

    private final Map<Long, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "command-long-poll");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A long-poll for {@code deviceId}: answered at once when {@code deliver} finds commands, else as soon as one is
     * issued, else with an empty list after {@code wait}.
     *
     * @param deliver the device's pending commands (marks them delivered); called on this thread first, then on the
     *                thread that issues a command
     */
    public DeferredResult<List<Command>> await(long deviceId, Duration wait, Supplier<List<Command>> deliver) {
        // the container's own timeout is only a backstop: the timer below answers first
        DeferredResult<List<Command>> result = new DeferredResult<>(wait.toMillis() + 10_000, List::of);
        Waiter waiter = new Waiter(deviceId, result, deliver);
        // registered before looking, so that a command committed in between is not missed
        waiting.computeIfAbsent(deviceId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        result.onCompletion(() -> forget(waiter));
        waiter.offer();
        if (!result.isSetOrExpired()) {
            waiter.timeout = timer.schedule(() -> waiter.answer(List.of()), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        return result;
    }

    /**
     * A command for {@code deviceId} was stored (and committed): answer the device's waiting polls. The answering runs
     * on this class's own thread, in its own transaction, so the caller (often a transaction's after-commit hook)
     * neither waits for it nor lends it a finished transaction.
     */
    public void wake(long deviceId) {
        Set<Waiter> waiters = waiting.get(deviceId);
        if (waiters != null && !waiters.isEmpty()) {
            try {
                timer.execute(() -> waiters.forEach(Waiter::offer));
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                log.debug("Not waking device {}: shutting down", deviceId);
            }
        }
    }

    /** How many long-polls are waiting on this node. */
    public int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    /** Whether a long-poll of the device is waiting on this node. */
    public boolean waiting(long deviceId) {
        Set<Waiter> waiters = waiting.get(deviceId);
        return waiters != null && !waiters.isEmpty();
    }

    private void forget(Waiter waiter) {
        if (waiter.timeout != null) {
            waiter.timeout.cancel(false);
        }
        waiting.computeIfPresent(waiter.deviceId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        waiting.values().forEach(set -> set.forEach(w -> w.result.setResult(List.of())));
        waiting.clear();
    }

    private final class Waiter {

        final long deviceId;
        final DeferredResult<List<Command>> result;
        final Supplier<List<Command>> deliver;
        volatile ScheduledFuture<?> timeout;

        Waiter(long deviceId, DeferredResult<List<Command>> result, Supplier<List<Command>> deliver) {
            this.deviceId = deviceId;
            this.result = result;
            this.deliver = deliver;
        }

        /** Answers the poll when the device has commands. */
        void offer() {
            if (result.isSetOrExpired()) {
                return;
            }
            try {
                List<Command> commands = deliver.get();
                if (!commands.isEmpty()) {
                    answer(commands);
                }
            } catch (RuntimeException e) {
                log.warn("Could not deliver commands to device {}", deviceId, e);
                result.setErrorResult(e);
                forget(this);
            }
        }

        void answer(List<Command> commands) {
            result.setResult(commands);
            forget(this);
        }
    }
}
