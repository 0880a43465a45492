package io.fleetsim.device;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.node.LwM2mPath;

import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.nat.DevicePath;
import io.fleetsim.nat.PathTracker;
import io.fleetsim.resultsformat.Cause;
import io.fleetsim.scenario.Keepalive;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * One virtual LwM2M 1.1 client, over whichever transport its group uses (UDP, DTLS, TCP, TLS:
 * its {@link CoapChannel}; it registers with binding {@code U} or {@code T} to match). A small
 * state machine driven by timers and the channel's responses on the event loop of its shard, for
 * its whole life: register, update before the lifetime runs out, serve the server's operations on
 * its objects and notify its observers, reboot when told to, retry with back-off when registration
 * fails, register again when an update fails or the path breaks, de-register at the end. A failing
 * device counts its failures and carries on; it never stops
 * the run.
 */
public final class VirtualDevice {

    /** Simulated time between the answer to an Execute of /3/0/4 and the reboot's De-register. */
    static final long REBOOT_AFTER_ANSWER_MILLIS = 200;

    /** Where a device is in its life. */
    public enum State { IDLE, REGISTERING, REGISTERED, UPDATING, BACKOFF, GAVE_UP, DEREGISTERING, STOPPED,
        /** LwM2M bootstrap: from the Bootstrap-Request to Bootstrap-Finish (or the attempt's failure). */
        BOOTSTRAPPING }

    private final DeviceIdentity identity;
    private final DeviceContext shard;
    private final ShardMetrics metrics;
    private final SwitchableChannel coap;
    /** The channel to the group's own server (the one {@link #coap} starts with). */
    private final CoapChannel groupChannel;
    private final PathTracker path;
    /** The device's path to its group's server: a bootstrap or handed-out server's path keeps its tracker and radio. */
    private final DevicePath devicePath;
    /** Answers the LwM2M server's requests (not while asleep in queue mode). */
    private final io.fleetsim.coap.CoapRequestHandler serverRequests;
    /** The /0 and /1 instances bootstrap servers wrote; null until the first bootstrap. */
    private BootstrapConfig bootstrapConfig;
    /** The bootstrap attempt going on, or null. */
    private BootstrapSession bootstrapSession;
    /** The channel to the bootstrap server while a bootstrap goes on, or null. */
    private CoapChannel bootstrapChannel;
    /** The server account the last bootstrap handed out; null before (or without) bootstrap. */
    private ServerAccount account;
    /** Bootstrap attempts that failed in a row. */
    private int failedBootstraps;
    private final IdleKeepalive keepalive;
    private State state = State.IDLE;
    private String location;
    private int failedAttempts;
    private long timerId = -1;
    private boolean everRegistered;
    /** A restarted device with a handed-out account: it makes the channel to it at its start. */
    private boolean accountPending;
    private boolean started;
    /** Simulated moment the device was meant to start: where its time to registered counts from. */
    private long intendedStartMillis;
    private int registrationFailures;
    private int registrationGaveUp;
    /** The operation whose Register or Update is waiting for its outcome, or null. */
    private FailureKind inFlight;
    private boolean stopRequested;
    private boolean deregisterOnStop;
    /** Completes the stop once the request in flight when it was asked for has its outcome. */
    private Promise<Void> pendingStop;
    /**
     * Queue mode: the simulated moment until which the device listens (its awake time after the
     * last request or notification it sent); {@code Long.MAX_VALUE} without queue mode.
     */
    private long awakeUntilMillis;
    /** Queue mode: the timer that puts the device to sleep at {@link #awakeUntilMillis}, or -1. */
    private long sleepTimerId = -1;
    /** Simulated time of the device's first Register, until it sends a second one; -1 before. */
    private long firstRegisterMillis = -1;
    /** Recognises a server's block; made at the device's second Register or first refusal. */
    private BlockRecognition blockRecognition;
    /** The outcome of the first {@link #stop}; later calls return it. */
    private Future<Void> stopped;
    private final ObjectTree objects;
    /** The server's observations; null until the first Observe. */
    private Observations observations;
    /** The group's LwM2M Send schedule; null when the group does not send. */
    private final DataSend dataSend;

    public VirtualDevice(DeviceIdentity identity, ShardContext shard) {
        this(identity, shard.devices());
    }

