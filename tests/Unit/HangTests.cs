using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ModelCheck.Tests.Unit;

/// <summary>
/// Code that never reaches a scheduling point: each of the probe's three hangs (a spinning task, a spinning
/// main task, a sync-over-async wait) is reported as a `hang` naming the task and the step, with the trace so
/// far, and the process ends, since a spinning .NET thread cannot be stopped. So these run `modelcheck` as a
/// child process, with a one-second step timeout to stay fast.
/// </summary>
public sealed class HangTests
{
    [Theory]
    [InlineData("hang/spinning-task", "spinner", 3)]
    [InlineData("hang/spinning-main", "main", 1)]
    [InlineData("hang/blocking-wait", "waiter", 3)]
    public void A_task_that_never_reaches_a_scheduling_point_is_a_hang(string scenario, string task, int step)
    {
        using var dir = new TempDirectory();
        var clock = Stopwatch.StartNew();
        var outcome = Cli.RunProcess(dir.Path, "test", Cli.UserAssembly, scenario, "--step-timeout", "1", "--timeout", "1",
            "--config", Cli.RepositoryConfiguration, "--outdir", dir["traces"]);
        Assert.True(outcome.Exit == 1, outcome.ToString());
        Assert.Contains($"  bug       hang at step {step} of execution 1: task '{task}' ran for 1s without reaching a scheduling point", outcome.Out);
        Assert.Contains("the hang ends the run", outcome.Out);
        var trace = Path.Combine(dir["traces"], scenario.Replace('/', '_') + ".trace.json");
        Assert.True(File.Exists(trace), outcome.ToString());
        Assert.Contains("\"kind\": \"hang\"", File.ReadAllText(trace));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        if (scenario != "hang/spinning-task") return;
        // The trace so far replays to the same hang at the same step.
        var replay = Cli.RunProcess(dir.Path, "replay", trace, "--assembly", Cli.UserAssembly, "--step-timeout", "1");
        Assert.True(replay.Exit == 0, replay.ToString());
        Assert.Contains("replay    reproduced", replay.Out);
        Assert.Contains(" 3 ! |", replay.Out);
    }

    [Fact]
    public void Expect_counts_an_expected_hang_and_says_what_was_not_explored()
    {
        using var dir = new TempDirectory();
        var outcome = Cli.RunProcess(dir.Path, "test", Cli.UserAssembly, "hang", "--expect", "--step-timeout", "1",
            "--config", Cli.RepositoryConfiguration, "--outdir", dir["traces"]);
        Assert.True(outcome.Exit == 1, outcome.ToString());
        Assert.Matches(@"hang/blocking-wait +hang +hang +1 +- +no\n", outcome.Out);
        Assert.Contains("1 of 3 scenarios: 1 as expected, 0 not; the hang ends the run, 2 not explored", outcome.Out);
    }

    [Fact]
    public void A_hang_trace_cannot_be_minimised()
    {
        using var dir = new TempDirectory();
        var trace = dir.File("hang.trace.json", File.ReadAllText(Path.Combine(Cli.Root, "tests", "Snapshots", "Traces", "engine_racy-counter.min.trace.json"))
            .Replace("\"engine/racy-counter\"", "\"hang/spinning-task\"").Replace("\"kind\": \"assertion\"", "\"kind\": \"hang\""));
        var outcome = Cli.Run("replay", trace, "--assembly", Cli.UserAssembly, "--minimize");
        Assert.Equal(2, outcome.Exit);
        Assert.Contains("a hang's trace cannot be minimised", Assert.Single(outcome.ErrLines));
    }

    [Fact]
    public void The_timeout_stops_an_execution_in_the_middle()
    {
        // One execution of two billion steps would run for minutes; the time budget reaches inside it.
        using var dir = new TempDirectory();
        var clock = Stopwatch.StartNew();
        var outcome = Cli.Run("test", Cli.UserAssembly, "endless/yielding", "--max-steps", "2000000000", "--timeout", "1",
            "--config", Cli.RepositoryConfiguration, "--outdir", dir["traces"]);
        Assert.True(outcome.Exit == 0, outcome.ToString());
        Assert.Contains("explored  0 executions", outcome.Out);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    /// <summary>
    /// A process started in the background by a shell without job control (a CI runner's script, `cmd &amp;`)
    /// ignores SIGINT, its children inherit that, and .NET then rightly leaves Ctrl-C alone. The test is about
    /// our handler, not the runner, so when this test host ignores SIGINT it restores the default before
    /// starting the child; nothing was installed over the ignored disposition, so nothing is lost.
    /// </summary>
    static void LetChildrenReceiveSigint()
    {
        const int sigint = 2;
        var ignored = File.ReadLines("/proc/self/status").First(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
        if ((Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & (1UL << (sigint - 1))) != 0) signal(sigint, 0);
    }

    [DllImport("libc", SetLastError = true)]
    static extern nint signal(int signum, nint handler);

    [Fact]
    public async Task Ctrl_c_prints_the_summary_so_far_and_exits_130_leaving_written_traces_valid()
    {
        using var dir = new TempDirectory();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "modelcheck.dll"), "test", "engine/lock-order-deadlock", "engine/mutex-counter",
                     "-i", "2000000000", "--strategy", "random", "--config", Cli.RepositoryConfiguration, "--outdir", dir["traces"] })
            start.ArgumentList.Add(arg);
        LetChildrenReceiveSigint();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // The first scenario's trace is written before the second starts its endless run: interrupt that one.
        var trace = Path.Combine(dir["traces"], "engine_lock-order-deadlock.trace.json");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(trace) && waited.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited) await Task.Delay(50);
        await Task.Delay(500);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) await kill.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var outcome = new Cli.Outcome(process.ExitCode, await output, await error);
        Assert.True(outcome.Exit == 130, outcome.ToString());
        Assert.Contains("engine/mutex-counter  (", outcome.Out);
        Assert.Matches(@"  explored  \d+ executions, \d+ steps\n  interrupted by Ctrl-C", outcome.Out);
        Assert.Equal(0, Cli.Run("replay", trace).Exit);
    }

    /// <summary>
    /// On a terminal the progress bar hides the cursor; a hang ends the process from the watchdog, past the
    /// bar's own clean-up, so the command shows the cursor again itself. `script` (util-linux, on every
    /// Debian-like machine) gives the run a pseudo-terminal; where it is missing there is no terminal to test.
    /// </summary>
    [Fact]
    public async Task A_hang_on_a_terminal_leaves_the_cursor_visible()
    {
        var script = new[] { "/usr/bin/script", "/bin/script" }.FirstOrDefault(File.Exists);
        if (script is null) return;
        using var dir = new TempDirectory();
        var command = string.Join(" ", new[] { Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            Path.Combine(AppContext.BaseDirectory, "modelcheck.dll"), "test", Cli.UserAssembly, "hang/spinning-task", "--step-timeout", "1",
            "--config", Cli.RepositoryConfiguration, "--outdir", dir["traces"] }.Select(a => "'" + a + "'"));
        var start = new ProcessStartInfo(script) { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-qec", command, "/dev/null" }) start.ArgumentList.Add(arg);
        start.Environment["TERM"] = "xterm";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        var text = await output;
        Assert.Contains("hang at step 3 of execution 1", text);
        int hidden = text.LastIndexOf("\u001b[?25l", StringComparison.Ordinal);
        Assert.True(hidden >= 0, "the progress bar never hid the cursor: " + text);
        Assert.True(text.IndexOf("\u001b[?25h", hidden, StringComparison.Ordinal) > hidden, "the cursor was left hidden: " + text);
    }
}
