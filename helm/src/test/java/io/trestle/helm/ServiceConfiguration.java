package io.trestle.helm;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.trestle.schema.topic.TopicNames;

/**
 * What a service's own sources say about its Kafka use: the topic defaults of every {@code Topics} interface of its
 * {@code @ConfigMapping}s, its consumer-group defaults, and its application.properties (HTTP port, Streams application
 * id and input topics, SmallRye channels). Read from the sources rather than the classes, so this module needs no
 * service on its classpath (nor their Quarkus and JNA).
 */
record ServiceConfiguration(String service, Map<String, String> topics, List<String> consumerGroups,
        Properties properties, String pom) {

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    private static final Pattern TOPICS_INTERFACE = Pattern.compile("interface Topics \\{");
    private static final Pattern DEFAULTED_STRING = Pattern
            .compile("@WithDefault\\((TopicNames\\.[A-Z_]+|\"[^\"]+\")\\)\\s*String (\\w+)\\(\\);");
    private static final Pattern ANY_STRING = Pattern.compile("String (\\w+)\\(\\);");
    private static final Pattern CONSUMER_GROUP = Pattern
            .compile("@WithDefault\\(\"([^\"]+)\"\\)\\s*String consumerGroup\\(\\);");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

    static ServiceConfiguration of(Path serviceDir) {
        String service = serviceDir.getFileName().toString();
        Map<String, String> topics = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(serviceDir.resolve("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String java = Files.readString(source);
                Matcher mapping = MAPPING.matcher(java);
                if (!mapping.find()) {
                    continue;
                }
                topics.putAll(topicDefaults(mapping.group(1), java, source));
                Matcher group = CONSUMER_GROUP.matcher(java);
                while (group.find()) {
                    groups.add(group.group(1));
                }
            }
            Properties properties = new Properties();
            properties.load(new StringReader(
                    Files.readString(serviceDir.resolve("src/main/resources/application.properties"))));
            return new ServiceConfiguration(service, topics, groups, properties,
                    Files.readString(serviceDir.resolve("pom.xml")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the sources of " + service, e);
        }
    }

    /** Property (e.g. trestle.odoo-sink.topics.cost-postings) → default topic name. */
    private static Map<String, String> topicDefaults(String prefix, String java, Path source) {
        Map<String, String> topics = new LinkedHashMap<>();
        Matcher start = TOPICS_INTERFACE.matcher(java);
        if (!start.find()) {
            return topics;
        }
        String body = block(java, start.end());
        Matcher defaulted = DEFAULTED_STRING.matcher(body);
        while (defaulted.find()) {
            topics.put(prefix + ".topics." + kebab(defaulted.group(2)), resolve(defaulted.group(1)));
        }
        long methods = ANY_STRING.matcher(body).results().count();
        if (methods != topics.size()) {
            throw new AssertionError(source + ": every topic of Topics needs a @WithDefault the chart can compare ("
                    + topics.size() + " of " + methods + " found)");
        }
        return topics;
    }

    /** The text up to the brace closing the block opened just before {@code from}. */
    private static String block(String java, int from) {
        int depth = 1;
        for (int i = from; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return java.substring(from, i);
            }
        }
        throw new AssertionError("unbalanced braces after offset " + from);
    }

    private static String resolve(String literalOrConstant) {
        if (literalOrConstant.startsWith("\"")) {
            return literalOrConstant.substring(1, literalOrConstant.length() - 1);
        }
        try {
            Field field = TopicNames.class.getField(literalOrConstant.substring("TopicNames.".length()));
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no such topic name: " + literalOrConstant, e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    int httpPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    String streamsApplicationId() {
        return properties.getProperty("quarkus.kafka-streams.application-id", "");
    }

    /** The topics of properties whose value names topic settings, e.g. quarkus.kafka-streams.topics. */
    List<String> topicsReferencedBy(String property) {
        String value = properties.getProperty(property, "");
        List<String> names = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(value);
        while (placeholder.find()) {
            names.add(topicOf(placeholder.group(1)));
        }
        return names;
    }

    /** Topics of the SmallRye channels in one direction ("incoming" or "outgoing"). */
    List<String> channelTopics(String direction) {
        List<String> names = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging." + direction + ".") && key.endsWith(".topic")) {
                names.addAll(topicsReferencedBy(key));
            }
        }
        return names;
    }

    private String topicOf(String property) {
        String topic = topics.get(property);
        if (topic == null) {
            throw new AssertionError(service + " refers to " + property + ", which is no topic setting");
        }
        return topic;
    }
}