    public VirtualDevice(DeviceIdentity identity, DeviceContext shard) {
        this.identity = identity;
        this.shard = shard;
        this.metrics = shard.metrics();
        this.devicePath = shard.paths().pathFor(identity);
        this.path = devicePath.tracker();
        this.objects = new ObjectTree(identity, shard.scenario().arrival().seed(), this::lifetimeSeconds,
                shard.scenario().registrationRetry(identity.group()));
        ServedDevice served = new Served();
        this.awakeUntilMillis = identity.group().keepalive().queueMode() ? 0 : Long.MAX_VALUE;
        if (awakeUntilMillis == 0) {
            path.listening(false, shard.clock().nowMillis());
        }
        this.serverRequests = request -> {
            if (shard.clock().nowMillis() > awakeUntilMillis) {
                metrics.increment(Counter.QUEUE_REQUESTS_WHILE_ASLEEP);
                return null; // asleep: the radio is off, the server's request goes unheard
            }
            return shard.requestHandler().handle(served, request);
        };
        this.groupChannel = shard.channels().create(identity, serverRequests, devicePath);
        this.coap = new SwitchableChannel(groupChannel);
        this.coap.onPathLost(cause -> pathLost());
        this.dataSend = identity.group().behaviour().send().enabled()
                ? new DataSend(shard.clock(), metrics, coap, objects, identity.group().behaviour().send(),
                        shard.scenario().arrival().seed(), identity.endpoint(),
                        () -> isRegistered() && !stopRequested, this::touchKeepalive)
                : null;
        Keepalive settings = identity.group().keepalive();
        // TCP and TLS channels ping by themselves (TcpKeepalive: RFC 8323 Ping and Pong) and report
        // a dead path through onPathLost; the idle keepalive here is for UDP and DTLS only.
        this.keepalive = settings.coapPingInterval() == null || identity.group().transport().isStream() ? null
                : new IdleKeepalive(shard.clock(), settings.coapPingInterval().toMillis(), this::keepalive);
    }

    /**
     * The same device started again after {@code previous} stopped (a load stage that went down
     * and up again): it keeps the earlier one's history, so it is not counted as started or
     * registered a second time and its time to registered is not measured again.
     */
    public VirtualDevice(DeviceIdentity identity, ShardContext shard, VirtualDevice previous) {
        this(identity, shard);
        this.started = previous.started;
        this.everRegistered = previous.everRegistered;
        this.registrationFailures = previous.registrationFailures;
        this.registrationGaveUp = previous.registrationGaveUp;
        this.bootstrapConfig = previous.bootstrapConfig;
        if (previous.account != null) {
            // the restarted device keeps its configuration: it registers where it was sent
            this.account = previous.account;
            this.accountPending = true;
        }
    }

    /** Whether the group's devices bootstrap (LwM2M 1.1 Core §5.2.7) before they register. */
    private boolean bootstraps() {
        return identity.group().target().bootstrap();
    }

    /** The server account the last bootstrap handed out, or null. */
    public ServerAccount account() {
        return account;
    }

    /** Whether a server request would reach the device now (registered, its path and address current). */
    public boolean isReachable() {
        return path.isReachable();
    }

    /** Reachability bookkeeping of this device: its reachable and observed time, its reconnects. */
    public PathTracker path() {
        return path;
    }

    /** Whether the device has begun registering. */
    public boolean hasStarted() {
        return started;
    }

    /** Whether the device was registered at least once. */
    public boolean wasEverRegistered() {
        return everRegistered;
    }

    /** Failed registration attempts of this device over the run. */
    public int registrationFailures() {
        return registrationFailures;
    }

    /** Times this device gave up registering (registrationRetry lwm2m: its last communication sequence failed). */
    public int registrationGaveUp() {
        return registrationGaveUp;
    }

    public DeviceIdentity identity() {
        return identity;
    }

    public State state() {
        return state;
    }

    public boolean isRegistered() {
        return state == State.REGISTERED || state == State.UPDATING;
    }

    /** Local port of the device, or -1 when it has no socket. */
    public int localPort() {
        return coap.localPort();
    }

    /** Arms the device's start at simulated {@code atMillis}; {@link #stop} cancels it if it has not fired. */
    public void scheduleStart(long atMillis) {
        timerId = shard.clock().scheduleAt(atMillis, id -> start(atMillis));
    }

    /**
     * Starts the device: opens its socket and registers. Latency counts from
     * {@code intendedStartMillis}, the simulated moment the device was scheduled to start.
     */
    public void start(long intendedStartMillis) {
        if (!started) {
            metrics.increment(Counter.DEVICES_STARTED);
        }
        started = true;
        this.intendedStartMillis = intendedStartMillis;
        if (accountPending) {
            accountPending = false;
            useAccount(account, intendedStartMillis);
            return;
        }
        if (bootstraps()) {
            bootstrap(intendedStartMillis);
            return;
        }
        state = State.REGISTERING;
        openAndRegister(intendedStartMillis);
    }

