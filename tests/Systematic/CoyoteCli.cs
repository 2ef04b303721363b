using System.Diagnostics;

namespace ModelCheck.Tests.Systematic;

/// <summary>
/// Runs the Coyote CLI (`dotnet coyote ...`, the local tool of .config/dotnet-tools.json) on the rewritten
/// tests/Coyote assembly of the same build configuration as these tests, from the repository root.
/// </summary>
static class CoyoteCli
{
    public sealed record Outcome(int Exit, string Output)
    {
        public override string ToString() => $"exit {Exit}\n{Output}";
    }

    /// <summary>tests/Coyote's assembly, built (and rewritten) in this test assembly's configuration.</summary>
    public static string TestAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;   // bin/<configuration>/net10.0/
            var path = Path.Combine(RepositoryConfiguration.Root, "tests", "Coyote", "bin", configuration, "net10.0", "ModelCheck.Tests.Coyote.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build the solution (tests/Coyote) first");
            return path;
        }
    }

    public static Outcome Run(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryConfiguration.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["COYOTE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.ArgumentList.Add("coyote");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet coyote {string.Join(" ", args)} did not exit within five minutes");
        }
        var all = output + error.Result;
        // .NET's own message when the manifest's tool is not in the NuGet cache: say what to do, never pass.
        Assert.False(all.Contains("Could not execute") || all.Contains("dotnet tool restore"),
            $"the Coyote CLI is not restored: run 'dotnet tool restore' at the repository root\n{all}");
        return new Outcome(process.ExitCode, all);
    }

    /// <summary>A fresh directory for Coyote's reports (-o), deleted afterwards.</summary>
    public sealed class OutputDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("coyote-cli-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
