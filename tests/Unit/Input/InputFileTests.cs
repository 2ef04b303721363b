using System.Text;

namespace ModelCheck.Tests.Unit.Input;

/// <summary>
/// The one reader behind coyote.json, traces, litmus tests and histories: each problem the hostile-input
/// probe found is reproduced here against all four kinds, and each must be one line and exit 2.
/// </summary>
public sealed class InputFileTests
{
    public static TheoryData<string> Kinds => new(InputKinds.All);

    [Fact]
    public void The_valid_examples_are_read()
    {
        using var dir = new TempDirectory();
        foreach (var kind in InputKinds.All)
        {
            var outcome = InputKinds.Read(kind, dir.File(kind + ".json", InputKinds.Valid(kind)), dir["traces"]);
            Assert.True(outcome.Exit is 0 or 1, $"{kind}: {outcome}");
            Assert.DoesNotContain("modelcheck:", outcome.Err);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_duplicated_key(string kind)
    {
        using var dir = new TempDirectory();
        // The first key of the top-level object, repeated: the probe's commonest trace crash.
        var text = InputKinds.Valid(kind).Trim();
        int close = text.IndexOf(',');
        var path = dir.File("dup.json", "{" + text[1..close] + "," + text[1..]);
        InputKinds.AssertOneLine(InputKinds.Read(kind, path, dir["traces"]), "appears twice");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_lone_surrogate_in_a_value_or_a_key(string kind)
    {
        using var dir = new TempDirectory();
        var valid = InputKinds.Valid(kind).Trim();
        var inValue = dir.File("value.json", valid[..^1] + ", \"note\": \"a\\ud800b\"}");
        InputKinds.AssertOneLine(InputKinds.Read(kind, inValue, dir["traces"]), "lone surrogate");
        var inKey = dir.File("key.json", "{\"\\udc00\": 1, " + valid[1..]);
        InputKinds.AssertOneLine(InputKinds.Read(kind, inKey, dir["traces"]), "lone surrogate");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_character_device_is_never_read(string kind)
    {
        // /dev/zero streams zero bytes forever: reading it whole ran out of memory.
        using var dir = new TempDirectory();
        InputKinds.AssertOneLine(InputKinds.Read(kind, "/dev/zero", dir["traces"]), "not a regular file");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_fifo_is_never_opened(string kind)
    {
        // Opening a FIFO for reading blocks until a writer comes: the probe's run hung forever.
        using var dir = new TempDirectory();
        var fifo = dir["input.fifo"];
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
        var outcome = await Task.Run(() => InputKinds.Read(kind, fifo, dir["traces"])).WaitAsync(TimeSpan.FromSeconds(30));
        InputKinds.AssertOneLine(outcome, "not a regular file");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_directory_an_oversized_file_and_bytes_that_are_not_utf8(string kind)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["folder.json"]);
        InputKinds.AssertOneLine(InputKinds.Read(kind, dir["folder.json"], dir["traces"]), "is a directory");
        var huge = dir["huge.json"];
        using (var stream = File.Create(huge)) stream.SetLength(Engine.InputFile.MaxBytes + 1); // sparse: costs no disk
        InputKinds.AssertOneLine(InputKinds.Read(kind, huge, dir["traces"]), "input files are limited to 16 MB");
        var latin1 = dir["latin1.json"];
        File.WriteAllBytes(latin1, [.. Encoding.UTF8.GetBytes("{\"name\": \""), 0xE9, .. Encoding.UTF8.GetBytes("\"}")]);
        InputKinds.AssertOneLine(InputKinds.Read(kind, latin1, dir["traces"]), "is not UTF-8 text");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deep_nesting_and_a_huge_multi_line_value_stay_one_short_line(string kind)
    {
        using var dir = new TempDirectory();
        var deep = dir.File("deep.json", new string('[', 5000) + new string(']', 5000));
        InputKinds.AssertOneLine(InputKinds.Read(kind, deep, dir["traces"]));
        // A value of the wrong type, several megabytes of text with newlines in it: the probe saw a 31 MB error line.
        var big = string.Concat(Enumerable.Repeat("line\n", 600_000));
        var valid = InputKinds.Valid(kind).Trim();
        var wrong = dir.File("wrong.json", "{\"" + FirstKey(valid) + "\": [\"" + big.Replace("\n", "\\n") + "\"]" + valid[(valid.IndexOf(',')) ..]);
        InputKinds.AssertOneLine(InputKinds.Read(kind, wrong, dir["traces"]));
        var raw = dir.File("raw.json", valid[..^1] + "\n" + big + "}");
        InputKinds.AssertOneLine(InputKinds.Read(kind, raw, dir["traces"]), "not valid JSON");
    }

    static string FirstKey(string json)
    {
        int start = json.IndexOf('"') + 1;
        return json[start..json.IndexOf('"', start)];
    }
}
