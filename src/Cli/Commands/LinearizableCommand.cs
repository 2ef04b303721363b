using System.CommandLine;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck linearizable FILE`: checks a recorded history (from a model run or a real system) against
/// the sequential specification it names. Exit 0 when linearizable, 1 when not (the witness is printed),
/// 2 when the file cannot be read or is malformed.
/// </summary>
public static class LinearizableCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var file = new Argument<string>("history")
        {
            Description = "a JSON history: {\"spec\": \"map\"|\"register\", \"operations\": [{\"client\", \"op\", \"args\", \"call\", \"return\", \"result\"}, ...]}",
        };
        var command = new Command("linearizable", "check whether a recorded history is linearizable") { file };
        command.SetAction(parse =>
        {
            var (spec, operations) = HistoryFile.Load(parse.GetValue(file)!);
            var result = spec.Check(operations);
            console.Out.WriteLine(result.Explain(spec));
            return result.IsLinearizable ? CommandLine.Ok : CommandLine.Failed;
        });
        return command;
    }
}