    /**
     * A client-initiated bootstrap (LwM2M 1.1 Core §6.1.3): a Bootstrap-Request to the group's
     * bootstrap server, the server's requests served until its Bootstrap-Finish, then the device
     * registers at the server it was handed. Latency counts from {@code intendedMillis}; a failed
     * attempt is tried again after the registration back-off (an LwM2M 1.1 device gives up after its
     * last communication sequence).
     */
    private void bootstrap(long intendedMillis) {
        state = State.BOOTSTRAPPING;
        metrics.increment(Counter.BOOTSTRAP_ATTEMPTS);
        requestSent(FailureKind.BOOTSTRAP);
        touchKeepalive();
        if (bootstrapConfig == null) {
            bootstrapConfig = new BootstrapConfig();
        }
        BootstrapSession session = new BootstrapSession(shard.clock(), identity.endpoint(),
                identity.group().target().bootstrapFinishTimeout().toMillis(), bootstrapConfig,
                objects::bootstrapLinks);
        bootstrapSession = session;
        String uri = shard.servers().bootstrapUri(identity.group());
        Future<Handed> outcome;
        if (uri == null) {
            outcome = Future.failedFuture(new CoapFailure(io.fleetsim.resultsformat.FailureCause.BAD_CONFIG,
                    "the group asks for the embedded bootstrap server and the run has none"));
        } else {
            outcome = otherChannel(uri, identity.group().security(), session::handle).compose(channel -> {
                if (bootstrapSession != session) {
                    channel.close();
                    return Future.failedFuture(new CoapFailure(io.fleetsim.resultsformat.FailureCause.CLOSED,
                            "the device stopped while bootstrapping"));
                }
                bootstrapChannel = channel;
                return session.run(channel);
            }).compose(handed -> otherChannel(handed.server().uri(), handed.security(identity.group().security()),
                    serverRequests).map(channel -> new Handed(handed, channel)));
        }
        outcome.onComplete(ar -> bootstrapEnded(session, ar, intendedMillis));
    }

    /** A handed-out account and the channel made for it. */
    private record Handed(ServerAccount account, CoapChannel channel) {
    }

    private Future<CoapChannel> otherChannel(String uri, io.fleetsim.scenario.Security security,
            io.fleetsim.coap.CoapRequestHandler handler) {
        ServerAddress server;
        try {
            server = ServerAddress.parse(uri);
        } catch (CoapFailure failure) {
            return Future.failedFuture(failure);
        }
        return shard.servers().channelTo(identity, server, security, handler, devicePath);
    }

    private void bootstrapEnded(BootstrapSession session, AsyncResult<Handed> ar, long intendedMillis) {
        if (state == State.STOPPED || bootstrapSession != session) {
            if (ar.succeeded() && ar.result().channel() != null && ar.result().channel() != groupChannel) {
                ar.result().channel().close();
            }
            return; // abandoned at the end of the stop: the attempt stays unfinished
        }
        bootstrapSession = null;
        requestEnded(FailureKind.BOOTSTRAP);
        if (bootstrapChannel != null) {
            bootstrapChannel.close();
            bootstrapChannel = null;
        }
        if (ar.failed()) {
            Cause cause = CoapFailure.causeOf(ar.cause());
            metrics.increment(Counter.BOOTSTRAP_FAILURES);
            metrics.failure(FailureKind.BOOTSTRAP, cause);
            failedBootstraps++;
            state = State.BACKOFF;
            if (stopRequested) {
                continueStop();
                return;
            }
            long wait = RetryBackoff.delayMillis(shard.scenario().registrationRetry(identity.group()),
                    failedBootstraps, shard.random());
            if (wait == RetryBackoff.GIVE_UP) {
                state = State.GAVE_UP;
                return;
            }
            long retryAt = shard.clock().nowMillis() + wait;
            timerId = shard.clock().scheduleAt(retryAt, id -> bootstrap(retryAt));
            return;
        }
        long now = shard.clock().nowMicros();
        metrics.record(LatencyMetric.BOOTSTRAP, now - intendedMillis * 1_000);
        metrics.increment(Counter.BOOTSTRAP_SUCCESSES);
        failedBootstraps = 0;
        failedAttempts = 0;
        account = ar.result().account();
        state = State.REGISTERING;
        if (stopRequested) {
            if (ar.result().channel() != null) {
                ar.result().channel().close();
            }
            state = State.BACKOFF;
            continueStop();
            return;
        }
        switchAndRegister(ar.result().channel(), shard.clock().nowMillis());
    }

