package io.fleetsim.scenario;

import static io.fleetsim.scenario.Section.ARRIVAL;
import static io.fleetsim.scenario.Section.BOOTSTRAP;
import static io.fleetsim.scenario.Section.COAP;
import static io.fleetsim.scenario.Section.DNS;
import static io.fleetsim.scenario.Section.FLEET;
import static io.fleetsim.scenario.Section.KEEPALIVE;
import static io.fleetsim.scenario.Section.NAT;
import static io.fleetsim.scenario.Section.NOTIFICATIONS;
import static io.fleetsim.scenario.Section.FIRMWARE;
import static io.fleetsim.scenario.Section.OBJECTS;
import static io.fleetsim.scenario.Section.PROBE;
import static io.fleetsim.scenario.Section.RADIO;
import static io.fleetsim.scenario.Section.REGISTRATION_LIMIT;
import static io.fleetsim.scenario.Section.REGISTRATION_RETRY;
import static io.fleetsim.scenario.Section.SECURITY;
import static io.fleetsim.scenario.Section.SEND;
import static io.fleetsim.scenario.Section.SERVER;
import static io.fleetsim.scenario.Section.TOP;

import java.util.List;

/**
 * The table of every key a scenario file may hold. The loader reads through these definitions,
 * unknown keys are matched against them, and {@code docs/scenarios.md} lists each of them (a test
 * checks that every row there matches {@link ScenarioKey#markdownRow()}).
 */
public final class ScenarioKeys {

    /** Longest run, lifetime and ramp: one year in seconds. */
    public static final long ONE_YEAR_SECONDS = 31_536_000L;
    /** Most devices in one scenario and fastest arrival rate. */
    public static final long MAX_DEVICES = 1_000_000L;

    public static final TextKey NAME = new TextKey(TOP, "name", "`[A-Za-z0-9._-]+`", TextKey::safeName,
            KeyDefault.required(), "Scenario name; used in the name of the results directory.");
    public static final TextKey TARGET = new TextKey(TOP, "target",
            "`coap://host:port`, `coaps://host:port`, `coap+tcp://host:port`, `coaps+tcp://host:port`",
            TargetUri::normalize, KeyDefault.described("embedded server"),
            "LwM2M server to load; host is a name or an IP address, port defaults to 5683 (5684 for coaps and "
                    + "coaps+tcp). Groups without a `target` of their own must use the target's transport.");
    public static final StructureKey FLEET_SECTION = new StructureKey(TOP, "fleet", "map",
            KeyDefault.described("—"), "The devices, as one group (see `fleet`). Give `fleet` or `groups`.");
    public static final StructureKey GROUPS = new StructureKey(TOP, "groups", "list of maps",
            KeyDefault.described("—"), "Several device groups, each a map with the keys of `fleet`.");
    public static final StructureKey ARRIVAL_SECTION = new StructureKey(TOP, "arrival", "map",
            KeyDefault.described("rate 100, constant"), "How devices start (see `arrival`).");
    public static final IntegerKey LIFETIME = new IntegerKey(TOP, "lifetimeSeconds", "s", 10, ONE_YEAR_SECONDS,
            KeyDefault.of(300L), "Registration lifetime the devices send with Register.");
    public static final IntegerKey UPDATE_INTERVAL = new IntegerKey(TOP, "updateIntervalSeconds", "s",
            1, ONE_YEAR_SECONDS - 1, KeyDefault.described("90 % of lifetimeSeconds, rounded down"),
            "Time between Registration Updates; must be less than lifetimeSeconds.");
    public static final IntegerKey DURATION = new IntegerKey(TOP, "durationSeconds", "s", 1, ONE_YEAR_SECONDS,
            KeyDefault.required(), "Length of the run in simulated time, from the first device start.");
    public static final DecimalKey TIME_SCALE = new DecimalKey(TOP, "timeScale", "", 0.01, false, 10_000,
            KeyDefault.of(1.0), "Simulated seconds per wall-clock second, for every protocol timer.");
    public static final BooleanKey DEREGISTER_AT_END = new BooleanKey(TOP, "deregisterAtEnd",
            KeyDefault.of(true), "Whether devices send De-register when the run ends.");
    public static final StructureKey COAP_SECTION = new StructureKey(TOP, "coap", "map",
            KeyDefault.described("RFC 7252 values"), "CoAP transmission parameters (see `coap`).");
    public static final StructureKey RETRY_SECTION = new StructureKey(TOP, "registrationRetry", "map",
            KeyDefault.described("see below"), "Back-off after a failed registration (see `registrationRetry`).");
    public static final StructureKey PROBE_SECTION = new StructureKey(TOP, "probe", "map",
            KeyDefault.described("no probes"),
            "Reachability probes: the embedded server reads /3/0/9 from sampled devices (see `probe`).");
    public static final StructureKey RADIO_SECTION = new StructureKey(TOP, "radio", "map",
            KeyDefault.described("lte-m, 10 s tail"),
            "Radio model of the devices' modems, for their radio-on time (see `radio`).");
    public static final StructureKey SERVER_SECTION = new StructureKey(TOP, "server", "map",
            KeyDefault.described("no protections"),
            "Protections of the embedded server (see `server`); not with a `target`.");
    public static final StructureKey EVENTS = new StructureKey(TOP, "events", "list of maps",
            KeyDefault.described("none"),
            "Things that happen during the run on the simulated clock: reconnect storm, server outage, churn "
                    + "(see `events`).");
    public static final StructureKey DNS_SECTION = new StructureKey(TOP, "dns", "map",
            KeyDefault.described("system DNS server, TTLs followed"),
            "How the devices look the target's host name up (see `dns`).");
    public static final StructureKey THRESHOLDS = new StructureKey(TOP, "thresholds", "list of strings",
            KeyDefault.described("none"), "Pass/fail rules, e.g. `registration.p99 < 500ms` (see Thresholds).");

