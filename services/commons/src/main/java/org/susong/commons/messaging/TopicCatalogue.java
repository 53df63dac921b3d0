package org.susong.commons.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The topic catalogue ({@code topics.properties} beside this class). Plain Java on purpose: the
 * local infra reads it without Quarkus to create the topics, services read it to verify them.
 */
public final class TopicCatalogue {

    public record Topic(String name, int partitions, long retentionMs) {
    }

    private static final String RESOURCE = "/org/susong/commons/messaging/topics.properties";

    private final Map<String, Topic> topics;

    private TopicCatalogue(Map<String, Topic> topics) {
        this.topics = topics;
    }

    public static TopicCatalogue load() {
        try (InputStream in = TopicCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("topic catalogue " + RESOURCE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            Map<String, Topic> topics = new TreeMap<>();
            for (String name : properties.stringPropertyNames()) {
                String[] parts = properties.getProperty(name).split(",");
                topics.put(name, new Topic(name, Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim())));
            }
            return new TopicCatalogue(topics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Topic> topics() {
        return new LinkedHashMap<>(topics);
    }

    public Topic topic(String name) {
        Topic topic = topics.get(name);
        if (topic == null) {
            throw new IllegalArgumentException("topic '" + name + "' is not in the catalogue");
        }
        return topic;
    }

    public static String eventsTopic(String service) {
        return service + ".events";
    }

    /** The topic only {@code service} reads, fed by {@code ./platform replay <service>.dlq} ({@link ReplayConsumer}). */
    public static String replayTopic(String service) {
        return service + ".replay";
    }
}
