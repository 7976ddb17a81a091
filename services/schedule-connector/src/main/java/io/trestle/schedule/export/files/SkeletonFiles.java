package io.trestle.schedule.export.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.mpxj.ProjectFile;
import org.mpxj.mspdi.MSPDIWriter;
import org.mpxj.primavera.PrimaveraPMFileWriter;
import org.mpxj.writer.ProjectWriter;

import io.trestle.schedule.export.structure.ProjectSkeleton;

/** Writes a project skeleton as P6 XML or MS Project XML with MPXJ. Safe for concurrent use. */
public final class SkeletonFiles {

    public ExportFile write(ProjectSkeleton skeleton, ExportFormat format) {
        ProjectFile project = switch (format) {
            case PMXML -> SkeletonProjects.primavera(skeleton);
            case MSPDI -> SkeletonProjects.msProject(skeleton);
        };
        ProjectWriter writer = switch (format) {
            case PMXML -> new PrimaveraPMFileWriter();
            case MSPDI -> new MSPDIWriter();
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writer.write(project, bytes);
        } catch (IOException e) {
            // Only the in-memory stream is written to; MPXJ reports its own JAXB failures as IOExceptions.
            throw new UncheckedIOException("MPXJ cannot write " + skeleton.key() + " as " + format, e);
        }
        byte[] content = bytes.toByteArray();
        return new ExportFile(format, content, sha256(content));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