    public static final IntegerKey COUNT = new IntegerKey(FLEET, "count", "devices", 1, MAX_DEVICES,
            KeyDefault.required(), "Number of devices in the group.");
    public static final TextKey ENDPOINT_PREFIX = new TextKey(FLEET, "endpointPrefix", "`[A-Za-z0-9._-]+`",
            TextKey::safeName, KeyDefault.of("fleetsim-"),
            "Endpoint names are this prefix followed by the zero-padded device index.");
    public static final ChoiceKey TRANSPORT = new ChoiceKey(FLEET, "transport", List.of("udp", "dtls", "tcp", "tls"),
            List.of(), KeyDefault.of("udp"),
            "How the devices reach the server: CoAP over UDP or DTLS, or over TCP or TLS (RFC 8323).");
    public static final TextKey GROUP_NAME = new TextKey(FLEET, "name", "`[A-Za-z0-9._-]+`", TextKey::safeName,
            KeyDefault.described("endpointPrefix"), "Group name shown in reports.");
    public static final StructureKey SECURITY_SECTION = new StructureKey(FLEET, "security", "map",
            KeyDefault.described("none"), "Credentials of the group; required with dtls, optional with tls "
                    + "(x509 only), refused with udp and tcp (see `security`).");
    public static final StructureKey KEEPALIVE_SECTION = new StructureKey(FLEET, "keepalive", "map",
            KeyDefault.described("see `keepalive`"), "How the devices keep their path alive (see `keepalive`).");
    public static final StructureKey GROUP_ARRIVAL = new StructureKey(FLEET, "arrival", "map",
            KeyDefault.described("the top-level `arrival`"),
            "This group's own arrival, with the keys of the top-level `arrival`; its stages count this group's devices.");
    public static final StructureKey GROUP_RETRY = new StructureKey(FLEET, "registrationRetry", "map",
            KeyDefault.described("the top-level `registrationRetry`"),
            "This group's own registration retry, with the keys of the top-level `registrationRetry`.");
    public static final StructureKey NAT_SECTION = new StructureKey(FLEET, "nat", "map",
            KeyDefault.described("no NAT"), "The emulated carrier NAT in front of the group; udp, tcp and tls (see `nat`).");
    public static final TextKey GROUP_TARGET = new TextKey(FLEET, "target",
            "`coap://host:port`, `coaps://host:port`, `coap+tcp://host:port`, `coaps+tcp://host:port`",
            TargetUri::normalize, KeyDefault.described("the top-level target"),
            "This group's own LwM2M server; its scheme is the group's transport (`transport` may be left out), so "
                    + "one scenario can mix udp and tcp hosts.");
    public static final TextKey BOOTSTRAP_TARGET = new TextKey(FLEET, "bootstrapTarget",
            "`coap://host:port`, `coaps://host:port`",
            TargetUri::normalize, KeyDefault.described("none"),
            "The group's LwM2M bootstrap server; the same as `bootstrap: {uri: ...}` (both given and different is an "
                    + "error); over coaps the group's `security` is the bootstrap credentials.");
    public static final StructureKey GROUP_BOOTSTRAP = new StructureKey(FLEET, "bootstrap", "boolean or map",
            KeyDefault.described("false"), "`true` (the embedded bootstrap server) or `{uri: coaps://host:5684}` "
                    + "(LwM2M 1.1 Core §5.2.7, §6.1): each device first sends a Bootstrap-Request, serves the "
                    + "bootstrap server's Write, Delete, Discover and Read until Bootstrap-Finish, then registers at "
                    + "the LwM2M server it was given (see `bootstrap`).");
    public static final TextKey BOOTSTRAP_URI = new TextKey(BOOTSTRAP, "uri",
            "`coap://host:port`, `coaps://host:port`",
            TargetUri::normalize, KeyDefault.described("the embedded bootstrap server"),
            "The group's bootstrap server (the same as the group's `bootstrapTarget`).");
    public static final DecimalKey BOOTSTRAP_FINISH_TIMEOUT = new DecimalKey(BOOTSTRAP, "finishTimeoutSeconds", "s",
            1, false, 86_400, KeyDefault.of(93.0), "How long a device waits, from the answer to its Bootstrap-Request, "
                    + "for the bootstrap server's Bootstrap-Finish before it counts the attempt failed (`no-finish`) and "
                    + "tries again after its registration back-off.");
    public static final StructureKey GROUP_DNS = new StructureKey(FLEET, "dns", "map",
            KeyDefault.described("the top-level `dns`"), "`{followTtl: false}`: this group resolves its "
                    + "server's name once, whatever the top level says (see `dns`).");
    public static final StructureKey SOURCE_ADDRESSES = new StructureKey(FLEET, "sourceAddresses",
            "string or list of strings", KeyDefault.described("one address"),
            "Local addresses the devices bind to, round robin by index in the group: a CIDR such as `127.0.1.0/29` "
                    + "or a list of addresses (and CIDRs) of this machine, at most 1024 (see Source addresses).");
    public static final StructureKey GROUP_AGENTS = new StructureKey(FLEET, "agents", "string or list of strings",
            KeyDefault.described("every agent"), "In a clustered run, the agents (`fleetsim agent --name`) that run "
                    + "this group's devices, e.g. `[edge-a, edge-b]`; ignored by a single-process run (see docs/cluster.md).");
    public static final StructureKey OBJECTS_LIST = new StructureKey(FLEET, "objects", "list of ids or maps",
            KeyDefault.described("none"), "LwM2M objects each device has beyond /0, /1 and /3, e.g. `[3303, 6]` "
                    + "(see `objects`).");
    public static final StructureKey NOTIFICATIONS_SECTION = new StructureKey(FLEET, "notifications", "map",
            KeyDefault.described("non, a CON every 10th"), "How the devices send Observe notifications "
                    + "(see `notifications`).");
    public static final DecimalKey REBOOT_SECONDS = new DecimalKey(FLEET, "rebootSeconds", "s", 0, false, 86_400,
            KeyDefault.of(5.0), "After an Execute of /3/0/4 (reboot) the device de-registers and registers again "
                    + "this long after.");
    public static final StructureKey FIRMWARE_SECTION = new StructureKey(FLEET, "firmware", "map",
            KeyDefault.described("10 s download, 5 s update, no failures"), "How a Firmware Update of object 5 runs "
                    + "on the devices (see `firmware`); needs 5 among `objects`.");
    public static final StructureKey SEND_SECTION = new StructureKey(FLEET, "send", "map",
            KeyDefault.described("no Send"), "LwM2M 1.1 Send: each registered device pushes the current values of "
                    + "some paths to the server every N seconds, e.g. `{everySeconds: 30, paths: [/3303/0/5700]}` "
                    + "(see `send`).");

