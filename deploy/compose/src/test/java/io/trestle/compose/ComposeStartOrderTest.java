package io.trestle.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Start order: every service waits, through {@code depends_on} with a condition, for everything it talks to, and the
 * conditions are ones Compose can honour — a service with a health check is waited for until healthy, a one-shot job
 * until it completed successfully. A plain {@code depends_on} only waits for a container to exist, which is how a stack
 * comes up with services failing against a broker or an Odoo that is still starting.
 */
class ComposeStartOrderTest {

    private static final ComposeFile COMPOSE = Repository.compose();

    @Test
    void everyDependencyIsAServiceOfTheFile() {
        COMPOSE.services().values().forEach(service -> assertThat(COMPOSE.services().keySet())
                .as("depends_on of %s", service.name()).containsAll(service.dependsOn().keySet()));
    }

    @Test
    void dependenciesFormNoCycle() {
        assertThat(cycle()).as("a depends_on cycle: Compose could start none of these").isEmpty();
    }

    @Test
    void servicesWithAHealthCheckAreWaitedForUntilHealthyAndJobsUntilTheyCompleted() {
        List<String> wrong = new ArrayList<>();
        COMPOSE.services().values().forEach(service -> service.dependsOn().forEach((name, condition) -> {
            ComposeService target = COMPOSE.service(name);
            String expected = target.hasHealthcheck() ? ComposeService.HEALTHY : ComposeService.COMPLETED;
            if (!condition.equals(expected)) {
                wrong.add(service.name() + " -> " + name + ": " + condition + ", expected " + expected);
            }
        }));

        assertThat(wrong).isEmpty();
    }

    @Test
    void longRunningServicesHaveAHealthCheckAndJobsAreNotRestarted() {
        assertThat(COMPOSE.services().values()).allSatisfy(service -> assertThat(service.longRunning())
                .as("%s: a service is either restarted and health-checked, or a job that neither is", service.name())
                .isEqualTo(service.hasHealthcheck()));
    }

    @Test
    void everyServiceWaitsForTheServicesItTalksTo() {
        List<String> missing = new ArrayList<>();
        for (ComposeService service : COMPOSE.services().values()) {
            Set<String> awaited = awaited(service.name());
            for (String other : COMPOSE.services().keySet()) {
                if (!other.equals(service.name()) && talksTo(service, other) && !awaited.contains(other)) {
                    missing.add(service.name() + " talks to " + other + " but does not wait for it");
                }
            }
        }

        assertThat(missing).isEmpty();
    }

    @Test
    void trestleServicesStartOnlyOnceTheCatalogueTopicsExist() {
        String group = Repository.imagesProfile().property("quarkus.container-image.group");

        assertThat(COMPOSE.services().values()).filteredOn(service -> service.image().startsWith(group + "/"))
                .isNotEmpty().allSatisfy(service -> assertThat(awaited(service.name())).as(
                        "%s waits for the topics job (the broker does not create topics)", service.name())
                        .contains("topics"));
    }

    @Test
    void whatReadsOdoosDatabaseWaitsUntilOdooSetUpItsTables() {
        assertThat(COMPOSE.services().values())
                .filteredOn(service -> talksTo(service, "postgres") && !service.name().equals("odoo-setup"))
                .extracting(ComposeService::name).isNotEmpty()
                .allSatisfy(name -> assertThat(awaited(name)).as("%s waits for odoo-setup", name).contains(
                        "odoo-setup"));
    }

    /**
     * A service talks to another when one of its settings addresses it: {@code name:port}, {@code //name}, or a
     * {@code …HOST} variable naming it.
     */
    private static boolean talksTo(ComposeService service, String other) {
        Pattern address = Pattern.compile("(?<![\\w.-])" + Pattern.quote(other) + ":\\d+|//" + Pattern.quote(other)
                + "(?![\\w.-])");
        boolean addressed = service.settings().stream().anyMatch(setting -> address.matcher(setting).find());
        boolean hostVariable = service.environment().entrySet().stream()
                .anyMatch(entry -> entry.getKey().endsWith("HOST") && entry.getValue().equals(other));
        return addressed || hostVariable;
    }

    /** Everything a service's start waits for, directly or through what it waits for. */
    private static Set<String> awaited(String name) {
        Set<String> awaited = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(COMPOSE.service(name).dependsOn().keySet());
        while (!next.isEmpty()) {
            String dependency = next.pop();
            if (awaited.add(dependency)) {
                next.addAll(COMPOSE.service(dependency).dependsOn().keySet());
            }
        }
        return awaited;
    }

    /** A cycle of depends_on, as the list of services on it; empty when there is none. */
    private static List<String> cycle() {
        Map<String, ComposeService> services = COMPOSE.services();
        Set<String> done = new LinkedHashSet<>();
        for (String start : services.keySet()) {
            List<String> path = new ArrayList<>();
            if (cycleFrom(start, path, done)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean cycleFrom(String name, List<String> path, Set<String> done) {
        if (path.contains(name)) {
            path.add(name);
            return true;
        }
        if (done.contains(name) || !COMPOSE.services().containsKey(name)) {
            return false;
        }
        path.add(name);
        for (String dependency : COMPOSE.service(name).dependsOn().keySet()) {
            if (cycleFrom(dependency, path, done)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return false;
    }
}
