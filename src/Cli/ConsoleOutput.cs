using ModelCheck.Engine;

namespace ModelCheck.Cli;

/// <summary>
/// Where the command writes. Results go to <see cref="Out"/> and are a function of the inputs, so
/// two runs with the same seed print the same bytes. Clock figures (times, rates) go with them only
/// when a person is watching a terminal; otherwise they go to <see cref="Error"/>.
/// </summary>
public sealed class ConsoleOutput(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>True when clock figures may appear in the results: stdout is the real, unredirected console.</summary>
    public bool ShowTiming => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    public TextWriter Timing => ShowTiming ? Out : Error;

    /// <summary>Ctrl-C asks this to stop: explorations end at their next scheduling point and the command prints what it has.</summary>
    public ExplorationControl Interrupt { get; } = new();

    /// <summary>Shows the terminal's cursor again (a progress bar hides it) before the process ends early.</summary>
    public void RestoreCursor()
    {
        if (ShowTiming) Out.Write("\u001b[?25h");
        Out.Flush();
        Error.Flush();
    }
}