    public static final IntegerKey GROUP_LIFETIME = new IntegerKey(FLEET, "lifetimeSeconds", "s", 10,
            ONE_YEAR_SECONDS, KeyDefault.described("the top-level `lifetimeSeconds`"),
            "This group's registration lifetime, sent with Register and held in /1/0/1.");
    public static final IntegerKey GROUP_UPDATE_INTERVAL = new IntegerKey(FLEET, "updateIntervalSeconds", "s", 1,
            ONE_YEAR_SECONDS - 1, KeyDefault.described("the top-level `updateIntervalSeconds`, else 90 % of the "
                    + "group's lifetime"), "This group's time between Registration Updates; must be less than the "
                    + "group's lifetime.");
    public static final TextKey GROUP_BINDING = new TextKey(FLEET, "binding", "LwM2M 1.1 binding letters `U`, `M`, "
            + "`H`, `T`, `S`, `N`, each at most once", DeviceGroupReader::binding,
            KeyDefault.described("`U` for udp and dtls, `T` for tcp and tls"),
            "The binding the devices register with (`b=`) and hold in /1/0/7 and /3/0/16; queue mode is "
                    + "`keepalive.queueMode`, not a binding letter.");

    public static final IntegerKey OBJECT_ID = new IntegerKey(OBJECTS, "id", "", 0, 65_535, KeyDefault.required(),
            "Object id: 4, 5, 6, 3300, 3303, 3304 or 3323.");
    public static final IntegerKey OBJECT_INSTANCES = new IntegerKey(OBJECTS, "instances", "", 1, 100,
            KeyDefault.of(1L), "Instances of the object on each device; more than 1 for multi-instance objects only.");
    public static final DecimalKey OBJECT_CHANGE_EVERY = new DecimalKey(OBJECTS, "changeEverySeconds", "s", 0, true,
            86_400, KeyDefault.of(10.0), "Sensors, 4 and 6: simulated time between two steps of the values.");
    public static final DecimalKey OBJECT_MIN = new DecimalKey(OBJECTS, "min", "", -1e9, false, 1e9,
            KeyDefault.described("per sensor"), "Sensors only: lowest Sensor Value (/x/i/5700).");
    public static final DecimalKey OBJECT_MAX = new DecimalKey(OBJECTS, "max", "", -1e9, false, 1e9,
            KeyDefault.described("per sensor"), "Sensors only: highest Sensor Value; above min.");

