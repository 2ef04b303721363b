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
    /// <summary>A search that ran out of budget (time or memory) without a verdict.</summary>
    public const int Unknown = 3;
    /// <summary>Ctrl-C: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;

    static RootCommand Root(ConsoleOutput console) => new("ModelCheck: a deterministic concurrency model checker for map algorithms")
    {
        ListCommand.Create(console),
        TestCommand.Create(console),
        ReplayCommand.Create(console),
        BenchCommand.Create(console),
        LinearizableCommand.Create(console),
        LitmusCommand.Create(console),
        MergeCommand.Create(console),
        GalleryCommand.Create(console),
        OrdersCommand.Create(console),
    };

    /// <summary>Parses a command line without running it: what the deploy examples' command lines are checked with.</summary>
    public static ParseResult Parse(string[] args) => Root(new ConsoleOutput(TextWriter.Null, TextWriter.Null)).Parse(args);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new ConsoleOutput(output, error);
        var parsed = Root(console).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // An unknown verb also leaves "Required command was not provided"; the token is the news.
            // An option value rejected by its own check says so in our words, and that comes first.
            var own = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("--", StringComparison.Ordinal));
            Fail(error, own is not null ? own.Message
                : parsed.UnmatchedTokens.Count > 0 ? $"unknown command or argument {ErrorText.Quote(parsed.UnmatchedTokens[0])}"
                : parsed.Errors[0].Message);
            return BadInput;
        }
        // Ctrl-C ends the exploration at its next scheduling point, and the command prints what it has;
        // a second Ctrl-C is not caught, for a run that no longer reaches scheduling points.
        ConsoleCancelEventHandler? onCancel = null;
        if (ReferenceEquals(output, Console.Out))
        {
            onCancel = (_, e) =>
            {
                e.Cancel = !console.Interrupt.StopRequested;
                console.Interrupt.RequestStop("interrupted");
            };
            Console.CancelKeyPress += onCancel;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is UsageException or ConfigurationException or TraceFormatException or ScenarioException or HistoryFormatException or LitmusFormatException)
        {
            Fail(error, e.Message);
            return BadInput;
        }
        catch (Exception e)
        {
            // Whatever else escapes is still one line and a non-zero exit, never a stack trace.
            Fail(error, $"internal error: {e.GetType().Name}: {e.Message}");
            return BadInput;
        }
        finally
        {
            if (onCancel is not null) Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Prints an error as the one line a person reads: prefixed, control characters escaped, at most <see cref="ErrorText.MaxLine"/> characters.</summary>
    public static void Fail(TextWriter error, string message) => error.WriteLine(ErrorText.Line("modelcheck: " + message));
}
