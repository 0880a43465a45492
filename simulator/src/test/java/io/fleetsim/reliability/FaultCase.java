package io.fleetsim.reliability;

/**
 * Faults during a run, as docs/reliability.md lists them (the table is generated from this list
 * and checked by {@link ReliabilityDocTest}); each has its test, named here.
 */
enum FaultCase {

    TARGET_DOWN_AND_BACK("the server stops mid-run and comes back on the same port",
            "updates and registrations fail and back off; registered drops in timeline.csv and recovers once "
                    + "the server is back (TargetOutageTest)",
            "`timeout` in update.failures and registration.failures"),
    SIGTERM("SIGTERM (or SIGINT, Ctrl-C) during a run",
            "stops within seconds, de-registers for at most 3 s, writes complete results and the report of the "
                    + "part that ran (StopSignalTest)",
            "exit code 3; summary.json `\"aborted\": true`, `\"abortReason\": \"SIGTERM\"`"),
    SIGKILL("SIGKILL during a run",
            "nothing (it cannot); what it wrote every second stays: `fleetsim report DIR` renders it (StopSignalTest)",
            "summary.json `\"complete\": false`; the report says the run did not complete"),
    OUT_OF_FILE_DESCRIPTORS("more devices than the open-file limit allows (`ulimit -n`)",
            "keeps 64 descriptors for its own files; devices past the limit fail, back off and retry; one message at "
                    + "the end says what happened and how to get more (SocketLimitTest)",
            "`socket-limit` in registration.failures; exit code 3");

    private final String fault;
    private final String fleetsim;
    private final String result;

    FaultCase(String fault, String fleetsim, String result) {
        this.fault = fault;
        this.fleetsim = fleetsim;
        this.result = result;
    }

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    String tableRow() {
        return "| `" + key() + "` | " + fault + " | " + fleetsim + " | " + result + " |";
    }
}