    public static final ChoiceKey NOTIFICATION_TYPE = new ChoiceKey(NOTIFICATIONS, "type", List.of("non", "con"),
            List.of(), KeyDefault.of("non"), "Message type of the notifications.");
    public static final IntegerKey NOTIFICATION_CON_EVERY = new IntegerKey(NOTIFICATIONS, "conEvery", "", 0,
            1_000_000, KeyDefault.of(10L), "With `type: non`: every N-th notification of an observation is a CON "
                    + "anyway, so the device learns when its server is gone; 0 for never.");

    public static final IntegerKey SEND_EVERY = new IntegerKey(SEND, "everySeconds", "s", 1, ONE_YEAR_SECONDS,
            KeyDefault.of(30L), "Simulated time between two Sends of a device; the first comes at a seeded random "
                    + "moment within the first period after registering.");
    public static final StructureKey SEND_PATHS = new StructureKey(SEND, "paths", "list of strings",
            KeyDefault.required(), "Paths whose values each Send carries, `/object/instance/resource` or "
                    + "`/object/instance`, of /3 or of the group's `objects`, e.g. `[/3303/0/5700, /3/0/9]`.");

    public static final DecimalKey FIRMWARE_DOWNLOAD = new DecimalKey(FIRMWARE, "downloadSeconds", "s", 0, false,
            86_400, KeyDefault.of(10.0), "Simulated time from a written Package URI (/5/0/1) to State 2 Downloaded.");
    public static final DecimalKey FIRMWARE_UPDATE = new DecimalKey(FIRMWARE, "updateSeconds", "s", 0, false,
            86_400, KeyDefault.of(5.0), "Simulated time from Execute Update (/5/0/2) to the reboot into the new firmware.");
    public static final DecimalKey FIRMWARE_FAILURE_SHARE = new DecimalKey(FIRMWARE, "failureShare", "", 0, false, 1,
            KeyDefault.of(0.0), "Share of downloads that fail (State 0, Update Result 4), drawn per device and download "
                    + "from the run's seed.");
    public static final TextKey FIRMWARE_VERSION = new TextKey(FIRMWARE, "version", "text", v -> v,
            KeyDefault.described("the old version with `-updated`"),
            "Firmware Version (/3/0/3) the device reports after an update.");

    public static final ChoiceKey SECURITY_MODE = new ChoiceKey(SECURITY, "mode", List.of("psk", "rpk", "x509"),
            List.of(), KeyDefault.required(),
            "Pre-shared key, raw public key, or X.509 certificate per device; tls takes x509 only, or no mode (the server alone is authenticated).");
    public static final TextKey PSK_IDENTITY = new TextKey(SECURITY, "pskIdentity", "text with `{endpoint}` once",
            SecurityReader::identityPattern, KeyDefault.of("{endpoint}"),
            "PSK identity of each device; `{endpoint}` stands for its endpoint name.");
    public static final TextKey PSK_KEY_SEED = new TextKey(SECURITY, "pskKeySeed", "any text", s -> s,
            KeyDefault.described("fleetsim"),
            "Each PSK is HMAC-SHA256(seed, identity), first 16 bytes. Not with pskKeysFile.");
    public static final TextKey PSK_KEYS_FILE = new TextKey(SECURITY, "pskKeysFile", "path", s -> s,
            KeyDefault.described("—"), "CSV of `identity,hexkey` lines, relative to the scenario file.");
    public static final BooleanKey CONNECTION_ID = new BooleanKey(SECURITY, "connectionId", KeyDefault.of(false),
            "dtls only: offer the DTLS Connection ID extension (RFC 9146).");
    public static final BooleanKey SESSION_RESUMPTION = new BooleanKey(SECURITY, "sessionResumption",
            KeyDefault.of(false), "dtls or tls: a device that reconnects resumes its own session (abbreviated handshake); without, a full handshake every time.");
    public static final TextKey EXPECT_ISSUER = new TextKey(SECURITY, "expectIssuer", "distinguished name",
            SecurityReader::distinguishedName, KeyDefault.described("no check"),
            "dtls with x509, or tls (with or without a device certificate): the server certificate's issuer "
                    + "must be this, else `issuer-mismatch`.");

