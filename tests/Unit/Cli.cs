using System.Diagnostics;
using ModelCheck.Cli;

namespace ModelCheck.Tests.Unit;

/// <summary>Runs `modelcheck` in this process, or as a separate process, and captures what it prints.</summary>
static class Cli
{
    public sealed record Outcome(int Exit, string Out, string Err)
    {
        public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}--- stderr\n{Err}";
    }

    public static string Root { get; } = FindRoot();

    public static string RepositoryConfiguration => Path.Combine(Root, "coyote.json");

    /// <summary>The user scenario assembly (tests/Scenarios), built in the configuration these tests were built in.</summary>
    public static string UserAssembly { get; } = Path.Combine(
        Root, "tests", "Scenarios", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "ModelCheck.Tests.Scenarios.dll");

    public static Outcome Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exit = CommandLine.Run(args, output, error);
        return new Outcome(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built modelcheck.dll with `dotnet` in a new process, in <paramref name="directory"/>.</summary>
    public static Outcome RunProcess(string directory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "modelcheck.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"modelcheck {string.Join(" ", args)} did not exit within two minutes");
        }
        return new Outcome(process.ExitCode, output, err.Result);
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelCheck.sln"))) return dir.FullName;
        throw new InvalidOperationException("ModelCheck.sln not found above the test binaries");
    }
}

/// <summary>A temporary directory for traces and configuration files, deleted with the test.</summary>
sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("modelcheck-test-").FullName;

    public string File(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
