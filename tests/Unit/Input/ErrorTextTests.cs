using ModelCheck.Engine;

namespace ModelCheck.Tests.Unit.Input;

public sealed class ErrorTextTests
{
    [Fact]
    public void Control_characters_are_escaped_and_pairs_kept()
    {
        Assert.Equal("a\\nb\\tc\\u0001d\\u2028e", ErrorText.Line("a\nb\tc\u0001d\u2028e"));
        Assert.Equal("pair 😀 lone \\ud800 x", ErrorText.Line("pair 😀 lone \ud800 x"));
    }

    [Fact]
    public void A_long_line_keeps_its_start_and_end()
    {
        var line = ErrorText.Line("start " + new string('x', 100_000) + " end");
        Assert.Equal(ErrorText.MaxLine, line.Length);
        Assert.StartsWith("start ", line);
        Assert.EndsWith(" end", line);
        Assert.Contains("...", line);
    }

    [Fact]
    public void An_internal_error_is_still_one_line_and_exit_2()
    {
        // A FormatException from deep inside is not an input error the commands know, yet it must not crash.
        var error = new StringWriter();
        ModelCheck.Cli.CommandLine.Fail(error, "internal error: FormatException: line one\nline two");
        Assert.Equal("modelcheck: internal error: FormatException: line one\\nline two\n", error.ToString().Replace("\r\n", "\n"));
    }
}