    public static final IntegerKey COAP_PING_SECONDS = new IntegerKey(KEEPALIVE, "coapPingSeconds", "s", 1,
            ONE_YEAR_SECONDS, KeyDefault.described("540 for tcp and tls, none for udp and dtls"),
            "Idle time after which a device sends a keepalive: an RFC 8323 Ping over tcp and tls; over udp and dtls "
                    + "what `method` says.");
    public static final IntegerKey PONG_TIMEOUT_SECONDS = new IntegerKey(KEEPALIVE, "pongTimeoutSeconds", "s", 1,
            86_400, KeyDefault.of(30L),
            "tcp and tls only: wait for the Pong; without one the device closes the connection, reconnects and "
                    + "registers again. (A udp ping is a CON: its retransmissions decide.)");
    public static final ChoiceKey KEEPALIVE_METHOD = new ChoiceKey(KEEPALIVE, "method",
            List.of("coap-ping", "update"), List.of(), KeyDefault.of("coap-ping"),
            "udp and dtls only: what a device sends as keepalive: a CoAP ping (empty CON), or a Registration Update.");
    public static final BooleanKey QUEUE_MODE = new BooleanKey(KEEPALIVE, "queueMode", KeyDefault.of(false),
            "LwM2M queue mode: Register carries `Q` (LwM2M 1.1); the device listens `awakeSeconds` after each "
                    + "request or notification it sends, then sleeps and drops server requests until it sends again "
                    + "(see Queue mode).");
    public static final DecimalKey AWAKE_SECONDS = new DecimalKey(KEEPALIVE, "awakeSeconds", "s", 0, true,
            86_400, KeyDefault.of(93.0), "With `queueMode: true`: how long the device listens after each request or "
                    + "notification it sends (93 = MAX_TRANSMIT_WAIT of RFC 7252 with default parameters).");

    public static final TextKey NAT_PROFILE = new TextKey(NAT, "profile", "`[A-Za-z0-9._-]+`", TextKey::safeName,
            KeyDefault.described("none"),
            "Carrier profile to start from (`scenarios/profiles/<name>.yaml`); the other keys override it.");
    public static final StructureKey NAT_IDLE_TIMEOUT = new StructureKey(NAT, "idleTimeoutSeconds",
            "number, list of maps or map", KeyDefault.described("—"),
            "One idle timeout for every mapping, `[{seconds: 30, weight: 0.4}, ...]` drawn per device, or "
                    + "`{uniform: [30, 120]}` drawn evenly per device.");
    public static final StructureKey NAT_UDP_IDLE_TIMEOUT = new StructureKey(NAT, "udpIdleTimeoutSeconds",
            "number, list of maps or map", KeyDefault.described("idleTimeoutSeconds"),
            "udp and dtls only: the UDP mapping's idle timeout, in the forms of `idleTimeoutSeconds`.");
    public static final StructureKey NAT_TCP_IDLE_TIMEOUT = new StructureKey(NAT, "tcpIdleTimeoutSeconds",
            "number, list of maps or map", KeyDefault.described("idleTimeoutSeconds, else streamTimeoutSeconds"),
            "tcp and tls only: an established connection's idle timeout, in the forms of `idleTimeoutSeconds`.");
    public static final DecimalKey NAT_UNREPLIED_TIMEOUT = new DecimalKey(NAT, "unrepliedTimeoutSeconds", "s",
            0, true, ONE_YEAR_SECONDS, KeyDefault.described("30"),
            "Linux-style: timeout of a mapping that has not become a stream.");
    public static final DecimalKey NAT_STREAM_TIMEOUT = new DecimalKey(NAT, "streamTimeoutSeconds", "s",
            0, true, ONE_YEAR_SECONDS, KeyDefault.described("120"),
            "Linux-style: timeout once a packet follows a reply more than 2 s after the mapping was made.");
    public static final BooleanKey NAT_INBOUND_REFRESH = new BooleanKey(NAT, "inboundRefresh", KeyDefault.of(true),
            "Whether packets from the server alone keep a live mapping alive.");
    public static final ChoiceKey NAT_PORT_ALLOCATION = new ChoiceKey(NAT, "portAllocation",
            List.of("random", "preserve"), List.of(), KeyDefault.of("random"),
            "External port of a new mapping: a new one, or the previous one again.");
    public static final ChoiceKey NAT_FILTERING = new ChoiceKey(NAT, "filtering",
            List.of("address-and-port-dependent", "address-dependent", "endpoint-independent"), List.of(),
            KeyDefault.of("address-and-port-dependent"),
            "udp and dtls only, RFC 4787: which sources a live mapping accepts: the server's address and port, "
                    + "its address from any port, or anyone.");
    public static final StructureKey NAT_LOSS = new StructureKey(NAT, "lossPercent", "number or map",
            KeyDefault.described("0"), "Packets dropped (tcp/tls: segments sent again after the RTO), in both directions, or `{up: 1, down: 2}` "
                    + "per direction.");
    public static final DecimalKey NAT_DELAY = new DecimalKey(NAT, "delayMs", "ms", 0, false, 600_000,
            KeyDefault.of(0.0), "One-way delay added in each direction.");
    public static final DecimalKey NAT_JITTER = new DecimalKey(NAT, "jitterMs", "ms", 0, false, 600_000,
            KeyDefault.of(0.0), "Up to this much more one-way delay, drawn per packet (tcp/tls: per frame, order kept).");
    public static final StructureKey NAT_FLUSH = new StructureKey(NAT, "flushAtSeconds", "list of numbers",
            KeyDefault.described("none"), "Moments at which every mapping is dropped at once (a NAT reboot).");
    public static final ChoiceKey NAT_TCP_EXPIRY = new ChoiceKey(NAT, "tcpExpiry",
            List.of("drop", "rst"), List.of(), KeyDefault.of("drop"),
            "tcp and tls only: after the mapping expired, every segment is dropped until the device's Pong "
                    + "timeout gives up, or the device's next frame draws a reset.");
    public static final DecimalKey NAT_DEAD_MAPPING_HOLD = new DecimalKey(NAT, "deadMappingHoldSeconds", "s", 0,
            false, 3600, KeyDefault.of(NatSettings.DEFAULT_DEAD_MAPPING_HOLD_SECONDS),
            "udp and dtls only: how long an expired mapping's socket stays open, dropping and counting what the "
                    + "server still sends to it; 0 closes it at once.");
    public static final IntegerKey NAT_SEED = new IntegerKey(NAT, "seed", "", Long.MIN_VALUE, Long.MAX_VALUE,
            KeyDefault.of(1L), "Seed of the per-device timeout draw, of loss and of jitter.");

