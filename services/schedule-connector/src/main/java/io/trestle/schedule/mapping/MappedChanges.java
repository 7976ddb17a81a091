package io.trestle.schedule.mapping;

import java.util.List;

/** The events a schedule's changes become, in the changes' order, and the changes that cannot become one. */
public record MappedChanges(List<Publication> publications, List<Refusal> refusals) {

    public MappedChanges {
        publications = List.copyOf(publications);
        refusals = List.copyOf(refusals);
    }
}