    /**
     * A restarted device registers with the account it was handed before: it makes the channel to
     * it first, and bootstraps again when it cannot.
     */
    private void useAccount(ServerAccount handed, long intendedMillis) {
        state = State.REGISTERING;
        otherChannel(handed.server().uri(), handed.security(identity.group().security()), serverRequests)
                .onComplete(ar -> {
                    if (state == State.STOPPED || stopRequested) {
                        if (ar.succeeded() && ar.result() != null) {
                            ar.result().close();
                        }
                        return;
                    }
                    if (ar.failed()) {
                        bootstrap(intendedMillis);
                        return;
                    }
                    switchAndRegister(ar.result(), intendedMillis);
                });
    }

    /**
     * The device talks to its handed-out server over {@code next} from now on (null: over its
     * channel to its group's server, which is that server), and registers there.
     */
    private void switchAndRegister(CoapChannel next, long intendedMillis) {
        coap.switchTo(next != null ? next : groupChannel);
        openAndRegister(intendedMillis);
    }

    private void openAndRegister(long intendedMillis) {
        coap.open().onComplete(ar -> {
            if (state == State.STOPPED) {
                coap.close();
            } else if (ar.succeeded()) {
                register(intendedMillis);
            } else {
                metrics.increment(Counter.REGISTRATION_ATTEMPTS);
                registerSent();
                registrationFailed(CoapFailure.causeOf(ar.cause()), ar.cause(), 0);
            }
        });
    }

    private void register(long intendedMillis) {
        state = State.REGISTERING;
        coap.retarget();
        if (observations != null) {
            observations.clear(); // a new registration ends the observations of the old one
        }
        metrics.increment(Counter.REGISTRATION_ATTEMPTS);
        registerSent();
        path.restoring(shard.clock().nowMillis());
        touchKeepalive();
        long sentMicros = shard.clock().nowMicros();
        requestSent(FailureKind.REGISTRATION);
        coap.send(registerRequest()).onComplete(ar -> onRegisterResult(ar, intendedMillis, sentMicros));
    }

    private void onRegisterResult(AsyncResult<Response> ar, long intendedMillis, long sentMicros) {
        if (state == State.STOPPED) {
            return; // abandoned at the end of the stop: the request stays unfinished
        }
        requestEnded(FailureKind.REGISTRATION);
        Cause failure = failureCause(ar, ResponseCode.CREATED);
        if (failure != null) {
            registrationFailed(failure, ar.cause(), ServiceUnavailable.retryNotBeforeMillis(ar));
            return;
        }
        if (blockRecognition != null) {
            blockRecognition.registered();
        }
        long now = shard.clock().nowMicros();
        metrics.record(LatencyMetric.REGISTRATION, now - intendedMillis * 1_000);
        metrics.recordForGroup(identity.group().name(), LatencyMetric.REGISTRATION, now - intendedMillis * 1_000);
        metrics.record(LatencyMetric.REGISTRATION_SERVICE, now - sentMicros);
        metrics.increment(Counter.REGISTRATIONS);
        if (!everRegistered) {
            everRegistered = true;
            metrics.record(LatencyMetric.TIME_TO_REGISTERED, now - intendedStartMillis * 1_000);
            metrics.recordForGroup(identity.group().name(), LatencyMetric.TIME_TO_REGISTERED,
                    now - intendedStartMillis * 1_000);
            metrics.firstRegistration(shard.clock().nowMillis());
        }
        metrics.registeredDelta(1);
        location = ar.result().getOptions().getLocationPathString();
        failedAttempts = 0;
        state = State.REGISTERED;
        if (stopRequested) {
            continueStop();
            return;
        }
        path.registered(shard.clock().nowMillis());
        if (keepalive != null) {
            keepalive.start();
        }
        if (dataSend != null) {
            dataSend.start();
        }
        scheduleUpdate();
    }

