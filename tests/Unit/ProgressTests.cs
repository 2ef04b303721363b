using ModelCheck.Cli;

namespace ModelCheck.Tests.Unit;

/// <summary>The progress bar is for terminals only: output that is not the console (logs, CI, snapshots) carries none of it.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void Redirected_output_has_no_progress_and_is_the_same_with_or_without_no_progress()
    {
        var directory = Directory.CreateTempSubdirectory("modelcheck-progress-");
        try
        {
            var config = Path.Combine(directory.FullName, "coyote.json");
            File.WriteAllText(config, $$"""{ "iterations": 3000, "seed": 4, "outdir": "{{directory.FullName.Replace("\\", "/")}}" }""");
            string Run(params string[] extra)
            {
                var (output, error) = (new StringWriter(), new StringWriter());
                Assert.Equal(CommandLine.Ok, CommandLine.Run(["test", "engine/mutex-counter", "--config", config, .. extra], output, error));
                return output.ToString();
            }
            var plain = Run();
            Assert.DoesNotContain('\u001b', plain);
            Assert.DoesNotContain("executions/s", plain);
            Assert.Equal(plain, Run("--no-progress"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
