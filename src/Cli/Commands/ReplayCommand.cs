using System.CommandLine;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck replay FILE`: runs a trace's choices again, in this process, and prints the interleaving.
/// Exit 0 when the same bug happens at the same step, 1 when the program no longer fits the trace.
/// With --minimize it first shrinks the trace (written beside it as *.min.trace.json) and prints that;
/// with --html it also draws the trace it prints as a self-contained HTML page.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var file = new Argument<string>("trace") { Description = "a *.trace.json file written by 'modelcheck test'" };
        var assembly = new Option<string?>("--assembly") { Description = "the assembly the scenario lives in (default: built-in scenarios)" };
        var minimize = new Option<bool>("--minimize") { Description = "shrink the trace (fewer preemptions, then fewer steps) and write it beside the original as *.min.trace.json" };
        var html = new Option<string?>("--html") { Description = "also write the trace as a self-contained HTML report to this file" };
        var stepTimeout = CheckedOptions.Integer("--step-timeout", "seconds a step may run before the replay reports a hang", 1);
        var command = new Command("replay", "replay a bug trace and print its interleaving") { file, assembly, minimize, html, stepTimeout };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException($"trace file not found: {ErrorText.Path(path)}");
            var htmlPath = parse.GetValue(html);
            var trace = TraceFile.Read(path);
            var assemblyPath = parse.GetValue(assembly);
            var catalog = assemblyPath is null ? ScenarioSource.WithLitmus(ScenarioSource.Load(null)) : ScenarioSource.Load(assemblyPath);
            var scenario = catalog.Find(trace.Scenario)
                ?? throw new UsageException($"{ErrorText.Path(path)}: the trace's scenario {ErrorText.Quote(trace.Scenario)} does not exist "
                    + (assemblyPath is null ? "among the built-in scenarios (a scenario of your own assembly needs --assembly My.dll)" : $"in {ErrorText.Path(assemblyPath)}"));
            if (htmlPath is not null) OutputPaths.File(htmlPath, "--html");
            if (parse.GetValue(minimize))
            {
                // Every candidate that still hangs would end the process: there is nothing to shrink with.
                if (trace.Bug.Kind == BugKind.Hang) throw new UsageException($"{ErrorText.Path(path)}: a hang's trace cannot be minimised (each replay that hangs ends the process)");
                OutputPaths.File(TraceMinimizer.MinimisedPath(path), "--minimize");
            }
            int Show(ReplayResult replay)
            {
                console.Out.Write(StepTable.Render(replay));
                if (!replay.Reproduced)
                {
                    CommandLine.Fail(console.Error, $"{path}: {replay.Divergence}");
                    return CommandLine.Failed;
                }
                if (htmlPath is not null)
                {
                    AtomicFile.Write(htmlPath, HtmlReport.Render(replay));
                    console.Out.WriteLine($"report    {htmlPath}");
                }
                return CommandLine.Ok;
            }
            // A hang (the trace's own, or a new one) never returns from the replay: the watchdog shows it and ends the process.
            ReplayResult replay;
            try
            {
                replay = Replayer.Replay(scenario, trace, hung =>
                {
                    int exit = Show(hung);
                    console.RestoreCursor();
                    Environment.Exit(exit);
                }, parse.GetValue(stepTimeout) ?? TestConfiguration.DefaultStepTimeoutSeconds);
            }
            catch (TraceFormatException e)
            {
                // What only the replay can check (a bug task the execution never had) still names the file.
                throw new TraceFormatException($"{ErrorText.Path(path)}: {e.Message}");
            }
            if (!replay.Reproduced) return Show(replay);
            if (parse.GetValue(minimize))
            {
                var (minimised, _) = new TraceOutputs(minimize: true).Process(console.Out, "", scenario, trace, path);
                console.Out.WriteLine();
                replay = Replayer.Replay(scenario, minimised);
            }
            return Show(replay);
        });
        return command;
    }
}
