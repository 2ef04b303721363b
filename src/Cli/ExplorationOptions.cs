using System.CommandLine;
using ModelCheck.Engine;

namespace ModelCheck.Cli;

/// <summary>
/// The exploration options, in Coyote's vocabulary. Defaults come from coyote.json (the working
/// directory's, or --config FILE); an option given on the command line overrides the file.
/// </summary>
public sealed class ExplorationOptions
{
    readonly Option<int?> iterations = new("--iterations", "-i") { Description = "executions to explore per scenario" };
    readonly Option<string?> strategy = new("--strategy") { Description = "random, pct or dfs" };
    readonly Option<int?> strategyValue = new("--strategy-value") { Description = "PCT depth d, or DFS preemption bound" };
    readonly Option<int?> maxSteps = new("--max-steps") { Description = "scheduling steps per execution" };
    readonly Option<bool?> failOnMaxSteps = new("--fail-on-max-steps") { Description = "report reaching --max-steps as a bug" };
    readonly Option<string?> memory = new("--memory") { Description = "memory model: sc, tso or ra" };
    readonly Option<bool?> raceDetection = new("--race-detection") { Description = "report data races (true or false)" };
    readonly Option<ulong?> seed = new("--seed") { Description = "seed of the random and pct strategies" };
    readonly Option<int?> timeout = new("--timeout") { Description = "seconds each scenario may explore for" };
    readonly Option<string?> outdir = new("--outdir") { Description = "directory for trace files" };
    readonly Option<bool> allBugs = new("--all-bugs") { Description = "keep exploring after a bug and count executions per bug kind" };
    readonly Option<string?> config = new("--config") { Description = "configuration file (default: ./coyote.json)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { iterations, strategy, strategyValue, maxSteps, failOnMaxSteps, memory, raceDetection, seed, timeout, outdir, allBugs, config })
            command.Options.Add(option);
    }

    public TestConfiguration Resolve(ParseResult parse)
    {
        var path = parse.GetValue(config) ?? ConfigurationFile.DefaultName;
        if (!File.Exists(path))
            throw new ConfigurationException($"{path}: not found (run from the repository root, or give --config FILE)");
        var file = ConfigurationFile.Load(path);
        var execution = file.Execution with
        {
            MaxSteps = Positive(parse.GetValue(maxSteps), "--max-steps") ?? file.Execution.MaxSteps,
            FailOnMaxSteps = parse.GetValue(failOnMaxSteps) ?? file.Execution.FailOnMaxSteps,
            Memory = MemoryOption(parse.GetValue(memory)) ?? file.Execution.Memory,
            RaceDetection = parse.GetValue(raceDetection) ?? file.Execution.RaceDetection,
        };
        var strategyKind = file.Strategy;
        if (parse.GetValue(strategy) is { } name && !StrategyKindNames.TryParse(name, out strategyKind))
            throw new UsageException($"--strategy must be one of random, pct, dfs, not '{name}'");
        int? value = parse.GetValue(strategyValue) is { } v
            ? (v >= 0 ? v : throw new UsageException($"--strategy-value must be non-negative, not {v}"))
            : file.StrategyValue;
        if (strategyKind == StrategyKind.Pct && value == 0) throw new UsageException("the PCT depth (--strategy-value) is at least 1");
        return file with
        {
            Iterations = Positive(parse.GetValue(iterations), "--iterations") ?? file.Iterations,
            Strategy = strategyKind,
            StrategyValue = value,
            Seed = parse.GetValue(seed) ?? file.Seed,
            TimeoutSeconds = Positive(parse.GetValue(timeout), "--timeout") ?? file.TimeoutSeconds,
            OutputDirectory = parse.GetValue(outdir) ?? file.OutputDirectory,
            AllBugs = parse.GetValue(allBugs),
            Execution = execution,
        };
    }

    /// <summary>Parses a --memory value; shared with the litmus verb.</summary>
    public static MemoryModel? MemoryOption(string? name) =>
        name is null ? null
        : MemoryModelNames.TryParse(name, out var model) ? model
        : throw new UsageException($"--memory must be one of {MemoryModelNames.Choices}, not '{name}'");

    static int? Positive(int? value, string name) =>
        value is null or > 0 ? value : throw new UsageException($"{name} must be a positive integer, not {value}");
}