    /**
     * The channel found the path dead (TCP/TLS: no Pong, closed, aborted). A registered device
     * registers again over a new path; one already re-registering (its update failed with the
     * path) only starts the reconnect clock.
     */
    private void pathLost() {
        if (stopRequested) {
            return;
        }
        long now = shard.clock().nowMillis();
        if (state == State.REGISTERED) {
            metrics.increment(Counter.PATH_BROKEN_REREGISTRATIONS);
            shard.clock().cancel(timerId);
            metrics.registeredDelta(-1);
            location = null;
            path.pathDead(now);
            state = State.REGISTERING;
            openAndRegister(now);
        } else if (state == State.REGISTERING && everRegistered) {
            path.pathDead(now);
        }
    }

    /**
     * The device loses its session, as after a gateway reboot (a reconnect storm): a registered
     * device closes its socket or connection, opens a new one and registers again. The reconnect
     * clock runs from now. A device that is not idle and registered right now is left alone.
     */
    public void reconnect() {
        if (state != State.REGISTERED || stopRequested) {
            return;
        }
        long now = shard.clock().nowMillis();
        shard.clock().cancel(timerId);
        if (keepalive != null) {
            keepalive.stop();
        }
        metrics.increment(Counter.SESSION_RESETS);
        metrics.registeredDelta(-1);
        location = null;
        path.pathDead(now);
        state = State.REGISTERING;
        coap.close().onComplete(closed -> {
            if (state == State.STOPPED || stopRequested) {
                return;
            }
            openAndRegister(now);
        });
    }

    /** A Register (or the connection it needs) was attempted now: for {@link BlockRecognition}. */
    private void registerSent() {
        long now = shard.clock().nowMillis();
        if (blockRecognition == null && firstRegisterMillis < 0) {
            firstRegisterMillis = now;
            return;
        }
        blockRecognition().registerSent(now);
    }

    private BlockRecognition blockRecognition() {
        if (blockRecognition == null) {
            blockRecognition = new BlockRecognition(shard.scenario().server().blockRecognition());
            if (firstRegisterMillis >= 0) {
                blockRecognition.registerSent(firstRegisterMillis);
            }
        }
        return blockRecognition;
    }

    /**
     * Counts the failure (a refusal after a burst of Registers as {@code blocked}, see
     * {@link BlockRecognition}) and retries after the back-off, and never sooner than {@code minWaitMillis};
     * a device retrying as an LwM2M 1.1 client gives up once its last communication sequence failed.
     */
    private void registrationFailed(Cause failure, Throwable thrown, long minWaitMillis) {
        Cause cause = BlockRecognition.isRefusal(failure, thrown)
                ? blockRecognition().classify(failure, thrown, shard.clock().nowMillis()) : failure;
        metrics.increment(Counter.REGISTRATION_FAILURES);
        metrics.failure(FailureKind.REGISTRATION, cause);
        registrationFailures++;
        failedAttempts++;
        state = State.BACKOFF;
        if (stopRequested) {
            continueStop();
            return;
        }
        long wait = RetryBackoff.delayMillis(shard.scenario().registrationRetry(identity.group()), failedAttempts,
                shard.random());
        if (wait == RetryBackoff.GIVE_UP) {
            metrics.increment(Counter.REGISTRATION_GAVE_UP);
            registrationGaveUp++;
            state = State.GAVE_UP;
            if (bootstraps()) {
                // LwM2M 1.1 Core §6.2.1: a client that failed to register with its server bootstraps again
                failedAttempts = 0;
                bootstrap(shard.clock().nowMillis());
            }
            return;
        }
        long retryAt = shard.clock().nowMillis() + Math.max(minWaitMillis, wait);
        timerId = shard.clock().scheduleAt(retryAt, id -> openAndRegister(retryAt));
    }

    private void scheduleUpdate() {
        long at = shard.clock().nowMillis() + updateIntervalMillis();
        timerId = shard.clock().scheduleAt(at, id -> update(at));
    }

    private void update(long intendedMillis) {
        state = State.UPDATING;
        metrics.increment(Counter.UPDATE_ATTEMPTS);
        path.restoring(shard.clock().nowMillis());
        touchKeepalive();
        long sentMicros = shard.clock().nowMicros();
        requestSent(FailureKind.UPDATE);
        coap.send(updateRequest()).onComplete(ar -> onUpdateResult(ar, intendedMillis, sentMicros));
    }

