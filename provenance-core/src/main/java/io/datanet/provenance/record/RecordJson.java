package io.datanet.provenance.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.canonical.internal.StrictObject;
import io.datanet.provenance.license.LicenseTerms;

import java.util.TreeMap;
import java.util.function.Supplier;

/** The v1 record's JSON mapping, both ways. Field names here are the schema; change them never. */
final class RecordJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RecordJson() {}

    static ObjectNode toJson(ProvenanceRecord r) {
        ObjectNode root = F.objectNode();
        root.put("schema", ProvenanceRecord.SCHEMA);
        ObjectNode run = root.putObject("run");
        run.put("id", r.run().id());
        run.put("status", r.run().status().name());
        run.put("startedAt", Timestamps.format(r.run().startedAt()));
        run.put("endedAt", Timestamps.format(r.run().endedAt()));

        ObjectNode model = root.putObject("model");
        ModelInfo m = r.model();
        model.put("name", m.name());
        model.put("version", m.version());
        model.put("parameterCount", m.parameterCount());
        if (m.weights() != null) {
            ObjectNode w = model.putObject("weights");
            w.put("digest", m.weights().value().toString());
            w.put("layout", m.weights().layout());
            w.put("shardSize", m.weights().shardSize());
        }
        if (m.fileDigest() != null) {
            model.put("fileDigest", m.fileDigest().toString());
        }
        if (m.parent() != null) {
            model.put("parent", m.parent());
        }

        ObjectNode fw = root.putObject("framework");
        fw.put("name", r.framework().name());
        fw.put("version", r.framework().version());
        fw.put("backend", r.framework().backend());

        ObjectNode config = root.putObject("config");
        config.put("digest", r.config().digest().toString());
        config.put("seed", Long.toString(r.config().seed()));
        ObjectNode hp = config.putObject("hyperparameters");
        r.config().hyperparameters().forEach(hp::put);

        ArrayNode datanets = root.putArray("datanets");
        for (DataNetUse d : r.datanets()) {
            ObjectNode dn = datanets.addObject();
            dn.put("id", d.id());
            dn.put("version", d.version().toString());
            dn.set("license", license(d.license()));
            dn.put("weight", d.weight().toPlainString());
            dn.put("capture", d.capture().name());
            ArrayNode parts = dn.putArray("partitions");
            for (PartitionInfo p : d.partitions()) {
                ObjectNode pn = parts.addObject();
                pn.put("name", p.name());
                pn.put("fraction", p.fraction().toPlainString());
                pn.put("seed", Long.toString(p.seed()));
                pn.put("members", p.members());
                pn.put("membershipDigest", p.membershipDigest().toString());
            }
            ArrayNode observed = dn.putArray("observed");
            for (ObservedCount o : d.observed()) {
                ObjectNode on = observed.addObject();
                on.put("partition", o.partition());
                on.put("epoch", o.epoch());
                on.put("samples", o.samples());
                on.put("batches", o.batches());
            }
        }

        ObjectNode policy = root.putObject("policy");
        policy.put("verdict", r.policy().verdict().name());
        policy.put("intendedUse", r.policy().intendedUse());
        policy.put("commercial", r.policy().commercial());
        ArrayNode reasons = policy.putArray("reasons");
        r.policy().reasons().forEach(reasons::add);
        return root;
    }

    static ObjectNode license(LicenseTerms t) {
        ObjectNode l = F.objectNode();
        l.put("spdx", t.spdx());
        l.put("commercialUse", t.commercialUse());
        l.put("derivativeModels", t.derivativeModels());
        l.put("attribution", t.attribution());
        l.put("shareAlike", t.shareAlike());
        ArrayNode prohibited = l.putArray("prohibitedUses");
        t.prohibitedUses().forEach(prohibited::add);
        return l;
    }

    static ProvenanceRecord fromJson(JsonNode tree, String source) {
        StrictObject root = StrictObject.of(tree, source, "");
        String schema = root.string("schema");
        if (!ProvenanceRecord.SCHEMA.equals(schema)) {
            throw root.error("schema", "unsupported schema \"" + schema + "\", expected " + ProvenanceRecord.SCHEMA);
        }
        StrictObject run = root.object("run");
        RunInfo runInfo = build(run, () -> new RunInfo(run.string("id"),
                run.parse("status", run.string("status"), RunStatus::valueOf),
                run.parse("startedAt", run.string("startedAt"), Timestamps::parse),
                run.parse("endedAt", run.string("endedAt"), Timestamps::parse)));

        StrictObject model = root.object("model");
        ModelInfo modelInfo = build(model, () -> {
            StrictObject w = model.optObject("weights");
            WeightsDigest weights = w == null ? null
                    : build(w, () -> new WeightsDigest(w.digest("digest"), w.string("layout"), w.integer("shardSize")));
            return new ModelInfo(model.string("name"), model.string("version"), weights,
                    model.integer("parameterCount"), model.optDigest("fileDigest"), model.optString("parent"));
        });

        StrictObject fw = root.object("framework");
        FrameworkInfo framework = build(fw,
                () -> new FrameworkInfo(fw.string("name"), fw.string("version"), fw.string("backend")));

        StrictObject config = root.object("config");
        ConfigInfo configInfo = build(config, () -> {
            StrictObject hp = config.object("hyperparameters");
            TreeMap<String, String> values = new TreeMap<>();
            for (String name : hp.fieldNames()) {
                values.put(name, hp.optString(name));
            }
            hp.end();
            return new ConfigInfo(config.digest("digest"), values,
                    config.parse("seed", config.string("seed"), Long::parseLong));
        });

        var datanets = root.objects("datanets", true, RecordJson::datanet);

        StrictObject policy = root.object("policy");
        PolicyInfo policyInfo = build(policy, () -> new PolicyInfo(
                policy.parse("verdict", policy.string("verdict"), PolicyVerdict::valueOf),
                policy.string("intendedUse"), policy.bool("commercial"), policy.strings("reasons")));

        return build(root, () -> new ProvenanceRecord(runInfo, modelInfo, framework, configInfo, datanets, policyInfo));
    }

    private static DataNetUse datanet(StrictObject d) {
        return build(d, () -> {
            StrictObject l = d.object("license");
            LicenseTerms license = build(l, () -> new LicenseTerms(l.string("spdx"), l.bool("commercialUse"),
                    l.bool("derivativeModels"), l.bool("attribution"), l.bool("shareAlike"),
                    l.strings("prohibitedUses")));
            var partitions = d.objects("partitions", true, p -> build(p, () -> new PartitionInfo(p.string("name"),
                    p.decimal("fraction"), p.parse("seed", p.string("seed"), Long::parseLong),
                    p.integer("members"), p.digest("membershipDigest"))));
            var observed = d.objects("observed", true, o -> build(o, () -> new ObservedCount(o.string("partition"),
                    Math.toIntExact(o.integer("epoch")), o.integer("samples"), o.integer("batches"))));
            return new DataNetUse(d.string("id"), d.digest("version"), license, d.decimal("weight"),
                    partitions, observed, d.parse("capture", d.string("capture"), CaptureMode::valueOf));
        });
    }

    /** Builds a value from an object's fields, refusing unknown fields and naming the object when a rule fails. */
    private static <T> T build(StrictObject o, Supplier<T> constructor) {
        T value;
        try {
            value = constructor.get();
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException(o.source(), o.at("").replaceAll("/$", "").isEmpty() ? "/" : o.at("").replaceAll("/$", ""),
                    e.getMessage());
        }
        o.end();
        return value;
    }

}
