package io.trestle.schedule.read;

import org.mpxj.ProjectFile;

import io.trestle.schedule.model.ScheduleFormat;

/** One project MPXJ read from a schedule file, with the format it was read as. */
public record SourceSchedule(ScheduleFormat format, ProjectFile project) {
}
