package io.trestle.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import io.trestle.schema.topic.TrestleTopic;

class LocalTopicsTest {

    @Test
    void declaresEveryCatalogueTopicWithTheRequestedPartitions() {
        List<NewTopic> topics = LocalTopics.newTopics(3);

        assertThat(topics).extracting(NewTopic::name)
                .containsExactlyElementsOf(Arrays.stream(TrestleTopic.values()).map(TrestleTopic::topicName).toList());
        assertThat(topics).allSatisfy(topic -> assertThat(topic.numPartitions()).isEqualTo(3));
    }

    @Test
    void keepsTheCatalogueCleanupPolicyAndLiftsTheTimeLimitOfDeleteTopics() {
        for (NewTopic topic : LocalTopics.newTopics(1)) {
            TrestleTopic declared = Arrays.stream(TrestleTopic.values())
                    .filter(t -> t.topicName().equals(topic.name()))
                    .findFirst()
                    .orElseThrow();
            if (declared.retention().compacted()) {
                assertThat(topic.configs()).containsExactlyEntriesOf(
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            } else {
                assertThat(topic.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
            }
        }
    }
}
