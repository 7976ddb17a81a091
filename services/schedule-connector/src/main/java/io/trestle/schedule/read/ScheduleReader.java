package io.trestle.schedule.read;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.mpxj.MPXJException;
import org.mpxj.ProjectFile;
import org.mpxj.mspdi.MSPDIReader;
import org.mpxj.primavera.PrimaveraPMFileReader;
import org.mpxj.primavera.PrimaveraXERFileReader;
import org.mpxj.reader.ProjectReader;

import io.trestle.schedule.model.ScheduleFormat;

/**
 * Reads a P6 XER, P6 XML (PMXML) or MS Project XML (MSPDI) file with MPXJ, one {@link SourceSchedule} per project it
 * publishes (XER and PMXML files may hold several). Safe for concurrent use: every call uses readers of its own.
 */
public final class ScheduleReader {

    private static final int PREVIEW_LENGTH = 40;

    private final FormatDetector detector = new FormatDetector();

    /**
     * @throws UnreadableScheduleException
     *             when the content is none of the supported formats, or MPXJ cannot read it in full
     */
    public List<SourceSchedule> read(byte[] content) {
        ScheduleFormat format = detector.detect(content)
                .orElseThrow(() -> new UnreadableScheduleException(null,
                        "Not a Primavera P6 XER, P6 XML (PMXML) or MS Project XML (MSPDI) file; it starts with "
                                + preview(content),
                        null));
        if (format == ScheduleFormat.XER && !endsWithEndMarker(content)) {
            // MPXJ reads a cut-off XER without complaint: the activities lost with its end would look deleted.
            throw new UnreadableScheduleException(format, "XER file is incomplete: it does not end with %E", null);
        }
        List<ProjectFile> projects;
        try {
            projects = reader(format, content).readAll(body(content));
        } catch (MPXJException | RuntimeException e) {
            throw new UnreadableScheduleException(format,
                    "MPXJ cannot read the file as " + format + ": " + messages(e), e);
        }
        List<ProjectFile> published = published(projects);
        if (published.isEmpty()) {
            throw new UnreadableScheduleException(format, format + " file holds no project", null);
        }
        return published.stream().map(project -> new SourceSchedule(format, project)).toList();
    }

    private static ProjectReader reader(ScheduleFormat format, byte[] content) {
        return switch (format) {
            case XER -> {
                PrimaveraXERFileReader xer = new PrimaveraXERFileReader();
                // A value MPXJ cannot parse fails the file instead of silently becoming empty.
                xer.setIgnoreErrors(false);
                if (isUtf8(content)) {
                    xer.setCharset(StandardCharsets.UTF_8);
                }
                yield xer;
            }
            case PMXML -> new PrimaveraPMFileReader();
            case MSPDI -> {
                MSPDIReader mspdi = new MSPDIReader();
                mspdi.setIgnoreErrors(false);
                yield mspdi;
            }
            case PLANNER_JSON -> throw new IllegalArgumentException("the webhook's JSON is not read with MPXJ");
        };
    }

    /**
     * The projects the planner exported. P6 files also carry baselines and projects that are only there because an
     * exported one links to them; neither is a schedule to publish. Exports from P6 versions without an export flag
     * flag nothing, and then every project counts.
     */
    private static List<ProjectFile> published(List<ProjectFile> projects) {
        List<ProjectFile> current = projects.stream()
                .filter(project -> !project.getProjectProperties().getProjectIsBaseline()).toList();
        List<ProjectFile> exported = current.stream().filter(project -> project.getProjectProperties().getExportFlag())
                .toList();
        return exported.isEmpty() ? current : exported;
    }

    /** The XER reader checks for its header itself and would take a byte order mark for part of it. */
    private static InputStream body(byte[] content) {
        int offset = hasUtf8Bom(content) ? 3 : 0;
        return new ByteArrayInputStream(content, offset, content.length - offset);
    }

    /**
     * XER files come in the exporting machine's code page (MPXJ assumes Windows-1252) or in UTF-8, with or without a
     * byte order mark. Text in a single-byte code page with any accented letter is almost never valid UTF-8, so content
     * that decodes as UTF-8 is taken as UTF-8 (plain ASCII reads the same either way).
     */
    private static boolean isUtf8(byte[] content) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean hasUtf8Bom(byte[] content) {
        return content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB
                && content[2] == (byte) 0xBF;
    }

    private static boolean endsWithEndMarker(byte[] content) {
        int end = content.length;
        while (end > 0 && Character.isWhitespace(content[end - 1])) {
            end--;
        }
        return end >= 2 && content[end - 2] == '%' && content[end - 1] == 'E';
    }

    /**
     * MPXJ's own message says little ("Error reading file"); its causes say what and where. A value MPXJ could not
     * parse surfaces only as a ClassCastException when the reader asks for it (MPXJ keeps the raw text).
     */
    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof ClassCastException) {
                message = "a value is not of its column's type (" + message + ")";
            }
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    private static String preview(byte[] content) {
        if (content.length == 0) {
            return "nothing (the file is empty)";
        }
        String start = new String(content, 0, Math.min(content.length, PREVIEW_LENGTH), StandardCharsets.UTF_8);
        return "'" + start.replaceAll("\\p{Cntrl}", "?") + (content.length > PREVIEW_LENGTH ? "…'" : "'");
    }

}