    public static final TextKey DNS_SERVER = new TextKey(DNS, "server", "IP address, `:port` optional",
            DnsSettings::normalizeServer, KeyDefault.described("first nameserver of /etc/resolv.conf"),
            "Top level only: the DNS server the target's host names are looked up with, e.g. `127.0.0.1:5353`.");
    public static final BooleanKey DNS_FOLLOW_TTL = new BooleanKey(DNS, "followTtl", KeyDefault.of(true),
            "Whether devices look the server's name up again once its TTL has passed (one lookup for the whole "
                    + "fleet), picking up a new address at their next registration or connection.");

    public static final DecimalKey PROBE_RATE = new DecimalKey(PROBE, "ratePerSecond", "probes/s", 0, true,
            100_000, KeyDefault.of(1.0), "Reads per simulated second, over the whole sample.");
    public static final DecimalKey PROBE_SAMPLE = new DecimalKey(PROBE, "sample", "", 0, true, 1,
            KeyDefault.of(0.1), "Share of the fleet the probed devices are drawn from.");

    public static final ChoiceKey RADIO_PROFILE = new ChoiceKey(RADIO, "profile", RadioSettings.PROFILES, List.of(),
            KeyDefault.of("lte-m"), "The modem's radio, whose usual RRC inactivity timer is the default tail.");
    public static final DecimalKey RADIO_TAIL = new DecimalKey(RADIO, "tailSeconds", "s", 0, true, 3600,
            KeyDefault.described("10 for lte-m, 20 for nb-iot"),
            "How long the radio stays on after each transmission sent or received.");

    public static final StructureKey REGISTRATION_LIMIT_SECTION = new StructureKey(SERVER, "registrationLimit",
            "map", KeyDefault.described("no limit"),
            "Block a device that registers too often, as device management services do (see `server.registrationLimit`).");

    public static final IntegerKey LIMIT_COUNT = new IntegerKey(REGISTRATION_LIMIT, "count", "registrations", 1,
            1_000_000, KeyDefault.of(10L),
            "Registrations an endpoint name may make within windowSeconds; the next one blocks it.");
    public static final DecimalKey LIMIT_WINDOW = new DecimalKey(REGISTRATION_LIMIT, "windowSeconds", "s", 0, true,
            86_400, KeyDefault.of(10.0), "The sliding window the registrations are counted over (simulated time).");
    public static final DecimalKey LIMIT_BLOCK = new DecimalKey(REGISTRATION_LIMIT, "blockSeconds", "s", 0, true,
            ONE_YEAR_SECONDS, KeyDefault.of(60.0),
            "How long a blocked endpoint stays blocked (simulated time); Registers while blocked do not extend it.");
    public static final ChoiceKey LIMIT_ANSWER = new ChoiceKey(REGISTRATION_LIMIT, "answer",
            List.of("refuse", "silence"), List.of(), KeyDefault.of("refuse"),
            "What a blocked endpoint's Register gets: an error response (`refuseCode`), or nothing at all.");
    public static final ChoiceKey LIMIT_REFUSE_CODE = new ChoiceKey(REGISTRATION_LIMIT, "refuseCode",
            List.of("4.03", "4.29"), List.of(), KeyDefault.of("4.03"),
            "The error response of `answer: refuse`: 4.03 Forbidden or 4.29 Too Many Requests (RFC 8516).");