    private void onUpdateResult(AsyncResult<Response> ar, long intendedMillis, long sentMicros) {
        if (state == State.STOPPED) {
            return; // abandoned at the end of the stop: the request stays unfinished
        }
        requestEnded(FailureKind.UPDATE);
        Cause failure = failureCause(ar, ResponseCode.CHANGED);
        if (failure != null) {
            // The registration may be gone on the server: register again, as LwM2M clients do.
            metrics.increment(Counter.UPDATE_FAILURES);
            metrics.failure(FailureKind.UPDATE, failure);
            metrics.registeredDelta(-1);
            location = null;
            if (stopRequested) {
                continueStop();
                return;
            }
            path.registrationLost(shard.clock().nowMillis());
            register(shard.clock().nowMillis());
            return;
        }
        long now = shard.clock().nowMicros();
        metrics.record(LatencyMetric.UPDATE, now - intendedMillis * 1_000);
        metrics.recordForGroup(identity.group().name(), LatencyMetric.UPDATE, now - intendedMillis * 1_000);
        metrics.record(LatencyMetric.UPDATE_SERVICE, now - sentMicros);
        metrics.increment(Counter.UPDATES);
        state = State.REGISTERED;
        if (stopRequested) {
            continueStop();
            return;
        }
        path.registered(shard.clock().nowMillis());
        scheduleUpdate();
    }

    private void touchKeepalive() {
        if (keepalive != null) {
            keepalive.touch();
        }
        awake();
    }

    /** The device sends: in queue mode it listens for its awake time from now. */
    private void awake() {
        if (awakeUntilMillis == Long.MAX_VALUE) {
            return;
        }
        long now = shard.clock().nowMillis();
        awakeUntilMillis = now + identity.group().keepalive().awakeTime().toMillis();
        path.listening(true, now);
        if (sleepTimerId < 0) {
            sleepTimerId = shard.clock().scheduleAt(awakeUntilMillis, id -> fallAsleep());
        }
    }

    /** The sleep timer fired: asleep if nothing was sent since it was set, else wait for the later end. */
    private void fallAsleep() {
        long now = shard.clock().nowMillis();
        if (now < awakeUntilMillis) {
            sleepTimerId = shard.clock().scheduleAt(awakeUntilMillis, id -> fallAsleep());
            return;
        }
        sleepTimerId = -1;
        path.listening(false, now);
    }

    /** Whether the device hears server requests now: always without queue mode, else within its awake time. */
    public boolean isAwake() {
        return shard.clock().nowMillis() <= awakeUntilMillis;
    }

    /** Idle time is up: a CoAP ping, or an Update when the group says so. */
    private void keepalive() {
        if (state != State.REGISTERED) {
            return; // a request is in flight or the device is not registered: that is traffic enough
        }
        if (identity.group().keepalive().method() == Keepalive.Method.UPDATE) {
            shard.clock().cancel(timerId);
            update(shard.clock().nowMillis());
            return;
        }
        metrics.increment(Counter.PINGS);
        touchKeepalive();
        coap.ping().onFailure(t -> pathBroken());
    }

    /** No answer to a ping: the path is broken, so the device registers again, as UDP clients do. */
    private void pathBroken() {
        metrics.increment(Counter.PING_FAILURES);
        if (state != State.REGISTERED || stopRequested) {
            return;
        }
        metrics.increment(Counter.PATH_BROKEN_REREGISTRATIONS);
        shard.clock().cancel(timerId);
        metrics.registeredDelta(-1);
        location = null;
        path.pathDead(shard.clock().nowMillis());
        register(shard.clock().nowMillis());
    }

    /**
     * Stops the device: cancels its timers, lets a Register or Update already in flight get its
     * outcome (counted as usual, with no retry and no next update after it), de-registers when
     * registered and asked to, and closes its socket. Completes when the device is stopped; never
     * fails. A request still in flight when the run stops waiting is an unfinished one.
     */
    public Future<Void> stop(boolean deregister) {
        if (stopped == null) {
            stopped = stopOnce(deregister);
        }
        return stopped;
    }

    private Future<Void> stopOnce(boolean deregister) {
        shard.clock().cancel(timerId);
        if (dataSend != null) {
            dataSend.stop();
        }
        if (observations != null) {
            observations.stop();
        }
        if (keepalive != null) {
            keepalive.stop();
        }
        path.stopped(shard.clock().nowMillis());
        stopRequested = true;
        if (state == State.BOOTSTRAPPING) {
            endBootstrap(); // a bootstrap cut short by the stop stays unfinished
            return shutdown(false);
        }
        if (inFlight != null) {
            deregisterOnStop = deregister;
            pendingStop = Promise.promise();
            return pendingStop.future();
        }
        return finishStop(deregister);
    }

