package io.fleetsim.tune;

import io.fleetsim.scenario.Scenario;

/**
 * One run of a sweep: a group behind a NAT profile with one keepalive candidate.
 *
 * @param profile   NAT profile name
 * @param group     group name
 * @param candidate the keepalive setting tried
 * @param scenario  the checked scenario the cell runs
 */
public record TuneCell(String profile, String group, Candidate candidate, Scenario scenario) {

    /** {@code profile/group/candidate}, as in progress lines and the cell's directory. */
    public String path() {
        return profile + "/" + group + "/" + candidate.label();
    }
}
