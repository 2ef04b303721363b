using System.CommandLine;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck linearizable FILE`: checks a recorded history (from a model run or a real system) against
/// the sequential specification it names. Exit 0 when linearizable, 1 when not (the witness is printed),
/// 2 when the file cannot be read or is malformed, 3 when the search ran out of time or memory first.
/// </summary>
public static class LinearizableCommand
{
    /// <summary>The search's memoised configurations grow fastest; a gigabyte holds millions of them.</summary>
    const int DefaultMaxMemoryMegabytes = 1024;

    public static Command Create(ConsoleOutput console)
    {
        var file = new Argument<string>("history")
        {
            Description = "a JSON history: {\"spec\": \"map\"|\"register\", \"operations\": [{\"client\", \"op\", \"args\", \"call\", \"return\", \"result\"}, ...]}",
        };
        var timeout = CheckedOptions.Integer("--timeout", "seconds the search may take before the verdict is unknown (default: no limit)", 1);
        var maxMemory = CheckedOptions.Integer("--max-memory", $"megabytes of heap the search may grow to before the verdict is unknown (default {DefaultMaxMemoryMegabytes})", 1);
        var command = new Command("linearizable", "check whether a recorded history is linearizable") { file, timeout, maxMemory };
        command.SetAction(parse =>
        {
            var (spec, operations) = HistoryFile.Load(parse.GetValue(file)!);
            var budget = new SearchBudget
            {
                Time = parse.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                MemoryBytes = (long)(parse.GetValue(maxMemory) ?? DefaultMaxMemoryMegabytes) * 1024 * 1024,
                Stopped = () => console.Interrupt.StopRequested,
            };
            var result = spec.Check(operations, budget);
            console.Out.WriteLine(result.Explain(spec));
            return result.IsLinearizable ? CommandLine.Ok
                : result.Unknown == "interrupted" ? CommandLine.Interrupted
                : result.Unknown is not null ? CommandLine.Unknown
                : CommandLine.Failed;
        });
        return command;
    }
}
