using System.Globalization;
using System.Text.Json.Nodes;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Reports;

/// <summary>
/// A report written by `test --json` (a shard's, usually), read back for `merge`: the settings it ran
/// with, its shard, and per scenario the segments it explored. Anything missing or malformed is one error
/// naming the file and the field.
/// </summary>
public sealed record ShardReport(string Path, string SettingsText, TestConfiguration Configuration, Shard Shard, bool Expect, IReadOnlyList<ShardScenario> Scenarios)
{
    public static ShardReport Read(string path)
    {
        var text = InputFile.ReadText(path, message => new UsageException(message));
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new UsageException($"{ErrorText.Path(path)}: not a modelcheck report: invalid JSON ({e.Message})");
        }
        var reader = new Reader(path);
        var report = reader.Object(root, "the report");
        if (reader.String(report, "format") != JsonReport.Format || reader.Int(report, "version") != JsonReport.Version)
            throw reader.Error($"not a {JsonReport.Format} version {JsonReport.Version} (written by `modelcheck test --json`)");
        var settings = reader.Object(report["settings"], "settings");
        var shard = reader.Object(report["shard"], "shard");
        var part = new Shard(reader.Int(shard, "index"), reader.Int(shard, "count"));
        if (part.Count < 1 || part.Index < 1 || part.Index > part.Count) throw reader.Error($"shard {part} is not K/N with 1 <= K <= N");
        var configuration = Settings(reader, settings) with { Shard = part };
        var scenarios = reader.Array(report, "scenarios").Select(s => ShardScenario.Read(reader, reader.Object(s, "a scenario"), configuration)).ToList();
        return new ShardReport(path, settings.ToJsonString(), configuration, part, reader.Bool(report, "expect"), scenarios);
    }

    static TestConfiguration Settings(Reader reader, JsonObject s)
    {
        if (!StrategyKindNames.TryParse(reader.String(s, "strategy"), out var strategy)) throw reader.Error("settings.strategy is not a strategy");
        if (!MemoryModelNames.TryParse(reader.String(s, "memory"), out var memory)) throw reader.Error("settings.memory is not a memory model");
        return new TestConfiguration
        {
            Strategy = strategy,
            StrategyValue = s["strategyValue"] is null ? null : reader.Int(s, "strategyValue"),
            Seed = reader.ULong(s, "seed"),
            Iterations = reader.Int(s, "iterations"),
            AllBugs = reader.Bool(s, "allBugs"),
            Execution = ExecutionSettings.Default with
            {
                MaxSteps = reader.Int(s, "maxSteps"),
                FailOnMaxSteps = reader.Bool(s, "failOnMaxSteps"),
                Memory = memory,
                RaceDetection = reader.Bool(s, "raceDetection"),
            },
        };
    }

    /// <summary>Reads fields, naming the file and the field when one is missing or of the wrong type.</summary>
    internal sealed class Reader(string path)
    {
        public UsageException Error(string problem) => new($"{ErrorText.Path(path)}: {problem}");

        public JsonObject Object(JsonNode? node, string what) => node as JsonObject ?? throw Error($"{what} is not a JSON object");

        public IEnumerable<JsonNode?> Array(JsonObject o, string name) => o[name] as JsonArray ?? throw Error($"'{name}' is missing or not an array");

        public string String(JsonObject o, string name) =>
            o[name] is JsonValue v && v.TryGetValue(out string? s) ? s : throw Error($"'{name}' is missing or not a string");

        public int Int(JsonObject o, string name) =>
            o[name] is JsonValue v && v.TryGetValue(out int n) ? n : throw Error($"'{name}' is missing or not an integer");

        public long Long(JsonObject o, string name) =>
            o[name] is JsonValue v && v.TryGetValue(out long n) ? n : throw Error($"'{name}' is missing or not an integer");

        public ulong ULong(JsonObject o, string name) =>
            o[name] is JsonValue v && v.TryGetValue(out ulong n) ? n : throw Error($"'{name}' is missing or not a non-negative integer");

        public ulong Hex(JsonObject o, string name) =>
            ulong.TryParse(String(o, name), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong n) ? n : throw Error($"'{name}' is not a hexadecimal digest");

        public bool Bool(JsonObject o, string name) =>
            o[name] is JsonValue v && v.TryGetValue(out bool b) ? b : throw Error($"'{name}' is missing or not true or false");

        public BugKind Kind(JsonObject o, string name) =>
            BugKindNames.TryParse(String(o, name), out var kind) ? kind : throw Error($"'{name}' is not a bug kind");
    }
}

/// <summary>One scenario of a shard report: its identity, whether the shard explored its part completely, and the segments.</summary>
public sealed record ShardScenario(string Name, string Fingerprint, BugKind Expected, bool Complete, IReadOnlyList<Segment> Segments,
    IReadOnlyDictionary<BugKind, (string Trace, string Rendering)> Traces)
{
    internal static ShardScenario Read(ShardReport.Reader reader, JsonObject s, TestConfiguration configuration)
    {
        var segments = new List<Segment>();
        foreach (var node in reader.Array(s, "segments"))
        {
            var o = reader.Object(node, "a segment");
            var segment = new Segment(reader.Long(o, "key"), unit: configuration.Strategy.IsExhaustive())
            {
                Executions = reader.Int(o, "executions"),
                Steps = reader.Long(o, "steps"),
                BoundReached = reader.Int(o, "cutOff"),
                Redundant = reader.Int(o, "redundant"),
                Digest = reader.Hex(o, "digest"),
                Finished = reader.Bool(o, "finished"),
            };
            foreach (var (kind, count) in reader.Object(o["counts"], "counts"))
                segment.Counts[BugKindNames.TryParse(kind, out var k) ? k : throw reader.Error($"'{kind}' is not a bug kind")] = count?.GetValue<int>() ?? 0;
            foreach (var b in reader.Array(o, "bugs"))
            {
                var bug = reader.Object(b, "a bug");
                // The choices stay in the shard's trace file; merging needs only where the bug lies.
                segment.Bugs.Add(new FoundBug(new Bug(reader.Kind(bug, "kind"), reader.String(bug, "message"), reader.Int(bug, "step"), reader.Int(bug, "task")),
                    reader.Int(bug, "execution"), []));
            }
            segments.Add(segment);
        }
        var traces = new Dictionary<BugKind, (string, string)>();
        foreach (var b in reader.Array(s, "bugs"))
        {
            var bug = reader.Object(b, "a bug");
            traces[reader.Kind(bug, "kind")] = (reader.String(bug, "trace"), reader.String(bug, "rendering"));
        }
        return new ShardScenario(reader.String(s, "name"), reader.String(s, "fingerprint"), reader.Kind(s, "expected"), reader.Bool(s, "complete"), segments, traces);
    }
}
