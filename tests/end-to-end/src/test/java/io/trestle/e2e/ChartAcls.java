package io.trestle.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The ACLs of each service's Kafka user, from the Helm chart's facts about the services
 * ({@code helm/trestle/files/services.yaml}) by the rules its header states: topics read get Read, topics written get
 * Write (Describe is implied by either); the service's own state topics also Create and DescribeConfigs; consumer
 * groups Read (literal or prefixed); a Kafka Streams application id owns the topics and transactional ids it prefixes
 * and its group.
 */
final class ChartAcls {

    private ChartAcls() {
    }

    /** The ACLs of every service in {@code users}; the user is named like the service. */
    static List<AclBinding> of(Path servicesFacts, Collection<String> users) throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(servicesFacts.toFile()).path("services");
        List<AclBinding> acls = new ArrayList<>();
        for (String user : users) {
            JsonNode kafka = services.path(user).path("kafka");
            if (kafka.isMissingNode()) {
                throw new IllegalArgumentException(user + " is not a service of " + servicesFacts);
            }
            kafka.path("reads").forEach(topic -> acls.add(allow(user, ResourceType.TOPIC, topic.asText(),
                    PatternType.LITERAL, AclOperation.READ)));
            kafka.path("writes").forEach(topic -> acls.add(allow(user, ResourceType.TOPIC, topic.asText(),
                    PatternType.LITERAL, AclOperation.WRITE)));
            for (JsonNode topic : kafka.path("stateTopics")) {
                for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
                        AclOperation.DESCRIBE_CONFIGS)) {
                    acls.add(allow(user, ResourceType.TOPIC, topic.asText(), PatternType.LITERAL, operation));
                }
            }
            kafka.path("groups").forEach(group -> acls.add(allow(user, ResourceType.GROUP, group.asText(),
                    PatternType.LITERAL, AclOperation.READ)));
            kafka.path("groupPrefixes").forEach(prefix -> acls.add(allow(user, ResourceType.GROUP, prefix.asText(),
                    PatternType.PREFIXED, AclOperation.READ)));
            String applicationId = kafka.path("streamsApplicationId").asText("");
            if (!applicationId.isEmpty()) {
                acls.add(allow(user, ResourceType.TOPIC, applicationId, PatternType.PREFIXED, AclOperation.ALL));
                acls.add(allow(user, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
                acls.add(allow(user, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED,
                        AclOperation.WRITE));
            }
        }
        return acls;
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
