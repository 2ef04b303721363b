using System.CommandLine;
using ModelCheck.Engine;

namespace ModelCheck.Cli;

/// <summary>
/// The exploration options, in Coyote's vocabulary. Defaults come from coyote.json (the working
/// directory's, or --config FILE); an option given on the command line overrides the file.
/// </summary>
public sealed class ExplorationOptions
{
    readonly Option<int?> iterations = CheckedOptions.Integer("--iterations", "executions to explore per scenario", 1, "-i");
    readonly Option<string?> strategy = new("--strategy") { Description = "random, pct, dfs, dpor or portfolio (random, pct and exhaustive dfs in turn)" };
    readonly Option<int?> strategyValue = CheckedOptions.Integer("--strategy-value", "PCT depth d, or the DFS/DPOR/portfolio preemption bound", 0);
    readonly Option<string?> dpor = new("--dpor") { Description = "optimal (default: one execution per trace, wakeup trees) or source (source-DPOR) for --strategy dpor" };
    readonly Option<int?> maxSteps = CheckedOptions.Integer("--max-steps", "scheduling steps per execution", 1);
    readonly Option<bool?> failOnMaxSteps = CheckedOptions.Flag("--fail-on-max-steps", "report reaching --max-steps as a bug");
    readonly Option<string?> memory = new("--memory") { Description = "memory model: sc, tso or ra" };
    readonly Option<string?> raceDetection = CheckedOptions.TrueOrFalse("--race-detection", "report data races (true or false)");
    readonly Option<ulong?> seed = CheckedOptions.Seed("--seed", "seed of the random and pct strategies");
    readonly Option<int?> timeout = CheckedOptions.Integer("--timeout", "seconds each scenario may explore for", 1);
    readonly Option<int?> stepTimeout = CheckedOptions.Integer("--step-timeout", "seconds a task may run without reaching a scheduling point before it is reported as a hang", 1);
    readonly Option<string?> outdir = new("--outdir") { Description = "directory for trace files" };
    readonly Option<bool> allBugs = new("--all-bugs") { Description = "keep exploring after a bug and count executions per bug kind" };
    readonly Option<int?> workers = CheckedOptions.Integer("--workers", "threads exploring each scenario (default: the number of cores); the results do not depend on it", 1);
    readonly Option<string?> config = new("--config") { Description = "configuration file (default: ./coyote.json)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { iterations, strategy, strategyValue, dpor, maxSteps, failOnMaxSteps, memory, raceDetection, seed, timeout, stepTimeout, outdir, allBugs, workers, config })
            command.Options.Add(option);
    }

    public TestConfiguration Resolve(ParseResult parse)
    {
        var path = parse.GetValue(config) ?? ConfigurationFile.DefaultName;
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new ConfigurationException($"{path}: not found (run from the repository root, or give --config FILE)");
        var file = ConfigurationFile.Load(path);
        var execution = file.Execution with
        {
            MaxSteps = parse.GetValue(maxSteps) ?? file.Execution.MaxSteps,
            FailOnMaxSteps = parse.GetValue(failOnMaxSteps) ?? file.Execution.FailOnMaxSteps,
            Memory = MemoryOption(parse.GetValue(memory)) ?? file.Execution.Memory,
            RaceDetection = CheckedOptions.Value(parse, raceDetection) ?? file.Execution.RaceDetection,
        };
        var strategyKind = file.Strategy;
        if (parse.GetValue(strategy) is { } name && !StrategyKindNames.TryParse(name, out strategyKind))
            throw new UsageException($"--strategy must be one of {StrategyKindNames.Choices}, not '{name}'");
        var dporAlgorithm = file.Dpor;
        if (parse.GetValue(dpor) is { } dporName && !DporAlgorithmNames.TryParse(dporName, out dporAlgorithm))
            throw new UsageException($"--dpor must be optimal or source, not '{dporName}'");
        int? value = parse.GetValue(strategyValue) ?? file.StrategyValue;
        if (strategyKind == StrategyKind.Pct && value == 0) throw new UsageException("the PCT depth (--strategy-value) is at least 1");
        return file with
        {
            Iterations = parse.GetValue(iterations) ?? file.Iterations,
            Strategy = strategyKind,
            StrategyValue = value,
            Dpor = dporAlgorithm,
            Seed = parse.GetValue(seed) ?? file.Seed,
            TimeoutSeconds = parse.GetValue(timeout) ?? file.TimeoutSeconds,
            StepTimeoutSeconds = parse.GetValue(stepTimeout) ?? file.StepTimeoutSeconds,
            OutputDirectory = parse.GetValue(outdir) ?? file.OutputDirectory,
            AllBugs = parse.GetValue(allBugs),
            Workers = parse.GetValue(workers) ?? Environment.ProcessorCount,
            Execution = execution,
        };
    }

    /// <summary>The --memory given on the command line, or null (coyote.json's is not asked).</summary>
    public MemoryModel? MemoryGiven(ParseResult parse) => MemoryOption(parse.GetValue(memory));

    /// <summary>True when --all-bugs was given.</summary>
    public bool AllBugsGiven(ParseResult parse) => parse.GetValue(allBugs);

    /// <summary>Parses a --memory value; shared with the litmus verb.</summary>
    public static MemoryModel? MemoryOption(string? name) =>
        name is null ? null
        : MemoryModelNames.TryParse(name, out var model) ? model
        : throw new UsageException($"--memory must be one of {MemoryModelNames.Choices}, not '{name}'");
}
