using System.Diagnostics;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// Headless Chromium (Debian's `chromium`), started the same way every time: no sandbox or GPU (CI
/// containers have neither), nothing that reaches the network, and a fresh profile per run.
/// </summary>
public static class Chromium
{
    static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>The browser's path, or null when none is installed.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs the browser with the standard flags and <paramref name="arguments"/>; returns its stdout.</summary>
    public static string Run(string browser, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("modelcheck-chromium-");
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var flag in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={profile.FullName}",
                     })
                start.ArgumentList.Add(flag);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Limit.TotalSeconds}s");
            }
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {error.Result}");
            return output.Result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
