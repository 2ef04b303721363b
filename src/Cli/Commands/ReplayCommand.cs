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
        var command = new Command("replay", "replay a bug trace and print its interleaving") { file, assembly, minimize, html };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UsageException($"trace file not found: {path}");
            var htmlPath = parse.GetValue(html);
            if (htmlPath is not null && string.IsNullOrWhiteSpace(htmlPath)) throw new UsageException("--html needs a file name");
            var trace = TraceFile.Read(path);
            var catalog = ScenarioSource.Load(parse.GetValue(assembly));
            var scenario = catalog.Find(trace.Scenario)
                ?? throw new UsageException($"{path}: the trace's scenario '{trace.Scenario}' does not exist (see 'modelcheck list')");
            var replay = Replayer.Replay(scenario, trace);
            if (!replay.Reproduced)
            {
                console.Out.Write(StepTable.Render(replay));
                console.Error.WriteLine($"modelcheck: {path}: {replay.Divergence}");
                return CommandLine.Failed;
            }
            if (parse.GetValue(minimize))
            {
                var (minimised, _) = new TraceOutputs(minimize: true).Process(console.Out, "", scenario, trace, path);
                console.Out.WriteLine();
                replay = Replayer.Replay(scenario, minimised);
            }
            console.Out.Write(StepTable.Render(replay));
            if (htmlPath is not null)
            {
                AtomicFile.Write(htmlPath, HtmlReport.Render(replay));
                console.Out.WriteLine($"report    {htmlPath}");
            }
            return CommandLine.Ok;
        });
        return command;
    }
}
