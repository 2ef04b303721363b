using System.Text.Json;

namespace ModelCheck.Engine;

/// <summary>
/// Reads coyote.json strictly: an unknown setting or a value of the wrong type is an error naming the
/// setting, because a silently ignored typo would change what "passes" means.
/// </summary>
public static class ConfigurationFile
{
    public const string DefaultName = "coyote.json";

    static readonly string[] Known =
        ["iterations", "strategy", "strategyValue", "maxSteps", "failOnMaxSteps", "seed", "timeout", "stepTimeout", "outdir", "memory", "raceDetection"];

    /// <summary>
    /// The keys of Coyote's rewriting configuration (Coyote 1.7.11's RewritingOptions), so that
    /// `dotnet coyote rewrite coyote.json` reads the same file. Ours ignores them; any other unknown key
    /// is still an error.
    /// </summary>
    public static readonly string[] CoyoteRewritingKeys =
    [
        "AssembliesPath", "OutputPath", "Assemblies", "IgnoredAssemblies", "DependencySearchPaths",
        "IsRewritingMemoryLocations", "IsRewritingConcurrentCollections", "IsDataRaceCheckingEnabled",
        "IsRewritingDependencies", "IsRewritingUnitTests",
    ];

    public static TestConfiguration Load(string path) =>
        Parse(InputFile.ReadText(path, message => new ConfigurationException(message)), path);

    public static TestConfiguration Parse(string text, string source)
    {
        using (var document = InputFile.ParseJson(text, source, message => new ConfigurationException(message)))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ConfigurationException($"{source}: must be a JSON object");
            var config = new TestConfiguration();
            var execution = ExecutionSettings.Default;
            foreach (var property in root.EnumerateObject())
            {
                var v = property.Value;
                switch (property.Name)
                {
                    case "iterations": config = config with { Iterations = PositiveInt(source, property) }; break;
                    case "strategy":
                        if (v.ValueKind != JsonValueKind.String || !StrategyKindNames.TryParse(v.GetString()!, out var strategy))
                            throw Invalid(source, property, $"one of {StrategyKindNames.Choices}");
                        config = config with { Strategy = strategy };
                        break;
                    case "strategyValue": config = config with { StrategyValue = NonNegativeInt(source, property) }; break;
                    case "maxSteps": execution = execution with { MaxSteps = PositiveInt(source, property) }; break;
                    case "failOnMaxSteps": execution = execution with { FailOnMaxSteps = Bool(source, property) }; break;
                    case "memory":
                        if (v.ValueKind != JsonValueKind.String || !MemoryModelNames.TryParse(v.GetString(), out var memory))
                            throw Invalid(source, property, $"one of {MemoryModelNames.Choices}");
                        execution = execution with { Memory = memory };
                        break;
                    case "raceDetection": execution = execution with { RaceDetection = Bool(source, property) }; break;
                    case "seed":
                        if (v.ValueKind != JsonValueKind.Number || !v.TryGetUInt64(out var seed))
                            throw Invalid(source, property, "a non-negative integer");
                        config = config with { Seed = seed };
                        break;
                    case "timeout": config = config with { TimeoutSeconds = PositiveInt(source, property) }; break;
                    case "stepTimeout": config = config with { StepTimeoutSeconds = PositiveInt(source, property) }; break;
                    case "outdir":
                        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
                            throw Invalid(source, property, "a directory path");
                        config = config with { OutputDirectory = v.GetString()! };
                        break;
                    case var coyoteKey when CoyoteRewritingKeys.Contains(coyoteKey):
                        break;
                    default:
                        throw new ConfigurationException(
                            $"{source}: unknown setting {ErrorText.Quote(property.Name)} (known: {string.Join(", ", Known)}, and Coyote's rewriting keys)");
                }
            }
            return config with { Execution = execution };
        }
    }

    static int PositiveInt(string source, JsonProperty p) =>
        p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out int n) && n > 0 ? n : throw Invalid(source, p, "a positive integer");

    static int NonNegativeInt(string source, JsonProperty p) =>
        p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out int n) && n >= 0 ? n : throw Invalid(source, p, "a non-negative integer");

    static bool Bool(string source, JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid(source, p, "true or false"),
    };

    static ConfigurationException Invalid(string source, JsonProperty p, string expected) =>
        new($"{source}: '{p.Name}' must be {expected}, not {InputFile.Show(p.Value)}");
}

/// <summary>The configuration file or an option value is invalid; the message names the problem.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
