package org.susong.infra.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.susong.commons.messaging.TopicCatalogue;

/**
 * Who may do what on the broker (issue 13): each service writes only its own {@code <service>.events}
 * and {@code <service>.dlq} (the outbox relay and SmallRye's dead-letter producer), reads only the
 * topics its {@code mp.messaging.incoming.*} channels name (the shared ones it consumes and its own
 * {@code <service>.replay}), with its own consumer group (the service's name); {@code ops} reads every
 * topic (audit), replays dead letters onto the {@code <service>.replay} topics only (write on those, never
 * on a shared {@code *.events}; its {@code <dlq>-replay} groups) and may use groups named {@code ops-*};
 * {@code admin} is the super user (the broker itself); the portal ({@link #WEB_CONSUMES}) reads the {@code *.events} topics
 * with its group {@code portal} and writes its dead letters to {@code portal.dlq}. Read and write imply describe, which the topic
 * readiness check (describeTopics) needs; write on a topic implies the idempotent producer's
 * IdempotentWrite (KIP-679). {@code BrokerAccessTableTest} checks the table against the services' configuration.
 */
public final class BrokerAccess {

    /** Topics each service consumes, as its incoming channels name them. */
    static final Map<String, List<String>> CONSUMES = Map.of(
            "applications", List.of("eligibility.events", "payments.events"),
            "eligibility", List.of("applications.events", "tech-contracts.events", "payments.events", "fund-investments.events"),
            "payments", List.of("eligibility.events", "applications.events", "fund-investments.events"),
            "tech-contracts", List.of(),
            "fund-investments", List.of("payments.events"));

    /**
     * Consumer groups a service uses besides its own name (a channel's {@code group.id}): eligibility reads payments'
     * journal entries under a group of their own ({@code lines-in}, issue 19), so that group starts at the topic's
     * beginning.
     */
    static final Map<String, List<String>> MORE_GROUPS = Map.of("eligibility", List.of("eligibility-lines"));

    /**
     * The web processes' principals ({@link WebSpec}): the portal's evaluation read model (issue 18 item 4) reads every
     * {@code *.events} topic on its channel {@code events-in} with group {@code portal} and dead-letters to
     * {@code portal.dlq}; it publishes no events and has no replay topic. Its rebuild reads the same topics without a
     * group (nothing committed).
     */
    static final Map<String, List<String>> WEB_CONSUMES = Map.of("portal",
            ServiceSpec.ALL.stream().map(s -> TopicCatalogue.eventsTopic(s.name())).toList());

    static final int SCRAM_ITERATIONS = 8192;

    /** Consumer groups of {@code ops} named by prefix (ad-hoc reading, the end-to-end tests). */
    static final String OPS_GROUP_PREFIX = "ops-";

    private BrokerAccess() {
    }

    /** Topics a service produces to: its events and its dead letters. */
    static List<String> produces(String service) {
        return List.of(TopicCatalogue.eventsTopic(service), service + ".dlq");
    }

    /** Topics a service reads: the shared ones it consumes and its own replay topic. */
    static List<String> reads(String service) {
        List<String> topics = new ArrayList<>(CONSUMES.get(service));
        topics.add(TopicCatalogue.replayTopic(service));
        return topics;
    }

    /** The consumer groups a service reads with: its name, and those of {@link #MORE_GROUPS}. */
    static List<String> groups(String service) {
        List<String> groups = new ArrayList<>(List.of(service));
        groups.addAll(MORE_GROUPS.getOrDefault(service, List.of()));
        return groups;
    }

    /** The web processes that log in to the broker, by name (the portal). */
    static List<String> webPrincipals() {
        return new TreeSet<>(WEB_CONSUMES.keySet()).stream().toList();
    }

    /** Topics {@code ./platform replay} writes to: each service's replay topic, never a shared one. */
    static Set<String> replayTargets() {
        Set<String> topics = new TreeSet<>();
        ServiceSpec.ALL.forEach(s -> topics.add(TopicCatalogue.replayTopic(s.name())));
        return topics;
    }