    /** The request in flight when the device was asked to stop has its outcome: the stop goes on. */
    private void continueStop() {
        Promise<Void> done = pendingStop;
        pendingStop = null;
        if (done != null) {
            finishStop(deregisterOnStop).onComplete(done);
        }
    }

    private Future<Void> finishStop(boolean deregister) {
        boolean registered = isRegistered() && location != null;
        if (!registered || !deregister) {
            return shutdown(registered);
        }
        state = State.DEREGISTERING;
        Promise<Void> done = Promise.promise();
        metrics.inFlightDelta(FailureKind.DEREGISTRATION, 1);
        awake();
        coap.send(deregisterRequest()).onComplete(ar -> {
            if (state == State.STOPPED) {
                done.complete(); // abandoned at the end of the stop: the request stays unfinished
                return;
            }
            metrics.inFlightDelta(FailureKind.DEREGISTRATION, -1);
            Cause failure = failureCause(ar, ResponseCode.DELETED);
            if (failure == null) {
                metrics.increment(Counter.DEREGISTRATIONS);
            } else {
                metrics.increment(Counter.DEREGISTRATION_FAILURES);
                metrics.failure(FailureKind.DEREGISTRATION, failure);
            }
            shutdown(true).onComplete(done);
        });
        return done.future();
    }

    /**
     * Ends a device the stop gave up waiting for: closes its socket at once. A request still in
     * flight gets no outcome and stays counted as unfinished.
     */
    public void abandon() {
        if (state == State.STOPPED) {
            return;
        }
        shard.clock().cancel(timerId);
        if (keepalive != null) {
            keepalive.stop();
        }
        if (observations != null) {
            observations.stop();
        }
        if (dataSend != null) {
            dataSend.stop();
        }
        pendingStop = null;
        endBootstrap();
        shutdown(state == State.DEREGISTERING || isRegistered() && location != null);
    }

    /** Ends the bootstrap going on, if any: its session and its channel to the bootstrap server. */
    private void endBootstrap() {
        BootstrapSession session = bootstrapSession;
        bootstrapSession = null;
        if (session != null) {
            session.cancel();
        }
        if (bootstrapChannel != null) {
            bootstrapChannel.close();
            bootstrapChannel = null;
        }
    }

    private void requestSent(FailureKind operation) {
        inFlight = operation;
        metrics.inFlightDelta(operation, 1);
    }

    private void requestEnded(FailureKind operation) {
        inFlight = null;
        metrics.inFlightDelta(operation, -1);
    }

    private Future<Void> shutdown(boolean wasRegistered) {
        if (wasRegistered) {
            metrics.registeredDelta(-1);
        }
        state = State.STOPPED;
        if (sleepTimerId >= 0) {
            shard.clock().cancel(sleepTimerId);
            sleepTimerId = -1;
        }
        return coap.close();
    }

    private Request registerRequest() {
        Request request = Request.newPost();
        request.getOptions().addUriPath("rd");
        request.getOptions().addUriQuery("ep=" + identity.endpoint());
        request.getOptions().addUriQuery("lt=" + lifetimeSeconds());
        request.getOptions().addUriQuery("lwm2m=1.1");
        request.getOptions().addUriQuery("b=" + (account != null && account.binding() != null ? account.binding()
                : DeviceObjects.binding(identity.group())));
        if (identity.group().keepalive().queueMode()) {
            request.getOptions().addUriQuery("Q");
        }
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        request.setPayload(objects.objectLinks());
        return request;
    }

    private Request updateRequest() {
        Request request = Request.newPost();
        request.getOptions().setUriPath(location);
        return request;
    }

    private Request deregisterRequest() {
        Request request = Request.newDelete();
        request.getOptions().setUriPath(location);
        return request;
    }

    /** The registration lifetime: the handed-out server's (/1/x/1) after a bootstrap, else the scenario's. */
    private long lifetimeSeconds() {
        if (account != null && account.lifetimeSeconds() > 0) {
            return account.lifetimeSeconds();
        }
        return shard.scenario().lifetime(identity.group()).toSeconds();
    }

    /**
     * Time between Registration Updates: the scenario's, and after a bootstrap that handed out a
     * shorter lifetime, never more than 90 % of it, so the registration does not lapse.
     */
    private long updateIntervalMillis() {
        long interval = shard.scenario().updateInterval(identity.group()).toMillis();
        if (account != null && account.lifetimeSeconds() > 0) {
            interval = Math.min(interval, account.lifetimeSeconds() * 900);
        }
        return interval;
    }

