package io.trestle.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart in helm/trestle, rendered and linted by Helm's own code (helm-java), offline. Renders use the release name
 * and namespace "trestle" and a Kubernetes version the chart supports (helm template's built-in default is older than
 * the chart's kubeVersion).
 */
final class TrestleChart {

    static final String RELEASE = "trestle";
    static final String NAMESPACE = "trestle";
    static final String KUBE_VERSION = "v1.31.0";

    private TrestleChart() {
    }

    static Path root() {
        return Path.of(System.getProperty("trestle.root", "..")).toAbsolutePath().normalize();
    }

    static Path chart() {
        return root().resolve("helm/trestle");
    }

    static Path productionValues() {
        return chart().resolve("ci/production-values.yaml");
    }

    static ServiceFacts facts() {
        return ServiceFacts.of(chart());
    }

    static Map<String, Object> defaultValues() {
        return Yaml.read(chart().resolve("values.yaml"));
    }

    /** The values Helm renders with: values.yaml with the files merged over it. */
    static Map<String, Object> values(Path... valuesFiles) {
        Map<String, Object> values = defaultValues();
        for (Path file : valuesFiles) {
            values = merge(values, Yaml.read(file));
        }
        return values;
    }

    /** Renders with the chart's values overlaid by the files, in order; fails the test with Helm's message. */
    static Manifests render(Path... valuesFiles) {
        return new Manifests(Yaml.readAll(template(valuesFiles).call()));
    }

    /** Helm's message for values it refuses. */
    static String refusal(Path... valuesFiles) {
        try {
            String rendered = template(valuesFiles).call();
            throw new AssertionError("the chart rendered values it should refuse:\n" + rendered);
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
    }

    /**
     * helm lint of the chart with the values files merged over its values.yaml. helm-java's lint takes no values files,
     * so this lints a copy of the chart whose values.yaml is the merge, as Helm itself merges them.
     */
    static LintResult lint(Path workDir, Path... valuesFiles) {
        Path copy = workDir.resolve("trestle");
        copyTree(chart(), copy);
        Yaml.write(copy.resolve("values.yaml"), values(valuesFiles));
        return new Helm(copy).lint().call();
    }

    private static TemplateCommand template(Path... valuesFiles) {
        TemplateCommand template = new Helm(chart()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file);
        }
        return template;
    }

    /** Helm's coalescing: maps merge key by key, anything else in the overlay replaces, null removes. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> existing) {
                merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) map));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the chart", e);
        }
    }

    /** A values file in the directory, from YAML text. */
    static Path valuesFile(Path dir, String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lint messages that are not merely informational. */
    static List<String> problems(LintResult result) {
        return result.getMessages().stream().filter(m -> !m.startsWith("[INFO]")).toList();
    }
}
