package io.trestle.schedule.export.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.trestle.schedule.export.delivery.Delivery;
import io.trestle.schedule.export.delivery.DeliveryException;
import io.trestle.schedule.export.delivery.DeliveryTarget;
import io.trestle.schedule.export.files.ExportFile;
import io.trestle.schedule.export.files.ExportFormat;
import io.trestle.schedule.export.files.SkeletonFiles;
import io.trestle.schedule.export.health.ExportMetrics;
import io.trestle.schedule.export.structure.ProjectSkeleton;

/**
 * Turns a project update into its files (one per configured format) and hands each to every target, in a fixed order.
 * An update remembers which files its targets already took, so a retry sends only the rest.
 */
public final class ProjectExporter {

    private final SkeletonFiles files = new SkeletonFiles();
    private final List<ExportFormat> formats;
    private final List<DeliveryTarget> targets;
    private final ExportMetrics metrics;

    public ProjectExporter(Set<ExportFormat> formats, List<DeliveryTarget> targets, ExportMetrics metrics) {
        this.formats = formats.stream().sorted().toList();
        this.targets = List.copyOf(targets);
        this.metrics = metrics;
    }

    /**
     * @param version
     *            the update's sequence number (see {@link Delivery#version()})
     */
    public Update prepare(ProjectSkeleton skeleton, long version) {
        Deque<Step> steps = new ArrayDeque<>();
        for (ExportFormat format : formats) {
            ExportFile file = files.write(skeleton, format);
            for (DeliveryTarget target : targets) {
                steps.add(new Step(target, new Delivery(skeleton.key(), version, file)));
            }
        }
        return new Update(skeleton, steps);
    }

    /** A file a target refused for its content; it counts as done, and goes to quarantine. */
    public record Rejected(String target, Delivery delivery, DeliveryException reason) {
    }

    private record Step(DeliveryTarget target, Delivery delivery) {
    }

    /** One project's update on its way to the targets. */
    public final class Update {

        private final ProjectSkeleton skeleton;
        private final Deque<Step> remaining;

        private Update(ProjectSkeleton skeleton, Deque<Step> remaining) {
            this.skeleton = skeleton;
            this.remaining = remaining;
        }

        public ProjectSkeleton skeleton() {
            return skeleton;
        }

        /**
         * Delivers what is left, in order, until every file is delivered or rejected, or a target cannot take one now.
         *
         * @param rejected
         *            gets each file a target refused for its content, before this returns
         * @return the failure to wait out before calling again; empty when the update is done
         */
        public Optional<DeliveryException> deliver(Consumer<Rejected> rejected) {
            while (!remaining.isEmpty()) {
                Step step = remaining.peek();
                try {
                    step.target().deliver(step.delivery());
                    metrics.delivered(step.target().name(), step.delivery().file().format().token());
                } catch (DeliveryException failure) {
                    metrics.failed(failure.reason());
                    if (failure.kind() != DeliveryException.Kind.REJECTED) {
                        return Optional.of(failure);
                    }
                    rejected.accept(new Rejected(step.target().name(), step.delivery(), failure));
                }
                remaining.remove();
            }
            return Optional.empty();
        }
    }
}
