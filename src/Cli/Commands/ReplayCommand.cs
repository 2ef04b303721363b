using System.CommandLine;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck replay FILE`: runs a trace's choices again, in this process, and prints the interleaving.
/// Exit 0 when the same bug happens at the same step, 1 when the program no longer fits the trace.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var file = new Argument<string>("trace") { Description = "a *.trace.json file written by 'modelcheck test'" };
        var assembly = new Option<string?>("--assembly") { Description = "the assembly the scenario lives in (default: built-in scenarios)" };
        var command = new Command("replay", "replay a bug trace and print its interleaving") { file, assembly };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UsageException($"trace file not found: {path}");
            var trace = TraceFile.Read(path);
            var catalog = ScenarioSource.Load(parse.GetValue(assembly));
            var scenario = catalog.Find(trace.Scenario)
                ?? throw new UsageException($"{path}: the trace's scenario '{trace.Scenario}' does not exist (see 'modelcheck list')");
            var replay = Replayer.Replay(scenario, trace);
            console.Out.Write(StepTable.Render(replay));
            if (replay.Reproduced) return CommandLine.Ok;
            console.Error.WriteLine($"modelcheck: {path}: {replay.Divergence}");
            return CommandLine.Failed;
        });
        return command;
    }
}
