using System.CommandLine;
using System.Globalization;
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
        var options = new ExplorationOptions();
        var command = new Command("test", "explore scenarios and report the bugs found") { arguments, expect, minimize, html, noProgress, coverage };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            bool withCoverage = parse.GetValue(coverage);
            var configuration = options.Resolve(parse) with { Coverage = withCoverage };
            var (assembly, patterns) = ScenarioSource.SplitArguments(parse.GetValue(arguments) ?? []);
            var scenarios = ScenarioSource.Select(ScenarioSource.Load(assembly), patterns);
            var htmlDirectory = parse.GetValue(html);
            OutputPaths.Directory(configuration.OutputDirectory, "--outdir");
            if (htmlDirectory is not null) OutputPaths.Directory(htmlDirectory, "--html");
            var run = new Run(console, configuration, new ProgressDisplay(console, parse.GetValue(noProgress)), new TraceOutputs(parse.GetValue(minimize)), htmlDirectory);
            var reports = new List<ExplorationReport>();
            int exit = parse.GetValue(expect) ? RunExpect(run, scenarios, reports) : RunReport(run, scenarios, reports);
            if (withCoverage && !CoverageReport.Print(console.Out, CoverageCatalog.Discover(ScenarioSource.LoadAssembly(assembly)), reports))
                exit = CommandLine.Failed;
            return exit;
        });
        return command;
    }

    sealed record Run(ConsoleOutput Console, TestConfiguration Configuration, ProgressDisplay Progress, TraceOutputs Outputs, string? HtmlDirectory);

    static int RunReport(Run run, IReadOnlyList<Scenario> scenarios, List<ExplorationReport> reports)
    {
        var (console, configuration) = (run.Console, run.Configuration);
        bool anyBug = false;
        foreach (var scenario in scenarios)
        {
            var report = run.Progress.Explore(scenario, configuration);
            reports.Add(report);
            anyBug |= report.Bugs.Count > 0;
            var o = console.Out;
            o.WriteLine($"{scenario.Name}  ({Describe(configuration)}{Describe(scenario.SettingsFor(configuration.Execution))})");
            foreach (var found in report.Bugs)
            {
                o.WriteLine($"  bug       {found.Bug.Kind.ToName()} at step {found.Bug.Step} of execution {found.Iteration}: {found.Bug.Message}");
                var path = WriteTrace(report, found);
                o.WriteLine($"  trace     {path}");
                Outputs(run, o, report, found, path);
            }
            if (configuration.AllBugs && report.BugCounts.Count > 0)
                o.WriteLine("  counts    " + string.Join(", ", report.BugCounts.Select(c => $"{c.Key.ToName()} {c.Value}")));
            o.WriteLine($"  explored  {report.Executions} executions, {report.Steps} steps{Completion(report)}");
            if (report.Bugs.Count == 0) o.WriteLine("  verdict   no bug found");
            console.Timing.WriteLine(
                $"  timing    {scenario.Name}: {Seconds(report.Elapsed)}, {report.ExecutionsPerSecond:F0} executions/s, {report.StepsPerSecond:F0} steps/s");
        }
        return anyBug ? CommandLine.Failed : CommandLine.Ok;
    }

    static int RunExpect(Run run, IReadOnlyList<Scenario> scenarios, List<ExplorationReport> reports)
    {
        var (console, configuration) = (run.Console, run.Configuration);
        int width = Math.Max("scenario".Length, scenarios.Max(s => s.Name.Length));
        var o = console.Out;
        o.WriteLine($"{"scenario".PadRight(width)}  {"expected",-16}  {"observed",-16}  {"executions",10}  {"cut off",7}  complete{(console.ShowTiming ? "  time" : "")}");
        int mismatches = 0;
        foreach (var scenario in scenarios)
        {
            var report = run.Progress.Explore(scenario, configuration);
            reports.Add(report);
            // The table stays one line per scenario; what minimisation and reports print goes to stderr.
            foreach (var found in report.Bugs) Outputs(run, console.Error, report, found, WriteTrace(report, found));
            bool ok = report.MatchesExpectation;
            if (!ok) mismatches++;
            // Cut-off executions a passing scenario tolerates are marked, so the table says they were allowed.
            var cutOff = report.BoundReached == 0 ? "0" : report.BoundReached + (scenario.ToleratesCutOff is not null ? "*" : "");
            var line = $"{scenario.Name.PadRight(width)}  {scenario.ExpectedName,-16}  {Observed(report),-16}  {report.Executions,10}  {cutOff,7}  {(report.Complete ? "yes" : "no"),-8}";
            if (console.ShowTiming) line += $"  {Seconds(report.Elapsed)}";
            o.WriteLine((line + (ok ? "" : Mismatch(report))).TrimEnd());
            if (!console.ShowTiming) console.Error.WriteLine($"timing {scenario.Name} {Seconds(report.Elapsed)}");
        }
        o.WriteLine($"{scenarios.Count} scenarios: {scenarios.Count - mismatches} as expected, {mismatches} not");
        return mismatches == 0 ? CommandLine.Ok : CommandLine.Failed;
    }

    static void Outputs(Run run, TextWriter o, ExplorationReport report, FoundBug found, string path)
    {
        var (trace, tracePath) = run.Outputs.Process(o, "  ", report.Scenario, TraceFile.From(report, found), path);
        if (run.HtmlDirectory is { } directory)
            TraceOutputs.WriteHtml(o, "  ", report.Scenario, trace, Path.Combine(directory, Path.GetFileName(tracePath).Replace(".trace.json", ".html")));
    }

    static string Mismatch(ExplorationReport report) =>
        report.Observed == BugKind.None && report.Scenario.Expected == BugKind.None
            ? "  MISMATCH: executions cut off at the step bound, and the scenario does not say why it tolerates them"
            : "  MISMATCH";

    static string Observed(ExplorationReport report) =>
        report.Scenario.Expected != BugKind.None && report.BugCounts.ContainsKey(report.Scenario.Expected)
            ? report.Scenario.ExpectedName
            : report.Observed.ToName();

    static string WriteTrace(ExplorationReport report, FoundBug found)
    {
        var name = report.Scenario.Name.Replace('/', '_');
        if (report.Configuration.AllBugs) name += "." + found.Bug.Kind.ToName();
        var path = Path.Combine(report.Configuration.OutputDirectory, name + ".trace.json");
        TraceFile.From(report, found).Write(path);
        return path;
    }

    static string Describe(TestConfiguration c) =>
        $"{c.Strategy.ToName()}{(c.StrategyValue is { } v ? " " + v : "")}, seed {c.Seed}, {c.Iterations} iterations, max {c.Execution.MaxSteps} steps";

    // Only what differs from the defaults, so the common line stays short.
    static string Describe(ExecutionSettings s) =>
        (s.Memory == MemoryModel.Sc ? "" : $", memory {s.Memory.ToName()}") + (s.RaceDetection ? "" : ", race detection off");

    static string Completion(ExplorationReport report) =>
        report.Complete ? ", complete: the whole space was explored"
        : report.BoundReached > 0 ? $", {report.BoundReached} cut off at the step bound" : "";

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + "s";
}
