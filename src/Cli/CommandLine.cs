using System.CommandLine;
using ModelCheck.Cli.Commands;
using ModelCheck.Engine;
using ModelCheck.Models.Litmus;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Cli;

/// <summary>
/// The `modelcheck` command: list, test, replay, bench, linearizable. Bad input of any kind (unknown scenario,
/// invalid option or configuration, malformed trace) is one line on stderr and exit code 2.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new ConsoleOutput(output, error);
        var root = new RootCommand("ModelCheck: a deterministic concurrency model checker for map algorithms")
        {
            ListCommand.Create(console),
            TestCommand.Create(console),
            ReplayCommand.Create(console),
            BenchCommand.Create(console),
            LinearizableCommand.Create(console),
            LitmusCommand.Create(console),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // An unknown verb also leaves "Required command was not provided"; the token is the news.
            error.WriteLine(parsed.UnmatchedTokens.Count > 0
                ? $"modelcheck: unknown command or argument '{parsed.UnmatchedTokens[0]}'"
                : $"modelcheck: {parsed.Errors[0].Message}");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is UsageException or ConfigurationException or TraceFormatException or ScenarioException or HistoryFormatException or LitmusFormatException)
        {
            error.WriteLine($"modelcheck: {e.Message}");
            return BadInput;
        }
    }
}
