package io.trestle.schedule.read;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.trestle.schedule.model.ScheduleFormat;

/**
 * Tells the format from the content, never from the file name: planners rename exports freely, and an upload may have
 * no name at all. XML formats are told by their root element, not by words found near the top of the file (which is how
 * MPXJ's UniversalProjectReader guesses, among some thirty formats this connector does not take).
 */
final class FormatDetector {

    static final String MSPDI_NAMESPACE = "http://schemas.microsoft.com/project";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] XER_HEADER = "ERMHDR".getBytes(StandardCharsets.US_ASCII);

    private final XMLInputFactory xml;

    FormatDetector() {
        xml = XMLInputFactory.newFactory();
        // Only the root element is looked at: no DTD, no external entities (XXE), whatever the file declares.
        xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** The format of the content, empty when it is none of the supported ones. */
    Optional<ScheduleFormat> detect(byte[] content) {
        int start = startsWith(content, 0, UTF8_BOM) ? UTF8_BOM.length : 0;
        if (startsWith(content, start, XER_HEADER)) {
            return Optional.of(ScheduleFormat.XER);
        }
        return rootElement(content).flatMap(FormatDetector::xmlFormat);
    }

    private static Optional<ScheduleFormat> xmlFormat(Root root) {
        if (root.localName().equals("APIBusinessObjects")) {
            return Optional.of(ScheduleFormat.PMXML);
        }
        if (root.localName().equals("Project") && root.namespace().startsWith(MSPDI_NAMESPACE)) {
            return Optional.of(ScheduleFormat.MSPDI);
        }
        return Optional.empty();
    }

    private Optional<Root> rootElement(byte[] content) {
        XMLStreamReader reader = null;
        try {
            reader = xml.createXMLStreamReader(new ByteArrayInputStream(content));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    String namespace = reader.getNamespaceURI();
                    return Optional.of(new Root(reader.getLocalName(), namespace == null ? "" : namespace));
                }
            }
            return Optional.empty();
        } catch (XMLStreamException e) {
            return Optional.empty();
        } finally {
            close(reader);
        }
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Nothing is held open for an in-memory stream; the answer is already known.
            }
        }
    }

    private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        if (content.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private record Root(String localName, String namespace) {
    }
}
