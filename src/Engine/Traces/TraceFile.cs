using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelCheck.Engine;

/// <summary>Where a trace came from: the strategy, its value and seed, and the execution that failed.</summary>
public sealed record TraceOrigin(string Strategy, int? StrategyValue, ulong Seed, int Iteration);

/// <summary>
/// A bug trace: versioned JSON holding the scenario, the settings replay needs, its origin, the ordered
/// choices and the bug they end in. Written atomically (temporary file, then rename).
/// </summary>
public sealed record TraceFile(string Scenario, ExecutionSettings Settings, TraceOrigin Origin, IReadOnlyList<Choice> Choices, Bug Bug)
{
    public const string Format = "modelcheck-trace";
    public const int Version = 1;

    public static string EngineVersion { get; } =
        typeof(TraceFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    public static TraceFile From(ExplorationReport report, FoundBug found) => From(report.Scenario, report.Configuration, found);

    /// <summary>The trace of <paramref name="found"/>, also before the exploration has a report (a hang ends it first).</summary>
    public static TraceFile From(Scenario scenario, TestConfiguration configuration, FoundBug found) => new(
        scenario.Name,
        scenario.SettingsFor(configuration.Execution),
        new TraceOrigin((found.Origin?.Kind ?? configuration.Strategy).ToName(), found.Origin is { } origin ? origin.Value : configuration.StrategyValue, configuration.Seed, found.Iteration),
        found.Choices,
        found.Bug);

    public string ToJson()
    {
        var json = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["engine"] = EngineVersion,
            ["scenario"] = Scenario,
            ["settings"] = new JsonObject
            {
                ["maxSteps"] = Settings.MaxSteps,
                ["failOnMaxSteps"] = Settings.FailOnMaxSteps,
                ["memory"] = Settings.Memory.ToName(),
                ["raceDetection"] = Settings.RaceDetection,
            },
            ["origin"] = new JsonObject
            {
                ["strategy"] = Origin.Strategy,
                ["strategyValue"] = Origin.StrategyValue,
                ["seed"] = Origin.Seed,
                ["iteration"] = Origin.Iteration,
            },
            ["bug"] = new JsonObject
            {
                ["kind"] = Bug.Kind.ToName(),
                ["message"] = Bug.Message,
                ["step"] = Bug.Step,
                ["task"] = Bug.Task,
            },
            ["choices"] = new JsonArray(Choices.Select(c => (JsonNode)JsonValue.Create(c.ToString())).ToArray()),
        };
        if (Settings.Orders is SiteWeakening weakening) json["settings"]!["weakened"] = WeakeningJson(weakening);
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Writes the trace to <paramref name="path"/> through a temporary file, so no reader ever sees half a trace.</summary>
    public void Write(string path) => AtomicFile.Write(path, ToJson());

    public static TraceFile Read(string path) =>
        Parse(InputFile.ReadText(path, message => new TraceFormatException(message)), path);

    public static TraceFile Parse(string text, string source)
    {
        using var document = InputFile.ParseJson(text, source, message => new TraceFormatException(message));
        source = ErrorText.Path(source);
        if (document.RootElement.ValueKind != JsonValueKind.Object || JsonObject.Create(document.RootElement) is not { } obj
            || Optional<string>(obj, "format") != Format)
            throw new TraceFormatException($"{source}: not a ModelCheck trace (no \"format\": \"{Format}\")");
        int version = Required<int>(obj, "version", source);
        if (version != Version)
            throw new TraceFormatException($"{source}: trace format version {version} is not supported (this engine reads version {Version})");
        var settings = RequiredObject(obj, "settings", source);
        var origin = RequiredObject(obj, "origin", source);
        var bug = RequiredObject(obj, "bug", source);
        if (!BugKindNames.TryParse(Required<string>(bug, "kind", source), out var kind) || kind == BugKind.None)
            throw new TraceFormatException($"{source}: unknown bug kind {ErrorText.Quote(Required<string>(bug, "kind", source))}");
        if (obj["choices"] is not JsonArray array)
            throw new TraceFormatException($"{source}: missing or malformed 'choices'");
        var choices = new List<Choice>(array.Count);
        foreach (var node in array)
        {
            // Counted from 1, as replay's divergence messages count them.
            if (node?.GetValueKind() != JsonValueKind.String || !Choice.TryParse(node.GetValue<string>(), out var choice))
                throw new TraceFormatException($"{source}: choice {choices.Count + 1} is malformed ({Show(node)})");
            choices.Add(choice);
        }
        return new TraceFile(
            Required<string>(obj, "scenario", source),
            ReadSettings(settings, source),
            new TraceOrigin(
                Required<string>(origin, "strategy", source),
                Optional<int?>(origin, "strategyValue"),
                Required<ulong>(origin, "seed", source),
                AtLeast(Required<int>(origin, "iteration", source), 1, "origin.iteration", source)),
            choices,
            new Bug(kind, Required<string>(bug, "message", source),
                AtLeast(Required<int>(bug, "step", source), 0, "bug.step", source),
                AtLeast(Required<int>(bug, "task", source), -1, "bug.task", source)));
    }

    static int AtLeast(int value, int least, string name, string source) =>
        value >= least ? value : throw new TraceFormatException($"{source}: '{name}' must be at least {least}, not {value}");

    static string Show(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => ErrorText.Shorten(node.ToJsonString(), 40),
    };

    // "memory" and "raceDetection" came after the first traces were written. A trace without them was
    // recorded by an engine that had sequential consistency only and no race detector, so it replays so.
    static ExecutionSettings ReadSettings(JsonObject settings, string source)
    {
        var memory = MemoryModel.Sc;
        if (settings["memory"] is not null && !MemoryModelNames.TryParse(Optional<string>(settings, "memory"), out memory))
            throw new TraceFormatException($"{source}: 'memory' must be {MemoryModelNames.Choices}, not {Show(settings["memory"])}");
        return new ExecutionSettings
        {
            MaxSteps = AtLeast(Required<int>(settings, "maxSteps", source), 1, "settings.maxSteps", source),
            FailOnMaxSteps = Required<bool>(settings, "failOnMaxSteps", source),
            Memory = memory,
            RaceDetection = settings["raceDetection"] is null ? false : Required<bool>(settings, "raceDetection", source),
            Orders = settings["weakened"] is null ? null : ReadWeakening(settings["weakened"] as JsonObject
                ?? throw new TraceFormatException($"{source}: missing or malformed 'weakened'"), source),
        };
    }

    // A trace `modelcheck orders` found runs one site with a weaker order than the model declares.
    static JsonObject WeakeningJson(SiteWeakening weakening) => new()
    {
        ["file"] = weakening.Site.File,
        ["line"] = weakening.Site.Line,
        ["member"] = weakening.Site.Member,
        ["operation"] = weakening.Site.Kind.ToName(),
        ["declared"] = weakening.Site.Declared.ToName(),
        ["order"] = weakening.Order.ToName(),
    };

    static SiteWeakening ReadWeakening(JsonObject weakened, string source)
    {
        var operation = Required<string>(weakened, "operation", source);
        var kind = Enum.GetValues<OpKind>().Where(k => k is >= OpKind.Load and <= OpKind.Fence).FirstOrDefault(k => k.ToName() == operation);
        if (kind == default) throw new TraceFormatException($"{source}: 'weakened.operation' must be an atomic access or fence, not {ErrorText.Quote(operation)}");
        var site = new AccessSite(Required<string>(weakened, "file", source), AtLeast(Required<int>(weakened, "line", source), 0, "weakened.line", source),
            Required<string>(weakened, "member", source), kind, Order(weakened, "declared", source));
        return new SiteWeakening(site, Order(weakened, "order", source));
    }

    static MemoryOrder Order(JsonObject obj, string name, string source)
    {
        var text = Required<string>(obj, name, source);
        return Enum.GetValues<MemoryOrder>().Where(o => o.ToName() == text).Cast<MemoryOrder?>().FirstOrDefault()
            ?? throw new TraceFormatException($"{source}: 'weakened.{name}' is not a memory order: {ErrorText.Quote(text)}");
    }

    static JsonObject RequiredObject(JsonObject obj, string name, string source) =>
        obj[name] as JsonObject ?? throw new TraceFormatException($"{source}: missing or malformed '{name}'");

    static T Required<T>(JsonObject obj, string name, string source)
    {
        try
        {
            if (obj[name] is JsonValue value) return value.GetValue<T>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
        }
        throw new TraceFormatException($"{source}: missing or malformed '{name}'");
    }

    static T? Optional<T>(JsonObject obj, string name)
    {
        try
        {
            return obj[name] is JsonValue value ? value.GetValue<T>() : default;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return default;
        }
    }
}

/// <summary>A trace file is missing, malformed, truncated, foreign or of another format version.</summary>
public sealed class TraceFormatException(string message) : Exception(message);
