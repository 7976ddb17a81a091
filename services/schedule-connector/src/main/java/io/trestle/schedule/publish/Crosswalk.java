package io.trestle.schedule.publish;

import io.trestle.schedule.mapping.CanonicalIds;

/** The crosswalk as publishing needs it: canonical ids, once it has been read. */
public interface Crosswalk extends CanonicalIds {

    /** False until the crosswalk was read to its end once: mapping earlier would refuse changes of mapped ids. */
    boolean ready();
}
