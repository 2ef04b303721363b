using System.Diagnostics;

namespace ModelCheck.Tests.Unit.Deploy;

/// <summary>
/// `dotnet pack` makes a .NET tool package of the CLI, and `dotnet tool install --add-source` installs it
/// as the `modelcheck` command, which runs. Everything goes to a temporary directory (tool path, package
/// cache, a NuGet configuration whose only source is the packed folder), so nothing is fetched or left behind.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void The_packed_tool_installs_and_its_command_lists_the_scenarios()
    {
        using var dir = new TempDirectory();
        // The CLI was built in this configuration with the tests; pack it as it is.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var packages = dir["packages"];
        Run(Cli.Root, dir["nuget-cache"], "dotnet", "pack", Path.Combine(Cli.Root, "src", "Cli"), "-c", configuration, "--no-build", "-o", packages);
        Assert.Single(Directory.GetFiles(packages, "ModelCheck.*.nupkg"));

        var config = dir.File("nuget.config", "<configuration><packageSources><clear /></packageSources></configuration>");
        Run(dir.Path, dir["nuget-cache"], "dotnet", "tool", "install", "ModelCheck", "--tool-path", dir["tools"], "--add-source", packages, "--configfile", config);

        var list = Run(dir.Path, dir["nuget-cache"], Path.Combine(dir["tools"], OperatingSystem.IsWindows() ? "modelcheck.exe" : "modelcheck"), "list", "engine");
        Assert.Contains("engine/racy-counter", list);
        Assert.Contains("engine/mutex-counter", list);
    }

    static string Run(string directory, string cache, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program == "dotnet" ? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet" : program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // A private package cache: an earlier package of the same version must not stand in for this one.
        start.Environment["NUGET_PACKAGES"] = cache;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(" ", args)} did not finish within three minutes");
        }
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(" ", args)} exited {process.ExitCode}\n{output}\n{error.Result}");
        return output;
    }
}
