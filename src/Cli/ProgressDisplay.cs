using System.Globalization;
using ModelCheck.Engine;
using Spectre.Console;

namespace ModelCheck.Cli;

/// <summary>
/// A live progress bar for long explorations: executions done of the budget, executions per second,
/// bugs found and the time left. Shown only to a person at an interactive terminal, and never with
/// --no-progress, so logs, redirected output and snapshots stay byte-for-byte clean.
/// </summary>
public sealed class ProgressDisplay(ConsoleOutput console, bool disabled)
{
    bool Enabled => !disabled && console.ShowTiming && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public ExplorationReport Explore(Scenario scenario, TestConfiguration configuration, ExplorationControl control)
    {
        if (!Enabled) return Explorer.Explore(scenario, configuration, stop: control);
        ExplorationReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(scenario.Name), maxValue: configuration.Iterations);
                report = Explorer.Explore(scenario, configuration, p =>
                {
                    task.Value = p.Executions;
                    task.Description = Markup.Escape(Describe(scenario, configuration, p));
                }, control);
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>
    /// Runs <paramref name="work"/> under one bar when a person watches (<paramref name="work"/> gets the
    /// update to call: done, of total, and the text), else without a bar (it gets null).
    /// </summary>
    public T Track<T>(string title, Func<Action<double, double, string>?, T> work)
    {
        if (!Enabled) return work(null);
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                result = work((done, total, text) =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = Math.Min(done, task.MaxValue);
                    task.Description = Markup.Escape(text);
                });
            });
        return result;
    }

    static string Describe(Scenario scenario, TestConfiguration configuration, ExplorationProgress p)
    {
        double seconds = Math.Max(p.Elapsed.TotalSeconds, 1e-3);
        double rate = p.Executions / seconds;
        // The portfolio may run past the budget (its exhaustive part runs as many executions as the space has).
        double left = Math.Max(p.Budget - p.Executions, 0) / Math.Max(rate, 1e-9);
        if (configuration.TimeoutSeconds is { } timeout) left = Math.Min(left, Math.Max(timeout - seconds, 0));
        var c = CultureInfo.InvariantCulture;
        int secondsLeft = (int)Math.Ceiling(left);
        return string.Format(c, "{0}  {1:N0}/{2:N0}  {3:N0} exec/s  {4} {5}  {6}m{7:D2}s left",
            scenario.Name, p.Executions, p.Budget, rate, p.Bugs, p.Bugs == 1 ? "bug" : "bugs", secondsLeft / 60, secondsLeft % 60);
    }
}
