using System.CommandLine;
using System.Globalization;
using ModelCheck.Cli.Reports;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck test [ASSEMBLY.dll] [PATTERN...]`: explores each matching scenario, writes a trace
/// for every bug found, and with --expect compares each verdict with the scenario's contract.
/// </summary>
public static class TestCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var arguments = new Argument<string[]>("scenarios") { Arity = ArgumentArity.ZeroOrMore, Description = "[ASSEMBLY.dll] then scenario names or globs (default: all)" };
        var expect = new Option<bool>("--expect") { Description = "exit 0 only when every verdict matches the scenario's expected verdict" };
        var minimize = new Option<bool>("--minimize") { Description = "shrink each bug's trace and write it beside it as *.min.trace.json" };
        var html = new Option<string?>("--html") { Description = "write an HTML report of each bug into this directory" };
        var noProgress = new Option<bool>("--no-progress") { Description = "no progress bar, even on a terminal" };
        var coverage = new Option<bool>("--coverage") { Description = "report which coverage labels of each model the scenarios reached; fail if one that must be reached was not" };
        var junit = new Option<string?>("--junit") { Description = "write the results as JUnit XML to this file" };
        var json = new Option<string?>("--json") { Description = "write the results as JSON to this file (with --shard: the shard's report for `merge`)" };
        var shard = new Option<string?>("--shard") { Description = "explore part K of N of each scenario's space (K/N); the report goes to --json (default: OUTDIR/shard-K-of-N.json)" };
        var diagnostics = new Option<bool>("--diagnostics") { Description = "with the timing, print each worker's executions, parts and processor time, and the run's garbage collections, allocation and lock contention" };
        var options = new ExplorationOptions();
        var command = new Command("test", "explore scenarios and report the bugs found") { arguments, expect, minimize, html, noProgress, coverage, junit, json, shard, diagnostics };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            bool withCoverage = parse.GetValue(coverage);
            var part = ShardOption(parse.GetValue(shard));
            var configuration = options.Resolve(parse) with { Coverage = withCoverage, Shard = part };
            var jsonPath = parse.GetValue(json) ?? (part.IsWhole ? null : Path.Combine(configuration.OutputDirectory, $"shard-{part.Index}-of-{part.Count}.json"));
            var junitPath = parse.GetValue(junit);
            if (jsonPath is not null) OutputPaths.File(jsonPath, "--json");
            if (junitPath is not null) OutputPaths.File(junitPath, "--junit");
            var (assembly, patterns) = ScenarioSource.SplitArguments(parse.GetValue(arguments) ?? []);
            var scenarios = ScenarioSource.Select(ScenarioSource.Load(assembly), patterns);
            var htmlDirectory = parse.GetValue(html);
            OutputPaths.Directory(configuration.OutputDirectory, "--outdir");
            if (htmlDirectory is not null) OutputPaths.Directory(htmlDirectory, "--html");
            var run = new Run(console, configuration, new ProgressDisplay(console, parse.GetValue(noProgress)), new TraceOutputs(parse.GetValue(minimize)), htmlDirectory, parse.GetValue(diagnostics));
            var results = new List<ScenarioResult>();
            bool expecting = parse.GetValue(expect);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int exit = expecting ? RunExpect(run, scenarios, results) : RunReport(run, scenarios, results);
            var reports = results.Select(r => r.Report).ToList();
            if (withCoverage && !CoverageReport.Print(console.Out, CoverageCatalog.Discover(ScenarioSource.LoadAssembly(assembly)), reports))
                exit = CommandLine.Failed;
            if (jsonPath is not null) AtomicFile.Write(jsonPath, JsonReport.Render(results, configuration, expecting, clock.Elapsed));
            if (junitPath is not null) AtomicFile.Write(junitPath, JUnitReport.Render(results, clock.Elapsed));
            return exit;
        });
        return command;
    }

    sealed record Run(ConsoleOutput Console, TestConfiguration Configuration, ProgressDisplay Progress, TraceOutputs Outputs, string? HtmlDirectory, bool Diagnostics);

    static Shard ShardOption(string? text) =>
        text is null ? Shard.Whole
        : Shard.Parse(text) ?? throw new UsageException($"--shard must be K/N with 1 <= K <= N, not '{text}'");

    static int RunReport(Run run, IReadOnlyList<Scenario> scenarios, List<ScenarioResult> results)
    {
        var (console, configuration) = (run.Console, run.Configuration);
        var o = console.Out;
        bool anyBug = false;
        foreach (var scenario in scenarios)
        {
            var header = $"{scenario.Name}  ({Describe(configuration, scenario)}{Describe(scenario.SettingsFor(configuration.Execution), configuration.Execution)})";
            var report = run.Progress.Explore(scenario, configuration, Control(run, scenario, (hang, path) =>
            {
                o.WriteLine(header);
                o.WriteLine($"  bug       {BugLine(hang.Bug, hang.Iteration)}");
                o.WriteLine($"  trace     {path}");
                o.WriteLine("  explored  the hang ends the run");
                return CommandLine.Failed;
            }));
            var traces = new List<string>();
            results.Add(new ScenarioResult(report, traces, Expect: false));
            anyBug |= report.Bugs.Count > 0;
            o.WriteLine(header);
            foreach (var found in report.Bugs)
            {
                o.WriteLine($"  bug       {BugLine(found.Bug, found.Iteration)}");
                var path = WriteTrace(report.Scenario, report.Configuration, found);
                traces.Add(path);
                o.WriteLine($"  trace     {path}");
                Outputs(run, o, report, found, path);
            }
            if (configuration.AllBugs && report.BugCounts.Count > 0)
                o.WriteLine("  counts    " + string.Join(", ", report.BugCounts.Select(c => $"{c.Key.ToName()} {c.Value}")));
            o.WriteLine($"  explored  {report.Executions} executions{Redundant(report)}, {report.Steps} steps{Completion(report)}");
            if (Interrupted(report))
            {
                o.WriteLine("  interrupted by Ctrl-C: the figures above cover the executions so far");
                return CommandLine.Interrupted;
            }
            if (report.Bugs.Count == 0) o.WriteLine("  verdict   no bug found");
            console.Timing.WriteLine(
                $"  timing    {scenario.Name}: {Seconds(report.Elapsed)}, {report.ExecutionsPerSecond:F0} executions/s, {report.StepsPerSecond:F0} steps/s");
            if (run.Diagnostics && report.Diagnostics is { } figures) DiagnosticsLines.Write(console.Timing, figures, report.Executions);
        }
        return anyBug ? CommandLine.Failed : CommandLine.Ok;
    }

    static int RunExpect(Run run, IReadOnlyList<Scenario> scenarios, List<ScenarioResult> results)
    {
        var (console, configuration) = (run.Console, run.Configuration);
        int width = Math.Max("scenario".Length, scenarios.Max(s => s.Name.Length));
        int expectedWidth = Math.Max(16, scenarios.Max(s => s.ExpectedName.Length));
        var o = console.Out;
        o.WriteLine($"{"scenario".PadRight(width)}  {"expected".PadRight(expectedWidth)}  {"observed",-16}  {"executions",10}  {"cut off",7}  {"exploration",-31}{(console.ShowTiming ? "  time" : "")}".TrimEnd());
        int mismatches = 0, explored = 0;
        foreach (var scenario in scenarios)
        {
            var report = run.Progress.Explore(scenario, configuration, Control(run, scenario, (hang, path) =>
            {
                console.Error.WriteLine($"  trace     {path}");
                bool expected = scenario.Expected == BugKind.Hang;
                o.WriteLine($"{scenario.Name.PadRight(width)}  {scenario.ExpectedName.PadRight(expectedWidth)}  {"hang",-16}  {hang.Iteration,10}  {"-",7}  no{(expected ? "" : "  MISMATCH")}");
                int left = scenarios.Count - explored - 1;
                o.WriteLine($"{explored + 1} of {scenarios.Count} scenarios: {explored + 1 - mismatches - (expected ? 0 : 1)} as expected, {mismatches + (expected ? 0 : 1)} not; "
                    + $"the hang ends the run{(left > 0 ? $", {left} not explored" : "")}");
                return expected && left == 0 && mismatches == 0 ? CommandLine.Ok : CommandLine.Failed;
            }));
            if (Interrupted(report))
            {
                o.WriteLine($"{scenario.Name.PadRight(width)}  {scenario.ExpectedName.PadRight(expectedWidth)}  {"interrupted",-16}  {report.Executions,10}");
                o.WriteLine($"{explored} of {scenarios.Count} scenarios: {explored - mismatches} as expected, {mismatches} not; interrupted by Ctrl-C");
                return CommandLine.Interrupted;
            }
            explored++;
            var traces = report.Bugs.Select(found => WriteTrace(report.Scenario, report.Configuration, found)).ToList();
            results.Add(new ScenarioResult(report, traces, Expect: true));
            // The table stays one line per scenario; what minimisation and reports print goes to stderr.
            foreach (var (found, path) in report.Bugs.Zip(traces)) Outputs(run, console.Error, report, found, path);
            bool ok = report.MatchesExpectation;
            if (!ok) mismatches++;
            // Cut-off executions a passing scenario tolerates are marked, so the table says they were allowed.
            var cutOff = report.BoundReached == 0 ? "0" : report.BoundReached + (scenario.ToleratesCutOff is not null ? "*" : "");
            var line = $"{scenario.Name.PadRight(width)}  {scenario.ExpectedName.PadRight(expectedWidth)}  {results[^1].Observed,-16}  {report.Executions,10}  {cutOff,7}  {report.Completeness,-31}";
            if (console.ShowTiming) line += $"  {Seconds(report.Elapsed)}";
            o.WriteLine((line + (ok ? "" : Mismatch(report))).TrimEnd());
            if (!console.ShowTiming) console.Error.WriteLine($"timing {scenario.Name} {Seconds(report.Elapsed)}");
        }
        o.WriteLine($"{scenarios.Count} scenarios: {scenarios.Count - mismatches} as expected, {mismatches} not");
        return mismatches == 0 ? CommandLine.Ok : CommandLine.Failed;
    }

    static bool Interrupted(ExplorationReport report) => report.StopReason == "interrupted";

    static string BugLine(Bug bug, int iteration) => $"{bug.Kind.ToName()} at step {bug.Step} of execution {iteration}: {bug.Message}";

    /// <summary>
    /// The control of one scenario's exploration: Ctrl-C stops it, and a hang, reported on the watchdog's
    /// thread while the scenario's thread is stuck for good, writes the trace so far, lets
    /// <paramref name="report"/> print what the command prints for it, and ends the process with its exit code.
    /// </summary>
    static ExplorationControl Control(Run run, Scenario scenario, Func<Hang, string, int> report) => new(run.Console.Interrupt)
    {
        OnHang = hang =>
        {
            var path = WriteTrace(scenario, run.Configuration, new FoundBug(hang.Bug, hang.Iteration, [.. hang.Choices]));
            int exit = report(hang, path);
            run.Console.RestoreCursor();
            Environment.Exit(exit);
        },
    };

    static void Outputs(Run run, TextWriter o, ExplorationReport report, FoundBug found, string path)
    {
        var (trace, tracePath) = run.Outputs.Process(o, "  ", report.Scenario, TraceFile.From(report, found), path);
        if (run.HtmlDirectory is { } directory)
            TraceOutputs.WriteHtml(o, "  ", report.Scenario, trace, Path.Combine(directory, Path.GetFileName(tracePath).Replace(".trace.json", ".html")));
    }

    static string Mismatch(ExplorationReport report) =>
        report.Observed != BugKind.None || report.Scenario.Expected != BugKind.None ? "  MISMATCH"
        : report.BoundReached > 0 && report.Scenario.ToleratesCutOff is null
            ? "  MISMATCH: executions cut off at the step bound, and the scenario does not say why it tolerates them"
            : "  MISMATCH: not explored completely";


    static string WriteTrace(Scenario scenario, TestConfiguration configuration, FoundBug found)
    {
        var name = scenario.Name.Replace('/', '_');
        if (configuration.AllBugs) name += "." + found.Bug.Kind.ToName();
        var path = Path.Combine(configuration.OutputDirectory, name + ".trace.json");
        TraceFile.From(scenario, configuration, found).Write(path);
        return path;
    }

    static string Describe(TestConfiguration c, Scenario scenario) =>
        $"{c.StrategyFor(scenario).ToName()}{(c.StrategyValueFor(scenario) is { } v ? " " + v : "")}, seed {c.Seed}, {c.Iterations} iterations, max {c.Execution.MaxSteps} steps";

    // Only what differs from the defaults, so the common line stays short; but where a scenario pins its memory
    // model over a weaker one asked for (--memory or coyote.json), the line says so, or a user who asked for
    // tso would read an sc pass as a tso one.
    static string Describe(ExecutionSettings s, ExecutionSettings asked) =>
        (s.Memory == MemoryModel.Sc && asked.Memory == MemoryModel.Sc ? ""
            : s.Memory == asked.Memory || asked.Memory == MemoryModel.Sc ? $", memory {s.Memory.ToName()}"
            : $", memory {s.Memory.ToName()} (the scenario pins it; {asked.Memory.ToName()} was asked for)")
        + (s.RaceDetection ? "" : ", race detection off");

    internal static string Redundant(ExplorationReport report) =>
        report.Redundant > 0 ? $" ({report.Redundant} stopped as redundant: sleep-set blocked)" : "";

    static string Completion(ExplorationReport report) =>
        report.Complete
            ? report.CompleteWithin is not null ? ", " + report.Completeness
            : report.Configuration.Strategy is StrategyKind.Dpor && report.Configuration.StrategyValue is { } bound
                ? $", complete within {bound} preemption{(bound == 1 ? "" : "s")}"
                : ", complete: the whole space was explored"
        : report.BoundReached > 0 ? $", {report.BoundReached} cut off at the step bound" : "";

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + "s";
}
