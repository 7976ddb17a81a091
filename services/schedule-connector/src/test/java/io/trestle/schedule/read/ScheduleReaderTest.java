package io.trestle.schedule.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mpxj.ProjectFile;
import org.mpxj.Task;

import io.trestle.schedule.fixtures.Fixtures;
import io.trestle.schedule.model.ScheduleFormat;

class ScheduleReaderTest {

    private final ScheduleReader reader = new ScheduleReader();

    @ParameterizedTest
    @CsvSource({
            Fixtures.HARBOUR_V1 + ", XER",
            Fixtures.RIVERSIDE_PMXML + ", PMXML",
            Fixtures.RIVERSIDE_V1 + ", MSPDI"})
    void readsEachFormatAsWhatItsContentIs(String fixture, ScheduleFormat format) {
        assertThat(reader.read(Fixtures.bytes(fixture))).singleElement()
                .satisfies(schedule -> assertThat(schedule.format()).isEqualTo(format));
    }

    @Test
    void tellsTheFormatFromTheContentNotFromAMisleadingFileName(@TempDir Path uploads) throws IOException {
        Path xerCalledMpp = Files.write(uploads.resolve("harbour-quay.mpp"), Fixtures.bytes(Fixtures.HARBOUR_V1));
        Path mspdiCalledXer = Files.write(uploads.resolve("riverside.xer"), Fixtures.bytes(Fixtures.RIVERSIDE_V1));
        Path pmxmlCalledMspdi = Files.write(uploads.resolve("riverside-msproject.xml"),
                Fixtures.bytes(Fixtures.RIVERSIDE_PMXML));

        assertThat(reader.read(Files.readAllBytes(xerCalledMpp)).get(0).format()).isEqualTo(ScheduleFormat.XER);
        assertThat(reader.read(Files.readAllBytes(mspdiCalledXer)).get(0).format()).isEqualTo(ScheduleFormat.MSPDI);
        assertThat(reader.read(Files.readAllBytes(pmxmlCalledMspdi)).get(0).format())
                .isEqualTo(ScheduleFormat.PMXML);
    }

    @Test
    void readsEveryProjectOfAMultiProjectXer() {
        assertThat(reader.read(Fixtures.bytes(Fixtures.TWO_PROJECTS)))
                .extracting(schedule -> schedule.project().getProjectProperties().getProjectID())
                .containsExactly("DEPOT-A", "DEPOT-B");
    }

    @Test
    void readsAnXerSavedWithAByteOrderMark() {
        byte[] xer = Fixtures.bytes(Fixtures.HARBOUR_V1);
        byte[] withBom = new byte[xer.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(xer, 0, withBom, 3, xer.length);

        ProjectFile project = reader.read(withBom).get(0).project();

        assertThat(project.getProjectProperties().getProjectID()).isEqualTo("HQ-2025");
        assertThat(project.getTasks()).hasSameSizeAs(reader.read(xer).get(0).project().getTasks());
    }

    @ParameterizedTest
    @CsvSource({"UTF-8", "windows-1252"})
    void readsAccentedNamesOfAnXerInEitherEncodingP6Writes(String encoding) {
        String xer = new String(Fixtures.bytes(Fixtures.HARBOUR_V1), StandardCharsets.US_ASCII)
                .replace("Pour capping beam", "Béton de couronnement");

        ProjectFile project = reader.read(xer.getBytes(Charset.forName(encoding))).get(0).project();

        assertThat(project.getTasks()).extracting(Task::getName).contains("Béton de couronnement");
    }

    @Test
    void refusesAFileOfNoSupportedFormatSayingWhatItStartsWith() {
        byte[] csv = "activity;start;finish\nA1000;2025-04-01;2025-04-14\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(csv)).isInstanceOfSatisfying(UnreadableScheduleException.class, e -> {
            assertThat(e.format()).isEmpty();
            assertThat(e).hasMessageStartingWith(
                    "Not a Primavera P6 XER, P6 XML (PMXML) or MS Project XML (MSPDI) file; it starts with 'activity;start");
        });
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> reader.read(new byte[0])).isInstanceOf(UnreadableScheduleException.class)
                .hasMessageEndingWith("nothing (the file is empty)");
    }

    @Test
    void refusesXmlWhoseRootIsAProjectOfAnotherVocabulary() {
        byte[] ganttProject = "<?xml version=\"1.0\"?><project name=\"Quay\" webLink=\"x\"><tasks/></project>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] projectWithoutMsNamespace = "<Project><Name>Quay</Name><SaveVersion>14</SaveVersion></Project>"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(ganttProject)).isInstanceOf(UnreadableScheduleException.class);
        assertThatThrownBy(() -> reader.read(projectWithoutMsNamespace))
                .isInstanceOfSatisfying(UnreadableScheduleException.class, e -> assertThat(e.format()).isEmpty());
    }

    @Test
    void refusesAnXerCutOffBeforeItsEnd() {
        byte[] xer = Fixtures.bytes(Fixtures.HARBOUR_V1);
        byte[] cut = Arrays.copyOf(xer, xer.length * 3 / 4);

        assertThatThrownBy(() -> reader.read(cut)).isInstanceOfSatisfying(UnreadableScheduleException.class, e -> {
            assertThat(e.format()).contains(ScheduleFormat.XER);
            assertThat(e).hasMessage("XER file is incomplete: it does not end with %E");
        });
    }

    @Test
    void refusesAnXerWithAValueMpxjCannotParseNamingMpxjsError() {
        String xer = new String(Fixtures.bytes(Fixtures.HARBOUR_V1), StandardCharsets.UTF_8)
                .replace("2025-04-22 08:00", "22/04/2025 8am");

        assertThatThrownBy(() -> reader.read(xer.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(UnreadableScheduleException.class, e -> {
                    assertThat(e.format()).contains(ScheduleFormat.XER);
                    assertThat(e).hasMessageStartingWith(
                            "MPXJ cannot read the file as XER: a value is not of its column's type");
                });
    }

    @Test
    void refusesBrokenMsProjectXmlWithMpxjsError() {
        byte[] mspdi = Fixtures.bytes(Fixtures.RIVERSIDE_V1);
        byte[] cut = Arrays.copyOf(mspdi, mspdi.length / 2);

        assertThatThrownBy(() -> reader.read(cut)).isInstanceOfSatisfying(UnreadableScheduleException.class, e -> {
            assertThat(e.format()).contains(ScheduleFormat.MSPDI);
            assertThat(e).hasMessageStartingWith("MPXJ cannot read the file as MSPDI: ");
            assertThat(e.getCause()).isNotNull();
        });
    }

    @Test
    void refusesBrokenP6XmlWithMpxjsError() {
        String pmxml = new String(Fixtures.bytes(Fixtures.RIVERSIDE_PMXML), StandardCharsets.UTF_8)
                .replace("</Activity>", "</Activty>");

        assertThatThrownBy(() -> reader.read(pmxml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(UnreadableScheduleException.class, e -> {
                    assertThat(e.format()).contains(ScheduleFormat.PMXML);
                    assertThat(e).hasMessageStartingWith("MPXJ cannot read the file as PMXML: ");
                });
    }

    @Test
    void refusesXmlDeclaringAnExternalEntity() {
        String mspdi = new String(Fixtures.bytes(Fixtures.RIVERSIDE_V1), StandardCharsets.UTF_8).replaceFirst(
                "<Project ", "<!DOCTYPE Project [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n<Project ")
                .replace("<Title>Riverside Bridge</Title>", "<Title>&secret;</Title>");

        assertThatThrownBy(() -> reader.read(mspdi.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableScheduleException.class);
    }
}
