package io.credwatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Secrets Manager's side of {@link FakeAws}: the JSON 1.1 actions credwatch uses
 * (ListSecrets with a name filter and pages, DescribeSecret, GetSecretValue), answered as
 * AWS answers them, dates as epoch seconds. Each call is logged by action and secret, so a
 * test can prove that a check never read a value it had no need for.
 */
public final class FakeSecretsManager {

    /** One stored secret; {@code value} empty for a secret that has only metadata. */
    public record Secret(String name, Optional<String> value, Instant created, Instant lastChanged,
                         Optional<Instant> lastRotated, Optional<Instant> lastAccessed, boolean rotationEnabled,
                         Optional<Instant> nextRotation) {

        public static Secret of(String name, String value, Instant created) {
            return new Secret(name, Optional.ofNullable(value), created, created, Optional.empty(), Optional.empty(),
                    false, Optional.empty());
        }

        public Secret rotated(Instant at) {
            return new Secret(name, value, created, at, Optional.of(at), lastAccessed, rotationEnabled, nextRotation);
        }

        public Secret accessed(Instant at) {
            return new Secret(name, value, created, lastChanged, lastRotated, Optional.of(at), rotationEnabled,
                    nextRotation);
        }

        public Secret rotating(Instant next) {
            return new Secret(name, value, created, lastChanged, lastRotated, lastAccessed, true, Optional.of(next));
        }

        String arn(String account) {
            return "arn:aws:secretsmanager:us-east-1:" + account + ":secret:" + name + "-AbCdEf";
        }
    }

    /** One call as received: the action and the secret id or name filter it named. */
    public record Call(String action, String subject) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Secret> secrets = new ConcurrentSkipListMap<>();
    /** Secret names (or, with a trailing '*', name prefixes) whose every action is denied. */
    public final Set<String> denied = ConcurrentHashMap.newKeySet();
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    /**
     * Secrets scheduled for deletion, and since when: DescribeSecret still answers with their
     * DeletedDate; ListSecrets leaves them out, as AWS does unless IncludePlannedDeletion is set.
     */
    public final Map<String, Instant> scheduledForDeletion = new ConcurrentHashMap<>();
    /** ListSecrets answers at most this many per page, whatever MaxResults asks. */
    public volatile int pageSize = 100;

    public FakeSecretsManager put(Secret secret) {
        secrets.put(secret.name(), secret);
        return this;
    }

    public FakeSecretsManager remove(String name) {
        secrets.remove(name);
        return this;
    }

    /** The calls of one action, by subject. */
    public List<String> subjects(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).map(Call::subject).toList();
    }

    /**
     * @param target the {@code X-Amz-Target} header, e.g. {@code secretsmanager.DescribeSecret}
     * @return status and JSON body; errors carry their {@code __type}
     */
    Answer answer(String target, byte[] body, String account) {
        String action = target == null ? "" : target.substring(target.indexOf('.') + 1);
        JsonNode request;
        try {
            request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "SerializationException", "bad JSON");
        }
        return switch (action) {
            case "ListSecrets" -> list(request, account);
            case "DescribeSecret", "GetSecretValue" -> {
                String id = request.path("SecretId").asText("");
                calls.add(new Call(action, id));
                if (isDenied(id)) {
                    yield error(400, "AccessDeniedException", "User: arn:aws:iam::" + account + ":user/bot is not "
                            + "authorized to perform: secretsmanager:" + action + " on resource: " + id
                            + " because no identity-based policy allows the secretsmanager:" + action + " action");
                }
                Secret secret = find(id, account);
                if (secret == null || action.equals("GetSecretValue") && secret.value().isEmpty()) {
                    yield error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                }
                yield action.equals("DescribeSecret") ? new Answer(200, withDeletion(describe(secret, account)).toString())
                        : new Answer(200, value(secret, account).toString());
            }
            default -> error(400, "InvalidAction", "unknown action " + action);
        };
    }

    private Answer list(JsonNode request, String account) {
        String prefix = "";
        for (JsonNode filter : request.path("Filters")) {
            if (filter.path("Key").asText().equals("name") && filter.path("Values").size() > 0) {
                prefix = filter.path("Values").get(0).asText();
            }
        }
        calls.add(new Call("ListSecrets", prefix));
        if (!prefix.isEmpty() && isDenied(prefix)) {
            return error(400, "AccessDeniedException", "User: arn:aws:iam::" + account + ":user/bot is not "
                    + "authorized to perform: secretsmanager:ListSecrets because no identity-based policy allows the "
                    + "secretsmanager:ListSecrets action");
        }
        int max = Math.min(pageSize, request.path("MaxResults").asInt(100));
        int start = request.path("NextToken").asInt(0);
        List<Secret> matching = new ArrayList<>();
        for (Secret s : secrets.values()) {
            if (s.name().startsWith(prefix) && !scheduledForDeletion.containsKey(s.name())) {
                matching.add(s);
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("SecretList");
        for (int i = start; i < Math.min(matching.size(), start + max); i++) {
            list.add(describe(matching.get(i), account));
        }
        if (start + max < matching.size()) {
            answer.put("NextToken", String.valueOf(start + max));
        }
        return new Answer(200, answer.toString());
    }

    private boolean isDenied(String id) {
        for (String d : denied) {
            if (d.endsWith("*") ? id.startsWith(d.substring(0, d.length() - 1)) : d.equals(id)) {
                return true;
            }
        }
        return false;
    }

    private Secret find(String id, String account) {
        Secret byName = secrets.get(id);
        if (byName != null) {
            return byName;
        }
        return secrets.values().stream().filter(s -> s.arn(account).equals(id)).findFirst().orElse(null);
    }

    private static ObjectNode describe(Secret s, String account) {
        ObjectNode node = JSON.createObjectNode();
        node.put("ARN", s.arn(account));
        node.put("Name", s.name());
        node.put("RotationEnabled", s.rotationEnabled());
        node.put("CreatedDate", seconds(s.created()));
        node.put("LastChangedDate", seconds(s.lastChanged()));
        s.lastRotated().ifPresent(t -> node.put("LastRotatedDate", seconds(t)));
        s.lastAccessed().ifPresent(t -> node.put("LastAccessedDate", seconds(t)));
        s.nextRotation().ifPresent(t -> node.put("NextRotationDate", seconds(t)));
        return node;
    }

    private ObjectNode withDeletion(ObjectNode described) {
        Instant deleted = scheduledForDeletion.get(described.path("Name").asText());
        if (deleted != null) {
            described.put("DeletedDate", seconds(deleted));
        }
        return described;
    }

    private static ObjectNode value(Secret s, String account) {
        ObjectNode node = JSON.createObjectNode();
        node.put("ARN", s.arn(account));
        node.put("Name", s.name());
        node.put("SecretString", s.value().orElseThrow());
        node.put("VersionId", "00000000-0000-0000-0000-000000000001");
        node.putArray("VersionStages").add("AWSCURRENT");
        node.put("CreatedDate", seconds(s.lastChanged()));
        return node;
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static Answer error(int status, String type, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("__type", type);
        node.put("message", message);
        return new Answer(status, node.toString());
    }

    record Answer(int status, String body) {
        Optional<String> errorType() {
            try {
                return Optional.ofNullable(JSON.readTree(body).get("__type")).map(JsonNode::asText);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