    /**
     * Execute /3/0/4: once the answer is out, the device de-registers, waits the group's
     * {@code rebootSeconds} and registers again, with its observations gone. Only a registered
     * device with no request in flight reboots.
     */
    private void reboot() {
        if (state != State.REGISTERED || stopRequested) {
            return;
        }
        metrics.increment(Counter.REBOOTS);
        shard.clock().cancel(timerId);
        if (keepalive != null) {
            keepalive.stop();
        }
        if (observations != null) {
            observations.clear();
        }
        long now = shard.clock().nowMillis();
        metrics.registeredDelta(-1);
        path.registrationLost(now);
        state = State.DEREGISTERING;
        metrics.inFlightDelta(FailureKind.DEREGISTRATION, 1);
        Request deregister = deregisterRequest();
        location = null;
        awake();
        coap.send(deregister).onComplete(ar -> {
            if (state == State.STOPPED) {
                return; // abandoned at the end of the stop: the request stays unfinished
            }
            metrics.inFlightDelta(FailureKind.DEREGISTRATION, -1);
            Cause failure = failureCause(ar, ResponseCode.DELETED);
            if (failure == null) {
                metrics.increment(Counter.DEREGISTRATIONS);
            } else {
                metrics.increment(Counter.DEREGISTRATION_FAILURES);
                metrics.failure(FailureKind.DEREGISTRATION, failure);
            }
            state = State.BACKOFF;
            if (stopRequested) {
                return;
            }
            long at = shard.clock().nowMillis() + identity.group().behaviour().rebootDelay().toMillis();
            timerId = shard.clock().scheduleAt(at, id -> openAndRegister(at));
        });
    }

    /** Execute /1/0/8: a Registration Update now, unless a request is in flight. */
    private void triggerUpdate() {
        if (state == State.REGISTERED && !stopRequested) {
            shard.clock().cancel(timerId);
            long now = shard.clock().nowMillis();
            timerId = shard.clock().scheduleAt(now, id -> update(now));
        }
    }

    /** The device as the request handler sees it. */
    private final class Served implements ServedDevice {
        @Override
        public ObjectTree objects() {
            return objects;
        }

        @Override
        public Observations observations() {
            if (!isRegistered() || stopRequested) {
                return null;
            }
            if (observations == null) {
                observations = new Observations(shard.clock(), metrics, coap, objects,
                        identity.group().behaviour().notifications(), VirtualDevice.this::awake);
            }
            return observations;
        }

        @Override
        public long nowMillis() {
            return shard.clock().nowMillis();
        }

        @Override
        public void reboot() {
            // a moment after the answer to the Execute is out, as a device finishes its exchange
            // before it restarts: a De-register right behind the answer can reach a server before it
            // has matched the answer, and Leshan then cancels its own Execute as the device leaves
            long at = shard.clock().nowMillis() + REBOOT_AFTER_ANSWER_MILLIS;
            shard.clock().scheduleAt(at, id -> VirtualDevice.this.reboot());
        }

        @Override
        public void triggerUpdate() {
            io.vertx.core.Vertx.currentContext().runOnContext(v -> VirtualDevice.this.triggerUpdate());
        }

        @Override
        public FirmwareUpdate.Host firmwareHost() {
            return firmwareHost;
        }
    }

    /** The Firmware Update state machine's timers, notifications and reboot, on this device's loop. */
    private final FirmwareUpdate.Host firmwareHost = new FirmwareUpdate.Host() {
        @Override
        public long nowMillis() {
            return shard.clock().nowMillis();
        }

        @Override
        public long scheduleAt(long atMillis, Runnable task) {
            return shard.clock().scheduleAt(atMillis, id -> task.run());
        }

        @Override
        public void cancel(long timerId) {
            shard.clock().cancel(timerId);
        }

        @Override
        public void firmwareChanged() {
            if (observations != null && isRegistered() && !stopRequested) {
                observations.changed(new LwM2mPath(5, 0, 3));
                observations.changed(new LwM2mPath(5, 0, 5));
            }
        }

        @Override
        public void rebootIntoNewFirmware() {
            VirtualDevice.this.reboot();
        }
    };

    /** Null when the response has the expected code, otherwise the cause to count. */
    static Cause failureCause(AsyncResult<Response> ar, ResponseCode expected) {
        if (ar.failed()) {
            return CoapFailure.causeOf(ar.cause());
        }
        ResponseCode code = ar.result().getCode();
        return code == expected ? null : CoapFailure.errorResponse(CoAP.formatCode(code.value)).cause();
    }
}
