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
}