    public static final DecimalKey RATE = new DecimalKey(ARRIVAL, "rate", "devices/s", 0, true, MAX_DEVICES,
            KeyDefault.described("100 (when rampSeconds is absent)"),
            "Device starts per simulated second. Give `rate` or `rampSeconds`, not both.");
    public static final DecimalKey RAMP = new DecimalKey(ARRIVAL, "rampSeconds", "s", 0, true, ONE_YEAR_SECONDS,
            KeyDefault.described("—"), "Start all devices over this time: rate = total count / rampSeconds.");
    public static final ChoiceKey PROFILE = new ChoiceKey(ARRIVAL, "profile", List.of("constant", "poisson"),
            List.of(), KeyDefault.of("constant"), "Evenly spaced starts, or a Poisson process at the same rate.");
    public static final IntegerKey SEED = new IntegerKey(ARRIVAL, "seed", "", Long.MIN_VALUE, Long.MAX_VALUE,
            KeyDefault.of(1L), "Seed of the Poisson process, so that runs repeat.");
    public static final StructureKey STAGES = new StructureKey(ARRIVAL, "stages", "list of maps",
            KeyDefault.described("none"), "Load stages: the number of active devices ramps linearly to each "
                    + "stage's `devices` over its `durationSeconds`. Not with `rate` or `rampSeconds`.");
    public static final ChoiceKey STOP_ORDER = new ChoiceKey(ARRIVAL, "stopOrder", List.of("newest", "random"),
            List.of(), KeyDefault.of("newest"),
            "Which active devices a stage that goes down stops (they de-register): the newest first, or at random.");

    public static final IntegerKey ACK_TIMEOUT = new IntegerKey(COAP, "ackTimeoutMs", "ms", 10, 600_000,
            KeyDefault.of(2000L), "ACK_TIMEOUT: initial retransmission timeout of confirmable messages.");
    public static final DecimalKey ACK_RANDOM_FACTOR = new DecimalKey(COAP, "ackRandomFactor", "", 1.0, false, 10,
            KeyDefault.of(1.5), "ACK_RANDOM_FACTOR: the initial timeout is drawn from [t, t * factor].");
    public static final IntegerKey MAX_RETRANSMIT = new IntegerKey(COAP, "maxRetransmit", "", 0, 20,
            KeyDefault.of(4L), "MAX_RETRANSMIT: retransmissions before an exchange fails.");

    public static final DecimalKey RETRY_INITIAL = new DecimalKey(REGISTRATION_RETRY, "initialSeconds", "s",
            0, true, 86_400, KeyDefault.of(5.0), "Wait before the first retry.");
    public static final DecimalKey RETRY_MAX = new DecimalKey(REGISTRATION_RETRY, "maxSeconds", "s",
            0, true, 86_400, KeyDefault.of(300.0), "Longest wait between retries; at least initialSeconds.");
    public static final DecimalKey RETRY_MULTIPLIER = new DecimalKey(REGISTRATION_RETRY, "multiplier", "",
            1, false, 100, KeyDefault.of(2.0), "Each wait is the previous one times this.");
    public static final DecimalKey RETRY_JITTER = new DecimalKey(REGISTRATION_RETRY, "jitter", "",
            0, false, 1, KeyDefault.of(0.5), "Share of each wait added or taken away at random.");
    public static final ChoiceKey RETRY_MODE = new ChoiceKey(REGISTRATION_RETRY, "mode", List.of("backoff", "lwm2m"),
            List.of(), KeyDefault.of("backoff"), "Exponential back-off with jitter, or the communication sequences "
                    + "of an LwM2M 1.1 client (Server object resources 17 to 20), which end in giving up.");
    public static final IntegerKey RETRY_COUNT = new IntegerKey(REGISTRATION_RETRY, "retryCount", "", 1, 255,
            KeyDefault.of(5L), "`mode: lwm2m`: Communication Retry Count (/1/x/17), Register attempts in a sequence.");
    public static final IntegerKey RETRY_TIMER = new IntegerKey(REGISTRATION_RETRY, "retryTimerSeconds", "s", 1,
            ONE_YEAR_SECONDS, KeyDefault.of(60L), "`mode: lwm2m`: Communication Retry Timer (/1/x/18); the wait "
                    + "after the n-th failed attempt of a sequence is this times 2^(n-1).");
    public static final IntegerKey SEQUENCE_DELAY = new IntegerKey(REGISTRATION_RETRY, "sequenceDelaySeconds", "s", 0,
            ONE_YEAR_SECONDS, KeyDefault.of(86_400L),
            "`mode: lwm2m`: Communication Sequence Delay Timer (/1/x/19), the wait after a failed sequence.");
    public static final IntegerKey SEQUENCE_RETRY_COUNT = new IntegerKey(REGISTRATION_RETRY, "sequenceRetryCount", "",
            1, 255, KeyDefault.of(1L),
            "`mode: lwm2m`: Communication Sequence Retry Count (/1/x/20), sequences before the device gives up.");

