using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Reports;

/// <summary>
/// `test --json FILE`: the run as JSON, the same facts as the JUnit report and more: the settings, the
/// shard, and per scenario its version (fingerprint), verdicts, executions, steps, completeness, the
/// digest of the executions explored, the bugs with their trace files (and the trace rendered as `replay`
/// prints it), and the segments the exploration
/// joined (what `merge` needs to join the reports of shards). Everything but "seconds" is a function of
/// the inputs.
/// </summary>
public static class JsonReport
{
    public const string Format = "modelcheck-report";
    public const int Version = 1;

    public static string Render(IReadOnlyList<ScenarioResult> results, TestConfiguration configuration, bool expect, TimeSpan elapsed)
    {
        var json = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["engine"] = TraceFile.EngineVersion,
            ["settings"] = Settings(configuration),
            ["shard"] = new JsonObject { ["index"] = configuration.Shard.Index, ["count"] = configuration.Shard.Count },
            ["expect"] = expect,
            ["failed"] = results.Count(r => r.Failed),
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
            ["scenarios"] = new JsonArray(results.Select(Scenario).ToArray<JsonNode?>()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>The settings that decide which executions a run explores: shards must agree on all of them.</summary>
    public static JsonObject Settings(TestConfiguration c) => new()
    {
        ["strategy"] = c.Strategy.ToName(),
        ["strategyValue"] = c.StrategyValue,
        ["seed"] = c.Seed,
        ["iterations"] = c.Iterations,
        ["maxSteps"] = c.Execution.MaxSteps,
        ["failOnMaxSteps"] = c.Execution.FailOnMaxSteps,
        ["memory"] = c.Execution.Memory.ToName(),
        ["raceDetection"] = c.Execution.RaceDetection,
        ["allBugs"] = c.AllBugs,
    };

    static JsonObject Scenario(ScenarioResult result)
    {
        var r = result.Report;
        return new JsonObject
        {
            ["name"] = r.Scenario.Name,
            ["fingerprint"] = r.Scenario.Fingerprint,
            ["expected"] = r.Scenario.ExpectedName,
            ["observed"] = result.Observed,
            ["failed"] = result.Failed,
            ["executions"] = r.Executions,
            ["steps"] = r.Steps,
            ["cutOff"] = r.BoundReached,
            ["redundant"] = r.Redundant,
            ["complete"] = r.Complete,
            ["digest"] = Hex(r.Digest),
            ["seconds"] = Math.Round(r.Elapsed.TotalSeconds, 3),
            ["counts"] = Counts(r.BugCounts),
            ["bugs"] = new JsonArray(r.Bugs.Select((b, i) => (JsonNode?)Bug(b, result.Traces[i], result.Rendering(i))).ToArray()),
            ["segments"] = new JsonArray(Coalesced(r.Segments).Select(Segment).ToArray<JsonNode?>()),
        };
    }

    // Adjacent parts are one: the report then does not depend on how many workers divided the work.
    static IEnumerable<Segment> Coalesced(IReadOnlyList<Segment> segments)
    {
        Segment? pending = null;
        foreach (var segment in segments)
        {
            if (pending is not null && pending.Finished && pending.Next == segment.Key)
            {
                pending = pending.Then(segment);
                continue;
            }
            if (pending is not null) yield return pending;
            pending = segment;
        }
        if (pending is not null) yield return pending;
    }

    static JsonObject Segment(Segment s) => new()
    {
        ["key"] = s.Key,
        ["executions"] = s.Executions,
        ["steps"] = s.Steps,
        ["cutOff"] = s.BoundReached,
        ["redundant"] = s.Redundant,
        ["digest"] = Hex(s.Digest),
        ["finished"] = s.Finished,
        ["counts"] = Counts(s.Counts),
        ["bugs"] = new JsonArray(s.Bugs.Select(b => (JsonNode?)Bug(b, null, null)).ToArray()),
    };

    static JsonObject Bug(FoundBug found, string? trace, string? rendering)
    {
        var json = new JsonObject
        {
            ["kind"] = found.Bug.Kind.ToName(),
            ["message"] = found.Bug.Message,
            ["step"] = found.Bug.Step,
            ["task"] = found.Bug.Task,
            ["execution"] = found.Iteration,
        };
        if (trace is not null) json["trace"] = trace;
        if (rendering is not null) json["rendering"] = rendering;
        return json;
    }

    static JsonObject Counts(IReadOnlyDictionary<BugKind, int> counts)
    {
        var json = new JsonObject();
        foreach (var (kind, count) in counts) json[kind.ToName()] = count;
        return json;
    }

    public static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);
}