    /** Every ACL of the platform; the broker holds exactly these (others are removed at start). */
    public static Set<AclBinding> bindings() {
        Set<AclBinding> acls = new LinkedHashSet<>();
        for (ServiceSpec service : ServiceSpec.ALL) {
            String principal = service.name();
            produces(principal).forEach(topic -> acls.add(topic(principal, topic, AclOperation.WRITE)));
            reads(principal).forEach(topic -> acls.add(topic(principal, topic, AclOperation.READ)));
            groups(principal).forEach(group -> acls.add(group(principal, group, PatternType.LITERAL)));
        }
        for (String web : webPrincipals()) {
            acls.add(topic(web, web + ".dlq", AclOperation.WRITE));
            WEB_CONSUMES.get(web).forEach(topic -> acls.add(topic(web, topic, AclOperation.READ)));
            acls.add(group(web, web, PatternType.LITERAL));
        }
        TopicCatalogue.load().topics().keySet().forEach(topic -> acls.add(topic(BrokerCredentials.OPS, topic, AclOperation.READ)));
        replayTargets().forEach(topic -> acls.add(topic(BrokerCredentials.OPS, topic, AclOperation.WRITE)));
        ServiceSpec.ALL.forEach(s -> acls.add(group(BrokerCredentials.OPS, s.name() + ".dlq" + DeadLetterReplay.GROUP_SUFFIX,
                PatternType.LITERAL)));
        acls.add(group(BrokerCredentials.OPS, OPS_GROUP_PREFIX, PatternType.PREFIXED));
        return acls;
    }

    /**
     * Makes the broker hold the platform's principals and exactly its ACLs: upserts every SCRAM password
     * of the secrets file (so a regenerated file takes effect), creates missing bindings, removes others.
     */
    static void apply(Admin admin, BrokerCredentials credentials) throws Exception {
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        for (String principal : BrokerCredentials.principals()) {
            users.add(new UserScramCredentialUpsertion(principal, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512,
                    SCRAM_ITERATIONS), credentials.password(principal)));
        }
        admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
        Set<AclBinding> wanted = bindings();
        Collection<AclBinding> held = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
        List<AclBindingFilter> stale = held.stream().filter(acl -> !wanted.contains(acl)).map(AclBinding::toFilter).toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
        }
        List<AclBinding> missing = wanted.stream().filter(acl -> !held.contains(acl)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The broker configuration: SASL on both listeners, the StandardAuthorizer, {@code admin} the super user.
     * Services and {@code ops} log in with SCRAM-SHA-512 (credentials in the metadata log, made by
     * {@link #apply}); {@code admin} - the broker itself and the launcher that makes those credentials -
     * logs in with PLAIN against a static entry of this configuration, so a new or an old data folder
     * never needs a SCRAM credential before the first one can be made.
     */
    static Map<String, String> brokerProperties(BrokerCredentials credentials) {
        // the server side of PLAIN: admin's own login (broker to controller, inter-broker) and the one accepted user
        String adminPlain = plainJaas(credentials, " user_" + BrokerCredentials.ADMIN + "=\""
                + credentials.password(BrokerCredentials.ADMIN) + "\"");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + BrokerCredentials.ADMIN);
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("listener.name.broker.sasl.enabled.mechanisms", BrokerCredentials.MECHANISM + ",PLAIN");
        p.put("listener.name.broker.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("listener.name.broker.plain.sasl.jaas.config", adminPlain);
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", adminPlain);
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        return p;
    }

    /** Admin client settings of {@code admin} (PLAIN): the launcher makes users, ACLs and topics with them. */
    static Map<String, String> adminClient(BrokerCredentials credentials) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", plainJaas(credentials, ""));
        return p;
    }

    private static String plainJaas(BrokerCredentials credentials, String users) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BrokerCredentials.ADMIN
                + "\" password=\"" + credentials.password(BrokerCredentials.ADMIN) + "\"" + users + ";";
    }

    private static AclBinding topic(String principal, String topic, AclOperation operation) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), allow(principal, operation));
    }

    private static AclBinding group(String principal, String group, PatternType pattern) {
        return new AclBinding(new ResourcePattern(ResourceType.GROUP, group, pattern), allow(principal, AclOperation.READ));
    }

    private static AccessControlEntry allow(String principal, AclOperation operation) {
        return new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW);
    }

    /** The bindings as lines, for the docs and a failing assertion. */
    static List<String> describe(Set<AclBinding> acls) {
        List<String> lines = new ArrayList<>();
        acls.forEach(a -> lines.add(a.entry().principal() + " " + a.entry().operation() + " " + a.pattern().resourceType()
                + " " + a.pattern().name() + (a.pattern().patternType() == PatternType.PREFIXED ? "*" : "")));
        return lines;
    }
}