    /** Every key, grouped by section, in documentation order. */
    public static final List<ScenarioKey<?>> ALL = List.of(
            NAME, TARGET, FLEET_SECTION, GROUPS, ARRIVAL_SECTION, LIFETIME, UPDATE_INTERVAL, DURATION,
            TIME_SCALE, DEREGISTER_AT_END, COAP_SECTION, RETRY_SECTION, PROBE_SECTION, RADIO_SECTION, SERVER_SECTION,
            EVENTS, DNS_SECTION, THRESHOLDS,
            COUNT, ENDPOINT_PREFIX, TRANSPORT, GROUP_NAME, SECURITY_SECTION, KEEPALIVE_SECTION, NAT_SECTION,
            GROUP_ARRIVAL, GROUP_RETRY, GROUP_TARGET, BOOTSTRAP_TARGET, GROUP_BOOTSTRAP, GROUP_DNS, SOURCE_ADDRESSES,
            OBJECTS_LIST, NOTIFICATIONS_SECTION, REBOOT_SECONDS, GROUP_LIFETIME, GROUP_UPDATE_INTERVAL, GROUP_BINDING,
            FIRMWARE_SECTION, GROUP_AGENTS, SEND_SECTION,
            SECURITY_MODE, PSK_IDENTITY, PSK_KEY_SEED, PSK_KEYS_FILE, CONNECTION_ID, SESSION_RESUMPTION, EXPECT_ISSUER,
            COAP_PING_SECONDS, PONG_TIMEOUT_SECONDS, KEEPALIVE_METHOD, QUEUE_MODE, AWAKE_SECONDS,
            RATE, RAMP, PROFILE, SEED, STAGES, STOP_ORDER,
            ACK_TIMEOUT, ACK_RANDOM_FACTOR, MAX_RETRANSMIT,
            RETRY_INITIAL, RETRY_MAX, RETRY_MULTIPLIER, RETRY_JITTER,
            RETRY_MODE, RETRY_COUNT, RETRY_TIMER, SEQUENCE_DELAY, SEQUENCE_RETRY_COUNT,
            NAT_PROFILE, NAT_IDLE_TIMEOUT, NAT_UDP_IDLE_TIMEOUT, NAT_TCP_IDLE_TIMEOUT, NAT_UNREPLIED_TIMEOUT,
            NAT_STREAM_TIMEOUT, NAT_INBOUND_REFRESH, NAT_PORT_ALLOCATION, NAT_FILTERING, NAT_LOSS, NAT_DELAY, NAT_JITTER,
            NAT_FLUSH, NAT_DEAD_MAPPING_HOLD, NAT_SEED, NAT_TCP_EXPIRY,
            PROBE_RATE, PROBE_SAMPLE, RADIO_PROFILE, RADIO_TAIL,
            REGISTRATION_LIMIT_SECTION, LIMIT_COUNT, LIMIT_WINDOW, LIMIT_BLOCK, LIMIT_ANSWER, LIMIT_REFUSE_CODE,
            DNS_SERVER, DNS_FOLLOW_TTL,
            OBJECT_ID, OBJECT_INSTANCES, OBJECT_CHANGE_EVERY, OBJECT_MIN, OBJECT_MAX,
            NOTIFICATION_TYPE, NOTIFICATION_CON_EVERY,
            FIRMWARE_DOWNLOAD, FIRMWARE_UPDATE, FIRMWARE_FAILURE_SHARE, FIRMWARE_VERSION, BOOTSTRAP_URI,
            BOOTSTRAP_FINISH_TIMEOUT,
            SEND_EVERY, SEND_PATHS);

    private ScenarioKeys() {
    }

    /** The keys of one section, in documentation order. */
    public static List<ScenarioKey<?>> in(Section section) {
        return ALL.stream().filter(key -> key.section() == section).toList();
    }
}
